package build

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"maps"
	"slices"

	"loa/generator/diag"
	"loa/generator/site"
)

// Reuser is an Output that still holds the files of its previous render and
// can carry one over unchanged. The preview server's memory is one; with it,
// a render skips every page whose inputs did not change.
type Reuser interface {
	Reuse(rel string) bool
	// ReuseAll carries over every file of the previous render but those in except.
	ReuseAll(except map[string]bool)
}

// renderRefreshed is the render of a plan that Refresh changed: only the
// refreshed pages' own outputs can differ, so they are rendered and every
// other output is carried over at once. It reports false when the plan was
// not refreshed, or a refreshed file is not a regular page.
func (r *renderer) renderRefreshed() (Stats, diag.List, bool) {
	p := r.plan
	if r.reuser == nil || p.prepared == nil || len(p.refreshed) == 0 || r.b.keys == nil {
		return Stats{}, nil, false
	}
	var nodes []*site.Node
	except := map[string]bool{}
	for _, f := range p.refreshed {
		n, ok := p.nodeByFile(f)
		if !ok || n.Kind != site.KindPage {
			return Stats{}, nil, false
		}
		nodes = append(nodes, n)
		except[n.OutFile()] = true
	}
	r.reuser.ReuseAll(except)
	var diags diag.List
	for _, n := range nodes {
		r.keys.Store(n.OutFile(), r.nodeKey(n, nil))
		diags.Append(r.of(n.Site()).htmlNow(n, nil, n.OutFile()))
	}
	// The index holds the bodies, but writing it takes long on a big site:
	// it is left for FinishSearch, after the preview has shown the edit.
	for _, l := range r.langs {
		p.searchStale = p.searchStale || l.searchWanted()
	}
	if !diags.HasErrors() {
		r.keys.Range(func(k, v any) bool {
			r.b.keys[k.(string)] = v.(uint64)
			return true
		})
		p.refreshed = nil
	}
	return Stats{Pages: int(r.pages.Load()), Files: len(nodes), Reused: len(r.b.keys) - len(nodes)}, diags, true
}

// siteSum identifies everything a page may show of other pages and of the
// site: configuration, layouts, words, assets, the day, and for every node
// its address and front matter (titles, dates, leads, terms, campaigns) and
// summary, and every published file. A body-only edit of one page leaves it
// unchanged; then only that page is rendered again.
// Every language is in it: a page shows its translations' addresses.
func (r *renderer) siteSum() uint64 {
	var h maphash.Hash
	h.SetSeed(r.b.seed)
	h.Write(r.b.cfgSrc)
	fmt.Fprintf(&h, "%d\x00%s\x00", r.theme.Sum(), r.site.Now.In(r.plan.Config.Location).Format("2006-01-02"))
	fmt.Fprintf(&h, "%v\x00", r.plan.res.data) // fmt prints maps sorted
	for _, k := range slices.Sorted(maps.Keys(r.assets)) {
		fmt.Fprintf(&h, "%s\x00", r.assets[k].out)
	}
	for _, l := range r.langs {
		l.langSum(&h)
	}
	return h.Sum64()
}

// langSum adds one language's words and site to a sum.
func (r *renderer) langSum(h *maphash.Hash) {
	fmt.Fprintf(h, "%s\x00", r.site.Lang())
	for _, k := range slices.Sorted(maps.Keys(r.words)) {
		fmt.Fprintf(h, "%s=%s\x00", k, r.words[k])
	}
	for _, n := range r.site.Nodes {
		fmt.Fprintf(h, "%d\x00%s\x00%d\x00", n.Kind, n.Path, len(n.Pagers))
		if n.Page != nil {
			fmt.Fprintf(h, "%s\x00%d\x00%s\x00", n.Page.File, n.Page.FrontHash, n.Page.Summary)
		}
	}
	for _, f := range r.site.Files {
		fmt.Fprintf(h, "%s\x00%d\x00%dx%d\x00", f.Out, f.Size, f.Width, f.Height)
	}
	for _, a := range r.site.Aliases {
		fmt.Fprintf(h, "%s>%s\x00", a.From, a.To.Path)
	}
}

// reuse reports whether the output out, whose inputs hash to key, is the
// same as in the previous render, and if so carries it over.
func (r *renderer) reuse(out string, key uint64) bool {
	if r.reuser == nil {
		return false
	}
	r.keys.Store(out, key)
	if old, ok := r.b.keys[out]; ok && old == key && r.reuser.Reuse(out) {
		r.reused.Add(1)
		return true
	}
	return false
}

// nodeKey is the key of a node's output: the site's sum, the pager, and
// the bytes of the node's own file.
// Rendering does not change b.parsed, so it is read without the lock.
func (r *renderer) nodeKey(n *site.Node, pg *site.Pager) uint64 {
	number := 0
	if pg != nil {
		number = pg.Number
	}
	var buf [24]byte
	binary.LittleEndian.PutUint64(buf[0:], r.sum)
	binary.LittleEndian.PutUint64(buf[8:], uint64(number))
	binary.LittleEndian.PutUint64(buf[16:], r.b.parsed[n.File()].hash)
	return maphash.Bytes(r.b.seed, buf[:])
}

// siteKey is the key of an output that depends on the site as a whole only,
// such as a feed or the sitemap.
func (r *renderer) siteKey(out string) uint64 {
	var h maphash.Hash
	h.SetSeed(r.b.seed)
	fmt.Fprintf(&h, "%d\x00%s", r.sum, out)
	return h.Sum64()
}
