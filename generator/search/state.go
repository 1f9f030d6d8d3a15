package search

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
)

// An Index is kept between builds as a stream (Encode), so that neither
// writing nor reading it holds more than the index itself: the magic line,
// the maker's identity, the pages' rows, the folded syllables, the terms
// and the pairs with their postings as the files hold them, and the
// CRC-32C of all that. Numbers are varints; a text is its length and its
// bytes.
const stateMagic = "loa search index 1\n"

// ErrState says a stream is not an index that Encode wrote with the same
// identity: damaged, cut short, or another's.
var ErrState = errors.New("not a search index of this build")

// Encode writes the index to w, marked with id: what made it, which
// Decode must be given again.
func (ix *Index) Encode(w io.Writer, id []byte) error {
	e := &encoder{w: bufio.NewWriterSize(w, 64<<10), crc: crc32.MakeTable(crc32.Castagnoli)}
	e.bytes([]byte(stateMagic))
	e.text(string(id))
	e.uint(uint64(len(ix.docs)))
	for _, d := range ix.docs {
		e.bytes(d.key[:])
		for _, s := range []string{d.title, d.url, d.date, d.section, d.excerpt} {
			e.text(s)
		}
		e.int(int64(d.year))
	}
	e.uint(uint64(len(ix.keys)))
	for _, k := range ix.keys {
		e.text(k)
	}
	e.uint(uint64(len(ix.terms)))
	for _, t := range ix.terms {
		e.uint(uint64(t.key))
		e.text(t.as)
		e.postings(t.p)
	}
	e.uint(uint64(len(ix.pairs)))
	prev := uint32(0)
	for _, p := range ix.pairs {
		e.uint(uint64(p.a - prev)) // sorted: mostly 0
		e.uint(uint64(p.b))
		e.postings(p.p)
		prev = p.a
	}
	if e.err == nil {
		_, e.err = e.w.Write(binary.LittleEndian.AppendUint32(nil, e.sum))
	}
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.err
}

type encoder struct {
	w   *bufio.Writer
	crc *crc32.Table
	sum uint32
	err error
	n   [binary.MaxVarintLen64]byte
}

func (e *encoder) bytes(b []byte) {
	if e.err != nil {
		return
	}
	e.sum = crc32.Update(e.sum, e.crc, b)
	_, e.err = e.w.Write(b)
}

func (e *encoder) uint(v uint64) { e.bytes(e.n[:binary.PutUvarint(e.n[:], v)]) }
func (e *encoder) int(v int64)   { e.bytes(e.n[:binary.PutVarint(e.n[:], v)]) }

func (e *encoder) text(s string) {
	e.uint(uint64(len(s)))
	if e.err == nil {
		e.sum = crc32.Update(e.sum, e.crc, []byte(s))
		_, e.err = e.w.WriteString(s)
	}
}

func (e *encoder) postings(p postings) {
	e.uint(uint64(p.next))
	e.uint(uint64(len(p.buf)))
	e.bytes(p.buf)
}

// Decode reads an index that Encode wrote with id from r, which holds
// size bytes. Any difference from what Encode writes, a wrong identity
// too, is ErrState: the caller builds from nothing instead.
func Decode(r io.Reader, size int64, id []byte) (*Index, error) {
	d := &decoder{r: bufio.NewReaderSize(r, 64<<10), left: size, crc: crc32.MakeTable(crc32.Castagnoli)}
	if string(d.bytes(len(stateMagic))) != stateMagic || d.text() != string(id) {
		return nil, ErrState
	}
	ix := &Index{}
	n := d.count(38) // a page's row is at least its key and six lengths
	ix.docs = make([]docRow, 0, n)
	for range n {
		var row docRow
		copy(row.key[:], d.bytes(32))
		row.title, row.url, row.date, row.section, row.excerpt = d.text(), d.text(), d.text(), d.text(), d.text()
		row.year = int(d.int())
		ix.docs = append(ix.docs, row)
	}
	n = d.count(1)
	ix.keys = make([]string, 0, n)
	for range n {
		k := d.text()
		if len(ix.keys) > 0 && k <= ix.keys[len(ix.keys)-1] {
			d.fail()
		}
		ix.keys = append(ix.keys, k)
	}
	keys := uint64(len(ix.keys))
	n = d.count(4)
	ix.terms = make([]term, 0, n)
	for range n {
		t := term{key: uint32(d.below(keys)), as: d.text(), p: d.postings(len(ix.docs))}
		if len(ix.terms) > 0 && cmpTerm(ix.terms[len(ix.terms)-1], t) >= 0 {
			d.fail()
		}
		ix.terms = append(ix.terms, t)
	}
	n = d.count(4)
	ix.pairs = make([]pair, 0, n)
	prev := uint64(0)
	for range n {
		a := prev + d.uint()
		if a >= keys {
			d.fail()
		}
		p := pair{a: uint32(a), b: uint32(d.below(keys)), p: d.postings(len(ix.docs))}
		if len(ix.pairs) > 0 && cmpPair(ix.pairs[len(ix.pairs)-1], p) >= 0 {
			d.fail()
		}
		ix.pairs = append(ix.pairs, p)
		prev = a
	}
	sum := d.sum
	if d.err != nil || binary.LittleEndian.Uint32(d.bytes(4)) != sum || d.err != nil || d.left != 0 {
		return nil, ErrState
	}
	return ix, nil
}

// decoder reads what encoder wrote; after the first error every read
// yields zeros and the error stays.
type decoder struct {
	r    *bufio.Reader
	left int64 // bytes not read yet
	crc  *crc32.Table
	sum  uint32
	err  error

	scratch []byte // for texts, which are copied from it
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = ErrState
	}
}

// bytes reads n bytes, which must be there.
func (d *decoder) bytes(n int) []byte {
	if d.err != nil || int64(n) > d.left {
		d.fail()
		return make([]byte, min(n, 32))
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail()
		return b
	}
	d.left -= int64(n)
	d.sum = crc32.Update(d.sum, d.crc, b)
	return b
}

func (d *decoder) uint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.err != nil || d.left == 0 {
			d.fail()
			return 0
		}
		c, err := d.r.ReadByte()
		if err != nil {
			d.fail()
			return 0
		}
		d.left--
		d.sum = crc32.Update(d.sum, d.crc, []byte{c})
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.fail()
	return 0
}

func (d *decoder) int() int64 {
	u := d.uint()
	return int64(u>>1) ^ -int64(u&1)
}

// below reads a number that must be under n.
func (d *decoder) below(n uint64) uint64 {
	v := d.uint()
	if v >= n {
		d.fail()
	}
	return v
}

// count reads a count of things at least least bytes each: no more than
// the bytes left can hold, so that damage never asks for much memory.
func (d *decoder) count(least int64) int {
	n := d.uint()
	if n > uint64(d.left/least) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) text() string {
	n := d.uint()
	if d.err != nil || n > uint64(d.left) {
		d.fail()
		return ""
	}
	if uint64(cap(d.scratch)) < n {
		d.scratch = make([]byte, n)
	}
	b := d.scratch[:n]
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.fail()
		return ""
	}
	d.left -= int64(n)
	d.sum = crc32.Update(d.sum, d.crc, b)
	return string(b)
}

// postings reads one list, of documents numbered below docs.
func (d *decoder) postings(docs int) postings {
	next := d.below(uint64(docs) + 1)
	n := d.uint()
	if n == 0 || next == 0 || n > uint64(d.left) {
		d.fail()
		return postings{}
	}
	return postings{buf: d.bytes(int(n)), next: uint32(next)}
}
