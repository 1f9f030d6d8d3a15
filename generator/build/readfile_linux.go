package build

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// readFile is os.ReadFile with the system calls themselves: open, the
// size, the bytes, the end, close. The os package also makes each file
// non-blocking, offers it to its poller, which refuses a regular file,
// and makes it blocking again, five calls more for each file read.
func readFile(name string) ([]byte, error) {
	fd, err := retry(func() (int, error) { return unix.Open(name, unix.O_RDONLY|unix.O_CLOEXEC, 0) })
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	// One byte more than the size, so that the end is read without a
	// second allocation; a file that grew meanwhile is read to its end.
	b := make([]byte, 0, max(st.Size, 511)+1)
	for {
		n, err := retry(func() (int, error) { return unix.Read(fd, b[len(b):cap(b)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// retry calls f again while the system call was interrupted.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != unix.EINTR {
			return n, err
		}
	}
}
