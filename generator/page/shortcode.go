package page

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"loa/generator/diag"
	"loa/generator/shortcode"
)

// Shortcodes renders the shortcodes a site defines as templates
// (layouts/shortcodes/NAME.html of the site over its theme's). The build
// implements it with the theme package, so that page imports no template
// loader; a parser without one knows only the shortcodes written in Go.
type Shortcodes interface {
	Has(name string) bool
	Names() []string
	// Render runs the template of c.Name with c as its dot: HTML for
	// {{< >}}, Markdown for {{% %}}.
	Render(c *shortcode.Call) (string, error)
}

// WithShortcodes returns a parser that renders shortcodes with sc's
// templates besides those written in Go.
func (p *Parser) WithShortcodes(sc Shortcodes) *Parser {
	q := *p
	q.sc = sc
	return &q
}

// expansion is a page's body with its shortcodes expanded, as goldmark
// reads it: the output of a {{< >}} shortcode stands as a placeholder (the
// token byte, "S", its number, the token byte) and goes in after goldmark
// has rendered the page; the output of a {{% %}} shortcode is Markdown put
// in its place. segs map every offset of out back to the body as written,
// for positions.
type expansion struct {
	p        *Parser
	pg       *Page
	src      []byte // the body as written
	bodyLine int
	out      []byte
	segs     []seg
	outputs  []string // placeholder → HTML
	ordinals map[*shortcode.Call]int
	top      int   // ordinal of the next shortcode of the page itself
	depth    int   // of the shortcode being rendered
	lines    []int // offsets in src where lines start, once needed
	refs     bool
	diags    diag.List
}

// seg maps out[out:] (up to the next seg) to the body: offset by offset
// when verbatim, else all of it to src, where the shortcode is written.
type seg struct {
	out, src int
	verbatim bool
}

// sink receives an expansion: the body itself, or the inner text of a
// shortcode being rendered.
type sink interface {
	verbatim(start, end int)
	insert(text string, at int)
	tail(n int) string // the last n bytes written, for what comes before a shortcode
}

func (e *expansion) verbatim(start, end int) {
	if end <= start {
		return
	}
	e.segs = append(e.segs, seg{out: len(e.out), src: start, verbatim: true})
	e.out = append(e.out, e.src[start:end]...)
}

func (e *expansion) insert(text string, at int) {
	e.segs = append(e.segs, seg{out: len(e.out), src: at})
	e.out = append(e.out, text...)
}

func (e *expansion) tail(n int) string { return string(e.out[max(0, len(e.out)-n):]) }

// innerSink collects the inner text of a shortcode.
type innerSink struct {
	src []byte
	b   strings.Builder
}

func (s *innerSink) verbatim(start, end int)   { s.b.Write(s.src[start:end]) }
func (s *innerSink) insert(text string, _ int) { s.b.WriteString(text) }
func (s *innerSink) tail(n int) string {
	t := s.b.String()
	return t[max(0, len(t)-n):]
}

// expand expands the shortcodes of body. Without any, out is body.
func (p *Parser) expand(pg *Page, body []byte, bodyLine int) *expansion {
	e := &expansion{p: p, pg: pg, src: body, bodyLine: bodyLine, ordinals: map[*shortcode.Call]int{}}
	if !shortcode.Contains(body) {
		e.out = body
		e.segs = []seg{{verbatim: true}}
		return e
	}
	pieces, err := shortcode.Parse(body)
	if err != nil {
		e.diags.Errorf(e.pos(err.Offset), err.Hint, "%s", err.Msg).Vi(err.HintVi, "%s", err.MsgVi)
		return e
	}
	e.out = make([]byte, 0, len(body)+len(body)/8)
	e.pieces(pieces, nil, e)
	return e
}

func (e *expansion) pieces(pieces []shortcode.Piece, parent *shortcode.Call, w sink) {
	for _, pc := range pieces {
		if pc.Node == nil {
			w.verbatim(pc.Start, pc.End)
			continue
		}
		e.node(pc.Node, parent, w)
	}
}

// pos is the place in the file of an offset of the body as written. The
// starts of lines are found once: a page may hold thousands of shortcodes.
func (e *expansion) pos(offset int) diag.Pos {
	offset = min(max(offset, 0), len(e.src))
	if e.lines == nil {
		e.lines = []int{0}
		for i, c := range e.src {
			if c == '\n' {
				e.lines = append(e.lines, i+1)
			}
		}
	}
	line := sort.SearchInts(e.lines, offset+1) - 1
	col := utf8.RuneCount(e.src[e.lines[line]:offset]) + 1
	return diag.Pos{File: e.pg.File, Line: line + e.bodyLine, Col: col}
}

// at is the place in the file of an offset of out, and whether it lies in
// text a shortcode put there.
func (e *expansion) at(offset int) (diag.Pos, bool) {
	i := sort.Search(len(e.segs), func(i int) bool { return e.segs[i].out > offset }) - 1
	if i < 0 {
		return e.pos(offset), false
	}
	s := e.segs[i]
	if !s.verbatim {
		return e.pos(s.src), true
	}
	return e.pos(s.src + offset - s.out), false
}

// placeholder stands for html in out until fill puts it in.
func (e *expansion) placeholder(html string) string {
	e.outputs = append(e.outputs, html)
	return string(rune(tokenByte)) + "S" + strconv.Itoa(len(e.outputs)-1) + string(rune(tokenByte))
}

// node renders one shortcode into w.
func (e *expansion) node(n *shortcode.Node, parent *shortcode.Call, w sink) {
	if n.Escaped {
		w.insert(e.placeholder(html.EscapeString(n.Literal)), n.Start)
		return
	}
	name := n.Name
	if name == "vimeo_simple" {
		name = "vimeo" // Hugo's still picture of the video: the facade is as light
	}
	c := shortcode.NewCall(name, n.Args)
	c.Position, c.Parent, c.Markdown = e.pos(n.Start), parent, n.Markdown
	c.Page, c.Site = e.pg, e.p.cfg
	if parent == nil {
		c.Ordinal = e.top
		e.top++
	} else {
		c.Ordinal = e.ordinals[parent]
		e.ordinals[parent]++
	}
	if e.p.sc != nil && e.p.sc.Has(name) {
		e.template(n, c, w)
		return
	}
	if b := builtinFor(name); b != nil {
		b(e, n, c, w)
		return
	}
	if social(n.Name) {
		e.social(n, c, w)
		return
	}
	names := e.names()
	e.diags.Errorf(c.Position, "the shortcodes of this site are: "+strings.Join(names, ", ")+"; a site adds one as layouts/shortcodes/"+n.Name+".html",
		"unknown shortcode %q", n.Name).Vi(
		"các shortcode của trang này: "+strings.Join(names, ", ")+"; muốn thêm thì tạo tệp layouts/shortcodes/"+n.Name+".html",
		"không có shortcode %q", n.Name)
}

// names lists every shortcode the parser knows.
func (e *expansion) names() []string {
	names := slices.Clone(builtinNames)
	if e.p.sc != nil {
		names = append(names, e.p.sc.Names()...)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// inner renders what a paired shortcode encloses: its text as written,
// the shortcodes in it rendered (as placeholders when they give HTML).
func (e *expansion) inner(n *shortcode.Node, c *shortcode.Call) {
	if !n.Paired {
		return
	}
	if !e.enter(c) {
		return
	}
	defer e.leave()
	s := &innerSink{src: e.src}
	e.pieces(n.Inner, c, s)
	c.SetInner(s.b.String())
}

// enter counts one more level of shortcodes inside shortcodes, and
// refuses too many.
func (e *expansion) enter(c *shortcode.Call) bool {
	if e.depth >= shortcode.MaxDepth {
		errorf(e, c.Position, "close the shortcodes you opened before opening others", "đóng các shortcode đã mở trước khi mở shortcode khác",
			"shortcodes are nested more than %d deep", "shortcode lồng nhau quá %d tầng", shortcode.MaxDepth)
		return false
	}
	e.depth++
	return true
}

func (e *expansion) leave() { e.depth-- }

// template renders a shortcode with the site's or theme's template.
func (e *expansion) template(n *shortcode.Node, c *shortcode.Call, w sink) {
	e.inner(n, c)
	out, err := e.p.sc.Render(c)
	if err != nil {
		msg := err.Error()
		e.diags.Errorf(c.Position, "check layouts/shortcodes/"+n.Name+".html at the line the message names, and the arguments written here",
			"shortcode %s: %s", n.Name, msg).Vi(
			"kiểm tra tệp layouts/shortcodes/"+n.Name+".html ở dòng ghi trong thông báo, và các tham số viết ở đây",
			"shortcode %s: %s", n.Name, msg)
		return
	}
	out = e.clean(out)
	if n.Markdown {
		w.insert(out, n.Start)
		return
	}
	w.insert(e.placeholder(out), n.Start)
}

// clean keeps, of the token bytes in a template's output, only the
// placeholders of the shortcodes it holds (from .Inner): a template
// cannot forge a Ref token.
func (e *expansion) clean(out string) string {
	if strings.IndexByte(out, tokenByte) < 0 {
		return out
	}
	var b strings.Builder
	for {
		start := strings.IndexByte(out, tokenByte)
		if start < 0 {
			b.WriteString(out)
			return b.String()
		}
		b.WriteString(out[:start])
		out = out[start:]
		end := strings.IndexByte(out[1:], tokenByte) + 1
		if end > 0 {
			if i, err := strconv.Atoi(strings.TrimPrefix(out[1:end], "S")); err == nil && out[1] == 'S' && i >= 0 && i < len(e.outputs) {
				b.WriteString(out[:end+1])
				out = out[end+1:]
				continue
			}
		}
		out = out[1:] // a stray token byte
	}
}

// fill puts the output of every shortcode in place of its placeholder.
func (e *expansion) fill(s string) string {
	if len(e.outputs) == 0 || strings.IndexByte(s, tokenByte) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 256)
	e.fillInto(&b, s, 0)
	return b.String()
}

func (e *expansion) fillInto(b *strings.Builder, s string, depth int) {
	for {
		start := strings.IndexByte(s, tokenByte)
		if start < 0 {
			b.WriteString(s)
			return
		}
		end := strings.IndexByte(s[start+1:], tokenByte)
		if end < 0 {
			b.WriteString(s)
			return
		}
		end += start + 1
		tok := s[start+1 : end]
		if i, err := strconv.Atoi(strings.TrimPrefix(tok, "S")); err == nil && strings.HasPrefix(tok, "S") && i < len(e.outputs) && depth <= shortcode.MaxDepth {
			b.WriteString(s[:start])
			e.fillInto(b, e.outputs[i], depth+1)
		} else {
			b.WriteString(s[:end+1]) // a Ref token: the site fills it in
		}
		s = s[end+1:]
	}
}

// plain returns text with the outputs of shortcodes as plain text, for the
// summary, the word count and headings.
func (e *expansion) plain(s string) string {
	if len(e.outputs) == 0 || strings.IndexByte(s, tokenByte) < 0 {
		return s
	}
	s = e.fill(s)
	s = tagRe.ReplaceAllString(s, "")
	s = strings.Map(func(r rune) rune {
		if r == tokenByte {
			return -1
		}
		return r
	}, refTokenRe.ReplaceAllString(s, ""))
	return html.UnescapeString(s)
}

var (
	tagRe      = regexp.MustCompile(`<[^>]*>`)
	refTokenRe = regexp.MustCompile("\x1a[0-9]+[a-z]?\x1a")
)

// onlyBlocks reports whether a paragraph's text is nothing but
// placeholders of shortcodes whose output is a block of HTML (a figure, a
// video, a code block), so that it is not wrapped in <p>…</p>.
func (e *expansion) onlyBlocks(text []byte) bool {
	t := bytes.TrimSpace(text)
	if len(t) == 0 || len(e.outputs) == 0 {
		return false
	}
	for len(t) > 0 {
		if t[0] != tokenByte || len(t) < 3 || t[1] != 'S' {
			return false
		}
		end := bytes.IndexByte(t[1:], tokenByte)
		if end < 0 {
			return false
		}
		i, err := strconv.Atoi(string(t[2 : end+1]))
		if err != nil || i >= len(e.outputs) || !isBlock(e.fill(e.outputs[i])) {
			return false
		}
		t = bytes.TrimSpace(t[end+2:])
	}
	return true
}

// isBlock reports whether html starts with an element that may not stand
// inside a paragraph.
func isBlock(h string) bool {
	h = strings.TrimSpace(h)
	if !strings.HasPrefix(h, "<") {
		return false
	}
	name := strings.TrimPrefix(strings.ToLower(h[1:]), "/") // a closing tag, as details gives
	if i := strings.IndexAny(name, " \t\n>/"); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer",
		"form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "iframe", "menu", "nav", "ol", "p", "pre",
		"section", "table", "ul", "video", "audio", "picture", "svg", "!--":
		return true
	}
	return false
}

// sortRefs numbers the Refs in the order they are written: shortcodes
// record theirs before the Markdown's, but the first picture of a page is
// the one that loads at once.
func (e *expansion) sortRefs(pg *Page) {
	if !e.refs || len(pg.Refs) < 2 {
		return
	}
	order := make([]int, len(pg.Refs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := pg.Refs[order[a]].Pos, pg.Refs[order[b]].Pos
		return x.Line < y.Line || x.Line == y.Line && x.Col < y.Col
	})
	renum := make([]int, len(order))
	refs := make([]Ref, len(order))
	for n, old := range order {
		renum[old] = n
		refs[n] = pg.Refs[old]
	}
	pg.Refs = refs
	pg.Content = Expand(pg.Content, func(i int, kind byte) string {
		if i < 0 || i >= len(renum) {
			return ""
		}
		return token(renum[i], kind)
	})
}

// addRef records a Ref a shortcode writes, and returns its number.
func (e *expansion) addRef(kind RefKind, dest string, pos diag.Pos) int {
	e.refs = true
	e.pg.Refs = append(e.pg.Refs, Ref{Kind: kind, Dest: dest, Pos: pos})
	return len(e.pg.Refs) - 1
}

func token(i int, kind byte) string {
	s := string(rune(tokenByte)) + strconv.Itoa(i)
	if kind != Attrs {
		s += string(kind)
	}
	return s + string(rune(tokenByte))
}

func errorf(e *expansion, pos diag.Pos, hint, hintVi, msg, msgVi string, args ...any) {
	e.diags.Errorf(pos, hint, "%s", fmt.Sprintf(msg, args...)).Vi(hintVi, "%s", fmt.Sprintf(msgVi, args...))
}

// placeholders reports whether out holds shortcode outputs.
func (e *expansion) placeholders() bool { return len(e.outputs) > 0 }

// bareAttr marks a paragraph written without <p>: its text is the
// placeholder of a block (a figure, a video) given as the attribute.
const bareAttr = "loa-bare"

// paragraph marks a paragraph that holds only shortcodes whose output is a
// block, or only the address of a YouTube or Vimeo video, so that the
// renderer writes it without <p>. It reports whether it did.
func (e *expansion) paragraph(n *ast.Paragraph, src []byte) bool {
	if ph, ok := e.videoParagraph(n, src); ok {
		n.SetAttributeString(bareAttr, []byte(ph))
		return true
	}
	if !e.placeholders() {
		return false
	}
	var text []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return false
		}
		text = append(text, t.Segment.Value(src)...)
		text = append(text, '\n')
	}
	if !e.onlyBlocks(text) {
		return false
	}
	n.SetAttributeString(bareAttr, bytes.TrimSpace(text))
	return true
}

// linkPos is where a link is written: at its "[", or, when a ref
// shortcode gave its address, at the shortcode.
func (e *expansion) linkPos(n *ast.Link, src []byte, def diag.Pos) diag.Pos {
	if len(e.segs) < 2 {
		return def
	}
	start := linkOffset(n, src, 1)
	window := src[start:min(len(src), start+4096)] // a link's text is not longer
	i := bytes.Index(window, append([]byte("]("), n.Destination...))
	if i < 0 {
		return def
	}
	off := start + i + 2
	if off < len(src) && src[off] == '<' {
		off++
	}
	if pos, inserted := e.at(off); inserted {
		return pos
	}
	return def
}
