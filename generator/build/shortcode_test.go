package build

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"loa/generator/diag"
)

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// shortcodeSite is a small site whose news item uses shortcodes.
func shortcodeSite(t *testing.T, body string) fstest.MapFS {
	return fstest.MapFS{
		"config.toml":                      {Data: []byte("baseURL = \"https://thu.gov.vn/\"\ntitle = \"Thử\"\n[params]\ntenDonVi = \"Hội LHPN\"\n")},
		"content/_index.md":                {Data: []byte("+++\ntitle = \"Trang chủ\"\n+++\n")},
		"content/van-ban/luat.md":          {Data: []byte("+++\ntitle = \"Luật Bình đẳng giới\"\n+++\nNội dung.\n")},
		"content/tin-tuc/bai/index.md":     {Data: []byte("+++\ntitle = \"Bài\"\ndate = 2025-03-01\n+++\n" + body)},
		"content/tin-tuc/bai/anh-1.png":    {Data: pngBytes(t, 1000, 600)},
		"content/tin-tuc/bai/hop-bao.mp4":  {Data: []byte("not really a video")},
		"content/tin-tuc/bai/hop-bao.vtt":  {Data: []byte("WEBVTT\n")},
		"content/tin-tuc/bai/phong-su.mp4": {Data: []byte("not really a video either")},
	}
}

func buildFS(t *testing.T, site fstest.MapFS, minify bool) (map[string][]byte, diag.List) {
	t.Helper()
	b := New(Options{Site: site, Theme: os.DirFS("../../themes/default"), Minify: minify, Now: func() time.Time { return campaignNow }})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		return nil, diags
	}
	out := &memory{files: map[string][]byte{}}
	_, d := b.Render(plan, out)
	return out.files, append(diags, d...)
}

// TestShortcodesInASite: the built-in shortcodes go through the site like
// the Markdown they stand for: a figure through the photo pipeline, ref
// and a local video through the links to files of the site.
func TestShortcodesInASite(t *testing.T) {
	body := `{{< figure src="anh-1.png" alt="Hội nghị" caption="Quang cảnh" >}}

Xem [luật]({{< ref "van-ban/luat.md" >}}), đơn vị {{< param "tenDonVi" >}}.

{{< video src="hop-bao.mp4" captions="hop-bao.vtt" >}}

{{< video src="hop-bao.mp4" >}}

{{< video src="phong-su.mp4" >}}

{{< youtube ZJthWmvUzzc >}}

{{< highlight html >}}<b>đậm</b>{{< /highlight >}}
`
	files, diags := buildFS(t, shortcodeSite(t, body), false)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	html := string(files["tin-tuc/bai/index.html"])
	for _, want := range []string{
		`<figure><img src="/tin-tuc/bai/anh-1-800w.png" srcset="/tin-tuc/bai/anh-1-480w.png 480w, /tin-tuc/bai/anh-1-800w.png 800w, /tin-tuc/bai/anh-1-1000w.png 1000w"`,
		`alt="Hội nghị"><figcaption>Quang cảnh</figcaption></figure>`,
		`<a href="/van-ban/luat/">luật</a>, đơn vị Hội LHPN.`,
		`<video controls preload="none" src="/tin-tuc/bai/hop-bao.mp4"><track kind="captions" srclang="vi" label="Tiếng Việt" default src="/tin-tuc/bai/hop-bao.vtt">`,
		// The captions beside a video are found without captions=; a
		// video without them has no track and no error.
		`<video controls preload="none" src="/tin-tuc/bai/hop-bao.mp4"><track kind="captions" srclang="vi" label="Tiếng Việt" default src="/tin-tuc/bai/hop-bao.vtt"><a href="/tin-tuc/bai/hop-bao.mp4">`,
		`<video controls preload="none" src="/tin-tuc/bai/phong-su.mp4"><a href="/tin-tuc/bai/phong-su.mp4">`,
		`<div class="video"><a class="video-facade" href="https://www.youtube.com/watch?v=ZJthWmvUzzc" data-video="youtube" data-id="ZJthWmvUzzc">`,
		`<pre><code class="language-html">&lt;b&gt;đậm&lt;/b&gt;</code></pre>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if t.Failed() {
		t.Log(html)
	}
	if _, ok := files["tin-tuc/bai/anh-1-480w.png"]; !ok {
		t.Error("the figure's picture is not resized")
	}
}

// TestShortcodeRefMissing: a ref to a page that does not exist is the
// error of a Markdown link to it, at the shortcode.
func TestShortcodeRefMissing(t *testing.T) {
	_, diags := buildFS(t, shortcodeSite(t, "Đầu.\n\nXem [luật]({{< ref \"van-ban/khong-co.md\" >}}) và {{< relref \"khac.md\" >}}.\n"), false)
	errs := diags.Errors()
	want := []struct{ at, msg string }{
		{"content/tin-tuc/bai/index.md:7:12", `link to "/van-ban/khong-co.md": `},
		{"content/tin-tuc/bai/index.md:7:50", `link to "khac.md": no such file`},
	}
	if len(errs) != len(want) {
		t.Fatalf("want %d errors, got %v", len(want), diags)
	}
	for i, w := range want {
		if errs[i].Pos.String() != w.at || !strings.HasPrefix(errs[i].Message, w.msg) {
			t.Errorf("got %s %s, want %s %s…", errs[i].Pos, errs[i].Message, w.at, w.msg)
		}
	}
}

// TestShortcodeTemplateEditParsesAgain: parsed pages are cached by their
// bytes; a change of a shortcode template must parse them again.
func TestShortcodeTemplateEditParsesAgain(t *testing.T) {
	site := shortcodeSite(t, "{{< loi >}}\n")
	site["layouts/shortcodes/loi.html"] = &fstest.MapFile{Data: []byte(`<p class="loi">Một</p>`)}
	b := New(Options{Site: site, Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return campaignNow }})
	page := func() string {
		t.Helper()
		plan, diags := b.Assemble()
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		out := &memory{files: map[string][]byte{}}
		if _, d := b.Render(plan, out); d.HasErrors() {
			t.Fatal(d)
		}
		return string(out.files["tin-tuc/bai/index.html"])
	}
	if !strings.Contains(page(), `<p class="loi">Một</p>`) {
		t.Fatal("the site's shortcode is not used")
	}
	site["layouts/shortcodes/loi.html"] = &fstest.MapFile{Data: []byte(`<p class="loi">Hai</p>`)}
	if got := page(); !strings.Contains(got, `<p class="loi">Hai</p>`) {
		t.Errorf("the edited shortcode template is not used:\n%s", got)
	}
	// A site's shortcode template is not a page layout.
	if _, diags := buildFS(t, site, false); diags.HasErrors() {
		t.Error(diags)
	}
}

// TestShortcodeTemplateError: a broken shortcode template is an error at
// its line.
func TestShortcodeTemplateError(t *testing.T) {
	site := shortcodeSite(t, "Đầu.\n")
	site["layouts/shortcodes/hong.html"] = &fstest.MapFile{Data: []byte("<p>\n{{ if }}</p>")}
	_, diags := buildFS(t, site, false)
	if errs := diags.Errors(); len(errs) != 1 || errs[0].Pos.String() != "layouts/shortcodes/hong.html:2" {
		t.Errorf("%v", diags)
	}
}
