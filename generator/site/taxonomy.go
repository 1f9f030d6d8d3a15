package site

import (
	"slices"
	"sort"

	"loa/generator/locale"
	"loa/generator/vi"
)

// Taxonomy is a way of grouping pages, such as categories or tags.
type Taxonomy struct {
	Plural   string // "categories": front matter key and address
	Singular string // "category"
	Node     *Node  // the page listing the terms
	Terms    []*Term
}

// Term is one value of a taxonomy, such as the tag "bình đẳng giới".
type Term struct {
	Name     string // as first written, by file order
	Slug     string // "binh-dang-gioi"
	Taxonomy *Taxonomy
	Node     *Node
	Pages    []*Node // newest first
}

// Count is the number of pages with the term.
func (t *Term) Count() int { return len(t.Pages) }

// RelPermalink is the address of the term's page, as a term of Hugo's
// .GetTerms has; partialCachedEach keeps a term's link by it.
func (t *Term) RelPermalink() string { return t.Node.RelPermalink() }

// makeTaxonomies groups published pages by the terms in their front matter.
// Terms that differ only in case or marks are one term ("Bình đẳng giới",
// "bình đẳng giới"), identified by their slug. Terms are in Vietnamese order.
func (s *Site) makeTaxonomies() {
	// Pages are newest first, but the spelling of a term should not change
	// when a newer page writes it differently: take it by file order.
	byFile := append([]*Node(nil), s.Pages...)
	sort.Slice(byFile, func(i, j int) bool { return byFile[i].File() < byFile[j].File() })
	slugs := map[string]string{} // a site writes a few hundred names over and over
	slugOf := func(name string) string {
		slug, ok := slugs[name]
		if !ok {
			slug = locale.Slug(name)
			slugs[name] = slug
		}
		return slug
	}
	for _, tc := range s.Config.Taxonomies {
		tax := &Taxonomy{Plural: tc.Plural, Singular: tc.Singular}
		tax.Node = &Node{Kind: KindTaxonomy, site: s, Parent: s.Home, Taxonomy: tax,
			Path: s.inLang(slugPath(tc.Plural) + "/"), title: tc.Plural}
		if p, ok := s.byFile["content/"+tc.Plural+"/_index.md"]; ok {
			tax.Node.Page = p.Page
		}
		bySlug := map[string]*Term{}
		for _, n := range byFile {
			for _, name := range n.Page.Terms[tc.Plural] {
				slug := slugOf(name)
				if slug == "" {
					continue
				}
				if _, ok := bySlug[slug]; !ok {
					t := &Term{Name: name, Slug: slug, Taxonomy: tax}
					t.Node = &Node{Kind: KindTerm, site: s, Parent: tax.Node, Taxonomy: tax, Term: t,
						Path: tax.Node.Path + slug + "/", title: name}
					if p, ok := s.byFile["content/"+tc.Plural+"/"+slug+"/_index.md"]; ok {
						t.Node.Page = p.Page
					}
					bySlug[slug] = t
					tax.Terms = append(tax.Terms, t)
				}
			}
		}
		// Fill each term's pages in site order (newest first), once per page.
		for _, n := range s.Pages {
			for _, name := range n.Page.Terms[tc.Plural] {
				t, ok := bySlug[slugOf(name)]
				if !ok || slices.Contains(n.Terms[tc.Plural], t) {
					continue // a page that names a term twice is listed once
				}
				t.Pages = append(t.Pages, n)
				t.Node.Pages = append(t.Node.Pages, n)
				if n.Terms == nil {
					n.Terms = map[string][]*Term{}
				}
				n.Terms[tc.Plural] = append(n.Terms[tc.Plural], t)
			}
		}
		vi.SortBy(s.coll, tax.Terms, func(t *Term) string { return t.Name })
		s.Taxonomies = append(s.Taxonomies, tax)
	}
}

// TermsByCount returns the terms, most used first, then in Vietnamese order.
func (t *Taxonomy) TermsByCount() []*Term {
	out := append([]*Term(nil), t.Terms...)
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Pages) > len(out[j].Pages) })
	return out
}

// Taxonomy returns the taxonomy with a plural name, or nil.
func (s *Site) Taxonomy(plural string) *Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Plural == plural {
			return t
		}
	}
	return nil
}
