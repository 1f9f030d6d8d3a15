package check

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"loa/generator/diag"
	"loa/generator/vi"
)

// What loa check --fix rewrites: only what has one right answer, on the
// lines concerned and nothing else of them: decomposed letters composed
// (NFC), invisible characters removed (a run of no-break spaces becomes
// one space), text in a legacy encoding converted, and words written in
// the tone-mark style the site does not keep to rewritten in the other.

// Edit replaces a word or a run of text at a place.
type Edit struct {
	Pos      diag.Pos // in the file as it is, after NFC
	Old, New string
	Rule     string
}

// Change is one thing Fix changed, for loa check to print.
type Change struct {
	Pos      diag.Pos
	Rule     string
	Old, New string
}

func (c Change) String() string {
	switch c.Rule {
	case RuleNFC:
		return fmt.Sprintf("%s: [%s] %s: letters composed (NFD → NFC)", c.Pos, c.Rule, quote(c.Old))
	case RuleInvisible:
		if c.New != "" {
			return fmt.Sprintf("%s: [%s] %s → one space", c.Pos, c.Rule, c.Old)
		}
		return fmt.Sprintf("%s: [%s] removed a %s", c.Pos, c.Rule, c.Old)
	}
	return fmt.Sprintf("%s: [%s] %s → %s", c.Pos, c.Rule, quote(c.Old), quote(c.New))
}

// Edits returns, by file, the edits --fix makes besides composing letters
// and removing invisible characters: legacy text and tone marks.
func Edits(in Input) map[string][]Edit {
	out := toneEdits(in.Files, in.Config.Check.TonePlacement)
	for _, f := range in.Files {
		out[f.Name] = append(out[f.Name], f.edits...)
	}
	return out
}

// Fix rewrites the source of the file name with its edits, composes its
// letters and removes its invisible characters, leaving every other byte
// (line ends, a byte order mark at the start) as it was. It returns the
// new source and what changed; no change gives src itself.
func Fix(name string, src []byte, edits []Edit) ([]byte, []Change) {
	text := string(src)
	bom := ""
	if strings.HasPrefix(text, "\ufeff") {
		bom, text = "\ufeff", text[len("\ufeff"):]
	}
	byLine := map[int][]Edit{}
	for _, e := range edits {
		byLine[e.Pos.Line] = append(byLine[e.Pos.Line], e)
	}
	var changes []Change
	raw := strings.SplitAfter(text, "\n")
	var b strings.Builder
	b.WriteString(bom)
	n := 0
	for _, chunk := range raw {
		// A chunk is a line with its end; a lone CR ends a line too, as
		// the parser counts them.
		for _, l := range splitCR(chunk) {
			n++
			body, end := cutEnd(l)
			pos := diag.Pos{File: name, Line: n}
			fixed, ch := fixLine(body, pos, byLine[n])
			changes = append(changes, ch...)
			b.WriteString(fixed)
			b.WriteString(end)
		}
	}
	if len(changes) == 0 {
		return src, nil
	}
	sort.SliceStable(changes, func(i, j int) bool {
		a, b := changes[i].Pos, changes[j].Pos
		return a.Line < b.Line || (a.Line == b.Line && a.Col < b.Col)
	})
	return []byte(b.String()), changes
}

// splitCR splits a chunk ending in LF (or nothing) after each lone CR.
func splitCR(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '\r')
		if i < 0 || i+1 >= len(s) || s[i+1] == '\n' {
			return append(out, s)
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
}

func cutEnd(l string) (body, end string) {
	for _, e := range []string{"\r\n", "\n", "\r"} {
		if strings.HasSuffix(l, e) {
			return l[:len(l)-len(e)], e
		}
	}
	return l, ""
}

// fixLine rewrites one line: NFC, then the edits (whose places count in
// the NFC line), then invisible characters.
func fixLine(l string, pos diag.Pos, edits []Edit) (string, []Change) {
	var changes []Change
	if !vi.IsNFC(l) {
		for _, o := range decomposed(l, pos) {
			changes = append(changes, Change{Pos: o.pos, Rule: RuleNFC, Old: o.what, New: o.what})
		}
		l = vi.NFC(l)
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Pos.Col > edits[j].Pos.Col })
	for _, e := range edits {
		i := byteAt(l, e.Pos.Col)
		if !strings.HasPrefix(l[i:], e.Old) {
			j := strings.Index(l, e.Old)
			if j < 0 {
				continue
			}
			i = j
		}
		l = l[:i] + e.New + l[i+len(e.Old):]
		changes = append(changes, Change{Pos: e.Pos, Rule: e.Rule, Old: e.Old, New: e.New})
	}
	hidden := invisibles(l, pos)
	if len(hidden) == 0 {
		return l, changes
	}
	var b strings.Builder
	col := 0
	k := 0
	for i := 0; i < len(l); {
		r, size := utf8.DecodeRuneInString(l[i:])
		col++
		if k < len(hidden) && hidden[k].pos.Col == col {
			o := hidden[k]
			k++
			en, _ := invisible(r)
			if r == nbsp {
				b.WriteByte(' ')
				changes = append(changes, Change{Pos: o.pos, Rule: RuleInvisible, Old: fmt.Sprintf("%d no-break spaces", strings.Count(o.what, string(nbsp))), New: " "})
				col += utf8.RuneCountInString(o.what) - 1
				i += len(o.what)
				continue
			}
			changes = append(changes, Change{Pos: o.pos, Rule: RuleInvisible, Old: en, New: ""})
			i += size
			continue
		}
		b.WriteString(l[i : i+size])
		i += size
	}
	return b.String(), changes
}

// byteAt is the byte offset of the character at column col of l.
func byteAt(l string, col int) int {
	c := 1
	for i := range l {
		if c == col {
			return i
		}
		c++
	}
	return len(l)
}
