package check

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/vi"
)

// The rule of abbreviations: each one a page uses (two or more capitals,
// Đ among them: UBND, BCĐ, HĐND) is defined in the glossary,
// data/glossary.toml, which also explains its first use in every page
// (see page.Glossary).

// GlossaryFile is where a site defines its abbreviations.
const GlossaryFile = config.GlossaryFile

// abbrUse is the first use of an abbreviation in a file.
type abbrUse struct {
	pos  diag.Pos
	word string
}

// readAbbrs finds the abbreviations of a run of prose, cut into words ws
// (readWords leaves out the texts of links): words of two or more
// capitals and no small letter, joined by dots where written so (TP.HCM).
// Roman numerals (Đại hội XIII) are not, nor words written in capitals
// for emphasis or in a heading ("CỘNG HÒA XÃ HỘI", "RẤT"): a syllable of
// Vietnamese with a vowel's mark, or next to another such word, is a word.
// Codes are not prose either: document numbers (45/HD-UBND), file names
// (IMG_2034.JPG), addresses.
func (f *File) readAbbrs(t page.Text, ws []word, r *abbrReader) {
	if !slices.ContainsFunc(ws, func(w word) bool { return capitals(w.text) }) {
		return // most runs of prose
	}
	r.words = joinDotted(r.words[:0], t.Text, ws)
	for k, w := range r.words {
		if !w.caps || r.seen[w.text] || roman(w.text) || code(t.Text, w.at, w.at+len(w.text)) {
			continue
		}
		if vi.IsSyllable(w.text) {
			shout := hasVowelMark(w.text)
			for _, n := range []int{k - 1, k + 1} {
				if n >= 0 && n < len(r.words) && r.words[n].caps && vi.IsSyllable(r.words[n].text) {
					shout = true
				}
			}
			if shout {
				continue
			}
		}
		if r.seen == nil {
			r.seen = map[string]bool{}
		}
		r.seen[w.text] = true
		f.abbrs = append(f.abbrs, abbrUse{at(t, w.at), w.text})
	}
}

// abbrReader is what readAbbrs keeps from one run of prose to the next
// of a file: the abbreviations found, and room for a run's words.
type abbrReader struct {
	seen  map[string]bool
	words []abbrWord
}

// abbrWord is a word, or the words of an abbreviation written with dots
// (TP.HCM) as one.
type abbrWord struct {
	text string
	at   int  // its byte offset in the text
	caps bool // see capitals
}

// joinDotted appends to out the words ws of s, with words of capitals
// joined where a single dot stands between them.
func joinDotted(out []abbrWord, s string, ws []word) []abbrWord {
	for _, w := range ws {
		caps := capitals(w.text)
		if n := len(out); n > 0 && out[n-1].caps && caps && out[n-1].at+len(out[n-1].text)+1 == w.at && s[w.at-1] == '.' {
			out[n-1].text = s[out[n-1].at : w.at+len(w.text)] // TP.HCM
			continue
		}
		out = append(out, abbrWord{w.text, w.at, caps})
	}
	return out
}

// code reports whether the word s[i:j] is part of a code rather than
// prose: a document number or a path (a slash in the same run of
// non-spaces), a file name (an underscore, or an extension after a dot),
// an e-mail address.
func code(s string, i, j int) bool {
	start := strings.LastIndexAny(s[:i], " \t\u00a0") + 1
	end := len(s)
	if k := strings.IndexAny(s[j:], " \t\u00a0"); k >= 0 {
		end = j + k
	}
	chunk := s[start:end]
	if strings.ContainsAny(chunk, "/_@\\") {
		return true
	}
	if i > 1 && s[i-1] == '.' {
		r, _ := utf8.DecodeLastRuneInString(s[:i-1])
		return unicode.IsLower(r) || unicode.IsDigit(r) // anh-1.JPG
	}
	return false
}

// capitals reports whether w has two or more capitals and no small letter.
func capitals(w string) bool {
	n := 0
	for i := 0; i < len(w); i++ { // most words have a small letter of ASCII
		if c := w[i]; 'a' <= c && c <= 'z' {
			return false
		}
	}
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			n++
		}
	}
	return n >= 2
}

// roman reports whether w is a Roman numeral of the kind Vietnamese texts
// number congresses, chapters and terms with (II, IV, XIII, XIV, XX).
func roman(w string) bool {
	if strings.Trim(w, "IVXL") != "" {
		return false
	}
	// Up to three of a kind in a row, and a smaller one before a larger
	// only as IV, IX, XL.
	for _, bad := range []string{"IIII", "VV", "XXXX", "LL", "IL", "VX", "VL", "IIV", "IIX", "XXL"} {
		if strings.Contains(w, bad) {
			return false
		}
	}
	return true
}

// hasVowelMark reports whether w carries a tone or a vowel's mark (Ộ, Ư,
// Á), which abbreviations never do; Đ is a letter of its own.
func hasVowelMark(w string) bool {
	for _, r := range w {
		if r > unicode.MaxASCII && r != 'Đ' && r != 'đ' {
			return true
		}
	}
	return false
}

// abbreviations reports, in each file, the first use of every
// abbreviation the glossary does not define.
func abbreviations(files []*File, g page.Glossary) []Finding {
	var out []Finding
	for _, f := range files {
		for _, u := range f.abbrs {
			if _, ok := g[u.word]; ok {
				continue
			}
			out = append(out, finding(RuleAbbr, u.pos,
				quote(u.word)+" is an abbreviation the glossary ("+GlossaryFile+") does not define",
				"chữ viết tắt "+quote(u.word)+" chưa có trong bảng chú giải ("+GlossaryFile+")",
				`add a line "`+u.word+`" = "…" with what it stands for to `+GlossaryFile+`: its first use in each page then shows the meaning to readers`,
				`thêm dòng "`+u.word+`" = "…" ghi nghĩa đầy đủ vào `+GlossaryFile+`: lần dùng đầu tiên trong mỗi bài sẽ hiện nghĩa cho người đọc`))
		}
	}
	return out
}
