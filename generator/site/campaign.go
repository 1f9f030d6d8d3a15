package site

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"loa/generator/page"
)

// BannerLead is how long before its start a campaign is announced on every
// page of the site as "sắp diễn ra".
const BannerLead = 14 * 24 * time.Hour

// Campaign is a communication campaign: a section, such as
// content/chien-dich/thang-hanh-dong-2025/, whose _index.md has a
// [campaign] table.
type Campaign struct {
	Slug       string // last part of the section's address
	Node       *Node  // the section: the campaign's landing page
	Theme      string
	Start      time.Time
	End        time.Time // the last day, as written
	Messages   []string
	Activities []*Activity // by start, then title
	Materials  []*Material // as written
	Hotlines   []*Hotline
	News       []*Node // newest first
	Results    []*Node // news published after it ended, newest first
	Zip        *Zip    // all the files of its materials in one download, or nil
}

// Activity is one event of a campaign's calendar.
type Activity struct {
	page.Activity
	ID       string // stable within the campaign: "20251115-le-phat-dong"
	Page     *Node  // when the activity is a page of its own; else nil
	Campaign *Campaign
}

// Material is a downloadable file of a campaign.
type Material struct {
	page.Material
	Out    string // output path of the file
	Size   int64
	Format string // "PDF", "PNG", "MP4"…
	Thumb  string // output path of an image that shows it, or ""
	Image  *Image // the thumbnail, in every published width
	Width  int    // of the thumbnail, when known
	Height int
	Video  *Video // how a video material plays, or nil

	s        *Site
	file     *File // the material's own file, or nil
	captions *File // a video's captions, or nil
}

// Hotline is a telephone line of a campaign.
type Hotline struct {
	page.Hotline
	Tel string // "tel:111"
}

// Week is a week of a campaign's calendar, Monday to Sunday.
type Week struct {
	Number int // 1 for the week the campaign starts in; 0 for weeks before it
	From   time.Time
	To     time.Time
	Days   []*Day
}

// Day is a day of a campaign's calendar with its activities.
type Day struct {
	Date       time.Time
	Activities []*Activity
}

// CampaignYear is the campaigns that started in one year, for the archive.
type CampaignYear struct {
	Year      int
	Campaigns []*Campaign
}

// Status tells where the campaign stands at a time.
type Status string

const (
	Upcoming Status = "upcoming" // sắp diễn ra
	Running  Status = "running"  // đang diễn ra
	Ended    Status = "ended"    // đã kết thúc
)

// Until is the moment the campaign ends: the day after End when End is a
// date, so that the last day is part of the campaign.
func (c *Campaign) Until() time.Time { return until(c.End) }

func until(t time.Time) time.Time {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.AddDate(0, 0, 1)
	}
	return t
}

// StatusAt is the campaign's status at now.
func (c *Campaign) StatusAt(now time.Time) Status {
	switch {
	case now.Before(c.Start):
		return Upcoming
	case now.Before(c.Until()):
		return Running
	}
	return Ended
}

// DaysLeftAt counts the days, started days included, until the campaign
// ends when it runs, until it starts when it is upcoming; 0 once ended. The
// banner's script counts the same way.
func (c *Campaign) DaysLeftAt(now time.Time) int {
	var d time.Duration
	switch c.StatusAt(now) {
	case Upcoming:
		d = c.Start.Sub(now)
	case Running:
		d = c.Until().Sub(now)
	default:
		return 0
	}
	return int(math.Ceil(d.Hours() / 24))
}

// BannerAt reports whether the banner shows the campaign at now: while it
// runs and from BannerLead before its start.
func (c *Campaign) BannerAt(now time.Time) bool {
	switch c.StatusAt(now) {
	case Running:
		return true
	case Upcoming:
		return c.Start.Sub(now) <= BannerLead
	}
	return false
}

// Status, DaysLeft and Banner are at the time of the build, for templates.
func (c *Campaign) Status() Status  { return c.StatusAt(c.Node.site.Now) }
func (c *Campaign) DaysLeft() int   { return c.DaysLeftAt(c.Node.site.Now) }
func (c *Campaign) Banner() bool    { return c.BannerAt(c.Node.site.Now) }
func (c *Campaign) Year() int       { return c.Start.Year() }
func (c *Campaign) Title() string   { return c.Node.Title() }
func (c *Campaign) IsRunning() bool { return c.Status() == Running }

// ICSPath and JSONPath are the output paths of the campaign's iCalendar
// feed and JSON feed of activities.
func (c *Campaign) ICSPath() string  { return c.Node.Path + "lich.ics" }
func (c *Campaign) JSONPath() string { return c.Node.Path + "hoat-dong.json" }
func (c *Campaign) ICSURL() string   { return c.Node.site.RelURL(c.ICSPath()) }
func (c *Campaign) JSONURL() string  { return c.Node.site.RelURL(c.JSONPath()) }

// WebcalURL is the feed's address for calendar applications to subscribe.
func (c *Campaign) WebcalURL() string {
	u := c.Node.site.AbsURL(c.ICSPath())
	_, rest, _ := strings.Cut(u, "://")
	return "webcal://" + rest
}

// UID identifies the activity in calendars, across builds.
func (a *Activity) UID() string {
	return a.Campaign.Slug + "-" + a.ID + "@" + a.Campaign.Node.site.Config.BaseURL.Host
}

// ICSPath is the output path of a calendar file with the activity alone,
// for "add to calendar".
func (a *Activity) ICSPath() string { return a.Campaign.Node.Path + "lich/" + a.ID + ".ics" }
func (a *Activity) ICSURL() string  { return a.Campaign.Node.site.RelURL(a.ICSPath()) }

// Until is when the activity ends: its end, the end of its day for a
// whole-day activity, else its start.
func (a *Activity) Until() time.Time {
	switch {
	case !a.End.IsZero() && a.AllDay:
		return until(a.End)
	case !a.End.IsZero():
		return a.End
	case a.AllDay:
		return a.Start.AddDate(0, 0, 1)
	}
	return a.Start
}

// URL is the address of the file; ThumbURL that of its thumbnail.
func (m *Material) URL() string      { return m.s.RelURL(m.Out) }
func (m *Material) ThumbURL() string { return m.s.RelURL(m.Thumb) }

// ThumbHeight is the thumbnail's height when shown w pixels wide.
func (m *Material) ThumbHeight(w int) int {
	if m.Width == 0 {
		return 0
	}
	return (m.Height*w + m.Width/2) / m.Width
}

// SizeText is the format and size as shown beside a download link:
// "PDF · 2,3 MB".
func (m *Material) SizeText() string { return m.Format + " · " + m.s.locale().ByteSize(m.Size) }

// Campaign returns the campaign whose landing page the node is, or nil.
func (n *Node) Campaign() *Campaign {
	for _, c := range n.site.Campaigns {
		if c.Node == n {
			return c
		}
	}
	return nil
}

// Campaigns are the campaigns a page is news of, newest first.
func (n *Node) Campaigns() []*Campaign {
	var out []*Campaign
	for _, c := range n.site.Campaigns {
		if slices.Contains(c.News, n) || slices.Contains(c.Results, n) {
			out = append(out, c)
		}
	}
	return out
}

// ActiveCampaigns are the campaigns the banner shows at the time of the
// build: running ones first, then upcoming ones by start.
func (s *Site) ActiveCampaigns() []*Campaign {
	var out []*Campaign
	for _, c := range s.Banners() {
		if c.BannerAt(s.Now) {
			out = append(out, c)
		}
	}
	return out
}

// Banner is the campaign the banner shows first at the time of the build.
func (s *Site) Banner() *Campaign {
	if a := s.ActiveCampaigns(); len(a) > 0 {
		return a[0]
	}
	return nil
}

// Banners are the campaigns that have not ended at the time of the build,
// running ones first, then by start. The banner carries them all, hidden
// when not yet due, so that a site left on its host for weeks shows the
// right one: its script decides by the browser's clock.
func (s *Site) Banners() []*Campaign {
	var out []*Campaign
	for _, c := range s.Campaigns {
		if c.StatusAt(s.Now) != Ended {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := out[i].StatusAt(s.Now) == Running, out[j].StatusAt(s.Now) == Running
		if ri != rj {
			return ri
		}
		return out[i].Start.Before(out[j].Start)
	})
	return out
}

// CampaignYears groups the campaigns by the year they start, newest first.
func (s *Site) CampaignYears() []*CampaignYear {
	var out []*CampaignYear
	for _, c := range s.Campaigns {
		if len(out) == 0 || out[len(out)-1].Year != c.Year() {
			out = append(out, &CampaignYear{Year: c.Year()})
		}
		y := out[len(out)-1]
		y.Campaigns = append(y.Campaigns, c)
	}
	return out
}

// Weeks is the calendar of activities by week and day.
func (c *Campaign) Weeks() []*Week {
	first := monday(c.Start)
	var weeks []*Week
	for _, a := range c.Activities {
		day := dayOf(a.Start)
		mon := monday(day)
		if len(weeks) == 0 || !weeks[len(weeks)-1].From.Equal(mon) {
			n := int(math.Round(mon.Sub(first).Hours()/24/7)) + 1
			weeks = append(weeks, &Week{Number: max(n, 0), From: mon, To: mon.AddDate(0, 0, 6)})
		}
		w := weeks[len(weeks)-1]
		if len(w.Days) == 0 || !w.Days[len(w.Days)-1].Date.Equal(day) {
			w.Days = append(w.Days, &Day{Date: day})
		}
		d := w.Days[len(w.Days)-1]
		d.Activities = append(d.Activities, a)
	}
	return weeks
}

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

func monday(t time.Time) time.Time {
	d := dayOf(t)
	return d.AddDate(0, 0, -(int(d.Weekday())+6)%7)
}

// phoneNumber is digits, spaces, dots and a leading +.
var phoneNumber = regexp.MustCompile(`^\+?[0-9][0-9 .]*$`)
