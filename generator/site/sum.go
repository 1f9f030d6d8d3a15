package site

import (
	"fmt"
	"io"
	"maps"
	"slices"
)

// WriteSum writes to w a stable description of everything a layout may
// read of the node itself: its kind and address, its page as parsed, what
// its links and images resolved to, its front matter images, its terms and
// translations' addresses, and whether it is published. Two nodes whose
// descriptions are equal show the same: the build keys its cached outputs
// with it (see package build), so it must change whenever any of them does.
func (n *Node) WriteSum(w io.Writer) {
	fmt.Fprintf(w, "%d\x00%s\x00%s\x00%t\x00%t\x00", n.Kind, n.Path, n.title, n.hidden, n.Published())
	if p := n.Page; p != nil {
		fmt.Fprintf(w, "%s\x00%d\x00%s\x00%d\x00%v\x00", p.File, p.FrontHash, p.Summary, p.WordCount, p.TOC)
		p.WriteBody(w)
	}
	for _, r := range n.refs {
		fmt.Fprintf(w, "\x00r%s", r.url)
		r.image.writeSum(w)
	}
	for _, im := range n.images {
		io.WriteString(w, "\x00i")
		im.writeSum(w)
	}
	for _, plural := range slices.Sorted(maps.Keys(n.Terms)) {
		fmt.Fprintf(w, "\x00t%s", plural)
		for _, t := range n.Terms[plural] {
			fmt.Fprintf(w, "\x00%s\x00%s", t.Name, t.Node.Path)
		}
	}
	for _, t := range n.translations {
		fmt.Fprintf(w, "\x00l%s\x00%s", t.site.Lang(), t.Path)
	}
}

func (im *Image) writeSum(w io.Writer) {
	if im == nil {
		return
	}
	fmt.Fprintf(w, "%s\x00", im.url)
	if f := im.file; f != nil {
		fmt.Fprintf(w, "%s\x00%d\x00%dx%d\x00", f.Out, f.Size, f.Width, f.Height)
		if p := f.Picture; p != nil {
			fmt.Fprintf(w, "%d\x00%d\x00%v\x00%v\x00%t\x00", p.Width, p.Height, p.Variants, p.Problem, p.Original)
		}
	}
}
