package site

import (
	"html"
	"mime"
	"path"
	"sort"
	"strings"

	"loa/generator/page"
)

// Resource is a file of a page bundle, as Hugo's layouts see it through
// .Resources: its name, title and params (from the page's `resources`
// front matter, as in Hugo), and its published address.
type Resource struct {
	Name   string         // the file's path in the bundle, or the name front matter gives it
	Title  string         // from front matter, else the name
	Params map[string]any // from front matter

	rel  string     // the file's path in the bundle
	file *File      // nil for a Markdown resource
	page *page.Page // a Markdown resource
	s    *Site
}

// Resources are the files of a bundle, in file order.
type Resources []*Resource

// Resources lists the files of the page's bundle; nil for other pages.
func (n *Node) Resources() Resources {
	if n.Page == nil || !n.Page.IsBundle {
		return nil
	}
	prefix := "content/" + n.Page.Dir + "/"
	var out Resources
	for name, f := range n.site.files {
		if rel, ok := strings.CutPrefix(name, prefix); ok {
			out = append(out, &Resource{Name: rel, Title: rel, Params: map[string]any{}, rel: rel, file: f, s: n.site})
		}
	}
	for _, p := range n.site.mdResources {
		if rel, ok := strings.CutPrefix(p.Path, prefix); ok {
			out = append(out, &Resource{Name: rel, Title: p.Title, Params: p.Params, rel: rel, page: p, s: n.site})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	applyMeta(out, n.Page.Params["resources"])
	return out
}

// applyMeta gives resources the name, title and params of the first entry
// of `resources` front matter whose src pattern matches them, as Hugo does.
func applyMeta(rs Resources, meta any) {
	var entries []map[string]any
	switch m := meta.(type) {
	case []map[string]any: // TOML's [[resources]]
		entries = m
	case []any: // YAML's list
		for _, e := range m {
			if e, ok := e.(map[string]any); ok {
				entries = append(entries, e)
			}
		}
	}
	for _, r := range rs {
		named, titled := false, false
		for _, m := range entries {
			src, _ := m["src"].(string)
			if ok, _ := path.Match(src, r.rel); !ok {
				continue
			}
			if v, ok := m["name"].(string); ok && !named {
				r.Name, named = v, true
			}
			if v, ok := m["title"].(string); ok && !titled {
				r.Title, titled = v, true
			}
			if p, ok := m["params"].(map[string]any); ok {
				for k, v := range p {
					if _, set := r.Params[k]; !set {
						r.Params[k] = v
					}
				}
			}
		}
		if !titled && named {
			r.Title = r.Name
		}
	}
}

// out is the output path the file is published at: for a picture, its
// original when that goes out, else its largest version; "" when the file
// is not published (a headless bundle's Markdown).
func (r *Resource) out() string {
	if r.file == nil {
		return ""
	}
	if pic := r.file.Picture; pic != nil && pic.Problem == nil && !pic.Original && len(pic.Variants) > 0 {
		return pic.Variants[len(pic.Variants)-1].Out
	}
	return r.file.Out
}

// RelPermalink and Permalink are the address of out, "" when unpublished.
func (r *Resource) RelPermalink() string {
	if o := r.out(); o != "" {
		return r.s.RelURL(o)
	}
	return ""
}

func (r *Resource) Permalink() string {
	if o := r.out(); o != "" {
		return r.s.AbsURL(o)
	}
	return ""
}

// Image is the picture, in every published width, or nil for other files.
func (r *Resource) Image() *Image {
	if r.file == nil || r.file.Picture == nil || r.file.Picture.Problem != nil || r.file.Out == "" {
		return nil
	}
	return &Image{s: r.s, file: r.file}
}

// MediaType is the file's MIME type, "image/jpeg".
func (r *Resource) MediaType() string {
	if r.page != nil {
		return "text/markdown"
	}
	t, _, _ := strings.Cut(mime.TypeByExtension(path.Ext(r.file.Name)), ";")
	if t == "" {
		return "application/octet-stream"
	}
	return t
}

// ResourceType is the main type, as Hugo names it: "image", "video",
// "audio", "text", "application"; "page" for Markdown.
func (r *Resource) ResourceType() string {
	if r.page != nil {
		return "page"
	}
	t, _, _ := strings.Cut(r.MediaType(), "/")
	return t
}

// ByType keeps the resources of one type: .Resources.ByType "image".
func (rs Resources) ByType(t string) Resources {
	var out Resources
	for _, r := range rs {
		if r.ResourceType() == t {
			out = append(out, r)
		}
	}
	return out
}

// Match keeps the resources whose name matches a pattern: "anh/*.jpg".
func (rs Resources) Match(pattern string) Resources {
	var out Resources
	for _, r := range rs {
		if ok, _ := path.Match(strings.ToLower(pattern), strings.ToLower(r.Name)); ok {
			out = append(out, r)
		}
	}
	return out
}

// GetMatch is the first resource Match finds, or nil.
func (rs Resources) GetMatch(pattern string) *Resource {
	if m := rs.Match(pattern); len(m) > 0 {
		return m[0]
	}
	return nil
}

// GetPage finds a page by its content path, as Hugo's .Site.GetPage does:
// "/van-ban/luat", "van-ban/luat.md", "/homepage" (a headless bundle, for
// its resources), "/tin-tuc" (a section), "/" (the home). Drafts and pages
// out of their dates are not found; nil when nothing is there.
func (s *Site) GetPage(ref string) *Node {
	p := strings.Trim(ref, "/")
	if p == "" {
		return s.Home
	}
	p = strings.TrimSuffix(p, ".md")
	for _, name := range []string{p + ".md", p + "/index.md", p + "/_index.md"} {
		if n, ok := s.byFile["content/"+name]; ok {
			if n.Published() || n.Page.Params["headless"] == true {
				return n
			}
			return nil
		}
	}
	for _, sec := range s.Sections {
		if sec.dir == p && sec.Published() {
			return sec
		}
	}
	return nil
}

// Content is a Markdown resource's HTML, "" for other files. Its links are
// written as their authors wrote them: a resource has no address of its own
// to resolve them from.
func (r *Resource) Content() string {
	if r.page == nil {
		return ""
	}
	return page.Expand(r.page.Body(), func(i int, kind byte) string {
		ref := r.page.Refs[i]
		if kind == page.Attrs && ref.Kind == page.RefImage {
			return `src="` + html.EscapeString(ref.Dest) + `" loading="lazy" decoding="async"`
		}
		if kind == page.Attrs || kind == page.Large {
			return html.EscapeString(ref.Dest)
		}
		return ""
	})
}
