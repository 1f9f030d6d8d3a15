package config

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"loa/generator/diag"
)

// hugoSite has the shape of gohugoio/hugoBasicExample's config.toml, the
// example site of Hugo's themes, with a Vietnamese site's content.
const hugoSite = `baseURL = "https://vstbpn.halam.gov.vn/"
title = "Ban Vì sự tiến bộ của Phụ nữ huyện Hà Lam"
copyright = "© 2024 Ban Vì sự tiến bộ của Phụ nữ"
paginate = 3
languageCode = "vi-VN"
DefaultContentLanguage = "vi"
enableInlineShortcodes = true
# tránh lỗi khi dựng với mã nhúng Instagram
ignoreErrors = ["error-remote-getjson"]

[author]
  name = "Ban biên tập"
  email = "bbt@halam.gov.vn"

[menu]

  [[menu.main]]
    identifier = "gioi-thieu"
    name = "Giới thiệu"
    url = "/gioi-thieu/"
    weight = 10

[taxonomies]
category = "categories"
tag = "tags"
series = "series"

[privacy]

  [privacy.vimeo]
    disabled = false
    simple = true

  [privacy.youtube]
    disabled = false
    privacyEnhanced = true

[services]

  [services.twitter]
    disableInlineCSS = true
`

func TestHugoSiteGivesWarningsOnly(t *testing.T) {
	c, d := Parse([]byte(hugoSite))
	if c == nil || d.HasErrors() {
		t.Fatalf("errors: %v", d)
	}
	var got []string
	for _, w := range d {
		got = append(got, w.Pos.String()+" "+w.Message)
		if w.MessageVi == "" || w.HintVi == "" {
			t.Errorf("no Vietnamese text: %v", w)
		}
	}
	want := []string{
		"config.toml:7:1 Hugo's setting `enableInlineShortcodes` is not used by Loa",
		"config.toml:9:1 Hugo's setting `ignoreErrors` is not used by Loa",
		"config.toml:28:1 Hugo's setting `privacy` is not used by Loa",
		"config.toml:38:1 Hugo's setting `services` is not used by Loa",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings\n got %q\nwant %q", got, want)
	}
	if c.PagerSize != 3 || c.LanguageCode != "vi" || c.Locale != "vi-VN" || c.Author["name"] != "Ban biên tập" ||
		c.Copyright == "" || len(c.Taxonomies) != 3 || c.Menus["main"][0].Name != "Giới thiệu" {
		t.Errorf("config %+v", c)
	}
}

func TestConfigDirMerges(t *testing.T) {
	fsys := fstest.MapFS{
		"config/_default/hugo.toml":      {Data: []byte("baseURL = \"https://halam.gov.vn/\"\ntitle = \"Tạm\"\ndefaultContentLanguage = \"vi\"\n[params]\nphone = \"0200 3 812 456\"\n")},
		"config/_default/params.toml":    {Data: []byte("# Thông tin liên hệ\ndiaChi = \"Số 1 đường Trần Phú\"\n\n[social]\nzalo = \"0912345678\"\nfacebok = 1\n")},
		"config/_default/menus.toml":     {Data: []byte("[[main]]\nname = \"Tin tức\"\npageRef = \"/tin-tuc\"\nweight = 2\n\n[[main]]\nname = \"Trang chủ\"\nurl = \"/\"\nweight = 1\n")},
		"config/_default/languages.toml": {Data: []byte("[vi]\nlanguageName = \"Tiếng Việt\"\ntitle = \"Ủy ban nhân dân huyện Hà Lam\"\nweight = 1\n[vi.params]\nkhauHieu = \"Vì nhân dân phục vụ\"\n\n[en]\nlanguageName = \"English\"\nweight = 2\n")},
		"config/production/hugo.toml":    {Data: []byte("baseURL = \"https://example.org/\"\n")},
	}
	if got := Files(fsys); !slices.Equal(got, []string{"config/_default/hugo.toml", "config/_default/languages.toml", "config/_default/menus.toml", "config/_default/params.toml"}) {
		t.Errorf("Files = %q", got)
	}
	c, srcs, d := Read(fsys)
	if c == nil {
		t.Fatal(d)
	}
	if len(srcs) != 4 || len(srcs.Bytes()) == 0 {
		t.Errorf("sources %d", len(srcs))
	}
	if c.Title != "Ủy ban nhân dân huyện Hà Lam" || c.BaseURL.String() != "https://halam.gov.vn/" || c.LanguageCode != "vi" {
		t.Errorf("root: %q %v %q", c.Title, c.BaseURL, c.LanguageCode)
	}
	if c.Params["phone"] != "0200 3 812 456" || c.Params["diaChi"] != "Số 1 đường Trần Phú" || c.Params["khauHieu"] != "Vì nhân dân phục vụ" {
		t.Errorf("params %v", c.Params)
	}
	if m := c.Menus["main"]; len(m) != 2 || m[0].Name != "Trang chủ" || m[1].URL != "/tin-tuc/" {
		t.Errorf("menu %+v", m)
	}
	if p := c.Pos("params", "diaChi"); p.String() != "config/_default/params.toml:2:1" {
		t.Errorf("Pos(params.diaChi) = %v", p)
	}
	var got []string
	for _, x := range d {
		got = append(got, x.Pos.String()+" "+x.Message)
	}
	// English is a language of the site now: whether it has content is
	// the site's to say, not the configuration's.
	if len(d) != 1 || d[0].Pos.File != "config/production" || d[0].Severity != diag.Warning {
		t.Errorf("diagnostics %q", got)
	}
	en := c.In("en")
	if en == nil || en.Title != "Tạm" || en.Params["phone"] != "0200 3 812 456" || en.Params["khauHieu"] != nil {
		t.Fatalf("English falls back to the site's settings, not Vietnamese's: %+v", en)
	}
	if m := en.Menus["main"]; len(m) != 2 || m[1].URL != "/en/tin-tuc/" {
		t.Errorf("English menu: a pageRef leads to the English page: %+v", m)
	}
}

func TestPositionsNameTheFile(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"unknown key in params.toml is fine, in menus.toml not", fstest.MapFS{
			"config/_default/hugo.toml":  {Data: []byte("title = \"T\"\n")},
			"config/_default/menus.toml": {Data: []byte("[[main]]\nname = \"A\"\n\n[[main]]\nname = \"B\"\nulr = \"/b/\"\n")},
		}, `config/_default/menus.toml:6:1: unknown setting "menus.main.ulr"` + "\n    hint: did you mean `url`?"},
		{"wrong type in the second file", fstest.MapFS{
			"hugo.toml":                       {Data: []byte("title = \"T\"\n")},
			"config/_default/pagination.toml": {Data: []byte("\npagerSize = \"năm\"\n")},
		}, `config/_default/pagination.toml:2:1: setting "pagination.pagerSize" must be a whole number, not "năm"`},
		{"hugo.toml wins over config.toml", fstest.MapFS{
			"hugo.toml":   {Data: []byte("title = \"T\"\ntitel = \"X\"\n")},
			"config.toml": {Data: []byte("title = \"T\"\n")},
		}, `hugo.toml:2:1: unknown setting "titel"`},
		{"later file wins, its position too", fstest.MapFS{
			"hugo.toml":                 {Data: []byte("timeZone = \"Asia/Ho_Chi_Minh\"\n")},
			"config/_default/hugo.toml": {Data: []byte("title = \"T\"\n\ntimeZone = \"Asia/Ha_Noi\"\n")},
		}, `config/_default/hugo.toml:3:1: unknown time zone "Asia/Ha_Noi"`},
		{"YAML", fstest.MapFS{
			"hugo.yaml": {Data: []byte("title: T\nparams:\n  a: 1\nmarkup:\n  goldmark:\n    renderr:\n      unsafe: true\n")},
		}, `hugo.yaml:6:5: unknown setting "markup.goldmark.renderr"` + "\n    hint: did you mean `renderer`?"},
		{"JSON", fstest.MapFS{
			"hugo.json": {Data: []byte("{\n  \"title\": \"T\",\n  \"paginate\": -2\n}\n")},
		}, `hugo.json:3:3: paginate must be positive, not -2`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, d := Load(tc.files)
			if c != nil || len(d.Errors()) != 1 || !strings.HasPrefix(d.Errors()[0].String(), tc.want) {
				t.Errorf("got %v\nwant %s", d, tc.want)
			}
		})
	}
}

func TestHugoKeys(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(*Config) bool
	}{
		{"DefaultContentLanguage", "DefaultContentLanguage = \"vi\"\nlanguageCode = \"vi-VN\"\n", func(c *Config) bool { return c.DefaultContentLanguage == "vi" && c.LanguageCode == "vi" }},
		{"defaultcontentlanguage", "defaultcontentlanguage = \"vi\"\n", func(c *Config) bool { return c.DefaultContentLanguage == "vi" && c.LanguageCode == "vi" }},
		{"paginate", "paginate = 5\n", func(c *Config) bool { return c.PagerSize == 5 }},
		{"pagination.pagerSize", "[pagination]\npagerSize = 5\n", func(c *Config) bool { return c.PagerSize == 5 }},
		{"Loa's pagerSize", "pagerSize = 5\n", func(c *Config) bool { return c.PagerSize == 5 }},
		{"goldmark unsafe", "[markup.goldmark.renderer]\nunsafe = true\n", func(c *Config) bool { return c.Unsafe }},
		{"Loa's unsafe", "[markup]\nunsafe = true\n", func(c *Config) bool { return c.Unsafe }},
		{"upper case keys", "BaseURL = \"https://halam.gov.vn/\"\nTitle = \"Hà Lam\"\nSummaryLength = 30\n", func(c *Config) bool {
			return c.BaseURL.Host == "halam.gov.vn" && c.Title == "Hà Lam" && c.SummaryLength == 30
		}},
		{"author as a name", "author = \"Ban biên tập\"\n", func(c *Config) bool { return c.Author["name"] == "Ban biên tập" }},
		{"author as a table", "[Author]\nName = \"Ban biên tập\"\n", func(c *Config) bool { return c.Author["name"] == "Ban biên tập" }},
		{"theme as a list", "theme = [\"hoa-sen\"]\n", func(c *Config) bool { return c.Theme == "hoa-sen" }},
		{"enableRobotsTXT", "enableRobotsTXT = true\n", func(c *Config) bool { return c.EnableRobotsTXT }},
		{"mainSections", "mainSections = [\"tin-tuc\"]\n", func(c *Config) bool { return slices.Equal(c.MainSections, []string{"tin-tuc"}) }},
		{"params.mainSections", "[params]\nmainSections = [\"tin-tuc\", \"thong-bao\"]\n", func(c *Config) bool {
			return slices.Equal(c.MainSections, []string{"tin-tuc", "thong-bao"})
		}},
		{"permalinks without a slash", "[permalinks]\ntin-tuc = \":section/:year/:slug/\"\n", func(c *Config) bool { return c.Permalinks["tin-tuc"] == "/:section/:year/:slug/" }},
		{"permalinks.page", "[permalinks.page]\ntin-tuc = \"/:year/:month/:slug/\"\n", func(c *Config) bool { return c.Permalinks["tin-tuc"] == "/:year/:month/:slug/" }},
		{"menus", "[[menus.main]]\nname = \"Trang chủ\"\nurl = \"/\"\n[[menu.main]]\nname = \"Liên hệ\"\nurl = \"/lien-he/\"\nweight = 5\n", func(c *Config) bool {
			return len(c.Menus["main"]) == 2
		}},
		{"build flags and zone", "buildDrafts = true\nbuildFuture = true\nbuildExpired = true\ntimeZone = \"Asia/Ho_Chi_Minh\"\n", func(c *Config) bool {
			return c.BuildDrafts && c.BuildFuture && c.BuildExpired && c.Location.String() == "Asia/Ho_Chi_Minh"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, d := Parse([]byte(tc.src))
			if c == nil || len(d) != 0 {
				t.Fatalf("diagnostics %v", d)
			}
			if !tc.check(c) {
				t.Errorf("got %+v", c)
			}
		})
	}
}

func TestHugoWarningsAndErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"titel", "titel = \"Hà Lam\"\n", []string{"config.toml:1:1: unknown setting \"titel\"\n    hint: did you mean `title`?"}},
		{"unknown without a near key", "khauHieu = \"x\"\n", []string{"config.toml:1:1: unknown setting \"khauHieu\"\n    hint: check the spelling"}},
		{"one warning per top-level table", "[privacy.vimeo]\ndisabled = true\n[privacy.youtube]\nprivacyEnhanced = true\n", []string{"config.toml:1:1: warning: Hugo's setting `privacy` is not used by Loa"}},
		{"Hugo's markup keys", "[markup.highlight]\nstyle = \"monokai\"\n[markup.goldmark.renderer]\nhardWraps = true\n", []string{
			"config.toml:1:1: warning: Hugo's setting `markup.highlight` is not used by Loa",
			"config.toml:4:1: warning: Hugo's setting `markup.goldmark.renderer.hardWraps` is not used by Loa",
		}},
		{"permalinks.section", "[permalinks.section]\ntin-tuc = \"/:slug/\"\n", []string{"config.toml:1:1: warning: Hugo's setting `permalinks.section` is not used by Loa"}},
		{"two themes", "theme = [\"hoa-sen\", \"mac-dinh\"]\n", []string{"config.toml:1:1: warning: only the first theme, \"hoa-sen\", is used"}},
		{"menu pre", "[[menu.main]]\nname = \"A\"\npre = \"<i>\"\n[[menu.main]]\nname = \"B\"\npre = \"<b>\"\n", []string{"config.toml:3:1: warning: Hugo's setting `menu.main.pre` is not used by Loa"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, d := Parse([]byte(tc.src))
			if len(d) != len(tc.want) {
				t.Fatalf("got %v, want %q", d, tc.want)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(d[i].String(), w) || d[i].MessageVi == "" {
					t.Errorf("got %q, want %q", d[i].String(), w)
				}
			}
		})
	}
}

func TestNearest(t *testing.T) {
	for _, tc := range []struct{ word, want string }{
		{"titel", "title"}, {"baseUrl", "baseURL"}, {"pagesize", "pagerSize"}, {"Titel", "title"}, {"xyz", ""}, {"ab", ""},
	} {
		if got := nearest(tc.word, []string{"title", "baseURL", "pagerSize", "theme"}); got != tc.want {
			t.Errorf("nearest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestReads(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		want bool
	}{{"config.toml", true}, {"hugo.toml", true}, {"hugo.yaml", true}, {"config/_default/params.toml", true}, {"config", true}, {"content/a.md", false}, {"configs.toml", false}} {
		if Reads(tc.rel) != tc.want {
			t.Errorf("Reads(%q) != %v", tc.rel, tc.want)
		}
	}
}
