package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Stage is a folder beside the destination that a build writes into; Commit
// makes it the destination and Abort throws it away. Its methods are safe
// for concurrent use.
type Stage struct {
	dest string // absolute, symlinks resolved: the folder being replaced
	dir  string // the stage folder, a sibling of dest

	// life is held shared by every WriteFile and CopyFile and exclusively by
	// Commit and Abort, so the stage never moves under a write.
	life   sync.RWMutex
	closed bool
	root   *os.Root // the old dest, for reads that cannot escape it; nil if none

	// exchange and link are the platform's; fields so that tests can take
	// the fallback paths too.
	exchange func(a, b string) error
	link     func(oldname, newname string) error

	dirs sync.Map // folders of the stage known to exist: one mkdir each

	mu        sync.Mutex
	outputs   map[string]bool // slash-separated paths written so far
	written   int
	unchanged int
}

// Stats counts the files of one Commit. Removed counts files of the old
// destination that the new site lacks; preserved dot-entries are not counted.
type Stats struct{ Written, Unchanged, Removed int }

// Begin prepares a stage for dest, an absolute or relative folder path that
// need not exist yet. The stage is created in dest's parent (as
// .NAME.loa-XXXXXX) so that renaming it into place stays on one file system.
// A dest that is a symbolic link is followed: the folder it points to is
// replaced and the link is kept.
func Begin(dest string) (*Stage, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("publish to %s: %w", dest, err)
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("publish to %s: %w", dest, err)
	}
	if err := refuse(abs); err != nil {
		return nil, fmt.Errorf("publish to %s: %w", dest, err)
	}
	s := &Stage{dest: abs, exchange: exchange, link: os.Link, outputs: make(map[string]bool)}
	switch info, err := os.Stat(abs); {
	case err == nil && !info.IsDir():
		return nil, fmt.Errorf("publish to %s: not a folder", dest)
	case err == nil:
		if s.root, err = os.OpenRoot(abs); err != nil {
			return nil, fmt.Errorf("publish to %s: %w", dest, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("publish to %s: %w", dest, err)
	}
	parent := filepath.Dir(abs)
	err = os.MkdirAll(parent, 0o755)
	if err == nil {
		s.dir, err = os.MkdirTemp(parent, "."+filepath.Base(abs)+".loa-*")
	}
	if err == nil {
		// MkdirTemp makes the folder private; the site is meant to be served.
		err = os.Chmod(s.dir, 0o755)
	}
	if err != nil {
		s.closeRoot()
		if s.dir != "" {
			os.RemoveAll(s.dir)
		}
		return nil, fmt.Errorf("publish to %s: create stage: %w", dest, err)
	}
	return s, nil
}

// refuse rejects destinations whose replacement would wipe something that is
// surely not a generated site: a root folder, the home folder or one that
// holds it, and the working folder or one that holds it (say, "-o .").
func refuse(abs string) error {
	if filepath.Dir(abs) == abs {
		return errors.New("refusing to replace a root folder")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" && within(abs, home) {
		return errors.New("refusing to replace the home folder or a folder holding it")
	}
	if wd, err := os.Getwd(); err == nil && within(abs, wd) {
		return errors.New("refusing to replace the current folder or a folder holding it")
	}
	return nil
}

// within reports whether path is dir or lies inside it; both are made
// absolute and, where they exist, have their symbolic links resolved.
func within(dir, path string) bool {
	norm := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			p = a
		}
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		return p
	}
	rel, err := filepath.Rel(norm(dir), norm(path))
	if err != nil {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// WriteFile stores one output file at rel, a clean slash-separated relative
// path. If the destination already holds those exact bytes at rel, the stage
// gets a hard link to that file (or, where linking fails, a copy with its
// modification time) so the file reads as unchanged.
func (s *Stage) WriteFile(rel string, data []byte) error {
	return s.store(rel, int64(len(data)), func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	})
}

// CopyFile is WriteFile for the file name in fsys. It streams the file, so
// large images and videos are never held in memory: sizes are compared
// first, then contents chunk by chunk.
func (s *Stage) CopyFile(rel string, fsys fs.FS, name string) error {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return fmt.Errorf("copy %s: %w", name, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("copy %s: not a regular file", name)
	}
	err = s.store(rel, info.Size(), func() (io.ReadCloser, error) {
		return fsys.Open(name)
	})
	if err != nil {
		return fmt.Errorf("copy %s: %w", name, err)
	}
	return nil
}

// store claims rel, then links or copies the old destination file when it
// holds the same size bytes that open yields, or writes them anew.
func (s *Stage) store(rel string, size int64, open func() (io.ReadCloser, error)) error {
	local, err := localPath(rel)
	if err != nil {
		return err
	}
	s.life.RLock()
	defer s.life.RUnlock()
	if s.closed {
		return fmt.Errorf("write %s: stage already committed or aborted", rel)
	}
	if err := s.claim(rel); err != nil {
		return err
	}
	dst := filepath.Join(s.dir, local)
	if err := s.mkdir(filepath.Dir(dst)); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	kept, err := s.keepIfSame(local, dst, size, open)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	if !kept {
		if err := writeNew(dst, open); err != nil {
			return fmt.Errorf("write %s: %w", rel, err)
		}
	}
	s.mu.Lock()
	if kept {
		s.unchanged++
	} else {
		s.written++
	}
	s.mu.Unlock()
	return nil
}

// localPath checks that rel names a file inside the stage and converts it to
// the operating system's form.
func localPath(rel string) (string, error) {
	if rel == "" || rel == "." {
		return "", fmt.Errorf("write %q: empty output path", rel)
	}
	if !fs.ValidPath(rel) {
		return "", fmt.Errorf("write %s: output path must be clean, relative and stay inside the site", rel)
	}
	local, err := filepath.Localize(rel)
	if err != nil {
		return "", fmt.Errorf("write %s: output path is not valid on this system", rel)
	}
	return local, nil
}

func (s *Stage) claim(rel string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.outputs[rel] {
		return fmt.Errorf("two outputs write %s", rel)
	}
	s.outputs[rel] = true
	return nil
}

// writeNew streams the bytes from open into a new file at dst.
// mkdir creates a folder of the stage once; thousands of pages share few
// folders, and a system call per file is the build's biggest cost otherwise.
func (s *Stage) mkdir(dir string) error {
	if _, ok := s.dirs.Load(dir); ok {
		return nil
	}
	var err error
	if _, ok := s.dirs.Load(filepath.Dir(dir)); ok {
		if err = os.Mkdir(dir, 0o755); errors.Is(err, fs.ErrExist) {
			err = nil
		}
	} else {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	s.dirs.Store(dir, true)
	return nil
}

func writeNew(dst string, open func() (io.ReadCloser, error)) error {
	src, err := open()
	if err != nil {
		return err
	}
	defer src.Close()
	return createFrom(dst, src)
}

// createFrom creates dst, which must not exist yet, with the bytes of r.
func createFrom(dst string, r io.Reader) error {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Abort removes the stage and leaves the destination untouched. It does
// nothing after Commit or a previous Abort.
func (s *Stage) Abort() error {
	s.life.Lock()
	defer s.life.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.closeRoot()
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("remove stage %s: %w", s.dir, err)
	}
	return nil
}

func (s *Stage) closeRoot() {
	if s.root != nil {
		s.root.Close()
		s.root = nil
	}
}
