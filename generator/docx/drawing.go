package docx

import (
	"encoding/xml"
	"strings"
	"unicode"

	"loa/generator/diag"
)

// field is a complex field (w:fldChar begin … separate … end) or a simple
// one (w:fldSimple): an instruction, then the result Word shows.
type field struct {
	instr  strings.Builder
	result bool   // the instruction is over: text now is the result
	link   string // HYPERLINK "…": the result links there
	hidden bool   // a table of contents or index: its result is dropped
}

func newField(instr string) *field {
	f := &field{}
	f.instr.WriteString(instr)
	f.parse()
	return f
}

// parse reads the instruction: HYPERLINK "https://…" \o "tip" links its
// result (\l "mark" is a place in the document and links nowhere); TOC and
// INDEX results are page numbers of a printed document.
func (f *field) parse() {
	args := fieldArgs(f.instr.String())
	if len(args) == 0 {
		return
	}
	switch strings.ToUpper(args[0]) {
	case "HYPERLINK":
		for i := 1; i < len(args); i++ {
			switch a := args[i]; {
			case a == `\l` || a == `\o` || a == `\t`:
				i++ // its argument
			case strings.HasPrefix(a, `\`):
			default:
				f.link = a
				return
			}
		}
	case "TOC", "INDEX", "TOA":
		f.hidden = true
	}
}

// fieldArgs splits a field instruction into words, a quoted argument being
// one word without its quotes.
func fieldArgs(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return append(out, s[1:])
			}
			out = append(out, s[1:1+end])
			s = s[2+end:]
			continue
		}
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			return append(out, s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}

func (r *reader) fieldChar(kind string) {
	n := len(r.fields)
	switch kind {
	case "begin":
		if n < 64 {
			r.fields = append(r.fields, &field{})
		}
	case "separate":
		if n > 0 {
			r.fields[n-1].result = true
			r.fields[n-1].parse()
		}
	case "end":
		if n > 0 {
			r.fields = r.fields[:n-1]
		}
	}
}

// visible reports whether text read now is shown: outside any field's
// instruction and any dropped result.
func (r *reader) visible() bool {
	for _, f := range r.fields {
		if !f.result || f.hidden {
			return false
		}
	}
	return true
}

// link returns the link of text read now: the innermost HYPERLINK field's,
// else the w:hyperlink's.
func (r *reader) link(c *pctx) string {
	for i := len(r.fields) - 1; i >= 0; i-- {
		if r.fields[i].link != "" {
			return r.fields[i].link
		}
	}
	return c.link
}

// drawing reads a w:drawing (DrawingML), w:pict (VML, from older Word) or
// w:object (an embedded object's picture): the pictures it shows, with
// their description, and the text of its text boxes, which follows the
// paragraph.
func (r *reader) drawing(x *xmlReader, c *pctx, kind string) error {
	var descr, title string
	var ids []string
	for depth := 1; depth > 0; {
		tok, err := x.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			depth--
		case xml.StartElement:
			switch t.Name.Local {
			case "Fallback":
				if err := x.skip(); err != nil {
					return err
				}
				continue
			case "txbxContent":
				saved := r.extra
				r.extra = nil
				bl, err := r.blocks(x)
				r.extra = append(saved, bl...)
				if err != nil {
					return err
				}
				continue
			case "docPr":
				descr, title = attr(t, "descr"), attr(t, "title")
			case "cNvPr":
				if descr == "" {
					descr = attr(t, "descr")
				}
			case "blip":
				if id := relAttr(t, "embed"); id != "" {
					ids = append(ids, id)
				} else if id := relAttr(t, "link"); id != "" {
					ids = append(ids, id)
				}
			case "imagedata":
				if id := relAttr(t, "id"); id != "" {
					ids = append(ids, id)
				}
				if title == "" {
					title = attr(t, "title")
				}
			case "chart":
				r.warnOnce("chart", "a chart was left out",
					"paste the chart into Word as a picture (Paste Special → Picture) and import again",
					"một biểu đồ đã bị bỏ qua",
					"dán biểu đồ vào Word dưới dạng ảnh (Dán đặc biệt → Ảnh) rồi nhập lại")
			case "relIds":
				r.warnOnce("smartart", "a SmartArt graphic was left out",
					"save the SmartArt graphic as a picture and put that picture in its place",
					"một hình SmartArt đã bị bỏ qua",
					"lưu hình SmartArt thành ảnh và chèn ảnh đó vào chỗ của nó")
			}
			depth++
		}
	}
	for _, id := range ids {
		img, err := r.image(id)
		if err != nil {
			return err
		}
		if img != nil {
			img.Descr, img.Title = strings.TrimSpace(descr), strings.TrimSpace(title)
			r.add(c, Inline{Kind: Picture, Image: img})
		}
	}
	return nil
}

// image returns the picture of relationship id, or nil with a warning
// when it is linked from outside the document or missing.
func (r *reader) image(id string) (*Image, error) {
	rl, ok := r.rels[id]
	switch {
	case !ok:
		return nil, nil
	case rl.External:
		r.doc.Warnings.Warnf(diag.Pos{}, "insert the picture itself (Insert → Pictures) instead of a link, and import again",
			"a linked picture was left out: %s", rl.Target).Vi(
			"chèn chính ảnh (Chèn → Ảnh) thay cho liên kết tới ảnh, rồi nhập lại",
			"ảnh liên kết từ ngoài tài liệu đã bị bỏ qua: %s", rl.Target)
		return nil, nil
	}
	data, ok := r.images[rl.Target]
	if !ok {
		var err error
		if data, err = r.pkg.read(rl.Target); err != nil {
			return nil, err
		}
		if data == nil {
			r.doc.Warnings.Warnf(diag.Pos{}, "insert the picture again in Word and save",
				"a picture is missing from the document: %s", rl.Target).Vi(
				"chèn lại ảnh trong Word rồi lưu", "tài liệu thiếu tệp ảnh: %s", rl.Target)
			return nil, nil
		}
		r.images[rl.Target] = data
	}
	return &Image{Part: rl.Target, Data: data}, nil
}
