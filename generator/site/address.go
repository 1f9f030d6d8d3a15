package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"loa/generator/vi"
)

// destination is what the site publishes at an address: a node, or a file.
type destination struct {
	node *Node
	file *File
}

// addressIndex maps every published address, as a path from the site root
// without its leading slash ("van-ban/luat/", "images/logo.svg"), to what is
// published there: pages, sections, taxonomies, terms, alias pages (to the
// page they lead to), static and bundle files.
func (s *Site) addressIndex() map[string]destination {
	if s.addrs != nil {
		return s.addrs
	}
	s.addrs = map[string]destination{"": {node: s.Home}}
	add := func(n *Node) {
		if n != nil && n.Published() {
			s.addrs[n.Path] = destination{node: n}
		}
	}
	for _, n := range s.Sections {
		add(n)
	}
	for _, n := range s.Pages {
		add(n)
	}
	for _, t := range s.Taxonomies {
		add(t.Node)
		for _, term := range t.Terms {
			add(term.Node)
		}
	}
	for _, a := range s.Aliases {
		s.addrs[strings.TrimSuffix(a.From, "index.html")] = destination{node: a.To}
	}
	for _, f := range s.files {
		if f.Out != "" {
			s.addrs[f.Out] = destination{file: f}
		}
	}
	for out, f := range s.static {
		s.addrs[out] = destination{file: f}
	}
	return s.addrs
}

// atAddress finds what is published at an address as an editor copies it
// from the browser: "/van-ban/luat/", with or without its last slash, or
// ending in index.html.
func (s *Site) atAddress(addr string) (destination, bool) {
	idx := s.addressIndex()
	// The browser shows the base URL's path too ("/ban/van-ban/luat/" for
	// a site at https://example.gov.vn/ban/); a path from the site's root
	// ("/van-ban/luat/") is accepted as well.
	bases := []string{addr}
	if base := s.Config.BaseURL.Path; base != "/" && strings.HasPrefix(addr, base) {
		bases = []string{"/" + strings.TrimPrefix(addr, base), addr}
	}
	for _, a := range bases {
		rel := strings.TrimSuffix(strings.TrimPrefix(a, "/"), "index.html")
		for _, k := range []string{rel, rel + "/", strings.TrimSuffix(rel, "/")} {
			if t, ok := idx[k]; ok && (t.node != nil || t.file != nil) {
				return t, true
			}
		}
	}
	return destination{}, false
}

// nearestAddress is the published address closest to addr, for the hint of
// a link that leads nowhere.
func (s *Site) nearestAddress(addr string) string {
	want := strings.Trim(strings.TrimPrefix(addr, s.Config.BaseURL.Path), "/")
	best, bestD := "", -1
	for _, k := range slices.Sorted(maps.Keys(s.addressIndex())) {
		if d := vi.EditDistance(want, strings.Trim(k, "/")); bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	return s.RelURL(best)
}

// checkFragment warns when a link's #fragment names no heading of the page
// it leads to.
func checkFragment(n *Node, frag, dest string) *refError {
	if n == nil || n.Page == nil || frag == "" {
		return nil
	}
	var ids []string
	for _, h := range n.Page.TOC {
		if h.ID == frag {
			return nil
		}
		ids = append(ids, "#"+h.ID)
	}
	if strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:") {
		return nil // footnotes
	}
	hint, hintVi := "that page has no headings to link to", "bài đó không có đề mục nào để liên kết tới"
	if len(ids) > 0 {
		hint = "its headings are " + strings.Join(ids[:min(len(ids), 8)], ", ")
		hintVi = "các đề mục của bài: " + strings.Join(ids[:min(len(ids), 8)], ", ")
	}
	return &refError{
		warn:   true,
		msg:    fmt.Sprintf("link to %q: %s has no heading #%s", dest, n.File(), frag),
		hint:   hint,
		msgVi:  fmt.Sprintf("liên kết tới %q: bài %s không có đề mục #%s", dest, n.File(), frag),
		hintVi: hintVi,
	}
}
