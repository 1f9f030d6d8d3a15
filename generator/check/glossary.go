package check

import (
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

// readAbbrs finds the abbreviations of the prose: words of two or more
// capitals and no small letter, joined by dots where written so (TP.HCM).
// Roman numerals (Đại hội XIII) are not, nor words written in capitals
// for emphasis or in a heading ("CỘNG HÒA XÃ HỘI", "RẤT"): a syllable of
// Vietnamese with a vowel's mark, or next to another such word, is a word.
// Codes are not prose either: document numbers (45/HD-UBND), file names
// (IMG_2034.JPG), addresses; nor are the texts of links, which the
// glossary does not explain either.
func (f *File) readAbbrs(texts []page.Text) {
	seen := map[string]bool{}
	type word struct {
		w    string
		i    int
		caps bool
	}
	for _, t := range texts {
		if t.Kind == page.TextLink {
			continue // the names of what a link leads to (UN Women), never explained in place
		}
		var ws []word
		words(t.Text, func(w string, i int) {
			if n := len(ws); n > 0 && ws[n-1].caps && capitals(w) && ws[n-1].i+len(ws[n-1].w)+1 == i && t.Text[i-1] == '.' {
				ws[n-1].w += "." + w // TP.HCM
				return
			}
			ws = append(ws, word{w, i, capitals(w)})
		})
		for k, w := range ws {
			if !w.caps || seen[w.w] || roman(w.w) || code(t.Text, w.i, w.i+len(w.w)) {
				continue
			}
			if vi.IsSyllable(w.w) {
				shout := hasVowelMark(w.w)
				for _, n := range []int{k - 1, k + 1} {
					if n >= 0 && n < len(ws) && ws[n].caps && vi.IsSyllable(ws[n].w) {
						shout = true
					}
				}
				if shout {
					continue
				}
			}
			seen[w.w] = true
			f.abbrs = append(f.abbrs, abbrUse{at(t, w.i), w.w})
		}
	}
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
