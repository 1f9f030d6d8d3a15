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
	var strs []string // the texts of a line's runs
	for _, runs := range lineRuns(texts) {
		n := runs[0].Pos.Line
		// MayBeLegacy reads a run alone as it reads it with the space
		// joinRuns writes after it (TestMayBeLegacyAfterASpace); several
		// are joined only when a quick look leaves it open.
		var maybe bool
		if len(runs) == 1 {
			maybe = vi.MayBeLegacy(runs[0].Text)
		} else {
			strs = strs[:0]
			for _, t := range runs {
				strs = append(strs, t.Text)
			}
			maybe = vi.MayBeLegacyRuns(strs)
		}
		if !maybe {
			continue // most lines: a quick no
		}
		enc, _, ok := vi.DetectLegacy(joinRuns(runs))
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

// lineRuns groups the runs of prose by line, the lines in the order they
// first come. The runs of a line nearly always follow each other, lines in
// order, and the groups are pieces of texts.
func lineRuns(texts []page.Text) [][]page.Text {
	var out [][]page.Text
	for i := 0; i < len(texts); {
		j := i + 1
		for j < len(texts) && texts[j].Pos.Line == texts[i].Pos.Line {
			j++
		}
		if len(out) > 0 && texts[i].Pos.Line < out[len(out)-1][0].Pos.Line {
			return lineRunsByMap(texts) // a line that came before (a description above the title)
		}
		out = append(out, texts[i:j])
		i = j
	}
	return out
}

// lineRunsByMap is lineRuns for runs in any order.
func lineRunsByMap(texts []page.Text) [][]page.Text {
	byLine := map[int][]page.Text{}
	var order []int
	for _, t := range texts {
		if _, ok := byLine[t.Pos.Line]; !ok {
			order = append(order, t.Pos.Line)
		}
		byLine[t.Pos.Line] = append(byLine[t.Pos.Line], t)
	}
	out := make([][]page.Text, len(order))
	for i, n := range order {
		out[i] = byLine[n]
	}
	return out
}

// joinRuns is the text of the runs of a line, each followed by a space.
func joinRuns(runs []page.Text) string {
	var b strings.Builder
	for _, t := range runs {
		b.WriteString(t.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// quoteLine shows a line in a message, cut only when very long.
func quoteLine(s string) string {
	if r := []rune(s); len(r) > 240 {
		s = string(r[:237]) + "…"
	}
	return "“" + s + "”"
}
