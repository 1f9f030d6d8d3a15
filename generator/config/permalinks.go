package config

import (
	"fmt"
	"strings"

	"loa/generator/diag"
)

// permalinks reads [permalinks] in both of Hugo's forms: section = pattern,
// and since Hugo 0.118 [permalinks.page] with section = pattern. Loa places
// pages only; [permalinks.section], [permalinks.term] and
// [permalinks.taxonomy] are a warning each. A pattern may leave out the
// leading slash, as Hugo allows (":section/:year/:slug/").
//
// maxSlugLength, Loa's own key there, is the longest slug in bytes (default
// DefaultMaxSlugLength; 0 keeps slugs whole): Windows cannot open a path
// of more than 260 characters, and a long Vietnamese title makes a long slug.
func permalinks(s *setting) (map[string]string, int, diag.List) {
	var diags diag.List
	out := map[string]string{}
	maxSlug := DefaultMaxSlugLength
	if s == nil {
		return out, maxSlug, diags
	}
	t, ok := s.val.(table)
	if !ok {
		diags.Errorf(s.pos, `write [permalinks] with lines such as tin-tuc = "/:section/:year/:slug/"`,
			"setting %q must be a table", s.name).Vi(
			`ghi mục [permalinks] với các dòng như tin-tuc = "/:section/:year/:slug/"`, "thiết lập %q phải là một bảng", s.name)
		return out, maxSlug, diags
	}
	add := func(e *setting) {
		pat, ok := e.val.(string)
		if !ok {
			diags.Errorf(e.pos, `write the pattern in quotes, such as "/:section/:year/:slug/"`,
				"permalink for %q must be text", e.name).Vi(
				`ghi mẫu trong ngoặc kép, ví dụ "/:section/:year/:slug/"`, "mẫu địa chỉ của %q phải là văn bản", e.name)
			return
		}
		if !strings.HasPrefix(pat, "/") {
			pat = "/" + pat
		}
		if msg, msgVi := checkPermalink(pat); msg != "" {
			diags.Errorf(e.pos, `a pattern looks like "/:section/:year/:month/:slug/"`, "permalink for %q: %s", e.name, msg).Vi(
				`mẫu địa chỉ có dạng "/:section/:year/:month/:slug/"`, "mẫu địa chỉ của %q: %s", e.name, msgVi)
			return
		}
		out[e.name] = pat
	}
	for _, k := range t.keys() {
		e := t[k]
		sub, isTable := e.val.(table)
		switch {
		case strings.EqualFold(k, "maxSlugLength"):
			n, ok := whole(e.val)
			if !ok || n < 0 {
				diags.Errorf(e.pos, "write a whole number such as 80, or 0 to keep slugs whole",
					"maxSlugLength must be a whole number of 0 or more").Vi(
					"ghi một số nguyên như 80, hoặc 0 để không rút gọn", "maxSlugLength phải là số nguyên từ 0 trở lên")
				continue
			}
			maxSlug = int(n)
		case !isTable:
			add(e)
		case k == "page":
			for _, k2 := range sub.keys() {
				add(sub[k2])
			}
		default:
			unknown(&diags, []string{s.name, e.name}, e, []string{"page"})
		}
	}
	return out, maxSlug, diags
}

// DefaultMaxSlugLength leaves room under Windows' 260 characters for the
// destination folder, the section and "/index.html".
const DefaultMaxSlugLength = 80

// checkPermalink returns what is wrong with a pattern, in English and in
// Vietnamese, or "".
func checkPermalink(p string) (string, string) {
	for _, part := range strings.Split(p, "/") {
		for _, seg := range strings.Split(part, "-") {
			if strings.HasPrefix(seg, ":") {
				switch seg {
				case ":year", ":month", ":day", ":slug", ":section", ":title", ":filename":
				default:
					return fmt.Sprintf("unknown placeholder %s (use :year, :month, :day, :slug, :section, :title or :filename)", seg),
						fmt.Sprintf("không có chỗ thay %s (dùng :year, :month, :day, :slug, :section, :title hoặc :filename)", seg)
				}
			}
		}
	}
	return "", ""
}
