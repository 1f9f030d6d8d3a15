// Package build is level 5 of Loa's pipeline: it runs the stages in order,
// Load → Parse → Assemble → Render, and hands every output file to an
// Output (the publish stage's folder, or the preview server's memory). It
// owns all state kept between builds: parsed pages by content hash, image
// sizes, the loaded theme.
//
// It imports every package of the levels below it.
package build

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/photo"
	"loa/generator/publish"
	"loa/generator/search"
	"loa/generator/site"
	"loa/generator/theme"
)

// Output receives the files of a build. publish.Stage is one.
type Output interface {
	WriteFile(rel string, data []byte) error
	CopyFile(rel string, fsys fs.FS, name string) error
}

var _ Output = (*publish.Stage)(nil)

// Options say what to build.
type Options struct {
	Site    fs.FS // the site folder
	Theme   fs.FS // the default theme (themes/default), used when the site has no themes/NAME of its own
	BaseURL string
	Drafts  bool
	Future  bool
	Expired bool
	Minify  bool
	Now     func() time.Time
	// At, when set (loa build --now 2025-11-20), is the day or moment the
	// site is built as of, in the site's zone, instead of Now: see ParseNow.
	At string
	// CacheDir keeps processed pictures between builds and between loa
	// build and loa serve: a folder of the site's, safe to delete. "" keeps
	// them in memory only.
	CacheDir string
	// Rebuilds says the builder will build the site again (loa serve): it
	// then keeps what only a rebuild reuses, such as the proofreader's
	// reading of each file. A single build (loa build, loa check) lets
	// that go before rendering, which lowers its peak memory.
	Rebuilds bool
	// Proofread says the caller proofreads what it assembles (ProofInput,
	// as loa build, check and serve do): the parse then reads each file it
	// parses anew for the proofreader too, from the same Markdown, and
	// ProofInput does not read that file again.
	Proofread bool
}

// Builder builds one site again and again, reusing what did not change.
type Builder struct {
	opts     Options
	seed     maphash.Seed
	minifier *publish.Minifier

	mu     sync.Mutex
	parsed map[string]parsedFile // content file → last parse
	pack   bool                  // this build keeps the pages' HTML out of memory while it parses (packFrom)
	// keptBodies says the last build's pages read their HTML from the
	// parse cache's packs (keepBodies).
	keptBodies bool
	packFrom   int                        // packFrom, but in tests
	sitemapMax int                        // sitemapURLs, but in tests
	probes     map[string]probed          // picture → its header, keyed with the file's size and time
	photos     *photo.Processor           // resizes and cleans pictures, with its cache
	photoKey   string                     // the settings photos was made with
	cfgSrc     []byte                     // config the cache was made with
	inputs     [32]byte                   // what parsed was parsed with besides the files (parseSum)
	pages      *pageStore                 // the parse cache on disk, nil until the first build that keeps one
	sc         map[string]page.Shortcodes // the last build's shortcode templates by language, for Refresh
	keys       map[string]uint64          // output → key of its inputs at the last render into a Reuser
	glossary   page.Glossary              // data/glossary.toml, which the last build's pages were parsed with
	proof      proofreading               // the proofreader's reading of each file (check.go)
	zips       *zipCache                  // the campaigns' zips of materials, see material.go

	outs *outputs // the keys of the last render, for SaveOutputs

	searchKept map[string]*search.Index // the last index of each language, rendered into a Reuser (the preview)

	searchRead atomic.Int64 // pages the search index read, all renders: for tests of appending

	toolOnce sync.Once
	tool     [32]byte // see toolSum
}

type parsedFile struct {
	hash  uint64
	sum   [32]byte // sha256 of the file's bytes, which the proofreader's cache is keyed with
	page  *page.Page
	diags diag.List
}

// New returns a builder.
func New(opts Options) *Builder {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	b := &Builder{
		opts:       opts,
		seed:       maphash.MakeSeed(),
		minifier:   publish.NewMinifier(),
		parsed:     map[string]parsedFile{},
		probes:     map[string]probed{},
		packFrom:   packFrom,
		sitemapMax: sitemapURLs,
	}
	if opts.CacheDir != "" {
		go b.toolSum() // the cache's keys need it: hashing the program overlaps loading the site
	}
	return b
}

// Plan is an assembled site with what rendering it needs.
type Plan struct {
	Site      *site.Site   // the default language's
	Sites     []*site.Site // every language's, in the languages' order; Site alone for one
	Config    *config.Config
	res       *resources
	assembled diag.List // what site assembly said, for Refresh to say again
	prepared  *prepared // what the last render into a Reuser loaded, for the next render of this plan
	photos    *photo.Processor
	refreshed []string // the files Refresh put in since the last render
	// searchStale says the search index lags behind body edits that
	// renderRefreshed rendered; FinishSearch writes it.
	searchStale bool
	// dated is, once timeMoved first needs it, the first publish or expiry
	// time of a page after the plan's Now (zero if none). Refresh puts in
	// body edits only, which change no page's dates.
	dated     sync.Once
	nextDated time.Time
}

type prepared struct {
	themes []*theme.Theme // by language, as Plan.Sites
	assets map[string]asset
	sum    uint64
}

// Assemble loads the site folder, parses what changed and assembles the
// site model. Errors are collected from every file before it returns.
func (b *Builder) Assemble() (*Plan, diag.List) {
	var diags diag.List
	cfg, d := b.loadConfig()
	diags.Append(d)
	if cfg == nil {
		return nil, sorted(diags)
	}
	res, d := b.loadResources(cfg)
	diags.Append(d)
	if diags.HasErrors() {
		return nil, sorted(diags)
	}
	pages, d := b.parse(cfg, res)
	diags.Append(d)
	now, fixed := b.now(cfg)
	sites, d := site.AssembleLanguages(site.Input{Config: cfg, Pages: pages, Files: b.files(cfg, res), Data: res.data,
		Words: res.words, LangWords: res.langWords, Now: now, NowFixed: fixed})
	d.Append(missingWords(sites, res))
	diags.Append(d)
	p := &Plan{Site: sites[0], Sites: sites, Config: cfg, res: res, assembled: d, photos: b.processor(cfg)}
	for _, s := range sites {
		if s.Config.Language.Default {
			p.Site = s
		}
	}
	return p, sorted(diags)
}

// missingWords says, once for each language published, which words of the
// interface it shows in Vietnamese because it has none of its own.
func missingWords(sites []*site.Site, res *resources) diag.List {
	var diags diag.List
	for _, s := range sites {
		missing := res.missing[s.Lang()]
		if len(missing) == 0 {
			continue
		}
		l := s.Lang()
		diags.Warnf(diag.Pos{File: "i18n/" + l + ".toml"}, fmt.Sprintf("add i18n/%s.toml with these keys in %s; the theme's i18n/vi.toml lists them all", l, s.Language().LanguageName),
			"language %q has no words for %d keys of the interface, shown in Vietnamese: %s", l, len(missing), strings.Join(missing, ", ")).Vi(
			fmt.Sprintf("thêm tệp i18n/%s.toml với các khoá này bằng %s; tệp i18n/vi.toml của giao diện có đủ các khoá", l, s.Language().LanguageName),
			"ngôn ngữ %q chưa có chữ cho %d khoá của giao diện, tạm hiện bằng tiếng Việt: %s", l, len(missing), strings.Join(missing, ", "))
	}
	return diags
}

// Render writes every output of an assembled site to out.
func (b *Builder) Render(p *Plan, out Output) (Stats, diag.List) {
	if !b.opts.Rebuilds {
		defer limitMemory()()
	}
	r, diags := b.newRenderer(p, out)
	if diags.HasErrors() {
		return Stats{}, sorted(diags)
	}
	stats, d := r.run()
	diags.Append(d)
	return stats, sorted(diags)
}

// Stats count what a render produced.
type Stats struct {
	Pages  int // HTML pages rendered
	Files  int // every file written or copied
	Reused int // outputs carried over unchanged from the previous render (Reuser outputs only)
	Slow   int // layouts run through html/template rather than the theme's runner (see theme.Theme.Slow)
}

func sorted(l diag.List) diag.List {
	l.Sort()
	return l
}
