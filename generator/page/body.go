package page

import (
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"sync"
	"unsafe"
)

// A page's HTML is most of what a parsed site holds: 4 KB to 10 KB for a
// news item, 43 MB for 10,000 of them. A builder that keeps pages between
// builds (the preview), or a site so big that its bodies would fill the
// memory, keeps each body compressed instead, at about half its size (22
// MB for those 10,000), and opens it when a page is rendered or indexed.
//
// A one-off build, of any size, keeps the HTML in no form at all once
// its parse cache holds it: it reads it from there each time a page
// is rendered or indexed (KeptIn), as few times as that is.

// packed is a page's HTML compressed by Pack.
type packed struct {
	data []byte
	size int // of the HTML
}

// kept is a page's HTML left in a file, where KeptIn found it.
type kept struct {
	r    io.ReaderAt
	off  int64
	size int
	key  [32]byte // what the file keeps it under: the same key, the same HTML
	sum  uint32   // the HTML's CRC-32C, checked at each read
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// BodySum is the checksum of a page's HTML that KeptIn takes: CRC-32C.
func BodySum(html []byte) uint32 { return crc32.Checksum(html, castagnoli) }

// Body returns the page's HTML with its Ref tokens: Content, or the
// HTML that Pack compressed or KeptIn left in its file.
func (pg *Page) Body() string {
	switch {
	case pg.kept != nil:
		return pg.kept.read(pg.File)
	case pg.packed != nil:
		return pg.packed.open()
	}
	return pg.Content
}

// AppendBody appends the page's HTML, as Body returns it, to dst: the
// search index reads every page's into the same few buffers.
func (pg *Page) AppendBody(dst []byte) []byte {
	switch {
	case pg.kept != nil:
		return pg.kept.appendTo(dst, pg.File)
	case pg.packed != nil:
		return pg.packed.appendTo(dst)
	}
	return append(dst, pg.Content...)
}

// IsKept tells whether the page reads its HTML from a file (KeptIn).
func (pg *Page) IsKept() bool { return pg.kept != nil }

// ReadsFrom tells whether the page reads its HTML from r (KeptIn).
func (pg *Page) ReadsFrom(r io.ReaderAt) bool { return pg.kept != nil && pg.kept.r == r }

// BodyLen is the length of the page's HTML, in whatever form it is held.
func (pg *Page) BodyLen() int {
	switch {
	case pg.kept != nil:
		return pg.kept.size
	case pg.packed != nil:
		return pg.packed.size
	}
	return len(pg.Content)
}

// KeptIn returns a copy of the page that holds none of its HTML but reads
// it from r at off each time Body is called: the BodyLen bytes that a
// file of the build's cache keeps under key, which stands for them (see
// WriteBody), and whose BodySum is sum.
func (pg *Page) KeptIn(r io.ReaderAt, off int64, key [32]byte, sum uint32) *Page {
	c := *pg
	c.kept = &kept{r: r, off: off, size: pg.BodyLen(), key: key, sum: sum}
	c.packed, c.Content = nil, ""
	return &c
}

// read reads the HTML back. The file is the build's own, written and
// checked earlier in the build: failing to read it is as failing to read
// memory, and the build stops with the reason, as it does when the bytes
// are not the HTML kept there: the file was replaced meanwhile (by a
// build of the same site with the same options, run at the same time by
// another version of Loa or after an edit), or damaged. A build never
// publishes another page's HTML.
func (k *kept) read(file string) string {
	b := k.appendTo(nil, file)
	if len(b) == 0 {
		return ""
	}
	// b is this call's own and never written again: the string can be its
	// bytes rather than a copy (a page's HTML read for each render and for
	// the search index; 12.6 MB of a 1,000-item build's allocations).
	return unsafe.String(&b[0], len(b))
}

func (k *kept) appendTo(dst []byte, file string) []byte {
	n := len(dst)
	dst = slices.Grow(dst, k.size)[:n+k.size]
	b := dst[n:]
	if _, err := k.r.ReadAt(b, k.off); err != nil {
		panic(fmt.Sprintf("page: the HTML of %s, kept in the build cache, cannot be read back: %v", file, err))
	}
	if BodySum(b) != k.sum {
		panic(fmt.Sprintf("page: the HTML of %s, kept in the build cache (.loa-cache), changed while this build ran; "+
			"was another build of the same site running? Nothing was published: build again "+
			"(HTML của %s trong bộ nhớ đệm đã bị thay đổi trong lúc dựng; chưa xuất bản gì, hãy dựng lại)", file, file))
	}
	return dst
}

// Pack returns a copy of the page holding its HTML compressed, with
// Content empty: read it with Body. A page packed already, or without a
// body worth compressing, is returned as it is.
func (pg *Page) Pack() *Page {
	if pg.packed != nil || pg.kept != nil || len(pg.Content) < minPack {
		return pg
	}
	c := *pg
	c.packed = &packed{data: deflate(pg.Content), size: len(pg.Content)}
	c.Content = ""
	return &c
}

// WriteBody writes the page's HTML to w as it is held, or the key it is
// kept under: compressed bytes, a key and HTML of a page differ, and so
// do the sums of a packed, a kept and an unpacked page, which is all a sum
// needs, without opening the body.
func (pg *Page) WriteBody(w io.Writer) {
	switch {
	case pg.kept != nil:
		w.Write([]byte{1})
		w.Write(pg.kept.key[:])
	case pg.packed != nil:
		w.Write([]byte{0})
		w.Write(pg.packed.data)
	default:
		writeString(w, pg.Content)
	}
}

// writeString writes s to w without copying it whole to the heap first,
// as io.WriteString does for a writer, such as a hash, that takes bytes
// only.
func writeString(w io.Writer, s string) {
	if sw, ok := w.(io.StringWriter); ok {
		sw.WriteString(s)
		return
	}
	var buf [1024]byte
	for len(s) > 0 {
		n := copy(buf[:], s)
		w.Write(buf[:n])
		s = s[n:]
	}
}

// minPack is the size under which a body is kept as it is: deflate's
// framing and the work of opening it cost more than they save.
const minPack = 512

var (
	deflaters sync.Pool // *flate.Writer
	inflaters sync.Pool // io.ReadCloser that is a flate.Resetter
)

func deflate(s string) []byte {
	var buf bytes.Buffer
	buf.Grow(len(s) / 3)
	w, _ := deflaters.Get().(*flate.Writer)
	if w == nil {
		w, _ = flate.NewWriter(&buf, flate.BestSpeed)
	} else {
		w.Reset(&buf)
	}
	io.WriteString(w, s) // a bytes.Buffer does not fail
	w.Close()
	deflaters.Put(w)
	return bytes.Clone(buf.Bytes())
}

func (p *packed) open() string {
	b := p.appendTo(nil)
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b)) // b is never written again
}

func (p *packed) appendTo(dst []byte) []byte {
	src := bytes.NewReader(p.data)
	r, _ := inflaters.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReader(src)
	} else {
		r.(flate.Resetter).Reset(src, nil)
	}
	n := len(dst)
	dst = slices.Grow(dst, p.size)[:n+p.size]
	_, err := io.ReadFull(r, dst[n:])
	inflaters.Put(r)
	if err != nil {
		// Bytes this process compressed itself: only a bug gets here.
		panic("page: a packed body does not open: " + err.Error())
	}
	return dst
}
