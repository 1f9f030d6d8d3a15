package build

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"loa/generator/diag"
	"loa/generator/site"
	"loa/generator/vi"
)

// campaignJobs writes, for every campaign, its iCalendar feed (lich.ics), a
// calendar file per activity for "add to calendar", and a JSON feed of its
// activities (hoat-dong.json) for other sites to embed.
func (r *renderer) campaignJobs() []job {
	var jobs []job
	for _, c := range r.site.Campaigns {
		c := c
		jobs = append(jobs,
			func() diag.List { return r.writeRaw(c.ICSPath(), r.calendar(c, c.Activities)) },
			func() diag.List { return r.activityFeed(c) })
		for _, a := range c.Activities {
			a := a
			jobs = append(jobs, func() diag.List { return r.writeRaw(a.ICSPath(), r.calendar(c, []*site.Activity{a})) })
		}
	}
	return jobs
}

// calendar is an RFC 5545 calendar of activities: CRLF line ends, lines
// folded at 75 octets, times in the site's zone with its VTIMEZONE.
func (r *renderer) calendar(c *site.Campaign, acts []*site.Activity) []byte {
	loc := r.site.Config.Location
	w := &icsWriter{}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//Loa//" + icsText(r.site.Title()) + "//" + strings.ToUpper(primary(r.site.Lang())))
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("X-WR-CALNAME:" + icsText(c.Title()))
	w.line("X-WR-CALDESC:" + icsText(c.Theme))
	w.line("X-WR-TIMEZONE:" + loc.String())
	tz := fixedZone(loc, acts)
	if tz {
		writeVTimezone(w, loc, acts[0].Start)
	}
	stamp := c.Node.Lastmod()
	if stamp.IsZero() {
		stamp = c.Start
	}
	for _, a := range acts {
		w.line("BEGIN:VEVENT")
		w.line("UID:" + icsText(a.UID()))
		w.line("DTSTAMP:" + stamp.UTC().Format("20060102T150405Z"))
		switch {
		case a.AllDay:
			w.line("DTSTART;VALUE=DATE:" + a.Start.Format("20060102"))
			w.line("DTEND;VALUE=DATE:" + a.Until().Format("20060102"))
		case tz:
			w.line("DTSTART;TZID=" + loc.String() + ":" + a.Start.In(loc).Format("20060102T150405"))
			if !a.End.IsZero() {
				w.line("DTEND;TZID=" + loc.String() + ":" + a.End.In(loc).Format("20060102T150405"))
			}
		default:
			w.line("DTSTART:" + a.Start.UTC().Format("20060102T150405Z"))
			if !a.End.IsZero() {
				w.line("DTEND:" + a.End.UTC().Format("20060102T150405Z"))
			}
		}
		w.line("SUMMARY:" + icsText(a.Title))
		if a.Place != "" {
			w.line("LOCATION:" + icsText(a.Place))
		}
		if d := r.activityText(a); d != "" {
			w.line("DESCRIPTION:" + icsText(d))
		}
		url := c.Node.Permalink() + "#" + a.ID
		if a.Page != nil {
			url = a.Page.Permalink()
		}
		w.line("URL:" + url)
		w.line("END:VEVENT")
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

// activityText is an activity's description with its organiser, as
// calendars show it.
func (r *renderer) activityText(a *site.Activity) string {
	var parts []string
	if a.Description != "" {
		parts = append(parts, a.Description)
	}
	if a.Organizer != "" {
		parts = append(parts, r.label("organizer", "Đơn vị tổ chức")+": "+a.Organizer)
	}
	parts = append(parts, r.label("campaign", "Chiến dịch")+": "+a.Campaign.Theme)
	return strings.Join(parts, "\n")
}

// label is a word of a calendar: Vietnamese as written here, or the
// language's word of the interface.
func (r *renderer) label(key, vi string) string {
	if w := r.words[key]; w != "" && primary(r.site.Lang()) != "vi" {
		return w
	}
	return vi
}

// fixedZone reports whether loc keeps one offset through the year of every
// activity, so that a VTIMEZONE with a single STANDARD part describes it
// (Asia/Ho_Chi_Minh does). Other zones get their times in UTC.
func fixedZone(loc *time.Location, acts []*site.Activity) bool {
	if len(acts) == 0 {
		return false
	}
	for _, a := range acts {
		jan := time.Date(a.Start.In(loc).Year(), 1, 1, 0, 0, 0, 0, loc)
		if _, next := jan.ZoneBounds(); !next.IsZero() && next.Before(jan.AddDate(1, 0, 0)) {
			return false
		}
	}
	return true
}

// writeVTimezone describes a zone of one offset. Its DTSTART is the start
// of the offset in force at t, as far as the zone database knows.
func writeVTimezone(w *icsWriter, loc *time.Location, t time.Time) {
	t = t.In(loc)
	name, off := t.Zone()
	from := off
	since := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	if zs, _ := t.ZoneBounds(); !zs.IsZero() {
		_, from = zs.Add(-time.Second).Zone()
		since = zs.In(loc)
	}
	w.line("BEGIN:VTIMEZONE")
	w.line("TZID:" + loc.String())
	w.line("BEGIN:STANDARD")
	w.line("DTSTART:" + since.In(time.FixedZone("", from)).Format("20060102T150405"))
	w.line("TZOFFSETFROM:" + icsOffset(from))
	w.line("TZOFFSETTO:" + icsOffset(off))
	w.line("TZNAME:" + icsText(name))
	w.line("END:STANDARD")
	w.line("END:VTIMEZONE")
}

func icsOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	h, m := sec/3600, sec%3600/60
	return sign + string(rune('0'+h/10)) + string(rune('0'+h%10)) + string(rune('0'+m/10)) + string(rune('0'+m%10))
}

// icsText escapes a TEXT value (RFC 5545, 3.3.11).
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(vi.NFC(s))
}

// icsWriter writes content lines folded at 75 octets, never inside a
// UTF-8 sequence, each ended by CRLF.
type icsWriter struct{ buf bytes.Buffer }

func (w *icsWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.buf.WriteString(s[:cut])
		w.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space of a continuation line counts
	}
	w.buf.WriteString(s)
	w.buf.WriteString("\r\n")
}

// activityJSON is one activity of the JSON feed.
type activityJSON struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Start       string `json:"start"`
	End         string `json:"end,omitempty"`
	AllDay      bool   `json:"allDay,omitempty"`
	Place       string `json:"place,omitempty"`
	Organizer   string `json:"organizer,omitempty"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url"`
	Calendar    string `json:"calendar"`
}

type campaignJSON struct {
	Campaign   string         `json:"campaign"`
	Title      string         `json:"title"`
	Theme      string         `json:"theme"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	URL        string         `json:"url"`
	Calendar   string         `json:"calendar"`
	Activities []activityJSON `json:"activities"`
}

// activityFeed writes the campaign's activities as JSON. Whole-day dates
// are written as dates, other times with the site's offset.
func (r *renderer) activityFeed(c *site.Campaign) diag.List {
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	doc := campaignJSON{
		Campaign: c.Slug, Title: c.Title(), Theme: c.Theme,
		Start: day(c.Start), End: day(c.End),
		URL: c.Node.Permalink(), Calendar: r.site.AbsURL(c.ICSPath()),
		Activities: []activityJSON{},
	}
	for _, a := range c.Activities {
		j := activityJSON{
			ID: a.UID(), Title: a.Title, AllDay: a.AllDay, Place: a.Place, Organizer: a.Organizer,
			Description: a.Description, URL: c.Node.Permalink() + "#" + a.ID, Calendar: r.site.AbsURL(a.ICSPath()),
		}
		if a.Page != nil {
			j.URL = a.Page.Permalink()
		}
		if a.AllDay {
			j.Start = day(a.Start)
			if !a.End.IsZero() {
				j.End = day(a.End)
			}
		} else {
			j.Start = a.Start.Format(time.RFC3339)
			if !a.End.IsZero() {
				j.End = a.End.Format(time.RFC3339)
			}
		}
		doc.Activities = append(doc.Activities, j)
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		var d diag.List
		d.Errorf(diag.Pos{File: c.JSONPath()}, "", "writing JSON: %v", err)
		return d
	}
	return r.write(c.JSONPath(), append(data, '\n'))
}
