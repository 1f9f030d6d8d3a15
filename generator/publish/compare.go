package publish

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
)

// chunk is how much of each file is compared at a time, so that comparing a
// video costs two small buffers rather than two copies of the video.
const chunk = 64 << 10

// sameAsDest reports whether the old destination holds a regular file at
// local with the same size bytes that open yields. Such a file is left
// where it is: nothing is linked or copied until Commit knows how it will
// publish.
func (s *Stage) sameAsDest(local string, size int64, open func() (io.ReadCloser, error)) (bool, error) {
	if s.root == nil {
		return false, nil
	}
	// Lstat, which never follows the last name, keeps a pipe from being
	// opened; the root confines the read to the old destination, even
	// through symbolic links inside it. A plain Lstat costs a third of the
	// root's, which opens every folder on the way.
	info, err := os.Lstat(filepath.Join(s.dest, local))
	if err != nil || !info.Mode().IsRegular() || info.Size() != size {
		return false, nil
	}
	old, err := s.root.Open(local)
	if err != nil {
		return false, nil
	}
	defer old.Close()
	src, err := open()
	if err != nil {
		return false, err
	}
	defer src.Close()
	return equalContents(old, src, size), nil
}

// equalContents reports whether a and b yield the same bytes; size, the
// expected length of both, only bounds the buffers. A read error counts as
// a difference, so the caller writes the file anew and meets the error there.
func equalContents(a, b io.Reader, size int64) bool {
	n := int(max(1, min(size, chunk)))
	bufA, bufB := make([]byte, n), make([]byte, n)
	for {
		na, errA := io.ReadFull(a, bufA)
		nb, errB := io.ReadFull(b, bufB)
		if na != nb || !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false
		}
		endA, endB := isEnd(errA), isEnd(errB)
		if (errA != nil && !endA) || (errB != nil && !endB) {
			return false
		}
		if endA || endB {
			return endA && endB
		}
	}
}

func isEnd(err error) bool { return err == io.EOF || err == io.ErrUnexpectedEOF }
