package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"maps"
	"slices"
	"strconv"
	"strings"

	"loa/generator/search"
	"loa/generator/site"
)

// What each page output shows, for the output cache (outputs.go). A page
// shows itself and its neighbours: the sections above it, the pages before
// and after it, its related pages, its terms and translations, or for a
// list the pages on its pager; and what every page shows: configuration,
// layouts, words, assets, menus, campaigns, the day. A layout that may
// reach further (any page of the site through .Site.RegularPages, .Pages,
// .Sections…) shows the whole site: its pages are rendered again whenever
// any page changes.

// beyond are the names by which a layout reaches pages other than the
// page's neighbours. A name counts whatever it is called on, so a params
// key named the same costs a render, never a stale page.
var beyond = map[string]bool{
	"Pages": true, "RegularPages": true, "Sections": true, "Nodes": true, "Pagers": true,
	"Taxonomies": true, "Count": true, "TermsByCount": true,
	"News": true, "Results": true, "Activities": true, "Materials": true, "Weeks": true, "Days": true,
	"CampaignYears": true, "GetPage": true, "NodeByFile": true, "Sites": true, "DefaultSite": true,
	"Files": true, "Resources": true, "Aliases": true,
}

// layoutScope is how far one layout reaches.
type layoutScope struct {
	wide     bool // the whole site
	taxonomy bool // the terms of every taxonomy
	pagers   bool // every pager of its list (.Total, .All), not only those near its own
}

// scope is how far layout reaches on a page, or on a list's pager after
// the first (afterFirst), where what runs on the first only is left out.
func (r *renderer) scope(layout string, afterFirst bool) layoutScope {
	type which struct {
		layout     string
		afterFirst bool
	}
	if sc, ok := r.scopes.Load(which{layout, afterFirst}); ok {
		return sc.(layoutScope)
	}
	reads := r.theme.Reads
	if afterFirst {
		reads = r.theme.ReadsAfterFirst
	}
	sc := scopeOf(reads(layout))
	r.scopes.Store(which{layout, afterFirst}, sc)
	return sc
}

// scopeOf reads how far a layout reaches from the chains it reads.
func scopeOf(names map[string]bool, ok bool) layoutScope {
	if !ok {
		return layoutScope{wide: true}
	}
	var sc layoutScope
	for chain := range names {
		ids := strings.Split(chain, ".")
		for i, id := range ids {
			next := ""
			if i+1 < len(ids) {
				next = ids[i+1]
			}
			switch {
			case id == "Pages" && i > 0 && ids[i-1] == "Paginator":
				// the pages of the pager, which its key holds
			case id == "Total" || id == "All":
				// a pager's count or list; a name counts whatever it is
				// called on, as for beyond
				sc.pagers = true
			case id == "Taxonomy":
				// its names are configuration; its terms are not
				sc.taxonomy = sc.taxonomy || (next != "Singular" && next != "Plural")
			default:
				sc.wide = sc.wide || beyond[id]
			}
		}
	}
	return sc
}

// inputsKey starts a key with what every output of a build depends on:
// the program, the command line's options and the configuration's text.
func (b *Builder) inputsKey() hash.Hash {
	h := newKey()
	tool := b.toolSum()
	h.Write(tool[:])
	o := b.opts
	fmt.Fprintf(h, "%s\x00%t%t%t%t\x00%s\x00", o.BaseURL, o.Drafts, o.Future, o.Expired, o.Minify, o.At)
	h.Write(b.cfgSrc)
	return h
}

// globalKey is what every page of the renderer's language shows. Of the
// time of the build it holds the day (campaigns count days; --now is in
// the options): a layout that prints the clock's time shows, on a page
// not rendered again, the time it was last rendered, as on any host.
func (r *renderer) globalKey(sums sums) outKey {
	h := r.b.inputsKey()
	s := r.site
	fmt.Fprintf(h, "\x00%s\x00%d\x00%s\x00%t\x00", s.Lang(), r.theme.Sum(), s.Now.In(r.plan.Config.Location).Format("2006-01-02"), s.NowFixed)
	for _, k := range slices.Sorted(maps.Keys(r.words)) {
		fmt.Fprintf(h, "%s=%s\x00", k, r.words[k])
	}
	fmt.Fprintf(h, "%v\x00%v\x00%v\x00", r.plan.res.data, s.MainMenu(), s.Menus) // fmt prints maps sorted
	for _, k := range slices.Sorted(maps.Keys(r.assets)) {
		fmt.Fprintf(h, "%s\x00", r.assets[k].out)
	}
	for _, sib := range s.Sites() {
		writeKey(h, sums.of(sib.Home))
	}
	for _, c := range s.Campaigns {
		fmt.Fprintf(h, "c%s\x00%s\x00%v\x00%v\x00%q\x00%s\x00%d\x00%t\x00", c.Slug, c.Theme, c.Start, c.End, c.Messages, c.Status(), c.DaysLeft(), c.Banner())
		for _, l := range c.Hotlines {
			fmt.Fprintf(h, "%+v\x00", *l)
		}
		if c.Zip != nil {
			fmt.Fprintf(h, "%s\x00%d\x00", c.Zip.Out, c.Zip.Size())
		}
		writeKey(h, sums.of(c.Node))
	}
	return sumOf(h)
}

// wideKey is what a page that may show any page shows: every node of every
// language, every published file, every alias.
func (r *render) wideKey(sums sums) outKey {
	h := newKey()
	for _, l := range r.langs {
		writeKey(h, l.global)
		for _, n := range l.site.Nodes {
			writeKey(h, sums.of(n))
		}
		for _, f := range l.site.Files {
			fmt.Fprintf(h, "%s\x00%d\x00%dx%d\x00", f.Out, f.Size, f.Width, f.Height)
		}
		for _, a := range l.site.Aliases {
			fmt.Fprintf(h, "%s>%s\x00", a.From, a.To.Path)
		}
	}
	return sumOf(h)
}

// taxonomyKey is every term of every taxonomy of the language, without
// the pages under each.
func (r *renderer) taxonomyKey(sums sums) outKey {
	h := newKey()
	for _, t := range r.site.Taxonomies {
		fmt.Fprintf(h, "%s\x00%s\x00", t.Plural, t.Singular)
		writeKey(h, sums.of(t.Node))
		for _, term := range t.Terms {
			writeKey(h, sums.of(term.Node))
		}
	}
	return sumOf(h)
}

// pageKey is the key of the output of node n (of its pager pg) rendered
// with layout. It is worked out for every output of every build, so its
// parts are appended to one buffer and hashed once.
func (r *renderer) pageKey(n *site.Node, pg *site.Pager, layout string) outKey {
	sums := r.sums
	b := make([]byte, 0, 1024)
	b = append(b, r.global[:]...)
	b = append(append(b, layout...), 0)
	b = appendKey(b, sums.of(n))
	sc := r.scope(layout, pg != nil && !pg.IsFirst())
	if sc.wide {
		b = append(b, r.wide[:]...)
	}
	if sc.taxonomy {
		b = append(b, r.tax[:]...)
	}
	if pg != nil {
		b = appendPager(b, pg, sc.pagers)
		b = appendNodes(b, sums, pg.Pages)
	}
	b = appendNodes(b, sums, n.Ancestors())
	b = appendNodes(b, sums, n.Related)
	b = appendNodes(b, sums, n.AllTranslations())
	b = appendNodes(b, sums, []*site.Node{n.Parent, n.Prev, n.Next})
	for _, plural := range slices.Sorted(maps.Keys(n.Terms)) {
		for _, t := range n.Terms[plural] {
			b = appendKey(b, sums.of(t.Node))
		}
	}
	return keyOf(b)
}

// appendPager adds what a pager shows of its list: its own number and
// address, and those of the pagers it links to (newer, older, its
// window), with the count of pagers only for a layout that reads it. With
// stable numbering these stay the same on every pager but those near the
// top when a page is added, so the others are not rendered again.
func appendPager(b []byte, pg *site.Pager, all bool) []byte {
	one := func(p *site.Pager) {
		if p == nil {
			b = append(b, 0)
			return
		}
		b = strconv.AppendInt(b, int64(p.Number), 10)
		b = append(b, ' ')
		b = strconv.AppendBool(b, p.IsFirst())
		b = append(b, ' ')
		b = append(append(b, p.Path...), 0)
	}
	one(pg)
	one(pg.Prev())
	one(pg.Next())
	for _, p := range pg.Window() {
		one(p)
	}
	if all {
		b = append(b, 'n')
		b = append(strconv.AppendInt(b, int64(pg.Total()), 10), 0)
	}
	return b
}

// listKey is the key of an output that shows the list node n's first
// pages, such as its feed.
func (r *renderer) listKey(out string, n *site.Node, pages []*site.Node) outKey {
	b := make([]byte, 0, 1024)
	b = append(b, r.global[:]...)
	b = append(append(b, out...), 0)
	b = appendKey(b, r.sums.of(n))
	b = appendNodes(b, r.sums, pages)
	return keyOf(b)
}

// wideOutKey is the key of an output that may show anything of the site,
// such as the sitemap.
func (r *renderer) wideOutKey(out string) outKey {
	b := make([]byte, 0, 128)
	b = append(b, r.wide[:]...)
	b = append(append(b, out...), 0)
	return keyOf(b)
}

// appendNodes adds the count of nodes and each one's sum, a zero byte for
// a missing one.
func appendNodes(b []byte, sums sums, nodes []*site.Node) []byte {
	b = binary.AppendUvarint(b, uint64(len(nodes)))
	for _, m := range nodes {
		if m != nil {
			b = appendKey(b, sums.of(m))
		} else {
			b = append(b, 0)
		}
	}
	return b
}

func appendKey(b []byte, k outKey) []byte { return append(b, k[:]...) }

// keyOf is the key of the bytes b.
func keyOf(b []byte) outKey {
	full := sha256.Sum256(b)
	return outKey(full[:len(outKey{})])
}

func writeKey(h hash.Hash, k outKey) { h.Write(k[:]) }

// keyOutputs works out, before rendering, what every output's key is made
// of: every node's sum, each language's global and taxonomy keys, the
// whole site's.
func (r *renderer) keyOutputs() {
	if r.outs == nil {
		return
	}
	r.sums = nodeSums(r.plan.Sites)
	for _, l := range r.langs {
		l.global = l.globalKey(r.sums)
		l.tax = l.taxonomyKey(r.sums)
	}
	r.wide = r.wideKey(r.sums)
}

// keepWide keeps an output that may show anything of the site, if nothing
// of the site changed.
func (r *renderer) keepWide(out string) bool {
	return r.outs != nil && r.outs.keep(out, r.wideOutKey(out))
}

// keySearchDocs gives each page of the search index its key: a hash of
// what the index shows of it, its body as its node's sum. The kept index
// knows its pages by it (see searchstate.go).
func (r *renderer) keySearchDocs(nodes []*site.Node, docs []search.Doc) {
	parallel(len(docs), func(i int) {
		d := &docs[i]
		h := newKey()
		terms := slices.Sorted(slices.Values(d.Terms)) // gathered from a map
		b := make([]byte, 0, 512)
		for _, f := range [...]string{d.Title, d.Lead, d.Section, d.URL, d.Date} {
			b = append(append(b, f...), 0)
		}
		b = append(strconv.AppendInt(b, d.Time.UnixNano(), 10), 0)
		b = append(strconv.AppendInt(b, int64(d.Year), 10), 0)
		b = append(strconv.AppendInt(b, int64(len(terms)), 10), 0)
		for _, t := range terms {
			b = append(append(b, t...), 0)
		}
		h.Write(b)
		writeKey(h, r.sums.of(nodes[i])) // the body
		h.Sum(d.Key[:0])
	})
}

// searchKey is the key of the search index of the renderer's language:
// the program, the configuration and options, and every page it indexes,
// by its key. Layouts and words are not in it.
func (r *renderer) searchKey(docs []search.Doc) outKey {
	h := r.b.inputsKey()
	fmt.Fprintf(h, "\x00%s\x00", r.site.Lang())
	for _, d := range docs {
		h.Write(d.Key[:])
	}
	return sumOf(h)
}
