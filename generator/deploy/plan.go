package deploy

import (
	"path"
	"sort"
	"strings"
)

// Change is one file a deploy sends or deletes.
type Change struct {
	Path string
	Entry
	Op byte // '+' new, '~' changed, '-' deleted
	// Ready means a cut deploy left the file on the host: under its
	// temporary name (in Uploads: only the rename is left), or in place
	// (in Placed: nothing is left).
	Ready bool
}

// Plan is what a deploy does, in order.
type Plan struct {
	Uploads   []Change // assets, then pages (deepest first), then feeds, sitemap and the home page
	Deletes   []Change // pages before the assets they used
	Placed    []Change // left in place by a cut deploy: nothing to do
	Unchanged int      // files the host already has
	Bytes     int64    // what the uploads send
	Stale     []string // temporary files of a cut deploy to remove
}

// makePlan compares the built site with what the host has: remote is the
// manifest of the last complete deploy, cut the journal of a deploy that
// was cut since (nil if none) and tmps the sizes of the temporary files it
// left. force sends every file.
func makePlan(local, remote Files, cut map[string]pending, tmps map[string]int64, force bool) Plan {
	var p Plan
	reused := map[string]bool{}
	for name, e := range local {
		old, had := remote[name]
		c := Change{Path: name, Entry: e, Op: '+'}
		if had {
			c.Op = '~'
		}
		j, wasCut := cut[name]
		size, tmpThere := tmps[j.Tmp]
		switch {
		case force:
		case wasCut && j.Sum == e.Sum && tmpThere && size == e.Size:
			c.Ready = true // uploaded whole; only the rename is left
			reused[j.Tmp] = true
		case wasCut && j.Sum == e.Sum && j.Renaming && !tmpThere:
			c.Ready = true // renamed into place before the cut
			p.Placed = append(p.Placed, c)
			continue
		case wasCut:
			// Old, new or another version: send it to be sure.
		case had && old == e:
			p.Unchanged++
			continue
		}
		p.Uploads = append(p.Uploads, c)
		if !c.Ready {
			p.Bytes += e.Size
		}
	}
	for _, j := range cut {
		if _, there := tmps[j.Tmp]; there && !reused[j.Tmp] {
			p.Stale = append(p.Stale, j.Tmp)
		}
	}
	gone := map[string]Entry{}
	for name, e := range remote {
		gone[name] = e
	}
	for name, j := range cut {
		if _, ok := gone[name]; !ok {
			gone[name] = j.Entry
		}
	}
	for name, e := range gone {
		if _, ok := local[name]; !ok {
			p.Deletes = append(p.Deletes, Change{Path: name, Entry: e, Op: '-'})
		}
	}
	sort.Slice(p.Uploads, func(i, j int) bool { return before(p.Uploads[i].Path, p.Uploads[j].Path) })
	sort.Slice(p.Deletes, func(i, j int) bool { return before(p.Deletes[j].Path, p.Deletes[i].Path) })
	sort.Slice(p.Placed, func(i, j int) bool { return p.Placed[i].Path < p.Placed[j].Path })
	sort.Strings(p.Stale)
	return p
}

// rank orders what readers reach: a page must not appear before the
// pictures, styles and scripts it uses, a list before the pages it links
// to, nor the home page, feeds and sitemap before everything they lead to.
func rank(p string) int {
	base := path.Base(p)
	switch {
	case p == "index.html" || p == "index.htm":
		return 4
	case base == "index.xml" || strings.HasPrefix(base, "sitemap") && strings.HasSuffix(base, ".xml") ||
		p == "robots.txt" || strings.HasSuffix(base, ".rss") || strings.HasSuffix(base, ".atom"):
		return 3
	case strings.HasSuffix(base, ".html") || strings.HasSuffix(base, ".htm"):
		return 2
	}
	return 1
}

// before orders uploads: by rank, pages deeper in the site before the
// lists above them, then by path.
func before(a, b string) bool {
	ra, rb := rank(a), rank(b)
	if ra != rb {
		return ra < rb
	}
	if ra == 2 {
		da, db := strings.Count(a, "/"), strings.Count(b, "/")
		if da != db {
			return da > db
		}
	}
	return a < b
}
