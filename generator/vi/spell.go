package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ToneStyle is one of the two conventions for where the tone mark goes on
// the open syllables ending in oa, oe and uy: the old (traditional) one
// puts it on the first vowel, "hòa", "khỏe", "thủy"; the new one, in the
// Ministry of Education's spelling rules since 1984 and in Unikey's "kiểu
// mới", on the second, "hoà", "khoẻ", "thuỷ". Both are correct; a site
// should keep to one, since search, sorting and readers' eyes treat "hoà"
// and "hòa" as different words. Every other syllable is written the same
// in both: with a final consonant or a third vowel the mark is on the
// second vowel ("hoàng", "ngoài"), and "quý" is q-u-ý in both.
type ToneStyle int

const (
	ToneOld ToneStyle = iota + 1 // hòa, khỏe, thủy
	ToneNew                      // hoà, khoẻ, thuỷ
)

func (s ToneStyle) String() string {
	switch s {
	case ToneOld:
		return "old"
	case ToneNew:
		return "new"
	}
	return "none"
}

// tones are the five tone marks, as combining characters.
const tones = "\u0300\u0301\u0309\u0303\u0323"

func isTone(r rune) bool { return strings.ContainsRune(tones, r) }

// toneSpot describes a syllable where the two styles differ: its tone
// and where it stands.
type toneSpot struct {
	tone  rune
	style ToneStyle
}

// letter is a base letter with its marks (vowel marks and tone), decomposed.
type letter struct {
	base  rune
	marks []rune
}

// spot reads word (one syllable, NFC or NFD) and reports whether it is an
// open syllable ending in oa, oe or uy with a tone mark on one of those two
// vowels.
func spot(word string) (toneSpot, bool) {
	// Most words end otherwise: a quick look at the last two letters,
	// composed (a decomposed word ends in a mark and takes the long way).
	// The last alone turns most words away; the one before it is decoded
	// only for the few that end in a, e or y.
	last, size := utf8.DecodeLastRuneInString(word)
	firsts := spotFirsts(last)
	if firsts == "" {
		if isMn(last) {
			return readSpot(word)
		}
		return toneSpot{}, false
	}
	before, _ := utf8.DecodeLastRuneInString(word[:len(word)-size])
	if !strings.ContainsRune(firsts, before) && !isMn(before) { // ò written o and a mark
		return toneSpot{}, false
	}
	return readSpot(word)
}

// isMn is unicode.Is(unicode.Mn, r), with no table search for the
// letters of Vietnamese: those below the combining marks' block, where Mn
// starts, and Latin Extended Additional, which has none.
func isMn(r rune) bool {
	return r >= 0x300 && !(0x1E00 <= r && r <= 0x1EFF) && unicode.Is(unicode.Mn, r)
}

// spotFirsts is what may come before last in a word ending in oa, oe or
// uy with no mark but a tone; "" when no such word ends in last.
func spotFirsts(last rune) (firsts string) {
	switch last {
	case 'a', 'à', 'á', 'ả', 'ã', 'ạ', 'A', 'À', 'Á', 'Ả', 'Ã', 'Ạ',
		'e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'E', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ':
		firsts = "oòóỏõọOÒÓỎÕỌ"
	case 'y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'Y', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ':
		firsts = "uùúủũụUÙÚỦŨỤ"
	}
	return firsts // "" for most words: they end in a consonant, i, o or u
}

// readSpot is spot without its quick look. It reads the word's letters
// decomposed one at a time (spotReader), so a word costs no allocation:
// composed, as nearly all are, without decomposing it.
func readSpot(word string) (toneSpot, bool) {
	var sr spotReader
	if !sr.readComposed(word) {
		sr = spotReader{}
		if !sr.readDecomposed(word) {
			return toneSpot{}, false
		}
	}
	n, b2, b1, b0 := sr.n, sr.b2, sr.b1, sr.b0
	if n < 2 {
		return toneSpot{}, false
	}
	a, b := unicode.ToLower(b1), unicode.ToLower(b0)
	if !(a == 'o' && (b == 'a' || b == 'e')) && !(a == 'u' && b == 'y') {
		return toneSpot{}, false
	}
	// The letters before the two vowels make the initial consonant, and
	// "quy" is q-u-y: its u belongs to the consonant. The two vowels carry
	// one mark, a tone: a vowel mark (hoặc has a final anyway) or two
	// tones are no spot.
	if sr.marked || sr.m1+sr.m0 != 1 || (a == 'u' && n >= 3 && unicode.ToLower(b2) == 'q') {
		return toneSpot{}, false
	}
	sp := toneSpot{tone: sr.mark1, style: ToneOld}
	if sr.m0 == 1 {
		sp = toneSpot{tone: sr.mark0, style: ToneNew}
	}
	if !isTone(sp.tone) || !isSyllable(word) {
		return toneSpot{}, false
	}
	return sp, true
}

// spotReader keeps, of a word's letters decomposed, what readSpot weighs:
// the last three bases and the marks of the last two letters.
type spotReader struct {
	n            int  // letters so far
	b2, b1, b0   rune // the bases of the last three letters, b0 the last
	m1, m0       int  // how many marks the last two letters carry
	mark1, mark0 rune // the mark of each of them, when one
	marked       bool // a letter before the last two carries a mark
}

func (sr *spotReader) letter(base rune) {
	sr.marked = sr.marked || sr.m1 > 0
	sr.b2, sr.b1, sr.b0 = sr.b1, sr.b0, base
	sr.m1, sr.mark1, sr.m0, sr.mark0 = sr.m0, sr.mark0, 0, 0
	sr.n++
}

func (sr *spotReader) mark(m rune) {
	sr.m0++
	sr.mark0 = m
}

// readDecomposed reads word decomposed (NFD), false at a character that
// is neither a letter nor a mark on one.
func (sr *spotReader) readDecomposed(word string) bool {
	var it norm.Iter
	it.InitString(norm.NFD, word)
	for !it.Done() {
		for _, r := range string(it.Next()) {
			switch {
			case isMn(r) && sr.n > 0:
				sr.mark(r)
			case isMn(r) || !unicode.IsLetter(r):
				return false
			default:
				sr.letter(r)
			}
		}
	}
	return true
}

// readComposed reads word as readDecomposed would when it is made of
// ASCII letters, đ and the vowels of Vietnamese, composed, in either
// case, which it decomposes by splitVowel; false, having read part of it
// maybe, at any other character.
func (sr *spotReader) readComposed(word string) bool {
	for _, r := range word {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == 'đ' || r == 'Đ':
			sr.letter(r)
			continue
		case r < utf8.RuneSelf:
			return false
		}
		l := unicode.ToLower(r)
		base, tone, ok := splitVowel(l)
		if !ok || l != r && unicode.ToUpper(l) != r { // İ is no I with a tone
			return false
		}
		bare, vowelMark := vowelMarkOf(base)
		sr.letter(bare)
		if vowelMark != 0 {
			sr.mark(vowelMark)
		}
		if tone != toneNone {
			m, _ := utf8.DecodeRuneInString(tones[2*(tone-1):]) // each tone takes two bytes
			sr.mark(m)
		}
	}
	return true
}

// vowelMarkOf is a vowel without a tone (splitVowel's base) decomposed:
// its letter and its mark, 0 when none.
func vowelMarkOf(base rune) (bare, mark rune) {
	switch base {
	case 'ă':
		return 'a', '\u0306'
	case 'â':
		return 'a', '\u0302'
	case 'ê':
		return 'e', '\u0302'
	case 'ô':
		return 'o', '\u0302'
	case 'ơ':
		return 'o', '\u031b'
	case 'ư':
		return 'u', '\u031b'
	}
	return base, 0
}

// letters is word decomposed into its letters, each with its marks.
func letters(word string) []letter {
	var ls []letter
	for _, r := range norm.NFD.String(word) {
		if isMn(r) && len(ls) > 0 {
			ls[len(ls)-1].marks = append(ls[len(ls)-1].marks, r)
			continue
		}
		ls = append(ls, letter{base: r})
	}
	return ls
}

// TonePlacement reports the style a syllable is written in, for the
// syllables where the two styles differ: "hòa" → ToneOld, "hoà" → ToneNew;
// ok is false for every other word ("hoa", "hoàng", "quý", "Đà").
func TonePlacement(word string) (style ToneStyle, ok bool) {
	if isASCII(word) { // no tone mark: both styles write it alike
		return 0, false
	}
	sp, ok := spot(word)
	return sp.style, ok
}

// PlaceTone writes a syllable in the given style, keeping its letter
// case: PlaceTone("Hòa", ToneNew) = "Hoà", PlaceTone("THUỶ", ToneOld) =
// "THỦY". A word the styles write alike is returned as it is. The result
// is NFC.
func PlaceTone(word string, style ToneStyle) string {
	sp, ok := spot(word)
	if !ok || sp.style == style || (style != ToneOld && style != ToneNew) {
		return word
	}
	ls := letters(word) // a spot: letters, the o or u of the two vowels second to last
	to := len(ls) - 2
	if style == ToneNew {
		to++
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

// IsSyllable reports whether word has the shape of a Vietnamese syllable:
// an initial consonant, a vowel sequence, a final consonant and at most
// one tone, in any case. "Nam", "HỘI", "nghiêng" are; "UBND", "BCĐ",
// "HĐND", "WHO" are not, so they can be told as abbreviations even when
// written in capitals.
func IsSyllable(word string) bool { return isSyllable(word) }
