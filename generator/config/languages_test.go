package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"loa/generator/diag"
)

const bilingual = `baseURL = "https://vstbpn.halam.gov.vn/"
title = "Ban VSTBPN tỉnh Hà Lâm"
copyright = "© Ban VSTBPN"
defaultContentLanguage = "vi"

[params]
phone = "0200 3 812 456"
description = "Tin tức về bình đẳng giới"

[[menu.main]]
name = "Tin tức"
url = "/tin-tuc/"

[languages.vi]
languageName = "Tiếng Việt"
weight = 1

[languages.en]
languageName = "English"
languageCode = "en-GB"
weight = 2
title = "Ha Lam Committee for the Advancement of Women"
[languages.en.params]
description = "News on gender equality"
[[languages.en.menus.main]]
name = "News"
url = "/en/tin-tuc/"
[[languages.en.menus.main]]
name = "About"
pageRef = "/gioi-thieu"
`

func TestLanguages(t *testing.T) {
	c, d := Parse([]byte(bilingual))
	if c == nil {
		t.Fatal(d)
	}
	if len(d) != 0 {
		t.Errorf("diagnostics: %v", d)
	}
	if !c.Multilingual() || len(c.Languages) != 2 {
		t.Fatalf("languages: %+v", c.Languages)
	}
	vi, en := c.Languages[0], c.Languages[1]
	if vi.Lang != "vi" || vi.Name != "Tiếng Việt" || !vi.Default || vi.Prefix() != "" || vi.Config() != c || c.Language != vi {
		t.Errorf("vi: %+v", vi)
	}
	if en.Lang != "en" || en.Name != "English" || en.Default || en.Prefix() != "en/" || en.ContentDir != "content" {
		t.Errorf("en: %+v", en)
	}
	ec := c.In("en")
	if ec != en.Config() || ec.Language != en || ec.LanguageCode != "en" || ec.Locale != "en-GB" {
		t.Errorf("English: lang %q locale %q", ec.LanguageCode, ec.Locale)
	}
	if ec.Title != "Ha Lam Committee for the Advancement of Women" || ec.Copyright != "© Ban VSTBPN" ||
		ec.Params["description"] != "News on gender equality" || ec.Params["phone"] != "0200 3 812 456" {
		t.Errorf("English settings: %q %q %v", ec.Title, ec.Copyright, ec.Params)
	}
	if c.Title != "Ban VSTBPN tỉnh Hà Lâm" || c.Params["description"] != "Tin tức về bình đẳng giới" || c.LanguageCode != "vi" {
		t.Errorf("Vietnamese settings: %q %v", c.Title, c.Params)
	}
	if m := ec.Menus["main"]; len(m) != 2 || m[0].URL != "/en/tin-tuc/" || m[1].URL != "/en/gioi-thieu/" {
		t.Errorf("English menu %+v", m)
	}
	if m := c.Menus["main"]; len(m) != 1 || m[0].Name != "Tin tức" {
		t.Errorf("Vietnamese menu %+v", m)
	}
	if ec.Languages[0] != vi || ec.BaseURL.String() != "https://vstbpn.halam.gov.vn/" {
		t.Errorf("the English view knows the site's languages and address")
	}
	if p := ec.Pos("title"); p.Line != 22 {
		t.Errorf("English title written at %v", p)
	}
}

func TestLanguagesInConfigDir(t *testing.T) {
	fsys := fstest.MapFS{
		"config/_default/hugo.toml":      {Data: []byte("baseURL = \"https://halam.gov.vn/\"\ntitle = \"UBND tỉnh Hà Lâm\"\n")},
		"config/_default/languages.toml": {Data: []byte("[en]\nlanguageName = \"English\"\nweight = 1\ntitle = \"Ha Lam Province\"\n\n[vi]\nlanguageName = \"Tiếng Việt\"\nweight = 2\n")},
		"config/_default/menus.en.toml":  {Data: []byte("[[main]]\nname = \"Investment\"\nurl = \"/en/dau-tu/\"\n")},
		"config/_default/menus.vi.toml":  {Data: []byte("[[main]]\nname = \"Đầu tư\"\nurl = \"/dau-tu/\"\n")},
		"config/_default/params.en.toml": {Data: []byte("slogan = \"For the people\"\n")},
	}
	c, d := Load(fsys)
	if c == nil {
		t.Fatal(d)
	}
	// Without defaultContentLanguage, Vietnamese is the default even
	// when English weighs less; the switcher still lists English first.
	if c.Language.Lang != "vi" || c.Languages[0].Lang != "en" || c.Languages[1].Prefix() != "" || c.Languages[0].Prefix() != "en/" {
		t.Fatalf("default %q, order %q %q", c.Language.Lang, c.Languages[0].Lang, c.Languages[1].Lang)
	}
	en := c.In("en")
	if en.Title != "Ha Lam Province" || en.Params["slogan"] != "For the people" || en.Menus["main"][0].Name != "Investment" {
		t.Errorf("English: %q %v %v", en.Title, en.Params, en.Menus)
	}
	if c.Title != "UBND tỉnh Hà Lâm" || c.Params["slogan"] != nil || c.Menus["main"][0].Name != "Đầu tư" {
		t.Errorf("Vietnamese: %q %v %v", c.Title, c.Params, c.Menus)
	}
}

func TestLanguageInSubdir(t *testing.T) {
	c, d := Parse([]byte("defaultContentLanguage = \"en\"\ndefaultContentLanguageInSubdir = true\n[languages.en]\nweight = 1\n[languages.vi]\nweight = 2\n"))
	if c == nil {
		t.Fatal(d)
	}
	if c.Language.Lang != "en" || c.Languages[0].Prefix() != "en/" || c.Languages[1].Prefix() != "vi/" || len(d) != 0 {
		t.Errorf("prefixes %q %q, %v", c.Languages[0].Prefix(), c.Languages[1].Prefix(), d)
	}
}

func TestOneLanguage(t *testing.T) {
	c, _ := Parse([]byte("title = \"Tạm\"\n"))
	if c.Multilingual() || len(c.Languages) != 1 || c.Language.Lang != "vi" || c.Language.Prefix() != "" || c.In("vi") != c {
		t.Errorf("a site without [languages] has one, at the root: %+v", c.Languages)
	}
}

func TestLanguageErrors(t *testing.T) {
	tests := []struct {
		name, src, pos, msg, hint string
		severity                  diag.Severity
	}{
		{"default not a language", "defaultContentLanguage = \"fr\"\n[languages.vi]\n[languages.en]\n",
			"config.toml:1:27", `defaultContentLanguage "fr" is not one of the languages`, "one of en, vi", diag.Error},
		{"default disabled", "defaultContentLanguage = \"en\"\n[languages.vi]\n[languages.en]\ndisabled = true\n",
			"config.toml:1:27", `defaultContentLanguage "en" is disabled`, "add [languages.en]", diag.Error},
		{"a name, not a code", "[languages.vi]\n[languages.english]\nweight = 2\n",
			"config.toml:2:1", `"english" is not a language code`, "en English", diag.Error},
		{"underscore", "[languages.vi_VN]\n", "config.toml:1:1", `"vi_VN" is not a language code`, "[languages.vi-vn]", diag.Error},
		{"the country", "[languages.vn]\n[languages.en]\n", "config.toml:1:1", `"vn" is the code of the country`, "[languages.vi]", diag.Warning},
		{"language not a table", "[languages]\nvi = \"Tiếng Việt\"\n", "config.toml:2:1", `language "vi" must be a table`, "languageName", diag.Error},
		{"weight not a number", "[languages.vi]\nweight = \"một\"\n", "config.toml:2:11", "languages.vi.weight must be a whole number", "such as 2", diag.Error},
		{"contentDir outside content", "[languages.vi]\n[languages.en]\ncontentDir = \"../english\"\n",
			"config.toml:3:15", `languages.en.contentDir "../english" is not a folder inside content/`, `contentDir = "content/en"`, diag.Error},
		{"a setting of the whole site", "[languages.vi]\n[languages.en]\nbaseURL = \"https://en.halam.gov.vn/\"\n",
			"config.toml:3:1", "`baseURL` is a setting of the whole site", "below the one baseURL", diag.Warning},
		{"every language disabled", "[languages.vi]\ndisabled = true\n", "config.toml:1:1", "every language of [languages] is disabled", "enable", diag.Error},
		{"unknown key in a language", "[languages.vi]\n[languages.en]\ntitel = \"x\"\n", "config.toml:3:1", `unknown setting "titel"`, "`title`", diag.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := Parse([]byte(tt.src))
			for _, x := range d {
				if x.Pos.String() == tt.pos && strings.Contains(x.Message, tt.msg) && strings.Contains(x.Hint, tt.hint) && x.Severity == tt.severity {
					if x.MessageVi == "" || x.HintVi == "" {
						t.Errorf("no Vietnamese: %+v", x)
					}
					return
				}
			}
			t.Errorf("want %s: %s (%s), got %v", tt.pos, tt.msg, tt.hint, d)
		})
	}
}

func TestContentLang(t *testing.T) {
	c, d := Parse([]byte("[languages.vi]\n[languages.en]\n[languages.km]\ncontentDir = \"content/khmer\"\n[languages.rad]\ndisabled = true\n"))
	if c == nil {
		t.Fatal(d)
	}
	tests := []struct {
		file, lang, logical string
		ok                  bool
	}{
		{"content/tin-tuc/a.md", "vi", "content/tin-tuc/a.md", true},
		{"content/tin-tuc/a.en.md", "en", "content/tin-tuc/a.md", true},
		{"content/tin-tuc/a/index.en.md", "en", "content/tin-tuc/a/index.md", true},
		{"content/tin-tuc/_index.EN.md", "en", "content/tin-tuc/_index.md", true},
		{"content/van-ban/bao-cao.2023.md", "vi", "content/van-ban/bao-cao.2023.md", true},
		{"content/khmer/tin-tuc/a.md", "km", "content/tin-tuc/a.md", true},
		{"content/khmer/tin-tuc/a.en.md", "en", "content/tin-tuc/a.md", true},
		{"content/khmer/tin-tuc/anh-1.jpg", "km", "content/tin-tuc/anh-1.jpg", true},
		{"content/tin-tuc/a.rad.md", "rad", "content/tin-tuc/a.rad.md", false},
		{"static/a.md", "", "static/a.md", false},
	}
	for _, tt := range tests {
		lang, logical, ok := c.ContentLang(tt.file)
		if lang != tt.lang || logical != tt.logical || ok != tt.ok {
			t.Errorf("ContentLang(%q) = %q, %q, %v; want %q, %q, %v", tt.file, lang, logical, ok, tt.lang, tt.logical, tt.ok)
		}
	}
	if got := len(c.Languages); got != 3 {
		t.Errorf("%d languages, want the 3 enabled", got)
	}
}

func TestFlagsReachEveryLanguage(t *testing.T) {
	c, d := Parse([]byte(bilingual))
	if c == nil {
		t.Fatal(d)
	}
	c2, err := c.WithBaseURL("https://thu.halam.gov.vn/ban/")
	if err != nil {
		t.Fatal(err)
	}
	c2 = c2.WithBuildFlags(true, false, false)
	en := c2.In("en")
	if en == nil || en.BaseURL.String() != "https://thu.halam.gov.vn/ban/" || !en.BuildDrafts || en.Title != "Ha Lam Committee for the Advancement of Women" {
		t.Errorf("the English view: %+v", en)
	}
	if c2.Language.Config() != c2 || c2.DefaultLanguage().Config() != c2 || c2.Languages[1].Config() != en {
		t.Errorf("the views of the copy lead to each other")
	}
	if c.In("en").BaseURL.String() != "https://vstbpn.halam.gov.vn/" || c.In("en").BuildDrafts {
		t.Errorf("the original changed")
	}
}

// TestLanguageFiles: Blowfish-style config/_default/languages.en.toml is
// the table [languages.en], as in Hugo.
func TestLanguageFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"config/_default/hugo.toml":         {Data: []byte("defaultContentLanguage = \"vi\"\n")},
		"config/_default/languages.en.toml": {Data: []byte("languageCode = \"en\"\nlanguageName = \"English\"\nweight = 1\ntitle = \"NTPH\"\n[params]\nisoCode = \"en\"\n")},
		"config/_default/languages.vi.toml": {Data: []byte("languageName = \"Tiếng Việt\"\nweight = 2\ntitle = \"NTPH\"\n")},
		"config/_default/menus.en.toml":     {Data: []byte("[[main]]\nname = \"Blog\"\npageRef = \"posts\"\n")},
	}
	c, d := Load(fsys)
	if c == nil || len(d) != 0 {
		t.Fatal(d)
	}
	en := c.In("en")
	if en == nil || c.Languages[0].Name != "English" || en.Params["isoCode"] != "en" || en.Menus["main"][0].URL != "/en/posts/" || en.Locale != "en" {
		t.Errorf("English from languages.en.toml: %+v", en)
	}
	if c.Language.Lang != "vi" || c.Language.Name != "Tiếng Việt" {
		t.Errorf("default %+v", c.Language)
	}
}
