package site

import (
	"strings"
	"testing"
)

const twoLanguages = `[languages.vi]
languageName = "Tiếng Việt"
weight = 1
[languages.en]
languageName = "English"
weight = 2
title = "Ha Lam Committee"
[languages.km]
languageName = "ភាសាខ្មែរ"
weight = 3
`

// languages parses inline content files and assembles every language.
func languages(t *testing.T, cfgSrc string, files map[string]string, extra ...File) ([]*Site, []string) {
	t.Helper()
	sites, diags := AssembleLanguages(input(t, "title = \"Ban VSTBPN\"\nbaseURL = \"https://example.gov.vn/\"\n"+cfgSrc, files, extra))
	return sites, messages(diags)
}

func TestTranslationsBySuffix(t *testing.T) {
	sites, msgs := languages(t, twoLanguages, map[string]string{
		"content/_index.md":                   "+++\ntitle = \"Trang chủ\"\n+++\n",
		"content/kinh-te/_index.md":           "+++\ntitle = \"Kinh tế\"\n+++\n",
		"content/kinh-te/_index.en.md":        "+++\ntitle = \"Economy\"\n+++\n",
		"content/kinh-te/dau-tu/index.md":     "+++\ntitle = \"Thu hút đầu tư\"\nslug = \"thu-hut-dau-tu\"\ndate = 2025-01-02\n+++\n![Ảnh](anh-1.jpg)\n",
		"content/kinh-te/dau-tu/index.en.md":  "+++\ntitle = \"Investment\"\nslug = \"thu-hut-dau-tu\"\ndate = 2025-01-02\n+++\n![Photo](anh-1.jpg)\n",
		"content/kinh-te/du-lich.md":          "+++\ntitle = \"Du lịch\"\ndate = 2025-01-03\n+++\n",
		"content/kinh-te/du-lich.en.md":       "+++\ntitle = \"Tourism\"\ndate = 2025-01-03\n+++\n[About us](../gioi-thieu/_index.md)\n",
		"content/kinh-te/chi-tieng-viet.md":   "+++\ntitle = \"Chỉ có tiếng Việt\"\ndate = 2025-01-04\n+++\n",
		"content/gioi-thieu/_index.md":        "+++\ntitle = \"Giới thiệu\"\ntranslationKey = \"about\"\n+++\n",
		"content/about/_index.en.md":          "+++\ntitle = \"About\"\ntranslationKey = \"about\"\n+++\n",
		"content/gioi-thieu/_index.en.md":     "+++\ntitle = \"About (old)\"\ndraft = true\n+++\n",
		"content/kinh-te/chi-tieng-anh.en.md": "+++\ntitle = \"English only\"\ndate = 2025-01-05\ntags = [\"Investment\"]\n+++\n",
		"content/kinh-te/bao-cao.2025.md":     "+++\ntitle = \"Báo cáo\"\ndate = 2025-01-06\n+++\n",
	}, File{Name: "content/kinh-te/dau-tu/anh-1.jpg", Size: 10}, File{Name: "static/logo.svg", Size: 5})
	// The six errors of issue 12 were "two pages are published at
	// /kinh-te/…/": every translation claimed its Vietnamese page's address.
	for _, m := range msgs {
		if !strings.Contains(m, `language "km"`) {
			t.Errorf("unexpected: %s", m)
		}
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "has no content") {
		t.Errorf("the language without content is said once: %q", msgs)
	}
	if len(sites) != 2 || sites[0].Lang() != "vi" || sites[1].Lang() != "en" || !sites[1].IsMultilingual() {
		t.Fatalf("%d sites", len(sites))
	}
	vi, en := sites[0], sites[1]
	if en.Title() != "Ha Lam Committee" || en.Home.RelPermalink() != "/en/" || en.LanguagePrefix() != "/en" || vi.LanguagePrefix() != "" {
		t.Errorf("English: %q %q", en.Title(), en.Home.RelPermalink())
	}
	want := map[string]string{
		"content/kinh-te/dau-tu/index.en.md":  "/en/kinh-te/thu-hut-dau-tu/",
		"content/kinh-te/du-lich.en.md":       "/en/kinh-te/du-lich/",
		"content/kinh-te/chi-tieng-anh.en.md": "/en/kinh-te/chi-tieng-anh/",
	}
	for file, url := range want {
		n, ok := en.NodeByFile(file)
		if !ok || n.RelPermalink() != url || n.Lang() != "en" {
			t.Errorf("%s: %v at %q, want %q", file, ok, n.RelPermalink(), url)
		}
	}
	if n, ok := vi.NodeByFile("content/kinh-te/bao-cao.2025.md"); !ok || n.RelPermalink() != "/kinh-te/bao-cao-2025/" {
		t.Errorf("a dot that names no language stays in the name")
	}
	// Linked both ways, by path and by translationKey.
	check := func(viFile, enFile string) {
		t.Helper()
		v, _ := vi.NodeByFile(viFile)
		e, _ := en.NodeByFile(enFile)
		if v == nil || e == nil || v.Translation("en") != e || e.Translation("vi") != v || !v.IsTranslated() ||
			len(e.Translations()) != 1 || e.Translations()[0] != v || len(v.AllTranslations()) != 2 || v.AllTranslations()[0] != v {
			t.Errorf("%s and %s are not linked", viFile, enFile)
		}
	}
	check("content/kinh-te/dau-tu/index.md", "content/kinh-te/dau-tu/index.en.md")
	check("content/kinh-te/du-lich.md", "content/kinh-te/du-lich.en.md")
	check("content/kinh-te/_index.md", "content/kinh-te/_index.en.md")
	check("content/gioi-thieu/_index.md", "content/about/_index.en.md")
	if vi.Home.Translation("en") != en.Home {
		t.Errorf("the homes are translations")
	}
	only, _ := vi.NodeByFile("content/kinh-te/chi-tieng-viet.md")
	if only.IsTranslated() || len(only.AllTranslations()) != 1 {
		t.Errorf("a page without translation")
	}
	links := only.LangLinks()
	if len(links) != 2 || !links[0].Current || links[0].URL != "/kinh-te/chi-tieng-viet/" || links[1].URL != "/en/" || links[1].Translated || links[1].LanguageName != "English" {
		t.Errorf("switcher of a page without translation: %+v", links)
	}
	e, _ := en.NodeByFile("content/kinh-te/du-lich.en.md")
	if l := e.LangLinks(); l[0].URL != "/kinh-te/du-lich/" || !l[0].Translated || !l[1].Current {
		t.Errorf("switcher of a translated page: %+v", l)
	}
	// A relative link of an English page leads to the English page.
	if c := e.Content(); !strings.Contains(c, `href="/en/about/"`) {
		t.Errorf("English link: %s", c)
	}
	// The bundle's picture is published once and shown by both.
	dv, _ := vi.NodeByFile("content/kinh-te/dau-tu/index.md")
	de, _ := en.NodeByFile("content/kinh-te/dau-tu/index.en.md")
	if !strings.Contains(dv.Content(), `/kinh-te/thu-hut-dau-tu/anh-1.jpg`) || !strings.Contains(de.Content(), `"/kinh-te/thu-hut-dau-tu/anh-1.jpg"`) {
		t.Errorf("shared picture: %s / %s", dv.Content(), de.Content())
	}
	var out []string
	for _, s := range sites {
		for _, f := range s.Files {
			out = append(out, f.Out)
		}
	}
	if strings.Join(out, " ") != "kinh-te/thu-hut-dau-tu/anh-1.jpg logo.svg" {
		t.Errorf("files published: %q", out)
	}
	// Taxonomies, terms and sections per language.
	if tax := en.Taxonomy("tags"); tax == nil || len(tax.Terms) != 1 || tax.Terms[0].Node.RelPermalink() != "/en/tags/investment/" {
		t.Errorf("English terms")
	}
	if tax := vi.Taxonomy("tags"); tax == nil || len(tax.Terms) != 0 {
		t.Errorf("Vietnamese terms hold no English page")
	}
	if got := paths(en.Pages); got != "/en/kinh-te/chi-tieng-anh/ /en/kinh-te/du-lich/ /en/kinh-te/thu-hut-dau-tu/" {
		t.Errorf("English pages: %s", got)
	}
}

func TestOneLanguageWithContent(t *testing.T) {
	sites, msgs := languages(t, twoLanguages, map[string]string{
		"content/tin-tuc/a.md": "+++\ntitle = \"A\"\n+++\n",
	})
	if len(sites) != 1 || sites[0].IsMultilingual() || len(msgs) != 2 {
		t.Errorf("%d sites, %q", len(sites), msgs)
	}
	if n, _ := sites[0].NodeByFile("content/tin-tuc/a.md"); n.RelPermalink() != "/tin-tuc/a/" || len(n.LangLinks()) != 1 {
		t.Errorf("the default language at the root, alone")
	}
}

func TestContentDirs(t *testing.T) {
	sites, msgs := languages(t, "[languages.vi]\nweight = 1\n[languages.km]\nweight = 2\ncontentDir = \"content/khmer\"\n", map[string]string{
		"content/tin-tuc/a/index.md":            "+++\ntitle = \"Tin\"\n+++\n![Ảnh](anh.jpg)\n",
		"content/khmer/tin-tuc/a/index.md":      "+++\ntitle = \"ព័ត៌មាន\"\ntags = [\"សមភាពយេនឌ័រ\"]\n+++\n![រូបភាព](anh.jpg)\n",
		"content/khmer/tin-tuc/ព័ត៌មាន-ថ្មី.md": "+++\ntitle = \"ព័ត៌មានថ្មី\"\n+++\n",
	}, File{Name: "content/tin-tuc/a/anh.jpg"}, File{Name: "content/khmer/tin-tuc/a/anh.jpg"})
	if len(msgs) != 0 || len(sites) != 2 {
		t.Fatalf("%d sites, %q", len(sites), msgs)
	}
	km := sites[1]
	a, ok := km.NodeByFile("content/khmer/tin-tuc/a/index.md")
	if !ok || a.RelPermalink() != "/km/tin-tuc/a/" || a.Translation("vi") == nil {
		t.Fatalf("Khmer page")
	}
	if !strings.Contains(a.Content(), `/km/tin-tuc/a/anh.jpg`) {
		t.Errorf("a picture of its own: %s", a.Content())
	}
	if n, ok := km.NodeByFile("content/khmer/tin-tuc/ព័ត៌មាន-ថ្មី.md"); !ok || n.Path != "km/tin-tuc/ព័ត៌មាន-ថ្មី/" {
		t.Errorf("Khmer address keeps its letters")
	}
	if tax := km.Taxonomy("tags"); len(tax.Terms) != 1 || tax.Terms[0].Slug != "សមភាពយេនឌ័រ" {
		t.Errorf("Khmer term")
	}
}

func TestLanguageFolderClash(t *testing.T) {
	_, msgs := languages(t, twoLanguages, map[string]string{
		"content/en/_index.md": "+++\ntitle = \"Tiếng Anh\"\n+++\n",
		"content/_index.en.md": "+++\ntitle = \"Home\"\n+++\n",
	})
	found := false
	for _, m := range msgs {
		if strings.Contains(m, "two pages are published at /en/") {
			found = true
		}
	}
	if !found {
		t.Errorf("a Vietnamese section at en/ and the English home: %q", msgs)
	}
}
