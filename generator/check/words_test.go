package check

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"loa/generator/vi"
)

func TestAppendWords(t *testing.T) {
	tests := []struct {
		name, s string
		want    []string // the words; those of ASCII marked with a leading "="
	}{
		{"ASCII and Vietnamese", "Ban Vì sự tiến bộ", []string{"=Ban", "Vì", "sự", "tiến", "bộ"}},
		{"punctuation splits", "UBND,HĐND;TP.HCM (2023)–“Hà”", []string{"=UBND", "HĐND", "=TP", "=HCM", "=2023", "Hà"}},
		{"a word starts with a letter outside ASCII", "Ủy ban, Đà Nẵng", []string{"Ủy", "=ban", "Đà", "Nẵng"}},
		{"decomposed marks belong to the word", "Vi\u0300 su\u031b\u0323 a\u0301", []string{"Vi\u0300", "su\u031b\u0323", "a\u0301"}},
		{"a mark after a space starts a word", "x \u0301y", []string{"=x", "\u0301y"}},
		{"no-break spaces, invisibles and symbols split", "Hà\u00a0Nội\u200bmới × 3÷4", []string{"Hà", "Nội", "mới", "=3", "=4"}},
		{"invalid bytes and U+FFFD split", "ab\xffcd\ufffdé", []string{"=ab", "=cd", "é"}},
		{"other scripts are words", "中文 Ωμέγα", []string{"中文", "Ωμέγα"}},
		{"codes split", "IMG_2034.JPG 45/HD-UBND a@b.vn", []string{"=IMG", "=2034", "=JPG", "=45", "=HD", "=UBND", "=a", "=b", "=vn"}},
		{"nothing", " .,;!? ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []word
			end := 0
			for _, w := range tt.want {
				text, ascii := strings.CutPrefix(w, "=")
				at := end + strings.Index(tt.s[end:], text)
				want = append(want, word{text, at, ascii})
				end = at + len(text)
			}
			if got := appendWords(nil, tt.s); !reflect.DeepEqual(got, want) {
				t.Errorf("appendWords(%q) =\n%+v\nwant\n%+v", tt.s, got, want)
			}
		})
	}
}

// The words of ASCII are its letters and digits, as Unicode has them.
func TestASCIIWordByte(t *testing.T) {
	for c := range byte(utf8.RuneSelf) {
		if want := unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)); asciiWordByte(c) != want {
			t.Errorf("asciiWordByte(%q) = %v", c, !want)
		}
	}
}

// wordsByRune is how words were cut before appendWords had a path of its
// own for ASCII: a character at a time.
func wordsByRune(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		in := isWordRune(r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, word{text: s[start:i], at: start})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{text: s[start:], at: start})
	}
	for i, w := range out {
		out[i].ascii = !strings.ContainsFunc(w.text, func(r rune) bool { return r >= utf8.RuneSelf })
	}
	return out
}

// appendWords cuts as a character at a time would, on the lines of the
// test files, decomposed too, and on random text; a word of ASCII is no
// word the tone rule would read.
func TestAppendWordsByRune(t *testing.T) {
	lines := testdataLines(t, func(line string) []string {
		return []string{line, norm.NFD.String(line), strings.ToUpper(line)}
	})
	pieces := []string{"a", "Z", "0", "9", " ", ".", ",", "-", "_", "/", "@", "\t", "đ", "Đ", "ư", "ộ", "Ủ", "à", "\u0300", "\u0323", "\u031b",
		"\u00a0", "\u200b", "\u00ad", "×", "÷", "–", "“", "…", "中", "Ω", "👩", "\u200d", "\ufffd", "\xff", "\xc3", "\xe1\xbb", "ǅ", "²", "٣"}
	lines = append(lines, randomLines(rand.New(rand.NewPCG(7, 11)), pieces, 2000, 30)...)
	var ws []word
	for _, line := range lines {
		ws = appendWords(ws[:0], line)
		if want := wordsByRune(line); !(len(ws) == 0 && len(want) == 0) && !reflect.DeepEqual(ws, want) {
			t.Fatalf("appendWords(%q) =\n%+v\na character at a time:\n%+v", line, ws, want)
		}
		for _, w := range ws {
			if _, ok := vi.TonePlacement(w.text); ok && w.ascii {
				t.Errorf("%q: a word of ASCII has a tone mark", w.text)
			}
		}
	}
}

func TestCapitals(t *testing.T) {
	yes := []string{"UBND", "HĐND", "BCĐ", "ĐĐ", "ĐẠI", "COVID", "TP", "HCM", "CỘNG", "A4B", "XIII"}
	no := []string{"", "A", "A4", "Đ", "ThS", "iPhone", "Hà", "HĐNd", "ĐĐđ", "UBNDở", "Ủy", "123", "ǅǅ"}
	for _, w := range yes {
		if !capitals(w) {
			t.Errorf("capitals(%q) = false, want true", w)
		}
	}
	for _, w := range no {
		if capitals(w) {
			t.Errorf("capitals(%q) = true, want false", w)
		}
	}
}
