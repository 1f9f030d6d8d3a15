package check

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"loa/generator/diag"
	"loa/generator/vi"
)

// Every character look calls sure is NFC alone and composes with nothing
// before it, so that a line of such characters is NFC; every combining
// mark of U+0300–U+036F and every invisible character is seen.
func TestWholeCharacters(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r)
		has := look(s)
		if p := norm.NFC.PropertiesString(s); !has.unsure && (!p.BoundaryBefore() || !norm.NFC.IsNormalString(s)) {
			t.Errorf("look is sure of %U, which is not NFC or composes with what comes before", r)
		}
		if 0x300 <= r && r <= 0x36f && !has.marks {
			t.Errorf("look misses the mark %U", r)
		}
		if en, _ := invisible(r); (en != "" || r == nbsp) && !has.hidden {
			t.Errorf("look misses the invisible %U", r)
		}
	}
}

// Where look says a line holds nothing for a closer reading, that reading
// finds nothing there.
func TestLookMissesNothing(t *testing.T) {
	lines := []string{
		"", "Hội nghị tổng kết năm 2023", "Ban Vì sự tiến bộ của Phụ nữ – “Hà Nội”…",
		"Ban Vi\u0300 su\u031b\u0323 tiến bộ", "tr&ocirc;\u0300ng dưa", " \u0301 và .\u0323", "a\u0301", "\u0301",
		"Bình\u200b đẳng", "a\u00adb", "TrËn ®Êu r\u00adîu lÇn nµy ng\u00ad¬i", "Hà\u00a0\u00a0Nội", "20\u00a0%", "Tin \ufeffmới",
		"Gia đình 👩\u200d👧", "\u2060x", "\u1100\u1161", "\uac00\u11a8", "\u0b47\u0b3e", "\u2000\u2001", "\u212b Å A\u030a",
		"\u0958 \uf900 \U0001d15e", "ﬁ ½ x² ǅ", "中文 Ж Ω", "bad \xff\xc3 bytes", "\ufffd", "\u0344\u0f73",
		"V\u00d7 s\u00f9 ti\u00d5n b\u00e9 c\u00f1a", "Ho\u00e4i ngh\u00f2", "\u1ec7\u0300", "\u01b0\u0323",
	}
	for _, line := range lines {
		pos := diag.Pos{File: "a.md", Line: 1}
		has := look(line)
		if !has.unsure && !vi.IsNFC(line) {
			t.Errorf("%q: look is sure, but the line is not NFC", line)
		}
		if !has.marks && len(strayMarks(line, pos)) > 0 {
			t.Errorf("%q: look sees no mark, but strayMarks finds one", line)
		}
		if !has.hidden && len(invisibles(line, pos)) > 0 {
			t.Errorf("%q: look sees nothing hidden, but invisibles finds something", line)
		}
	}
}

// lookByRune is look as it was, before its paths for the letters of
// Vietnamese: every character outside ASCII decoded.
func lookByRune(line string) chars {
	var c chars
	for _, r := range line {
		switch {
		case r < utf8.RuneSelf:
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

// look says what lookByRune says, on the lines of the test files and on
// random strings of characters, cut ones and bytes that start none.
func TestLookAsByRune(t *testing.T) {
	lines := testdataLines(t, func(line string) []string { return []string{line} })
	pieces := []string{"a", " ", "ạ", "ữ", "Ỹ", "\u1e00", "\u1eff", "\u1dff", "\u1f00", "À", "\u02ff", "\u0300", "\u036f", "\u00bf", "\u00a0", "\u00ad",
		"\u200b", "\u2013", "\u2060", "\ufeff", "\xc3", "\xcb", "\xe1", "\xe1\xbb", "\xe1\xb8", "\xe1\xb7", "\xe1\xbc", "\xbb", "\xff", "中", "👩"}
	lines = append(lines, randomLines(rand.New(rand.NewPCG(2, 9)), pieces, 20000, 12)...)
	for _, line := range lines {
		if got, want := look(line), lookByRune(line); got != want {
			t.Fatalf("look(%q) = %+v; by rune %+v", line, got, want)
		}
	}
}

// testdataLines are the lines of the test files, each as each gives it.
func testdataLines(t *testing.T, each func(line string) []string) []string {
	t.Helper()
	var lines []string
	files, _ := filepath.Glob("testdata/*/*.md")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			lines = append(lines, each(line)...)
		}
	}
	return lines
}

// randomLines are n strings of up to most of the pieces, picked by rng.
func randomLines(rng *rand.Rand, pieces []string, n, most int) []string {
	lines := make([]string, 0, n)
	for range n {
		var b strings.Builder
		for range rng.IntN(most) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		lines = append(lines, b.String())
	}
	return lines
}
