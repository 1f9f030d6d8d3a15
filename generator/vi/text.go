package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C. When s is already NFC
// (always the case for ASCII) it returns s itself without allocating.
func NFC(s string) string {
	// stablePrefix settles ASCII and precomposed Vietnamese text; norm
	// reads the rest, from the last character that cannot compose with
	// what comes before it. Text that is not NFC, rare, is normalized
	// whole by String: norm's Append from that point measured several
	// times slower on decomposed text (BenchmarkNFC/nfd).
	from := stablePrefix(s)
	rest := s[from:]
	if norm.NFC.QuickSpanString(rest) == len(rest) || norm.NFC.IsNormalString(rest) {
		return s
	}
	return norm.NFC.String(s)
}

// NFCBytes is [NFC] for bytes; it returns b itself when b is already NFC.
func NFCBytes(b []byte) []byte {
	nfc, _ := nfcBytes(b, false)
	return nfc
}

// ValidNFCBytes is NFCBytes for a text that must be valid UTF-8, as a
// file's is: bad is the offset of its first byte that is not, or -1. Both
// are read in one pass over the stable characters that start it (see
// stablePrefix, whose characters are valid UTF-8): for Vietnamese written
// with precomposed letters that is the whole text, read once instead of
// twice (utf8.Valid alone was 2% of a build's CPU).
func ValidNFCBytes(b []byte) (nfc []byte, bad int) {
	return nfcBytes(b, true)
}

func nfcBytes(b []byte, valid bool) ([]byte, int) {
	from := stablePrefix(b)
	rest := b[from:]
	if valid && !utf8.Valid(rest) {
		for i := 0; i < len(rest); {
			r, size := utf8.DecodeRune(rest[i:])
			if r == utf8.RuneError && size <= 1 {
				return nil, from + i
			}
			i += size
		}
	}
	if norm.NFC.QuickSpan(rest) == len(rest) || norm.NFC.IsNormal(rest) {
		return b, -1
	}
	return norm.NFC.Bytes(b), -1
}

// Slugify turns s into a URL path segment: tones and other marks removed,
// đ/Đ mapped to d, lowercase ASCII letters and digits only, each run of
// anything else (spaces, punctuation, invalid UTF-8, letters of non-Latin
// scripts) becoming one hyphen, with no hyphen at either end:
// "Đắk Lắk: Hội nghị" → "dak-lak-hoi-nghi". It returns "" when nothing is
// left.
//
// Marks are removed by compatibility decomposition, so NFC and NFD input give
// the same slug, and other Latin letters work too: é → e, ñ → n, ﬁ → fi,
// fullwidth Ａ → a. Latin letters that do not decompose are mapped by a small
// table: ø → o, ł → l, ß → ss, æ → ae, œ → oe, þ → th, ð → d, and the ƀ of
// the Central Highlands' alphabets → b (see latinBase).
// The result is always a fixed point: Slugify(Slugify(s)) == Slugify(s).
func Slugify(s string) string {
	if isSlug(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	w := slugWriter{b: &b}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			w.ascii(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			w.sep = true
			i++
			continue
		}
		if c := tableSlug(r); c != 0 {
			w.ascii(c)
		} else {
			eachRune(norm.NFKD, s[i:i+size], r, w.rune)
		}
		i += size
	}
	return b.String()
}

// slugWriter writes slug characters, emitting one hyphen for each run of
// separators between two kept characters.
type slugWriter struct {
	b   *strings.Builder
	sep bool // a separator was seen since the last kept character
}

func (w *slugWriter) ascii(c byte) {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
	case 'A' <= c && c <= 'Z':
		c += 'a' - 'A'
	default:
		w.sep = true
		return
	}
	if w.sep && w.b.Len() > 0 {
		w.b.WriteByte('-')
	}
	w.sep = false
	w.b.WriteByte(c)
}

func (w *slugWriter) rune(r rune) {
	if r < utf8.RuneSelf {
		w.ascii(byte(r))
		return
	}
	if isMark(r) {
		// A mark belongs to the letter before it: dropping it must not
		// split "e\u0301" into two words.
		return
	}
	base := latinBase(r)
	if base == "" {
		w.sep = true
		return
	}
	for i := 0; i < len(base); i++ {
		w.ascii(base[i])
	}
}

// Fold lowercases s and removes tones and other marks, mapping đ/Đ to d, but
// keeps spaces, punctuation and letters of other scripts as they are:
// "Bình Đẳng Giới!" → "binh dang gioi!". It is a key for search and
// matching, so fold both sides; NFC and NFD input fold alike, and the result
// is NFC. Each invalid UTF-8 byte becomes U+FFFD.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // returns s itself when nothing changes
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// Copying the byte could join it with a later one across a
			// dropped mark and make a new character.
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		eachRune(norm.NFD, s[i:i+size], r, func(r rune) {
			switch {
			case isMark(r):
			case r == 'đ' || r == 'Đ':
				b.WriteByte('d')
			default:
				b.WriteRune(unicode.ToLower(r))
			}
		})
		i += size
	}
	// Hangul syllables have no decomposition in the tables, but their NFD
	// jamo do compose: NFC makes both spellings fold alike.
	return NFC(b.String())
}

// eachRune calls f for each rune of the full decomposition under form (NFD
// or NFKD) of r, whose encoding is s, or for r itself when it has none. The
// decomposition is read from x/text's tables in place, without allocating.
func eachRune(form norm.Form, s string, r rune, f func(rune)) {
	d := form.PropertiesString(s).Decomposition()
	if d == nil {
		f(r)
		return
	}
	for len(d) > 0 {
		r, n := utf8.DecodeRune(d)
		f(r)
		d = d[n:]
	}
}

// isMark reports whether r is a nonspacing or enclosing combining mark: the
// tones and vowel marks of Vietnamese once decomposed.
func isMark(r rune) bool {
	if 0x0300 <= r && r <= 0x036F { // Combining Diacritical Marks: all Mn
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me)
}

// latinBase maps a non-ASCII Latin letter that has no decomposition to
// ASCII, or returns "" when r is not such a letter. đ is here because
// decomposition leaves it (and ø, ł, …) untouched.
func latinBase(r rune) string {
	switch r {
	case 'đ', 'Đ', 'ð', 'Ð', 'ɖ', 'Ɖ':
		return "d"
	case 'ƀ', 'Ƀ': // b with stroke, of the Ê Đê, Jrai and Bahnar alphabets
		return "b"
	case 'ø', 'Ø':
		return "o"
	case 'ł', 'Ł':
		return "l"
	case 'ħ', 'Ħ':
		return "h"
	case 'ı':
		return "i"
	case 'ŧ', 'Ŧ':
		return "t"
	case 'ß', 'ẞ':
		return "ss"
	case 'æ', 'Æ':
		return "ae"
	case 'œ', 'Œ':
		return "oe"
	case 'þ', 'Þ':
		return "th"
	}
	return ""
}

// isSlug reports whether s is already a slug, so Slugify can return it
// without allocating.
func isSlug(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
