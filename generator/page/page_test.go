package page

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"loa/generator/config"
)

func testParser(t testing.TB, unsafe bool) *Parser {
	t.Helper()
	src := "title = \"T\"\n[taxonomies]\ncategory = \"categories\"\ntag = \"tags\"\n"
	if unsafe {
		src += "[markup]\nunsafe = true\n"
	}
	cfg, diags := config.Parse([]byte(src))
	if cfg == nil {
		t.Fatal(diags)
	}
	return NewParser(cfg)
}

func TestFrontMatterFormats(t *testing.T) {
	hcm := time.FixedZone("+07", 7*3600)
	want := time.Date(2023, 2, 17, 14, 45, 0, 0, hcm)
	tests := []struct {
		name string
		src  string
	}{
		{"TOML with zone", "+++\ntitle = \"Hội nghị\"\ndate = 2023-02-17T14:45:00+07:00\ntags = [\"Bình đẳng giới\"]\n+++\nNội dung"},
		{"TOML local date in the site zone", "+++\ntitle = \"Hội nghị\"\ndate = 2023-02-17T14:45:00\ntags = \"Bình đẳng giới\"\n+++\nNội dung"},
		{"TOML Vietnamese date text", "+++\ntitle = \"Hội nghị\"\ndate = \"17/02/2023 14:45\"\ntags = [\"Bình đẳng giới\"]\n+++\nNội dung"},
		{"YAML", "---\ntitle: Hội nghị\ndate: 2023-02-17 14:45\ntags: [Bình đẳng giới]\n---\nNội dung"},
		{"YAML timestamp without zone", "---\ntitle: \"Hội nghị\"\ndate: 2023-02-17T14:45:00\ntags:\n  - Bình đẳng giới\n---\nNội dung"},
		{"CRLF and BOM", "\xef\xbb\xbf+++\r\ntitle = \"Hội nghị\"\r\ndate = 2023-02-17T14:45:00+07:00\r\ntags = [\"Bình đẳng giới\"]\r\n+++\r\nNội dung"},
		{"decomposed text becomes NFC", "+++\ntitle = \"Ho\u0302\u0323i nghi\u0323\"\ndate = 2023-02-17T14:45:00+07:00\ntags = [\"Bình đẳng giới\"]\n+++\nNội dung"},
	}
	p := testParser(t, false)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg, diags := p.Parse("content/tin-tuc/a.md", []byte(tc.src))
			if pg == nil {
				t.Fatal(diags)
			}
			if pg.Title != "Hội nghị" {
				t.Errorf("title %q", pg.Title)
			}
			if !pg.Date.Equal(want) {
				t.Errorf("date %v, want %v", pg.Date, want)
			}
			if got := pg.Terms["tags"]; len(got) != 1 || got[0] != "Bình đẳng giới" {
				t.Errorf("tags %q", got)
			}
			if strings.TrimSpace(pg.Content) != "<p>Nội dung</p>" {
				t.Errorf("content %q", pg.Content)
			}
		})
	}
}

func TestPathsOfBundlesAndSections(t *testing.T) {
	p := testParser(t, false)
	tests := []struct {
		file, section, name, dir string
		index, bundle            bool
	}{
		{"content/_index.md", "", "", "", true, false},
		{"content/tin-tuc/_index.md", "tin-tuc", "tin-tuc", "tin-tuc", true, false},
		{"content/tin-tuc/a/index.md", "tin-tuc", "a", "tin-tuc/a", false, true},
		{"content/tin-tuc/su-kien/b.md", "tin-tuc/su-kien", "b", "tin-tuc/su-kien", false, false},
	}
	for _, tc := range tests {
		pg, d := p.Parse(tc.file, []byte("x"))
		if pg == nil {
			t.Fatal(d)
		}
		if pg.Section != tc.section || pg.Name != tc.name || pg.Dir != tc.dir || pg.IsIndex != tc.index || pg.IsBundle != tc.bundle {
			t.Errorf("%s: got section %q name %q dir %q index %v bundle %v", tc.file, pg.Section, pg.Name, pg.Dir, pg.IsIndex, pg.IsBundle)
		}
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"Vietnamese heading ids, unique", "## Tiếng Việt\n\n## Tiếng Việt\n\n## Đắk Lắk", []string{`<h2 id="tieng-viet">`, `<h2 id="tieng-viet-1">`, `<h2 id="dak-lak">`}},
		{"image alone is a figure with caption", `![Quang cảnh](https://example.org/a.jpg "Quang cảnh cuộc họp")`,
			[]string{`<figure><img src="https://example.org/a.jpg" alt="Quang cảnh" loading="lazy" decoding="async"><figcaption>Quang cảnh cuộc họp</figcaption></figure>`}},
		{"image in text stays inline", `Xem ![biểu đồ](https://example.org/a.png) này`, []string{`<p>Xem <img src="https://example.org/a.png" alt="biểu đồ"`}},
		{"GFM table and strikethrough", "| A | B |\n|---|---|\n| 1 | ~~2~~ |", []string{"<table>", "<del>2</del>"}},
		{"task list", "- [x] Xong", []string{`type="checkbox"`}},
		{"footnote", "Câu[^1]\n\n[^1]: Chú thích", []string{`class="footnote-ref"`, "Chú thích"}},
		{"autolink", "Xem https://example.org nhé", []string{`<a href="https://example.org">`}},
		{"raw HTML dropped", "<div>x</div>\n\nĐoạn <b>đậm</b>", []string{"<p>Đoạn đậm</p>"}},
	}
	p := testParser(t, false)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg, d := p.Parse("content/a.md", []byte(tc.src))
			if pg == nil {
				t.Fatal(d)
			}
			for _, w := range tc.want {
				if !strings.Contains(pg.Content, w) {
					t.Errorf("lacks %q in\n%s", w, pg.Content)
				}
			}
			if strings.Contains(pg.Content, "raw HTML omitted") {
				t.Error("left goldmark's silent comment")
			}
		})
	}
}

func TestRawHTMLWarnsWithLine(t *testing.T) {
	pg, diags := testParser(t, false).Parse("content/a.md", []byte("+++\ntitle = \"T\"\n+++\nĐoạn\n\n<div>x</div>\n"))
	if pg == nil || diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(diags) != 1 || diags[0].Pos.String() != "content/a.md:6:1" || !strings.Contains(diags[0].Message, "raw HTML") {
		t.Errorf("diags %v", diags)
	}
	pg, diags = testParser(t, true).Parse("content/a.md", []byte("<div>x</div>\n"))
	if len(diags) != 0 || !strings.Contains(pg.Content, "<div>x</div>") {
		t.Errorf("unsafe: %v %q", diags, pg.Content)
	}
}

func TestRefsAreTokensWithPositions(t *testing.T) {
	src := "+++\ntitle = \"T\"\n+++\nXem [bài](../b.md#muc) và [web](https://example.org).\n\n![Ảnh](anh.jpg \"Chú thích\")\n"
	pg, d := testParser(t, false).Parse("content/tin-tuc/a.md", []byte(src))
	if pg == nil {
		t.Fatal(d)
	}
	if len(pg.Refs) != 2 {
		t.Fatalf("refs %v", pg.Refs)
	}
	if r := pg.Refs[0]; r.Kind != RefLink || r.Dest != "../b.md#muc" || r.Pos.String() != "content/tin-tuc/a.md:4:5" {
		t.Errorf("link ref %+v", r)
	}
	if r := pg.Refs[1]; r.Kind != RefImage || r.Dest != "anh.jpg" || r.Pos.String() != "content/tin-tuc/a.md:6:1" {
		t.Errorf("image ref %+v", r)
	}
	out := Expand(pg.Content, func(i int, kind byte) string {
		switch {
		case i == 0:
			return "/b/#muc"
		case kind == Original:
			return ` <a href="/a/anh.jpg">gốc</a>`
		}
		return `src="/a/anh.jpg" width="8" height="5"`
	})
	for _, w := range []string{`<a href="/b/#muc">bài</a>`, `<figure><img src="/a/anh.jpg" width="8" height="5" alt="Ảnh"><figcaption>Chú thích <a href="/a/anh.jpg">gốc</a></figcaption></figure>`} {
		if !strings.Contains(out, w) {
			t.Errorf("expanded lacks %q:\n%s", w, out)
		}
	}
}

func TestGalleries(t *testing.T) {
	tests := []struct {
		name, body string
		gallery    bool
		figures    int
	}{
		{"one paragraph, one line", "![Một](1.jpg \"Chú thích một\") ![Hai](2.jpg)\n", true, 2},
		{"consecutive lines", "![Một](1.jpg)\n![Hai](2.jpg)\n![Ba](3.jpg \"Ba\")\n", true, 3},
		{"one image is a figure", "![Một](1.jpg \"Chú thích\")\n", false, 1},
		{"images with words are inline", "Ảnh ![Một](1.jpg) và ![Hai](2.jpg)\n", false, 0},
		{"paragraphs apart are figures", "![Một](1.jpg)\n\n![Hai](2.jpg)\n", false, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg, d := testParser(t, false).Parse("content/tin-tuc/a/index.md", []byte(tc.body))
			if pg == nil {
				t.Fatal(d)
			}
			out := Expand(pg.Content, func(i int, kind byte) string {
				switch kind {
				case Large:
					return fmt.Sprintf("/lon-%d.jpg", i)
				case Thumb:
					return fmt.Sprintf(`src="/nho-%d.jpg"`, i)
				case Original, OrigBlock:
					return ""
				}
				return fmt.Sprintf(`src="/vua-%d.jpg"`, i)
			})
			if got := strings.Contains(out, `<div class="album">`); got != tc.gallery {
				t.Errorf("gallery %v, want %v:\n%s", got, tc.gallery, out)
			}
			if got := strings.Count(out, "<figure>"); got != tc.figures {
				t.Errorf("%d figures, want %d:\n%s", got, tc.figures, out)
			}
			if tc.gallery {
				want := `<figure><a class="album-link" href="/lon-0.jpg"><img src="/nho-0.jpg" alt="Một"></a>`
				if !strings.Contains(out, want) {
					t.Errorf("gallery lacks %s:\n%s", want, out)
				}
			}
		})
	}
}

func TestSummaryAndWords(t *testing.T) {
	pg, _ := testParser(t, false).Parse("content/a.md", []byte("Một hai ba.\n\n- bốn\n- năm"))
	if pg.WordCount != 5 || pg.Summary != "Một hai ba. bốn năm" {
		t.Errorf("words %d summary %q", pg.WordCount, pg.Summary)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"+++\ntitle = \"a\"\n+++\nx", "---\na: [b\n---\n", "+++\n", "## Đ\n\n![a](b \"c\")", "\xef\xbb\xbf---\r\n---\r\n"} {
		f.Add([]byte(s))
	}
	p := testParser(f, false)
	f.Fuzz(func(t *testing.T, src []byte) {
		pg, diags := p.Parse("content/a.md", src)
		if pg == nil && !diags.HasErrors() {
			t.Fatal("no page and no error")
		}
		for _, d := range diags {
			if d.Pos.File != "content/a.md" || d.Pos.Line < 0 {
				t.Fatalf("bad position %v", d.Pos)
			}
		}
	})
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"+++\na = 1\n+++\nbody", "---\n---\n", "+++", "+++ \nx\n+++ \n", "no front matter"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fm, body, line, diags := splitFrontMatter("a.md", []byte(src))
		if diags.HasErrors() {
			return
		}
		if fm == nil {
			if string(body) != src || line != 1 {
				t.Fatal("without front matter the body must be the whole file")
			}
			return
		}
		lines := strings.Count(src[:len(src)-len(body)], "\n")
		if line != lines+1 && !(len(body) == 0 && line == lines+2) {
			t.Fatalf("body line %d, but %d lines precede it", line, lines)
		}
	})
}

func TestFirstWords(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"  Một   hai\nba  ", 5, "Một hai ba"},
		{"Một hai ba bốn", 2, "Một hai…"},
		{"Một hai", 2, "Một hai"},
		{"", 3, ""},
	}
	for _, tc := range tests {
		if got := firstWords(tc.in, tc.n); got != tc.want {
			t.Errorf("firstWords(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// TestScriptAddressesDropped: links and images whose address would run a
// script are published as their text, with a warning at their place; with
// [markup] unsafe = true they stay.
func TestScriptAddressesDropped(t *testing.T) {
	src := "+++\ntitle = \"T\"\n+++\n" +
		"[bấm vào đây](javascript:alert(1)) và [x](data:text/html;base64,PHNjcmlwdD4=).\n\n" +
		"![ảnh](JaVaScRiPt:alert(1)) ![chấm](data:image/png;base64,iVBORw0KGgo=)\n\n" +
		"Xem <vbscript:msgbox> hoặc <https://halam.gov.vn/>.\n"
	pg, d := testParser(t, false).Parse("content/a.md", []byte(src))
	if pg == nil {
		t.Fatal(d)
	}
	var got []string
	for _, w := range d {
		got = append(got, w.Pos.String()+": "+w.Message)
	}
	want := []string{
		`content/a.md:4:1: javascript: address dropped; only its text is published`,
		`content/a.md:4:39: data: address dropped; only its text is published`,
		`content/a.md:6:1: javascript: address dropped; only its text is published`,
		`content/a.md:8:5: vbscript: address dropped; only its text is published`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []string{"javascript", "JaVa", "text/html", "href=\"vbscript"} {
		if strings.Contains(pg.Content, bad) {
			t.Errorf("%q is still in the HTML:\n%s", bad, pg.Content)
		}
	}
	for _, kept := range []string{"bấm vào đây", "ảnh", `<img src="data:image/png;base64,iVBORw0KGgo="`, `<a href="https://halam.gov.vn/">https://halam.gov.vn/</a>`} {
		if !strings.Contains(pg.Content, kept) {
			t.Errorf("%q is missing from the HTML:\n%s", kept, pg.Content)
		}
	}
	pg, d = testParser(t, true).Parse("content/a.md", []byte(src))
	if len(d) != 0 || !strings.Contains(pg.Content, `href="javascript:alert(1)"`) {
		t.Errorf("with unsafe = true: %v\n%s", d, pg.Content)
	}
}

// TestTableAlignmentIsAClass: a column aligned in Markdown gets a class,
// not a style attribute, which the theme's Content-Security-Policy blocks.
func TestTableAlignmentIsAClass(t *testing.T) {
	src := "| Xã | Tỷ lệ |\n|:---|---:|\n| Tân Lập | 79,4% |\n"
	pg, d := testParser(t, false).Parse("content/a.md", []byte(src))
	if pg == nil {
		t.Fatal(d)
	}
	for _, want := range []string{`<th class="align-left">Xã</th>`, `<td class="align-right">79,4%</td>`} {
		if !strings.Contains(pg.Content, want) {
			t.Errorf("table lacks %s:\n%s", want, pg.Content)
		}
	}
	if strings.Contains(pg.Content, "style=") {
		t.Errorf("table has a style attribute:\n%s", pg.Content)
	}
}
