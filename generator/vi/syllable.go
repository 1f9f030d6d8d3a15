package vi

import (
	"unicode"
	"unicode/utf8"
)

// Syllables splits NFC text into its Vietnamese syllables: runs of letters
// and digits (with any combining marks NFC left), so spaces, punctuation and
// symbols all separate. "Đường dây nóng: 111!" → "Đường", "dây", "nóng",
// "111". The syllables are substrings of s, case and marks kept; fold each
// with Fold to match. Written text separates syllables with spaces, so no
// dictionary is needed, unlike Thai or Chinese.
func Syllables(s string) []string {
	// A Vietnamese syllable averages about six bytes with its space.
	out := make([]string, 0, len(s)/6+1)
	for start, end := NextSyllable(s, 0); start < end; start, end = NextSyllable(s, end) {
		out = append(out, s[start:end])
	}
	return out
}

// NextSyllable finds the first syllable of s from byte i on, as Syllables
// splits: s[start:end], or start = end = len(s) when there is none. A loop
// over it reads text a syllable at a time, without Syllables' slice.
func NextSyllable(s string, i int) (start, end int) {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			// Most bytes are ASCII: letters, digits, spaces, punctuation.
			if isASCIIAlnum(c) {
				break
			}
			i++
			continue
		}
		r, size := decodeRune(s, i)
		if IsLatinLetter(r) || r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			break
		}
		i += size
	}
	start = i
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIIAlnum(c) {
				break
			}
			i++
			continue
		}
		r, size := decodeRune(s, i)
		// Within a syllable, a combining mark belongs to it too.
		if !IsLatinLetter(r) && (r == utf8.RuneError || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)) {
			break
		}
		i += size
	}
	return start, i
}

func isASCIIAlnum(c byte) bool {
	return (c|0x20)-'a' < 26 || c-'0' < 10
}

// decodeRune decodes the non-ASCII character at s[i] as
// utf8.DecodeRuneInString does, without its general path for the two- and
// three-byte characters Vietnamese is written in (ă, đ, ơ from U+00C0 on,
// ạ, ế, ữ from U+1E00), whose every continuation byte is valid.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	switch {
	case 0xC2 <= c && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	case 0xE1 <= c && c < 0xF0 && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// IsLatinLetter reports, without a table search, whether r is one of the
// Latin letters Vietnamese text is made of beyond ASCII: Latin-1's letters,
// Latin Extended-A and -B (ă, đ, ơ, ư…) and Latin Extended Additional (ạ,
// ế, ữ…). Every character of those ranges is a letter but × and ÷. A
// false answer says nothing: ask unicode.IsLetter then.
func IsLatinLetter(r rune) bool {
	return 0xC0 <= r && r <= 0x24F && r != 0xD7 && r != 0xF7 || 0x1E00 <= r && r <= 0x1EFF
}
