package site

import (
	"maps"
	"runtime"
	"slices"
	"sync"
)

// relatedCount is how many related pages a page shows ("Tin liên quan").
const relatedCount = 5

// relate finds each page's related pages, those sharing the most terms,
// newest first among equals, and its older and newer neighbours in its
// section.
func (s *Site) relate() {
	for i, n := range s.Pages {
		n.idx = i
	}
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(s.Pages) + workers - 1) / max(workers, 1)
	var wg sync.WaitGroup
	for start := 0; start < len(s.Pages); start += chunk {
		wg.Add(1)
		go func(pages []*Node) {
			defer wg.Done()
			r := relater{score: make([]int32, len(s.Pages))}
			for _, n := range pages {
				n.Related = r.related(n, s.Pages)
			}
		}(s.Pages[start:min(start+chunk, len(s.Pages))])
	}
	wg.Wait()
	s.neighbours()
}

// relater counts shared terms through the terms' page lists, so the work
// grows with the pages that do share a term, not with all pairs; it keeps
// the best few in one pass instead of sorting every candidate.
type relater struct {
	score   []int32 // by page index; zero between calls
	touched []int
}

func (r *relater) related(n *Node, pages []*Node) []*Node {
	r.touched = r.touched[:0]
	for _, plural := range slices.Sorted(maps.Keys(n.Terms)) {
		for _, t := range n.Terms[plural] {
			for _, other := range t.Pages {
				j := other.idx
				if j == n.idx {
					continue
				}
				if r.score[j] == 0 {
					r.touched = append(r.touched, j)
				}
				r.score[j]++
			}
		}
	}
	// Pages are newest first, so a lower index is newer: the best are the
	// highest scores, then the lowest indices.
	var best [relatedCount]int
	k := 0
	better := func(a, b int) bool {
		if r.score[a] != r.score[b] {
			return r.score[a] > r.score[b]
		}
		return a < b
	}
	for _, j := range r.touched {
		if k < relatedCount {
			best[k] = j
			k++
		} else if better(j, best[k-1]) {
			best[k-1] = j
		} else {
			continue
		}
		for i := k - 1; i > 0 && better(best[i], best[i-1]); i-- {
			best[i], best[i-1] = best[i-1], best[i]
		}
	}
	for _, j := range r.touched {
		r.score[j] = 0
	}
	if k == 0 {
		return nil
	}
	out := make([]*Node, k)
	ids := best[:k]
	slices.Sort(ids)
	for i, j := range ids {
		out[i] = pages[j]
	}
	return out
}

// neighbours links each page to the older (Prev) and newer (Next) page of
// its own section.
func (s *Site) neighbours() {
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
