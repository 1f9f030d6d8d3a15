package build

import (
	"io/fs"
	"maps"
	"os"
	"regexp"
	"slices"
	"testing"

	"loa/generator/config"
)

// TestThemeWordsComplete: the default theme has every word of its interface
// in Vietnamese and in English, and every word its layouts ask for.
func TestThemeWordsComplete(t *testing.T) {
	fsys := os.DirFS("../../themes/default")
	vi, d := config.LoadI18n(fsys, "i18n/vi.toml", "i18n/vi.toml")
	if d.HasErrors() || len(vi) == 0 {
		t.Fatal(d)
	}
	en, d := config.LoadI18n(fsys, "i18n/en.toml", "i18n/en.toml")
	if d.HasErrors() {
		t.Fatal(d)
	}
	viKeys, enKeys := slices.Sorted(maps.Keys(vi)), slices.Sorted(maps.Keys(en))
	for _, k := range viKeys {
		if en[k] == "" {
			t.Errorf("en.toml lacks %q", k)
		}
	}
	for _, k := range enKeys {
		if vi[k] == "" {
			t.Errorf("vi.toml lacks %q", k)
		}
	}
	used := regexp.MustCompile(`\bT "([A-Za-z_]+)"`)
	fs.WalkDir(fsys, "layouts", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(fsys, p)
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			if vi[m[1]] == "" {
				t.Errorf("%s asks for the word %q, which vi.toml lacks", p, m[1])
			}
		}
		return nil
	})
}
