package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// disk is how a stage creates its folder, subfolders and files: a field of
// the stage so that tests can fail them as a full or read-only disk does.
type disk struct {
	mkdirTemp func(dir, pattern string) (string, error)
	mkdir     func(name string, perm fs.FileMode) error
	create    func(name string) (io.WriteCloser, error) // a new file; fails if name exists
}

func osDisk() disk {
	return disk{
		mkdirTemp: os.MkdirTemp,
		mkdir:     os.Mkdir,
		create: func(name string) (io.WriteCloser, error) {
			f, err := createNew(name)
			if err != nil {
				return nil, err // not a nil *os.File in a non-nil interface
			}
			return f, nil
		},
	}
}

// DiskError is a write that the machine refused rather than a fault of the
// site: the disk is full, read-only, or not ours to write. A stage that met
// one fails every later write with it, and the destination is left as it
// was.
type DiskError struct {
	Dest string // the destination, as given to Begin
	Err  error
}

func (e *DiskError) Error() string {
	en, vi := "permission denied", "không có quyền ghi"
	switch {
	case errors.Is(e.Err, syscall.ENOSPC), errors.Is(e.Err, syscall.EDQUOT):
		en, vi = "the disk is full", "ổ đĩa đã đầy"
	case errors.Is(e.Err, syscall.EROFS):
		en, vi = "the disk is read-only", "ổ đĩa chỉ cho đọc"
	}
	return fmt.Sprintf("cannot publish to %s: %s (%s); it was left as it was (thư mục vẫn giữ nguyên): %v",
		e.Dest, en, vi, e.Err)
}

func (e *DiskError) Unwrap() error { return e.Err }

// asDiskError wraps err as a DiskError when the machine refused the write,
// and returns nil otherwise.
func asDiskError(dest string, err error) *DiskError {
	var src sourceError
	if errors.As(err, &src) {
		return nil
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) ||
		errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission) {
		return &DiskError{Dest: dest, Err: err}
	}
	return nil
}

// sourceError is a failure to read what is being published, so that an
// unreadable source file is reported as itself, not as a refusing disk.
type sourceError struct{ err error }

func (e sourceError) Error() string { return e.err.Error() }
func (e sourceError) Unwrap() error { return e.err }

// markSource makes the error of opening what is published a sourceError.
// Reads are left unwrapped, so that io.Copy between two files stays a copy
// in the kernel; a read failing as a refusing disk would is not a case seen.
func markSource(open func() (io.ReadCloser, error)) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) {
		rc, err := open()
		if err != nil {
			return nil, sourceError{err}
		}
		return rc, nil
	}
}
