package page

import (
	"maps"
	"slices"
	"strings"
	"time"

	"loa/generator/config"
	"loa/generator/diag"
)

// Campaign is the [campaign] table of a section's _index.md: a
// communication campaign such as the Action Month for gender equality.
// Checks that need other files (the materials, the period of activities
// written as pages) are the site model's.
type Campaign struct {
	Theme      string
	Start      time.Time
	End        time.Time // the last day, as written
	Messages   []string
	Hotlines   []Hotline
	Activities []Activity
	Materials  []Material

	Pos      diag.Pos // the [campaign] header
	StartPos diag.Pos
	EndPos   diag.Pos
}

// Hotline is a telephone line the campaign advertises.
type Hotline struct {
	Name   string
	Number string
	Hours  string
	Pos    diag.Pos // of its number
}

// Activity is an event of the campaign's calendar: a launch ceremony, a
// training, a communication event.
type Activity struct {
	Title       string
	Start       time.Time
	End         time.Time // zero when not given
	AllDay      bool      // start written as a date without a time
	Place       string
	Organizer   string
	Description string
	Pos         diag.Pos // of its start
}

// Material is a downloadable file of the campaign: a poster, a leaflet…
// A video is a file of the folder, or the address of a YouTube or Vimeo
// video (URL).
type Material struct {
	Title       string
	File        string      // inside the campaign folder: "ap-phich.png"
	URL         string      // a video on YouTube or Vimeo, instead of a file
	Online      OnlineVideo // read from URL
	Kind        string      // one of MaterialKinds
	Thumbnail   string      // an image inside the campaign folder; optional
	Poster      string      // a still shown before a video plays; optional
	Captions    string      // WebVTT captions of a video file; optional
	Description string
	Pos         diag.Pos // of its file, else of its url
	URLPos      diag.Pos
	PosterPos   diag.Pos
	CaptionsPos diag.Pos
}

// MaterialKinds are the kinds a material may have.
var MaterialKinds = [...]string{"poster", "banner", "leaflet", "infographic", "video", "document"}

const dateHint = "write the date as 2025-11-15, 2025-11-15 08:00 or 15/11/2025 08:00"

// campaign reads the [campaign] table of the front matter.
func (d *fields) campaign(key string, v any) *Campaign {
	t, ok := v.(map[string]any)
	if !ok {
		d.wrong(key, "a table: a line [campaign] followed by its settings", v)
		return nil
	}
	loc := campaignLocator{d: d, root: key}
	c := &Campaign{Pos: d.pg.KeyPos(key)}
	c.StartPos, c.EndPos = loc.at("start"), loc.at("end")
	for _, k := range sortedKeys(t) {
		val := t[k]
		switch k {
		case "theme":
			c.Theme = loc.str(loc.at(k), k, val)
		case "start":
			c.Start, _ = loc.date(c.StartPos, k, val)
		case "end":
			c.End, _ = loc.date(c.EndPos, k, val)
		case "messages":
			c.Messages = loc.strs(loc.at(k), k, val)
		case "hotlines":
			for i, e := range loc.entries(k, val) {
				c.Hotlines = append(c.Hotlines, loc.hotline(i, e))
			}
		case "activities":
			for i, e := range loc.entries(k, val) {
				c.Activities = append(c.Activities, loc.activity(i, e))
			}
		case "materials":
			for i, e := range loc.entries(k, val) {
				c.Materials = append(c.Materials, loc.material(i, e))
			}
		default:
			d.diags.Errorf(loc.at(k), "the settings of [campaign] are theme, start, end, messages, hotlines, activities and materials",
				"unknown campaign setting %q", k)
		}
	}
	if c.Theme == "" {
		d.diags.Errorf(c.Pos, `add theme = "…" under [campaign]: the campaign's theme (chủ đề)`, "the campaign has no theme")
	}
	if _, ok := t["start"]; !ok {
		d.diags.Errorf(c.Pos, "add start = 2025-11-15 under [campaign]", "the campaign has no start date")
	}
	if _, ok := t["end"]; !ok {
		d.diags.Errorf(c.Pos, "add end = 2025-12-15 under [campaign]", "the campaign has no end date")
	}
	return c
}

// campaignLocator finds where the keys of the [campaign] table are written.
// The TOML decoder gives no positions, so they are looked up in the text:
// the N-th [[campaign.activities]] header starts the N-th activity.
type campaignLocator struct {
	d    *fields
	root string
}

func (l campaignLocator) text() []byte {
	if l.d.fm == nil || l.d.fm.yaml {
		return nil
	}
	return l.d.fm.text
}

func (l campaignLocator) pos(line, col int) diag.Pos {
	if line == 0 {
		return l.d.pg.KeyPos(l.root)
	}
	return diag.Pos{File: l.d.pg.File, Line: line + l.d.fm.line - 1, Col: col}
}

// at is the position of a key of the [campaign] table.
func (l campaignLocator) at(key string) diag.Pos {
	src := l.text()
	if src == nil {
		return l.d.pg.KeyPos(l.root)
	}
	return l.pos(config.KeyPos(src, l.root, key))
}

// entryAt is the position of key in the n-th (from 0) [[campaign.array]]
// entry, else of the entry's header, else of the array.
func (l campaignLocator) entryAt(array string, n int, key string) diag.Pos {
	src := l.text()
	if src == nil {
		return l.d.pg.KeyPos(l.root)
	}
	header := "[[" + l.root + "." + array + "]]"
	seen := -1
	hline, hcol := 0, 0
	for i, raw := range strings.Split(string(src), "\n") {
		text := strings.TrimSpace(raw)
		if strings.HasPrefix(text, "[") {
			if seen == n {
				break
			}
			if strings.ReplaceAll(strings.SplitN(text, "#", 2)[0], " ", "") == header {
				seen++
				if seen == n {
					hline, hcol = i+1, strings.Index(raw, text)+1
				}
			}
			continue
		}
		if seen != n {
			continue
		}
		if k, _, ok := strings.Cut(text, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
			return l.pos(i+1, strings.Index(raw, text)+1)
		}
	}
	if hline > 0 {
		return l.pos(hline, hcol)
	}
	return l.at(array)
}

func (l campaignLocator) wrong(pos diag.Pos, key, want string, v any) {
	l.d.diags.Errorf(pos, "write "+want, "%s must be %s, not %s", key, want, describe(v))
}

func (l campaignLocator) str(pos diag.Pos, key string, v any) string {
	if s, ok := v.(string); ok {
		return strings.TrimSpace(s)
	}
	l.wrong(pos, key, `text in quotes, such as key = "…"`, v)
	return ""
}

func (l campaignLocator) strs(pos diag.Pos, key string, v any) []string {
	list, ok := v.([]any)
	if !ok {
		l.wrong(pos, key, `a list of texts, such as ["a", "b"]`, v)
		return nil
	}
	var out []string
	for _, e := range list {
		if s := l.str(pos, key, e); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (l campaignLocator) date(pos diag.Pos, key string, v any) (time.Time, bool) {
	if t, ok := v.(time.Time); ok && l.d.fm != nil && l.d.fm.yaml && t.Location() == time.UTC {
		// yaml.v3 reads a date inside a table, such as 2025-11-15, as
		// midnight UTC: it was written in the site's zone.
		midnight := t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
		return wall(t, l.d.cfg.Location), midnight
	}
	t, ok := Date(v, l.d.cfg.Location)
	if !ok {
		l.d.diags.Errorf(pos, dateHint, "%s: %s is not a date", key, quote(v))
		return time.Time{}, false
	}
	return t, isDateOnly(v)
}

// entries are the tables of an array of tables such as [[campaign.hotlines]].
func (l campaignLocator) entries(key string, v any) []map[string]any {
	var out []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		return v
	case []any:
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				l.wrong(l.at(key), key, "a list of tables, each starting with [[campaign."+key+"]]", e)
				return nil
			}
			out = append(out, m)
		}
		return out
	}
	l.wrong(l.at(key), key, "a list of tables, each starting with [[campaign."+key+"]]", v)
	return nil
}

// unknown reports keys of an entry that Loa does not know.
func (l campaignLocator) unknown(array string, n int, e map[string]any, known ...string) {
	for _, k := range sortedKeys(e) {
		if !slices.Contains(known, k) {
			l.d.diags.Errorf(l.entryAt(array, n, k), "the settings of [[campaign."+array+"]] are "+strings.Join(known, ", "),
				"unknown setting %q in campaign %s", k, array)
		}
	}
}

func (l campaignLocator) hotline(n int, e map[string]any) Hotline {
	l.unknown("hotlines", n, e, "name", "number", "hours")
	h := Hotline{Pos: l.entryAt("hotlines", n, "number")}
	get := func(k string) string {
		if v, ok := e[k]; ok {
			return l.str(l.entryAt("hotlines", n, k), k, v)
		}
		return ""
	}
	h.Name, h.Number, h.Hours = get("name"), get("number"), get("hours")
	if h.Number == "" {
		l.d.diags.Errorf(h.Pos, `add number = "111" to the hotline`, "hotline %q has no number", h.Name)
	}
	return h
}

func (l campaignLocator) activity(n int, e map[string]any) Activity {
	l.unknown("activities", n, e, "title", "start", "end", "place", "organizer", "description")
	a := Activity{Pos: l.entryAt("activities", n, "start")}
	get := func(k string) string {
		if v, ok := e[k]; ok {
			return l.str(l.entryAt("activities", n, k), k, v)
		}
		return ""
	}
	a.Title, a.Place, a.Organizer, a.Description = get("title"), get("place"), get("organizer"), get("description")
	if v, ok := e["start"]; ok {
		a.Start, a.AllDay = l.date(a.Pos, "start", v)
	} else {
		l.d.diags.Errorf(a.Pos, "add start = 2025-11-15 08:00 to the activity", "activity %q has no start", a.Title)
	}
	if v, ok := e["end"]; ok {
		a.End, _ = l.date(l.entryAt("activities", n, "end"), "end", v)
	}
	if a.Title == "" {
		l.d.diags.Errorf(a.Pos, `add title = "…" to the activity`, "an activity has no title")
	}
	return a
}

func (l campaignLocator) material(n int, e map[string]any) Material {
	l.unknown("materials", n, e, "title", "file", "url", "kind", "thumbnail", "poster", "captions", "description")
	m := Material{Pos: l.entryAt("materials", n, "file"), URLPos: l.entryAt("materials", n, "url"),
		PosterPos: l.entryAt("materials", n, "poster"), CaptionsPos: l.entryAt("materials", n, "captions")}
	get := func(k string) string {
		if v, ok := e[k]; ok {
			return l.str(l.entryAt("materials", n, k), k, v)
		}
		return ""
	}
	m.Title, m.File, m.URL, m.Kind = get("title"), get("file"), get("url"), get("kind")
	m.Thumbnail, m.Poster, m.Captions, m.Description = get("thumbnail"), get("poster"), get("captions"), get("description")
	switch {
	case m.File == "" && m.URL == "":
		l.d.diags.Errorf(m.Pos, `add file = "ap-phich.pdf": a file in the campaign's folder (or, for a video on YouTube or Vimeo, url = "https://…")`,
			"material %q has no file", m.Title).Vi(
			`thêm file = "ap-phich.pdf": một tệp trong thư mục của chiến dịch (hoặc, với video trên YouTube, Vimeo: url = "https://…")`,
			"tài liệu %q chưa có tệp", m.Title)
	case m.File != "" && m.URL != "":
		l.d.diags.Errorf(m.URLPos, "keep file (a video of the folder) or url (a video on YouTube or Vimeo), not both",
			"material %q has both a file and a url", m.Title).Vi(
			"giữ file (video trong thư mục) hoặc url (video trên YouTube, Vimeo), không dùng cả hai",
			"tài liệu %q có cả file lẫn url", m.Title)
	case m.URL != "":
		m.Pos = m.URLPos
	}
	if m.URL != "" {
		var ok bool
		if m.Online, ok = VideoAt(m.URL); !ok {
			l.d.diags.Errorf(m.URLPos, "write the address of a video on YouTube (https://www.youtube.com/watch?v=…) or Vimeo (https://vimeo.com/…), or put the video file in the campaign's folder and name it with file",
				"material %q: %q is not a YouTube or Vimeo video", m.Title, m.URL).Vi(
				"ghi địa chỉ một video trên YouTube (https://www.youtube.com/watch?v=…) hoặc Vimeo (https://vimeo.com/…), hoặc đặt tệp video vào thư mục của chiến dịch và ghi tên tệp ở file",
				"tài liệu %q: %q không phải video trên YouTube hay Vimeo", m.Title, m.URL)
		}
	}
	if m.URL != "" && m.Kind != "video" {
		l.d.diags.Errorf(m.URLPos, `an address is for a video on YouTube or Vimeo: write kind = "video", or give a file of the folder instead`,
			"material %q: url is for videos only", m.Title).Vi(
			`địa chỉ url chỉ dành cho video trên YouTube, Vimeo: ghi kind = "video", hoặc dùng file là một tệp trong thư mục`,
			"tài liệu %q: url chỉ dùng cho video", m.Title)
	}
	for _, k := range []struct {
		key string
		pos diag.Pos
		set bool
	}{{"poster", m.PosterPos, m.Poster != ""}, {"captions", m.CaptionsPos, m.Captions != ""}} {
		if k.set && m.Kind != "video" {
			l.d.diags.Errorf(k.pos, `remove `+k.key+`, or write kind = "video"`,
				"material %q: %s is for videos only", m.Title, k.key).Vi(
				`xoá dòng `+k.key+`, hoặc ghi kind = "video"`, "tài liệu %q: %s chỉ dùng cho video", m.Title, k.key)
		}
	}
	if !slices.Contains(MaterialKinds[:], m.Kind) {
		l.d.diags.Errorf(l.entryAt("materials", n, "kind"), "write kind = one of "+strings.Join(MaterialKinds[:], ", "),
			"material %q: unknown kind %q", m.Title, m.Kind)
	}
	return m
}

// isDateOnly reports whether a date was written without a time of day.
func isDateOnly(v any) bool {
	switch v := v.(type) {
	case time.Time:
		return v.Location().String() == "date-local"
	case string:
		s := strings.TrimSpace(v)
		for _, layout := range []string{"2006-01-02", "02/01/2006"} {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// ActivityOf reads the campaign activity that a page of a campaign's folder
// describes in its front matter (start, end, place, organizer), with its
// title and description. ok is false when the page has no start.
func ActivityOf(p *Page, loc *time.Location) (a Activity, ok bool, diags diag.List) {
	v, ok := p.Params["start"]
	if !ok {
		return a, false, nil
	}
	a = Activity{Title: p.Title, Description: p.Description, Pos: p.KeyPos("start")}
	var good bool
	if a.Start, good = Date(v, loc); !good {
		diags.Errorf(a.Pos, dateHint, "start: %s is not a date", quote(v))
	}
	a.AllDay = isDateOnly(v)
	if v, ok := p.Params["end"]; ok {
		if a.End, good = Date(v, loc); !good {
			diags.Errorf(p.KeyPos("end"), dateHint, "end: %s is not a date", quote(v))
		}
	}
	for k, dst := range map[string]*string{"place": &a.Place, "organizer": &a.Organizer} {
		if v, ok := p.Params[k]; ok {
			s, isStr := v.(string)
			if !isStr {
				diags.Errorf(p.KeyPos(k), `write text in quotes, such as key = "…"`, "%s must be text, not %s", k, describe(v))
			}
			*dst = strings.TrimSpace(s)
		}
	}
	diags.Sort()
	return a, true, diags
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
