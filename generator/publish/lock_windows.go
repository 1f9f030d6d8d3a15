package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// canLock says that builds can take the destination's lock here.
const canLock = true

// tryLock takes an exclusive lock on f without waiting; ok is false when
// another handle holds it. Windows drops it when its holder dies.
func tryLock(f *os.File) (ok bool, err error) {
	var ol windows.Overlapped
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	return err == nil, err
}
