package page

import (
	"bytes"
	"slices"
	"strings"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"loa/generator/diag"
	"loa/generator/shortcode"
	"loa/generator/vi"
)

// Proof is what the proofreader (package check) reads of a content file:
// the prose an editor wrote, run by run with the place each starts, and
// the pictures and links with what they say. Code, raw HTML, addresses and
// shortcode tags are not prose and are left out. Parse does not make it,
// so that a build that does not proofread pays nothing and parsed pages
// hold no second copy of the text. ParseWithProof makes it with the page,
// for a builder that proofreads what it parses anew: from the page's own
// goldmark tree when the body has no shortcodes, else from the body laid
// out as Proof lays it out (a mark for each tag), parsed apart. Proof
// reads a file on its own, for the files no parse read.
type Proof struct {
	Texts  []Text
	Images []Image
	Links  []Link

	end int // offset in the body just after the last run of prose, to join runs goldmark split
	// src is the body being read as a string over its bytes: each run of
	// prose is a slice of it, not a string of its own, and a run joined
	// with the pieces that follow it is a longer slice.
	src string
}

// TextKind tells where a run of prose stands.
type TextKind int

const (
	TextBody    TextKind = iota // paragraphs, lists, quotes, tables
	TextHeading                 // a heading of the body
	TextLink                    // the text of a link
	TextAlt                     // a picture's description (alt text)
	TextCaption                 // a picture's caption (its title)
	TextField                   // a front matter field: title, description, summary
)

// Text is a run of prose on one line: the column of its i-th character is
// Pos.Col+i. Runs of one line may follow each other (around emphasis or a
// link), each with its own place.
type Text struct {
	Pos  diag.Pos
	Text string
	Kind TextKind
	Key  string // the front matter key of a field
}

// Image is a picture the body shows.
type Image struct {
	Pos    diag.Pos // of "![", or of the shortcode
	Dest   string
	Alt    string
	Title  string // the caption
	Figure bool   // published as a figure: alone in its paragraph, in an album, or a figure shortcode
	// Shortcode is "figure" for {{< figure >}}, "" for Markdown.
	Shortcode string
}

// Link is a link of the body, or an autolink (a bare address linkified).
type Link struct {
	Pos  diag.Pos // of the address
	Dest string
}

// proofFields are the front matter fields read as prose.
var proofFields = []string{"title", "description", "summary"}

// Proof reads the content file at file (as Parse takes it) for the
// proofreader. It returns nil when the file cannot be read at all (not
// UTF-8, unclosed front matter, broken shortcodes): Parse reports those.
// Its texts may be read from src without a copy: src must not change
// after.
func (p *Parser) Proof(file string, src []byte) *Proof {
	src = cleanSource(src)
	src, bad := vi.ValidNFCBytes(src)
	if bad >= 0 {
		return nil
	}
	pg := &Page{File: file, Terms: map[string][]string{}, Params: map[string]any{}, keys: []keyPos{}}
	fm, body, bodyLine, d := splitFrontMatter(file, src)
	if d.HasErrors() {
		return nil
	}
	pr := &Proof{}
	if fm != nil {
		if p.frontMatter(pg, fm).HasErrors() {
			return nil
		}
		pr.fields(pg, src[:len(src)-len(body)])
	}
	return p.proofBody(pr, pg, body, bodyLine)
}

// proofBody reads the body into pr, or returns nil when its shortcodes
// cannot be read.
func (p *Parser) proofBody(pr *Proof, pg *Page, body []byte, bodyLine int) *Proof {
	e := &expansion{p: p, pg: pg, src: body, bodyLine: bodyLine}
	if shortcode.Contains(body) {
		pieces, err := shortcode.Parse(body)
		if err != nil {
			return nil
		}
		pr.shortcodes(e, pieces)
	} else {
		e.out, e.segs = body, []seg{{verbatim: true}}
	}
	pr.read(p.md.gm.Parser().Parse(text.NewReader(e.out)), e)
	return pr
}

// fields adds the prose fields of the front matter, each line of a value
// at the place it is written (found literally in head, the file up to its
// body; a value with escapes is placed at its key).
func (pr *Proof) fields(pg *Page, head []byte) {
	lines := strings.Split(string(head), "\n")
	for _, key := range proofFields {
		var value string
		switch key {
		case "title":
			value = pg.Title
		case "description":
			value = pg.Description
		case "summary":
			value = pg.Summary
		}
		pos, ok := diag.Pos{}, false
		for _, k := range pg.keys {
			if strings.EqualFold(k.key, key) {
				pos, ok = diag.Pos{File: pg.File, Line: int(k.line), Col: int(k.col)}, true
			}
		}
		if value == "" || !ok {
			continue
		}
		line := pos.Line - 1 // index in lines
		for _, part := range strings.Split(value, "\n") {
			part = strings.TrimLeft(part, " \t")
			at := pos
			for i := line; i < len(lines) && i < pos.Line+200; i++ {
				if j := strings.Index(lines[i], part); j >= 0 && (i > pos.Line-1 || j >= pos.Col) {
					at = diag.Pos{File: pg.File, Line: i + 1, Col: len([]rune(lines[i][:j])) + 1}
					line = i + 1
					break
				}
			}
			if strings.TrimSpace(part) != "" {
				pr.Texts = append(pr.Texts, Text{Pos: at, Text: part, Kind: TextField, Key: key})
			}
		}
	}
}

// proofMark stands for a shortcode tag in the Markdown the proofreader
// parses: not prose, and never part of a word.
const proofMark = string(rune(tokenByte)) + "S" + string(rune(tokenByte))

// shortcodes lays out the body for goldmark with each shortcode tag as a
// mark, keeping what paired shortcodes enclose (prose, except for code and
// editors' notes), and records figure shortcodes as pictures.
func (pr *Proof) shortcodes(e *expansion, pieces []shortcode.Piece) {
	for _, pc := range pieces {
		n := pc.Node
		if n == nil {
			e.verbatim(pc.Start, pc.End)
			continue
		}
		e.insert(proofMark, n.Start)
		if n.Escaped {
			continue
		}
		if n.Name == "figure" {
			c := shortcode.NewCall(n.Name, n.Args)
			caption, title := arg(c, "caption", -1), arg(c, "title", -1)
			pr.Images = append(pr.Images, Image{Pos: e.pos(n.Start), Dest: arg(c, "src", 0), Alt: arg(c, "alt", -1),
				Title: firstOf(caption, title), Figure: true, Shortcode: "figure"})
		}
		if n.Paired && n.Name != "highlight" && n.Name != "comment" {
			pr.shortcodes(e, n.Inner)
			e.insert(proofMark, n.InnerEnd)
		}
	}
}

// read walks doc, the Markdown of e.out as goldmark parsed it; it
// changes nothing in it.
func (pr *Proof) read(doc ast.Node, e *expansion) {
	src := e.out
	pr.src = unsafe.String(unsafe.SliceData(src), len(src)) // the file's bytes or the layout made of them, left as they are
	// Room for the runs at once: the corpus of bench/ has 1.2 for each
	// line of a body (emphasis and links split lines), and growing the
	// list as they come allocated twice what it kept.
	pr.Texts = slices.Grow(pr.Texts, bytes.Count(src, []byte("\n"))*5/4+4)
	at := func(offset int) diag.Pos {
		pos, _ := e.at(offset)
		return pos
	}
	headings, links := 0, 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Heading:
			headings += count(entering)
		case *ast.Link:
			links += count(entering)
			if entering {
				pos := at(linkOffset(n, src, 1))
				if i := destOffset(n, src); i >= 0 {
					pos = at(i)
				}
				pr.Links = append(pr.Links, Link{Pos: pos, Dest: string(n.Destination)})
			}
		case *ast.AutoLink:
			if entering {
				pr.Links = append(pr.Links, Link{Pos: at(autoLinkStart(n, src)), Dest: string(n.URL(src))})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			if entering {
				pr.image(n, src, at)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				kind := TextBody
				switch {
				case links > 0:
					kind = TextLink
				case headings > 0:
					kind = TextHeading
				}
				pr.text(n.Segment.Start, n.Segment.Value(src), kind, at)
			}
		}
		return ast.WalkContinue, nil
	})
	pr.src = ""
}

func count(entering bool) int {
	if entering {
		return 1
	}
	return -1
}

// text adds a run of prose at offset, split where shortcode tags stood. A
// run that goes on where the last one stopped joins it: goldmark splits
// text where an address might start.
func (pr *Proof) text(offset int, b []byte, kind TextKind, at func(int) diag.Pos) {
	for len(b) > 0 {
		end := bytes.Index(b, []byte(proofMark))
		if end < 0 {
			end = len(b)
		}
		last := len(pr.Texts) - 1
		switch piece := b[:end]; {
		case last >= 0 && pr.end == offset && offset > 0 && pr.Texts[last].Kind == kind:
			pr.Texts[last].Text = pr.join(pr.Texts[last].Text, offset, piece)
		case len(bytes.TrimSpace(piece)) > 0:
			pr.Texts = append(pr.Texts, Text{Pos: at(offset), Text: pr.str(offset, piece), Kind: kind})
		}
		pr.end = offset + end
		if end == len(b) {
			return
		}
		offset += end + len(proofMark)
		b = b[end+len(proofMark):]
	}
}

// str returns piece, the bytes of the body at offset, as a slice of the
// body's string; a piece from elsewhere is copied.
func (pr *Proof) str(offset int, piece []byte) string {
	if end := offset + len(piece); offset >= 0 && end <= len(pr.src) && pr.src[offset:end] == string(piece) {
		return pr.src[offset:end]
	}
	return string(piece)
}

// join returns the run last with piece, which goes on at offset where last
// stopped: the longer slice of the body's string when last is a slice of it
// that ends there.
func (pr *Proof) join(last string, offset int, piece []byte) string {
	start := offset - len(last)
	if start >= 0 && offset <= len(pr.src) && len(last) > 0 && unsafe.StringData(last) == unsafe.StringData(pr.src[start:offset]) {
		if end := offset + len(piece); end <= len(pr.src) && pr.src[offset:end] == string(piece) {
			return pr.src[start:end]
		}
	}
	return last + string(piece)
}

// image records a Markdown image, and its description and caption as prose.
func (pr *Proof) image(n *ast.Image, src []byte, at func(int) diag.Pos) {
	start := linkOffset(n, src, 2)
	im := Image{Pos: at(start), Dest: string(n.Destination), Alt: inlineText(n, src), Title: string(n.Title)}
	if para, ok := n.Parent().(*ast.Paragraph); ok {
		im.Figure = figureImage(para) == n || galleryImages(para, src) != nil
	}
	pr.Images = append(pr.Images, im)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			pr.text(t.Segment.Start, t.Segment.Value(src), TextAlt, at)
		}
	}
	if len(n.Title) > 0 {
		window := src[start:min(len(src), start+8192)]
		if i := bytes.Index(window, n.Title); i >= 0 && !bytes.Contains(n.Title, []byte("\n")) {
			pr.text(start+i, n.Title, TextCaption, at)
		}
	}
}

// destOffset finds where a link's address is written after its text, or -1.
func destOffset(n *ast.Link, src []byte) int {
	start := linkOffset(n, src, 1)
	window := src[start:min(len(src), start+4096)]
	i := bytes.Index(window, append([]byte("]("), n.Destination...))
	if i < 0 {
		return -1
	}
	off := start + i + 2
	if off < len(src) && src[off] == '<' {
		off++
	}
	return off
}

// autoLinkStart finds where an autolink's address is written: after "<",
// or where the text before a bare address ends.
func autoLinkStart(n *ast.AutoLink, src []byte) int {
	from := linkOffset(n, src, 0)
	if prev, ok := n.PreviousSibling().(*ast.Text); ok {
		from = prev.Segment.Stop
	}
	if i := bytes.Index(src[from:], n.Label(src)); i >= 0 {
		return from + i
	}
	return from
}
