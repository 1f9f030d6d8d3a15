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
//
// Nor does the build read every page again for a new one, or for an edit
// of a recent one: it keeps the index made (an Index, with Encode and
// Decode), and Update keeps the pages it holds up to the first changed,
// drops the rest and reads the pages from there on, to write the same
// files as a build from nothing.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
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
	Title string
	Lead  string
	// Body calls read once with the plain text, which is good only
	// during the call: asked while indexing, so that all pages' text is
	// never held at once, and made in buffers used again page after page.
	Body    func(read func(text string))
	Section string
	Terms   []string
	URL     string    // as the browser should link it
	Date    string    // formatted for readers: "Thứ Sáu, 17/02/2023"
	Time    time.Time // for numbering, oldest first; zero counts as the oldest
	Year    int       // of Time in the site's zone; 0 for none
	// Key stands for everything above, the body too: a page of an earlier
	// index with the same key is taken to be this page, which Update does
	// not read again. The zero key is no page's.
	Key [32]byte
}

// File is one file of the index, Name relative to the index folder.
type File struct {
	Name string
	Data []byte
}

// Build makes the index of docs and hands each file to write as soon as it
// is made. It numbers the documents oldest first; the files are the same
// for the same docs, in any order.
func Build(docs []Doc, write func(File)) {
	Update(nil, docs, write)
}

// Update makes the index of docs as Build does, from prev, the index an
// earlier Update returned. The pages that prev holds in the same order as
// docs, by their keys (Doc.Key), up to the first that differs, are kept;
// from there on, prev's pages are dropped and docs' are read. A news item
// newer than all others added reads that item alone; the newest edited or
// removed, the newest alone or none; an old page edited, every page after
// it. The files are the same as Build's. It returns the index of docs, for
// the next Update, and how many pages it read; prev is changed, not to be
// used again.
func Update(prev *Index, docs []Doc, write func(File)) (*Index, int) {
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
	ix := prev
	if ix == nil {
		ix = &Index{}
	}
	ix.truncate(ix.common(docs))
	fresh := docs[len(ix.docs):]
	if len(fresh) > 0 {
		ix.append(fresh)
	}
	ix.write(write)
	return ix, len(fresh)
}

// common is how many of the index's pages are the first of docs, in
// order; a page without a key is never taken for another.
func (ix *Index) common(docs []Doc) int {
	for i, r := range ix.docs {
		if i == len(docs) || r.key == ([32]byte{}) || r.key != docs[i].Key {
			return i
		}
	}
	return len(ix.docs)
}

// append reads docs, which come after the index's pages, and adds them.
func (ix *Index) append(docs []Doc) {
	var voc vocabulary
	li, excerpts := analyzeAll(docs, uint32(len(ix.docs)), &voc)
	ix.docs = slices.Grow(ix.docs, len(docs)) // grown by doubling, the rows were copied 1 s long at 100,000 pages
	for i, d := range docs {
		ix.docs = append(ix.docs, docRow{key: d.Key, title: d.Title, url: d.URL, date: d.Date, section: d.Section, excerpt: excerpts[i], year: d.Year})
	}
	ix.add(&voc, li)
}

// write makes every file of the index and hands it to write.
func (ix *Index) write(write func(File)) {
	h := fnv.New64a()
	out := func(f File) {
		h.Write([]byte(f.Name))
		h.Write(f.Data)
		write(f)
	}
	var m manifest
	m.Terms = ix.writeTerms(out)
	m.Pairs = ix.writePairs(out)
	ix.documents(&m, out)
	m.Version = fmt.Sprintf("%x", h.Sum64())
	write(File{"manifest.json", marshal(m)})
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
// year that filters need before any document shard is fetched. A shard is
// written as encoding/json would write its rows, directly.
func (ix *Index) documents(m *manifest, write func(File)) {
	docs := ix.docs
	m.Docs, m.PerShard, m.Section = len(docs), docsPerShard, make([]int, len(docs))
	secs := map[string]int{}
	for _, d := range docs {
		secs[d.section] = 0
	}
	m.Sections = slices.Sorted(maps.Keys(secs))
	for i, s := range m.Sections {
		secs[s] = i
	}
	var b bytes.Buffer
	for id, d := range docs {
		sec := secs[d.section]
		m.Section[id] = sec
		if len(m.Years) == 0 || m.Years[len(m.Years)-1][0] != d.year {
			m.Years = append(m.Years, [2]int{d.year, id})
		}
		if id%docsPerShard == 0 {
			b.Reset()
			b.WriteByte('[')
		} else {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for _, s := range []string{d.title, d.url, d.date} {
			jsonString(&b, s)
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(sec))
		b.WriteByte(',')
		jsonString(&b, d.excerpt)
		b.WriteByte(']')
		if id%docsPerShard == docsPerShard-1 || id == len(docs)-1 {
			b.WriteByte(']')
			write(File{fmt.Sprintf("d/%d.json", id/docsPerShard), bytes.Clone(b.Bytes())})
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
