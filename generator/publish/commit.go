package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Commit publishes the stage and reports what changed.
//
// A first build renames the stage into place. A rebuild that changed few
// files (see fewChanges) is applied in place: each written file is renamed
// from the stage over the destination's, so a reader sees every file whole,
// old or new, then files no output claimed are removed, and folders left
// without outputs; a journal beside the stage lets the next build finish
// the job if this one is killed meanwhile. When nothing changed, the
// destination is left untouched, down to its own modification time.
//
// A rebuild that changed much gets the whole site at once: the stage is
// filled with hard links to the unchanged files and replaces the
// destination, on Linux in one renameat2 exchange, elsewhere (or on file
// systems without RENAME_EXCHANGE) by renaming the old folder aside first,
// leaving a moment without a destination. Top-level entries of the old
// destination named with a leading dot (.git, .nojekyll, .well-known) that
// the new site does not write are moved into the new one first; in place,
// they are simply left alone.
//
// An error before the first change removes the stage and leaves the
// destination as it was. An error after it is reported, saying whether the
// new site is in place.
func (s *Stage) Commit() (Stats, error) {
	s.life.Lock()
	defer s.life.Unlock()
	if s.closed {
		return Stats{}, errors.New("commit: stage already committed or aborted")
	}
	s.closed = true
	defer s.lock.unlock()
	defer s.closeRoot()
	if s.failed != nil {
		os.RemoveAll(s.dir)
		return Stats{}, s.failed
	}
	st := Stats{Written: s.written, Unchanged: s.unchanged}
	if s.root == nil {
		if err := s.renameRetry(s.dir, s.dest); err != nil {
			os.RemoveAll(s.dir)
			return Stats{}, fmt.Errorf("commit: replace %s: %w", s.dest, err)
		}
		return st, nil
	}
	sc, err := s.scanDest()
	if err != nil {
		os.RemoveAll(s.dir)
		return Stats{}, fmt.Errorf("commit: read %s: %w", s.dest, err)
	}
	st.Removed = len(sc.remove)
	if !sc.clash && s.inPlace(st.Written+st.Removed, len(s.outputs)+st.Removed) {
		// Some systems refuse to remove a folder that has open handles.
		s.closeRoot()
		return s.applyInPlace(st, sc)
	}
	return s.replace(st, sc)
}

// destScan is what one walk of the old destination tells Commit.
type destScan struct {
	keep     []string        // top-level dot-entries the site does not write: left alone
	remove   []string        // files (and links) no output claimed
	empty    []string        // folders holding no output, innermost first
	linkable map[string]bool // unchanged outputs found as regular files at their very path
	// clash is an output that in place would land on a folder or below a
	// file or link, or an unchanged one found only past a link: cases the
	// exchange handles by building the whole tree anew.
	clash bool
}

// scanDest reads the listing of the old destination taken when the stage
// opened, and walks a top-level dot-folder the site writes into.
func (s *Stage) scanDest() (sc destScan, err error) {
	dirs, tops := make(map[string]bool), make(map[string]bool)
	for rel := range s.outputs {
		top, _, _ := strings.Cut(rel, "/")
		tops[top] = true
		for d := path.Dir(rel); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	entries, err := s.listing.wait()
	if err != nil {
		return sc, err
	}
	for top := range tops {
		if e, ok := entries[top]; ok && e.typ.IsDir() && strings.HasPrefix(top, ".") {
			below, err := listTree(s.dest, top, false)
			if err != nil {
				return sc, err
			}
			maps.Copy(entries, below)
		}
	}
	// In path order a folder comes before what it holds.
	rels := slices.Sorted(maps.Keys(entries))
	sc.linkable = make(map[string]bool)
	for _, rel := range rels {
		e := entries[rel]
		f, out := s.outputs[rel]
		switch {
		case !strings.Contains(rel, "/") && strings.HasPrefix(rel, ".") && !tops[rel]:
			sc.keep = append(sc.keep, rel)
		case e.typ.IsDir():
			sc.clash = sc.clash || out
			if !dirs[rel] {
				sc.empty = append(sc.empty, rel)
			}
		case !out:
			sc.remove = append(sc.remove, rel)
			sc.clash = sc.clash || dirs[rel]
		case f == kept && e.typ.IsRegular():
			sc.linkable[rel] = true
		case f == kept:
			sc.clash = true
		}
	}
	slices.Reverse(sc.empty) // innermost first
	sc.clash = sc.clash || len(sc.linkable) < s.unchanged
	return sc, nil
}

// replace fills the stage with the unchanged files and puts it in place of
// the destination, then removes the old tree.
func (s *Stage) replace(st Stats, sc destScan) (Stats, error) {
	if err := s.fill(sc.linkable); err != nil {
		os.RemoveAll(s.dir)
		if de := asDiskError(s.given, err); de != nil {
			return Stats{}, de
		}
		return Stats{}, fmt.Errorf("commit: %w", err)
	}
	// Some systems refuse to rename a folder that has open handles.
	s.closeRoot()
	old, err := s.swap(sc.keep)
	if err != nil {
		os.RemoveAll(s.dir)
		return Stats{}, fmt.Errorf("commit: replace %s: %w", s.dest, err)
	}
	os.Remove(s.dir + ".keep") // if any; nothing carried over is left in old
	if err := removeTree(old); err != nil {
		return st, fmt.Errorf("commit: site published, but removing the old copy %s failed: %w", old, err)
	}
	return st, nil
}

// swap puts the stage in place of the destination. It returns the folder
// now holding the old tree, for the caller to remove. On error nothing has
// changed: carried-over dot-entries are moved back.
func (s *Stage) swap(keep []string) (old string, err error) {
	var moved []string
	undo := func() {
		for _, name := range moved {
			os.Rename(filepath.Join(s.dir, name), filepath.Join(s.dest, name))
		}
		os.Remove(s.dir + ".keep")
	}
	if len(keep) > 0 {
		// A build killed from here to the swap would lose these with its
		// stage; the journal tells the next build to move them back.
		if err := os.WriteFile(s.dir+".keep", []byte(strings.Join(keep, "\n")), 0o644); err != nil {
			return "", fmt.Errorf("keep %s: %w", strings.Join(keep, ", "), err)
		}
	}
	for _, name := range keep {
		if err := os.Rename(filepath.Join(s.dest, name), filepath.Join(s.dir, name)); err != nil {
			undo()
			return "", fmt.Errorf("keep %s: %w", name, err)
		}
		moved = append(moved, name)
	}
	err = s.exchange(s.dir, s.dest)
	if err == nil {
		return s.dir, nil
	}
	if !errors.Is(err, errors.ErrUnsupported) {
		undo()
		return "", err
	}
	// MkdirTemp made s.dir unique, so this name is free too.
	old = s.dir + ".old"
	if err := s.renameRetry(s.dest, old); err != nil {
		undo()
		return "", err
	}
	if err := s.renameRetry(s.dir, s.dest); err != nil {
		if s.renameRetry(old, s.dest) == nil {
			undo()
		}
		return "", err
	}
	return old, nil
}

// renameAttempts and renameBackoff bound the wait for a folder that another
// program holds open: on Windows a folder with an open handle below it
// (Explorer showing it, an editor, an antivirus or indexer scanning the new
// files) cannot be renamed, and such handles are usually gone within a
// second. Five attempts wait 0.1+0.2+0.4+0.8 s in all.
const (
	renameAttempts = 5
	renameBackoff  = 100 * time.Millisecond
)

// renameRetry renames a folder, retrying while something holds it open. A
// folder that is not there is not retried: waiting will not make it appear.
func (s *Stage) renameRetry(from, to string) error {
	wait := s.backoff
	for i := 1; ; i++ {
		err := s.rename(from, to)
		if err == nil || errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if i == renameAttempts {
			return fmt.Errorf("%w (tried %d times: another program may have a file of %s open, such as Explorer, an editor "+
				"or an antivirus scan; close it and build again / một chương trình khác đang mở tệp trong %s; đóng nó rồi dựng lại)",
				err, i, s.given, s.given)
		}
		time.Sleep(wait)
		wait *= 2
	}
}
