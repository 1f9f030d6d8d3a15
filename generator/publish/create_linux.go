package publish

import (
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// createNew creates name, which must not exist, for writing. The file is
// opened with the system call itself, then handed to the os package:
// os.OpenFile makes every file it opens non-blocking, offers it to its
// poller, which refuses a regular file, and makes it blocking again, four
// calls more for each of the thousands of files a build writes.
func createNew(name string) (*os.File, error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}
