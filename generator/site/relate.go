package site

import (
	"math/bits"
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
	bits := termBits(s.Pages, max(64, len(s.Pages)/64))
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(s.Pages) + workers - 1) / max(workers, 1)
	var wg sync.WaitGroup
	for start := 0; start < len(s.Pages); start += chunk {
		wg.Add(1)
		go func(pages []*Node) {
			defer wg.Done()
			r := newRelater(len(s.Pages), bits)
			for _, n := range pages {
				n.Related = r.related(n, s.Pages)
			}
		}(s.Pages[start:min(start+chunk, len(s.Pages))])
	}
	wg.Wait()
	s.neighbours()
}

// termBits holds, for each term of at least from pages, the set of its
// pages as bits by page index. A page's score with such a term is a bit to
// test, and the pages sharing only such terms are found 64 at a time:
// with a few dozen terms over 100,000 news items, every term has
// thousands of pages, and walking their lists for every page took
// minutes. Smaller terms are walked: their lists are shorter than the
// bits. From is at least len(pages)/64, where a list of pointers and the
// bits take the same memory.
func termBits(pages []*Node, from int) map[*Term][]uint64 {
	words := (len(pages) + 63) / 64
	bits := map[*Term][]uint64{}
	for _, n := range pages {
		for _, terms := range n.Terms {
			for _, t := range terms {
				if _, done := bits[t]; done || len(t.Pages) < from {
					continue
				}
				b := make([]uint64, words)
				for _, p := range t.Pages {
					b[p.idx/64] |= 1 << (p.idx % 64)
				}
				bits[t] = b
			}
		}
	}
	return bits
}

// relater finds the related pages of one page after another: it counts
// shared small terms through their page lists, so that work grows with
// the pages that do share a term, and the big terms through their bits;
// it keeps the best few in one pass instead of sorting every candidate.
type relater struct {
	bits    map[*Term][]uint64
	score   []int32  // by page index, the small terms shared; zero between calls
	seen    []uint64 // the pages scored through small terms, and the page itself; zero between calls
	touched []int
	big     [][]uint64 // the page's big terms
}

func newRelater(pages int, bits map[*Term][]uint64) *relater {
	return &relater{bits: bits, score: make([]int32, pages), seen: make([]uint64, (pages+63)/64)}
}

// maxBig is how many big terms a page's bits are counted for at once; a
// page with more walks the lists of the rest.
const maxBig = 15

// ranked is a page index and its score: a better one shares more terms,
// or is newer (a lower index) among equals.
type ranked struct{ idx, score int }

func (a ranked) better(b ranked) bool {
	return a.score > b.score || a.score == b.score && a.idx < b.idx
}

// top keeps the best relatedCount pages offered, best first.
type top struct {
	best [relatedCount]ranked
	k    int
}

func (t *top) full() bool { return t.k == relatedCount }

func (t *top) offer(c ranked) {
	if t.full() && !c.better(t.best[t.k-1]) {
		return
	}
	if !t.full() {
		t.k++
	}
	i := t.k - 1
	for ; i > 0 && c.better(t.best[i-1]); i-- {
		t.best[i] = t.best[i-1]
	}
	t.best[i] = c
}

func (r *relater) related(n *Node, pages []*Node) []*Node {
	r.touched, r.big = r.touched[:0], r.big[:0]
	for _, terms := range n.Terms {
		for _, t := range terms {
			if b, ok := r.bits[t]; ok && len(r.big) < maxBig {
				r.big = append(r.big, b)
				continue
			}
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
	var best top
	for _, j := range r.touched {
		score := int(r.score[j])
		for _, b := range r.big {
			score += int(b[j/64] >> (j % 64) & 1)
		}
		best.offer(ranked{j, score})
		r.seen[j/64] |= 1 << (j % 64)
	}
	r.seen[n.idx/64] |= 1 << (n.idx % 64)
	if len(r.big) > 0 {
		r.scanBig(&best)
	}
	for _, j := range r.touched {
		r.score[j] = 0
		r.seen[j/64] = 0
	}
	r.seen[n.idx/64] = 0
	if best.k == 0 {
		return nil
	}
	ids := make([]int, best.k)
	for i := range ids {
		ids[i] = best.best[i].idx
	}
	slices.Sort(ids)
	out := make([]*Node, len(ids))
	for i, j := range ids {
		out[i] = pages[j]
	}
	return out
}

// scanBig offers the pages that share big terms only, 64 at a time, newest
// first. atLeast[k] marks the pages of a word in k or more of the big
// terms. Once the best are full, a page must beat the last of them: a
// newer page with its score, or any with more; the scan stops when none
// can.
func (r *relater) scanBig(best *top) {
	m := len(r.big)
	var atLeast [maxBig + 1]uint64
	for w := range r.seen {
		from := 1 // the least score worth looking at in this word
		if best.full() {
			last := best.best[best.k-1]
			from = last.score
			if w*64 > last.idx { // every page here is older than the last
				from++
			}
			if from > m {
				return
			}
		}
		atLeast[0] = ^uint64(0)
		for k := 1; k <= m; k++ {
			atLeast[k] = 0
		}
		for _, b := range r.big {
			x := b[w]
			for k := m; k >= 1; k-- {
				atLeast[k] |= atLeast[k-1] & x
			}
		}
		cand := atLeast[from] &^ r.seen[w]
		for cand != 0 {
			bit := bits.TrailingZeros64(cand)
			cand &= cand - 1
			score := from
			for score < m && atLeast[score+1]>>bit&1 == 1 {
				score++
			}
			best.offer(ranked{w*64 + bit, score})
		}
	}
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
