package site

import (
	"maps"
	"slices"
	"sort"
)

// relatedCount is how many related pages a page shows ("Tin liên quan").
const relatedCount = 5

// relate finds each page's related pages, those sharing the most terms,
// newest first among equals, and its older and newer neighbours in its
// section. It counts shared terms through the terms' page lists, so the
// work grows with the pages that do share a term, not with all pairs.
func (s *Site) relate() {
	index := make(map[*Node]int, len(s.Pages))
	for i, n := range s.Pages {
		index[n] = i
	}
	score := make([]int32, len(s.Pages))
	var touched []int
	for i, n := range s.Pages {
		touched = touched[:0]
		for _, plural := range slices.Sorted(maps.Keys(n.Terms)) {
			for _, t := range n.Terms[plural] {
				for _, other := range t.Pages {
					j := index[other]
					if j == i {
						continue
					}
					if score[j] == 0 {
						touched = append(touched, j)
					}
					score[j]++
				}
			}
		}
		// Pages are newest first, so a stable sort of indices by score keeps
		// the newest first among equal scores.
		sort.Ints(touched)
		sort.SliceStable(touched, func(a, b int) bool { return score[touched[a]] > score[touched[b]] })
		k := min(relatedCount, len(touched))
		best := append([]int(nil), touched[:k]...)
		sort.Ints(best)
		for _, j := range best {
			n.Related = append(n.Related, s.Pages[j])
		}
		for _, j := range touched {
			score[j] = 0
		}
	}
	for _, sec := range append([]*Node{s.Home}, s.Sections...) {
		var own []*Node
		for _, n := range sec.Pages {
			if n.Parent == sec {
				own = append(own, n)
			}
		}
		for i, n := range own {
			if i > 0 {
				n.Next = own[i-1]
			}
			if i+1 < len(own) {
				n.Prev = own[i+1]
			}
		}
	}
}
