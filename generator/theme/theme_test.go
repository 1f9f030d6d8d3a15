package theme

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"loa/generator/config"
)

func load(t testing.TB, site, th fstest.MapFS) (*Theme, string) {
	t.Helper()
	cfg, d := config.Parse([]byte(`baseURL = "https://example.gov.vn/ban/"`))
	if cfg == nil {
		t.Fatal(d)
	}
	tm, diags := Load([]Layer{{FS: site, Display: "layouts"}, {FS: th, Display: "themes/default/layouts"}},
		Funcs(Env{Config: cfg, Words: map[string]string{"home": "Trang chủ"}}))
	var msgs []string
	for _, e := range diags {
		msgs = append(msgs, e.String())
	}
	return tm, strings.Join(msgs, "\n")
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestSiteLayoutsOverrideThemeAndUseBaseof(t *testing.T) {
	th := fstest.MapFS{
		"_default/baseof.html":  file(`<main>{{ block "main" . }}{{ end }}</main>{{ partialCached "f.html" . }}`),
		"_default/single.html":  file(`{{ define "main" }}theme {{ . }}{{ end }}`),
		"_default/list.html":    file(`{{ define "main" }}list {{ T "home" }} {{ relURL "a/" }}{{ end }}`),
		"partials/f.html":       file(`<footer>{{ . }}</footer>`),
		"tin-tuc/single.html":   file(`{{ define "main" }}tin {{ . }}{{ end }}`),
		"_default/special.html": file(`{{ define "main" }}special{{ end }}`),
	}
	site := fstest.MapFS{"_default/single.html": file(`{{ define "main" }}site {{ . }}{{ end }}`)}
	tm, errs := load(t, site, th)
	if errs != "" {
		t.Fatal(errs)
	}
	run := func(name string, data any) string {
		var b strings.Builder
		if d := tm.Execute(&b, name, data); d.HasErrors() {
			t.Fatal(d)
		}
		return b.String()
	}
	if got := run("_default/single.html", "x"); got != "<main>site x</main><footer>x</footer>" {
		t.Errorf("single: %s", got)
	}
	// partialCached keeps the first rendering for the same variants.
	if got := run("_default/single.html", "y"); got != "<main>site y</main><footer>x</footer>" {
		t.Errorf("cached footer: %s", got)
	}
	if got := run("_default/list.html", nil); got != "<main>list Trang chủ /ban/a/</main><footer>x</footer>" {
		t.Errorf("list: %s", got)
	}
	for _, tc := range []struct {
		kind, typ, layout, want string
	}{
		{"page", "tin-tuc", "", "tin-tuc/single.html"},
		{"page", "van-ban", "", "_default/single.html"},
		{"page", "van-ban", "special", "_default/special.html"},
		{"section", "tin-tuc", "", "_default/list.html"},
		{"home", "", "", "_default/list.html"},
	} {
		if got, _ := tm.Lookup(Candidates(tc.kind, tc.typ, tc.layout, "")); got != tc.want {
			t.Errorf("%s %s %s: %s, want %s", tc.kind, tc.typ, tc.layout, got, tc.want)
		}
	}
}

// card is a page as a card partial sees it; renders counts its titles read.
type card struct {
	url, title string
	renders    *int
}

func (c card) RelPermalink() string { return c.url }
func (c card) Title() string        { *c.renders++; return c.title }

// TestPartialCachedEach: one call gives what range with partialCached
// gives, through the same cache, so that a card is made once whichever
// form a layout uses; what is not a list of pages is an error.
func TestPartialCachedEach(t *testing.T) {
	th := fstest.MapFS{
		"each.html":          file(`{{ partialCachedEach "card.html" .list (dict "h" 2) "v" }}`),
		"range.html":         file(`{{ range .list }}{{ partialCached "card.html" (dict "p" . "h" 2) .RelPermalink "v" }}{{ end }}`),
		"other.html":         file(`{{ partialCachedEach "card.html" .list (dict "h" 3) "w" }}`),
		"nodata.html":        file(`{{ partialCachedEach "card.html" .list nil }}`),
		"attr.html":          file(`<a title="{{ partialCachedEach "card.html" .list nil }}">{{ partialCachedEach "card.html" .list nil | printf "%s!" }}</a>`),
		"partials/card.html": file(`<p data-h="{{ .h }}">{{ .p.Title }}</p>`),
	}
	tm, errs := load(t, fstest.MapFS{}, th)
	if errs != "" {
		t.Fatal(errs)
	}
	renders := 0
	list := []card{{"/a/", "Đắk Lắk", &renders}, {"/b/", "<b>", &renders}}
	run := func(name string, data any) (string, string) {
		var b bytes.Buffer // as pages are rendered: the runner writes only to a buffer
		d := tm.Execute(&b, name, data)
		if len(d) > 0 {
			return "", d[0].String()
		}
		return b.String(), ""
	}
	want := `<p data-h="2">Đắk Lắk</p><p data-h="2">&lt;b&gt;</p>`
	if got, err := run("range.html", map[string]any{"list": list[:1]}); err != "" || got != want[:len(`<p data-h="2">Đắk Lắk</p>`)] {
		t.Fatalf("range: %q %s", got, err)
	}
	if got, err := run("each.html", map[string]any{"list": list}); err != "" || got != want {
		t.Errorf("each: %q %s, want %q", got, err, want)
	}
	if renders != 2 {
		t.Errorf("%d cards made, want 2: the first was kept by the range form", renders)
	}
	if got, _ := run("range.html", map[string]any{"list": list}); got != want || renders != 2 {
		t.Errorf("range after each: %q, %d cards made", got, renders)
	}
	// Other variants are other cards.
	if got, _ := run("other.html", map[string]any{"list": list}); got != strings.ReplaceAll(want, `"2"`, `"3"`) || renders != 4 {
		t.Errorf("other variants: %q, %d cards made", got, renders)
	}
	if got, err := run("nodata.html", map[string]any{"list": list[:1]}); err != "" || got != `<p data-h="">Đắk Lắk</p>` {
		t.Errorf("nil data: %q %s", got, err)
	}
	// Written into the page as they are in HTML text, escaped as
	// html/template escapes them elsewhere, the runner doing both.
	for range 2 {
		got, err := run("attr.html", map[string]any{"list": list[:1]})
		if want := `<a title="Đắk Lắk">&lt;p data-h=&#34;&#34;&gt;Đắk Lắk&lt;/p&gt;!</a>`; err != "" || got != want {
			t.Errorf("in an attribute and a pipeline: %q %s, want %q", got, err, want)
		}
	}
	if _, err := run("nodata.html", map[string]any{"list": list[:1]}); err != "" || tm.Slow() != 0 {
		t.Errorf("%d runs left to html/template (%s), want none", tm.Slow(), err)
	}
	if got, err := run("each.html", map[string]any{"list": nil}); err != "" || got != "" {
		t.Errorf("no list: %q %s", got, err)
	}
	if _, err := run("each.html", map[string]any{"list": "tin-tuc"}); !strings.Contains(err, "partialCachedEach needs a list of pages, not string") {
		t.Errorf("a text for a list: %s", err)
	}
	if _, err := run("each.html", map[string]any{"list": []any{list[0], 7}}); !strings.Contains(err, "item 2 of the list is not a page") {
		t.Errorf("a number in the list: %s", err)
	}
}

func TestTemplateErrorsNameTheFileAndLine(t *testing.T) {
	th := fstest.MapFS{"_default/single.html": file("<p>\n{{ .Title }\n</p>")}
	_, errs := load(t, fstest.MapFS{}, th)
	if !strings.HasPrefix(errs, "themes/default/layouts/_default/single.html:2: template:") {
		t.Errorf("parse error: %s", errs)
	}
	th = fstest.MapFS{"_default/single.html": file("<p>\n\n{{ .Khong }}</p>")}
	tm, errs := load(t, fstest.MapFS{}, th)
	if errs != "" {
		t.Fatal(errs)
	}
	d := tm.Execute(&strings.Builder{}, "_default/single.html", struct{ Title string }{"T"})
	if len(d) != 1 || !strings.HasPrefix(d[0].String(), "themes/default/layouts/_default/single.html:3:") {
		t.Errorf("execution error: %v", d)
	}
}

func TestLayoutWithoutMainIsAWholePage(t *testing.T) {
	th := fstest.MapFS{
		"_default/baseof.html": file(`<main>{{ block "main" . }}mặc định{{ end }}</main>`),
		"_default/single.html": file(`{{ define "main" }}bài{{ end }}`),
		"index.html":           file(`<p>trang chủ riêng</p>`),
	}
	tm, errs := load(t, fstest.MapFS{}, th)
	if errs != "" {
		t.Fatal(errs)
	}
	for name, want := range map[string]string{"_default/single.html": "<main>bài</main>", "index.html": "<p>trang chủ riêng</p>"} {
		var b strings.Builder
		tm.Execute(&b, name, nil)
		if b.String() != want {
			t.Errorf("%s: %q, want %q", name, b.String(), want)
		}
	}
}

// BenchmarkPartialCachedEach: a list page's ten cards, each kept from an
// earlier page, written into the page by the runner.
func BenchmarkPartialCachedEach(b *testing.B) {
	th := fstest.MapFS{
		"list.html":          file(`<main>{{ partialCachedEach "card.html" .list (dict "h" 2) 2 }}</main>`),
		"partials/card.html": file(`<article class="card"><h2><a href="{{ .p.RelPermalink }}">{{ .p.Title }}</a></h2><p class="card-lead">` + strings.Repeat("Ban Vì sự tiến bộ của phụ nữ tỉnh triển khai nhiệm vụ. ", 8) + `</p></article>`),
	}
	tm, errs := load(b, fstest.MapFS{}, th)
	if errs != "" {
		b.Fatal(errs)
	}
	renders := 0
	var list []card
	for i := range 10 {
		list = append(list, card{fmt.Sprintf("/tin-tuc/%d/", i), fmt.Sprintf("Tin số %d", i), &renders})
	}
	data := map[string]any{"list": list}
	var w bytes.Buffer
	for range 2 {
		w.Reset()
		if d := tm.Execute(&w, "list.html", data); len(d) > 0 {
			b.Fatal(d)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		w.Reset()
		tm.Execute(&w, "list.html", data)
	}
	if tm.Slow() != 0 {
		b.Fatalf("%d runs through html/template", tm.Slow())
	}
}
