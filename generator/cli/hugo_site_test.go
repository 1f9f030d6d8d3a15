package cli

import (
	"bytes"
	"image"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

// hugoSite is written the way a real Hugo site is (the shape of Hugo's own
// example site, in Vietnamese): configuration in config/_default/, built-in
// shortcodes of every kind, a headless bundle with Markdown resources, leaf
// bundles, <!--more-->, raw HTML, and links by file, by site path, by full
// address and to an alias.
const hugoSite = `-- config/_default/hugo.toml --
baseURL = "https://vstbpn.halam.gov.vn/"
title = "Ban Vì sự tiến bộ của Phụ nữ tỉnh Hà Lâm"
copyright = "© Ban VSTBPN tỉnh Hà Lâm"
paginate = 3
languageCode = "vi"
DefaultContentLanguage = "vi"
enableInlineShortcodes = true
ignoreErrors = ["error-remote-getjson"]

[author]
  name = "Phòng Truyền thông"

[taxonomies]
  category = "categories"
  tag = "tags"
  series = "series"

[privacy.youtube]
  privacyEnhanced = true

[services.instagram]
  disableInlineCSS = true
-- config/_default/menus.toml --
[[main]]
  identifier = "gioi-thieu"
  name = "Giới thiệu"
  url = "/gioi-thieu/"
  weight = 10
-- config/_default/params.toml --
tenDonVi = "Ban VSTBPN tỉnh Hà Lâm"
-- content/gioi-thieu.md --
+++
title = "Giới thiệu"
+++
Ban phụ trách [Luật Bình đẳng giới](/van-ban/luat-binh-dang-gioi/) và
[Luật Phòng, chống bạo lực gia đình](https://vstbpn.halam.gov.vn/van-ban/luat-phong-chong-bao-luc-gia-dinh).
Xem thêm [bài cũ](/tin-cu/hop-bao/) và [tin nổi bật]({{< relref "tin-tuc/hop-bao/index.md" >}}).
-- content/van-ban/luat-binh-dang-gioi.md --
+++
title = "Luật Bình đẳng giới"
+++
## Điều 1
Phạm vi điều chỉnh.
-- content/van-ban/luat-phong-chong-bao-luc-gia-dinh.md --
+++
title = "Luật Phòng, chống bạo lực gia đình"
+++
Nội dung.
-- content/homepage/index.md --
---
headless: true
---
-- content/homepage/gioi-thieu.md --
---
title: Giới thiệu ngắn
---
Đoạn giới thiệu trên trang chủ.
-- content/homepage/cong-viec.md --
---
title: Công việc
---
Việc của Ban.
-- content/tin-tuc/hop-bao/index.md --
+++
author = "Thu Hà"
title = "Họp báo về Tháng hành động"
date = "2025-11-10"
description = "Ban tổ chức họp báo."
tags = ["shortcodes", "tháng hành động"]
series = ["Tháng hành động 2025"]
aliases = ["/tin-cu/hop-bao/"]
+++

Sáng 10/11, Ban tổ chức họp báo về {{< param "tenDonVi" >}}.
<!--more-->
---

## Video

{{< youtube ZJthWmvUzzc >}}

<br>

## Ảnh

{{< figure src="anh-1.png" alt="Quang cảnh họp báo" caption="Quang cảnh họp báo" >}}

## Mạng xã hội

{{< twitter user="SanDiegoZoo" id="1453110110599868418" >}}

{{< vimeo_simple 48912912 >}}

{{< highlight html >}}
<p>Xin chào</p>
{{< /highlight >}}

{{% details summary="Danh sách khách mời" %}}
- Sở Lao động – Thương binh và Xã hội
{{% /details %}}

{{< video src="phong-su.mp4" >}}

Xem [luật](../../van-ban/luat-binh-dang-gioi.md#dieu-1).
-- content/tin-tuc/hop-bao/ghi-chu.md --
+++
title = "Ghi chú nội bộ"
+++
Không đăng.
`

// TestHugoSiteMovesIn: the site builds with warnings only, one per Hugo
// setting Loa does not use and one per thing it publishes differently.
func TestHugoSiteMovesIn(t *testing.T) {
	site := writeSite(t, hugoSite)
	writeFile(t, site+"/content/tin-tuc/hop-bao/anh-1.png", pngOf(t, 1200, 800))
	writeFile(t, site+"/content/tin-tuc/hop-bao/phong-su.mp4", []byte("không thật là video"))
	writeFile(t, site+"/content/tin-tuc/hop-bao/phong-su.vtt", []byte("WEBVTT\n"))
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	warnings := regexp.MustCompile(`(?m)^\S+: warning: .*$`).FindAllString(r.stderr, -1)
	want := []string{
		"config/_default/hugo.toml:7:1: warning: Hugo's setting `enableInlineShortcodes` is not used by Loa",
		"config/_default/hugo.toml:8:1: warning: Hugo's setting `ignoreErrors` is not used by Loa",
		"config/_default/hugo.toml:18:1: warning: Hugo's setting `privacy` is not used by Loa",
		"config/_default/hugo.toml:21:1: warning: Hugo's setting `services` is not used by Loa",
		"content/tin-tuc/hop-bao/index.md:19:1: warning: raw HTML is not published (line 19)",
		`content/tin-tuc/hop-bao/index.md:27:1: warning: the twitter shortcode is published as a plain link to https://x.com/SanDiegoZoo/status/1453110110599868418`,
		// The proofreader's (loa check) findings are warnings of the build.
		"content/van-ban/luat-binh-dang-gioi.md:1:1: warning: news item without a date: lists show it last, without a date [check:date]",
		"content/van-ban/luat-binh-dang-gioi.md:1:1: warning: news item without a lead (description) [check:lead]",
		"content/van-ban/luat-phong-chong-bao-luc-gia-dinh.md:1:1: warning: news item without a date: lists show it last, without a date [check:date]",
		"content/van-ban/luat-phong-chong-bao-luc-gia-dinh.md:1:1: warning: news item without a lead (description) [check:lead]",
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
	about := readOut(t, dest, "gioi-thieu/index.html")
	for _, w := range []string{
		`<a href=/van-ban/luat-binh-dang-gioi/>Luật Bình đẳng giới</a>`,
		`<a href=/van-ban/luat-phong-chong-bao-luc-gia-dinh/>Luật Phòng, chống bạo lực gia đình</a>`,
		`<a href=/tin-tuc/hop-bao/>bài cũ</a>`,
		`<a href=/tin-tuc/hop-bao/>tin nổi bật</a>`,
	} {
		if !strings.Contains(about, w) {
			t.Errorf("about page lacks %s", w)
		}
	}
	item := readOut(t, dest, "tin-tuc/hop-bao/index.html")
	for _, w := range []string{
		"Ban tổ chức họp báo về Ban VSTBPN tỉnh Hà Lâm.",
		`data-video=youtube data-id=ZJthWmvUzzc`,
		`data-video=vimeo data-id=48912912`,
		`srcset="/tin-tuc/hop-bao/anh-1-480w.png 480w`,
		`<a href=https://x.com/SanDiegoZoo/status/1453110110599868418>`,
		`<details><summary>Danh sách khách mời</summary>`,
		`<track kind=captions srclang=vi label="Tiếng Việt" default src=/tin-tuc/hop-bao/phong-su.vtt>`,
		`<a href=/van-ban/luat-binh-dang-gioi/#dieu-1>luật</a>`,
	} {
		if !strings.Contains(item, w) {
			t.Errorf("news item lacks %s", w)
		}
	}
	for _, gone := range []string{"homepage/index.html", "homepage/gioi-thieu/index.html", "tin-tuc/hop-bao/ghi-chu/index.html"} {
		if exists(dest, gone) {
			t.Errorf("%s is published: headless bundles and a bundle's Markdown are resources", gone)
		}
	}
	for _, f := range []string{"series/thang-hanh-dong-2025/index.html", "tin-cu/hop-bao/index.html", "favicon.svg"} {
		if !exists(dest, f) {
			t.Errorf("%s is missing", f)
		}
	}
	if list := readOut(t, dest, "tin-tuc/index.html"); !strings.Contains(list, "Ban tổ chức họp báo") || strings.Contains(list, "Video") {
		t.Errorf("the summary does not stop at <!--more-->:\n%s", list)
	}
}

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestHeadlessHomepage: the Hugo pattern of a headless bundle whose
// Markdown files fill the home page, through .Site.GetPage and
// .Resources, with the titles and params of `resources` front matter.
func TestHeadlessHomepage(t *testing.T) {
	site := writeSite(t, baseConfig+`-- layouts/index.html --
<!doctype html><html lang="vi"><head><title>{{ .Site.Title }}</title></head><body>
{{ with .Site.GetPage "/homepage" }}{{ range .Resources.ByType "page" }}<section><h2>{{ .Title }}</h2>{{ safeHTML .Content }}</section>{{ end }}
{{ with .Resources.GetMatch "bia.*" }}<img src="{{ .RelPermalink }}" alt="{{ .Title }}">{{ end }}{{ end }}
</body></html>
-- content/homepage/index.md --
---
headless: true
resources:
  - src: "bia.png"
    title: "Ảnh bìa"
---
-- content/homepage/a-gioi-thieu.md --
---
title: Giới thiệu
---
Ban Vì sự tiến bộ của **Phụ nữ**.
-- content/homepage/b-nhiem-vu.md --
---
title: Nhiệm vụ
---
Tham mưu cho tỉnh.
`)
	writeFile(t, site+"/content/homepage/bia.png", pngOf(t, 40, 20))
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	home := readOut(t, dest, "index.html")
	for _, w := range []string{`<section><h2>Giới thiệu</h2><p>Ban Vì sự tiến bộ của <strong>Phụ nữ</strong>.</p>`, `<section><h2>Nhiệm vụ</h2>`} {
		if !strings.Contains(home, w) {
			t.Errorf("home lacks %s:\n%s", w, home)
		}
	}
	if exists(dest, "homepage/index.html") {
		t.Error("the headless bundle is published as a page")
	}
	if !strings.Contains(home, `<img src=/homepage/bia.png alt="Ảnh bìa">`) || !exists(dest, "homepage/bia.png") {
		t.Errorf("the cover's title from front matter is missing:\n%s", home)
	}
}
