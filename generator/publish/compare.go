package publish

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"time"
)

// chunk is how much of each file is compared at a time, so that comparing a
// video costs two small buffers rather than two copies of the video.
const chunk = 64 << 10

// keepIfSame reports whether the old destination holds a regular file at rel
// with the same size bytes that open yields. If it does, dst has become a
// hard link to that file, which keeps its inode and modification time; where
// linking fails (another file system, no hard links) dst is a copy carrying
// the old modification time.
func (s *Stage) keepIfSame(local, dst string, size int64, open func() (io.ReadCloser, error)) (bool, error) {
	if s.root == nil {
		return false, nil
	}
	// The root confines these reads to the old destination, even through
	// symbolic links inside it.
	info, err := s.root.Lstat(local)
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
	same := equalContents(old, src, size)
	src.Close()
	if !same {
		return false, nil
	}
	if s.link(filepath.Join(s.dest, local), dst) == nil {
		return true, nil
	}
	if _, err := old.Seek(0, io.SeekStart); err != nil {
		return false, nil
	}
	if err := s.createFrom(dst, old); err != nil {
		return false, err
	}
	return true, os.Chtimes(dst, time.Time{}, info.ModTime())
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
