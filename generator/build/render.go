package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/publish"
	"loa/generator/site"
	"loa/generator/theme"
)

// render is one render of a plan into an output: what every language's
// renderer shares.
type render struct {
	b      *Builder
	plan   *Plan
	out    Output
	assets map[string]asset // name under assets/ → fingerprinted output
	langs  []*renderer      // one per language, the default's first

	pages, files atomic.Int64
	mu           sync.Mutex
	diags        diag.List

	// For an Output that can carry unchanged files over (see reuse.go).
	reuser Reuser
	sum    uint64   // of the whole site, every language, see siteSum
	keys   sync.Map // output → key of its inputs, this render
	reused atomic.Int64

	// For a render begun by Begin: the jobs taken, by Staged.Now or the
	// render, so that each runs once (see staged.go).
	claimed *sync.Map

	// For an Output that replaces a folder a previous build published
	// (see outputs.go and keys.go).
	outs *outputs
	sums sums   // every node's own sum
	wide outKey // the whole site
}

// renderer turns one language's site into output files; a site of one
// language has one.
type renderer struct {
	*render
	site  *site.Site
	theme *theme.Theme
	slow  int64 // theme.Slow() when this render began
	words map[string]string

	global, tax outKey   // for the output cache: see keys.go
	scopes      sync.Map // layout name → its layoutScope, worked out once
}

type asset struct {
	out  string // "css/main.3f9a1c2b7d.css"
	data []byte // minified
}

// view is what a layout sees as its dot: the node, and the pager being
// rendered for lists.
//
// The fields after Paginator hold what the default theme's layouts read
// several times a page, once: they shadow the node's methods of the same
// names and values. text/template finds a method by name on every call
// (reflect builds the method's type each time); a field costs a third as
// much, and these are a tenth of all the values a page's layouts read.
// The node's own fields the layouts read are copied too: reflect finds a
// field of the embedded node only by a search that allocates, a field of
// view's own by a loop over its names.
type view struct {
	*site.Node
	Paginator *site.Pager

	Site                           *site.Site
	Title, Permalink, RelPermalink string
	Date, Lastmod                  time.Time
	IsHome, IsPage, IsSection      bool

	Terms              map[string][]*site.Term
	Related            []*site.Node
	Parent, Prev, Next *site.Node
	Taxonomy           *site.Taxonomy
	Term               *site.Term
}

func newView(n *site.Node, pg *site.Pager) view {
	return view{
		Node: n, Paginator: pg,
		Site:  n.Site(),
		Title: n.Title(), Permalink: n.Permalink(), RelPermalink: n.RelPermalink(),
		Date: n.Date(), Lastmod: n.Lastmod(),
		IsHome: n.IsHome(), IsPage: n.IsPage(), IsSection: n.IsSection(),
		Terms: n.Terms, Related: n.Related, Parent: n.Parent, Prev: n.Prev, Next: n.Next,
		Taxonomy: n.Taxonomy, Term: n.Term,
	}
}

func (b *Builder) newRenderer(p *Plan, out Output) (*renderer, diag.List) {
	rd := &render{b: b, plan: p, out: out}
	rd.reuser, _ = out.(Reuser)
	if rd.reuser == nil {
		rd.outs = b.openOutputs(out)
	}
	var diags diag.List
	if pr := p.prepared; pr != nil {
		// A plan refreshed for body edits renders with the layouts, assets
		// and site sum of its last render: none of them can have changed.
		rd.assets, rd.sum = pr.assets, pr.sum
	} else {
		diags = rd.loadAssets()
	}
	md := page.NewParser(p.Config)
	for i, s := range p.Sites {
		r := &renderer{render: rd, site: s, words: p.res.langWords[s.Lang()]}
		if r.words == nil {
			r.words = p.res.words
		}
		if pr := p.prepared; pr != nil {
			r.theme = pr.themes[i]
			r.theme.ResetCache()
		} else {
			env := theme.Env{
				Config:      s.Config,
				Words:       r.words,
				Markdownify: func(s string) template.HTML { return template.HTML(md.Inline(s)) },
				Asset: func(name string) (string, error) {
					a, ok := rd.assets[name]
					if !ok {
						return "", fmt.Errorf("asset %q not found in assets/", name)
					}
					return s.RelURL(a.out), nil
				},
			}
			t, d := theme.Load(p.res.layouts, theme.Funcs(env))
			if i == 0 {
				diags.Append(d) // the same layouts: their errors once
			}
			r.theme = t
		}
		r.slow = r.theme.Slow()
		if s == p.Site {
			rd.langs = append([]*renderer{r}, rd.langs...)
		} else {
			rd.langs = append(rd.langs, r)
		}
	}
	return rd.langs[0], diags
}

// loadAssets minifies every file under assets/ and names it by its content
// hash, so hosts may cache it for a year.
func (r *render) loadAssets() diag.List {
	var diags diag.List
	r.assets = map[string]asset{}
	for _, name := range slices.Sorted(maps.Keys(r.plan.res.assets)) {
		src := r.plan.res.assets[name]
		data, err := fs.ReadFile(src.fsys, src.name)
		if err == nil {
			data, err = r.b.minify(name, data)
		}
		if err != nil {
			diags.Errorf(diag.Pos{File: src.display}, "", "%v", err)
			continue
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		out := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		r.assets[name] = asset{out: out, data: data}
	}
	return diags
}

func (b *Builder) minify(name string, data []byte) ([]byte, error) {
	if !b.minifies(name) {
		return data, nil
	}
	return b.minifier.Minify(name, data)
}

// minifies tells whether minify makes new bytes for the file name, rather
// than return the ones it is given.
func (b *Builder) minifies(name string) bool {
	return b.opts.Minify && publish.MediaType(name) != ""
}

// job is one output to produce.
type job func() diag.List

// run renders every node, feed and file of every language in parallel.
func (r *renderer) run() (Stats, diag.List) {
	if st, diags, ok := r.renderRefreshed(); ok {
		return st, diags
	}
	if d := r.prepare(); d.HasErrors() {
		return Stats{}, d
	}
	jobs, after := r.jobs()
	return r.finish(jobs, after)
}

// prepare does what every output of a full render needs first.
func (r *renderer) prepare() diag.List {
	r.plan.refreshed = nil
	if r.reuser != nil && r.sum == 0 {
		r.sum = r.siteSum()
	}
	// The zips first: the campaigns' pages show their sizes.
	var zips diag.List
	for _, l := range r.langs {
		zips.Append(l.makeZips())
	}
	if zips.HasErrors() {
		return zips
	}
	r.keyOutputs()
	return nil
}

// jobs are every output of a full render, those to run first and those to
// run once they are done. The search index is the longest job: it goes
// first, to keep every core busy to the end, but in a one-off build of a
// site of packFrom files and more it goes after all others, when the
// partials cached are let go: at 100,000 items the index grows to 250 MB
// and more while it is made, and the pages rendered meanwhile would add
// to it what they hold.
func (r *renderer) jobs() (jobs, after []job) {
	for _, l := range r.langs {
		if r.b.bigOneOff() {
			after = append(after, l.searchJobs()...)
		} else {
			jobs = append(jobs, l.searchJobs()...)
		}
	}
	for _, l := range r.langs {
		jobs = append(jobs, l.langJobs()...)
	}
	jobs = append(jobs, r.robots, r.headers)
	if len(r.langs) > 1 {
		jobs = append(jobs, r.sitemapIndex)
	}
	if r.site.Home.Path != "" {
		jobs = append(jobs, r.rootRedirect)
	}
	for _, name := range slices.Sorted(maps.Keys(r.assets)) {
		jobs = append(jobs, r.assetJob(r.assets[name]))
	}
	return jobs, after
}

func (r *renderer) assetJob(a asset) job {
	return func() diag.List {
		if !r.claim("asset\x00" + a.out) {
			return nil
		}
		return r.writeRaw(a.out, a.data)
	}
}

// finish runs the jobs in parallel and keeps what the next render needs.
func (r *renderer) finish(jobs, after []job) (Stats, diag.List) {
	lists := make([]diag.List, len(jobs)+len(after))
	parallel(len(jobs), func(i int) { lists[i] = jobs[i]() })
	for _, l := range r.langs {
		// The partials cached are of this render only (the next one starts
		// afresh): a preview need not hold the cards between saves.
		l.theme.ResetCache()
	}
	parallel(len(after), func(i int) { lists[len(jobs)+i] = after[i]() })
	var diags diag.List
	for _, l := range lists {
		diags.Append(l)
	}
	if r.reuser != nil && !diags.HasErrors() {
		keys := make(map[string]uint64, len(r.b.keys))
		r.keys.Range(func(k, v any) bool {
			keys[k.(string)] = v.(uint64)
			return true
		})
		r.b.keys = keys
		pr := &prepared{assets: r.assets, sum: r.sum}
		for _, s := range r.plan.Sites {
			pr.themes = append(pr.themes, r.of(s).theme)
		}
		r.plan.prepared = pr
	}
	if r.outs != nil && !diags.HasErrors() {
		r.b.outs = r.outs // for SaveOutputs, once published
		r.reused.Add(int64(r.outs.kept))
	}
	st := Stats{Pages: int(r.pages.Load()), Files: int(r.files.Load()), Reused: int(r.reused.Load())}
	for _, l := range r.langs {
		st.Slow += int(l.theme.Slow() - l.slow)
	}
	return st, diags
}

// langJobs are the outputs of one language: its pages, lists, 404 page,
// sitemap, feeds, campaign calendars, alias pages and files.
func (r *renderer) langJobs() []job {
	var jobs []job
	type pagerJob struct {
		newest time.Time // of its first page
		job    job
	}
	var pagers []pagerJob
	for _, n := range r.site.Nodes {
		n := n
		if len(n.Pagers) == 0 {
			jobs = append(jobs, func() diag.List { return r.html(n, nil, n.OutFile()) })
			continue
		}
		for _, pg := range n.Pagers {
			pg := pg
			pj := pagerJob{job: func() diag.List { return r.html(n, pg, outFile(pg.Path)) }}
			if len(pg.Pages) > 0 {
				pj.newest = pg.Pages[0].Date()
			}
			pagers = append(pagers, pj)
		}
	}
	// The pages of every list (a section's, each term's), newest first all
	// together: a news card shows on one page of each list the item is in,
	// all around its date, so the cards partialCached keeps are used again
	// soon after they are made, and a bounded cache keeps them (see
	// theme's partCache).
	slices.SortStableFunc(pagers, func(a, b pagerJob) int { return b.newest.Compare(a.newest) })
	for _, pj := range pagers {
		jobs = append(jobs, pj.job)
	}
	jobs = append(jobs, r.notFound, r.sitemap)
	jobs = append(jobs, r.feedJobs()...)
	jobs = append(jobs, r.campaignJobs()...)
	for _, a := range r.site.Aliases {
		a := a
		jobs = append(jobs, func() diag.List {
			if r.reuse(a.From, r.siteKey(a.From)) || r.keepWide(a.From) {
				return nil
			}
			return r.write(a.From, aliasPage(a.To.Permalink(), r.aliasLang()))
		})
	}
	for _, f := range r.site.Files {
		f := f
		jobs = append(jobs, func() diag.List { return r.copyFile(f) })
	}
	return jobs
}

// of is the renderer of a language's site.
func (r *renderer) of(s *site.Site) *renderer {
	for _, l := range r.langs {
		if l.site == s {
			return l
		}
	}
	return r
}

// rootRedirect leads the root of a site whose default language is in its
// folder too (defaultContentLanguageInSubdir) to that language, as Hugo does.
func (r *renderer) rootRedirect() diag.List {
	if r.reuse("index.html", r.siteKey("index.html")) {
		return nil
	}
	return r.write("index.html", aliasPage(r.site.Home.Permalink(), r.aliasLang()))
}

func outFile(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// html renders one node (one pager of a list) through its layout.
func (r *renderer) html(n *site.Node, pg *site.Pager, out string) diag.List {
	if !r.claim(pageJob{n, pg}) {
		return nil
	}
	if r.reuser != nil && r.reuse(out, r.nodeKey(n, pg)) {
		return nil
	}
	name, diags := r.layoutFor(n)
	if diags.HasErrors() {
		return diags
	}
	if r.outs != nil && r.outs.keep(out, r.pageKey(n, pg, name)) {
		return diags
	}
	return r.execute(name, diags, n, pg, out)
}

// htmlNow renders a node (a pager of a list) without looking for a reuse.
func (r *renderer) htmlNow(n *site.Node, pg *site.Pager, out string) diag.List {
	name, diags := r.layoutFor(n)
	if diags.HasErrors() {
		return diags
	}
	return r.execute(name, diags, n, pg, out)
}

// execute renders a node (a pager of a list) through the layout name.
func (r *renderer) execute(name string, diags diag.List, n *site.Node, pg *site.Pager, out string) diag.List {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	if d := r.theme.Execute(buf, name, newView(n, pg)); d.HasErrors() {
		putPageBuffer(buf)
		for i := range d {
			d[i].Message += " (rendering " + n.RelPermalink() + ")"
		}
		return r.once(d)
	}
	r.pages.Add(1)
	d := append(r.once(diags), r.write(out, buf.Bytes())...)
	if r.b.minifies(out) {
		// The output got the minifier's copy, never this buffer.
		putPageBuffer(buf)
	}
	return d
}

// pageBuffers hold a page as its layout writes it, until it is minified,
// and the minified page until it is written.
var pageBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

// putPageBuffer gives a buffer back to pageBuffers, unless a sitemap or
// search index of megabytes grew it: those are few, and the pool would hold
// them past the build.
func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		pageBuffers.Put(b)
	}
}

// once reports a template error only the first time: the same broken line
// would otherwise be reported for every page.
func (r *renderer) once(d diag.List) diag.List {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out diag.List
	for _, e := range d {
		seen := false
		for _, old := range r.diags {
			if old.Pos == e.Pos && withoutPage(old.Message) == withoutPage(e.Message) {
				seen = true
			}
		}
		if !seen {
			r.diags = append(r.diags, e)
			out = append(out, e)
		}
	}
	return out
}

// withoutPage drops the "(rendering …)" note, so that one broken line is
// reported once, for the first page it broke.
func withoutPage(msg string) string {
	msg, _, _ = strings.Cut(msg, " (rendering ")
	return msg
}

func (r *renderer) layoutFor(n *site.Node) (string, diag.List) {
	var diags diag.List
	typ := n.Type()
	if typ == "" {
		typ = n.Section()
	}
	plural := ""
	if n.Taxonomy != nil {
		plural = n.Taxonomy.Plural
	}
	name, ok := r.theme.Lookup(theme.Candidates(n.Kind.String(), typ, n.Layout(), plural))
	if !ok {
		diags.Errorf(diag.Pos{File: "layouts"}, "add layouts/_default/"+map[bool]string{true: "single", false: "list"}[n.IsPage()]+".html to the site or theme",
			"no layout for %s pages", n.Kind)
		return "", r.once(diags)
	}
	// As in Hugo, a layout or type with no template of its own falls back
	// to the usual one; say so, since the page will not look as asked.
	if l := n.Layout(); l != "" && !strings.HasSuffix(name, "/"+l+".html") {
		diags.Warnf(n.Page.KeyPos("layout"), fmt.Sprintf("create layouts/_default/%s.html, or remove the layout line; %s is used meanwhile", l, name),
			"unknown layout %q", l).Vi(
			fmt.Sprintf("tạo tệp layouts/_default/%s.html, hoặc xoá dòng layout; tạm dùng mẫu %s", l, name),
			"không có mẫu trình bày %q", l)
	}
	if t := n.Type(); t != "" && !strings.HasPrefix(name, t+"/") && n.Layout() == "" {
		diags.Warnf(n.Page.KeyPos("type"), fmt.Sprintf("create a folder layouts/%s/ with its layouts, or remove the type line; %s is used meanwhile", t, name),
			"no layouts for type %q", t).Vi(
			fmt.Sprintf("tạo thư mục layouts/%s/ với các mẫu của nó, hoặc xoá dòng type; tạm dùng mẫu %s", t, name),
			"không có mẫu trình bày nào cho loại %q", t)
	}
	return name, diags
}

// notFound writes the 404 page: the default language's at the root, where
// hosts look for it, every other language's in its folder.
func (r *renderer) notFound() diag.List {
	out := "404.html"
	if !r.site.Config.Language.Default {
		out = r.site.Home.Path + out
	}
	if !r.theme.Has("404.html") || r.reuse(out, r.siteKey(out)) || r.keepWide(out) {
		return nil
	}
	var buf bytes.Buffer
	if d := r.theme.Execute(&buf, "404.html", newView(r.site.Home, nil)); d.HasErrors() {
		return r.once(d)
	}
	r.pages.Add(1)
	return r.write(out, buf.Bytes())
}

// write minifies and hands one file to the output.
func (r *renderer) write(out string, data []byte) diag.List {
	var err error
	if _, stage := r.out.(*publish.Stage); stage && r.b.minifies(out) {
		// A stage keeps no bytes it is given: the minified page goes
		// through a pooled buffer rather than new bytes each time (a
		// ninth of what a build at 1,000 items allocated).
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer putPageBuffer(buf)
		buf.Reset()
		if err = r.b.minifier.MinifyTo(buf, out, data); err == nil {
			return r.writeRaw(out, buf.Bytes())
		}
	} else if data, err = r.b.minify(out, data); err == nil {
		return r.writeRaw(out, data)
	}
	var d diag.List
	d.Errorf(diag.Pos{File: out}, "the layout produced broken HTML, CSS or JavaScript; check the layout", "%v", err)
	return d
}

func (r *renderer) writeRaw(out string, data []byte) diag.List {
	r.files.Add(1)
	if err := r.out.WriteFile(out, data); err != nil {
		var d diag.List
		d.Errorf(diag.Pos{File: out}, "", "writing: %v", err)
		return d
	}
	return nil
}

// copyFile publishes a file as it is, or a picture through the pipeline.
func (r *renderer) copyFile(f site.File) diag.List {
	if !r.claim("file\x00" + f.Name + "\x00" + f.Out) {
		return nil
	}
	if f.Picture != nil {
		return r.picture(f)
	}
	fsys, name := r.source(f)
	return r.copy(f, fsys, name)
}

// copy hands the output the file fsys/name to publish at f.Out.
func (r *renderer) copy(f site.File, fsys fs.FS, name string) diag.List {
	r.files.Add(1)
	if err := r.out.CopyFile(f.Out, fsys, name); err != nil {
		var d diag.List
		d.Errorf(diag.Pos{File: f.Name}, "", "copying: %v", err)
		return d
	}
	return nil
}

// aliasLang is the lang of a redirect page: its language's.
func (r *renderer) aliasLang() string {
	if l := r.site.LanguageCode(); l != "" {
		return l
	}
	return "vi"
}

func aliasPage(to, lang string) []byte {
	u := template.HTMLEscapeString(uri(to))
	return []byte(`<!doctype html><html lang="` + template.HTMLEscapeString(lang) + `"><head><meta charset="utf-8"><title>` + u +
		`</title><link rel="canonical" href="` + u + `"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=` +
		u + `"></head><body><p><a href="` + u + `">` + u + `</a></p></body></html>`)
}
