package page

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"loa/generator/diag"
)

// RefKind tells a link from an image.
type RefKind int

const (
	RefLink RefKind = iota
	RefImage
	// RefCaptions is the captions file a video may have beside it
	// (video.vtt for video.mp4): a <track> when it exists, nothing when not.
	RefCaptions
)

// Ref is a link or image in the Markdown that points at a file of the site:
// another content file ("../gioi-thieu/_index.md"), a file beside the page
// ("anh-1.jpg") or a static file ("/images/logo.svg"). Its place in Content
// is a token that Expand replaces.
type Ref struct {
	Kind RefKind
	Dest string // as written, e.g. "../a/index.md#muc-1"
	Pos  diag.Pos
	// Full is the address as written when it was a full address on the
	// site's own host, and Dest the path made of it: another program on
	// the same host may answer there, so it is kept when the site has
	// nothing at that path.
	Full string
}

// tokenByte delimits a Ref token in Content. It is removed from sources, so a
// token can only come from the renderer.
const tokenByte = 0x1a

const refAttr = "loa-ref"

// dropAttr marks a link or image whose address is not published.
const dropAttr = "loa-drop"

func dropped(n ast.Node) bool {
	_, ok := n.AttributeString(dropAttr)
	return ok
}

// Token kinds: what an image token stands for where it is written. A link
// token and an image token written with Attrs become the attributes the
// site resolves; the other kinds exist only for images.
const (
	Attrs     byte = 0   // a link's href, or an image's attributes in a figure or a line of text
	Thumb     byte = 'g' // the attributes of an image shown as a thumbnail of a gallery
	Large     byte = 'l' // the address of the largest published version of an image
	Original  byte = 'o' // a link to download the original, or nothing
	OrigBlock byte = 'p' // the same link in a figcaption of its own, or nothing
	Track     byte = 't' // a video's <track> of captions, or nothing
)

// TrackElement is the <track> of Vietnamese captions at url.
func TrackElement(url string) string {
	return `<track kind="captions" srclang="vi" label="Tiếng Việt" default src="` + url + `">`
}

func writeToken(w util.BufWriter, i int, kind byte) { _, _ = w.WriteString(token(i, kind)) }

// Expand returns html with every Ref token replaced by repl(i, kind). For a
// link, repl gives the escaped URL for the href attribute; for an image of
// kind Attrs or Thumb, the attributes src, srcset, sizes, width, height and
// loading, as in `src="/a.jpg" width="800" height="500" loading="lazy"`.
func Expand(html string, repl func(i int, kind byte) string) string {
	if strings.IndexByte(html, tokenByte) < 0 {
		return html
	}
	var b strings.Builder
	b.Grow(len(html) + 512)
	expand(&b, html, repl)
	return b.String()
}

// AppendExpand appends html to dst as Expand returns it.
func AppendExpand(dst []byte, html string, repl func(i int, kind byte) string) []byte {
	b := bytes.NewBuffer(dst)
	expand(b, html, repl)
	return b.Bytes()
}

func expand(b io.StringWriter, html string, repl func(i int, kind byte) string) {
	for {
		start := strings.IndexByte(html, tokenByte)
		if start < 0 {
			b.WriteString(html)
			return
		}
		end := strings.IndexByte(html[start+1:], tokenByte)
		if end < 0 {
			b.WriteString(html)
			return
		}
		b.WriteString(html[:start])
		tok := html[start+1 : start+1+end]
		kind := Attrs
		if n := len(tok); n > 0 && (tok[n-1] < '0' || tok[n-1] > '9') {
			kind, tok = tok[n-1], tok[:n-1]
		}
		i, _ := strconv.Atoi(tok)
		b.WriteString(repl(i, kind))
		html = html[start+end+2:]
	}
}

// nodeRenderer renders what Loa does differently from goldmark: an image
// alone in its paragraph as a figure with a caption, links and images to
// files of the site as tokens, and raw HTML (when not allowed) as nothing.
type nodeRenderer struct{ unsafe bool }

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(KindAbbr, r.abbr)
	if !r.unsafe {
		reg.Register(ast.KindHTMLBlock, r.nothing)
		reg.Register(ast.KindRawHTML, r.nothing)
	}
}

func (r *nodeRenderer) nothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// figureImage returns the image when it is all its paragraph holds.
func figureImage(n ast.Node) *ast.Image {
	if n.ChildCount() != 1 {
		return nil
	}
	img, _ := n.FirstChild().(*ast.Image)
	if img != nil && dropped(img) {
		return nil
	}
	return img
}

// galleryImages returns the images of a paragraph that holds two or more
// images and nothing else but the spaces and line breaks between them: an
// editor's way of putting several photos side by side.
func galleryImages(n ast.Node, src []byte) []*ast.Image {
	if n.ChildCount() < 2 {
		return nil
	}
	var imgs []*ast.Image
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			if dropped(c) {
				return nil
			}
			imgs = append(imgs, c)
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	if len(imgs) < 2 {
		return nil
	}
	return imgs
}

func (r *nodeRenderer) paragraph(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if bare, ok := n.AttributeString(bareAttr); ok {
		// Shortcodes that give a block, alone in their paragraph.
		if entering {
			_, _ = w.Write(bare.([]byte))
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	}
	if img := figureImage(n); img != nil {
		if entering {
			r.figure(w, src, img)
		}
		return ast.WalkSkipChildren, nil
	}
	if imgs := galleryImages(n, src); imgs != nil {
		if entering {
			r.gallery(w, src, imgs)
		}
		return ast.WalkSkipChildren, nil
	}
	if entering {
		_, _ = w.WriteString("<p>")
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// figure writes an image alone in its paragraph, with its title as caption.
func (r *nodeRenderer) figure(w util.BufWriter, src []byte, img *ast.Image) {
	_, _ = w.WriteString("<figure>")
	r.img(w, src, img, Attrs)
	ref, isRef := img.AttributeString(refAttr)
	switch {
	case len(img.Title) > 0:
		_, _ = w.WriteString("<figcaption>")
		escape(w, string(img.Title))
		if isRef {
			writeToken(w, ref.(int), Original)
		}
		_, _ = w.WriteString("</figcaption>")
	case isRef:
		writeToken(w, ref.(int), OrigBlock)
	}
	_, _ = w.WriteString("</figure>\n")
}

// gallery writes a grid of thumbnails with their captions, each a link to
// the large picture: it works without JavaScript, and the theme's script
// may show the large picture over the page instead.
func (r *nodeRenderer) gallery(w util.BufWriter, src []byte, imgs []*ast.Image) {
	_, _ = w.WriteString(`<div class="album">`)
	for _, img := range imgs {
		_, _ = w.WriteString(`<figure><a class="album-link" href="`)
		if i, ok := img.AttributeString(refAttr); ok {
			writeToken(w, i.(int), Large)
		} else {
			escape(w, string(util.URLEscape(img.Destination, true)))
		}
		_, _ = w.WriteString(`">`)
		r.img(w, src, img, Thumb)
		_, _ = w.WriteString("</a>")
		if len(img.Title) > 0 {
			_, _ = w.WriteString("<figcaption>")
			escape(w, string(img.Title))
			_, _ = w.WriteString("</figcaption>")
		}
		_, _ = w.WriteString("</figure>")
	}
	_, _ = w.WriteString("</div>\n")
}

func (r *nodeRenderer) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	if dropped(n) {
		escape(w, inlineText(n, src))
		return ast.WalkSkipChildren, nil
	}
	r.img(w, src, n.(*ast.Image), Attrs)
	return ast.WalkSkipChildren, nil
}

// autoLink writes <https://…> and <ban@halam.gov.vn> as links, and a
// dropped address as its text.
func (r *nodeRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	label := string(n.Label(src))
	if dropped(n) {
		escape(w, label)
		return ast.WalkContinue, nil
	}
	url := n.URL(src)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	_, _ = w.WriteString(`<a href="`)
	escape(w, string(util.URLEscape(url, false)))
	_, _ = w.WriteString(`">`)
	escape(w, label)
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

// img writes an image. An image of the site gets its attributes from the
// site (sizes, srcset, eager or lazy loading); another site's image loads
// lazily.
func (r *nodeRenderer) img(w util.BufWriter, src []byte, img *ast.Image, kind byte) {
	_, _ = w.WriteString("<img ")
	if i, ok := img.AttributeString(refAttr); ok {
		writeToken(w, i.(int), kind)
		_, _ = w.WriteString(` alt="`)
		escape(w, inlineText(img, src))
		_, _ = w.WriteString(`">`)
		return
	}
	_, _ = w.WriteString(`src="`)
	escape(w, string(util.URLEscape(img.Destination, true)))
	_, _ = w.WriteString(`" alt="`)
	escape(w, inlineText(img, src))
	_, _ = w.WriteString(`" loading="lazy" decoding="async">`)
}

func (r *nodeRenderer) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if dropped(n) {
		return ast.WalkContinue, nil // the text alone
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	if i, ok := n.AttributeString(refAttr); ok {
		writeToken(w, i.(int), Attrs)
	} else {
		escape(w, string(util.URLEscape(n.Destination, true)))
	}
	_ = w.WriteByte('"')
	if len(n.Title) > 0 {
		_, _ = w.WriteString(` title="`)
		escape(w, string(n.Title))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
