package check

import (
	"strings"

	"loa/generator/page"
	"loa/generator/vi"
)

// The rule of legacy encodings: text typed years ago in a TCVN3 (.VnTime)
// or VNI font, or in VISCII, and pasted from a Word file or an old web
// page arrives as "Ban V× sù tiÕn bé cña Phô n÷". Each line of prose is
// read as such text would be (vi.DetectLegacy); the finding names the
// encoding and shows the line as it should read.

// fromLegacy converts s from e.
func fromLegacy(s string, e vi.Encoding) string {
	switch e {
	case vi.TCVN3:
		return vi.FromTCVN3(s)
	case vi.VNI:
		return vi.FromVNI(s)
	case vi.VISCII:
		return vi.FromVISCII(s)
	}
	return s
}

// readLegacy finds the lines of prose in a legacy encoding; ls are the
// file's lines, for the line as it should read.
func (f *File) readLegacy(ls []string, texts []page.Text) {
	byLine := map[int][]page.Text{}
	var order []int
	for _, t := range texts {
		if _, ok := byLine[t.Pos.Line]; !ok {
			order = append(order, t.Pos.Line)
		}
		byLine[t.Pos.Line] = append(byLine[t.Pos.Line], t)
	}
	for _, n := range order {
		runs := byLine[n]
		var joined strings.Builder
		for _, t := range runs {
			joined.WriteString(t.Text + " ")
		}
		if !vi.MayBeLegacy(joined.String()) {
			continue // most lines: a quick no
		}
		enc, _, ok := vi.DetectLegacy(joined.String())
		if !ok {
			continue
		}
		var edits []Edit
		first := -1
		for k, t := range runs {
			if c := fromLegacy(t.Text, enc); c != t.Text {
				edits = append(edits, Edit{Pos: t.Pos, Old: t.Text, New: c, Rule: RuleLegacy})
				if first < 0 {
					first = k
				}
			}
		}
		if first < 0 || n > len(ls) {
			continue
		}
		f.edits = append(f.edits, edits...)
		fixed, _ := fixLine(vi.NFC(ls[n-1]), runs[0].Pos, edits)
		t := runs[first]
		i := 0
		for c := fromLegacy(t.Text, enc); i < len(t.Text) && i < len(c) && t.Text[i] == c[i]; i++ {
		}
		for i > 0 && !isRuneStart(t.Text[i]) {
			i--
		}
		name := enc.String()
		f.findings = append(f.findings, finding(RuleLegacy, at(t, i),
			"text typed in the "+name+" encoding of old Vietnamese fonts; the line should read: "+quoteLine(strings.TrimSpace(fixed)),
			"văn bản gõ bằng bảng mã "+name+" của phông chữ cũ; dòng này đúng ra là: "+quoteLine(strings.TrimSpace(fixed)),
			"run loa check --fix to convert it to Unicode, or convert the text before pasting (Unikey: Công cụ chuyển mã, from "+name+" to Unicode)",
			"chạy loa check --fix để chuyển sang Unicode, hoặc chuyển mã trước khi dán (Unikey: Công cụ chuyển mã, từ "+name+" sang Unicode)"))
	}
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// quoteLine shows a line in a message, cut only when very long.
func quoteLine(s string) string {
	if r := []rune(s); len(r) > 240 {
		s = string(r[:237]) + "…"
	}
	return "“" + s + "”"
}
