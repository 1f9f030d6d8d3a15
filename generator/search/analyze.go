package search

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"loa/generator/vi"
)

// analysisBatch pages are analysed at once: enough to keep every core
// busy, few enough that their text is a small part of the build's memory.
const analysisBatch = 64

// pairSyllables bounds the adjacent pairs taken from one field: a phrase
// matters most where a news item says what it is about, its opening, and
// pairs from the whole body would be half the cost of the index.
const pairSyllables = 300

// indexer gathers the postings of the pages analysed. Syllables are
// numbered by the vocabulary, so that a posting is found by a number, not
// by hashing its text again for every page. The postings are split among
// the workers that merge them (parts), each merging its own keys of every
// page in the pages' order: spellings by their number, pairs by a hash of
// theirs.
type indexer struct {
	terms []postings // by spelling number; part p has the numbers ≡ p (mod len(parts))
	parts []pairPart
}

// pairPart is one worker's share of the pairs.
type pairPart struct {
	index table // pairKey → 1 + index in list and keys
	keys  []uint64
	list  []postings
}

// pairKey is two adjacent folded syllables' numbers, written "a b" in the
// index.
func pairKey(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

// partOf is the worker that merges the pair k, of parts: a multiplicative
// hash, since neighbouring numbers are common together.
func partOf(k uint64, parts int) int {
	return int((k * 0x9E3779B97F4A7C15 >> 32) % uint64(parts))
}

// analyzeAll reads and splits the pages on every core, a batch at a time
// so that only a batch's text is held at once, then merges the batch's
// analyses on every core too, each worker its part of the keys, page after
// page: postings need the pages' numbers in increasing order. The pages
// are numbered from first; it returns their excerpts.
func analyzeAll(docs []Doc, first uint32, voc *vocabulary) (*indexer, []string) {
	workers := runtime.GOMAXPROCS(0)
	ix := &indexer{parts: make([]pairPart, workers)}
	excerpts := make([]string, len(docs))
	spellers := make([]speller, workers)
	for w := range spellers {
		spellers[w].voc = voc
	}
	as := make([]analysis, analysisBatch)
	for start := 0; start < len(docs); start += analysisBatch {
		batch := docs[start:min(start+analysisBatch, len(docs))]
		onCores(workers, len(batch), func(w, i int) { spellers[w].analyze(batch[i], &as[i], workers) })
		if n := len(voc.words); n > len(ix.terms) {
			ix.terms = append(ix.terms, make([]postings, n-len(ix.terms))...)
		}
		onCores(workers, workers, func(_, p int) {
			for i := range batch {
				ix.merge(p, first+uint32(start+i), &as[i])
			}
		})
		for i := range batch {
			excerpts[start+i] = as[i].excerpt
		}
	}
	return ix, excerpts
}

// onCores calls f for 0 ≤ i < n on workers goroutines, passing the
// worker's number w; on one core it calls them in turn.
func onCores(workers, n int, f func(w, i int)) {
	if workers == 1 || n == 1 {
		for i := range n {
			f(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(w, i)
			}
		})
	}
	wg.Wait()
}

// merge adds part p of one page's analysis to the postings, as page
// number id.
func (ix *indexer) merge(p int, id uint32, a *analysis) {
	for _, tb := range a.termParts[p] {
		ix.terms[tb>>32].add(id, uint32(tb))
	}
	part := &ix.parts[p]
	for _, kb := range a.pairParts[p] {
		s := part.index.find(kb.key)
		if s.val == 0 {
			*s = slot{kb.key, uint64(len(part.list)) + 1}
			part.index.added()
			part.keys = append(part.keys, kb.key)
			part.list = append(part.list, postings{})
		}
		part.list[s.val-1].add(id, kb.bits)
	}
}

// analysis is what one page adds to the index: each syllable as spelled
// and each pair of adjacent syllables, with the bits of the fields they
// are in, split by the worker that merges them, and the page's excerpt.
// Its slices are reused batch after batch.
type analysis struct {
	termParts [][]uint64  // spelling number << 32 | bits, by part
	pairParts [][]keyBits // by part
	excerpt   string
}

type keyBits struct {
	key  uint64
	bits uint32
}

// vocabulary numbers the syllables of the site as spelled (lower case,
// marks kept) and as folded, for all workers at once.
type vocabulary struct {
	mu      sync.Mutex
	ids     map[string]uint32 // as spelled → number
	words   []word
	keys    map[string]uint32 // folded → number
	keyText []string
}

// word is a spelling's text and its folded key's number.
type word struct {
	as  string
	key uint32
}

// number is a syllable's spelling and folded key, numbered.
type number struct{ id, key uint32 }

func (v *vocabulary) add(as string) number {
	v.mu.Lock()
	defer v.mu.Unlock()
	if id, ok := v.ids[as]; ok {
		return number{id, v.words[id].key}
	}
	if v.ids == nil {
		v.ids, v.keys = map[string]uint32{}, map[string]uint32{}
	}
	k := vi.Fold(as)
	key, ok := v.keys[k]
	if !ok {
		key = uint32(len(v.keyText))
		v.keys[k] = key
		v.keyText = append(v.keyText, k)
	}
	id := uint32(len(v.words))
	v.ids[as] = id
	v.words = append(v.words, word{as, key})
	return number{id, key}
}

// speller splits and numbers syllables for one worker, remembering what
// it numbered: a site uses a few thousand syllables over and over, so the
// shared vocabulary is rarely asked.
//
// It gathers one page's syllables and pairs, once each, before they go
// into the page's analysis: a worker's, not a page's, so that a batch
// holds its pages' lists and not 64 pages' tables (3.5 MB at 1,000
// items, a sixth of the build's live memory). A page's spellings are
// marked in a list by their number, not a table: the numbers are few and
// dense.
type speller struct {
	voc   *vocabulary
	short table // a syllable's bytes (see spell) → (spelling number + 1) << 32 | key number
	known map[string]number
	bits  []uint32 // by spelling number: the fields of the page it is in; 0 for none
	found []uint32 // the spelling numbers of the page, once each
	pairs table    // pairKey → bits
}

// spell numbers the syllable text[start:end]. Nearly all syllables have
// at most eight bytes (người, nghiệp): those are looked up by their bytes
// read as one number, quicker to hash and compare than a string; longer
// ones, and those in a text's last eight bytes, by their text.
func (sp *speller) spell(text string, start, end int) number {
	n := end - start
	if n > 8 || start+8 > len(text) {
		return sp.spellString(text[start:end])
	}
	w := text[start : start+8]
	// No syllable has a zero byte, so the unused bytes (zero) set two
	// syllables' numbers apart.
	k := (uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56) & (^uint64(0) >> (64 - 8*n))
	s := sp.short.find(k)
	if s.val == 0 {
		num := sp.spellString(text[start:end])
		*s = slot{k, uint64(num.id+1)<<32 | uint64(num.key)}
		sp.short.added()
	}
	return number{uint32(s.val>>32) - 1, uint32(s.val)}
}

func (sp *speller) spellString(s string) number {
	if n, ok := sp.known[s]; ok {
		return n
	}
	if sp.known == nil {
		sp.known = map[string]number{}
	}
	// ToLower returns s itself when it has no capitals: a piece of the
	// page's text, which the vocabulary would keep whole.
	n := sp.voc.add(strings.Clone(strings.ToLower(s)))
	sp.known[strings.Clone(s)] = n
	return n
}

// analyze reads one page's fields into a, split among parts workers. A
// syllable counts once per page, with the bits of every field it is in.
func (sp *speller) analyze(d Doc, a *analysis, parts int) {
	if sp.found == nil {
		// Sized for a news item of 500–900 words, so it rarely grows.
		sp.found = make([]uint32, 0, 512)
	}
	if a.termParts == nil {
		a.termParts, a.pairParts = make([][]uint64, parts), make([][]keyBits, parts)
	}
	sp.pairs.reset()
	read := func(body string) {
		sp.field(d.Title, InTitle)
		sp.field(d.Lead, InLead)
		sp.field(body, InBody)
		sp.field(d.Section, InTags)
		for _, t := range d.Terms {
			sp.field(t, InTags)
		}
		a.excerpt = excerpt(d.Lead, body)
	}
	if d.Body != nil {
		d.Body(read)
	} else {
		read("")
	}
	for p := range parts {
		a.termParts[p] = a.termParts[p][:0]
		a.pairParts[p] = a.pairParts[p][:0]
	}
	for _, s := range sp.found {
		p := int(s) % parts
		a.termParts[p] = append(a.termParts[p], uint64(s)<<32|uint64(sp.bits[s]))
		sp.bits[s] = 0
	}
	sp.found = sp.found[:0]
	for _, s := range sp.pairs.slots {
		if s.val != 0 {
			p := partOf(s.key, parts)
			a.pairParts[p] = append(a.pairParts[p], keyBits{s.key, uint32(s.val)})
		}
	}
}

// field reads one field's syllables and the pairs of its first ones, with
// the field's bit.
func (sp *speller) field(text string, bit uint32) {
	prev := ^uint32(0)
	// Pages' text is NFC already: the parser made it so.
	start, end := vi.NextSyllable(text, 0)
	for i := 0; start < end; i++ {
		w := sp.spell(text, start, end)
		if int(w.id) >= len(sp.bits) {
			sp.bits = append(sp.bits, make([]uint32, int(w.id)+1-len(sp.bits)+len(sp.bits)/2)...)
		}
		if sp.bits[w.id] == 0 {
			sp.found = append(sp.found, w.id)
		}
		sp.bits[w.id] |= bit
		if prev != ^uint32(0) && i < pairSyllables {
			if s := sp.pairs.find(pairKey(prev, w.key)); s.val == 0 {
				*s = slot{pairKey(prev, w.key), uint64(bit)}
				sp.pairs.added()
			} else {
				s.val |= uint64(bit)
			}
		}
		prev = w.key
		start, end = vi.NextSyllable(text, end)
	}
}
