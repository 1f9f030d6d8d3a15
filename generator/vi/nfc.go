package vi

import (
	"iter"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsNFC reports whether s is in Unicode Normalization Form C, as text
// typed with composed letters is: "Hội" is, "Ho\u0302\u0323i" is not.
func IsNFC(s string) bool {
	rest := s[stablePrefix(s):]
	return norm.NFC.QuickSpanString(rest) == len(rest) || norm.NFC.IsNormalString(rest)
}

// NFCPieces yields s cut where NFC may join characters, each piece as
// written and composed (NFC): "Ho\u0302\u0323i" gives "H" "H", "o\u0302\u0323"
// "ộ", "i" "i". A piece is one character with its marks, or a few that
// compose together; the pieces as written make s again. It lets a place
// counted in the composed text be found in the text as written.
func NFCPieces(s string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		var it norm.Iter
		it.InitString(norm.NFC, s)
		for !it.Done() {
			start := it.Pos()
			nfc := string(it.Next())
			if !yield(s[start:it.Pos()], nfc) {
				return
			}
		}
	}
}

// stablePrefix returns len(s) when s is made of stable characters only
// (so is NFC), else the start of the last stable character before the
// first other one, or 0. Stable characters are ASCII, U+0080-U+02FF
// (Latin-1, Latin Extended-A and B with Vietnamese's ă đ ĩ ũ ơ ư, IPA,
// modifier letters), U+1E00-U+1EFF (Latin Extended Additional: the
// precomposed Vietnamese letters with tones) and U+2002-U+20BF
// (punctuation, super- and subscripts, currency signs such as ₫). Each has
// NFC_Quick_Check=Yes and canonical combining class 0 (TestStablePrefix
// derives this from norm): a text made of them is NFC (UAX #15, quick
// check), and none composes with or reorders around anything before it,
// so NFC(s) is s[:i] followed by NFC(s[i:]) at the start i of any of them.
// The last one before a combining mark may compose with it (ô + U+0323 →
// ộ), so the rest is read from there.
func stablePrefix[T ~string | ~[]byte](s T) int {
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
			continue
		case 0xC2 <= c && c <= 0xCB: // U+0080-U+02FF
			if i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				i += 2
				continue
			}
		case c == 0xE1 || c == 0xE2:
			if i+2 < len(s) && s[i+2]&0xC0 == 0x80 {
				c1 := s[i+1]
				if c == 0xE1 && 0xB8 <= c1 && c1 <= 0xBB || // U+1E00-U+1EFF
					c == 0xE2 && (c1 == 0x80 && s[i+2] >= 0x82 || c1 == 0x81 || c1 == 0x82) { // U+2002-U+20BF
					i += 3
					continue
				}
			}
		}
		// Back to the start of the character before: the stable
		// characters are one to three bytes, valid UTF-8.
		if i > 0 {
			i--
			for !utf8.RuneStart(s[i]) {
				i--
			}
		}
		return i
	}
	return len(s)
}
