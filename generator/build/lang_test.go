package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"loa/generator/diag"
)

// buildLang builds testdata/lang/site, a site in Vietnamese, English and
// Khmer, at the fixture's time.
func buildLang(t *testing.T, minify bool) (map[string][]byte, diag.List) {
	t.Helper()
	return buildTestdata(t, "testdata/lang/site", minify)
}

var (
	htmlLang  = regexp.MustCompile(`<html lang="[^"]*">`)
	hreflang  = regexp.MustCompile(`<link rel="alternate" hreflang="[^"]*" href="[^"]*">`)
	switcher  = regexp.MustCompile(`<nav class="menu langs"[^>]*>.*?</nav>`)
	canonical = regexp.MustCompile(`<link rel="canonical" href="[^"]*">`)
)

// TestLangGolden compares, for every HTML page of the three-language
// fixture, its lang, canonical address, hreflang alternates and language
// switcher with testdata/lang/golden/switcher.txt, and the sitemaps,
// robots.txt and a few whole pages with their golden files. Run with
// -update after an intended change.
func TestLangGolden(t *testing.T) {
	files, diags := buildLang(t, false)
	var b strings.Builder
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		h := string(files[name])
		fmt.Fprintf(&b, "== %s\n%s\n", name, htmlLang.FindString(h))
		if c := canonical.FindString(h); c != "" {
			b.WriteString(c + "\n")
		}
		for _, l := range hreflang.FindAllString(h, -1) {
			b.WriteString(l + "\n")
		}
		b.WriteString(switcher.FindString(h) + "\n")
	}
	b.WriteString("== files\n" + strings.Join(names, "\n") + "\n== diagnostics\n")
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
	got := map[string]string{"switcher.txt": b.String()}
	for _, name := range []string{"sitemap.xml", "vi/sitemap.xml", "en/sitemap.xml", "km/sitemap.xml", "robots.txt",
		"en/index.html", "tin-tuc/hoi-nghi/index.html", "en/tin-tuc/hoi-nghi/index.html", "en/index.xml", "en/404.html", "404.html",
		"en/tim-kiem/index.html", "km/tin-tuc/ព័ត៌មាន-ថ្មី/index.html"} {
		if files[name] == nil {
			t.Errorf("%s was not written", name)
		}
		got[name] = string(files[name])
	}
	golden := "testdata/lang/golden"
	for name, data := range got {
		p := filepath.Join(golden, filepath.FromSlash(name))
		if *update {
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if string(want) != data {
			t.Errorf("%s differs from golden (run with -update if intended):\n%s", name, firstDiff(string(want), data))
		}
	}
	if !*update {
		filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(golden, p)
				if _, ok := got[filepath.ToSlash(rel)]; !ok {
					t.Errorf("golden file %s is no longer produced", rel)
				}
			}
			return nil
		})
	}
}

// TestLanguagesOwnTheirPages: each language's dates, numbers, search index
// and feed hold its own pages, in its own words.
func TestLanguagesOwnTheirPages(t *testing.T) {
	files, _ := buildLang(t, true)
	has := func(name string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(string(files[name]), w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
	hasNot := func(name string, not ...string) {
		t.Helper()
		for _, w := range not {
			if strings.Contains(string(files[name]), w) {
				t.Errorf("%s has %q", name, w)
			}
		}
	}
	has("tin-tuc/hoi-nghi/index.html", "Thứ Sáu, 17/02/2023 14:45", `<html lang=vi>`)
	has("en/tin-tuc/hoi-nghi/index.html", "Friday, 17 February 2023, 14:45", `<html lang=en>`, "Tags:")
	has("km/tin-tuc/ព័ត៌មាន-ថ្មី/index.html", `<html lang=km>`, "Thứ Tư, 08/03/2023", "Từ khoá")
	has("en/tim-kiem/chi-muc/d/0.json", "Conference on the tasks of 2023", "Friday, 17 February 2023")
	hasNot("en/tim-kiem/chi-muc/d/0.json", "Hội nghị", "ព័ត៌មាន")
	has("tim-kiem/chi-muc/d/0.json", "Hội nghị triển khai", "Thứ Sáu, 17/02/2023")
	hasNot("tim-kiem/chi-muc/d/0.json", "Conference", "ព័ត៌មាន")
	has("en/tim-kiem/index.html", `data-index=/en/tim-kiem/chi-muc/`, `action=/en/tim-kiem/`)
	has("en/index.xml", "<language>en</language>", "https://example.gov.vn/en/tin-tuc/hoi-nghi/")
	hasNot("en/index.xml", "chi-tieng-viet")
	has("km/index.xml", "https://example.gov.vn/km/tin-tuc/%E1%9E%96")
	has("km/sitemap.xml", "https://example.gov.vn/km/tin-tuc/%E1%9E%96")
	has("en/chien-dich/thang-hanh-dong-2026/lich.ics", "Organizer: Provincial Committee", "//EN")
	has("chien-dich/thang-hanh-dong-2026/lich.ics", "Đơn vị tổ chức: Ban Vì sự tiến bộ", "//VI")
	has("en/index.html", "Together to end gender-based violence", "days left")
	has("index.html", "Chung tay xóa bỏ bạo lực trên cơ sở giới", "còn 17 ngày")
	hasNot("index.html", "Together to end")
	if files["tin-tuc/hoi-nghi/anh-2w.png"] == nil || files["en/tin-tuc/hoi-nghi/anh-2w.png"] != nil {
		t.Errorf("the bundle's picture is published once, where the Vietnamese page is")
	}
}

func TestLangDeterministic(t *testing.T) {
	a, _ := buildLang(t, true)
	b, _ := buildLang(t, true)
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestLangRefresh: a body edit of an English page takes the preview's fast
// path and gives what a fresh build gives.
func TestLangRefresh(t *testing.T) {
	dir := copyDir(t, "testdata/lang/site")
	file := "content/tin-tuc/hoi-nghi/index.en.md"
	src, _ := os.ReadFile(filepath.Join(dir, file))
	src = append(src, []byte("\n<!--more-->\n")...) // what follows is not in the summary
	os.WriteFile(filepath.Join(dir, file), src, 0o644)
	opts := Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Minify: true,
		Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }}
	b := New(opts)
	plan, d := b.Assemble()
	if d.HasErrors() {
		t.Fatal(d)
	}
	first := &carry{memory: memory{files: map[string][]byte{}}}
	if _, d := b.Render(plan, first); d.HasErrors() {
		t.Fatal(d)
	}
	os.WriteFile(filepath.Join(dir, file), append(src, []byte("\nOne more paragraph.\n")...), 0o644)
	p2, d, ok := b.Refresh(plan, []string{file})
	if !ok || d.HasErrors() {
		t.Fatalf("refresh: %v %v", ok, d)
	}
	second := &carry{memory: memory{files: map[string][]byte{}}, prev: first.files}
	st, d := b.Render(p2, second)
	if d.HasErrors() || st.Pages != 1 {
		t.Fatalf("rendered %d pages, %v", st.Pages, d)
	}
	if !strings.Contains(string(second.files["en/tin-tuc/hoi-nghi/index.html"]), "One more paragraph.") {
		t.Errorf("the English page was not rendered again")
	}
	b.FinishSearch(p2, second)
	fresh := New(opts)
	fp, _ := fresh.Assemble()
	want := &memory{files: map[string][]byte{}}
	fresh.Render(fp, want)
	for name, data := range want.files {
		if string(second.files[name]) != string(data) {
			t.Errorf("%s differs from a fresh build", name)
		}
	}
	if len(second.files) != len(want.files) {
		t.Errorf("%d files, a fresh build %d", len(second.files), len(want.files))
	}
}

// TestEveryLanguageHasItsZip: a campaign translated into English offers
// its materials in one zip on the English page too, and the zip is there.
func TestEveryLanguageHasItsZip(t *testing.T) {
	campaign := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\n[campaign]\ntheme = \"Chung tay\"\nstart = 2025-11-15\nend = 2025-12-15\n" +
			"[[campaign.materials]]\ntitle = \"Tờ rơi\"\nfile = \"to-roi.pdf\"\nkind = \"leaflet\"\n+++\n")}
	}
	site := fstest.MapFS{
		"config.toml":                         {Data: []byte("title = \"Ban\"\nbaseURL = \"https://example.gov.vn/\"\n[languages.vi]\nweight = 1\n[languages.en]\nweight = 2\n")},
		"content/_index.md":                   {Data: []byte("+++\ntitle = \"Trang chủ\"\n+++\n")},
		"content/_index.en.md":                {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
		"content/chien-dich/thd/_index.md":    campaign("Tháng hành động"),
		"content/chien-dich/thd/_index.en.md": campaign("Action Month"),
		"content/chien-dich/thd/to-roi.pdf":   {Data: []byte("%PDF-1.4 tờ rơi\n")},
	}
	files, diags := buildFS(t, site, false)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, zip := range []string{"chien-dich/thd/tai-lieu-thd.zip", "en/chien-dich/thd/tai-lieu-thd.zip"} {
		if len(files[zip]) == 0 {
			t.Errorf("no %s", zip)
		}
	}
	if page := string(files["en/chien-dich/thd/index.html"]); !strings.Contains(page, "tai-lieu-thd.zip") || strings.Contains(page, "ZIP · 0 B") {
		t.Errorf("the English page does not offer its zip")
	}
}
