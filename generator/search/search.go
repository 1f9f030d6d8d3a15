// Package search is level 2 of Loa's pipeline: it turns the published
// pages' text into a static search index, sharded so that a reader's
// browser downloads only the few files a query needs. There is no server:
// the theme's search.js reads these files. It imports vi only; the build
// gathers the documents and writes the files.
//
// Files, all JSON (see the theme's search.js for the reader's side):
//
//	manifest.json  the first key of every term and pair shard ("" for the
//	               first), the number of documents per document shard,
//	               sections and years
//	t/NAME.json    folded syllable → marked spelling as written → postings
//	p/NAME.json    two adjacent folded syllables "gia dinh" → postings
//	d/N.json       documents: [title, url, date, section, excerpt]
//
// A term or pair shard's NAME is a hash of its first key (ShardName): the
// reader finds the shard of a key by a binary search of the first keys and
// hashes the one it finds.
//
// The build writes only the files whose bytes changed, so the index is laid
// out for a new newest page to change few. Documents are numbered oldest
// first: the new page takes the next number, postings grow at their end,
// and only the last document shard changes; a larger number is a newer
// page, and ties in ranking go to it without storing dates. Term and pair
// shards are cut where their keys say, not where a running size does, and
// named by their first keys (see shard), so a postings list that grows
// changes its own shard and rarely a neighbour, never every later one.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Where a syllable was found, as bits of a posting.
const (
	InTitle = 1 << iota
	InLead
	InBody
	InTags // the section's name and the page's terms
)

// Sizes of shards, as a trade between the number of requests and the bytes
// one query downloads: a shard of 12 KB (on average; see minShard) is
// 3–6 KB gzip-compressed, and a document shard of 16 pages about 4 KB, so
// a query of four syllables with ten results stays near 100 KB.
const (
	shardBytes   = 12 << 10
	docsPerShard = 16
	excerptRunes = 220
)

// Doc is one page to index.
type Doc struct {
	Title   string
	Lead    string
	Body    func() string // the plain text; asked once, while indexing, so that all pages' text is never held at once
	Section string
	Terms   []string
	URL     string    // as the browser should link it
	Date    string    // formatted for readers: "Thứ Sáu, 17/02/2023"
	Time    time.Time // for numbering, oldest first; zero counts as the oldest
	Year    int       // of Time in the site's zone; 0 for none
}

// File is one file of the index, Name relative to the index folder.
type File struct {
	Name string
	Data []byte
}

// Build makes the index of docs and hands each file to write as soon as it
// is made, so that the index is never held whole. It numbers the documents
// oldest first; the files are the same for the same docs, in any order.
func Build(docs []Doc, write func(File)) {
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b Doc) int {
		if az, bz := a.Time.IsZero(), b.Time.IsZero(); az != bz {
			if az {
				return -1 // undated pages count as the oldest
			}
			return 1
		}
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})
	var voc vocabulary
	ix, excerpts := analyzeAll(docs, 0, &voc)
	h := fnv.New64a()
	out := func(f File) {
		h.Write([]byte(f.Name))
		h.Write(f.Data)
		write(f)
	}
	var m manifest
	m.Terms = ix.writeTerms(&voc, out)
	m.Pairs = ix.writePairs(&voc, out)
	documents(&m, docs, excerpts, out)
	m.Version = fmt.Sprintf("%x", h.Sum64())
	write(File{"manifest.json", marshal(m)})
}

// writeTerms writes the term shards: each folded syllable with its
// spellings and their postings, which are dropped once written.
func (ix *indexer) writeTerms(voc *vocabulary, out func(File)) []string {
	byKey := make(map[string][]uint32, len(voc.keys))
	for id, w := range voc.words {
		k := voc.keyText[w.key]
		byKey[k] = append(byKey[k], uint32(id))
	}
	terms := slices.Sorted(maps.Keys(byKey))
	return shard("t/", terms, func(i int, b *bytes.Buffer) int {
		ids := byKey[terms[i]]
		slices.SortFunc(ids, func(x, y uint32) int { return strings.Compare(voc.words[x].as, voc.words[y].as) })
		n := 0
		b.WriteByte('{')
		for k, id := range ids {
			if k > 0 {
				b.WriteByte(',')
			}
			as, p := voc.words[id].as, ix.terms[id].buf
			jsonString(b, as)
			b.WriteByte(':')
			b.WriteByte('"')
			b.Write(p) // the postings' alphabet needs no escaping
			b.WriteByte('"')
			n += len(as) + len(p) + 6
			ix.terms[id] = postings{}
		}
		b.WriteByte('}')
		return n
	}, out)
}

// writePairs writes the pair shards: two adjacent folded syllables, "a b",
// with their postings, which are dropped once written.
func (ix *indexer) writePairs(voc *vocabulary, out func(File)) []string {
	type pairText struct {
		text string
		part int
		i    uint32 // in the part's list
	}
	var pairs []pairText
	for p := range ix.parts {
		for i, k := range ix.parts[p].keys {
			pairs = append(pairs, pairText{voc.keyText[k>>32] + " " + voc.keyText[uint32(k)], p, uint32(i)})
		}
		ix.parts[p].index = nil
	}
	slices.SortFunc(pairs, func(a, b pairText) int { return strings.Compare(a.text, b.text) })
	keys := make([]string, len(pairs))
	for j, p := range pairs {
		keys[j] = p.text
	}
	return shard("p/", keys, func(j int, b *bytes.Buffer) int {
		p := &ix.parts[pairs[j].part].list[pairs[j].i]
		b.WriteByte('"')
		b.Write(p.buf)
		b.WriteByte('"')
		n := len(p.buf)
		*p = postings{}
		return n
	}, out)
}

type manifest struct {
	Version  string   `json:"v"`
	Docs     int      `json:"n"`
	PerShard int      `json:"per"`
	Terms    []string `json:"t"`
	Pairs    []string `json:"p"`
	Sections []string `json:"sections"`
	Section  []int    `json:"sec"`   // each document's index in Sections
	Years    [][2]int `json:"years"` // [year, first document], in the documents' order: oldest first
}

// documents writes the document shards, and the per-document section and
// year that filters need before any document shard is fetched.
func documents(m *manifest, docs []Doc, excerpts []string, write func(File)) {
	m.Docs, m.PerShard, m.Section = len(docs), docsPerShard, make([]int, len(docs))
	secs := map[string]int{}
	for _, d := range docs {
		secs[d.Section] = 0
	}
	m.Sections = slices.Sorted(maps.Keys(secs))
	for i, s := range m.Sections {
		secs[s] = i
	}
	var rows [][]any
	for id, d := range docs {
		m.Section[id] = secs[d.Section]
		if len(m.Years) == 0 || m.Years[len(m.Years)-1][0] != d.Year {
			m.Years = append(m.Years, [2]int{d.Year, id})
		}
		rows = append(rows, []any{d.Title, d.URL, d.Date, secs[d.Section], excerpts[id]})
		if len(rows) == docsPerShard || id == len(docs)-1 {
			write(File{fmt.Sprintf("d/%d.json", id/docsPerShard), marshal(rows)})
			rows = nil
		}
	}
}

// excerpt is the start of the lead and body, cut at a space.
func excerpt(lead, body string) string {
	// Only the start is needed: gather words until there are enough.
	var b strings.Builder
	runes := 0
	for _, text := range []string{lead, body} {
		for w := range strings.FieldsSeq(text) {
			if runes > excerptRunes {
				break
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
				runes++
			}
			b.WriteString(w)
			runes += utf8.RuneCountInString(w)
		}
	}
	s := b.String()
	if runes <= excerptRunes {
		return s
	}
	cut := 0
	for i := range s {
		if cut++; cut > excerptRunes {
			s = s[:i]
			break
		}
	}
	if i := strings.LastIndexByte(s, ' '); i > excerptRunes/2 {
		s = s[:i]
	}
	return s + " …"
}

func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, numbers, slices and maps of them
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
