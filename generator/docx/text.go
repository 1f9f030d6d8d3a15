package docx

import (
	"strings"

	"loa/generator/diag"
	"loa/generator/vi"
)

// text adds text of a run with props to the paragraph.
func (r *reader) text(c *pctx, props runProps, text string) {
	if text == "" {
		return
	}
	enc := vi.LegacyFont(props.font)
	if enc != vi.Unicode {
		c.legacy = true
	}
	upper := props.caps == 1 || (enc == vi.TCVN3 && strings.HasSuffix(strings.TrimSpace(props.font), "H"))
	link := r.link(c)
	// A link's underline is the link's look, not emphasis.
	in := Inline{Kind: Text, Bold: props.bold == 1, Italic: props.italic == 1,
		Underline: props.underline == 1 && link == "", Strike: props.strike == 1, Link: link}
	if p := c.cur; p != nil && p.in == in && p.enc == enc && p.upper == upper {
		p.raw.WriteString(text)
		return
	}
	r.flush(c)
	c.cur = &pending{in: in, enc: enc, upper: upper}
	c.cur.raw.WriteString(text)
}

// add adds a break, picture or note reference, after any pending text.
func (r *reader) add(c *pctx, in Inline) {
	r.flush(c)
	in.Link = r.link(c)
	c.p.Inlines = append(c.p.Inlines, in)
}

// flush converts the pending text to Unicode and adds it.
func (r *reader) flush(c *pctx) {
	p := c.cur
	if p == nil {
		return
	}
	c.cur = nil
	s := p.raw.String()
	switch p.enc {
	case vi.TCVN3:
		s = vi.FromTCVN3(s)
	case vi.VNI:
		s = vi.FromVNI(s)
	case vi.VISCII:
		s = vi.FromVISCII(s)
	}
	if p.upper {
		s = strings.ToUpper(s)
	}
	p.in.Text = vi.NFC(s)
	c.p.Inlines = append(c.p.Inlines, p.in)
}

// detectLegacy converts a paragraph typed in a legacy encoding whose font
// Word no longer names as one (the text was pasted, or the font replaced).
func (r *reader) detectLegacy(p *Paragraph) {
	before := p.Plain()
	enc, _, ok := vi.DetectLegacy(before)
	if !ok {
		return
	}
	for i := range p.Inlines {
		if in := &p.Inlines[i]; in.Kind == Text {
			switch enc {
			case vi.TCVN3:
				in.Text = vi.FromTCVN3(in.Text)
			case vi.VNI:
				in.Text = vi.FromVNI(in.Text)
			case vi.VISCII:
				in.Text = vi.FromVISCII(in.Text)
			}
		}
	}
	d := r.doc.Warnings.Warnf(diag.Pos{}, "check its letters; set the font to Times New Roman in Word to keep them",
		"a paragraph looks typed in %s without its font and was converted: %q", enc, clip(before, 60))
	d.Vi("kiểm tra lại các chữ; trong Word, đổi phông chữ đoạn đó sang Times New Roman",
		"một đoạn có vẻ gõ bằng bảng mã %s mà không còn phông chữ đó, đã được chuyển sang Unicode: %q", enc, clip(before, 60))
}

// warnOnce adds a warning the first time key is met.
func (r *reader) warnOnce(key, msg, hint, msgVi, hintVi string) {
	if r.warned == nil {
		r.warned = map[string]bool{}
	}
	if r.warned[key] {
		return
	}
	r.warned[key] = true
	r.doc.Warnings.Warnf(diag.Pos{}, hint, "%s", msg).Vi(hintVi, "%s", msgVi)
}

// clip shortens s to about n characters for a message.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
