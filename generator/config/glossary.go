package config

import (
	"errors"
	"io/fs"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"loa/generator/diag"
	"loa/generator/vi"
)

// GlossaryFile is where a site defines its abbreviations, for the
// proofreader and for the first use of each in a page (<abbr title>).
const GlossaryFile = "data/glossary.toml"

// LoadGlossary reads the site's glossary: "BĐG" = "bình đẳng giới", one
// line each. No file is an empty glossary.
func LoadGlossary(site fs.FS) (map[string]string, diag.List) {
	var diags diag.List
	src, err := fs.ReadFile(site, GlossaryFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: GlossaryFile}, "", "cannot read: %v", err)
		return nil, diags
	}
	src = vi.NFCBytes(src)
	values := map[string]any{}
	if _, err := toml.Decode(string(src), &values); err != nil {
		return nil, TOMLError(GlossaryFile, 0, src, err)
	}
	g := map[string]string{}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		line, col := KeyPos(src, k)
		pos := diag.Pos{File: GlossaryFile, Line: line, Col: col}
		s, ok := values[k].(string)
		if !ok || strings.TrimSpace(s) == "" || strings.TrimSpace(k) == "" {
			diags.Errorf(pos, `write one abbreviation and its meaning a line, in quotes: "BĐG" = "bình đẳng giới"`,
				"glossary: %q needs its meaning as text", k).Vi(
				`mỗi dòng ghi một chữ viết tắt và nghĩa của nó, trong ngoặc kép: "BĐG" = "bình đẳng giới"`,
				"bảng chú giải: %q cần ghi nghĩa dạng văn bản", k)
			continue
		}
		g[k] = strings.TrimSpace(s)
	}
	return g, diags
}
