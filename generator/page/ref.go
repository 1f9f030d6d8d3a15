package page

import (
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
)

// Ref is a link or image in the Markdown that points at a file of the site:
// another content file ("../gioi-thieu/_index.md"), a file beside the page
// ("anh-1.jpg") or a static file ("/images/logo.svg"). Its place in Content
// is a token that Expand replaces.
type Ref struct {
	Kind RefKind
	Dest string // as written, e.g. "../a/index.md#muc-1"
	Pos  diag.Pos
}

// tokenByte delimits a Ref token in Content. It is removed from sources, so a
// token can only come from the renderer.
const tokenByte = 0x1a

const refAttr = "loa-ref"

func writeToken(w util.BufWriter, i int) {
	_ = w.WriteByte(tokenByte)
	_, _ = w.WriteString(strconv.Itoa(i))
	_ = w.WriteByte(tokenByte)
}

// Expand returns html with every Ref token i replaced by repl(i). For a
// link, repl gives the escaped URL for the href attribute; for an image, the
// attributes src, width and height, as in `src="/a.jpg" width="800" height="500"`.
func Expand(html string, repl func(i int) string) string {
	if strings.IndexByte(html, tokenByte) < 0 {
		return html
	}
	var b strings.Builder
	b.Grow(len(html) + 256)
	for {
		start := strings.IndexByte(html, tokenByte)
		if start < 0 {
			b.WriteString(html)
			return b.String()
		}
		end := strings.IndexByte(html[start+1:], tokenByte)
		if end < 0 {
			b.WriteString(html)
			return b.String()
		}
		b.WriteString(html[:start])
		i, _ := strconv.Atoi(html[start+1 : start+1+end])
		b.WriteString(repl(i))
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
	return img
}

func (r *nodeRenderer) paragraph(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if img := figureImage(n); img != nil {
		if entering {
			_, _ = w.WriteString("<figure>")
			r.img(w, src, img)
			if len(img.Title) > 0 {
				_, _ = w.WriteString("<figcaption>")
				escape(w, string(img.Title))
				_, _ = w.WriteString("</figcaption>")
			}
			_, _ = w.WriteString("</figure>\n")
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

func (r *nodeRenderer) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.img(w, src, n.(*ast.Image))
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) img(w util.BufWriter, src []byte, img *ast.Image) {
	_, _ = w.WriteString("<img ")
	if i, ok := img.AttributeString(refAttr); ok {
		writeToken(w, i.(int))
	} else {
		_, _ = w.WriteString(`src="`)
		escape(w, string(util.URLEscape(img.Destination, true)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(` alt="`)
	escape(w, inlineText(img, src))
	_, _ = w.WriteString(`" loading="lazy" decoding="async">`)
}

func (r *nodeRenderer) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	if i, ok := n.AttributeString(refAttr); ok {
		writeToken(w, i.(int))
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
