package config

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"loa/generator/diag"
)

// menus sorts each menu by weight. Entries whose address would run a script
// are dropped, with a warning where the address is written, unless
// [markup] unsafe is set. Hugo's pageRef (a content path) stands for the
// address when url is not set.
func menus(m map[string][]menuFile, unsafe bool, root table) (map[string][]MenuEntry, diag.List) {
	var diags diag.List
	out := map[string][]MenuEntry{}
	for name, entries := range m {
		list := []MenuEntry{}
		for i, e := range entries {
			u := e.URL
			if u == "" && e.PageRef != "" {
				u = pageRefURL(e.PageRef)
			}
			if scheme := UnsafeURL(u); scheme != "" && !unsafe {
				key := "url"
				if e.URL == "" {
					key = "pageRef"
				}
				pos := diag.Pos{}
				if s, _ := root.get("menus", name, strconv.Itoa(i), key); s != nil {
					pos = s.vpos
				}
				diags.Warnf(pos, "link the menu entry to a page of the site or another site's address",
					"menu entry %q: %s: address dropped, and the entry with it", e.Name, scheme).Vi(
					"hãy trỏ mục này tới một trang của trang web hoặc địa chỉ một trang khác",
					"mục %q của danh mục: đã bỏ địa chỉ %s: và cả mục này", e.Name, scheme)
				continue
			}
			entry := MenuEntry{Name: e.Name, URL: u, Weight: e.Weight, Identifier: e.Identifier,
				Parent: e.Parent, Title: e.Title, Params: e.Params}
			if e.URL == "" {
				entry.PageRef = e.PageRef
			}
			list = append(list, entry)
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].Weight < list[j].Weight })
		out[name] = list
	}
	return out, diags
}

// pageRefURL turns Hugo's pageRef, a path in content/ such as "/gioi-thieu"
// or "tin-tuc/_index.md", into the address Loa gives that page when it has
// no url or permalink of its own.
func pageRefURL(ref string) string {
	p := "/" + strings.Trim(ref, "/")
	switch base := path.Base(p); {
	case base == "_index.md" || base == "index.md":
		p = path.Dir(p)
	case path.Ext(base) == ".md":
		p = strings.TrimSuffix(p, ".md")
	}
	if p == "/" {
		return p
	}
	return p + "/"
}
