package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/vi"
)

// The rules of the text's characters and spaces: decomposed letters
// (nfc), invisible characters, two spaces in a row, a space before
// punctuation; and text in a legacy Vietnamese encoding (legacy.go).

// occurrence is one place a rule found something; a rule reports the
// first of a line, with the number of others.
type occurrence struct {
	pos  diag.Pos
	what string // the character or word found
}

// perLine reports each line's occurrences once, through report(first, n).
func perLine(occs []occurrence, report func(first occurrence, n int) Finding) []Finding {
	var out []Finding
	for i := 0; i < len(occs); {
		j := i + 1
		for j < len(occs) && occs[j].pos.Line == occs[i].pos.Line {
			j++
		}
		out = append(out, report(occs[i], j-i))
		i = j
	}
	return out
}

// invisible names the characters that take no room on screen and have no
// business in an article, in English and Vietnamese.
func invisible(r rune) (en, vi string) {
	switch r {
	case '\u200b':
		return "zero-width space (U+200B)", "khoảng trắng độ rộng 0 (U+200B)"
	case '\u200c':
		return "zero-width non-joiner (U+200C)", "ký tự không nối độ rộng 0 (U+200C)"
	case '\u200d':
		return "zero-width joiner (U+200D)", "ký tự nối độ rộng 0 (U+200D)"
	case '\u2060':
		return "word joiner (U+2060)", "ký tự nối từ (U+2060)"
	case '\u00ad':
		return "soft hyphen (U+00AD)", "dấu gạch nối mềm (U+00AD)"
	case '\ufeff':
		return "byte order mark (U+FEFF) inside the text", "dấu BOM (U+FEFF) giữa văn bản"
	}
	return "", ""
}

const nbsp = '\u00a0'

// readBytes reads the characters of the whole file, code and settings
// included: decomposed letters and invisible characters are wrong anywhere.
func (f *File) readBytes(ls []string) {
	var nfd, hidden, marks []occurrence
	for n, line := range ls {
		has := look(line)
		if has == (chars{}) {
			continue // nearly every line: ASCII, whole letters, dashes and quotes
		}
		pos := diag.Pos{File: f.Name, Line: n + 1}
		if has.marks {
			marks = append(marks, strayMarks(line, pos)...)
		}
		if has.unsure && !vi.IsNFC(line) {
			nfd = append(nfd, decomposed(line, pos)...)
			if f.nfd == nil {
				f.nfd = map[int]string{}
			}
			f.nfd[n+1] = line
		}
		if has.hidden {
			hidden = append(hidden, invisiblesOf(line, pos)...)
		}
	}
	f.findings = append(f.findings, perLine(nfd, func(o occurrence, n int) Finding {
		more, moreVi := "", ""
		if n > 1 {
			more, moreVi = fmt.Sprintf(" (and %s on this line)", plural(n-1, "another word", "more words")),
				fmt.Sprintf(" (cùng %d chữ khác trên dòng này)", n-1)
		}
		return finding(RuleNFC, o.pos,
			fmt.Sprintf("%s is typed with separate accent marks (decomposed, NFD) instead of whole letters (NFC)%s", quote(o.what), more),
			fmt.Sprintf("chữ %s được gõ bằng dấu rời (dạng tổ hợp, NFD) thay vì chữ dựng sẵn (NFC)%s", quote(o.what), moreVi),
			"run loa check --fix, or retype it with Unikey's Unicode (dựng sẵn) table: it looks the same but search and sorting treat it as another word",
			"chạy loa check --fix để sửa, hoặc gõ lại bằng Unikey với bảng mã Unicode dựng sẵn: chữ tổ hợp trông giống hệt nhưng tìm kiếm và sắp xếp coi là chữ khác")
	})...)
	f.findings = append(f.findings, perLine(marks, func(o occurrence, n int) Finding {
		more, moreVi := "", ""
		if n > 1 {
			more, moreVi = fmt.Sprintf(" (and %s on this line)", plural(n-1, "another", "more")), fmt.Sprintf(" (cùng %d chỗ khác trên dòng này)", n-1)
		}
		return finding(RuleNFC, o.pos,
			fmt.Sprintf("an accent mark stands apart after %s, not on a letter%s: it shows on the letter that an HTML entity such as &ocirc; writes, but search and sorting see a separate mark", quote(o.what), more),
			fmt.Sprintf("dấu thanh đứng rời sau %s, không gắn vào chữ nào%s: trông như dấu của chữ viết bằng mã HTML (như &ocirc;) nhưng tìm kiếm và sắp xếp coi là ký tự riêng", quote(o.what), moreVi),
			"write the letter with its mark as one character (ồ, not &ocirc; and a mark), in Unicode (dựng sẵn)",
			"viết chữ cùng dấu thành một ký tự (ồ, không viết &ocirc; rồi thêm dấu), bằng bảng mã Unicode dựng sẵn")
	})...)
	f.findings = append(f.findings, perLine(hidden, func(o occurrence, n int) Finding {
		r, _ := utf8.DecodeRuneInString(o.what)
		en, vi := invisible(r)
		if r == nbsp {
			en, vi = fmt.Sprintf("%d no-break spaces (U+00A0) in a row", utf8.RuneCountInString(o.what)),
				fmt.Sprintf("%d khoảng trắng không ngắt (U+00A0) liền nhau", utf8.RuneCountInString(o.what))
		}
		more, moreVi := "", ""
		if n > 1 {
			more, moreVi = fmt.Sprintf(" (and %s on this line)", plural(n-1, "another", "more")), fmt.Sprintf(" (cùng %d chỗ khác trên dòng này)", n-1)
		}
		return finding(RuleInvisible, o.pos, "invisible character: "+en+more, "ký tự vô hình: "+vi+moreVi,
			"run loa check --fix, or delete it (it often comes with text pasted from Word, a web page or Zalo): it cannot be seen, but it breaks search, line breaks and links",
			"chạy loa check --fix, hoặc xoá ký tự này (thường theo văn bản dán từ Word, trang web hay Zalo): không nhìn thấy nhưng làm hỏng tìm kiếm, xuống dòng và liên kết")
	})...)
}

// chars is what one look at the characters of a line tells: which of the
// closer readings of readBytes may find something there.
type chars struct {
	marks  bool // a combining mark (U+0300–U+036F), which may stand apart
	unsure bool // a character that may not be NFC, or may compose with the one before
	hidden bool // an invisible character, or a no-break space
}

// look reads the characters of a line once. The letters of Vietnamese
// (Latin-1, Latin Extended-A, -B and Additional), the dashes, quotes and
// ellipsis of General Punctuation and everything else below U+0300 are
// NFC and compose with nothing before them (TestWholeCharacters): a line
// of those alone is NFC.
func look(line string) chars {
	var c chars
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c < utf8.RuneSelf:
			i++
			continue
		case 0xC3 <= c && c <= 0xCB && i+1 < len(line) && !utf8.RuneStart(line[i+1]):
			i += 2 // U+00C0–U+02FF, most letters of Vietnamese: nothing to look at
			continue
		case c == 0xE1 && i+2 < len(line) && 0xB8 <= line[i+1] && line[i+1] <= 0xBB && !utf8.RuneStart(line[i+2]):
			i += 3 // U+1E00–U+1EFF, Latin Extended Additional (ạ, ế, ữ…): nothing either
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		i += size
		switch {
		case r == nbsp || r == '\u00ad':
			c.hidden = true
		case r < 0x300, 0x1e00 <= r && r <= 0x1eff, 0x2010 <= r && r <= 0x2027:
		case r <= 0x36f:
			c.marks, c.unsure = true, true
		default:
			c.unsure = true
			if en, _ := invisible(r); en != "" {
				c.hidden = true
			}
		}
	}
	return c
}

// invisiblesOf finds the invisible characters of a line (see invisibles)
// that are not letters of TCVN3 text.
func invisiblesOf(line string, pos diag.Pos) []occurrence {
	found := invisibles(line, pos)
	if len(found) > 0 && strings.ContainsRune(line, '\u00ad') && tcvn3(line) {
		// In TCVN3, the byte of the soft hyphen is the letter ư: the
		// legacy rule converts the line, and ư is no invisible character.
		kept := found[:0]
		for _, o := range found {
			if o.what != "\u00ad" {
				kept = append(kept, o)
			}
		}
		found = kept
	}
	return found
}

// tcvn3 reports whether a line reads as text in the TCVN3 encoding.
func tcvn3(line string) bool {
	if !vi.MayBeLegacy(line) {
		return false
	}
	enc, _, ok := vi.DetectLegacy(line)
	return ok && enc == vi.TCVN3
}

// decomposed finds the words of a line that are not NFC.
func decomposed(line string, pos diag.Pos) []occurrence {
	var out []occurrence
	col, counted := 1, 0 // the column of line[counted]
	for _, w := range appendWords(nil, line) {
		if !vi.IsNFC(w.text) {
			col += utf8.RuneCountInString(line[counted:w.at])
			counted = w.at
			p := pos
			p.Col = col
			out = append(out, occurrence{p, vi.NFC(w.text)})
		}
	}
	if len(out) == 0 { // a mark on punctuation or a symbol
		i := 0
		for written, composed := range vi.NFCPieces(line) {
			if written != composed {
				pos.Col = utf8.RuneCountInString(line[:i]) + 1
				return append(out, occurrence{pos, composed})
			}
			i += len(written)
		}
	}
	return out
}

// strayMarks finds combining marks (tones, vowel marks) that follow no
// letter: text from old web editors writes "trồng" as "tr&ocirc;" and a
// separate grave accent, which composes with nothing in the file but
// lands on the ô once the entity is read.
func strayMarks(line string, pos diag.Pos) []occurrence {
	var out []occurrence
	col := 0
	prev := rune(0)
	start := 0 // of the run of characters before the mark, for the message
	for i, r := range line {
		col++
		if unicode.Is(unicode.Mn, r) && r >= 0x300 && r <= 0x36f && prev != 0 && !unicode.IsLetter(prev) && !unicode.Is(unicode.Mn, prev) {
			p := pos
			p.Col = col
			out = append(out, occurrence{p, line[start:i]})
		}
		if r == ' ' {
			start = i + 1
		}
		prev = r
	}
	return out
}

// invisibles finds the invisible characters of a line, and runs of two or
// more no-break spaces (a single one, as in "20 %", is a typographer's
// choice).
func invisibles(line string, pos diag.Pos) []occurrence {
	var out []occurrence
	col := 0
	prev := rune(0)
	skip := 0 // the end of a run of no-break spaces already reported
	for i, r := range line {
		col++
		p := pos
		p.Col = col
		switch {
		case r == nbsp:
			if i < skip {
				break
			}
			run := nbspRun(line[i:])
			skip = i + len(run)
			if strings.Count(run, string(nbsp)) > 1 {
				out = append(out, occurrence{p, run})
			}
		case r == '\u200d' && joinsEmoji(prev, line[i+len("\u200d"):]):
		default:
			if en, _ := invisible(r); en != "" {
				out = append(out, occurrence{p, string(r)})
			}
		}
		prev = r
	}
	return out
}

// nbspRun is the run of no-break spaces (and spaces between them) that s
// starts with.
func nbspRun(s string) string {
	end := 0
	for i, r := range s {
		if r != nbsp && r != ' ' {
			break
		}
		if r == nbsp {
			end = i + len(string(nbsp))
		}
	}
	return s[:end]
}

// joinsEmoji reports whether a zero-width joiner stands inside an emoji
// sequence (👩‍👧), where it belongs.
func joinsEmoji(prev rune, rest string) bool {
	next, _ := utf8.DecodeRuneInString(rest)
	emoji := func(r rune) bool {
		return unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || r == '\ufe0f' || (r >= 0x1f000 && r <= 0x1faff)
	}
	return emoji(prev) && emoji(next)
}

// punctuation is what Vietnamese writes right after a word, never after a
// space.
const punctuation = ",.;:?!"

// readProse reads the runs of prose: two spaces in a row, and a space
// before punctuation.
func (f *File) readProse(texts []page.Text) {
	var doubles, befores []occurrence
	for _, t := range texts {
		s := t.Text
		// Spaces come every few bytes: a loop over the bytes finds them
		// sooner than a call of IndexByte for each.
		for i := 0; i < len(s); i++ {
			if s[i] != ' ' {
				continue
			}
			j := i
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j-i >= 2 {
				doubles = append(doubles, occurrence{at(t, i), s[i:j]})
			}
			if j < len(s) && strings.IndexByte(punctuation, s[j]) >= 0 && spaceBefore(s, j) {
				befores = append(befores, occurrence{at(t, i), s[j : j+1]})
			}
			i = j // s[j] is no space: the next run starts after it
		}
	}
	f.findings = append(f.findings, perLine(doubles, func(o occurrence, n int) Finding {
		more, moreVi := "", ""
		if n > 1 {
			more, moreVi = fmt.Sprintf(" (and %s on this line)", plural(n-1, "another place", "more places")), fmt.Sprintf(" (cùng %d chỗ khác trên dòng này)", n-1)
		}
		return finding(RuleDoubleSpace, o.pos, fmt.Sprintf("%d spaces in a row%s", len(o.what), more),
			fmt.Sprintf("%d khoảng trắng liền nhau%s", len(o.what), moreVi),
			"keep one space between words", "chỉ để một khoảng trắng giữa hai chữ")
	})...)
	f.findings = append(f.findings, perLine(befores, func(o occurrence, n int) Finding {
		more, moreVi := "", ""
		if n > 1 {
			more, moreVi = fmt.Sprintf(" (and %s on this line)", plural(n-1, "another place", "more places")), fmt.Sprintf(" (cùng %d chỗ khác trên dòng này)", n-1)
		}
		return finding(RulePunctuation, o.pos, fmt.Sprintf("space before “%s”%s", o.what, more),
			fmt.Sprintf("khoảng trắng trước dấu “%s”%s", o.what, moreVi),
			"delete the space: the mark follows the word directly, and a space after it",
			"xoá khoảng trắng: dấu câu viết liền sau chữ, rồi mới đến khoảng trắng")
	})...)
}

// spaceBefore reports whether the punctuation at s[j] ends a word's
// phrase, so that the space before it is a mistake: it is followed by a
// space, a closing mark or the end, and is no ellipsis ("…và ...") or
// file extension (".vn").
func spaceBefore(s string, j int) bool {
	if s[j] == '.' && j+1 < len(s) && s[j+1] == '.' {
		return false
	}
	if j+1 == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[j+1:])
	return r == ' ' || r == nbsp || strings.ContainsRune(`)]}"'”’»`, r)
}
