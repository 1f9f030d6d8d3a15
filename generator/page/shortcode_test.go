package page

import (
	"bytes"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/shortcode"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/shortcodes")

// testShortcodes is Shortcodes over the default theme's templates and
// extra ones, run with the few functions they use (the build gives them
// the theme's): page must not import theme.
type testShortcodes map[string]*template.Template

func loadShortcodes(t testing.TB, extra map[string]string) testShortcodes {
	t.Helper()
	words, _ := config.LoadI18n(os.DirFS("../../themes/default"), "i18n/vi.toml", "i18n/vi.toml")
	funcs := template.FuncMap{
		"T":    func(key string, args ...any) string { return fmt.Sprintf(words[key], args...) },
		"trim": strings.Trim,
		"default": func(d, v any) any {
			if v == nil || v == "" || v == false {
				return d
			}
			return v
		},
	}
	srcs := map[string]string{}
	files, _ := filepath.Glob("../../themes/default/layouts/shortcodes/*.html")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[strings.TrimSuffix(filepath.Base(f), ".html")] = string(b)
	}
	for k, v := range extra {
		srcs[k] = v
	}
	sc := testShortcodes{}
	for name, src := range srcs {
		sc[name] = template.Must(template.New(name).Funcs(funcs).Parse(src))
	}
	return sc
}

func (s testShortcodes) Has(name string) bool { _, ok := s[name]; return ok }
func (s testShortcodes) Names() []string {
	var n []string
	for k := range s {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
func (s testShortcodes) Render(c *shortcode.Call) (string, error) {
	var b bytes.Buffer
	err := s[c.Name].Execute(&b, c)
	return b.String(), err
}

func shortcodeParser(t testing.TB, extra map[string]string) *Parser {
	t.Helper()
	cfg, diags := config.Parse([]byte("title = \"T\"\n[params]\ntenDonVi = \"Hội LHPN tỉnh Hà Lam\"\n"))
	if cfg == nil {
		t.Fatal(diags)
	}
	return NewParser(cfg).WithShortcodes(loadShortcodes(t, extra))
}

// shown writes what a parse gives, with tokens made readable.
func shown(pg *Page, diags diag.List) string {
	var b strings.Builder
	if pg != nil {
		b.WriteString("== content\n")
		b.WriteString(Expand(pg.Content, func(i int, kind byte) string {
			if kind == Attrs {
				return fmt.Sprintf("{ref %d}", i)
			}
			return fmt.Sprintf("{ref %d %c}", i, kind)
		}))
		b.WriteString("== refs\n")
		for i, r := range pg.Refs {
			kind := [...]string{RefLink: "link", RefImage: "image", RefCaptions: "captions"}[r.Kind]
			fmt.Fprintf(&b, "%d %s %s %s\n", i, kind, r.Dest, r.Pos)
		}
		fmt.Fprintf(&b, "== summary\n%s\n", pg.Summary)
		if len(pg.TOC) > 0 {
			b.WriteString("== toc\n")
			for _, h := range pg.TOC {
				fmt.Fprintf(&b, "%d #%s %s\n", h.Level, h.ID, h.Text)
			}
		}
	}
	if len(diags) > 0 {
		b.WriteString("== diagnostics\n")
		for _, d := range diags {
			b.WriteString(d.String() + "\n")
		}
	}
	return b.String()
}

// TestShortcodeGolden parses each testdata/shortcodes/NAME.md as a page
// bundle and compares the HTML (tokens shown as {ref N}), the Refs, the
// summary and the diagnostics with NAME.golden. Run
// `go test ./generator/page -run ShortcodeGolden -update` after an
// intended change and read the diff.
func TestShortcodeGolden(t *testing.T) {
	p := shortcodeParser(t, nil)
	files, _ := filepath.Glob("testdata/shortcodes/*.md")
	if len(files) == 0 {
		t.Fatal("no test pages")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := shown(p.Parse("content/tin-tuc/bai/index.md", src))
			golden := strings.TrimSuffix(f, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, _ := os.ReadFile(golden)
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", f, golden, got)
			}
		})
	}
}

// TestShortcodePositions: every mistake is reported at the shortcode's
// line and column in the file, front matter lines counted.
func TestShortcodePositions(t *testing.T) {
	fm := "+++\ntitle = \"A\"\n+++\n"
	tests := []struct {
		name, body, at, msg string
	}{
		{"unclosed tag", "Đoạn một.\n\nXem {{< youtube abc\n", "content/a.md:6:5", "is not closed with >}}"},
		{"unclosed pair", "{{< details >}}\nNội dung\n", "content/a.md:4:1", "details shortcode is not closed"},
		{"closing without opening", "a\n\n  {{< /details >}}", "content/a.md:6:3", "without an opening one"},
		{"unknown lists the known", "Đầu.\n\n{{< bando lat=21 >}}", "content/a.md:6:1", `unknown shortcode "bando"`},
		{"template failure", "{{< hong >}}", "content/a.md:4:1", "shortcode hong: "},
		{"missing param", "Đầu, {{< param \"khong\" >}}", "content/a.md:4:6", `param "khong" is set neither`},
		{"figure without src", "{{< figure alt=\"x\" >}}", "content/a.md:4:1", "needs src"},
		{"inside another", "{{% details %}}\nx {{< bando >}}\n{{% /details %}}", "content/a.md:5:3", `unknown shortcode "bando"`},
	}
	p := shortcodeParser(t, map[string]string{"hong": `{{ .Get 0 | len }}{{ index .Params 5 }}`})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg, diags := p.Parse("content/a.md", []byte(fm+tc.body))
			if pg != nil || len(diags.Errors()) != 1 {
				t.Fatalf("want one error, got %v", diags)
			}
			d := diags.Errors()[0]
			if d.Pos.String() != tc.at || !strings.Contains(d.Message, tc.msg) || d.Hint == "" || d.MessageVi == "" {
				t.Errorf("got %s (%s), want %s: …%s…", d.Pos, d.Message, tc.at, tc.msg)
			}
		})
	}
	_, diags := p.Parse("content/a.md", []byte("{{< bando >}}"))
	if hint := diags[0].Hint; !strings.Contains(hint, "audio, comment, details, figure, highlight, hong, param, ref, relref, video, vimeo, youtube") {
		t.Errorf("the hint does not list the shortcodes: %s", hint)
	}
}

// TestShortcodePosition: a template sees where it is written.
func TestShortcodeContext(t *testing.T) {
	p := shortcodeParser(t, map[string]string{
		"ctx":   `{{ .Name }}|{{ .Position }}|{{ .Ordinal }}|{{ .IsNamedParams }}|{{ .Get "a" }}|{{ .Page.Title }}|{{ .Page.Params.mau }}|{{ with .Parent }}{{ .Name }}{{ end }}|{{ .Site.Params.tenDonVi }}`,
		"outer": `<div class="outer">{{ .Inner }}</div>`,
		"inner": `[{{ .Parent.Name }} {{ .Ordinal }}]`,
	})
	src := "+++\ntitle = \"Bài\"\nmau = \"đỏ\"\n+++\n\nCâu {{< ctx a=\"1\" >}}.\n\n{{< outer >}}{{< inner >}}{{< inner >}}{{< /outer >}}\n"
	pg, diags := p.Parse("content/a.md", []byte(src))
	if pg == nil {
		t.Fatal(diags)
	}
	for _, want := range []string{
		"<p>Câu ctx|content/a.md:6:5|0|true|1|Bài|đỏ||Hội LHPN tỉnh Hà Lam.</p>",
		`<div class="outer">[outer 0][outer 1]</div>`,
	} {
		if !strings.Contains(pg.Content, want) {
			t.Errorf("content lacks %s:\n%s", want, pg.Content)
		}
	}
	if strings.Contains(pg.Content, "<p><div") {
		t.Errorf("a block shortcode alone on its line is wrapped in <p>:\n%s", pg.Content)
	}
}

// TestFigureShortcodeIsAMarkdownImage: the figure shortcode gives the same
// markup and Ref as the Markdown image, so the photo pipeline serves it.
func TestFigureShortcodeIsAMarkdownImage(t *testing.T) {
	p := shortcodeParser(t, nil)
	a, _ := p.Parse("content/a/index.md", []byte(`{{< figure src="anh-1.jpg" alt="Quang cảnh" caption="Hội nghị tổng kết" >}}`))
	b, _ := p.Parse("content/a/index.md", []byte(`![Quang cảnh](anh-1.jpg "Hội nghị tổng kết")`))
	if strings.TrimSpace(a.Content) != strings.TrimSpace(b.Content) {
		t.Errorf("shortcode:\n%s\nMarkdown:\n%s", a.Content, b.Content)
	}
	if !reflect.DeepEqual(a.Refs, b.Refs) {
		t.Errorf("refs %v, want %v", a.Refs, b.Refs)
	}
	// Refs are numbered in the order they are written, so the first
	// picture of the page is the one that loads at once.
	c, _ := p.Parse("content/a/index.md", []byte("![Một](mot.jpg)\n\n{{< figure src=\"hai.jpg\" >}}\n\n[ba](ba.md)\n"))
	var dests []string
	for _, r := range c.Refs {
		dests = append(dests, r.Dest)
	}
	if strings.Join(dests, " ") != "mot.jpg hai.jpg ba.md" {
		t.Errorf("refs in the order %v", dests)
	}
	if !strings.Contains(c.Content, "<img \x1a1\x1a") || !strings.Contains(c.Content, "<img \x1a0\x1a") {
		t.Errorf("tokens not renumbered:\n%q", c.Content)
	}
}

// TestSiteShortcodeReplacesBuiltin: a template of the same name wins over
// the one written in Go.
func TestSiteShortcodeReplacesBuiltin(t *testing.T) {
	p := shortcodeParser(t, map[string]string{"figure": `<p class="mine">{{ .Get "src" }}</p>`})
	pg, d := p.Parse("content/a.md", []byte(`{{< figure src="a.jpg" >}}`))
	if pg == nil || strings.TrimSpace(pg.Content) != `<p class="mine">a.jpg</p>` || len(pg.Refs) != 0 {
		t.Errorf("%v %s", d, shown(pg, d))
	}
}

// TestMoreDivider: <!--more--> ends the summary, is not raw HTML and is
// not published, in a block of its own or inside a paragraph.
func TestMoreDivider(t *testing.T) {
	tests := []struct{ name, src, summary string }{
		{"block", "Đoạn một.\n\nĐoạn hai.\n\n<!--more-->\n\nPhần còn lại.", "Đoạn một. Đoạn hai."},
		{"after a line", "Đoạn một.\n<!--more-->\nPhần còn lại.", "Đoạn một."},
		{"inline", "Đoạn một. <!--more--> Phần còn lại.", "Đoạn một."},
		{"first", "<!--more-->\nPhần còn lại.", ""},
	}
	for _, unsafe := range []bool{false, true} {
		p := testParser(t, unsafe)
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s unsafe=%v", tc.name, unsafe), func(t *testing.T) {
				pg, diags := p.Parse("content/a.md", []byte(tc.src))
				if pg == nil || len(diags) > 0 {
					t.Fatal(diags)
				}
				if pg.Summary != tc.summary {
					t.Errorf("summary %q, want %q", pg.Summary, tc.summary)
				}
				if strings.Contains(pg.Content, "more") || !strings.Contains(pg.Content, "Phần còn lại.") {
					t.Errorf("content %q", pg.Content)
				}
			})
		}
	}
	p := testParser(t, false)
	pg, _ := p.Parse("content/a.md", []byte("+++\nsummary = \"Tóm tắt riêng\"\n+++\nA\n<!--more-->\nB"))
	if pg.Summary != "Tóm tắt riêng" {
		t.Errorf("front matter summary replaced by %q", pg.Summary)
	}
}

// TestRawHTMLOneWarning: dropped raw HTML is one warning per file that
// lists its lines.
func TestRawHTMLOneWarning(t *testing.T) {
	src := "+++\ntitle = \"A\"\n+++\nĐoạn <span>một</span> và <b>hai</b>.\n\n<div>\nkhối\n</div>\n\nCuối <i>bài</i>.\n"
	_, diags := testParser(t, false).Parse("content/a.md", []byte(src))
	if len(diags) != 1 {
		t.Fatalf("want one warning, got %v", diags)
	}
	d := diags[0]
	if d.Severity != diag.Warning || d.Pos.String() != "content/a.md:4:6" || d.Message != "raw HTML is not published (lines 4, 6, 10)" ||
		d.MessageVi != "đoạn HTML viết tay sẽ không được đăng (dòng 4, 6, 10)" {
		t.Errorf("%s / %s", d, d.MessageVi)
	}
	_, diags = testParser(t, true).Parse("content/a.md", []byte(src))
	if len(diags) != 0 {
		t.Errorf("with unsafe = true: %v", diags)
	}
}

// TestVideoLinks: the addresses of videos that a paragraph of their own
// turns into a player.
func TestVideoLinks(t *testing.T) {
	tests := []struct {
		url, name, id string
		start         int
	}{
		{"https://www.youtube.com/watch?v=ZJthWmvUzzc", "youtube", "ZJthWmvUzzc", 0},
		{"https://youtube.com/watch?v=ZJthWmvUzzc&t=90", "youtube", "ZJthWmvUzzc", 90},
		{"https://m.youtube.com/watch?v=ZJthWmvUzzc&t=1m5s", "youtube", "ZJthWmvUzzc", 65},
		{"https://youtu.be/ZJthWmvUzzc?t=42", "youtube", "ZJthWmvUzzc", 42},
		{"https://www.youtube.com/shorts/ZJthWmvUzzc", "youtube", "ZJthWmvUzzc", 0},
		{"https://vimeo.com/146022717", "vimeo", "146022717", 0},
		{"https://vimeo.com/146022717#t=30s", "vimeo", "146022717", 30},
		{"https://player.vimeo.com/video/146022717", "vimeo", "146022717", 0},
		{"https://www.youtube.com/channel/UCabc", "", "", 0},
		{"https://youtu.be/a\"><script>", "", "", 0},
		{"https://vimeo.com/channels/staffpicks", "", "", 0},
		{"https://example.org/watch?v=ZJthWmvUzzc", "", "", 0},
		{"javascript:alert(1)", "", "", 0},
	}
	for _, tc := range tests {
		name, id, start := videoLink(tc.url)
		if name != tc.name || id != tc.id || start != tc.start {
			t.Errorf("%s: %s %s %d, want %s %s %d", tc.url, name, id, start, tc.name, tc.id, tc.start)
		}
	}
}

// TestNoShortcodesNoChange: a page without shortcodes parses as before,
// with or without the site's templates.
func TestNoShortcodesNoChange(t *testing.T) {
	src := []byte("+++\ntitle = \"A\"\n+++\n## Tiếng Việt\n\n![Ảnh](a.jpg \"Chú thích\")\n\n[Liên kết](../b.md) {{ .Title }}\n")
	a, _ := testParser(t, false).Parse("content/a.md", src)
	b, _ := shortcodeParser(t, nil).Parse("content/a.md", src)
	if a.Content != b.Content || !reflect.DeepEqual(a.Refs, b.Refs) || a.Summary != b.Summary {
		t.Errorf("%s\n%s", shown(a, nil), shown(b, nil))
	}
}

// FuzzShortcodes parses pages full of shortcodes with the theme's
// templates: no input may panic, every error has a line.
//
//	go test -fuzz=FuzzShortcodes ./generator/page
func FuzzShortcodes(f *testing.F) {
	for _, s := range []string{
		"{{< figure src=\"a.jpg\" caption=\"x\" >}}\n\n[a]({{< ref \"b/c.md\" >}})",
		"{{% details summary=\"a\" %}}\n{{< youtube abc123 >}}\n{{% /details %}}",
		"{{< highlight go >}}\n  x\n{{< /highlight >}} {{</* a */>}} {{< param tenDonVi >}}",
		"https://youtu.be/ZJthWmvUzzc\n\n{{< video a.mp4 >}}{{< tweet 1 >}}<!--more-->",
	} {
		f.Add(s)
	}
	p := shortcodeParser(f, nil)
	f.Fuzz(func(t *testing.T, s string) {
		pg, diags := p.Parse("content/a/index.md", []byte(s))
		for _, d := range diags {
			if d.Pos.Line == 0 {
				t.Errorf("no line: %s", d)
			}
		}
		if pg != nil {
			Expand(pg.Content, func(i int, kind byte) string {
				if i < 0 || i >= len(pg.Refs) {
					t.Fatalf("token %d of %d refs", i, len(pg.Refs))
				}
				return ""
			})
		}
	})
}

// TestHugoBasicExampleShortcodes: shortcodes as the Hugo example site
// writes them: vimeo_simple is the video's facade, gist a link with a
// warning, comment nothing at all.
func TestHugoBasicExampleShortcodes(t *testing.T) {
	p := testParser(t, false).WithShortcodes(loadShortcodes(t, nil))
	src := "{{< vimeo_simple 48912912 >}}\n\n{{< gist spf13 7896402 >}}\n\n{{% comment %}}Ghi chú cho biên tập viên{{% /comment %}}\n"
	pg, diags := p.Parse("content/a.md", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if !strings.Contains(pg.Content, `data-video="vimeo" data-id="48912912"`) {
		t.Errorf("vimeo_simple is not the Vimeo facade:\n%s", pg.Content)
	}
	if !strings.Contains(pg.Content, `<a href="https://gist.github.com/spf13/7896402">`) || len(diags) != 1 || !strings.Contains(diags[0].Message, "gist shortcode is published as a plain link") {
		t.Errorf("gist: %v\n%s", diags, pg.Content)
	}
	if strings.Contains(pg.Content, "Ghi chú") {
		t.Errorf("the comment is published:\n%s", pg.Content)
	}
}
