package page

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"

	"loa/generator/shortcode"
)

// builtin renders a shortcode written in Go: those that record Refs
// (figure, ref, video…), read the page (param) or hold Markdown (details).
// A template of the same name in layouts/shortcodes/ replaces it.
type builtin func(e *expansion, n *shortcode.Node, c *shortcode.Call, w sink)

// builtinNames are the shortcodes written in Go, for messages.
var builtinNames = []string{"audio", "comment", "details", "figure", "param", "ref", "relref", "video"}

func builtinFor(name string) builtin {
	switch name {
	case "figure":
		return (*expansion).figure
	case "ref", "relref":
		return (*expansion).ref
	case "param":
		return (*expansion).param
	case "video":
		return (*expansion).video
	case "audio":
		return (*expansion).audio
	case "details":
		return (*expansion).details
	case "comment":
		return (*expansion).comment
	}
	return nil
}

// arg returns the named argument, else the positional one at pos (-1 for
// none), as text.
func arg(c *shortcode.Call, name string, pos int) string {
	if c.IsNamedParams {
		if c.Has(name) {
			return c.String(name)
		}
		return ""
	}
	if pos >= 0 && c.Has(pos) {
		return c.String(pos)
	}
	return ""
}

// figure writes the markup a Markdown image alone in its paragraph gets,
// through the same Ref tokens, so that the photo pipeline serves it:
// {{< figure src="anh.jpg" alt="…" caption="…" >}} is
// ![…](anh.jpg "…") with a link, a class and a title besides.
func (e *expansion) figure(n *shortcode.Node, c *shortcode.Call, w sink) {
	e.inner(n, c)
	src := arg(c, "src", 0)
	if src == "" {
		errorf(e, c.Position, "write the picture's file: {{< figure src=\"anh-1.jpg\" caption=\"…\" >}}",
			"ghi tệp ảnh: {{< figure src=\"anh-1.jpg\" caption=\"…\" >}}",
			"the figure shortcode needs src", "shortcode figure thiếu src")
		return
	}
	caption, title := arg(c, "caption", -1), arg(c, "title", -1)
	alt := arg(c, "alt", -1)
	if alt == "" {
		alt = plainText(e.p.Inline(firstOf(caption, title)))
	}
	var b strings.Builder
	b.WriteString("<figure")
	if class := arg(c, "class", -1); class != "" {
		b.WriteString(` class="` + html.EscapeString(class) + `"`)
	}
	b.WriteString(">")
	link := arg(c, "link", -1)
	if link != "" {
		b.WriteString(`<a href="` + e.href(link, c) + `"`)
		if t := arg(c, "target", -1); t != "" {
			b.WriteString(` target="` + html.EscapeString(t) + `"`)
		}
		if r := arg(c, "rel", -1); r != "" {
			b.WriteString(` rel="` + html.EscapeString(r) + `"`)
		}
		b.WriteString(">")
	}
	ref := -1
	b.WriteString("<img ")
	if e.p.safeURL(src, c.Position, &e.diags) && isLocal(src) {
		// The picture's own size comes from the file: width and height
		// given here would only contradict it.
		ref = e.addRef(RefImage, src, c.Position)
		b.WriteString(token(ref, Attrs))
	} else {
		b.WriteString(`src="` + html.EscapeString(src) + `"`)
		for _, a := range []string{"width", "height"} {
			if v := arg(c, a, -1); v != "" {
				b.WriteString(" " + a + `="` + html.EscapeString(v) + `"`)
			}
		}
		b.WriteString(` loading="lazy" decoding="async"`)
	}
	b.WriteString(` alt="` + html.EscapeString(alt) + `">`)
	if link != "" {
		b.WriteString("</a>")
	}
	attr := arg(c, "attr", -1)
	switch {
	case title != "" || caption != "" || attr != "":
		b.WriteString("<figcaption>")
		if title != "" {
			b.WriteString("<strong>" + e.p.Inline(title) + "</strong>")
			if caption != "" {
				b.WriteString(" ")
			}
		}
		b.WriteString(e.p.Inline(caption))
		if attr != "" {
			b.WriteString(` <span class="figure-attr">`)
			if al := arg(c, "attrlink", -1); al != "" {
				b.WriteString(`<a href="` + e.href(al, c) + `">` + e.p.Inline(attr) + "</a>")
			} else {
				b.WriteString(e.p.Inline(attr))
			}
			b.WriteString("</span>")
		}
		if ref >= 0 {
			b.WriteString(token(ref, Original))
		}
		b.WriteString("</figcaption>")
	case ref >= 0:
		b.WriteString(token(ref, OrigBlock))
	}
	b.WriteString("</figure>")
	w.insert(e.placeholder(b.String()), n.Start)
}

// href is the escaped address of a link a shortcode writes: a file of the
// site as a Ref token, another site as it is.
func (e *expansion) href(dest string, c *shortcode.Call) string {
	if !e.p.safeURL(dest, c.Position, &e.diags) {
		return ""
	}
	if isLocal(dest) {
		return token(e.addRef(RefLink, dest, c.Position), Attrs)
	}
	return html.EscapeString(dest)
}

// ref and relref give the address of another page, checked as a Markdown
// link to it is: {{< ref "van-ban/luat.md" >}}. In a Markdown link,
// [luật]({{< ref "van-ban/luat.md" >}}), the path goes into the link.
func (e *expansion) ref(n *shortcode.Node, c *shortcode.Call, w sink) {
	e.inner(n, c)
	dest := arg(c, "path", 0)
	if dest == "" {
		errorf(e, c.Position, "write the page's file: {{< ref \"tin-tuc/bai-viet.md\" >}}",
			"ghi tệp của bài: {{< ref \"tin-tuc/bai-viet.md\" >}}",
			"the %s shortcode needs the path of a page", "shortcode %s thiếu đường dẫn tới bài", n.Name)
		return
	}
	dest = refDest(dest)
	if t := strings.TrimRight(w.tail(3), " \t"); strings.HasSuffix(t, "](") || strings.HasSuffix(t, "](<") {
		esc := strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(dest)
		w.insert(esc, n.Start)
		return
	}
	w.insert(e.placeholder(token(e.addRef(RefLink, dest, c.Position), Attrs)), n.Start)
}

// refDest reads a Hugo ref path as a Markdown link would: "./a.md" and
// "../a.md" from the page's folder, "/a.md" and "van-ban/luat.md" from
// content/, a bare file name from the page's folder.
func refDest(dest string) string {
	if strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, ".") || strings.HasPrefix(dest, "#") {
		return dest
	}
	p, _, _ := strings.Cut(dest, "#")
	if strings.Contains(p, "/") {
		return "/" + dest
	}
	return dest
}

// param writes a front matter param of the page, else a site param:
// {{< param "tacGia" >}}, {{< param "lienHe.dienThoai" >}}.
func (e *expansion) param(n *shortcode.Node, c *shortcode.Call, w sink) {
	e.inner(n, c)
	key := arg(c, "name", 0)
	v, ok := lookupParam(e.pg.Params, key)
	if !ok {
		switch strings.ToLower(key) {
		case "title":
			v, ok = e.pg.Title, true
		case "description":
			v, ok = e.pg.Description, true
		}
	}
	if !ok {
		v, ok = lookupParam(e.p.cfg.Params, key)
	}
	if !ok {
		errorf(e, c.Position, "add "+key+" to the front matter of the page, or under [params] in config.toml",
			"thêm "+key+" vào phần đầu bài, hoặc vào mục [params] của config.toml",
			"param %q is set neither in the page's front matter nor in the site's [params]",
			"tham số %q không có trong phần đầu bài lẫn mục [params] của trang", key)
		return
	}
	w.insert(e.placeholder(html.EscapeString(fmt.Sprint(v))), n.Start)
}

// lookupParam finds a key, "a.b" in nested tables, ignoring case as Hugo does.
func lookupParam(m map[string]any, key string) (any, bool) {
	var v any = m
	for _, part := range strings.Split(key, ".") {
		t, ok := v.(map[string]any)
		if !ok || part == "" {
			return nil, false
		}
		found := false
		for k, x := range t {
			if strings.EqualFold(k, part) {
				v, found = x, true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return v, true
}

// details writes a part the reader opens: {{< details summary="…" >}}
// Markdown {{< /details >}}. What it holds is Markdown of the page, with
// its links, pictures and positions.
func (e *expansion) details(n *shortcode.Node, c *shortcode.Call, w sink) {
	if !n.Paired {
		errorf(e, c.Position, "close it after the text it holds: {{< /details >}}",
			"đóng lại sau phần nội dung: {{< /details >}}",
			"the details shortcode is not closed", "shortcode details chưa được đóng")
		return
	}
	summary := firstOf(arg(c, "summary", 0), "Chi tiết")
	var b strings.Builder
	b.WriteString("<details")
	if class := arg(c, "class", -1); class != "" {
		b.WriteString(` class="` + html.EscapeString(class) + `"`)
	}
	if name := arg(c, "name", -1); name != "" {
		b.WriteString(` name="` + html.EscapeString(name) + `"`)
	}
	if open := c.Get("open"); open == true || open == "true" {
		b.WriteString(" open")
	}
	b.WriteString("><summary>" + e.p.Inline(summary) + "</summary>")
	w.insert("\n\n"+e.placeholder(b.String())+"\n\n", n.Start)
	if !e.enter(c) {
		return
	}
	e.pieces(n.Inner, c, w)
	e.leave()
	w.insert("\n\n"+e.placeholder("</details>")+"\n\n", n.InnerEnd)
}

// video plays a file of the page's bundle: {{< video src="hop-bao.mp4" >}}
// with captions from captions="hop-bao.vtt". Nothing loads before the
// reader presses play.
func (e *expansion) video(n *shortcode.Node, c *shortcode.Call, w sink) {
	e.media(n, c, w, "video", "Tải video xuống")
}

// audio plays a sound file: {{< audio src="ban-tin.mp3" >}}.
func (e *expansion) audio(n *shortcode.Node, c *shortcode.Call, w sink) {
	e.media(n, c, w, "audio", "Tải tệp âm thanh xuống")
}

func (e *expansion) media(n *shortcode.Node, c *shortcode.Call, w sink, el, download string) {
	e.inner(n, c)
	src := arg(c, "src", 0)
	if src == "" {
		errorf(e, c.Position, "write the file: {{< "+el+" src=\"ten-tep\" >}}", "ghi tên tệp: {{< "+el+" src=\"ten-tep\" >}}",
			"the %s shortcode needs src", "shortcode %s thiếu src", el)
		return
	}
	var b strings.Builder
	caption := arg(c, "caption", -1)
	if caption != "" {
		b.WriteString("<figure>")
	}
	s := e.href(src, c)
	b.WriteString("<" + el + ` controls preload="none" src="` + s + `"`)
	if el == "video" {
		if poster := arg(c, "poster", -1); poster != "" {
			if e.p.safeURL(poster, c.Position, &e.diags) && isLocal(poster) {
				i := e.addRef(RefImage, poster, c.Position)
				b.WriteString(` poster="` + token(i, Large) + `"`)
			} else {
				b.WriteString(` poster="` + html.EscapeString(poster) + `"`)
			}
		}
		for _, a := range []string{"width", "height"} {
			if v := arg(c, a, -1); v != "" {
				b.WriteString(" " + a + `="` + html.EscapeString(v) + `"`)
			}
		}
	}
	if t := arg(c, "title", -1); t != "" {
		b.WriteString(` title="` + html.EscapeString(t) + `"`)
	}
	b.WriteString(">")
	if captions := arg(c, "captions", -1); captions != "" && el == "video" {
		lang := firstOf(arg(c, "srclang", -1), "vi")
		label := firstOf(arg(c, "label", -1), "Tiếng Việt")
		b.WriteString(`<track kind="captions" srclang="` + html.EscapeString(lang) + `" label="` + html.EscapeString(label) + `" default src="` + e.href(captions, c) + `">`)
	} else if el == "video" && isLocal(src) {
		// Captions beside the video, video.vtt for video.mp4, are found
		// by the site; without them this token writes nothing.
		vtt := strings.TrimSuffix(pathOf(src), path.Ext(pathOf(src))) + ".vtt"
		b.WriteString(token(e.addRef(RefCaptions, vtt, c.Position), Track))
	}
	b.WriteString(`<a href="` + s + `">` + download)
	if ext := strings.TrimPrefix(path.Ext(pathOf(src)), "."); ext != "" {
		b.WriteString(" (" + html.EscapeString(ext) + ")")
	}
	b.WriteString("</a></" + el + ">")
	if caption != "" {
		b.WriteString("<figcaption>" + e.p.Inline(caption) + "</figcaption></figure>")
	}
	w.insert(e.placeholder(b.String()), n.Start)
}

func pathOf(dest string) string {
	if u, err := url.Parse(dest); err == nil {
		return u.Path
	}
	return dest
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func plainText(h string) string {
	return strings.TrimSpace(html.UnescapeString(tagRe.ReplaceAllString(h, "")))
}

// comment is Hugo's {{% comment %}}…{{% /comment %}}: a note for the
// editors that is never published.
func (e *expansion) comment(n *shortcode.Node, c *shortcode.Call, w sink) {
	e.inner(n, c)
	w.insert(e.placeholder(""), n.Start)
}
