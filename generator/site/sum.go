package site

import (
	"io"
	"maps"
	"slices"
	"strconv"
)

// WriteSum writes to w a stable description of everything a layout may
// read of the node itself: its kind and address, its page as parsed, what
// its links and images resolved to, its front matter images, its terms and
// translations' addresses, and whether it is published. Two nodes whose
// descriptions are equal show the same: the build keys its cached outputs
// with it (see package build), so it must change whenever any of them does.
func (n *Node) WriteSum(w io.Writer) {
	// Written field by field into one buffer: fmt's reflection was half
	// the cost of summing 10,000 nodes, which every cached build and every
	// preview save does.
	var b sumBuf
	b.num(int64(n.Kind)).str(n.Path).str(n.title).flag(n.hidden).flag(n.Published())
	if p := n.Page; p != nil {
		b.str(p.File).num(int64(p.FrontHash)).str(p.Summary).num(int64(p.WordCount)).num(int64(len(p.TOC)))
		for _, h := range p.TOC {
			b.num(int64(h.Level)).str(h.ID).str(h.Text)
		}
		w.Write(b)
		b = b[:0]
		p.WriteBody(w)
	}
	for _, r := range n.refs {
		b.str("r" + r.url)
		b.image(r.image)
	}
	for _, im := range n.images {
		b.str("i")
		b.image(im)
	}
	for _, plural := range slices.Sorted(maps.Keys(n.Terms)) {
		b.str("t" + plural).num(int64(len(n.Terms[plural])))
		for _, t := range n.Terms[plural] {
			b.str(t.Name).str(t.Node.Path)
		}
	}
	for _, t := range n.translations {
		b.str("l" + t.site.Lang()).str(t.Path)
	}
	w.Write(b)
}

// sumBuf is a node's description being written: each field is ended by a
// zero byte, and each list starts with its length.
type sumBuf []byte

func (b *sumBuf) str(s string) *sumBuf {
	*b = append(append(*b, s...), 0)
	return b
}

func (b *sumBuf) num(v int64) *sumBuf {
	*b = append(strconv.AppendInt(*b, v, 10), 0)
	return b
}

func (b *sumBuf) flag(v bool) *sumBuf {
	if v {
		return b.str("1")
	}
	return b.str("0")
}

// image writes what a layout may read of an image: its address, its file's
// output, size and shape, and its picture's variants, problem and original.
func (b *sumBuf) image(im *Image) {
	if im == nil {
		return
	}
	b.str(im.url)
	f := im.file
	if f == nil {
		return
	}
	b.str(f.Out).num(f.Size).num(int64(f.Width)).num(int64(f.Height))
	p := f.Picture
	if p == nil {
		return
	}
	b.str("p").num(int64(p.Width)).num(int64(p.Height)).num(int64(len(p.Variants)))
	for _, v := range p.Variants {
		b.num(int64(v.Width)).num(int64(v.Height)).str(v.Ext).str(v.Out)
	}
	if pr := p.Problem; pr != nil {
		b.str("problem").str(pr.Msg).str(pr.Hint).str(pr.MsgVi).str(pr.HintVi)
	}
	b.flag(p.Original)
}
