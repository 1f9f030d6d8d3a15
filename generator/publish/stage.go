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
	"time"
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
	// listing is the old dest as a walk found it when the stage opened;
	// nil if there is none.
	listing *listing

	// exchange and link are the platform's; fields so that tests can take
	// the fallback paths too, as disk lets them fail writes.
	exchange func(a, b string) error
	link     func(oldname, newname string) error
	disk     disk
	// inPlace is Commit's choice between changing the destination file by
	// file and exchanging it whole (fewChanges); step, if set, is called
	// before the first change made in place and after each, so that tests
	// can kill a commit there.
	inPlace func(changes, files int) bool
	step    func()
	// rename moves the folders where exchange is unsupported, waiting
	// backoff, then twice that, … between attempts (see renameRetry).
	rename  func(oldname, newname string) error
	backoff time.Duration

	given string    // dest as the caller named it, for messages
	lock  *destLock // held from Begin to Commit or Abort

	dirs sync.Map // folders of the stage known to exist: one mkdir each

	mu        sync.Mutex
	outputs   map[string]fate // slash-separated paths claimed so far
	written   int
	unchanged int
	failed    *DiskError // the first write the machine refused
}

// fate is what became of one output.
type fate uint8

const (
	pending fate = iota // claimed, being compared or written
	written             // new bytes, in the stage at the same path
	kept                // the old destination's file, unchanged
)

// Stats counts the files of one Commit. Removed counts files of the old
// destination that the new site lacks; preserved dot-entries are not counted.
type Stats struct{ Written, Unchanged, Removed int }

// Begin prepares a stage for dest, an absolute or relative folder path that
// need not exist yet, with the default Options.
func Begin(dest string) (*Stage, error) { return BeginWith(dest, Options{}) }

// BeginWith prepares a stage for dest. The stage is created in dest's parent
// (as .NAME.loa-XXXXXX) so that renaming it into place stays on one file
// system. A dest that is a symbolic link is followed: the folder it points
// to is replaced and the link is kept.
//
// The stage holds dest's lock until Commit or Abort: a second build of the
// same dest waits here, as o says. Holding it, Begin removes the stages of
// builds that were killed.
func BeginWith(dest string, o Options) (*Stage, error) { return begin(dest, o, osDisk()) }

func begin(dest string, o Options, d disk) (*Stage, error) {
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
	s := &Stage{dest: abs, given: dest, exchange: exchange, link: os.Link, disk: d,
		rename: os.Rename, backoff: renameBackoff, inPlace: fewChanges, outputs: make(map[string]fate)}
	if err := s.open(o); err != nil {
		s.closeRoot()
		s.lock.unlock()
		if de := asDiskError(dest, err); de != nil {
			return nil, de
		}
		return nil, fmt.Errorf("publish to %s: %w", dest, err)
	}
	return s, nil
}

// open takes the lock, clears what killed builds left, opens the old
// destination and creates the stage folder.
func (s *Stage) open(o Options) (err error) {
	parent := filepath.Dir(s.dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if s.lock, err = lockDest(s.dest, o); err != nil {
		return err
	}
	if err := recoverStale(s.dest); err != nil {
		return err
	}
	switch info, err := os.Stat(s.dest); {
	case err == nil && !info.IsDir():
		return errors.New("not a folder")
	case err == nil:
		if s.root, err = os.OpenRoot(s.dest); err != nil {
			return err
		}
		s.listing = startListing(s.dest)
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	s.dir, err = s.disk.mkdirTemp(parent, stagePrefix(s.dest)+"*")
	if err == nil {
		// MkdirTemp makes the folder private; the site is meant to be served.
		err = os.Chmod(s.dir, 0o755)
	}
	if err != nil {
		if s.dir != "" {
			os.RemoveAll(s.dir)
		}
		return fmt.Errorf("create stage: %w", err)
	}
	s.dirs.Store(s.dir, true)
	return nil
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
// path. If the destination already holds those exact bytes at rel, the file
// is only counted as unchanged: Commit leaves it where it is (or links it
// into the stage), so it keeps its inode and modification time. Otherwise
// the bytes go into the stage. data is not kept once WriteFile returns:
// the caller may reuse it.
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

// Keep publishes the destination's file at rel as it is. It is for a
// caller that knows from a cache of its own that its output at rel is
// what the destination holds, and so spares rendering and comparing it:
// the file must still be the one the caller saw there, of that size and
// modification time, and not one another build or program wrote since.
// Keep fails, wrapping fs.ErrNotExist, when the destination holds no
// such regular file at rel; on any error rel stays free, for the caller
// to write the output instead.
func (s *Stage) Keep(rel string, size int64, mod time.Time) error {
	local, err := localPath(rel)
	if err != nil {
		return err
	}
	s.life.RLock()
	defer s.life.RUnlock()
	if err := s.enter(rel); err != nil {
		return err
	}
	if err := s.destHas(rel, local, size, mod); err != nil {
		s.release(rel)
		return fmt.Errorf("keep %s: %w", rel, err)
	}
	s.settle(rel, kept)
	return nil
}

// destHas checks that the old destination holds a regular file at rel
// (local in the system's form) of that size and modification time: in the
// listing, or where the listing has none (a file past a link inside the
// destination, or below a dot-folder), through the root so that a
// symbolic link cannot lead out.
func (s *Stage) destHas(rel, local string, size int64, mod time.Time) error {
	if s.root == nil {
		return fmt.Errorf("no site there yet: %w", fs.ErrNotExist)
	}
	e, ok := s.listing.regular(rel)
	if !ok {
		info, err := s.root.Lstat(local)
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("not a regular file: %w", fs.ErrNotExist)
		}
		e = listed{size: info.Size(), mod: info.ModTime()}
	}
	if e.size != size || !e.mod.Equal(mod) {
		return fmt.Errorf("written since: %w", fs.ErrNotExist)
	}
	return nil
}

// store claims rel, then counts it unchanged when the old destination
// holds the same size bytes that open yields, or writes them to the stage.
func (s *Stage) store(rel string, size int64, open func() (io.ReadCloser, error)) error {
	local, err := localPath(rel)
	if err != nil {
		return err
	}
	s.life.RLock()
	defer s.life.RUnlock()
	if err := s.enter(rel); err != nil {
		return err
	}
	f, err := s.put(local, size, markSource(open))
	if err != nil {
		s.release(rel)
		err = fmt.Errorf("write %s: %w", rel, err)
		if de := asDiskError(s.given, err); de != nil {
			s.mu.Lock()
			if s.failed == nil {
				s.failed = de
			}
			s.mu.Unlock()
			return de
		}
		return err
	}
	s.settle(rel, f)
	return nil
}

// enter admits one output at rel into an open stage; the caller holds
// life shared.
func (s *Stage) enter(rel string) error {
	if s.closed {
		return fmt.Errorf("write %s: stage already committed or aborted", rel)
	}
	if err := s.Err(); err != nil {
		return err // a full disk stops the build at once, not file by file
	}
	return s.claim(rel)
}

// put compares, then writes the file at local into the stage if it
// changed, and tells which it did.
func (s *Stage) put(local string, size int64, open func() (io.ReadCloser, error)) (fate, error) {
	same, err := s.sameAsDest(local, size, open)
	if err != nil {
		return pending, err
	}
	if same {
		return kept, nil
	}
	dst := filepath.Join(s.dir, local)
	if err := s.mkdir(filepath.Dir(dst)); err != nil {
		return pending, err
	}
	return written, s.writeNew(dst, open)
}

// Err returns the first write the machine refused (a full or read-only
// disk, a folder not ours to write) as a *DiskError, or nil. Once set,
// every later write fails with it and Commit refuses: one clear message
// for the user rather than one per file.
func (s *Stage) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed == nil {
		return nil
	}
	return s.failed
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
	if _, ok := s.outputs[rel]; ok {
		return fmt.Errorf("two outputs write %s", rel)
	}
	s.outputs[rel] = pending
	return nil
}

// release frees the claim of an output that could not be stored, so that
// Commit never counts, moves or links it.
func (s *Stage) release(rel string) {
	s.mu.Lock()
	delete(s.outputs, rel)
	s.mu.Unlock()
}

// settle records what became of a claimed output.
func (s *Stage) settle(rel string, f fate) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outputs[rel] = f
	if f == kept {
		s.unchanged++
	} else {
		s.written++
	}
}

// mkdir creates a folder of the stage and those above it once each;
// thousands of pages share few folders, and a system call per file is the
// build's biggest cost otherwise. The stage folder itself is known.
func (s *Stage) mkdir(dir string) error {
	if _, ok := s.dirs.Load(dir); ok {
		return nil
	}
	up := filepath.Dir(dir)
	if up == dir {
		return fmt.Errorf("mkdir %s: outside the stage", dir)
	}
	if err := s.mkdir(up); err != nil {
		return err
	}
	if err := s.disk.mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(dir, true)
	return nil
}

// writeNew streams the bytes from open into a new file at dst. A file
// left half written is removed, so that no exchange can publish it.
func (s *Stage) writeNew(dst string, open func() (io.ReadCloser, error)) error {
	src, err := open()
	if err != nil {
		return err
	}
	defer src.Close()
	if err := s.createFrom(dst, src); err != nil {
		os.Remove(dst)
		return err
	}
	return nil
}

// createFrom creates dst, which must not exist yet, with the bytes of r.
func (s *Stage) createFrom(dst string, r io.Reader) error {
	f, err := s.disk.create(dst)
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
	defer s.lock.unlock()
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("remove stage %s: %w", s.dir, err)
	}
	return nil
}

// closeRoot closes the root, once no walk reads the destination any more.
func (s *Stage) closeRoot() {
	if s.listing != nil {
		s.listing.wait()
	}
	if s.root != nil {
		s.root.Close()
		s.root = nil
	}
}
