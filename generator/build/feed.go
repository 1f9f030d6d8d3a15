package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"loa/generator/diag"
	"loa/generator/site"
)

// feedItems is how many of the newest pages a feed carries.
const feedItems = 20

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Author      string `xml:"dc:creator,omitempty"`
	Description string `xml:"description"`
}

// feedJobs makes an RSS 2.0 feed for the home, every section and every term.
func (r *renderer) feedJobs() []job {
	var lists []*site.Node
	lists = append(lists, r.site.Home)
	for _, n := range r.site.Nodes {
		if n.Kind == site.KindSection || n.Kind == site.KindTerm {
			lists = append(lists, n)
		}
	}
	var jobs []job
	for _, n := range lists {
		n := n
		jobs = append(jobs, func() diag.List { return r.feed(n) })
	}
	return jobs
}

func (r *renderer) feed(n *site.Node) diag.List {
	title := r.site.Title()
	if !n.IsHome() {
		title = n.Title() + " – " + title
	}
	out := n.Path + "index.xml"
	if r.reuse(out, r.siteKey(out)) {
		return nil
	}
	ch := rssChannel{
		Title:       title,
		Link:        uri(n.Permalink()),
		Description: n.Lead(),
		Language:    r.site.LanguageCode(),
		Self:        atomLink{Href: uri(r.site.AbsURL(out)), Rel: "self", Type: "application/rss+xml"},
	}
	if ch.Description == "" {
		ch.Description = title
	}
	items := n.Pages[:min(feedItems, len(n.Pages))]
	if r.outs != nil && r.outs.keep(out, r.listKey(out, n, items)) {
		return nil
	}
	if len(items) > 0 {
		ch.LastBuildDate = items[0].Date().Format(time.RFC1123Z)
	}
	for _, p := range items {
		item := rssItem{
			Title:       p.Title(),
			Link:        uri(p.Permalink()),
			GUID:        uri(p.Permalink()),
			PubDate:     p.Date().Format(time.RFC1123Z),
			Description: p.Lead(),
		}
		if len(p.Authors()) > 0 {
			item.Author = p.Authors()[0]
		}
		ch.Items = append(ch.Items, item)
	}
	doc := rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch}
	return r.xml(out, doc, `xmlns:dc="http://purl.org/dc/elements/1.1/" `)
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string      `xml:"loc"`
	Lastmod    string      `xml:"lastmod,omitempty"`
	Alternates []xhtmlLink `xml:"xhtml:link"`
}

// xhtmlLink is a language version of a page in a sitemap, as Google reads
// hreflang there.
type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapFile is where a language's sitemap goes: sitemap.xml at the root
// for a site of one language; LANG/sitemap.xml for each of several, the
// root holding the index of them (as Hugo does).
func (r *renderer) sitemapFile() string {
	if len(r.langs) > 1 {
		return r.site.Lang() + "/sitemap.xml"
	}
	return "sitemap.xml"
}

// sitemapURLs is the most addresses one sitemap file may list, as the
// sitemaps protocol has it (and at most 50 MB): search engines read no
// further. A language with more is split into sitemap-1.xml,
// sitemap-2.xml, … beside its sitemap.xml, which becomes the index of
// them; a site of several languages lists the parts in the root's index
// directly, since an index may not list another.
const sitemapURLs = 50000

// sitemapLinkBytes is what a part allows for one address of a sitemap and
// for each language version of it on a site of several (a Khmer address,
// percent-encoded, runs to a few hundred bytes), so that a part of a site
// of many languages keeps well under the 50 MB a sitemap may weigh.
const sitemapLinkBytes = 400

// sitemapParts is how the language's nodes are split into sitemap files:
// one part, sitemap.xml itself, up to the limit.
func (r *renderer) sitemapParts() [][]*site.Node {
	per := r.b.sitemapMax
	if len(r.langs) > 1 {
		per = min(per, 45<<20/(sitemapLinkBytes*(2+len(r.langs))))
	}
	nodes := r.site.Nodes
	if len(nodes) <= per {
		return [][]*site.Node{nodes}
	}
	var parts [][]*site.Node
	for len(nodes) > 0 {
		k := min(per, len(nodes))
		parts = append(parts, nodes[:k])
		nodes = nodes[k:]
	}
	return parts
}

// sitemapPartFile is where part i (from 0) of a split sitemap goes.
func (r *renderer) sitemapPartFile(i int) string {
	return strings.TrimSuffix(r.sitemapFile(), ".xml") + "-" + strconv.Itoa(i+1) + ".xml"
}

// sitemap writes the language's sitemap: one file, or, past sitemapURLs
// addresses, the parts and their index.
func (r *renderer) sitemap() diag.List {
	parts := r.sitemapParts()
	if len(parts) == 1 {
		return r.sitemapPart(r.sitemapFile(), parts[0])
	}
	var diags diag.List
	doc := sitemapIndex{NS: sitemapNS}
	for i, nodes := range parts {
		out := r.sitemapPartFile(i)
		diags.Append(r.sitemapPart(out, nodes))
		doc.Sitemaps = append(doc.Sitemaps, sitemapEntry{Loc: uri(r.site.AbsURL(out)), Lastmod: lastmod(nodes)})
	}
	if out := r.sitemapFile(); !r.reuse(out, r.siteKey(out)) {
		diags.Append(r.xml(out, doc, ""))
	}
	return diags
}

// sitemapPart writes one sitemap file listing nodes.
func (r *renderer) sitemapPart(out string, nodes []*site.Node) diag.List {
	if r.reuse(out, r.siteKey(out)) {
		return nil
	}
	doc := urlset{NS: sitemapNS, URLs: make([]sitemapURL, 0, len(nodes))}
	if len(r.langs) > 1 {
		doc.XHTML = "http://www.w3.org/1999/xhtml"
	}
	for _, n := range nodes {
		u := sitemapURL{Loc: uri(n.Permalink())}
		if t := n.Lastmod(); !t.IsZero() {
			u.Lastmod = t.Format(time.RFC3339)
		}
		u.Alternates = alternates(n)
		doc.URLs = append(doc.URLs, u)
	}
	return r.xml(out, doc, "")
}

// lastmod is the latest Lastmod of nodes, as a sitemap index gives it; ""
// for none.
func lastmod(nodes []*site.Node) string {
	var last time.Time
	for _, n := range nodes {
		if t := n.Lastmod(); t.After(last) {
			last = t
		}
	}
	if last.IsZero() {
		return ""
	}
	return last.Format(time.RFC3339)
}

// alternates are the language versions of a translated node, itself
// included, and x-default, the default language's version.
func alternates(n *site.Node) []xhtmlLink {
	if !n.IsTranslated() {
		return nil
	}
	var out []xhtmlLink
	for _, t := range n.AllTranslations() {
		out = append(out, xhtmlLink{Rel: "alternate", Hreflang: t.Language().LanguageCode, Href: uri(t.Permalink())})
	}
	for _, t := range n.AllTranslations() {
		if t.Language().IsDefault {
			out = append(out, xhtmlLink{Rel: "alternate", Hreflang: "x-default", Href: uri(t.Permalink())})
		}
	}
	return out
}

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"sitemapindex"`
	NS       string         `xml:"xmlns,attr"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemapIndex lists each language's sitemap at the root, where
// robots.txt points: the parts of one that is split.
func (r *renderer) sitemapIndex() diag.List {
	if r.reuse("sitemap.xml", r.siteKey("sitemap.xml")) {
		return nil
	}
	doc := sitemapIndex{NS: sitemapNS}
	for _, l := range r.langs {
		parts := l.sitemapParts()
		for i, nodes := range parts {
			out := l.sitemapFile()
			if len(parts) > 1 {
				out = l.sitemapPartFile(i)
			}
			doc.Sitemaps = append(doc.Sitemaps, sitemapEntry{Loc: uri(l.site.AbsURL(out)), Lastmod: lastmod(nodes)})
		}
	}
	return r.xml("sitemap.xml", doc, "")
}

// uri is an address as feeds and sitemaps need it: letters outside ASCII
// (a Khmer slug, a Vietnamese file name) percent-encoded as UTF-8.
func uri(u string) string {
	for i := 0; i < len(u); i++ {
		if u[i] >= 0x80 || u[i] == ' ' {
			var b strings.Builder
			for j := 0; j < len(u); j++ {
				if c := u[j]; c >= 0x80 || c == ' ' {
					fmt.Fprintf(&b, "%%%02X", c)
				} else {
					b.WriteByte(c)
				}
			}
			return b.String()
		}
	}
	return u
}

func (r *renderer) robots() diag.List {
	if _, ok := r.plan.res.static["robots.txt"]; ok {
		return nil
	}
	return r.writeRaw("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+r.site.AbsURL("sitemap.xml")+"\n"))
}

// xml writes a document with the XML declaration. extraNS is added to the
// root element (encoding/xml cannot declare prefixes itself).
func (r *renderer) xml(out string, doc any, extraNS string) diag.List {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(doc); err != nil {
		var d diag.List
		d.Errorf(diag.Pos{File: out}, "", "writing XML: %v", err)
		return d
	}
	data := buf.Bytes()
	if extraNS != "" {
		data = bytes.Replace(data, []byte("<rss "), []byte("<rss "+extraNS), 1)
	}
	return r.write(out, data)
}
