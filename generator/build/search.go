package build

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"loa/generator/diag"
	"loa/generator/locale"
	"loa/generator/search"
	"loa/generator/site"
)

// The search page and its index. The address is Vietnamese, as the site's
// sections are; the index sits below it so one folder holds the feature.
// Each language has its own, in its folder (/en/tim-kiem/), holding its
// own pages only.
const (
	searchPage   = "tim-kiem/index.html"
	searchIndex  = SearchIndexDir
	searchLayout = "search.html"
)

// SearchIndexDir is the folder of the search index in the output, in the
// folder of each language but the default (see Plan.IsSearchIndex).
const SearchIndexDir = "tim-kiem/chi-muc/"

// IsSearchIndex reports whether an output file is part of a language's
// search index.
func (p *Plan) IsSearchIndex(rel string) bool {
	for _, s := range p.Sites {
		if strings.HasPrefix(rel, s.Home.Path+SearchIndexDir) {
			return true
		}
	}
	return strings.HasPrefix(rel, SearchIndexDir)
}

// searchJobs renders the search page and writes the index, when the theme
// has a search layout and no page of the site already has the address.
func (r *renderer) searchJobs() []job {
	if !r.searchWanted() {
		return nil
	}
	return []job{r.searchPageJob, r.searchIndexJob}
}

func (r *renderer) searchWanted() bool {
	if !r.theme.Has(searchLayout) {
		return false
	}
	out := r.site.Home.Path + searchPage
	for _, n := range r.site.Nodes {
		if n.WritesTo(out) {
			return false
		}
	}
	return true
}

// FinishSearch writes the search index that a render of body edits left
// behind (see renderRefreshed) into out, which must hold that render's
// files. The preview calls it after sending the reload, so that a save
// shows at once and the search follows it; it does nothing when the index
// is current.
func (b *Builder) FinishSearch(p *Plan, out Output) diag.List {
	if p == nil || !p.searchStale {
		return nil
	}
	rd := &render{b: b, plan: p, out: out}
	rd.reuser, _ = out.(Reuser) // the preview's: its index is kept in memory
	var diags diag.List
	for _, s := range p.Sites {
		r := &renderer{render: rd, site: s}
		if p.prepared != nil {
			r.theme = p.prepared.themes[slices.Index(p.Sites, s)]
			if !r.searchWanted() {
				continue
			}
		}
		diags.Append(r.searchIndexJob())
	}
	if !diags.HasErrors() {
		p.searchStale = false
	}
	return diags
}

func (r *renderer) searchPageJob() diag.List {
	out := r.site.Home.Path + searchPage
	if r.reuse(out, r.siteKey(out)) || (r.outs != nil && r.outs.keep(out, r.pageKey(r.site.Home, nil, searchLayout))) {
		return nil
	}
	var buf bytes.Buffer
	if d := r.theme.Execute(&buf, searchLayout, newView(r.site.Home, nil)); d.HasErrors() {
		return r.once(d)
	}
	r.pages.Add(1)
	return r.write(out, buf.Bytes())
}

// searchIndexJob indexes every published regular page and campaign landing
// page. It always runs, also on the preview's fast path, since a body edit
// changes the index though it changes no other page.
//
// A build without a cache makes the index from nothing. The preview
// updates the index it made last, kept in memory; a build with the cache
// the one it kept in the cache (see searchstate.go): either reads the
// pages from the first changed one on, a new newest page alone most days.
// With the output cache, an index whose pages did not change since the
// last build (a layout or a word was edited) is kept as it is, since its
// manifest is keyed by every page; otherwise each file is kept when its
// bytes are the last build's, and written when not.
func (r *renderer) searchIndexJob() diag.List {
	dir := r.site.Home.Path + searchIndex
	nodes := searchNodes(r.site)
	docs := searchDocs(r.site, nodes)
	var diags diag.List
	write := func(f search.File) { diags.Append(r.writeRaw(dir+f.Name, f.Data)) }
	if r.outs == nil && r.reuser == nil {
		search.Build(docs, write)
		return diags
	}
	r.keySearchDocs(nodes, docs)
	if r.outs != nil {
		key := r.searchKey(docs)
		manifest := dir + "manifest.json"
		kept := map[string]bool{}
		if r.outs.keep(manifest, key) {
			var all bool
			if kept, all = r.outs.keepUnder(dir); all {
				return nil
			}
			kept[manifest] = true
		}
		write = func(f search.File) {
			out := dir + f.Name
			if kept[out] {
				return
			}
			k := key
			if out != manifest {
				k = contentKey(f.Data)
			}
			if !r.outs.keep(out, k) {
				diags.Append(r.writeRaw(out, f.Data))
			}
		}
	}
	lang := r.site.Lang()
	inMemory := r.outs == nil // the preview's (a Reuser)
	prev := r.b.takeSearch(lang, inMemory)
	ix, read := search.Update(prev, docs, write)
	r.b.searchRead.Add(int64(read))
	r.b.keepSearch(lang, ix, inMemory, ix != prev || read > 0)
	return diags
}

// searchNodes are the pages the index holds: the published regular pages
// and campaign landing pages.
func searchNodes(s *site.Site) []*site.Node {
	nodes := append([]*site.Node(nil), s.Pages...)
	for _, c := range s.Campaigns {
		nodes = append(nodes, c.Node)
	}
	return slices.DeleteFunc(nodes, func(n *site.Node) bool { return n.Page == nil || !n.Published() })
}

func searchDocs(s *site.Site, nodes []*site.Node) []search.Doc {
	loc := s.Config.Location
	dates := locale.For(s.Lang())
	docs := make([]search.Doc, 0, len(nodes))
	for _, n := range nodes {
		d := search.Doc{
			Title:   n.Title(),
			Lead:    n.Description(),
			Body:    func(read func(string)) { readPlainText(n, read) },
			Section: sectionName(n),
			URL:     n.RelPermalink(),
		}
		if t := n.Date(); !t.IsZero() {
			t = t.In(loc)
			d.Time, d.Year = t, t.Year()
			d.Date = dates.WeekdayDate(t)
		}
		for _, tax := range n.Terms {
			for _, t := range tax {
				d.Terms = append(d.Terms, t.Name)
			}
		}
		docs = append(docs, d)
	}
	return docs
}

// sectionName is the title of the top-level section a page is in.
func sectionName(n *site.Node) string {
	for p := n; p != nil; p = p.Parent {
		if p.Parent != nil && p.Parent.Parent == nil && p.Kind == site.KindSection {
			return p.Title()
		}
	}
	return ""
}

// textBuffers are the buffers readPlainText makes a page's text in: the
// HTML as kept, with its links and pictures, and the text.
type textBuffers struct{ raw, html, text []byte }

var textPool = sync.Pool{New: func() any { return new(textBuffers) }}

// readPlainText calls read with the plain text of n's HTML, made in
// buffers that the next page uses again. The three strings a page's text
// was made through (the HTML read back, with its links, as text) were
// 124 MB of a 10,000-item build's 2.4 GB of allocations; at 100,000
// items, those made while a garbage collection ran, which it counts
// live, were a tenth of the peak of memory.
func readPlainText(n *site.Node, read func(string)) {
	b := textPool.Get().(*textBuffers)
	defer textPool.Put(b)
	b.html, b.raw = n.AppendContent(b.html[:0], b.raw)
	b.text = appendPlainText(b.text[:0], unsafe.String(unsafe.SliceData(b.html), len(b.html)))
	read(unsafe.String(unsafe.SliceData(b.text), len(b.text)))
}

// appendPlainText appends the text of a page's HTML to dst: tags become
// spaces, so that words of two paragraphs never join, and script and
// style elements are dropped.
func appendPlainText(dst []byte, h string) []byte {
	b := bytes.NewBuffer(dst)
	b.Grow(len(h))
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			b.WriteString(html.UnescapeString(h))
			break
		}
		b.WriteString(html.UnescapeString(h[:lt]))
		b.WriteByte(' ')
		h = h[lt:]
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		tag := strings.ToLower(h[:gt])
		h = h[gt+1:]
		for _, el := range []string{"script", "style"} {
			if strings.HasPrefix(tag, "<"+el) {
				if i := strings.Index(strings.ToLower(h), "</"+el); i >= 0 {
					h = h[i:]
				}
			}
		}
	}
	return b.Bytes()
}
