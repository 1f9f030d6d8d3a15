package vi

import (
	"bytes"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collator compares and sorts strings in Vietnamese alphabetical order:
// a < ă < â < b < c < d < đ < e < ê < … < o < ô < ơ < … < u < ư < …, letters
// first, then tones (none, huyền, hỏi, ngã, sắc, nặng), then case. It uses
// the CLDR Vietnamese tailoring of golang.org/x/text/collate and compares
// NFC and NFD spellings as equal.
//
// A Collator is not safe for concurrent use; construct one per goroutine.
type Collator struct {
	c *collate.Collator
}

// NewCollator returns a Collator for Vietnamese.
func NewCollator() *Collator {
	return &Collator{c: collate.New(language.Vietnamese)}
}

// Compare returns -1, 0 or 1 as a sorts before, equal to or after b.
func (c *Collator) Compare(a, b string) int {
	return c.c.CompareString(a, b)
}

// Sort sorts ss in Vietnamese order, keeping the input order of strings that
// compare equal.
func (c *Collator) Sort(ss []string) {
	SortBy(c, ss, func(s string) string { return s })
}

// SortBy sorts xs in Vietnamese order of key(x), keeping the input order of
// elements whose keys compare equal. key is called once per element.
func SortBy[T any](c *Collator, xs []T, key func(T) string) {
	type keyed struct {
		k []byte
		x T
	}
	// Collation keys are computed once, so sorting costs byte comparisons
	// instead of n log n full collations.
	var buf collate.Buffer
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyed{c.c.KeyFromString(&buf, key(x)), x}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return bytes.Compare(a.k, b.k) })
	for i := range ks {
		xs[i] = ks[i].x
	}
}
