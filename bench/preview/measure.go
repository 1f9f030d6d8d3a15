package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// result is what one server did.
type result struct {
	name  string
	start time.Duration // from starting the process to the home page's 200
	page  samples       // edits to the end of one news item's body
	tmpl  samples       // edits to the single-page layout
	rss   int64         // peak resident set size, bytes
	stray int           // reloads that came when no edit was waiting
	err   error
}

// samples are the times of one kind of edit.
type samples struct {
	event []time.Duration // from the save to the reload message
	own   []time.Duration // the server's own rebuild time, from its terminal
}

// measure starts t's server on its copy of the site, makes the edits and
// stops the server. page is the edited item, relative to the site.
func measure(ctx context.Context, o options, t tool, site, page string) (r result) {
	r.name = t.name
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p, err := start(t)
	if err != nil {
		r.err = err
		return r
	}
	defer p.stop()
	base, err := p.ready(ctx, o.startTimeout)
	if err != nil {
		r.err = err
		return r
	}
	r.start = time.Since(p.started)
	url := pageURL(page)
	events, err := t.listen(ctx, base, url)
	if err != nil {
		r.err = p.failure("%v", err)
		return r
	}
	client := http.Client{Timeout: 30 * time.Second}
	if code, err := get(ctx, &client, strings.TrimSuffix(base, "/")+url); err != nil || code != http.StatusOK {
		r.err = fmt.Errorf("%s: the edited page %s is not at %s (%d, %v)", t.name, page, url, code, err)
		return r
	}
	if withSpan(t.layoutText, "") == nil {
		r.err = fmt.Errorf("%s: no {{ define \"main\" }} in the layout for template edits", t.name)
		return r
	}
	e := editor{p: p, t: t, events: events, url: url, timeout: o.timeout, settle: o.settle}
	file := filepath.Join(site, page)
	orig, err := os.ReadFile(file)
	if err != nil {
		r.err = err
		return r
	}
	nonce := time.Now().UnixNano()
	r.page, err = e.run(ctx, "page", file, o.edits, func(i int) []byte {
		return fmt.Appendf(slices.Clip(orig), "\n\nDòng sửa thử số %d (%d).\n", i+1, nonce)
	})
	if err == nil {
		r.tmpl, err = e.run(ctx, "template", t.layout, max(1, o.edits/3), func(i int) []byte {
			return withSpan(t.layoutText, fmt.Sprintf("preview-%d-%d", i+1, nonce))
		})
	}
	if rss, rerr := p.peakRSS(); rerr == nil {
		r.rss = rss
	}
	r.stray, r.err = e.stray, err
	return r
}

// editor saves files and times what the server does about it.
type editor struct {
	p       *proc
	t       tool
	events  <-chan reload
	url     string // the page every edit changes
	timeout time.Duration
	settle  time.Duration
	stray   int
}

// run saves n versions of file, text(i) each, one at a time, and says how
// each went on stderr.
func (e *editor) run(ctx context.Context, kind, file string, n int, text func(i int) []byte) (samples, error) {
	var s samples
	for i := range n {
		e.drain()
		ev, own, err := e.once(ctx, file, text(i))
		if err != nil {
			return s, fmt.Errorf("edit %d of %s: %w", i+1, filepath.Base(file), err)
		}
		s.event = append(s.event, ev)
		s.own = append(s.own, own)
		fmt.Fprintf(os.Stderr, "preview: %s %s edit %d/%d: event %.1f ms, own %d ms\n", e.t.name, kind, i+1, n, ms(ev), own.Milliseconds())
		select { // let the server fall quiet, so that nothing late is taken for the next edit
		case <-time.After(e.settle):
		case <-ctx.Done():
			return s, ctx.Err()
		}
	}
	return s, nil
}

// once saves data to file and waits for the reload that follows, then for
// the server's own line about that rebuild.
func (e *editor) once(ctx context.Context, file string, data []byte) (event, own time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	start := time.Now()
	if err := os.WriteFile(file, data, 0o644); err != nil {
		return 0, 0, err
	}
	for reloaded := false; !reloaded; {
		select {
		case r, ok := <-e.events:
			switch {
			case !ok:
				return 0, 0, e.p.failure("the reload stream closed")
			case len(r.errors) > 0:
				return 0, 0, fmt.Errorf("the rebuild failed: %s", strings.Join(r.errors, "; "))
			case !e.t.named || slices.Contains(r.pages, e.url):
				event, reloaded = time.Since(start), true
			}
		case <-e.p.exited:
			return 0, 0, e.p.failure("the server stopped")
		case <-ctx.Done():
			return 0, 0, e.p.failure("no reload within %v", e.timeout)
		}
	}
	for {
		select {
		case t := <-e.p.own:
			if t.pages != 0 { // Loa says when a rebuild changed nothing
				return event, t.took, nil
			}
		case <-e.p.exited:
			return 0, 0, e.p.failure("the server stopped")
		case <-ctx.Done():
			return 0, 0, e.p.failure("no rebuild line within %v", e.timeout)
		}
	}
}

// drain forgets what arrived since the last edit, counting stray reloads.
func (e *editor) drain() {
	for {
		select {
		case _, ok := <-e.events:
			if !ok {
				return
			}
			e.stray++
		case <-e.p.own:
		default:
			return
		}
	}
}

// mainDefine is where a layout's page body starts.
const mainDefine = `\{\{-?\s*define\s+"main"\s*-?\}\}`

// withSpan puts a hidden span with text at the start of the layout's
// "main" block, so every page it renders changes and nothing shows.
func withSpan(layout []byte, text string) []byte {
	loc := regexp.MustCompile(mainDefine).FindIndex(layout)
	if loc == nil {
		return nil
	}
	return slices.Concat(layout[:loc[1]], []byte(`<span hidden>`+text+`</span>`), layout[loc[1]:])
}

// pickPage chooses the news item in the middle of the content folder, by
// name, and returns its path relative to site and the number of items.
func pickPage(site string) (string, int, error) {
	var pages []string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			rel, _ := filepath.Rel(site, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return "", 0, err
	}
	if len(pages) == 0 {
		return "", 0, errors.New("no pages under content/")
	}
	slices.Sort(pages)
	return pages[len(pages)/2], len(pages), nil
}

// pageURL is where both tools put content/a/b.md: /a/b/.
func pageURL(page string) string {
	return "/" + strings.TrimSuffix(strings.TrimPrefix(page, "content/"), ".md") + "/"
}

// copyTree copies the folders and regular files under src to dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, data, 0o644)
		}
		return fmt.Errorf("copy %s: not a regular file", p)
	})
}

// median of d, the mean of the middle two for an even count.
func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(d))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
