package cli

import (
	"fmt"
	"strings"
	"testing"
)

// issue12Site has the shape of the site of issue 12: a Vietnamese Hugo site
// with English translations as NAME.en.md and index.en.md, configured in
// config/_default/ with a languages.toml. The translations keep the
// Vietnamese slug, as translators copy the front matter: Loa used to publish
// each at its Vietnamese page's address, "two pages are published at
// /kinh-te/…/", six times.
func issue12Site() string {
	var b strings.Builder
	b.WriteString(`-- config/_default/hugo.toml --
baseURL = "https://halam.gov.vn/"
title = "Cổng thông tin điện tử tỉnh Hà Lâm"
defaultContentLanguage = "vi"
-- config/_default/languages.toml --
[vi]
languageName = "Tiếng Việt"
weight = 1

[en]
languageName = "English"
weight = 2
title = "Ha Lam Province Portal"
-- config/_default/menus.en.toml --
[[main]]
name = "Economy"
pageRef = "/kinh-te"
-- config/_default/menus.vi.toml --
[[main]]
name = "Kinh tế"
pageRef = "/kinh-te"
-- content/_index.md --
+++
title = "Trang chủ"
+++
-- content/kinh-te/_index.md --
+++
title = "Kinh tế"
+++
-- content/kinh-te/_index.en.md --
+++
title = "Economy"
+++
`)
	for i, slug := range []string{"thu-hut-dau-tu", "khu-cong-nghiep", "du-lich-sinh-thai", "ca-phe", "xuat-khau", "ha-tang"} {
		fmt.Fprintf(&b, "-- content/kinh-te/%s.md --\n+++\ntitle = \"Bài %d\"\ndescription = \"Tóm tắt.\"\nslug = \"%s\"\ndate = 2025-0%d-01\n+++\nNội dung.\n", slug, i+1, slug, i+1)
		fmt.Fprintf(&b, "-- content/kinh-te/%s.en.md --\n+++\ntitle = \"Item %d\"\ndescription = \"Summary.\"\nslug = \"%s\"\ndate = 2025-0%d-01\n+++\nText.\n", slug, i+1, slug, i+1)
	}
	return b.String()
}

func TestIssue12BilingualHugoSite(t *testing.T) {
	r, dest := buildSite(t, writeSite(t, issue12Site()))
	if r.code != 0 || strings.Contains(r.stderr, "two pages") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, "warning") {
		t.Errorf("warnings:\n%s", r.stderr)
	}
	for _, slug := range []string{"thu-hut-dau-tu", "ha-tang"} {
		vi := readOut(t, dest, "kinh-te/"+slug+"/index.html")
		en := readOut(t, dest, "en/kinh-te/"+slug+"/index.html")
		if !strings.Contains(vi, "<html lang=vi>") || !strings.Contains(en, "<html lang=en>") {
			t.Errorf("%s: languages", slug)
		}
		for _, w := range []string{`hreflang=vi href=https://halam.gov.vn/kinh-te/` + slug + `/>`, `hreflang=x-default href=https://halam.gov.vn/kinh-te/` + slug + `/>`,
			`<a href=/kinh-te/` + slug + `/ lang=vi hreflang=vi>Tiếng Việt</a>`, `<a href=/en/kinh-te/>Economy</a>`} {
			if !strings.Contains(en, w) {
				t.Errorf("English %s lacks %s", slug, w)
			}
		}
	}
	en := readOut(t, dest, "en/index.html")
	if !strings.Contains(en, `<a href=/en/kinh-te/>Economy</a>`) || !strings.Contains(en, "Ha Lam Province Portal") {
		t.Errorf("English home: menu and title of the language")
	}
	if idx := readOut(t, dest, "sitemap.xml"); !strings.Contains(idx, "<sitemapindex") || !strings.Contains(idx, "https://halam.gov.vn/en/sitemap.xml") {
		t.Errorf("sitemap index:\n%s", idx)
	}
}

func TestSiteWordsForALanguage(t *testing.T) {
	site := writeSite(t, baseConfig+`[languages.vi]
weight = 1
[languages.rad]
languageName = "Êđê"
weight = 2
-- content/tin-tuc/a.md --
+++
title = "Tin"
+++
-- content/tin-tuc/a.rad.md --
+++
title = "Klei mrâo mrang"
+++
Klei bi mtă kơ ƀuôn sang.
-- i18n/rad.toml --
home = "Sang ƀuôn"
`)
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if strings.Count(r.stderr, "has no words") != 1 || !strings.Contains(r.stderr, "i18n/rad.toml: warning:") ||
		strings.Contains(r.stderr, " home,") || !strings.Contains(r.stderr, "skipToContent") {
		t.Errorf("one warning listing the missing words:\n%s", r.stderr)
	}
	page := readOut(t, dest, "rad/tin-tuc/a/index.html")
	if !strings.Contains(page, ">Sang ƀuôn</a>") || !strings.Contains(page, "Chuyển đến nội dung chính") {
		t.Errorf("its own word where it has one, the Vietnamese elsewhere:\n%s", page)
	}
}

func TestDefaultLanguageInSubdir(t *testing.T) {
	site := writeSite(t, `-- config.toml --
baseURL = "https://celab.example.edu.vn/"
title = "CELab"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
[languages.en]
languageName = "English"
weight = 1
[languages.vi]
languageName = "Tiếng Việt"
weight = 2
-- content/research/fpga.md --
+++
title = "FPGA/VLSI Design"
+++
-- content/research/fpga.vi.md --
+++
title = "Thiết kế FPGA/VLSI"
+++
`)
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if root := readOut(t, dest, "index.html"); !strings.Contains(root, "https://celab.example.edu.vn/en/") || !strings.Contains(root, "refresh") {
		t.Errorf("the root leads to /en/:\n%s", root)
	}
	for _, f := range []string{"en/research/fpga/index.html", "vi/research/fpga/index.html", "en/sitemap.xml", "vi/sitemap.xml", "sitemap.xml", "404.html"} {
		if !exists(dest, f) {
			t.Errorf("%s missing", f)
		}
	}
	if exists(dest, "research/fpga/index.html") {
		t.Error("a page at the root")
	}
}

func TestLanguageConfigErrors(t *testing.T) {
	site := writeSite(t, baseConfig+`defaultContentLanguage = "fr"
[languages.vi]
[languages.english]
-- content/a.md --
x
`)
	r, dest := buildSite(t, site)
	if r.code != 1 || exists(dest, "index.html") {
		t.Fatalf("exit %d", r.code)
	}
	for _, w := range []string{
		`config.toml:3:27: defaultContentLanguage "fr" is not one of the languages`,
		`config.toml:5:1: "english" is not a language code`,
		"hint: name the language by its code, as [languages.en]",
	} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
}

func TestKhmerContentDir(t *testing.T) {
	site := writeSite(t, baseConfig+`[languages.vi]
weight = 1
[languages.km]
languageName = "ភាសាខ្មែរ"
contentDir = "content/khmer"
weight = 2
-- content/tin-tuc/a.md --
+++
title = "Tin"
+++
-- content/khmer/tin-tuc/ព័ត៌មាន.md --
+++
title = "ព័ត៌មានថ្មី"
tags = ["សមភាពយេនឌ័រ"]
+++
ព័ត៌មាន។
`)
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	list := readOut(t, dest, "km/tin-tuc/index.html")
	// The address keeps its letters on disk and is percent-encoded in HTML.
	if !exists(dest, "km/tin-tuc/ព័ត៌មាន/index.html") || !strings.Contains(list, `href=/km/tin-tuc/%e1%9e%96%e1%9f%90`) {
		t.Errorf("Khmer address:\n%s", list)
	}
	if !exists(dest, "km/tags/សមភាពយេនឌ័រ/index.html") {
		t.Error("Khmer term page missing")
	}
}

func TestNewWithAKhmerTitle(t *testing.T) {
	site := writeSite(t, baseConfig)
	if r := run(t, "new", "tin-tuc", "ព័ត៌មានថ្មី ២០២៥", "-s", site); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !exists(site, "content/tin-tuc/ព័ត៌មានថ្មី-២០២៥.md") {
		t.Error("the file is named by the title's Khmer letters")
	}
}

func TestFlagsReachEveryLanguage(t *testing.T) {
	site := writeSite(t, issue12Site()+`-- content/kinh-te/nhap.en.md --
+++
title = "Draft"
draft = true
+++
`)
	r, dest := buildSite(t, site, "--baseURL", "https://thu.halam.gov.vn/", "-D")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if en := readOut(t, dest, "en/kinh-te/ha-tang/index.html"); !strings.Contains(en, "<link rel=canonical href=https://thu.halam.gov.vn/en/kinh-te/ha-tang/>") {
		t.Error("--baseURL did not reach the English pages")
	}
	if !exists(dest, "en/kinh-te/nhap/index.html") {
		t.Error("-D did not reach the English drafts")
	}
}

// TestCountryCodeLanguage: a site that names Vietnamese "vn" (with
// languageCode = "vi") is warned once and reads i18n/vi.toml.
func TestCountryCodeLanguage(t *testing.T) {
	site := writeSite(t, `-- config/_default/hugo.toml --
baseURL = "https://example.gov.vn/"
defaultContentLanguage = "vn"
-- config/_default/languages.vn.toml --
languageCode = "vi"
languageName = "Tiếng Việt"
weight = 2
-- config/_default/languages.en.toml --
languageName = "English"
weight = 1
-- content/posts/a.md --
+++
title = "Bài"
description = "Tóm tắt."
date = 2025-03-07T09:00:00+07:00
+++
-- content/posts/a.en.md --
+++
title = "Post"
description = "Summary."
date = 2025-03-07T09:00:00+07:00
+++
`)
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if strings.Count(r.stderr, "warning") != 1 || !strings.Contains(r.stderr, `"vn" is the code of the country`) {
		t.Errorf("want one warning, about vn:\n%s", r.stderr)
	}
	if page := readOut(t, dest, "posts/a/index.html"); !strings.Contains(page, "Chuyển đến nội dung chính") || !strings.Contains(page, "hreflang=vi") {
		t.Errorf("Vietnamese words and hreflang=vi")
	}
}
