package site

import "strconv"

// Pager is one page of a paginated list.
type Pager struct {
	Number int     // from 1
	Pages  []*Node // the pages shown on it
	Path   string  // output path: the list's own for the first, "…/page/2/" after
	pagers []*Pager
	node   *Node
}

// Total is the number of pagers of the list.
func (p *Pager) Total() int { return len(p.pagers) }

// Prev and Next are the neighbouring pagers, or nil.
func (p *Pager) Prev() *Pager {
	if p.Number > 1 {
		return p.pagers[p.Number-2]
	}
	return nil
}

func (p *Pager) Next() *Pager {
	if p.Number < len(p.pagers) {
		return p.pagers[p.Number]
	}
	return nil
}

// All returns every pager of the list, for numbered links.
func (p *Pager) All() []*Pager { return p.pagers }

// RelPermalink is the pager's address.
func (p *Pager) RelPermalink() string { return p.node.site.RelURL(p.Path) }

// paginate cuts every list into pagers of PagerSize pages.
func (s *Site) paginate() {
	size := s.Config.PagerSize
	var lists []*Node
	lists = append(lists, s.Home)
	lists = append(lists, s.Sections...)
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			lists = append(lists, term.Node)
		}
	}
	for _, n := range lists {
		var pagers []*Pager
		for i := 0; i == 0 || i < len(n.Pages); i += size {
			end := min(i+size, len(n.Pages))
			p := &Pager{Number: len(pagers) + 1, Pages: n.Pages[i:end], Path: n.Path, node: n}
			if p.Number > 1 {
				p.Path = n.Path + "page/" + strconv.Itoa(p.Number) + "/"
			}
			pagers = append(pagers, p)
		}
		for _, p := range pagers {
			p.pagers = pagers
		}
		n.Pagers = pagers
	}
}

// Window returns the pagers to link to from this one: the first, the last,
// and the neighbours of this one, with a nil where numbers are left out
// ("1 … 4 5 6 … 40"). Its length does not grow with the list, so a list of
// a thousand pagers is not a million links.
func (p *Pager) Window() []*Pager {
	var out []*Pager
	last := 0
	for _, n := range []int{1, p.Number - 1, p.Number, p.Number + 1, len(p.pagers)} {
		if n <= last || n < 1 || n > len(p.pagers) {
			continue
		}
		if n > last+1 {
			out = append(out, nil)
		}
		out = append(out, p.pagers[n-1])
		last = n
	}
	return out
}
