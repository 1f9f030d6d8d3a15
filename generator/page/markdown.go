package page

import (
	"bufio"
	"bytes"
	"html"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/locale"
	"loa/generator/vi"
)

// markdown is the configured goldmark instance of one build.
type markdown struct {
	gm     goldmark.Markdown
	unsafe bool
}

func newMarkdown(unsafe bool) *markdown {
	opts := []renderer.Option{}
	if unsafe {
		opts = append(opts, gmhtml.WithUnsafe())
	}
	gm := goldmark.New(
		// Table alignment becomes a class (see the walk in render): the
		// style attribute goldmark writes is blocked by the theme's
		// Content-Security-Policy (style-src 'self').
		goldmark.WithExtensions(extension.Linkify, extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough, extension.TaskList, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(opts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&nodeRenderer{unsafe: unsafe}, 100))),
	)
	return &markdown{gm: gm, unsafe: unsafe}
}

// render converts the body of pg to HTML, collecting references, headings,
// words and warnings. bodyLine is the file line on which body starts.
// With pr, a body without shortcodes is read for the proofreader too.
func (p *Parser) render(pg *Page, body []byte, bodyLine int, pr *Proof) diag.List {
	e := p.expand(pg, body, bodyLine)
	diags := e.diags
	if diags.HasErrors() {
		return diags
	}
	body = e.out
	ctx := parser.NewContext(parser.WithIDs(&headingIDs{used: map[string]bool{}, plain: e.plain}))
	doc := p.md.gm.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	if pr != nil {
		// Before the walk below and abbreviate change the tree: they
		// mark unsafe links and pictures dropped (a dropped picture is
		// no figure) and cut abbreviations out of the text. The
		// proofreader reads the Markdown as written.
		pr.read(doc, e)
	}
	at := func(offset int) diag.Pos {
		pos, _ := e.at(offset)
		return pos
	}
	out := renderBuffers.Get().(*renderBuffer)
	defer out.put()
	// The text kept for the summary (see the 4,000 below), in room used
	// again from page to page: made for each, it was 470 MB of the
	// allocations of a 100,000-item build.
	plain := &out.plain
	words := 0
	var raw rawHTML
	var more []ast.Node // <!--more--> dividers: the summary is what comes before
	summary := ""
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.TableCell:
			if n.Alignment != east.AlignNone {
				n.SetAttributeString("class", alignClasses[n.Alignment])
			}
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			pg.TOC = append(pg.TOC, Heading{Level: n.Level, ID: string(idb), Text: e.plain(inlineText(n, body))})
			if plain.Len() > 0 && plain.Len() < 4000 {
				plain.WriteByte(' ') // "…năm. Kết quả", not "…năm.Kết quả"
			}
		case *ast.Link:
			pos := e.linkPos(n, body, at(linkOffset(n, body, 1)))
			if !p.dropUnsafe(n, string(n.Destination), pos, &diags) {
				p.ref(pg, n, RefLink, string(n.Destination), pos)
			}
		case *ast.Image:
			if !p.dropUnsafe(n, string(n.Destination), at(linkOffset(n, body, 2)), &diags) {
				p.ref(pg, n, RefImage, string(n.Destination), at(linkOffset(n, body, 2)))
			}
		case *ast.AutoLink:
			p.dropUnsafe(n, string(n.URL(body)), at(autoLinkOffset(n, body)), &diags)
		case *ast.HTMLBlock:
			if isMore(n.Lines(), body) {
				more, summary = append(more, n), firstOf(summary, plain.String(), " ")
			} else if !p.md.unsafe && n.Lines().Len() > 0 {
				raw.add(at(n.Lines().At(0).Start))
			}
		case *ast.RawHTML:
			if isMore(n.Segments, body) {
				more, summary = append(more, n), firstOf(summary, plain.String(), " ")
			} else if !p.md.unsafe && n.Segments.Len() > 0 {
				raw.add(at(n.Segments.At(0).Start))
			}
		case *ast.Text:
			seg := n.Segment.Value(body)
			if e.placeholders() {
				seg = []byte(e.plain(string(seg)))
			}
			words += countWords(seg)
			if plain.Len() < 4000 {
				plain.Write(seg)
				if n.SoftLineBreak() || n.HardLineBreak() {
					plain.WriteByte(' ')
				}
			}
		case *ast.Paragraph, *ast.ListItem, *ast.Blockquote:
			if para, ok := n.(*ast.Paragraph); ok && e.paragraph(para, body) {
				return ast.WalkSkipChildren, nil
			}
			if plain.Len() > 0 && plain.Len() < 4000 {
				plain.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{File: pg.File}, "", "reading Markdown: %v", err)
		return diags
	}
	raw.warn(&diags)
	p.abbreviate(doc, body)
	for _, n := range more {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	out.html.Grow(len(body) + len(body)/4)
	out.w.Reset(&out.html)
	if err := p.md.gm.Renderer().Render(out.w, body, doc); err != nil {
		diags.Errorf(diag.Pos{File: pg.File}, "", "rendering Markdown: %v", err)
		return diags
	}
	pg.Content = e.fill(out.html.String())
	e.sortRefs(pg)
	pg.WordCount = words
	switch {
	case pg.Summary != "":
	case summary != "":
		pg.Summary = strings.TrimSpace(summary)
	default:
		// firstWords makes a string of its own: the bytes are not kept.
		pg.Summary = firstWords(unsafe.String(unsafe.SliceData(plain.Bytes()), plain.Len()), p.cfg.SummaryLength)
	}
	return diags
}

// dropUnsafe marks a link or image whose address would run a script
// (javascript:, vbscript:, a data: document) so that the renderer writes
// its text alone, and warns where it is written. With [markup] unsafe the
// site's authors take that risk themselves.
func (p *Parser) dropUnsafe(n ast.Node, dest string, pos diag.Pos, diags *diag.List) bool {
	scheme := config.UnsafeURL(dest)
	if scheme == "" || p.md.unsafe {
		return false
	}
	n.SetAttributeString(dropAttr, true)
	diags.Warnf(pos, "link to a page or a file instead; a "+scheme+": address runs code in the reader's browser",
		"%s: address dropped; only its text is published", scheme).Vi(
		"hãy liên kết tới một trang hoặc một tệp; địa chỉ "+scheme+": chạy mã lệnh trong trình duyệt của người đọc",
		"đã bỏ địa chỉ %s:, chỉ đăng phần chữ", scheme)
	return true
}

// ref records a link or image to a file of the site as a Ref and marks the
// node so that the renderer writes its token.
func (p *Parser) ref(pg *Page, n ast.Node, kind RefKind, dest string, pos diag.Pos) {
	full := ""
	if path, ok := ownAddress(p.cfg.BaseURL, dest); ok {
		full, dest = dest, path
	}
	if !isLocal(dest) {
		return
	}
	n.SetAttributeString(refAttr, len(pg.Refs))
	pg.Refs = append(pg.Refs, Ref{Kind: kind, Dest: dest, Pos: pos, Full: full})
}

// isLocal reports whether dest names a file of the site rather than another
// site, an anchor on the same page, or a mail or phone address.
func isLocal(dest string) bool {
	if dest == "" || dest[0] == '#' || strings.HasPrefix(dest, "//") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == ""
}

// autoLinkOffset finds the "<" of an autolink in its paragraph.
func autoLinkOffset(n *ast.AutoLink, src []byte) int {
	start := linkOffset(n, src, 0)
	if i := bytes.Index(src[start:], append([]byte("<"), n.Label(src)...)); i >= 0 {
		return start + i
	}
	return start
}

// linkOffset finds the byte offset of the "[" (or "![") that opens a link,
// from the first text inside it.
func linkOffset(n ast.Node, src []byte, back int) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			if off := t.Segment.Start - back; off >= 0 {
				return off
			}
			return t.Segment.Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// inlineText is the plain text of an inline node's children.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for s := t.FirstChild(); s != nil; s = s.NextSibling() {
				if tt, ok := s.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// firstWords returns the first n words of s, with an ellipsis if cut.
func firstWords(s string, n int) string {
	var b strings.Builder
	words := 0
	for i := 0; i < len(s); {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		if words == n {
			b.WriteString("…")
			break
		}
		j := i
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		if words > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:j])
		words++
		i = j
	}
	return b.String()
}

// countWords counts runs of letters between spaces. Vietnamese separates
// syllables with spaces, so this is what editors know as the word count.
func countWords(b []byte) int {
	n := 0
	in := false
	for _, c := range b {
		if isSpace(c) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// headingIDs gives headings ids made with the slug of their text, unique in
// the page: "## Tiếng Việt" → "tieng-viet", a second one "tieng-viet-1"; a
// Khmer heading keeps its letters.
type headingIDs struct {
	used  map[string]bool
	plain func(string) string // the text of shortcodes in place of their placeholders
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := locale.Slug(h.plain(string(value)))
	if base == "" {
		base = "muc"
	}
	id := base
	for i := 1; h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	h.used[id] = true
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

var _ parser.IDs = (*headingIDs)(nil)

// escape writes s escaped for HTML text or attribute values.
func escape(w util.BufWriter, s string) { _, _ = w.WriteString(html.EscapeString(s)) }

// Inline renders a short text of Markdown, such as a caption or a message,
// to HTML without the surrounding paragraph. Raw HTML is dropped as in pages.
func (p *Parser) Inline(s string) string {
	var out bytes.Buffer
	if err := p.md.gm.Convert([]byte(vi.NFC(s)), &out); err != nil {
		return html.EscapeString(s)
	}
	h := strings.TrimSpace(out.String())
	if strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		h = h[3 : len(h)-4]
	}
	return h
}

// alignClasses are the classes of aligned table cells, made once: the
// renderer only reads them.
var alignClasses = map[east.Alignment][]byte{
	east.AlignLeft:   []byte("align-" + east.AlignLeft.String()),
	east.AlignRight:  []byte("align-" + east.AlignRight.String()),
	east.AlignCenter: []byte("align-" + east.AlignCenter.String()),
}

// A renderBuffer holds a page's HTML while goldmark writes it, through a
// buffered writer of its own: given a plain io.Writer, goldmark makes a
// new 4 KB bufio.Writer for every page (367 MB of a 100,000-item build's
// allocations), and the buffer grown for each page was as much again.
type renderBuffer struct {
	html  bytes.Buffer
	w     *bufio.Writer
	plain bytes.Buffer // the page's text, for its summary
}

var renderBuffers = sync.Pool{New: func() any {
	b := &renderBuffer{}
	b.w = bufio.NewWriter(&b.html)
	return b
}}

func (b *renderBuffer) put() {
	b.html.Reset()
	b.plain.Reset()
	b.w.Reset(nil)
	if b.html.Cap() <= 1<<20 { // a page of megabytes stays its own
		renderBuffers.Put(b)
	}
}
