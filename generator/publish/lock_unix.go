//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// canLock says that builds can take the destination's lock here.
const canLock = true

// tryLock takes an exclusive flock on f without waiting; ok is false when
// another open file holds it. The kernel drops it when its holder dies,
// even by kill -9.
func tryLock(f *os.File) (ok bool, err error) {
	err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
