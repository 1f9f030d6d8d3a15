package search

import (
	"math/rand/v2"
	"testing"
)

// The table holds what a Go map holds, through growing and emptying, with
// keys that crowd the same slots (multiples of a power of two) and zero.
func TestTableAsMap(t *testing.T) {
	var tb table
	want := map[uint64]uint64{}
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 3 {
		for i := range 20000 {
			var k uint64
			switch i % 3 {
			case 0:
				k = r.Uint64N(5000)
			case 1:
				k = r.Uint64N(5000) << 40
			default:
				k = r.Uint64()
			}
			s := tb.find(k)
			if s.val == 0 {
				if _, ok := want[k]; ok {
					t.Fatalf("round %d: key %#x lost", round, k)
				}
				*s = slot{k, 1}
				tb.added()
				want[k] = 1
			} else if s.key != k {
				t.Fatalf("round %d: key %#x found in the slot of %#x", round, k, s.key)
			}
			tb.find(k).val += uint64(i)
			want[k] += uint64(i)
		}
		n := 0
		for _, s := range tb.slots {
			if s.val == 0 {
				continue
			}
			n++
			if s.val != want[s.key] {
				t.Fatalf("round %d: key %#x holds %d, want %d", round, s.key, s.val, want[s.key])
			}
		}
		if n != len(want) || tb.n != n || 2*n > len(tb.slots) {
			t.Fatalf("round %d: %d keys in %d slots (counted %d), want %d", round, n, len(tb.slots), tb.n, len(want))
		}
		tb.reset()
		clear(want)
		if s := tb.find(0); s.val != 0 {
			t.Fatalf("round %d: key 0 found after reset", round)
		}
	}
}
