package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"

	"loa/generator/config"
)

// Interface words and addresses written out in a layout are folded into
// strings when the layouts load; the page must read exactly as when they
// are called as it runs, escaped for where each stands: text, attribute,
// address, script.
func TestFoldedCallsReadAsCalledOnes(t *testing.T) {
	cfg, d := config.Parse([]byte(`baseURL = "https://example.gov.vn/ban/"`))
	if cfg == nil {
		t.Fatal(d)
	}
	env := Env{Config: cfg, Words: map[string]string{"w": `<b>"Tin" & 'ảnh'</b>`, "n": "%s bài", "javascript:x": "javascript:alert(1)"}}
	layout := `<p>{{ T "w" }}</p>` +
		`<a title="{{ T "w" }}" href="{{ relLangURL "tìm kiếm/?q=a b" }}">{{ T "n" "3" }}</a>` +
		`<a href="{{ T "javascript:x" }}">x</a><img src="{{ asset "a.png" }}" alt="">` +
		`<script type="application/ld+json">{"n":{{ T "w" }}}</script>` +
		`<p>{{ T "w" | lower }} {{ lower (T "w") }} {{ "A" | T }} {{ T "thiếu" }} {{ csp | len }}</p>`
	th := fstest.MapFS{"_default/single.html": file(layout)}
	tm, diags := Load([]Layer{{FS: th, Display: "themes/default/layouts"}}, Funcs(env))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// Folded: no call with written-out strings is left; the piped one is.
	src := tm.sets["_default/single.html"].html.Tree.Root.String()
	for _, call := range []string{`T "w"`, `T "n"`, `relLangURL`, `asset`, `csp`} {
		if strings.Contains(src, call) {
			t.Errorf("%s is still called: %s", call, src)
		}
	}
	if !strings.Contains(src, `"A" | T`) {
		t.Errorf("a call given a piped value was folded: %s", src)
	}

	var got strings.Builder
	if d := tm.Execute(&got, "_default/single.html", nil); d.HasErrors() {
		t.Fatal(d)
	}
	ref := template.Must(template.New("").Funcs(Funcs(env)).Parse(layout))
	var want strings.Builder
	if err := ref.Execute(&want, nil); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("folded\n%s\ncalled\n%s", got.String(), want.String())
	}
	for _, s := range []string{`<p>&lt;b&gt;&#34;Tin&#34; &amp; &#39;ảnh&#39;&lt;/b&gt;</p>`, `href="#ZgotmplZ"`, `3 bài`} {
		if !strings.Contains(got.String(), s) {
			t.Errorf("%s missing from %s", s, got.String())
		}
	}
}

// An asset that does not exist is not folded: the layout fails where it
// calls it, with the line, as it did.
func TestFoldLeavesFailingCalls(t *testing.T) {
	cfg, d := config.Parse([]byte(`baseURL = "https://example.gov.vn/"`))
	if cfg == nil {
		t.Fatal(d)
	}
	env := Env{Config: cfg, Asset: func(name string) (string, error) {
		if name == "css/main.css" {
			return "/css/main.123.css", nil
		}
		return "", errMissing(name)
	}}
	th := fstest.MapFS{"_default/single.html": file("<link href=\"{{ asset \"css/main.css\" }}\">\n{{ asset \"js/khong.js\" }}")}
	tm, diags := Load([]Layer{{FS: th, Display: "themes/default/layouts"}}, Funcs(env))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var b strings.Builder
	d = tm.Execute(&b, "_default/single.html", nil)
	if msg := d.Err(); msg == nil || !strings.Contains(msg.Error(), "single.html:2") || !strings.Contains(msg.Error(), "js/khong.js") {
		t.Errorf("missing asset: %v", msg)
	}
	if !strings.HasPrefix(b.String(), `<link href="/css/main.123.css">`) {
		t.Errorf("found asset: %s", b.String())
	}
}

type errMissing string

func (e errMissing) Error() string { return "asset " + string(e) + " not found in assets/" }
