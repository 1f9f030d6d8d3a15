package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefaults(t *testing.T) {
	c, d := Parse([]byte(`title = "Ban Vì sự tiến bộ của Phụ nữ"`))
	if c == nil {
		t.Fatal(d)
	}
	if c.LanguageCode != "vi" || c.TimeZone != "Asia/Ho_Chi_Minh" || c.PagerSize != 10 || c.Theme != "default" || c.BaseURL.String() != "/" {
		t.Errorf("defaults: %+v", c)
	}
	if len(c.Taxonomies) != 2 || c.Taxonomies[0].Plural != "categories" || c.Taxonomies[1].Plural != "tags" {
		t.Errorf("taxonomies %+v", c.Taxonomies)
	}
}

func TestErrorsCarryPositions(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "title = \"T\"\ntitel = \"X\"\n", `config.toml:2:1: unknown setting "titel"`},
		{"unknown key in a table", "[markup]\nunsafe = true\nsafe = 1\n", `config.toml:3:1: unknown setting "markup.safe"`},
		{"bad zone", "timeZone = \"Asia/Ha_Noi\"\n", `config.toml:1:1: unknown time zone "Asia/Ha_Noi"`},
		{"bad base URL", "baseURL = \"ftp://x\"\n", "config.toml:1:1: baseURL:"},
		{"bad permalink", "[permalinks]\n  tin-tuc = \"/:nam/:slug/\"\n", "config.toml:2:3: permalink for \"tin-tuc\": unknown placeholder :nam"},
		{"malformed", "title = \"T\n", "config.toml:1:11: invalid TOML"},
		{"wrong type", "pagerSize = \"mười\"\n", "config.toml:1:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, d := Parse([]byte(tc.src))
			if c != nil {
				t.Fatal("accepted a bad config")
			}
			if len(d) == 0 || !strings.HasPrefix(d[0].String(), tc.want) {
				t.Errorf("got %v, want %q", d, tc.want)
			}
		})
	}
}

func TestParamsAndMenus(t *testing.T) {
	c, d := Parse([]byte("[params]\nphone = \"0200 3 812 456\"\n[params.social]\nzalo = \"x\"\n[[menu.main]]\nname = \"B\"\nweight = 2\n[[menu.main]]\nname = \"A\"\nweight = 1\n"))
	if c == nil {
		t.Fatal(d)
	}
	if c.Params["phone"] != "0200 3 812 456" || c.Menus["main"][0].Name != "A" {
		t.Errorf("params %v menus %v", c.Params, c.Menus)
	}
}

func TestLoadI18n(t *testing.T) {
	fsys := fstest.MapFS{"i18n/vi.toml": {Data: []byte("readMore = \"Xem tiếp\"\n[home]\nother = \"Trang chủ\"\n[bad]\none = \"x\"\n")}}
	words, d := LoadI18n(fsys, "i18n/vi.toml", "i18n/vi.toml")
	if words["readMore"] != "Xem tiếp" || words["home"] != "Trang chủ" {
		t.Errorf("words %v", words)
	}
	if len(d) != 1 || !strings.HasPrefix(d[0].String(), "i18n/vi.toml:4:1: i18n \"bad\" has no text") {
		t.Errorf("diags %v", d)
	}
	if _, d := Load(fstest.MapFS{}); len(d) != 1 || !strings.Contains(d[0].Message, "not a Loa site folder") {
		t.Errorf("missing config: %v", d)
	}
}
