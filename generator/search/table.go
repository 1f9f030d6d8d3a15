package search

import "math/bits"

// table maps 64-bit keys to nonzero 64-bit values, by open addressing:
// found at the first slot tried most of the time, where a Go map reads a
// group's control word and then its slot. The analysis looks keys up far
// more often than it adds them: a site's few thousand syllables over and
// over, the pairs of a page, the pairs of all pages as they merge.
type table struct {
	slots []slot // a power of two long, at most half full; nil before the first key
	shift uint   // 64 − log2(len(slots)): the hash's top bits pick the slot
	n     int    // slots in use
}

type slot struct {
	key uint64
	val uint64 // 0 for an empty slot
}

// find returns k's slot, or the empty slot where k goes: then set its key
// and value, and call added.
func (t *table) find(k uint64) *slot {
	if t.slots == nil {
		t.grow(64)
	}
	mask := uint64(len(t.slots) - 1)
	for i := k * 0x9E3779B97F4A7C15 >> t.shift; ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.key == k || s.val == 0 {
			return s
		}
	}
}

// added counts a slot find returned empty that was then filled, and grows
// the table past half full.
func (t *table) added() {
	if t.n++; 2*t.n > len(t.slots) {
		t.grow(2 * len(t.slots))
	}
}

func (t *table) grow(size int) {
	old := t.slots
	t.slots, t.shift = make([]slot, size), uint(64-bits.TrailingZeros(uint(size)))
	for _, s := range old {
		if s.val != 0 {
			*t.find(s.key) = s
		}
	}
}

// reset empties the table, keeping its slots.
func (t *table) reset() {
	clear(t.slots)
	t.n = 0
}
