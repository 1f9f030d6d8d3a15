package publish

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// listing is the old destination as one walk found it, taken when the
// stage opens: every folder, file and link below it by slash-separated
// path. Keep compares against it, and Commit decides from it what to
// remove, instead of asking the file system once per output and walking
// the tree again: a 10,000-item site is 16,500 folders and 18,000 files,
// and those system calls were a third of a rebuild that changed nothing.
//
// The walk never follows a link, so a file listed as regular is reached
// from the destination through folders only. Top-level folders named with
// a leading dot (.git above all) are listed but not entered; Commit walks
// one only if the site writes into it. The destination is locked for the
// whole build, so the listing stays true unless another program changes
// the folder meanwhile, the same window the checks it replaces had.
type listing struct {
	done    chan struct{}
	entries map[string]listed
	err     error
}

// listed is one entry of the listing.
type listed struct {
	typ  fs.FileMode // the type bits: 0 for a regular file
	size int64       // regular files only
	mod  time.Time   // regular files only
}

// startListing walks dest in the background.
func startListing(dest string) *listing {
	l := &listing{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		l.entries, l.err = listTree(dest, "", true)
	}()
	return l
}

// wait returns the listing once the walk is over.
func (l *listing) wait() (map[string]listed, error) {
	<-l.done
	return l.entries, l.err
}

// regular tells whether the walk found a regular file at rel, and its
// size and time if so.
func (l *listing) regular(rel string) (listed, bool) {
	entries, err := l.wait()
	if err != nil {
		return listed{}, false
	}
	e, ok := entries[rel]
	return e, ok && e.typ.IsRegular()
}

// listTree lists what is below the folder at rel (slash-separated, "" for
// dest itself), treeWorkers folders at a time: the cost is a few system
// calls per folder, which goroutines on other folders overlap. It returns
// the first error; a file removed during the walk is no error.
func listTree(dest, rel string, skipDotTops bool) (map[string]listed, error) {
	l, err := openLister(dest)
	if err != nil {
		return nil, err
	}
	defer l.close()
	var (
		mu      sync.Mutex
		more    = sync.NewCond(&mu)
		queue   = []string{rel}
		pending = 1 // folders queued or being read
		entries = make(map[string]listed)
		first   error
		wg      sync.WaitGroup
	)
	for range treeWorkers {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			for {
				for len(queue) == 0 && pending > 0 {
					more.Wait()
				}
				if pending == 0 {
					return
				}
				dir := queue[len(queue)-1]
				queue = queue[:len(queue)-1]
				mu.Unlock()
				found, subs, err := l.folder(dir, skipDotTops)
				mu.Lock()
				for p, e := range found {
					entries[p] = e
				}
				if first = cmp.Or(first, err); first == nil {
					queue = append(queue, subs...)
					pending += len(subs)
				}
				pending--
				more.Broadcast()
			}
		})
	}
	wg.Wait()
	return entries, first
}

// osFolder reads one folder of dest (slash-separated, "" for dest) through
// the os package: its entries, and the folders among them to read next.
func osFolder(dest, dir string, skipDotTops bool) (map[string]listed, []string, error) {
	name := dest
	if dir != "" {
		local, err := filepath.Localize(dir)
		if err != nil {
			return nil, nil, err
		}
		name = filepath.Join(dest, local)
	}
	des, err := os.ReadDir(name)
	if err != nil {
		return nil, nil, err
	}
	f := newFolderEntries(dir, skipDotTops)
	for _, d := range des {
		e := listed{typ: d.Type()}
		if e.typ.IsRegular() {
			info, err := d.Info()
			if errors.Is(err, fs.ErrNotExist) {
				continue // removed since the folder was read
			}
			if err != nil {
				return nil, nil, err
			}
			e.size, e.mod = info.Size(), info.ModTime()
		}
		f.add(d.Name(), e)
	}
	return f.found, f.subs, nil
}

// folderEntries gathers one folder's entries for listTree: each by its
// slash-separated path, and the folders among them to read next, but for
// the top-level dot-folders when they are skipped.
type folderEntries struct {
	dir         string
	skipDotTops bool
	found       map[string]listed
	subs        []string
}

func newFolderEntries(dir string, skipDotTops bool) *folderEntries {
	return &folderEntries{dir: dir, skipDotTops: skipDotTops, found: map[string]listed{}}
}

func (f *folderEntries) add(name string, e listed) {
	p := name
	if f.dir != "" {
		p = f.dir + "/" + name
	}
	if e.typ.IsDir() && !(f.skipDotTops && f.dir == "" && strings.HasPrefix(name, ".")) {
		f.subs = append(f.subs, p)
	}
	f.found[p] = e
}
