package locale

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"loa/generator/vi"
)

// Slug turns s into a path segment of an address for any script. Latin
// letters lose their marks as vi.Slugify takes them off, so Vietnamese and
// the Latin orthographies of Vietnam's minority languages give plain ASCII
// (Ê Đê "ĕ ŏ ŭ ơ̆" → "e-o-u-o"). Letters, digits and marks of other
// scripts (Khmer, Chăm, Lao, Thai, Han…) are kept as written, lower-cased
// where the script has cases, so "ព័ត៌មាន" stays "ព័ត៌មាន": a browser shows
// it in the address bar, and the address is percent-encoded where a URL
// needs bytes. Runs of anything else become one hyphen. A string with no
// letter of another script gives exactly vi.Slugify's slug, and
// Slug(Slug(s)) == Slug(s).
func Slug(s string) string {
	if !hasOtherScript(s) {
		return vi.Slugify(s)
	}
	s = vi.NFC(s)
	var parts []string
	add := func(p string) {
		if p != "" {
			parts = append(parts, p)
		}
	}
	start, kept := 0, false // the current run, and whether it is of another script
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		k := otherScript(r) || (kept && isMark(r))
		if k != kept {
			if kept {
				add(strings.ToLower(s[start:i]))
			} else {
				add(vi.Slugify(s[start:i]))
			}
			start, kept = i, k
		}
		i += size
	}
	if kept {
		add(strings.ToLower(s[start:]))
	} else {
		add(vi.Slugify(s[start:]))
	}
	return strings.Join(parts, "-")
}

// Shorten cuts a slug to at most max bytes at a hyphen, as vi.ShortenSlug
// does, never inside a letter of several bytes. max <= 0 leaves s as it is.
func Shorten(s string, max int) string {
	if max <= 0 || len(s) <= max {
		return s
	}
	for max > 0 && !utf8.RuneStart(s[max]) {
		max--
	}
	if max == 0 {
		return s[:0]
	}
	return vi.ShortenSlug(s, max)
}

func hasOtherScript(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if otherScript(r) {
			return true
		}
		i += size
	}
	return false
}

// otherScript reports whether r is a letter, digit or mark that belongs to
// a script other than Latin: one Slug keeps.
func otherScript(r rune) bool {
	if r < 0x0370 { // ASCII, Latin-1, Latin Extended-A and -B, IPA, spacing and combining marks
		return false
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !isMark(r) {
		return false
	}
	return !unicode.In(r, unicode.Latin, unicode.Common, unicode.Inherited)
}

func isMark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) }
