package vi

import "strings"

// ShortenSlug cuts a slug to at most max bytes at a word boundary (a
// hyphen), so that a long Vietnamese title does not make a path Windows
// cannot open (260 characters in all, folders included):
// "hoi-nghi-tong-ket-cong-tac" with max 20 → "hoi-nghi-tong-ket". A first
// word longer than max is cut inside it. max <= 0 leaves s as it is.
func ShortenSlug(s string, max int) string {
	if max <= 0 || len(s) <= max {
		return s
	}
	// A hyphen at max itself ends a whole word too.
	if i := strings.LastIndexByte(s[:max+1], '-'); i > 0 {
		return strings.TrimRight(s[:i], "-")
	}
	return strings.TrimRight(s[:max], "-")
}
