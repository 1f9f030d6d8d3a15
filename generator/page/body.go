package page

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

// A page's HTML is most of what a parsed site holds: 4 KB to 10 KB for a
// news item, 43 MB for 10,000 of them. A builder that keeps pages between
// builds (the preview), or a site so big that its bodies would fill the
// memory, keeps each body compressed instead, at about half its size (22
// MB for those 10,000), and opens it when a page is rendered or indexed.

// packed is a page's HTML compressed by Pack.
type packed struct {
	data []byte
	size int // of the HTML
}

// Body returns the page's HTML with its Ref tokens: Content, or the
// HTML that Pack compressed.
func (pg *Page) Body() string {
	if pg.packed == nil {
		return pg.Content
	}
	return pg.packed.open()
}

// Pack returns a copy of the page holding its HTML compressed, with
// Content empty: read it with Body. A page packed already, or without a
// body worth compressing, is returned as it is.
func (pg *Page) Pack() *Page {
	if pg.packed != nil || len(pg.Content) < minPack {
		return pg
	}
	c := *pg
	c.packed = &packed{data: deflate(pg.Content), size: len(pg.Content)}
	c.Content = ""
	return &c
}

// WriteBody writes the page's HTML to w as it is held: compressed bytes
// and HTML of a page differ, and so do the sums of a packed and an
// unpacked page, which is all a sum needs, without opening the body.
func (pg *Page) WriteBody(w io.Writer) {
	if pg.packed == nil {
		io.WriteString(w, pg.Content)
		return
	}
	w.Write([]byte{0})
	w.Write(pg.packed.data)
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
	src := bytes.NewReader(p.data)
	r, _ := inflaters.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReader(src)
	} else {
		r.(flate.Resetter).Reset(src, nil)
	}
	out := make([]byte, p.size)
	_, err := io.ReadFull(r, out)
	inflaters.Put(r)
	if err != nil {
		// Bytes this process compressed itself: only a bug gets here.
		panic("page: a packed body does not open: " + err.Error())
	}
	return string(out)
}
