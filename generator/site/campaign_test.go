package site

import (
	"strings"
	"testing"
	"time"

	"loa/generator/config"
	"loa/generator/page"
)

// campaignSite assembles inline content files at now.
func campaignSite(t *testing.T, now time.Time, files map[string]string, extra ...File) (*Site, []string) {
	t.Helper()
	cfg, d := config.Parse([]byte("title = \"T\"\nbaseURL = \"https://example.gov.vn/\"\n"))
	if cfg == nil {
		t.Fatal(d)
	}
	p := page.NewParser(cfg)
	var pages []*page.Page
	for name, src := range files {
		pg, d := p.Parse(name, []byte(src))
		if pg == nil {
			t.Fatal(d)
		}
		pages = append(pages, pg)
	}
	s, diags := Assemble(Input{Config: cfg, Pages: pages, Files: extra, Now: now.In(cfg.Location)})
	var msgs []string
	for _, e := range diags {
		msgs = append(msgs, e.String())
	}
	return s, msgs
}

var hcm = func() *time.Location { l, _ := time.LoadLocation("Asia/Ho_Chi_Minh"); return l }()

func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, hcm) }

const genderMonth = "+++\ntitle = \"Tháng hành động vì bình đẳng giới 2025\"\n[campaign]\ntheme = \"Chung tay xóa bỏ bạo lực\"\nstart = 2025-11-15\nend = 2025-12-15\n+++\n"

func TestCampaignStatusAndBannerByClock(t *testing.T) {
	s, errs := campaignSite(t, at(2025, 11, 20, 10, 0), map[string]string{"content/chien-dich/bdg-2025/_index.md": genderMonth})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	c := s.Campaigns[0]
	tests := []struct {
		name   string
		now    time.Time
		status Status
		days   int
		banner bool
	}{
		{"a month before", at(2025, 10, 15, 10, 0), Upcoming, 31, false},
		{"15 days before", at(2025, 10, 31, 0, 0), Upcoming, 15, false},
		{"14 days before: announced", at(2025, 11, 1, 0, 0), Upcoming, 14, true},
		{"shortly before", at(2025, 11, 14, 23, 0), Upcoming, 1, true},
		{"the first moment", at(2025, 11, 15, 0, 0), Running, 31, true},
		{"during", at(2025, 11, 20, 10, 0), Running, 26, true},
		{"the evening of the last day", at(2025, 12, 15, 23, 59), Running, 1, true},
		{"the day after", at(2025, 12, 16, 0, 0), Ended, 0, false},
		{"a year after", at(2026, 11, 29, 10, 0), Ended, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.StatusAt(tc.now); got != tc.status {
				t.Errorf("status %s, want %s", got, tc.status)
			}
			if got := c.DaysLeftAt(tc.now); got != tc.days {
				t.Errorf("%d days left, want %d", got, tc.days)
			}
			if got := c.BannerAt(tc.now); got != tc.banner {
				t.Errorf("banner %v, want %v", got, tc.banner)
			}
		})
	}
}

func TestSiteBannerPicksRunningThenSoonest(t *testing.T) {
	files := map[string]string{
		"content/chien-dich/bdg-2025/_index.md":    genderMonth,
		"content/chien-dich/tre-em-2026/_index.md": "+++\ntitle = \"Tháng hành động vì trẻ em 2026\"\n[campaign]\ntheme = \"Trẻ em\"\nstart = 2026-06-01\nend = 2026-06-30\n+++\n",
		"content/chien-dich/bdg-2024/_index.md":    "+++\ntitle = \"2024\"\n[campaign]\ntheme = \"Cũ\"\nstart = 2024-11-15\nend = 2024-12-15\n+++\n",
	}
	slugs := func(cs []*Campaign) string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Slug)
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name                  string
		now                   time.Time
		banner, active, carry string
	}{
		{"between campaigns", at(2026, 3, 1, 9, 0), "", "", "tre-em-2026"},
		{"children's month soon", at(2026, 5, 25, 9, 0), "tre-em-2026", "tre-em-2026", "tre-em-2026"},
		{"during the gender month", at(2025, 11, 20, 9, 0), "bdg-2025", "bdg-2025", "bdg-2025 tre-em-2026"},
		{"after all", at(2026, 7, 1, 0, 0), "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, errs := campaignSite(t, tc.now, files)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if got := slugs(s.Campaigns); got != "tre-em-2026 bdg-2025 bdg-2024" {
				t.Errorf("campaigns %q, want newest first", got)
			}
			got := ""
			if b := s.Banner(); b != nil {
				got = b.Slug
			}
			if got != tc.banner {
				t.Errorf("banner %q, want %q", got, tc.banner)
			}
			if got := slugs(s.ActiveCampaigns()); got != tc.active {
				t.Errorf("active %q, want %q", got, tc.active)
			}
			if got := slugs(s.Banners()); got != tc.carry {
				t.Errorf("carried by the banner %q, want %q", got, tc.carry)
			}
		})
	}
}

func TestCampaignModel(t *testing.T) {
	index := strings.TrimSuffix(genderMonth, "+++\n") + `
[[campaign.activities]]
title = "Tập huấn"
start = "25/11/2025 13:30"

[[campaign.activities]]
title = "Lễ phát động"
start = 2025-11-15T08:00:00

[[campaign.activities]]
title = "Ngày hội"
start = 2025-11-25

[[campaign.hotlines]]
name = "Tổng đài"
number = "+84 200.3812 456"

[[campaign.materials]]
title = "Tờ rơi"
file = "to-roi.pdf"
kind = "leaflet"

[[campaign.materials]]
title = "Áp phích"
file = "ap-phich.png"
kind = "poster"
+++
`
	s, errs := campaignSite(t, at(2025, 11, 20, 10, 0), map[string]string{
		"content/chien-dich/bdg-2025/_index.md":  index,
		"content/chien-dich/bdg-2025/toa-dam.md": "+++\ntitle = \"Tọa đàm\"\ndate = 2025-11-01\nstart = \"02/12/2025 19:30\"\n+++\n",
		"content/chien-dich/bdg-2025/so-ket.md":  "+++\ntitle = \"Sơ kết\"\ndate = 2025-11-18\n+++\n",
		"content/tin-tuc/a.md":                   "+++\ntitle = \"Phát động\"\ndate = 2025-11-15\ncampaigns = [\"bdg-2025\"]\n+++\n",
		"content/tin-tuc/b.md":                   "+++\ntitle = \"Khác\"\ndate = 2025-11-16\n+++\n",
	}, File{Name: "content/chien-dich/bdg-2025/to-roi.pdf", Size: 2_400_000},
		File{Name: "content/chien-dich/bdg-2025/ap-phich.png", Size: 1500, Width: 600, Height: 848})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	c := s.Campaigns[0]
	if c.Node != s.Sections[1] || s.Sections[1].Campaign() != c || s.Sections[0].Campaign() != nil {
		t.Error("the section's node does not lead to its campaign")
	}
	var acts []string
	for _, a := range c.Activities {
		acts = append(acts, a.ID)
	}
	if got := strings.Join(acts, " "); got != "20251115-le-phat-dong 20251125-ngay-hoi 20251125-tap-huan 20251202-toa-dam" {
		t.Errorf("activities: %s", got)
	}
	var weeks []string
	for _, w := range c.Weeks() {
		var days []string
		for _, d := range w.Days {
			days = append(days, d.Date.Format("02/01")+"×"+string(rune('0'+len(d.Activities))))
		}
		weeks = append(weeks, w.From.Format("02/01")+"#"+string(rune('0'+w.Number))+"["+strings.Join(days, ",")+"]")
	}
	if got := strings.Join(weeks, " "); got != "10/11#1[15/11×1] 24/11#3[25/11×2] 01/12#4[02/12×1]" {
		t.Errorf("weeks: %s", got)
	}
	if m := c.Materials[0]; m.SizeText() != "PDF · 2,3 MB" || m.URL() != "/chien-dich/bdg-2025/to-roi.pdf" || m.Thumb != "" {
		t.Errorf("leaflet: %q %q %q", m.SizeText(), m.URL(), m.Thumb)
	}
	if m := c.Materials[1]; m.ThumbURL() != "/chien-dich/bdg-2025/ap-phich.png" || m.Width != 600 {
		t.Errorf("poster thumbnail: %q %d", m.ThumbURL(), m.Width)
	}
	if h := c.Hotlines[0]; h.Tel != "tel:+842003812456" {
		t.Errorf("tel: %q", h.Tel)
	}
	var news []string
	for _, n := range c.News {
		news = append(news, n.Title())
	}
	if got := strings.Join(news, ", "); got != "Sơ kết, Phát động" {
		t.Errorf("news: %s", got)
	}
	if got := c.News[1].Campaigns(); len(got) != 1 || got[0] != c {
		t.Errorf("the news item's campaigns: %v", got)
	}
	if got := c.Activities[3].UID(); got != "bdg-2025-20251202-toa-dam@example.gov.vn" {
		t.Errorf("uid: %s", got)
	}
}

func TestCampaignTableOnARegularPage(t *testing.T) {
	_, errs := campaignSite(t, at(2025, 11, 20, 10, 0), map[string]string{"content/chien-dich/bdg-2025.md": genderMonth})
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/chien-dich/bdg-2025.md:3:1: a campaign is a folder") {
		t.Errorf("errors: %q", errs)
	}
}
