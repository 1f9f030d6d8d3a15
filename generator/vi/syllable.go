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
	start := -1
	for i := 0; i < len(s); {
		var in bool
		size := 1
		if c := s[i]; c < utf8.RuneSelf {
			// Most bytes are ASCII: letters, digits, spaces, punctuation.
			in = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			in = IsLatinLetter(r) || r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && unicode.Is(unicode.Mn, r)))
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// IsLatinLetter reports, without a table search, whether r is one of the
// Latin letters Vietnamese text is made of beyond ASCII: Latin-1's letters,
// Latin Extended-A and -B (ă, đ, ơ, ư…) and Latin Extended Additional (ạ,
// ế, ữ…). Every character of those ranges is a letter but × and ÷. A
// false answer says nothing: ask unicode.IsLetter then.
func IsLatinLetter(r rune) bool {
	return 0xC0 <= r && r <= 0x24F && r != 0xD7 && r != 0xF7 || 0x1E00 <= r && r <= 0x1EFF
}
