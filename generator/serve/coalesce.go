package serve

import (
	"context"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"loa/generator/build"
	"loa/generator/config"
)

// Kind says which part of the site a changed file belongs to, and so how
// much a rebuild must redo.
type Kind int

const (
	KindOther   Kind = iota
	KindContent      // content/: the page and what lists it
	KindStatic       // static/ and a theme's static/: copied files
	KindAsset        // assets/: fingerprinted CSS and JS
	KindData         // data/ and i18n/: every page may show it
	KindLayout       // layouts/ and themes/: every page
	KindConfig       // config.toml, hugo.toml, config/: everything
)

var kindNames = [...]string{"khác", "nội dung", "tệp tĩnh", "tài nguyên", "dữ liệu", "giao diện", "cấu hình"}

func (k Kind) String() string { return kindNames[k] }

// classify tells the kind of a changed path (slash-separated, relative to
// the site folder), and whether it matters at all: hidden files and
// editors' swap, backup and temporary files do not.
func classify(rel string) (Kind, bool) {
	if rel == "" || rel == "." {
		return KindOther, false
	}
	for _, part := range strings.Split(rel, "/") {
		if build.Ignored(part) {
			return KindOther, false
		}
	}
	if config.Reads(rel) {
		// config.toml, hugo.toml, config/_default/*.toml and the like.
		return KindConfig, true
	}
	top, rest, _ := strings.Cut(rel, "/")
	switch top {
	case "content":
		return KindContent, true
	case "static":
		return KindStatic, true
	case "assets":
		return KindAsset, true
	case "data", "i18n":
		return KindData, true
	case "layouts":
		return KindLayout, true
	case "themes":
		// A theme's static files are only copied; everything else in it
		// shapes every page.
		if _, in, ok := strings.Cut(rest, "/"); ok && strings.HasPrefix(in, "static/") {
			return KindStatic, true
		}
		return KindLayout, true
	}
	return KindOther, false
}

// watchedTop reports whether a top-level name of the site folder is watched.
func watchedTop(name string) bool {
	k, ok := classify(name)
	return ok && k != KindOther
}

// Batch is the set of files changed by one burst of events: one save in an
// editor is often a write, a chmod, a rename and the removal of a backup.
type Batch struct {
	Paths []string // sorted, slash-separated, relative to the site folder
	Kind  Kind     // the largest kind among them
}

// Summary names what changed, for the terminal.
func (b Batch) Summary() string {
	switch len(b.Paths) {
	case 0:
		return ""
	case 1:
		return b.Paths[0]
	}
	return b.Paths[0] + " và " + strconv.Itoa(len(b.Paths)-1) + " tệp khác"
}

// batcher gathers changes until the files have been quiet for a while, or
// until the first one waited long enough. It does no timing itself: times
// are given, so tests need no clock.
type batcher struct {
	quiet, max  time.Duration
	paths       map[string]Kind
	first, last time.Time
}

func newBatcher(quiet, max time.Duration) *batcher {
	return &batcher{quiet: quiet, max: max, paths: map[string]Kind{}}
}

// add records a changed path at now; irrelevant paths are dropped.
func (b *batcher) add(rel string, now time.Time) {
	rel = path.Clean(rel)
	k, ok := classify(rel)
	if !ok {
		return
	}
	if len(b.paths) == 0 {
		b.first = now
	}
	b.last = now
	b.paths[rel] = k
}

func (b *batcher) pending() bool { return len(b.paths) > 0 }

// due is when the pending batch should be flushed.
func (b *batcher) due() time.Time {
	d := b.last.Add(b.quiet)
	if cap := b.first.Add(b.max); cap.Before(d) {
		return cap
	}
	return d
}

// flush returns the pending batch and starts a new one.
func (b *batcher) flush() Batch {
	var out Batch
	for p, k := range b.paths {
		out.Paths = append(out.Paths, p)
		out.Kind = max(out.Kind, k)
	}
	sort.Strings(out.Paths)
	b.paths = map[string]Kind{}
	return out
}

// clock is the time source of coalesce; tests pass a fake one.
type clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// coalesce reads changed paths from in and sends a batch to out once they
// have been quiet for the batcher's quiet time (or its max since the first).
// It returns when ctx is done or in is closed, after flushing what is
// pending.
func coalesce(ctx context.Context, c clock, b *batcher, in <-chan string, out chan<- Batch) {
	for {
		var wake <-chan time.Time
		if b.pending() {
			wake = c.After(b.due().Sub(c.Now()))
		}
		select {
		case <-ctx.Done():
			return
		case rel, ok := <-in:
			if !ok {
				if b.pending() {
					select {
					case out <- b.flush():
					case <-ctx.Done():
					}
				}
				return
			}
			b.add(rel, c.Now())
		case <-wake:
			if c.Now().Before(b.due()) {
				continue
			}
			if !send(ctx, c, b, in, out, b.flush()) {
				return
			}
		}
	}
}

// send hands batch to out, meanwhile gathering the changes that arrive
// during a rebuild into the next batch. It reports whether to go on.
func send(ctx context.Context, c clock, b *batcher, in <-chan string, out chan<- Batch, batch Batch) bool {
	for {
		select {
		case out <- batch:
			return true
		case rel, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			b.add(rel, c.Now())
		case <-ctx.Done():
			return false
		}
	}
}
