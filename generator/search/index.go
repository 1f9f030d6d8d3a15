package search

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
)

// Index is what an index's files are written from: its pages' rows and
// every key's postings, kept in the files' order and encoded as in them.
// A build keeps it (Encode, Decode) so that the next one appends its new
// pages instead of reading every page again (see Update).
type Index struct {
	docs  []docRow
	keys  []string // the folded syllables, sorted
	terms []term   // by folded syllable, then spelling
	// pairs are by first syllable, then second, which is the order of
	// their text "a b": a syllable holds letters and digits only, all
	// after the space.
	pairs []pair
}

// docRow is what the index shows of a page, and the key it was made from.
type docRow struct {
	key                                [32]byte
	title, url, date, section, excerpt string
	year                               int
}

// term is a spelling of a folded syllable and its postings.
type term struct {
	key uint32 // in Index.keys
	as  string
	p   postings
}

// pair is two adjacent folded syllables and their postings.
type pair struct {
	a, b uint32 // in Index.keys
	p    postings
}

func cmpTerm(x, y term) int {
	if c := cmp.Compare(x.key, y.key); c != 0 {
		return c
	}
	return strings.Compare(x.as, y.as)
}

func cmpPair(x, y pair) int {
	if c := cmp.Compare(x.a, y.a); c != 0 {
		return c
	}
	return cmp.Compare(x.b, y.b)
}

// add puts the postings that analyzeAll gathered, of pages after all the
// index holds, into the index's lists: a key it has gets them at its end,
// a new one is put in its place. It takes li's postings.
func (ix *Index) add(voc *vocabulary, li *indexer) {
	rank := ix.addKeys(voc.keyText)
	terms := make([]term, len(voc.words))
	for id, w := range voc.words {
		terms[id] = term{rank[w.key], w.as, li.terms[id]}
	}
	li.terms = nil
	slices.SortFunc(terms, cmpTerm)
	ix.terms = join(ix.terms, terms, cmpTerm, func(t *term, more term) { t.p.extend(more.p) })

	n := 0
	for p := range li.parts {
		li.parts[p].index = table{} // not needed any more: let it go before pairs grows
		n += len(li.parts[p].keys)
	}
	pairs := make([]pair, 0, n)
	for p := range li.parts {
		part := &li.parts[p]
		for i, k := range part.keys {
			pairs = append(pairs, pair{rank[k>>32], rank[uint32(k)], part.list[i]})
		}
		*part = pairPart{}
	}
	slices.SortFunc(pairs, cmpPair)
	ix.pairs = join(ix.pairs, pairs, cmpPair, func(p *pair, more pair) { p.p.extend(more.p) })
}

// truncate drops the pages numbered from k on: their rows, their postings,
// and the keys no page left has.
func (ix *Index) truncate(k int) {
	if k >= len(ix.docs) {
		return
	}
	clear(ix.docs[k:])
	ix.docs = ix.docs[:k]
	used := make([]bool, len(ix.keys))
	terms := ix.terms[:0]
	for _, t := range ix.terms {
		if t.p.truncate(uint32(k)) {
			terms = append(terms, t)
			used[t.key] = true
		}
	}
	clear(ix.terms[len(terms):])
	ix.terms = terms
	// A pair's syllables are terms of the same page, so its keys are used.
	pairs := ix.pairs[:0]
	for _, p := range ix.pairs {
		if p.p.truncate(uint32(k)) {
			pairs = append(pairs, p)
		}
	}
	clear(ix.pairs[len(pairs):])
	ix.pairs = pairs
	moved := make([]uint32, len(ix.keys)) // an old place → its new one
	keys := ix.keys[:0]
	for i, key := range ix.keys {
		if used[i] {
			moved[i] = uint32(len(keys))
			keys = append(keys, key)
		}
	}
	clear(ix.keys[len(keys):])
	ix.keys = keys
	for i := range ix.terms {
		ix.terms[i].key = moved[ix.terms[i].key]
	}
	for i := range ix.pairs {
		p := &ix.pairs[i]
		p.a, p.b = moved[p.a], moved[p.b]
	}
}

// join adds the sorted list more to the sorted list to: an element to has
// already takes the other's postings (extend), the others are put in
// their place.
func join[T any](to, more []T, cmp func(x, y T) int, extend func(*T, T)) []T {
	if len(to) == 0 {
		return more
	}
	var added []T
	for _, m := range more {
		if i, ok := slices.BinarySearchFunc(to, m, cmp); ok {
			extend(&to[i], m)
		} else {
			added = append(added, m)
		}
	}
	if len(added) == 0 {
		return to
	}
	all := make([]T, 0, len(to)+len(added))
	i := 0
	for _, a := range added {
		for i < len(to) && cmp(to[i], a) < 0 {
			all = append(all, to[i])
			i++
		}
		all = append(all, a)
	}
	return append(all, to[i:]...)
}

// addKeys adds the folded syllables local to the index's sorted keys and
// returns the place of each; when some are new, the places the terms and
// pairs refer to move to the keys' new places.
func (ix *Index) addKeys(local []string) []uint32 {
	rank := make([]uint32, len(local))
	var fresh []uint32 // of local
	isFresh := make([]bool, len(local))
	for i, k := range local {
		if r, ok := slices.BinarySearch(ix.keys, k); ok {
			rank[i] = uint32(r)
		} else {
			fresh = append(fresh, uint32(i))
			isFresh[i] = true
		}
	}
	if len(fresh) == 0 {
		return rank
	}
	slices.SortFunc(fresh, func(x, y uint32) int { return strings.Compare(local[x], local[y]) })
	old := ix.keys
	moved := make([]uint32, len(old)) // an old place → its new one
	keys := make([]string, 0, len(old)+len(fresh))
	i := 0
	for _, f := range fresh {
		for i < len(old) && old[i] < local[f] {
			moved[i] = uint32(len(keys))
			keys = append(keys, old[i])
			i++
		}
		rank[f] = uint32(len(keys))
		keys = append(keys, local[f])
	}
	for ; i < len(old); i++ {
		moved[i] = uint32(len(keys))
		keys = append(keys, old[i])
	}
	ix.keys = keys
	if len(old) == 0 {
		return rank
	}
	for i := range local {
		if !isFresh[i] {
			rank[i] = moved[rank[i]]
		}
	}
	for i := range ix.terms {
		ix.terms[i].key = moved[ix.terms[i].key]
	}
	for i := range ix.pairs {
		p := &ix.pairs[i]
		p.a, p.b = moved[p.a], moved[p.b]
	}
	return rank
}

// writeTerms writes the term shards: each folded syllable with its
// spellings and their postings.
func (ix *Index) writeTerms(out func(File)) []string {
	var starts []int // of each folded syllable's terms
	var keys []string
	for i, t := range ix.terms {
		if i == 0 || t.key != ix.terms[i-1].key {
			starts = append(starts, i)
			keys = append(keys, ix.keys[t.key])
		}
	}
	starts = append(starts, len(ix.terms))
	return shard("t/", keys, func(k int, b *bytes.Buffer) int {
		n := 0
		b.WriteByte('{')
		for i := starts[k]; i < starts[k+1]; i++ {
			if i > starts[k] {
				b.WriteByte(',')
			}
			as, p := ix.terms[i].as, ix.terms[i].p.buf
			jsonString(b, as)
			b.WriteByte(':')
			b.WriteByte('"')
			b.Write(p) // the postings' alphabet needs no escaping
			b.WriteByte('"')
			n += len(as) + len(p) + 6
		}
		b.WriteByte('}')
		return n
	}, out)
}

// writePairs writes the pair shards: two adjacent folded syllables, "a b",
// with their postings.
func (ix *Index) writePairs(out func(File)) []string {
	keys := make([]string, len(ix.pairs))
	for j, p := range ix.pairs {
		keys[j] = ix.keys[p.a] + " " + ix.keys[p.b]
	}
	return shard("p/", keys, func(j int, b *bytes.Buffer) int {
		p := ix.pairs[j].p.buf
		b.WriteByte('"')
		b.Write(p)
		b.WriteByte('"')
		return len(p)
	}, out)
}
