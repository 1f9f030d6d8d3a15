package docx

import (
	"fmt"
	"strconv"
	"strings"

	"loa/generator/diag"
)

// converter turns a Document into an Article.
type converter struct {
	doc      *Document
	opts     Options
	diags    diag.List
	files    []File
	names    map[string]string // picture part → its file ("" when not published)
	captions map[*Image]string
	notes    []string          // note keys in the order of their first reference
	noteNum  map[string]string // note key → its number
	headBase int               // the heading level written as ##
	dropped  []string          // links left out
}

func (c *converter) pos() diag.Pos { return diag.Pos{File: c.opts.Name} }

// body writes blocks as Markdown, the footnotes after them.
func (c *converter) body(blocks []Block) string {
	var b strings.Builder
	ls := &listState{counters: map[string]int{}}
	prevList := false
	for _, bl := range blocks {
		s, isList := c.block(bl, ls)
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			if isList && prevList {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(s)
		prevList = isList
		if !isList {
			ls.widths = ls.widths[:0]
		}
	}
	for i := 0; i < len(c.notes); i++ { // a note may refer to another
		var parts []string
		for _, bl := range c.doc.Notes[c.notes[i]] {
			if p, ok := bl.(*Paragraph); ok {
				if s := c.inlines(p.Inlines, inlineOpts{cell: true}); s != "" {
					parts = append(parts, s)
				}
			}
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("[^" + c.noteNum[c.notes[i]] + "]: " + strings.Join(parts, " "))
	}
	return b.String()
}

// block writes one block; isList tells a list item, which joins the item
// before it without a blank line.
func (c *converter) block(bl Block, ls *listState) (s string, isList bool) {
	switch bl := bl.(type) {
	case *Table:
		return c.table(bl), false
	case *Paragraph:
		switch {
		case bl.empty():
			return "", false
		case bl.Heading > 0:
			level := min(max(bl.Heading-c.headBase+2, 2), 6)
			return strings.Repeat("#", level) + " " + c.inlines(bl.Inlines, inlineOpts{noBold: true, cell: true}), false
		case bl.List != nil:
			return c.listItem(bl, ls), true
		}
		return c.paragraph(bl), false
	}
	return "", false
}

// paragraph writes a paragraph. Pictures stand on lines of their own
// before its text (a picture Word floats beside the text is anchored in
// it), so that each becomes a figure, several an album.
func (c *converter) paragraph(p *Paragraph) string {
	var pics []string
	var rest []Inline
	for _, in := range p.Inlines {
		if in.Kind == Picture && in.Link == "" {
			if md := c.picture(in.Image, true); md != "" {
				pics = append(pics, md)
			}
			continue
		}
		rest = append(rest, in)
	}
	text := c.inlines(rest, inlineOpts{})
	switch {
	case len(pics) == 0:
		return text
	case text == "":
		return strings.Join(pics, "\n")
	}
	return strings.Join(pics, "\n") + "\n\n" + text
}

// empty reports whether p shows nothing: no text but white space, no
// picture, no note.
func (p *Paragraph) empty() bool {
	for _, in := range p.Inlines {
		switch in.Kind {
		case Picture, NoteRef:
			return false
		case Text:
			if strings.TrimSpace(collapseSpace(in.Text)) != "" {
				return false
			}
		}
	}
	return true
}

// listState follows the lists being written.
type listState struct {
	widths   []int          // for each open level, the indent of its content
	counters map[string]int // numId/level → the next number
}

func (c *converter) listItem(p *Paragraph, ls *listState) string {
	level := min(p.List.Level, len(ls.widths)) // a level may not be skipped
	ls.widths = ls.widths[:level]
	indent := 0
	for _, w := range ls.widths {
		indent += w
	}
	marker := "-"
	if p.List.Ordered {
		key := p.List.ID + "/" + strconv.Itoa(p.List.Level)
		n, ok := ls.counters[key]
		if !ok {
			n = max(p.List.Start, 0)
		}
		ls.counters[key] = n + 1
		marker = strconv.Itoa(n) + "."
		// The levels below start again, as in Word.
		for l := p.List.Level + 1; l < 9; l++ {
			delete(ls.counters, p.List.ID+"/"+strconv.Itoa(l))
		}
	}
	ls.widths = append(ls.widths, len(marker)+1)
	pad := strings.Repeat(" ", indent)
	text := c.paragraph(p)
	text = strings.ReplaceAll(text, "\n", "\n"+pad+strings.Repeat(" ", len(marker)+1))
	return pad + marker + " " + text
}

// table writes a GitHub table, its first row as the header. Merged cells
// have no Markdown: a cell spanning columns is followed by empty ones, the
// cells below a vertical merge are empty, and a warning says so.
func (c *converter) table(t *Table) string {
	if len(t.Rows) == 1 && len(t.Rows[0]) == 1 {
		// A one-cell table is a frame around text: write the text.
		var parts []string
		ls := &listState{counters: map[string]int{}}
		for _, bl := range t.Rows[0][0].Blocks {
			if s, _ := c.block(bl, ls); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "\n\n")
	}
	var grid [][]string
	merged, nested, width := false, false, 0
	for _, row := range t.Rows {
		var cells []string
		for _, cell := range row {
			text := ""
			if cell.Merge == MergeContinue {
				merged = true
			} else {
				var n bool
				text, n = c.cellText(cell.Blocks)
				nested = nested || n
			}
			merged = merged || cell.Merge == MergeStart || cell.Span > 1
			cells = append(cells, text)
			for k := 1; k < cell.Span; k++ {
				cells = append(cells, "")
			}
		}
		width = max(width, len(cells))
		grid = append(grid, cells)
	}
	if width == 0 {
		return ""
	}
	var b strings.Builder
	for i, cells := range grid {
		for len(cells) < width {
			cells = append(cells, "")
		}
		b.WriteString("|")
		for _, s := range cells {
			b.WriteString(" " + s + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
		}
	}
	first := clip(strings.Join(grid[0], " "), 40)
	if merged {
		c.diags.Warnf(c.pos(), "check the table in loa serve; Markdown tables cannot merge cells",
			"the table starting %q has merged cells; they were split into single cells", first).Vi(
			"kiểm tra lại bảng khi xem trước (loa serve); bảng Markdown không gộp được ô",
			"bảng bắt đầu bằng %q có ô gộp; các ô đã được tách ra", first)
	}
	if nested {
		c.diags.Warnf(c.pos(), "check the table; a table inside a table became text",
			"the table starting %q has a table inside a cell; its text was kept", first).Vi(
			"kiểm tra lại bảng; bảng lồng trong ô đã thành chữ",
			"bảng bắt đầu bằng %q có bảng lồng trong ô; chỉ giữ lại chữ", first)
	}
	return strings.TrimRight(b.String(), "\n")
}

// cellText writes a cell's blocks on one line; nested tells that it held a
// table, whose cells' text is kept.
func (c *converter) cellText(blocks []Block) (text string, nested bool) {
	var parts []string
	for _, bl := range blocks {
		switch bl := bl.(type) {
		case *Paragraph:
			if bl.empty() {
				continue
			}
			s := c.inlines(bl.Inlines, inlineOpts{cell: true})
			if bl.List != nil {
				s = "• " + s
			}
			parts = append(parts, s)
		case *Table:
			nested = true
			for _, row := range bl.Rows {
				for _, cell := range row {
					if s, _ := c.cellText(cell.Blocks); s != "" {
						parts = append(parts, s)
					}
				}
			}
		}
	}
	return strings.Join(parts, " "), nested
}

// noteNumber returns the number of a note, given at its first reference,
// or "" for a note the document lacks.
func (c *converter) noteNumber(key string) string {
	if n, ok := c.noteNum[key]; ok {
		return n
	}
	if _, ok := c.doc.Notes[key]; !ok {
		return ""
	}
	c.notes = append(c.notes, key)
	n := strconv.Itoa(len(c.notes))
	c.noteNum[key] = n
	return n
}

// picture returns the Markdown of a picture, its caption as the title
// (the build makes it a figure), or "" when it is not published.
func (c *converter) picture(img *Image, withCaption bool) string {
	name := c.fileFor(img)
	if name == "" {
		return ""
	}
	caption := ""
	if withCaption {
		caption = c.captions[img]
	}
	alt := img.Descr
	if generatedAlt(alt) {
		alt = ""
	}
	if alt == "" {
		alt = img.Title
	}
	if alt == "" {
		alt = caption
	}
	md := "![" + escapeText(collapseSpace(alt), false) + "](" + name
	if caption != "" {
		md += ` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(caption) + `"`
	}
	return md + ")"
}

// generatedAlt reports an alternative text Word made up itself ("A group
// of people… Description automatically generated"), in English.
func generatedAlt(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "automatically generated") || strings.Contains(l, "generated automatically")
}

// fileFor returns the name the picture is published under, anh-1.jpg…
// in the order of the document, one name for a picture shown twice; or ""
// with a warning for a format the web does not show.
func (c *converter) fileFor(img *Image) string {
	if name, ok := c.names[img.Part]; ok {
		return name
	}
	typ := imageType(img.Data)
	if !published(typ) {
		c.names[img.Part] = ""
		c.unpublished(img, typ)
		return ""
	}
	name := fmt.Sprintf("anh-%d.%s", len(c.files)+1, typ)
	c.names[img.Part] = name
	c.files = append(c.files, File{Name: name, Data: img.Data})
	return name
}

func (c *converter) unpublished(img *Image, typ string) {
	switch typ {
	case "emf", "wmf":
		c.diags.Warnf(c.pos(), "in Word, right-click the drawing → Save as Picture… → PNG, put that picture in its place and import again",
			"a drawing in %s format was left out (%s): web browsers do not show it", strings.ToUpper(typ), img.Part).Vi(
			"trong Word, bấm chuột phải vào hình → Lưu thành ảnh… → PNG, chèn ảnh đó vào chỗ của hình rồi nhập lại",
			"hình vẽ dạng %s đã bị bỏ qua (%s): trình duyệt không hiển thị được", strings.ToUpper(typ), img.Part)
	case "":
		c.diags.Warnf(c.pos(), "save the picture as JPEG or PNG, insert it again and import again",
			"a picture of an unknown format was left out (%s)", img.Part).Vi(
			"lưu ảnh thành JPEG hoặc PNG, chèn lại rồi nhập lại", "ảnh không rõ định dạng đã bị bỏ qua (%s)", img.Part)
	default:
		c.diags.Warnf(c.pos(), "save the picture as JPEG or PNG, insert it again and import again",
			"a picture in %s format was left out (%s)", strings.ToUpper(typ), img.Part).Vi(
			"lưu ảnh thành JPEG hoặc PNG, chèn lại rồi nhập lại", "ảnh dạng %s đã bị bỏ qua (%s)", strings.ToUpper(typ), img.Part)
	}
}

// droppedLink notes a link left out.
func (c *converter) droppedLink(link string) {
	c.dropped = append(c.dropped, link)
}
