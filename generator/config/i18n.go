package config

import (
	"errors"
	"io/fs"

	"github.com/BurntSushi/toml"

	"loa/generator/diag"
	"loa/generator/vi"
)

// LoadI18n reads the words of the user interface from a file such as
// i18n/vi.toml in fsys, in either form Hugo accepts:
//
//	readMore = "Xem tiếp"
//	[readMore]
//	other = "Xem tiếp"
//
// display is the path shown in errors. A missing file gives no words.
func LoadI18n(fsys fs.FS, name, display string) (map[string]string, diag.List) {
	var diags diag.List
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: display}, "", "cannot read: %v", err)
		return nil, diags
	}
	src = vi.NFCBytes(src)
	raw := map[string]any{}
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, TOMLError(display, 0, src, err)
	}
	words := map[string]string{}
	for key, v := range raw {
		if m, ok := v.(map[string]any); ok {
			v = m["other"]
		}
		if s, ok := v.(string); ok {
			words[key] = s
		} else {
			line, col := KeyPos(src, key)
			diags.Errorf(diag.Pos{File: display, Line: line, Col: col},
				`write key = "text", or a table with other = "text"`, "i18n %q has no text", key)
		}
	}
	return words, diags
}
