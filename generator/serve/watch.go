package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watcher watches the parts of a site folder that a build reads, recursively,
// following folders created, renamed and deleted while it runs.
type watcher struct {
	root string // the site folder, absolute
	w    *fsnotify.Watcher
}

func newWatcher(root string) (*watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &watcher{root: abs, w: w}
	if err := wt.sync(); err != nil {
		w.Close()
		return nil, err
	}
	return wt, nil
}

func (wt *watcher) Close() error { return wt.w.Close() }

// sync makes the watched folders those that exist now: the site folder
// itself (for config.toml and new top-level folders) and every folder below
// the watched top-level ones, except hidden and temporary ones.
func (wt *watcher) sync() error {
	want := map[string]bool{wt.root: true}
	entries, err := os.ReadDir(wt.root)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() || !watchedTop(e.Name()) {
			continue
		}
		top := filepath.Join(wt.root, e.Name())
		filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone meanwhile; the next event syncs again
			}
			if d.IsDir() {
				if _, ok := classify(wt.rel(p)); !ok {
					return filepath.SkipDir
				}
				want[p] = true
			}
			return nil
		})
	}
	have := map[string]bool{}
	for _, p := range wt.w.WatchList() {
		have[p] = true
		if !want[p] {
			wt.w.Remove(p) // renamed or deleted; an error means it is gone already
		}
	}
	for p := range want {
		if !have[p] {
			if err := wt.w.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) && p == wt.root {
				return err
			}
		}
	}
	return nil
}

// rel is p relative to the site folder, slash-separated.
func (wt *watcher) rel(p string) string {
	r, err := filepath.Rel(wt.root, p)
	if err != nil {
		return ""
	}
	return filepath.ToSlash(r)
}

// run sends the relative path of every relevant change to out until ctx is
// done. Folder events resync the watches, so that a folder created, renamed
// or deleted is followed. Pure attribute changes (chmod, touch) are not
// changes of the site.
func (wt *watcher) run(ctx context.Context, out chan<- string, errs func(error)) {
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-wt.w.Errors:
			if !ok {
				return
			}
			errs(err)
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			rel := wt.rel(ev.Name)
			if _, ok := classify(rel); !ok || strings.HasPrefix(rel, "../") {
				continue
			}
			if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				if st, err := os.Stat(ev.Name); err != nil || st.IsDir() {
					if err := wt.sync(); err != nil {
						errs(err)
					}
				}
			}
			select {
			case out <- rel:
			case <-ctx.Done():
				return
			}
		}
	}
}
