package build

import (
	"crypto/sha256"
	"hash/maphash"
	"html/template"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sync"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/shortcode"
	"loa/generator/site"
	"loa/generator/theme"
)

// parse reads and parses every content file on all cores, reusing the pages
// whose bytes did not change since the last build, in memory, and else
// the pages of the cache on disk (see pagecache.go). A page depends on
// its bytes and on what parseSum names: a change of the latter parses
// every page again.
func (b *Builder) parse(cfg *config.Config, res *resources) ([]*page.Page, diag.List) {
	var files []string
	for _, name := range res.content {
		if _, _, ok := cfg.ContentLang(name); ok {
			files = append(files, name) // a disabled language's are not built
		}
	}
	parsers, sum, diags := b.parser(cfg, res)
	if diags.HasErrors() {
		return nil, diags
	}
	store := b.pageStore()
	b.pack = b.opts.Rebuilds || len(files) >= b.packFrom
	if b.keptBodies {
		b.mu.Lock()
		clear(b.parsed) // their HTML may move when this build saves the store
		b.mu.Unlock()
		b.keptBodies = false
	}
	var proof *proofStarted // the readings kept, for the ProofInput to follow
	if b.opts.Proofread {
		proof = b.proofStart(b.proofKey())
	}
	var sp *spool // nil: pages compressed in memory, if at all
	if b.bigOneOff() && store != nil {
		sp = newSpool(store.dir)
	}
	pages := make([]*page.Page, len(files))
	lists := make([]diag.List, len(files))
	entries := make([]pageEntry, len(files))
	keys := make([][32]byte, len(files))
	parallel(len(files), func(i int) {
		name := files[i]
		src, err := fs.ReadFile(b.opts.Site, name)
		if err != nil {
			lists[i].Errorf(diag.Pos{File: name}, "", "cannot read: %v", err)
			return
		}
		lang, _, _ := cfg.ContentLang(name)
		c, key := b.parseFile(parsers[lang], store, sp, sum, name, src, proof)
		pages[i], lists[i], keys[i] = c.page, c.diags, key
		if store != nil {
			entries[i] = pageEntry{key: key, encode: func(dst []byte) ([]byte, error) { return parsers[lang].AppendEncode(dst, c.page, c.diags) }}
		}
	})
	b.forgetParsed(files)
	if store != nil {
		// A one-off build reads its pages' HTML back from the packs
		// (keepBodies), checking each read against its sum; the preview
		// holds its pages.
		store.save(slices.DeleteFunc(entries, func(e pageEntry) bool { return e.encode == nil }))
		if !b.opts.Rebuilds {
			b.keepBodies(store, files, pages, keys)
		}
		if sp != nil && !slices.ContainsFunc(pages, func(p *page.Page) bool { return p != nil && p.ReadsFrom(sp.f) }) {
			sp.close() // else when the last page reading from it goes
		}
	}
	var out []*page.Page
	for i, p := range pages {
		diags.Append(lists[i])
		if p != nil {
			out = append(out, p)
		}
	}
	return out, diags
}

// keepBodies is for a one-off build: the pages' HTML is in the packs now,
// so every page that the store holds is replaced, here and in what the
// builder keeps of it, by a copy that reads its HTML from there when
// rendered or indexed (see pageStore.keep). Even at 1,000 items that is
// 7 MB of a 23 MB live heap (peak memory 69-73 MB to 62-67 MB), for a
// read of a few kilobytes per page rendered. A later build of the same builder parses
// afresh: it saves the store again, which moves the HTML.
func (b *Builder) keepBodies(store *pageStore, files []string, pages []*page.Page, keys [][32]byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.proof.mu.Lock()
	defer b.proof.mu.Unlock()
	for i, pg := range pages {
		if pg == nil {
			continue
		}
		kept := store.keep(pg, keys[i])
		if kept == pg {
			continue
		}
		pages[i] = kept
		if c, ok := b.parsed[files[i]]; ok && c.page == pg {
			c.page = kept
			b.parsed[files[i]] = c
		}
		if c, ok := b.proof.files[files[i]]; ok && c.page == pg {
			c.page = kept
			b.proof.files[files[i]] = c
		}
	}
	b.keptBodies = true
}

// packFrom is the number of content files from which a build keeps the
// pages' HTML out of memory while it parses: 100,000 news items hold 450
// MB of it. A one-off build writes it to a spool file until the parse
// cache holds it (spool.go); without the cache, it compresses it (see
// page.Pack). A preview, which holds its pages between builds, always
// compresses it.
const packFrom = 20000

// bigOneOff reports a one-off build of packFrom files or more: it spools
// its pages' HTML while it parses them, and makes its search index after
// every other output (renderer.jobs).
func (b *Builder) bigOneOff() bool { return b.pack && !b.opts.Rebuilds }

// parseFile returns the parse of a content file: the last build's when its
// bytes did not change, else the cache's on disk, else a new one; and its
// key in that cache. With proof, a new parse reads the file for the
// proofreader too, unless a reading of its bytes is kept.
func (b *Builder) parseFile(parser *page.Parser, store *pageStore, sp *spool, sum [32]byte, name string, src []byte, proof *proofStarted) (parsedFile, [32]byte) {
	var key, srcSum [32]byte
	if store != nil {
		srcSum = sha256.Sum256(src)
		key = pageKey(b.toolSum(), sum, name, srcSum)
	}
	h := maphash.Bytes(b.seed, src)
	b.mu.Lock()
	c, ok := b.parsed[name]
	b.mu.Unlock()
	if ok && c.hash == h {
		return c, key
	}
	if store == nil {
		srcSum = sha256.Sum256(src)
	}
	c = parsedFile{hash: h, sum: srcSum}
	var pr *page.Proof // what the proofreader reads of the file, made with a new parse
	fused := false     // pr was made (nil for a file it cannot read)
	if c.page, c.diags, ok = store.page(parser, key); !ok {
		if proof != nil && !b.proofKept(proof, name, c.sum) {
			c.page, pr, c.diags = parser.ParseWithProof(name, src)
			fused = true
		} else {
			c.page, c.diags = parser.Parse(name, src)
		}
	}
	if c.page != nil && b.pack {
		c.page = sp.keep(c.page, key)
	}
	if fused {
		b.proofParsed(proof, name, src, c, pr) // with the page the build keeps
	}
	b.mu.Lock()
	b.parsed[name] = c
	b.mu.Unlock()
	return c, key
}

// forgetParsed lets go of the parses of files the build no longer has.
func (b *Builder) forgetParsed(files []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.parsed) <= len(files) {
		return
	}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f] = true
	}
	for name := range b.parsed {
		if !keep[name] {
			delete(b.parsed, name)
		}
	}
}

// parser returns the page parsers of this build, one per language, with
// the shortcode templates of the site and its theme (their words are the
// language's), and the sum of what they read besides the files (see
// parseSum). When that changed since the last build, the pages parsed
// with the old ones are forgotten.
func (b *Builder) parser(cfg *config.Config, res *resources) (map[string]*page.Parser, [32]byte, diag.List) {
	gl, diags := b.loadGlossary()
	parsers := map[string]*page.Parser{}
	scs := map[string]page.Shortcodes{}
	var loaded []*theme.Shortcodes
	for i, l := range cfg.Languages {
		parser := page.NewParser(cfg)
		env := theme.Env{
			Config:      l.Config(),
			Words:       res.langWords[l.Lang],
			Markdownify: func(s string) template.HTML { return template.HTML(parser.Inline(s)) },
		}
		t, d := theme.LoadShortcodes(res.layouts, theme.Funcs(env))
		if i == 0 {
			diags.Append(d) // the same templates: their errors once
		}
		sc := shortcodes{t}
		parsers[l.Lang], scs[l.Lang] = parser.WithShortcodes(sc).WithGlossary(gl), sc
		loaded = append(loaded, t)
	}
	sum := b.parseSum(cfg, res, loaded, gl)
	b.mu.Lock()
	if sum != b.inputs {
		b.parsed = map[string]parsedFile{}
		b.inputs = sum
	}
	b.sc, b.glossary = scs, gl
	b.mu.Unlock()
	return parsers, sum, diags
}

// pageParser is the parser Refresh uses for a file: the shortcodes of the
// last build still hold, since only content files changed.
func (b *Builder) pageParser(cfg *config.Config, file string) *page.Parser {
	lang, _, _ := cfg.ContentLang(file)
	b.mu.Lock()
	sc, gl := b.sc[lang], b.glossary
	b.mu.Unlock()
	p := page.NewParser(cfg).WithGlossary(gl)
	if sc != nil {
		p = p.WithShortcodes(sc)
	}
	return p
}

// shortcodes renders shortcodes with the theme's templates for the page
// parser.
type shortcodes struct{ t *theme.Shortcodes }

var _ page.Shortcodes = shortcodes{}

func (s shortcodes) Has(name string) bool                     { return s.t.Has(name) }
func (s shortcodes) Names() []string                          { return s.t.Names() }
func (s shortcodes) Render(c *shortcode.Call) (string, error) { return s.t.Execute(c.Name, c) }

// parallel runs fn(0) … fn(n-1) on every core.
func parallel(n int, fn func(i int)) {
	// More workers than cores: a worker waiting on the disk leaves its core
	// to another instead of idle.
	workers := min(4*runtime.GOMAXPROCS(0), n)
	var next sync.WaitGroup
	ch := make(chan int, workers)
	for w := 0; w < workers; w++ {
		next.Add(1)
		go func() {
			defer next.Done()
			for i := range ch {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	next.Wait()
}

// files lists the content and static files to publish, with the header of
// every picture, so that pages can reserve their space (width and height)
// and list the widths the photo pipeline makes.
func (b *Builder) files(cfg *config.Config, r *resources) []site.File {
	var out []site.File
	add := func(fsys fs.FS, fsName, name string) {
		f := site.File{Name: name}
		if st, err := fs.Stat(fsys, fsName); err == nil {
			f.Size = st.Size()
			if pictureExt(name) {
				f.Picture = b.picture(cfg, fsys, fsName, name, st)
				f.Width, f.Height = f.Picture.Width, f.Picture.Height
			}
		}
		out = append(out, f)
	}
	for _, name := range r.files {
		add(r.site, name, name)
	}
	for _, rel := range slices.Sorted(maps.Keys(r.static)) {
		src := r.static[rel]
		add(src.fsys, src.name, "static/"+rel)
	}
	return out
}
