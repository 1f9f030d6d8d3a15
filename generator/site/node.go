package site

import (
	"strings"
	"sync"
	"time"
	"unsafe"

	"loa/generator/page"
)

// Kind tells what a node is, and so which template renders it.
type Kind int

const (
	KindHome Kind = iota
	KindSection
	KindPage
	KindTaxonomy // the list of a taxonomy's terms: /categories/
	KindTerm     // the pages of one term: /categories/binh-dang-gioi/
)

func (k Kind) String() string {
	return [...]string{"home", "section", "page", "taxonomy", "term"}[k]
}

// Node is one thing of the site that has an address: the home, a section, a
// page, a taxonomy or a term. Templates see its exported fields and methods.
type Node struct {
	Kind     Kind
	Page     *page.Page // nil for a section without _index.md, a taxonomy or a term
	Parent   *Node      // the section above; nil for the home
	Sections []*Node    // sections below, for the home and sections
	Pages    []*Node    // regular pages listed, newest first: all for the home, the section's and its sub-sections', a term's
	Pagers   []*Pager   // the pages of the list, PagerSize at a time
	Related  []*Node    // pages sharing terms, newest first
	Prev     *Node      // the older page in the same section
	Next     *Node      // the newer page in the same section
	Terms    map[string][]*Term
	Taxonomy *Taxonomy // for taxonomy and term nodes
	Term     *Term     // for term nodes

	Path string // output path: a folder "tin-tuc/a/" ("" for the home) or a file "x.html"

	site     *Site
	idx      int        // place in Site.Pages
	refs     []resolved // what each Ref token of the page's HTML becomes
	firstRef int        // the first image among refs, or -1
	images   []*Image   // the front matter's images
	dir      string     // content folder of a section
	hidden   bool       // a section whose _index.md is a draft, future or expired
	title    string     // for nodes without a page

	translations []*Node // every language's version, itself too, in the languages' order; nil when none
}

// Content is the page's HTML with its links and images resolved. It is
// expanded when asked, so that the site holds each page's HTML only once.
func (n *Node) Content() string {
	switch {
	case n.Page == nil:
		return ""
	case !n.Page.IsKept():
		return page.Expand(n.Page.Body(), n.expand)
	}
	// A page whose HTML is in the build's cache is read into a buffer
	// used again, and expanded from there into the one string returned:
	// not read into a string and expanded into another (1 GB of the
	// allocations of a 100,000-item build).
	raw := rawBodies.Get().(*[]byte)
	html, body := n.AppendContent(make([]byte, 0, n.Page.BodyLen()+512), *raw)
	if cap(body) <= 1<<20 {
		*raw = body
		rawBodies.Put(raw)
	}
	return unsafe.String(unsafe.SliceData(html), len(html))
}

// rawBodies hold a page's HTML as read from the build's cache, for Content.
var rawBodies = sync.Pool{New: func() any { return new([]byte) }}

// AppendContent appends Content to dst; raw holds the page's HTML as
// kept on the way. It returns both, for the next page to use again.
func (n *Node) AppendContent(dst, raw []byte) ([]byte, []byte) {
	if n.Page == nil {
		return dst, raw
	}
	raw = n.Page.AppendBody(raw[:0])
	// The string is read while dst is written, and not kept.
	return page.AppendExpand(dst, unsafe.String(unsafe.SliceData(raw), len(raw)), n.expand), raw
}

// Image is the page's picture for lists and sharing: the first image of its
// front matter, else the first image of its body; nil when it has none.
func (n *Node) Image() *Image {
	if len(n.images) > 0 {
		return n.images[0]
	}
	if n.firstRef >= 0 && n.firstRef < len(n.refs) {
		return n.refs[n.firstRef].image
	}
	return nil
}

// FirstImage is the full address of the first image in the page's body, or
// "": for sharing when the front matter names no image.
func (n *Node) FirstImage() string {
	if n.firstRef < 0 || n.firstRef >= len(n.refs) || n.refs[n.firstRef].image == nil {
		return ""
	}
	return n.refs[n.firstRef].image.Share()
}

// Site returns the site the node belongs to.
func (n *Node) Site() *Site { return n.site }

// Title is the front matter title, or a name made from the folder or term.
func (n *Node) Title() string {
	if n.Page != nil && n.Page.Title != "" {
		return n.Page.Title
	}
	return n.title
}

func (n *Node) pageTime(f func(*page.Page) time.Time) time.Time {
	if n.Page != nil {
		if t := f(n.Page); !t.IsZero() {
			return t
		}
	}
	if len(n.Pages) > 0 && n.Kind != KindPage {
		return f(n.Pages[0].Page)
	}
	return time.Time{}
}

// Date is the page's date; a list's date is that of its newest page.
func (n *Node) Date() time.Time { return n.pageTime(func(p *page.Page) time.Time { return p.Date }) }

// Lastmod is the last modification date, for sitemaps and feeds.
func (n *Node) Lastmod() time.Time {
	return n.pageTime(func(p *page.Page) time.Time { return p.Lastmod })
}

func (n *Node) str(f func(*page.Page) string) string {
	if n.Page == nil {
		return ""
	}
	return f(n.Page)
}

// Description is the lead paragraph ("sapo").
func (n *Node) Description() string { return n.str(func(p *page.Page) string { return p.Description }) }

// Summary is the front matter summary, else the first words of the body.
func (n *Node) Summary() string { return n.str(func(p *page.Page) string { return p.Summary }) }

// Lead is the description, or the summary when there is none.
func (n *Node) Lead() string {
	if d := n.Description(); d != "" {
		return d
	}
	return n.Summary()
}

// File is the content file, "content/tin-tuc/a.md", or "".
func (n *Node) File() string { return n.str(func(p *page.Page) string { return p.File }) }

// Layout and Type are the front matter's, for template lookup.
func (n *Node) Layout() string { return n.str(func(p *page.Page) string { return p.Layout }) }

func (n *Node) Type() string { return n.str(func(p *page.Page) string { return p.Type }) }

// Section is the content folder of the top-level section the node is in,
// "tin-tuc", used for template lookup and the :section placeholder.
func (n *Node) Section() string {
	if n.Kind == KindHome || n.Kind == KindTaxonomy || n.Kind == KindTerm {
		return ""
	}
	dir := n.dir
	if n.Page != nil {
		dir = n.Page.Section
	}
	top, _, _ := strings.Cut(dir, "/")
	return top
}

// Weight orders pages before their dates do; 0 means none.
func (n *Node) Weight() int {
	if n.Page == nil {
		return 0
	}
	return n.Page.Weight
}

// Authors, Images and Params are the front matter's.
func (n *Node) Authors() []string {
	if n.Page == nil {
		return nil
	}
	return n.Page.Authors
}

// Images are the addresses of the front matter's images as published: a
// picture's largest version (its original may not be published at all).
func (n *Node) Images() []string {
	var out []string
	for _, im := range n.images {
		out = append(out, im.Large())
	}
	return out
}

func (n *Node) Params() map[string]any {
	if n.Page == nil {
		return map[string]any{}
	}
	return n.Page.Params
}

// Published reports whether the node is part of this build.
func (n *Node) Published() bool {
	switch n.Kind {
	case KindPage:
		return n.site.published(n.Page)
	case KindSection:
		return !n.hidden
	}
	return true
}

// IsHome, IsPage, IsSection and IsList tell the kind in templates.
func (n *Node) IsHome() bool    { return n.Kind == KindHome }
func (n *Node) IsPage() bool    { return n.Kind == KindPage }
func (n *Node) IsSection() bool { return n.Kind == KindSection }
func (n *Node) IsList() bool    { return n.Kind != KindPage }

// RelPermalink is the address from the host's root: "/tin-tuc/a/".
func (n *Node) RelPermalink() string { return n.site.RelURL(n.Path) }

// Permalink is the full address: "https://example.gov.vn/tin-tuc/a/".
func (n *Node) Permalink() string { return n.site.AbsURL(n.Path) }

// OutFile is the file the node's first page is written to.
func (n *Node) OutFile() string { return outFile(n.Path) }

// WritesTo reports whether out is OutFile, without making the name: the
// preview asks it of every node after each save.
func (n *Node) WritesTo(out string) bool {
	if p := n.Path; p == "" || strings.HasSuffix(p, "/") {
		return len(out) == len(p)+len(indexFile) && strings.HasPrefix(out, p) && strings.HasSuffix(out, indexFile)
	}
	return n.Path == out
}

// Ancestors are the sections above the node, the home first: the breadcrumb.
func (n *Node) Ancestors() []*Node {
	var out []*Node
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Kind == KindSection && p.hidden {
			continue
		}
		out = append([]*Node{p}, out...)
	}
	return out
}

// TermsOf returns the page's terms of one taxonomy, such as "tags".
func (n *Node) TermsOf(plural string) []*Term { return n.Terms[plural] }

// TOC is the page's headings.
func (n *Node) TOC() []page.Heading {
	if n.Page == nil {
		return nil
	}
	return n.Page.TOC
}

// WordCount and ReadingTime (minutes, at 200 words a minute, at least 1).
func (n *Node) WordCount() int {
	if n.Page == nil {
		return 0
	}
	return n.Page.WordCount
}

func (n *Node) ReadingTime() int { return max(1, (n.WordCount()+199)/200) }

func outFile(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + indexFile
	}
	return p
}

const indexFile = "index.html"
