package site

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// relatedByHand is the definition of related pages, pair by pair: the
// pages sharing the most terms with n, newer first among equals, listed
// newest first.
func relatedByHand(n *Node, pages []*Node) []int {
	var cands []ranked
	for _, other := range pages {
		if other == n {
			continue
		}
		score := 0
		for _, terms := range n.Terms {
			for _, t := range terms {
				if slices.Contains(t.Pages, other) {
					score++
				}
			}
		}
		if score > 0 {
			cands = append(cands, ranked{other.idx, score})
		}
	}
	slices.SortFunc(cands, func(a, b ranked) int {
		if a.better(b) {
			return -1
		}
		return 1
	})
	var ids []int
	for _, c := range cands[:min(relatedCount, len(cands))] {
		ids = append(ids, c.idx)
	}
	slices.Sort(ids)
	return ids
}

// randomSite makes pages newest first with terms of two taxonomies: a few
// big categories, and tags of every size.
func randomSite(rng *rand.Rand, pages, categories, tags, maxTags int) []*Node {
	var nodes []*Node
	for i := range pages {
		nodes = append(nodes, &Node{idx: i, Terms: map[string][]*Term{}})
	}
	newTerms := func(count int) []*Term {
		var terms []*Term
		for range count {
			terms = append(terms, &Term{})
		}
		return terms
	}
	cats, tgs := newTerms(categories), newTerms(tags)
	for _, n := range nodes {
		picked := map[*Term]bool{}
		for range 1 + rng.IntN(2) {
			picked[cats[rng.IntN(len(cats))]] = true
		}
		for range rng.IntN(maxTags + 1) {
			// Skewed: the first tags are on many pages, the last on few.
			picked[tgs[int(float64(len(tgs))*rng.Float64()*rng.Float64())]] = true
		}
		for t := range picked {
			plural := "tags"
			if slices.Contains(cats, t) {
				plural = "categories"
			}
			n.Terms[plural] = append(n.Terms[plural], t)
			t.Pages = append(t.Pages, n) // pages come newest first
		}
	}
	return nodes
}

func TestRelatedEqualsTheDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 29))
	for _, tt := range []struct {
		name                           string
		pages, categories, tags, maxTg int
		bigFrom                        int
	}{
		{"every term walked", 300, 5, 40, 4, 1 << 30},
		{"every term as bits", 300, 5, 40, 4, 1},
		{"big categories as bits, small tags walked", 700, 4, 120, 5, 40},
		{"a page's many big terms, some walked", 200, 3, 30, 25, 1},
		{"few pages, fewer than five related", 12, 6, 30, 1, 1},
		{"pages across many words of bits", 1000, 8, 60, 4, 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pages := randomSite(rng, tt.pages, tt.categories, tt.tags, tt.maxTg)
			r := newRelater(len(pages), termBits(pages, tt.bigFrom))
			for _, n := range pages {
				var got []int
				for _, p := range r.related(n, pages) {
					got = append(got, p.idx)
				}
				if want := relatedByHand(n, pages); !slices.Equal(got, want) {
					t.Fatalf("page %d: related %v, want %v", n.idx, got, want)
				}
			}
		})
	}
}

func BenchmarkRelate(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		pages := randomSite(rand.New(rand.NewPCG(1, 2)), n, 8, 60, 4)
		s := &Site{Pages: pages, Home: &Node{}}
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				s.relate()
			}
		})
	}
}
