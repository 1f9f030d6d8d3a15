package vi

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The proofreader reads every word of a site with the functions of this
// package; when one is made faster, the way it was is kept here, and the
// two must agree on every word below.

// readSpotByLetters is readSpot as it was: the word decomposed into a
// slice of letters, each with a slice of its marks.
func readSpotByLetters(word string) (ls []letter, first int, sp toneSpot, ok bool) {
	for _, r := range norm.NFD.String(word) {
		if unicode.Is(unicode.Mn, r) {
			if len(ls) == 0 {
				return nil, 0, toneSpot{}, false
			}
			ls[len(ls)-1].marks = append(ls[len(ls)-1].marks, r)
			continue
		}
		if !unicode.IsLetter(r) {
			return nil, 0, toneSpot{}, false
		}
		ls = append(ls, letter{base: r})
	}
	n := len(ls)
	if n < 2 {
		return nil, 0, toneSpot{}, false
	}
	a, b := unicode.ToLower(ls[n-2].base), unicode.ToLower(ls[n-1].base)
	if !(a == 'o' && (b == 'a' || b == 'e')) && !(a == 'u' && b == 'y') {
		return nil, 0, toneSpot{}, false
	}
	for _, l := range ls[:n-2] {
		if len(l.marks) > 0 {
			return nil, 0, toneSpot{}, false
		}
	}
	if !isSyllableByString(word) || (a == 'u' && n >= 3 && unicode.ToLower(ls[n-3].base) == 'q') {
		return nil, 0, toneSpot{}, false
	}
	for i := n - 2; i < n; i++ {
		for _, m := range ls[i].marks {
			if !isTone(m) || sp.tone != 0 {
				return nil, 0, toneSpot{}, false
			}
			sp.tone = m
			sp.style = ToneOld
			if i == n-1 {
				sp.style = ToneNew
			}
		}
	}
	if sp.tone == 0 {
		return nil, 0, toneSpot{}, false
	}
	return ls, n - 2, sp, true
}

// placeToneByLetters is PlaceTone as it was.
func placeToneByLetters(word string, style ToneStyle) string {
	ls, first, sp, ok := readSpotByLetters(word)
	if !ok || sp.style == style || (style != ToneOld && style != ToneNew) {
		return word
	}
	to := first
	if style == ToneNew {
		to = first + 1
	}
	var b strings.Builder
	for i, l := range ls {
		b.WriteRune(l.base)
		for _, m := range l.marks {
			if !isTone(m) {
				b.WriteRune(m)
			}
		}
		if i == to {
			b.WriteRune(sp.tone)
		}
	}
	return norm.NFC.String(b.String())
}

// isSyllableByString is isSyllable as it was.
func isSyllableByString(w string) bool {
	if w == "" {
		return false
	}
	var bases strings.Builder
	tone := toneNone
	for _, r := range strings.ToLower(NFC(w)) {
		if strings.ContainsRune("bcdđghklmnpqrstvx", r) {
			bases.WriteRune(r)
			continue
		}
		base, t, ok := splitVowelByScan(r)
		if !ok || (t != toneNone && tone != toneNone) {
			return false
		}
		if t != toneNone {
			tone = t
		}
		bases.WriteRune(base)
	}
	b := bases.String()
	for rest := onsets; ; {
		on, more, _ := strings.Cut(rest, " ")
		if strings.HasPrefix(b, on) {
			if rimeOK(on, b[len(on):], tone) {
				return true
			}
			if on == "gi" && (b == on || rimeOK(on, "i"+b[len(on):], tone)) {
				return true
			}
		}
		if rest == "" {
			return false
		}
		rest = more
	}
}

// splitVowelByScan is splitVowel as it was: a look along vowelTones.
func splitVowelByScan(r rune) (base rune, tone int, ok bool) {
	i := 0
	for _, v := range vowelTones {
		if i%6 == 0 {
			base = v
		}
		if v == r {
			return base, i % 6, true
		}
		i++
	}
	return 0, 0, false
}

// refWords are the words to compare on: those of the proofreader's and
// this package's test files, as written, decomposed and in capitals; every
// pair of Vietnamese letters after one of a few initials; and random
// strings of letters, marks and other characters.
func refWords(t *testing.T) []string {
	t.Helper()
	var words []string
	files, _ := filepath.Glob("../check/testdata/*/*.md")
	more, _ := filepath.Glob("testdata/legacy/*.txt")
	if len(files) == 0 || len(more) == 0 {
		t.Fatal("no test files")
	}
	for _, file := range append(files, more...) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := string(src)
		for _, text := range []string{s, norm.NFD.String(s), strings.ToUpper(s)} {
			words = append(words, strings.Fields(text)...)
			words = append(words, Syllables(text)...)
		}
	}
	var letters []string
	for _, base := range strings.Split("a ă â e ê i o ô ơ u ư y", " ") {
		for _, tone := range []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"} {
			l := norm.NFC.String(base + tone)
			letters = append(letters, l, strings.ToUpper(l))
		}
	}
	letters = append(letters, strings.Split("b c d đ g h k l m n p q r s t v x Đ Q H", " ")...)
	inits := []string{"", "th", "qu", "q", "gi", "ngh", "Ng", "KH", "đ"}
	ends := []string{"", "n", "ng", "c", "i"}
	for i, a := range letters {
		for j, b := range letters {
			w := inits[(i+j)%len(inits)] + a + b
			words = append(words, w, norm.NFD.String(w), w+ends[(i*j)%len(ends)])
		}
	}
	for _, init := range inits { // where the styles differ, with every initial
		for _, a := range letters {
			for _, b := range letters {
				if strings.ContainsAny(strings.ToLower(norm.NFD.String(a)), "ou") && strings.ContainsAny(strings.ToLower(norm.NFD.String(b)), "aey") {
					words = append(words, init+a+b, norm.NFD.String(init+a+b))
				}
			}
		}
	}
	pieces := []string{"a", "o", "u", "y", "e", "O", "U", "Y", "q", "Q", "h", "t", "n", "g", "i", "đ", "ư", "ơ", "ô", "ă", "ò", "ỏ", "Ủ", "à",
		"\u0300", "\u0301", "\u0309", "\u0303", "\u0323", "\u0302", "\u0306", "\u031b", "\u0308", "×", "1", "-", "中", "\ufffd", "\xff", "ǅ", "İ", "K"}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(7) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		words = append(words, b.String())
	}
	return append(words, "")
}

func TestReadSpotAsByLetters(t *testing.T) {
	spots := 0
	for _, w := range refWords(t) {
		sp, ok := readSpot(w)
		_, _, want, wantOK := readSpotByLetters(w)
		if ok != wantOK || sp.style != want.style || sp.tone != want.tone {
			t.Fatalf("readSpot(%q) = %+v, %v; by letters %+v, %v", w, sp, ok, want, wantOK)
		}
		var composed, decomposed spotReader
		if composed.readComposed(w) {
			decomposed.readDecomposed(w)
			if c, d := composed.weighed(), decomposed.weighed(); c != d {
				t.Fatalf("%q: read composed %+v, decomposed %+v", w, c, d)
			}
		}
		if q, qOK := spot(w); qOK != ok || q != sp {
			t.Fatalf("spot(%q) = %+v, %v; the long way %+v, %v", w, q, qOK, sp, ok)
		}
		if !ok {
			continue // PlaceTone gives the word back: TestTonePlacement
		}
		spots++
		for _, style := range []ToneStyle{ToneOld, ToneNew, 0} {
			if got, want := PlaceTone(w, style), placeToneByLetters(w, style); got != want {
				t.Fatalf("PlaceTone(%q, %v) = %q; by letters %q", w, style, got, want)
			}
		}
	}
	if spots < 500 {
		t.Errorf("only %d spots among the words", spots)
	}
}

func TestIsSyllableAsByString(t *testing.T) {
	yes := 0
	for _, w := range refWords(t) {
		got, want := isSyllable(w), isSyllableByString(w)
		if got != want {
			t.Fatalf("isSyllable(%q) = %v; by string %v", w, got, want)
		}
		if got {
			yes++
		}
	}
	if yes < 1000 {
		t.Errorf("only %d syllables among the words", yes)
	}
}

// splitVowel reads every character as the look along vowelTones does.
func TestSplitVowel(t *testing.T) {
	for r := rune(0); r <= 0x2000; r++ {
		base, tone, ok := splitVowel(r)
		wantBase, wantTone, wantOK := splitVowelByScan(r)
		if base != wantBase || tone != wantTone || ok != wantOK {
			t.Errorf("splitVowel(%q) = %q, %d, %v; along vowelTones %q, %d, %v", r, base, tone, ok, wantBase, wantTone, wantOK)
		}
	}
}

func TestIsMn(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if isMn(r) != unicode.Is(unicode.Mn, r) {
			t.Errorf("isMn(%U) = %v", r, isMn(r))
		}
	}
}

// weighed is what readSpot weighs of what sr read: the bases in lower
// case, a mark only where it is the letter's one.
func (sr spotReader) weighed() spotReader {
	sr.b2, sr.b1, sr.b0 = unicode.ToLower(sr.b2), unicode.ToLower(sr.b1), unicode.ToLower(sr.b0)
	if sr.m1 != 1 {
		sr.mark1 = 0
	}
	if sr.m0 != 1 {
		sr.mark0 = 0
	}
	return sr
}
