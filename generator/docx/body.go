package docx

import (
	"encoding/xml"
	"io"
	"strings"

	"loa/generator/vi"
)

// reader reads the body and notes of one document.
type reader struct {
	pkg       *pkg
	doc       *Document
	styles    *styles
	numbering *numbering
	images    map[string][]byte // pictures read, by part
	rels      map[string]rel    // of the part being read
	fields    []*field          // complex fields open (w:fldChar), innermost last
	extra     []Block           // text boxes met in the paragraph being read
	warned    map[string]bool
}

// part reads a part: the blocks of its w:body (document.xml), or each note
// into doc.Notes under noteKey + w:id (footnotes.xml, endnotes.xml).
func (r *reader) part(name, container, noteKey string) ([]Block, error) {
	rels, err := r.pkg.rels(name)
	if err != nil {
		return nil, err
	}
	r.rels = rels
	rc, ok, err := r.pkg.open(name)
	if !ok || err != nil {
		return nil, err
	}
	defer rc.Close()
	x := newXMLReader(rc)
	var body []Block
	for {
		tok, err := x.next()
		if err == io.EOF {
			return body, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case container != "" && se.Name.Local == container:
			if body, err = r.blocks(x); err != nil {
				return nil, err
			}
		case noteKey != "" && (se.Name.Local == "footnote" || se.Name.Local == "endnote"):
			switch attr(se, "type") {
			case "separator", "continuationSeparator", "continuationNotice":
				if err := x.skip(); err != nil {
					return nil, err
				}
				continue
			}
			bl, err := r.blocks(x)
			if err != nil {
				return nil, err
			}
			r.doc.Notes[noteKey+attr(se, "id")] = bl
		}
	}
}

// blocks reads the paragraphs and tables of the element whose start was
// just read (w:body, w:tc, w:txbxContent, a note), up to its end.
func (r *reader) blocks(x *xmlReader) ([]Block, error) {
	var out []Block
	err := x.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "p":
			p, err := r.paragraph(x)
			if err != nil {
				return err
			}
			out = append(out, p)
			out = append(out, r.extra...)
			r.extra = nil
			return nil
		case "tbl":
			t, err := r.table(x)
			if err != nil {
				return err
			}
			out = append(out, t)
			return nil
		case "sdt", "sdtContent", "customXml", "ins", "moveTo":
			bl, err := r.blocks(x)
			out = append(out, bl...)
			return err
		case "AlternateContent":
			return r.alternate(x, func() error {
				bl, err := r.blocks(x)
				out = append(out, bl...)
				return err
			})
		}
		return x.skip()
	})
	return out, err
}

// alternate reads mc:AlternateContent, calling f inside its first
// mc:Choice and skipping the fallbacks, which repeat the same content for
// older programs.
func (r *reader) alternate(x *xmlReader, f func() error) error {
	chosen := false
	return x.children(func(c xml.StartElement) error {
		if c.Name.Local == "Choice" && !chosen {
			chosen = true
			return f()
		}
		return x.skip()
	})
}

// table reads a w:tbl.
func (r *reader) table(x *xmlReader) (*Table, error) {
	t := &Table{}
	err := x.children(func(se xml.StartElement) error {
		if se.Name.Local != "tr" {
			return x.skip()
		}
		var row []Cell
		deleted := false
		err := x.children(func(c xml.StartElement) error {
			switch c.Name.Local {
			case "trPr":
				return x.children(func(p xml.StartElement) error {
					if p.Name.Local == "del" {
						deleted = true
					}
					return x.skip()
				})
			case "tc":
				cell, err := r.cell(x)
				row = append(row, cell)
				return err
			case "sdt", "sdtContent", "customXml":
				// A content control around cells: read them as the row's.
				sub, err := r.cellsIn(x)
				row = append(row, sub...)
				return err
			}
			return x.skip()
		})
		if deleted {
			r.doc.Deletions++
		} else if len(row) > 0 {
			t.Rows = append(t.Rows, row)
		}
		return err
	})
	return t, err
}

func (r *reader) cellsIn(x *xmlReader) ([]Cell, error) {
	var cells []Cell
	err := x.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "tc":
			cell, err := r.cell(x)
			cells = append(cells, cell)
			return err
		case "sdtContent":
			sub, err := r.cellsIn(x)
			cells = append(cells, sub...)
			return err
		}
		return x.skip()
	})
	return cells, err
}

// cell reads a w:tc: its span and merge, then its blocks.
func (r *reader) cell(x *xmlReader) (Cell, error) {
	c := Cell{Span: 1}
	err := x.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "tcPr":
			return x.children(func(p xml.StartElement) error {
				switch p.Name.Local {
				case "gridSpan":
					c.Span = min(max(intAttr(p, 1), 1), 64)
				case "vMerge":
					c.Merge = MergeContinue
					if attr(p, "val") == "restart" {
						c.Merge = MergeStart
					}
				case "hMerge": // Word 97's horizontal merge
					if attr(p, "val") != "restart" {
						c.Merge = MergeContinue
					}
				}
				return x.skip()
			})
		case "p":
			p, err := r.paragraph(x)
			c.Blocks = append(c.Blocks, p)
			c.Blocks = append(c.Blocks, r.extra...)
			r.extra = nil
			return err
		case "tbl":
			t, err := r.table(x)
			c.Blocks = append(c.Blocks, t)
			return err
		case "sdt", "sdtContent", "customXml":
			bl, err := r.blocks(x)
			c.Blocks = append(c.Blocks, bl...)
			return err
		}
		return x.skip()
	})
	return c, err
}

// pctx is the paragraph being read.
type pctx struct {
	p      *Paragraph
	pStyle string
	link   string // of the w:hyperlink being read
	cur    *pending
	legacy bool // a run used a legacy font
}

// pending is text being gathered from runs with the same formatting, so
// a letter and its VNI mark in two runs still meet before conversion.
type pending struct {
	in    Inline
	raw   strings.Builder
	enc   vi.Encoding
	upper bool // .VnTimeH and other capitals-only TCVN3 fonts, or w:caps
}

// paragraph reads a w:p.
func (r *reader) paragraph(x *xmlReader) (*Paragraph, error) {
	c := &pctx{p: &Paragraph{}}
	var direct paraProps
	err := x.children(func(se xml.StartElement) error {
		if se.Name.Local == "pPr" {
			var err error
			direct, err = readPPr(x)
			c.pStyle = direct.style
			return err
		}
		return r.inline(x, c, se)
	})
	if err != nil {
		return nil, err
	}
	r.flush(c)
	eff, name := r.styles.para(direct)
	p := c.p
	p.Style = name
	p.Heading = headingLevel(name, eff.outline)
	p.Align = alignment(eff.jc)
	if p.Heading == 0 && name != "title" && name != "subtitle" {
		p.List = r.numbering.item(eff.numID, eff.ilvl)
	}
	if !c.legacy {
		r.detectLegacy(p)
	}
	return p, nil
}

// headingLevel returns 1–9 for a heading style ("heading 2") or outline
// level, else 0.
func headingLevel(name string, outline int) int {
	for _, prefix := range []string{"heading ", "tiêu đề "} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && len(rest) == 1 && '1' <= rest[0] && rest[0] <= '9' {
			return int(rest[0] - '0')
		}
	}
	return outline
}

func alignment(jc string) string {
	switch jc {
	case "center":
		return "center"
	case "right", "end":
		return "right"
	case "both", "distribute", "lowKashida", "mediumKashida", "highKashida", "thaiDistribute":
		return "both"
	case "left", "start":
		return "left"
	}
	return ""
}

// inline reads one child of a paragraph (or of a hyperlink, insertion,
// content control… inside it).
func (r *reader) inline(x *xmlReader, c *pctx, se xml.StartElement) error {
	switch se.Name.Local {
	case "r":
		return r.run(x, c)
	case "hyperlink":
		outer := c.link
		c.link = ""
		if rl, ok := r.rels[relAttr(se, "id")]; ok && rl.External {
			c.link = rl.Target
		}
		err := r.inlines(x, c)
		c.link = outer
		return err
	case "ins", "moveTo":
		r.doc.Insertions++
		r.flush(c)
		start := len(c.p.Inlines)
		err := r.inlines(x, c)
		r.flush(c)
		if r.doc.InsertedText == "" {
			r.doc.InsertedText = (&Paragraph{Inlines: c.p.Inlines[start:]}).Plain()
		}
		return err
	case "del", "moveFrom":
		r.doc.Deletions++
		text, err := x.text()
		if r.doc.DeletedText == "" {
			r.doc.DeletedText = text
		}
		return err
	case "smartTag", "customXml", "sdt", "sdtContent", "bdo", "dir":
		return r.inlines(x, c)
	case "fldSimple":
		f := newField(attr(se, "instr"))
		f.result = true
		r.fields = append(r.fields, f)
		err := r.inlines(x, c)
		r.fields = r.fields[:len(r.fields)-1]
		return err
	case "AlternateContent":
		return r.alternate(x, func() error { return r.inlines(x, c) })
	case "oMath", "oMathPara":
		text, err := x.text()
		r.text(c, runProps{}, text)
		r.warnOnce("math", "equations were imported as plain text", "check them, or write them as text or a picture",
			"công thức toán được nhập thành chữ thường", "kiểm tra lại, hoặc viết thành chữ hay chèn ảnh")
		return err
	case "commentRangeStart":
		return x.skip()
	}
	return x.skip()
}

// inlines reads the children of a container inside a paragraph.
func (r *reader) inlines(x *xmlReader, c *pctx) error {
	return x.children(func(se xml.StartElement) error { return r.inline(x, c, se) })
}

// run reads a w:r.
func (r *reader) run(x *xmlReader, c *pctx) error {
	var direct runProps
	var rStyle string
	props := r.styles.run(c.pStyle, "", runProps{})
	return x.children(func(se xml.StartElement) error {
		switch se.Name.Local {
		case "rPr":
			var err error
			direct, rStyle, err = readRPr(x)
			props = r.styles.run(c.pStyle, rStyle, direct)
			return err
		case "t":
			text, err := x.text()
			if r.visible() && props.hidden != 1 {
				r.text(c, props, text)
			}
			return err
		case "tab", "ptab":
			if r.visible() {
				r.text(c, props, " ")
			}
		case "noBreakHyphen":
			if r.visible() {
				r.text(c, props, "-")
			}
		case "br", "cr":
			if t := attr(se, "type"); t != "page" && t != "column" && r.visible() {
				r.add(c, Inline{Kind: Break})
			}
		case "drawing", "pict", "object":
			return r.drawing(x, c, se.Name.Local)
		case "AlternateContent":
			return r.alternate(x, func() error {
				return x.children(func(ch xml.StartElement) error {
					switch ch.Name.Local {
					case "drawing", "pict", "object":
						return r.drawing(x, c, ch.Name.Local)
					}
					return x.skip()
				})
			})
		case "footnoteReference", "endnoteReference":
			key := "f"
			if se.Name.Local == "endnoteReference" {
				key = "e"
			}
			r.add(c, Inline{Kind: NoteRef, Note: key + attr(se, "id")})
		case "commentReference":
			r.doc.Comments++
		case "fldChar":
			r.fieldChar(attr(se, "fldCharType"))
		case "instrText":
			text, err := x.text()
			if n := len(r.fields); n > 0 && !r.fields[n-1].result {
				r.fields[n-1].instr.WriteString(text)
			}
			return err
		}
		return x.skip()
	})
}
