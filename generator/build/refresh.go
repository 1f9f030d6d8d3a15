package build

import (
	"hash/maphash"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/site"
)

// Refresh is the preview's fast path. When every changed file is a content
// file of the site that changed in its body alone (same front matter, same
// summary, same links and images), nothing that lists, feeds or other pages
// show has changed: Refresh puts the new pages into the assembled site and
// returns it, without walking the folder, reading the other files or
// assembling again. Otherwise it returns ok false and the caller assembles.
// changed holds slash paths relative to the site folder.
func (b *Builder) Refresh(p *Plan, changed []string) (plan *Plan, diags diag.List, ok bool) {
	if p == nil || len(changed) == 0 || b.timeMoved(p) {
		return nil, nil, false
	}
	type swap struct {
		old, new *page.Page
		diags    diag.List
		hash     uint64
	}
	var swaps []swap
	for _, name := range changed {
		if !strings.HasPrefix(name, "content/") || path.Ext(name) != ".md" {
			return nil, nil, false
		}
		n, found := p.nodeByFile(name)
		if !found || n.Page == nil {
			return nil, nil, false
		}
		// A file grown past the size limit goes the long way, where the
		// limit is checked and reported.
		if st, err := fs.Stat(b.opts.Site, name); err != nil || st.Size() > p.Config.Security.MaxFileSize {
			return nil, nil, false
		}
		src, err := fs.ReadFile(b.opts.Site, name)
		if err != nil {
			return nil, nil, false
		}
		np, d := b.pageParser(p.Config, name).Parse(name, src)
		if np == nil || d.HasErrors() || !sameOutside(n.Page, np) {
			return nil, nil, false
		}
		swaps = append(swaps, swap{n.Page, np, d, maphash.Bytes(b.seed, src)})
	}
	b.mu.Lock()
	for _, s := range swaps {
		b.parsed[s.new.File] = parsedFile{hash: s.hash, page: s.new, diags: s.diags}
	}
	b.mu.Unlock()
	for _, s := range swaps {
		n, _ := p.nodeByFile(s.new.File)
		n.Page = s.new
	}
	// Warnings of every file and of the assembly still hold: report them
	// as a full build would.
	b.mu.Lock()
	for _, pf := range b.parsed {
		diags.Append(pf.diags)
	}
	b.mu.Unlock()
	diags.Append(p.assembled)
	p.refreshed = append([]string(nil), changed...)
	return p, sorted(diags), true
}

// nodeByFile finds the node of a content file in its language's site.
func (p *Plan) nodeByFile(file string) (*site.Node, bool) {
	for _, s := range p.Sites {
		if n, ok := s.NodeByFile(file); ok {
			return n, true
		}
	}
	return nil, false
}

// sameOutside reports whether two parses of a file differ in their body
// only, in nothing another page, a list or a feed can show.
func sameOutside(a, b *page.Page) bool {
	if a.FrontHash != b.FrontHash || a.Summary != b.Summary || len(a.Refs) != len(b.Refs) {
		return false
	}
	return slices.EqualFunc(a.Refs, b.Refs, func(x, y page.Ref) bool { return x.Kind == y.Kind && x.Dest == y.Dest })
}

// timeMoved reports whether, since the plan was assembled, the day changed
// (campaign status, days left) or a page's publish or expiry time passed.
func (b *Builder) timeMoved(p *Plan) bool {
	then := p.Site.Now
	now, _ := b.now(p.Config)
	day := func(t time.Time) string { return t.In(p.Config.Location).Format("2006-01-02") }
	if day(then) != day(now) {
		return true
	}
	// Reading every page's dates after each save took 3 to 7 ms of the
	// preview's reload at 10,000 items: the first date to come is kept.
	p.dated.Do(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, pf := range b.parsed {
			if pf.page == nil {
				continue
			}
			for _, t := range [...]time.Time{pf.page.PublishDate, pf.page.ExpiryDate} {
				if t.After(then) && (p.nextDated.IsZero() || t.Before(p.nextDated)) {
					p.nextDated = t
				}
			}
		}
	})
	return !p.nextDated.IsZero() && !p.nextDated.After(now)
}
