// Package site is level 3 of Loa's pipeline: pure assembly of parsed pages
// into a site model: which pages are published, sections, URLs, taxonomies,
// related pages, pagination, aliases and the files published beside pages;
// for a site of several languages, one model per language and the links
// between translations (see AssembleLanguages).
//
// It does no I/O and reads no clock: the build passes in the pages, the list
// of files and the time "now". It imports diag, config, page, vi and locale.
package site

import (
	"sort"
	"strings"
	"sync"
	"time"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/vi"
)

// Input is everything assembly needs.
type Input struct {
	Config *config.Config
	Pages  []*page.Page      // every parsed content file, drafts included
	Files  []File            // every other file of content/ and every static file
	Data   map[string]any    // the data/ files, by name
	Words  map[string]string // the interface's words (i18n), for the few the site model writes itself
	// LangWords are the words of the other languages, by language; a
	// language without its own has Words.
	LangWords map[string]map[string]string
	Now       time.Time
	// NowFixed says Now was chosen (loa build --now), not read from the
	// clock: the pages' scripts keep to it too.
	NowFixed bool
}

// File is a file that is published as it is.
type File struct {
	Name   string // "content/tin-tuc/a/anh-1.jpg", or "static/css/main.css" (site or theme)
	Size   int64
	Width  int // of an image, when known
	Height int
	Out    string // set by Assemble: output path, "tin-tuc/a/anh-1.jpg"

	path     string // the name as the site's language reads it (see config.ContentLang); Name when ""
	borrowed bool   // a file of the default language that this language's bundles may show

	// Picture is set by the build for a raster image, which the photo
	// pipeline publishes resized and cleaned; nil for any other file.
	Picture *Picture
}

// Site is the assembled site. Nothing changes it after Assemble.
type Site struct {
	// language is Language(), settled on first use after assembly: layouts
	// ask for it from every page, for every translation.
	language     *Language
	languageOnce sync.Once

	Config     *config.Config
	Now        time.Time
	NowFixed   bool // Now was chosen, not read from the clock (see Input)
	Home       *Node
	Pages      []*Node // regular pages, newest first
	Sections   []*Node // every section, by path
	Taxonomies []*Taxonomy
	Campaigns  []*Campaign
	Nodes      []*Node // every node that renders, in a stable order
	Files      []File  // files to publish, with Out set, sorted by Out
	Aliases    []Alias // sorted by From
	Menus      map[string][]config.MenuEntry
	Data       map[string]any // the data/ files: .Site.Data.ten-tep

	byFile      map[string]*Node // content path in the site's language (page.Path) → node, published or not
	byReal      map[string]*Node // content file as on disk → node
	byOut       map[string]string
	files       map[string]*File // "content/…" name → file
	static      map[string]*File // output path → static file
	coll        *vi.Collator
	words       map[string]string
	downloads   map[string]bool        // pictures offered for download as they are: campaign materials
	addrs       map[string]destination // every published address, made when a link needs it
	mdResources []*page.Page           // Markdown files of leaf bundles, which are resources
	mainMenu    []config.MenuEntry     // see MainMenu
	menuURLs    []string               // each main menu entry's address, as relURL gives it
	menus       sync.Map               // MainMenuAt's menus, by their marks

	prefix   string           // the language's output folder: "", "en/"
	shared   map[string]*File // files another language published, by name, for links to them
	siblings []*Site          // every language's site, this one too, in the languages' order
}

// Alias is an old address that redirects to a page.
type Alias struct {
	From string // output path of the redirect page, "cu/bai-viet/index.html"
	To   *Node
}

// Assemble builds the site model of one language, the configuration's.
// Errors (duplicate URLs, broken links) are collected, not stopped at.
func Assemble(in Input) (*Site, diag.List) {
	return assemble(in, nil)
}

func assemble(in Input, shared map[string]*File) (*Site, diag.List) {
	s, diags := place(in, shared)
	diags.Append(s.finish())
	diags.Sort()
	return s, diags
}

// place is the first half of assembly: nodes, addresses, files, lists,
// taxonomies, campaigns and aliases. Every language's site is placed
// before any resolves its links, so that a page may link to another
// language's.
func place(in Input, shared map[string]*File) (*Site, diag.List) {
	s := &Site{
		Config:    in.Config,
		Now:       in.Now,
		NowFixed:  in.NowFixed,
		Menus:     in.Config.Menus,
		Data:      in.Data,
		byFile:    map[string]*Node{},
		byReal:    map[string]*Node{},
		byOut:     map[string]string{},
		files:     map[string]*File{},
		static:    map[string]*File{},
		coll:      vi.NewCollator(),
		words:     in.Words,
		downloads: map[string]bool{},
		shared:    shared,
	}
	if l := in.Config.Language; l != nil {
		s.prefix = l.Prefix()
	}
	s.siblings = []*Site{s}
	var diags diag.List
	pages := append([]*page.Page(nil), in.Pages...)
	sort.Slice(pages, func(i, j int) bool { return pages[i].File < pages[j].File })

	s.makeNodes(pages)
	diags.Append(s.placeNodes())
	diags.Append(s.placeFiles(in.Files))
	s.sortPages()
	s.makeTaxonomies()
	diags.Append(s.makeCampaigns())
	s.relate()
	s.paginate()
	diags.Append(s.makeAliases())
	return s, diags
}

// finish is the second half: links and images resolved, pictures decided,
// the menu and the list of nodes that render.
func (s *Site) finish() diag.List {
	var diags diag.List
	diags.Append(s.resolveRefs())
	diags.Append(s.decidePictures())
	s.mainMenu = s.makeMainMenu()
	s.menus.Clear()
	s.menuURLs = make([]string, len(s.mainMenu))
	for i, e := range s.mainMenu {
		s.menuURLs[i] = s.RelURL(e.URL)
	}
	s.collect()
	return diags
}

// inBundle reports whether a content folder is a leaf bundle's or inside one.
func inBundle(dir string, bundles map[string]bool) bool {
	for d := dir; d != ""; d = parentDir(d) {
		if bundles[d] {
			return true
		}
	}
	return false
}

// published reports whether a page is part of the site for this build. A
// headless bundle (headless = true, as in Hugo) never is: it holds
// resources for other pages.
func (s *Site) published(p *page.Page) bool {
	c := s.Config
	switch {
	case p.Params["headless"] == true:
		return false
	case p.Draft && !c.BuildDrafts:
		return false
	case p.PublishDate.After(s.Now) && !c.BuildFuture:
		return false
	case !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(s.Now) && !c.BuildExpired:
		return false
	}
	return true
}

// makeNodes creates the home, a node per section folder and a node per
// published regular page.
func (s *Site) makeNodes(pages []*page.Page) {
	s.Home = &Node{Kind: KindHome, site: s}
	sections := map[string]*Node{"": s.Home}
	var section func(dir string) *Node
	section = func(dir string) *Node {
		if n, ok := sections[dir]; ok {
			return n
		}
		parent := section(parentDir(dir))
		n := &Node{Kind: KindSection, site: s, dir: dir, Parent: parent}
		parent.Sections = append(parent.Sections, n)
		sections[dir] = n
		s.Sections = append(s.Sections, n)
		return n
	}
	bundles := map[string]bool{}
	for _, p := range pages {
		if p.IsBundle {
			bundles[p.Dir] = true
		}
	}
	for _, p := range pages {
		switch {
		case !p.IsBundle && inBundle(p.Dir, bundles):
			// A Markdown file in a leaf bundle is one of its resources,
			// as in Hugo, not a page of its own.
			s.mdResources = append(s.mdResources, p)
			continue
		case p.IsIndex:
			n := section(p.Section)
			n.Page = p
			s.byFile[p.Path], s.byReal[p.File] = n, n
		default:
			n := &Node{Kind: KindPage, Page: p, site: s, Parent: section(p.Section)}
			s.byFile[p.Path], s.byReal[p.File] = n, n
			if s.published(p) {
				s.Pages = append(s.Pages, n)
			}
		}
	}
	sort.Slice(s.Sections, func(i, j int) bool { return s.Sections[i].dir < s.Sections[j].dir })
	for _, sec := range s.Sections {
		if sec.Page != nil && !s.published(sec.Page) {
			sec.hidden = true
		}
	}
}

func (s *Site) sortPages() {
	s.sortNodes(s.Pages)
	for _, n := range s.Pages {
		for sec := n.Parent; sec != nil; sec = sec.Parent {
			sec.Pages = append(sec.Pages, n)
		}
	}
	for _, sec := range append([]*Node{s.Home}, s.Sections...) {
		s.sortNodes(sec.Sections)
	}
}

// sortNodes orders pages as news readers expect: by weight when set, then
// newest first, then by title in Vietnamese order, then by file.
func (s *Site) sortNodes(nodes []*Node) {
	sort.SliceStable(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		wa, wb := a.Weight(), b.Weight()
		if wa != wb {
			if wa == 0 || wb == 0 {
				return wb == 0
			}
			return wa < wb
		}
		if da, db := a.Date(), b.Date(); !da.Equal(db) {
			return da.After(db)
		}
		if c := s.coll.Compare(a.Title(), b.Title()); c != 0 {
			return c < 0
		}
		return a.File() < b.File()
	})
}

// collect lists every node that renders, in a stable order.
func (s *Site) collect() { s.Nodes = s.rendered() }

func (s *Site) rendered() []*Node {
	nodes := []*Node{s.Home}
	for _, sec := range s.Sections {
		if !sec.hidden {
			nodes = append(nodes, sec)
		}
	}
	nodes = append(nodes, s.Pages...)
	for _, t := range s.Taxonomies {
		nodes = append(nodes, t.Node)
		for _, term := range t.Terms {
			nodes = append(nodes, term.Node)
		}
	}
	return nodes
}

// NodeByFile returns the node of a content file as on disk, such as
// "content/gioi-thieu/_index.en.md", if it is published.
func (s *Site) NodeByFile(file string) (*Node, bool) {
	n, ok := s.byReal[file]
	if !ok || !n.Published() {
		return nil, false
	}
	return n, true
}

func parentDir(dir string) string {
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		return dir[:i]
	}
	return ""
}

// Title, Params and LanguageCode are the configuration's, for templates.
func (s *Site) Title() string          { return s.Config.Title }
func (s *Site) Params() map[string]any { return s.Config.Params }
func (s *Site) LanguageCode() string   { return s.Config.LanguageCode }

// BaseURL is the site's full address, ending in "/".
func (s *Site) BaseURL() string { return s.Config.BaseURL.String() }

// MainMenu is the header's menu: the site's [[menu.main]] when it has one,
// else every top-level section, by weight and then by title in Vietnamese
// order, so that a bare site still has its navigation.
func (s *Site) MainMenu() []config.MenuEntry { return s.mainMenu }

// makeMainMenu settles MainMenu once, while assembling: layouts ask for it
// from every page at once, and the collator is not safe for that.
func (s *Site) makeMainMenu() []config.MenuEntry {
	if m := s.Menus["main"]; len(m) > 0 {
		return m
	}
	var secs []*Node
	for _, sec := range s.Home.Sections {
		if sec.Published() {
			secs = append(secs, sec)
		}
	}
	sort.SliceStable(secs, func(i, j int) bool {
		a, b := secs[i], secs[j]
		if wa, wb := a.Weight(), b.Weight(); wa != wb {
			return wa != 0 && (wb == 0 || wa < wb)
		}
		return s.coll.Compare(a.Title(), b.Title()) < 0
	})
	var out []config.MenuEntry
	for i, sec := range secs {
		out = append(out, config.MenuEntry{Name: sec.Title(), URL: "/" + sec.Path, Weight: i + 1, Identifier: sec.dir})
	}
	return out
}
