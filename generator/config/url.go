package config

import (
	"bytes"
	"strings"

	"loa/generator/diag"
)

// UnsafeURL returns the scheme of an address that would run code or show a
// document of its own when a reader follows it: "javascript", "vbscript", or
// "data" (pictures in data: addresses are harmless and pass). It returns ""
// for every other address. Browsers ignore spaces, tabs, line breaks and
// letter case in a scheme, so this does too.
func UnsafeURL(u string) string {
	var b strings.Builder
	for _, r := range u {
		switch {
		case r <= ' ' || r == 0x7f:
			continue // browsers drop these anywhere in the scheme
		case r == ':':
			return unsafeScheme(strings.ToLower(b.String()), u)
		case r == '/' || r == '?' || r == '#':
			return ""
		}
		if b.Len() > 32 {
			return ""
		}
		b.WriteRune(r)
	}
	return ""
}

func unsafeScheme(scheme, u string) string {
	switch scheme {
	case "javascript", "vbscript":
		return scheme
	case "data":
		_, rest, _ := strings.Cut(strings.ToLower(strings.TrimSpace(u)), ":")
		rest = strings.TrimSpace(rest)
		for _, t := range []string{"image/png", "image/jpeg", "image/gif", "image/webp"} {
			if strings.HasPrefix(rest, t+";") || strings.HasPrefix(rest, t+",") {
				return ""
			}
		}
		return scheme
	}
	return ""
}

// safeMenus drops menu entries whose address would run a script, with a
// warning where the address is written, unless [markup] unsafe is set.
func safeMenus(menus map[string][]MenuEntry, unsafe bool, src []byte) (map[string][]MenuEntry, diag.List) {
	var diags diag.List
	if unsafe {
		return menus, diags
	}
	for name, entries := range menus {
		kept := entries[:0]
		for _, e := range entries {
			scheme := UnsafeURL(e.URL)
			if scheme == "" {
				kept = append(kept, e)
				continue
			}
			line, col := KeyPos(src, "menu", name)
			if i := bytes.Index(src, []byte(e.URL)); i >= 0 {
				line, col = diag.LineCol(src, i)
			}
			diags.Warnf(diag.Pos{File: File, Line: line, Col: col}, "link the menu entry to a page of the site or another site's address",
				"menu entry %q: %s: address dropped, and the entry with it", e.Name, scheme).Vi(
				"hãy trỏ mục này tới một trang của trang web hoặc địa chỉ một trang khác",
				"mục %q của danh mục: đã bỏ địa chỉ %s: và cả mục này", e.Name, scheme)
		}
		menus[name] = kept
	}
	return menus, diags
}
