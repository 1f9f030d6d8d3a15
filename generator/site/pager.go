package site

import "strconv"

// Pager is one page of a paginated list.
//
// A list's pagers run from the newest pages to the oldest; the first is at
// the list's own address. With stable numbering (the default) the others
// are numbered from the oldest: /page/1/ holds the oldest pages, and every
// numbered pager keeps its pages as new ones are added at the top, so that
// adding a news item changes the list's first pager and one numbered pager,
// not every one of them (and a link to /page/7/ keeps meaning the same
// news). The first pager shows PagerSize pages; the newest numbered one
// holds what is left over, from one page to PagerSize. Numbering from the
// newest (Hugo's, pagination.stable = false) shifts every pager by one at
// each addition.
type Pager struct {
	Number int     // the first pager's is 1; the others count from 2 after it, or with stable numbering from 1 at the oldest (IsFirst tells the first)
	Pages  []*Node // the pages shown on it
	Path   string  // output path: the list's own for the first, "…/page/N/" after
	index  int     // in pagers, from the newest
	pagers []*Pager
	node   *Node
}

// Total is the number of pagers of the list. A layout that shows it is
// rendered again on every list page whenever it changes.
func (p *Pager) Total() int { return len(p.pagers) }

// IsFirst reports whether p is the list's first pager, at the list's own
// address, with its newest pages.
func (p *Pager) IsFirst() bool { return p.index == 0 }

// Prev is the pager of newer pages, Next the one of older pages, or nil.
func (p *Pager) Prev() *Pager {
	if p.index > 0 {
		return p.pagers[p.index-1]
	}
	return nil
}

func (p *Pager) Next() *Pager {
	if p.index+1 < len(p.pagers) {
		return p.pagers[p.index+1]
	}
	return nil
}

// All returns every pager of the list, newest first, for numbered links.
func (p *Pager) All() []*Pager { return p.pagers }

// RelPermalink is the pager's address.
func (p *Pager) RelPermalink() string { return p.node.site.RelURL(p.Path) }

// paginate cuts every list into pagers of PagerSize pages.
func (s *Site) paginate() {
	var lists []*Node
	lists = append(lists, s.Home)
	lists = append(lists, s.Sections...)
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			lists = append(lists, term.Node)
		}
	}
	for _, n := range lists {
		n.Pagers = cut(n, s.Config.PagerSize, s.Config.PagerStable)
	}
}

// cut makes the pagers of list n, newest first.
func cut(n *Node, size int, stable bool) []*Pager {
	total := len(n.Pages)
	var spans [][2]int // of n.Pages, newest first
	if !stable || total <= size {
		for i := 0; i == 0 || i < total; i += size {
			spans = append(spans, [2]int{i, min(i+size, total)})
		}
	} else {
		// The first pager, then blocks of size counted from the oldest
		// page: block j holds the pages the (j-1)·size-th to the
		// j·size-th oldest; the newest block holds what is left.
		spans = append(spans, [2]int{0, size})
		rest := total - size
		for j := (rest + size - 1) / size; j >= 1; j-- {
			spans = append(spans, [2]int{total - min(j*size, rest), total - (j-1)*size})
		}
	}
	pagers := make([]*Pager, len(spans))
	for i, sp := range spans {
		p := &Pager{Number: i + 1, Pages: n.Pages[sp[0]:sp[1]], Path: n.Path, index: i, pagers: pagers, node: n}
		if stable && i > 0 {
			p.Number = len(spans) - i
		}
		if i > 0 {
			p.Path = n.Path + "page/" + strconv.Itoa(p.Number) + "/"
		}
		pagers[i] = p
	}
	return pagers
}

// Window returns the pagers to link to from this one: the first and the
// last, and the neighbours of this one, with a nil where pagers are left
// out ("1 … 4 5 6 … 40"). Its length does not grow with the list, so a
// list of a thousand pagers is not a million links. With stable
// numbering, a numbered pager's window changes only near the top of the
// list, so that adding a page does not change every pager.
func (p *Pager) Window() []*Pager {
	var out []*Pager
	last := -1
	for _, i := range []int{0, p.index - 1, p.index, p.index + 1, len(p.pagers) - 1} {
		if i <= last || i < 0 || i >= len(p.pagers) {
			continue
		}
		if i > last+1 {
			out = append(out, nil)
		}
		out = append(out, p.pagers[i])
		last = i
	}
	return out
}
