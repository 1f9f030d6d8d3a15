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

// toneSpot describes a syllable where the two styles differ: its letters
// decomposed, and the indexes of the two vowels of oa, oe or uy.
type toneSpot struct {
	letters []letter
	first   int // index in letters of o or u
	tone    rune
	style   ToneStyle
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
	last, size := utf8.DecodeLastRuneInString(word)
	before, _ := utf8.DecodeLastRuneInString(word[:len(word)-size])
	if !unicode.Is(unicode.Mn, last) && !mayEndSpot(before, last) {
		return toneSpot{}, false
	}
	return readSpot(word)
}

// mayEndSpot reports whether a word ending in the letters before and last
// may end in oa, oe or uy with no mark but a tone: false is certain.
func mayEndSpot(before, last rune) bool {
	var firsts string // what may come before last
	switch last {
	case 'a', 'à', 'á', 'ả', 'ã', 'ạ', 'A', 'À', 'Á', 'Ả', 'Ã', 'Ạ',
		'e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ', 'E', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ':
		firsts = "oòóỏõọOÒÓỎÕỌ"
	case 'y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'Y', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ':
		firsts = "uùúủũụUÙÚỦŨỤ"
	default:
		return false // most words: they end in a consonant, i, o or u
	}
	return strings.ContainsRune(firsts, before) || unicode.Is(unicode.Mn, before) // ò written o and a mark
}

// readSpot is spot without its quick look.
func readSpot(word string) (toneSpot, bool) {
	var ls []letter
	for _, r := range norm.NFD.String(word) {
		if unicode.Is(unicode.Mn, r) {
			if len(ls) == 0 {
				return toneSpot{}, false
			}
			ls[len(ls)-1].marks = append(ls[len(ls)-1].marks, r)
			continue
		}
		if !unicode.IsLetter(r) {
			return toneSpot{}, false
		}
		ls = append(ls, letter{base: r})
	}
	n := len(ls)
	if n < 2 {
		return toneSpot{}, false
	}
	a, b := unicode.ToLower(ls[n-2].base), unicode.ToLower(ls[n-1].base)
	if !(a == 'o' && (b == 'a' || b == 'e')) && !(a == 'u' && b == 'y') {
		return toneSpot{}, false
	}
	// The letters before the two vowels make the initial consonant, and
	// "quy" is q-u-y: its u belongs to the consonant.
	for _, l := range ls[:n-2] {
		if len(l.marks) > 0 {
			return toneSpot{}, false
		}
	}
	if !isSyllable(word) || (a == 'u' && n >= 3 && unicode.ToLower(ls[n-3].base) == 'q') {
		return toneSpot{}, false
	}
	sp := toneSpot{letters: ls, first: n - 2}
	for i := n - 2; i < n; i++ {
		for _, m := range ls[i].marks {
			if !isTone(m) || sp.tone != 0 {
				return toneSpot{}, false // a vowel mark (hoặc has a final anyway) or two tones
			}
			sp.tone = m
			sp.style = ToneOld
			if i == n-1 {
				sp.style = ToneNew
			}
		}
	}
	if sp.tone == 0 {
		return toneSpot{}, false
	}
	return sp, true
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
	to := sp.first
	if style == ToneNew {
		to = sp.first + 1
	}
	var b strings.Builder
	for i, l := range sp.letters {
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
