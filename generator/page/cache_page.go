package page

import (
	"maps"
	"slices"

	"loa/generator/diag"
)

// The encoding of a Page and what it holds, field by field in the order
// of the types' declarations. A field added to Page or Campaign must be
// added here too: TestCacheRoundTripEveryField fills every field and fails
// until it is.

func (e *encoder) page(pg *Page) {
	for _, s := range [...]string{pg.File, pg.Lang, pg.Path, pg.Section, pg.Name} {
		e.str(s)
	}
	e.bool(pg.IsIndex)
	e.bool(pg.IsBundle)
	for _, s := range [...]string{pg.Dir, pg.Title, pg.Description, pg.Summary} {
		e.str(s)
	}
	e.time(pg.Date)
	e.time(pg.PublishDate)
	e.time(pg.Lastmod)
	e.time(pg.ExpiryDate)
	e.bool(pg.Draft)
	e.str(pg.Slug)
	e.str(pg.URL)
	e.strs(pg.Aliases)
	e.strs(pg.Authors)
	e.strs(pg.Images)
	e.int(int64(pg.Weight))
	e.str(pg.Layout)
	e.str(pg.Type)
	e.length(len(pg.Terms), pg.Terms == nil)
	for _, k := range slices.Sorted(maps.Keys(pg.Terms)) {
		e.str(k)
		e.strs(pg.Terms[k])
	}
	e.strs(pg.Campaigns)
	e.bool(pg.Campaign != nil)
	if pg.Campaign != nil {
		e.campaign(pg.Campaign)
	}
	e.str(pg.TranslationKey)
	e.table(pg.Params)
	e.uint(pg.FrontHash)
	// The HTML comes last, after the page (see Encode).
	e.length(len(pg.Refs), pg.Refs == nil)
	for _, r := range pg.Refs {
		e.int(int64(r.Kind))
		e.str(r.Dest)
		e.pos(r.Pos)
		e.str(r.Full)
	}
	e.length(len(pg.TOC), pg.TOC == nil)
	for _, h := range pg.TOC {
		e.int(int64(h.Level))
		e.str(h.ID)
		e.str(h.Text)
	}
	e.int(int64(pg.WordCount))
	e.length(len(pg.keys), pg.keys == nil)
	for _, k := range pg.keys { // sorted
		e.str(k.key)
		e.pos(diag.Pos{File: pg.File, Line: int(k.line), Col: int(k.col)})
	}
}

func (d *decoder) page() *Page {
	pg := &Page{File: d.str(), Lang: d.str(), Path: d.str(), Section: d.str(), Name: d.str(),
		IsIndex: d.bool(), IsBundle: d.bool(), Dir: d.str(), Title: d.str(), Description: d.str(), Summary: d.str(),
		Date: d.time(), PublishDate: d.time(), Lastmod: d.time(), ExpiryDate: d.time(),
		Draft: d.bool(), Slug: d.str(), URL: d.str(), Aliases: d.strs(), Authors: d.strs(), Images: d.strs(),
		Weight: int(d.int()), Layout: d.str(), Type: d.str()}
	if n, ok := d.length(); ok {
		pg.Terms = make(map[string][]string, n)
		for range n {
			k := d.str()
			pg.Terms[k] = d.strs()
		}
	}
	pg.Campaigns = d.strs()
	if d.bool() {
		pg.Campaign = d.campaign()
	}
	pg.TranslationKey = d.str()
	pg.Params = d.table()
	pg.FrontHash = d.uint()
	if n, ok := d.length(); ok {
		pg.Refs = make([]Ref, n)
		for i := range pg.Refs {
			pg.Refs[i] = Ref{Kind: RefKind(d.int()), Dest: d.str(), Pos: d.pos(), Full: d.str()}
		}
	}
	if n, ok := d.length(); ok {
		pg.TOC = make([]Heading, n)
		for i := range pg.TOC {
			pg.TOC[i] = Heading{Level: int(d.int()), ID: d.str(), Text: d.str()}
		}
	}
	pg.WordCount = int(d.int())
	if n, ok := d.length(); ok {
		pg.keys = make([]keyPos, 0, n)
		for range n {
			k := d.str()
			pos := d.pos()
			pg.setKeyPos(k, pos)
		}
	}
	return pg
}

func (e *encoder) campaign(c *Campaign) {
	e.str(c.Theme)
	e.time(c.Start)
	e.time(c.End)
	e.strs(c.Messages)
	e.length(len(c.Hotlines), c.Hotlines == nil)
	for _, h := range c.Hotlines {
		e.str(h.Name)
		e.str(h.Number)
		e.str(h.Hours)
		e.pos(h.Pos)
	}
	e.length(len(c.Activities), c.Activities == nil)
	for _, a := range c.Activities {
		e.str(a.Title)
		e.time(a.Start)
		e.time(a.End)
		e.bool(a.AllDay)
		e.str(a.Place)
		e.str(a.Organizer)
		e.str(a.Description)
		e.pos(a.Pos)
	}
	e.length(len(c.Materials), c.Materials == nil)
	for _, m := range c.Materials {
		e.material(m)
	}
	e.pos(c.Pos)
	e.pos(c.StartPos)
	e.pos(c.EndPos)
}

func (d *decoder) campaign() *Campaign {
	c := &Campaign{Theme: d.str(), Start: d.time(), End: d.time(), Messages: d.strs()}
	if n, ok := d.length(); ok {
		c.Hotlines = make([]Hotline, n)
		for i := range c.Hotlines {
			c.Hotlines[i] = Hotline{Name: d.str(), Number: d.str(), Hours: d.str(), Pos: d.pos()}
		}
	}
	if n, ok := d.length(); ok {
		c.Activities = make([]Activity, n)
		for i := range c.Activities {
			c.Activities[i] = Activity{Title: d.str(), Start: d.time(), End: d.time(), AllDay: d.bool(),
				Place: d.str(), Organizer: d.str(), Description: d.str(), Pos: d.pos()}
		}
	}
	if n, ok := d.length(); ok {
		c.Materials = make([]Material, n)
		for i := range c.Materials {
			c.Materials[i] = d.material()
		}
	}
	c.Pos, c.StartPos, c.EndPos = d.pos(), d.pos(), d.pos()
	return c
}

func (e *encoder) material(m Material) {
	for _, s := range [...]string{m.Title, m.File, m.URL, m.Online.Provider, m.Online.ID} {
		e.str(s)
	}
	e.int(int64(m.Online.Start))
	for _, s := range [...]string{m.Kind, m.Thumbnail, m.Poster, m.Captions, m.Description} {
		e.str(s)
	}
	for _, p := range [...]diag.Pos{m.Pos, m.URLPos, m.PosterPos, m.CaptionsPos} {
		e.pos(p)
	}
}

func (d *decoder) material() Material {
	return Material{Title: d.str(), File: d.str(), URL: d.str(),
		Online: OnlineVideo{Provider: d.str(), ID: d.str(), Start: int(d.int())},
		Kind:   d.str(), Thumbnail: d.str(), Poster: d.str(), Captions: d.str(), Description: d.str(),
		Pos: d.pos(), URLPos: d.pos(), PosterPos: d.pos(), CaptionsPos: d.pos()}
}
