package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// DefaultWait is how long Begin waits for another build publishing to the
// same destination: long enough for a large site's build, short enough that
// a forgotten process does not hang the next build for good.
const DefaultWait = 5 * time.Minute

// lockPoll is how often a waiting build tries the lock again.
const lockPoll = 50 * time.Millisecond

// Options tune Begin.
type Options struct {
	// Wait bounds how long to wait while another build publishes to the
	// same destination; zero means DefaultWait.
	Wait time.Duration
	// Waiting, if set, is called once when the wait starts, so that the
	// caller can tell its user why nothing happens.
	Waiting func(dest string)
}

// destLock is an advisory lock on one destination, held by a stage from
// Begin to Commit or Abort. It is a file beside the destination
// (.NAME.loa-lock); holding it is what makes removing other stage folders
// safe, since only a build that died can have left one behind.
type destLock struct {
	path string
	f    *os.File // nil where the platform cannot lock
}

// lockDest takes the lock of dest (absolute), waiting as o says.
func lockDest(dest string, o Options) (*destLock, error) {
	if !canLock {
		return &destLock{}, nil
	}
	if o.Wait <= 0 {
		o.Wait = DefaultWait
	}
	path := filepath.Join(filepath.Dir(dest), stagePrefix(dest)+"lock")
	deadline := time.Now().Add(o.Wait)
	waited := false
	for {
		l, err := tryLockFile(path)
		if err != nil || l != nil {
			return l, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("another build is still publishing there after %v; try again when it has finished", o.Wait)
		}
		if !waited && o.Waiting != nil {
			o.Waiting(dest)
		}
		waited = true
		time.Sleep(lockPoll)
	}
}

// tryLockFile returns the lock, or nil if another process holds it.
func tryLockFile(path string) (*destLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("take the lock: %w", err)
	}
	ok, err := tryLock(f)
	if err != nil || !ok {
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		return nil, nil
	}
	// The holder before us removes the file as it unlocks; if it did so
	// after we opened it, our lock is on a file nobody else will see.
	held, err1 := f.Stat()
	named, err2 := os.Stat(path)
	if err1 != nil || err2 != nil || !os.SameFile(held, named) {
		f.Close()
		return nil, nil
	}
	return &destLock{path: path, f: f}, nil
}

// unlock removes the lock file, so that none stays beside the destination,
// and releases the lock. Removing first keeps a waiter from taking a lock
// on the removed file (it checks the name still leads to its file).
func (l *destLock) unlock() {
	if l == nil || l.f == nil {
		return
	}
	os.Remove(l.path) // best effort: Windows refuses while a waiter has it open
	l.f.Close()
	l.f = nil
}

// stagePrefix is how the names of dest's stage folders, old copies and
// lock file begin.
func stagePrefix(dest string) string { return "." + filepath.Base(dest) + ".loa-" }

// recoverStale repairs and removes what builds killed while publishing to
// dest left beside it. It must run with the lock held, when no other build
// of dest is alive. A build killed in the middle of the fallback swap
// leaves no destination but its old copy; dot-entries it was carrying over
// are moved back; a commit in place is finished from its journal. Then
// every leftover stage folder goes.
func recoverStale(dest string) error {
	if !canLock {
		return nil // cannot tell a dead build's stage from a live one's
	}
	parent := filepath.Dir(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	prefix := stagePrefix(dest)
	var stale []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if ok && isStageSuffix(rest) {
			stale = append(stale, filepath.Join(parent, e.Name()))
		}
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		for _, p := range stale {
			if strings.HasSuffix(p, ".old") && os.Rename(p, dest) == nil {
				break
			}
		}
	}
	for _, p := range stale {
		switch {
		case strings.HasSuffix(p, ".keep"):
			restoreKept(strings.TrimSuffix(p, ".keep"), dest, p)
		case strings.HasSuffix(p, ".journal"):
			finishJournal(p, strings.TrimSuffix(p, ".journal"), dest)
		}
	}
	for _, p := range stale {
		if err := removeTree(p); err != nil {
			return fmt.Errorf("remove stale stage %s: %w", p, err)
		}
	}
	return nil
}

// isStageSuffix reports whether rest, what follows the prefix, is one of
// ours: MkdirTemp's digits, maybe with .old, .keep or .journal. Anything
// else, such as another destination's files, is left alone.
func isStageSuffix(rest string) bool {
	for _, suffix := range []string{".old", ".keep", ".journal"} {
		rest = strings.TrimSuffix(rest, suffix)
	}
	if rest == "" {
		return false
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// restoreKept moves the dot-entries listed in journal from the stage back
// into dest where dest lacks them: a build killed after moving them into
// its stage but before the swap would otherwise lose them with the stage.
func restoreKept(stage, dest, journal string) {
	list, err := os.ReadFile(journal)
	if err != nil {
		return
	}
	for name := range strings.SplitSeq(strings.TrimSpace(string(list)), "\n") {
		if name == "" || !filepath.IsLocal(name) {
			continue
		}
		from, to := filepath.Join(stage, name), filepath.Join(dest, name)
		if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
			os.Rename(from, to)
		}
	}
}
