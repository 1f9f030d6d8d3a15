package page

import (
	"strings"
	"testing"
)

const campaignSrc = `+++
title = "Tháng hành động vì bình đẳng giới 2025"

[campaign]
theme = "Chung tay xóa bỏ bạo lực trên cơ sở giới"
start = 2025-11-15
end = "15/12/2025"
messages = ["Bình đẳng giới là quyền của mọi người"]

[[campaign.hotlines]]
name = "Tổng đài quốc gia bảo vệ trẻ em"
number = "111"
hours = "24/7"

[[campaign.activities]]
title = "Lễ phát động"
start = 2025-11-15T08:00:00
end = 2025-11-15T10:30:00
place = "Hội trường tỉnh"

[[campaign.activities]]  # the second
title = "Ngày hội"
  start = 2025-11-25

[[campaign.materials]]
title = "Áp phích"
file = "ap-phich.png"
kind = "poster"
+++
Nội dung.
`

func TestCampaignTable(t *testing.T) {
	pg, diags := testParser(t, false).Parse("content/chien-dich/bdg-2025/_index.md", []byte(campaignSrc))
	if pg == nil || len(diags) > 0 {
		t.Fatal(diags)
	}
	c := pg.Campaign
	if c == nil {
		t.Fatal("no campaign")
	}
	if c.Theme != "Chung tay xóa bỏ bạo lực trên cơ sở giới" || c.Start.Format("2006-01-02 -0700") != "2025-11-15 +0700" ||
		c.End.Format("2006-01-02") != "2025-12-15" || len(c.Messages) != 1 {
		t.Errorf("campaign: %+v", c)
	}
	pos := map[string]string{
		"[campaign]":        c.Pos.String(),
		"start":             c.StartPos.String(),
		"end":               c.EndPos.String(),
		"hotline number":    c.Hotlines[0].Pos.String(),
		"first activity":    c.Activities[0].Pos.String(),
		"second activity":   c.Activities[1].Pos.String(),
		"the material file": c.Materials[0].Pos.String(),
	}
	want := map[string]string{
		"[campaign]":        "content/chien-dich/bdg-2025/_index.md:4:1",
		"start":             "content/chien-dich/bdg-2025/_index.md:6:1",
		"end":               "content/chien-dich/bdg-2025/_index.md:7:1",
		"hotline number":    "content/chien-dich/bdg-2025/_index.md:12:1",
		"first activity":    "content/chien-dich/bdg-2025/_index.md:17:1",
		"second activity":   "content/chien-dich/bdg-2025/_index.md:23:3",
		"the material file": "content/chien-dich/bdg-2025/_index.md:27:1",
	}
	for k, w := range want {
		if pos[k] != w {
			t.Errorf("%s at %s, want %s", k, pos[k], w)
		}
	}
	if a := c.Activities[0]; a.AllDay || a.Place != "Hội trường tỉnh" || a.End.Sub(a.Start).Minutes() != 150 {
		t.Errorf("first activity: %+v", a)
	}
	if !c.Activities[1].AllDay {
		t.Error("a date without a time is not a whole-day activity")
	}
}

func TestCampaignTableMistakes(t *testing.T) {
	tests := []struct {
		name, table, want string
	}{
		{"unknown setting", "theme = \"A\"\nstart = 2025-11-15\nend = 2025-12-15\nslogan = \"B\"\n", ":6:1: unknown campaign setting \"slogan\""},
		{"no theme", "start = 2025-11-15\nend = 2025-12-15\n", ":2:1: the campaign has no theme"},
		{"not a date", "theme = \"A\"\nstart = \"15-11-2025\"\nend = 2025-12-15\n", ":4:1: start: \"15-11-2025\" is not a date"},
		{"unknown material kind", "theme = \"A\"\nstart = 2025-11-15\nend = 2025-12-15\n[[campaign.materials]]\ntitle = \"B\"\nfile = \"b.pdf\"\nkind = \"brochure\"\n", ":9:1: material \"B\": unknown kind \"brochure\""},
		{"unknown activity setting", "theme = \"A\"\nstart = 2025-11-15\nend = 2025-12-15\n[[campaign.activities]]\ntitle = \"B\"\nstart = 2025-11-16\n[[campaign.activities]]\ntitle = \"C\"\nstart = 2025-11-17\nvenue = \"X\"\n", ":12:1: unknown setting \"venue\" in campaign activities"},
		{"hotline without number", "theme = \"A\"\nstart = 2025-11-15\nend = 2025-12-15\n[[campaign.hotlines]]\nname = \"Công an\"\n", ":6:1: hotline \"Công an\" has no number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "+++\n[campaign]\n" + tc.table + "+++\n"
			_, diags := testParser(t, false).Parse("content/chien-dich/a/_index.md", []byte(src))
			var got []string
			found := false
			for _, d := range diags {
				got = append(got, d.String())
				found = found || strings.HasPrefix(d.String(), "content/chien-dich/a/_index.md"+tc.want)
			}
			if !found || !diags.HasErrors() {
				t.Errorf("want error %q, got:\n%s", tc.want, strings.Join(got, "\n"))
			}
		})
	}
}

func TestActivityPage(t *testing.T) {
	src := "+++\ntitle = \"Tọa đàm\"\ndescription = \"Trực tuyến.\"\nstart = \"02/12/2025 19:30\"\nend = \"02/12/2025 21:00\"\nplace = \"Trực tuyến\"\norganizer = 3\n+++\n"
	p := testParser(t, false)
	pg, diags := p.Parse("content/chien-dich/a/toa-dam.md", []byte(src))
	if pg == nil {
		t.Fatal(diags)
	}
	a, ok, diags := ActivityOf(pg, p.cfg.Location)
	if !ok || a.Title != "Tọa đàm" || a.Place != "Trực tuyến" || a.Start.Hour() != 19 || a.AllDay {
		t.Errorf("activity: %+v", a)
	}
	if len(diags) != 1 || diags[0].Pos.Line != 7 || !strings.Contains(diags[0].Message, "organizer must be text") {
		t.Errorf("diagnostics: %v", diags)
	}
	if _, ok, _ := ActivityOf(&Page{Params: map[string]any{}}, nil); ok {
		t.Error("a page without start is an activity")
	}
}

func TestCampaignTableInYAML(t *testing.T) {
	src := "---\ntitle: A\ncampaign:\n  theme: B\n  start: 2025-11-15\n  end: 2025-12-15\n  activities:\n    - title: C\n      start: 2025-11-16 08:00\n---\n"
	pg, diags := testParser(t, false).Parse("content/chien-dich/a/_index.md", []byte(src))
	if pg == nil || len(diags) > 0 {
		t.Fatal(diags)
	}
	c := pg.Campaign
	if got := c.Start.Format("2006-01-02 15:04 -0700"); got != "2025-11-15 00:00 +0700" {
		t.Errorf("start %s", got)
	}
	if a := c.Activities[0]; a.Start.Format("02/01 15:04") != "16/11 08:00" || a.AllDay {
		t.Errorf("activity %+v", a)
	}
	if c.EndPos.String() != "content/chien-dich/a/_index.md:3:1" {
		t.Errorf("without positions in YAML, the end is reported at campaign:, not %s", c.EndPos)
	}
}

// TestVideoMaterialAddresses: the addresses of YouTube and Vimeo videos a
// material's url may name, and some that are not videos.
func TestVideoMaterialAddresses(t *testing.T) {
	tests := []struct {
		url, provider, id string
		start             int
		watch             string
	}{
		{"https://www.youtube.com/watch?v=Xy7LoaTest1", "youtube", "Xy7LoaTest1", 0, "https://www.youtube.com/watch?v=Xy7LoaTest1"},
		{"https://youtu.be/Xy7LoaTest1?t=1m30s", "youtube", "Xy7LoaTest1", 90, "https://www.youtube.com/watch?v=Xy7LoaTest1&t=90s"},
		{"https://m.youtube.com/shorts/Xy7LoaTest1", "youtube", "Xy7LoaTest1", 0, "https://www.youtube.com/watch?v=Xy7LoaTest1"},
		{"https://www.youtube-nocookie.com/embed/Xy7LoaTest1?start=15", "youtube", "Xy7LoaTest1", 15, "https://www.youtube.com/watch?v=Xy7LoaTest1&t=15s"},
		{"https://vimeo.com/76979871#t=30s", "vimeo", "76979871", 30, "https://vimeo.com/76979871#t=30s"},
		{"https://player.vimeo.com/video/76979871", "vimeo", "76979871", 0, "https://vimeo.com/76979871"},
		{"https://www.youtube.com/channel/UCabc", "", "", 0, ""},
		{"https://www.facebook.com/watch/?v=123", "", "", 0, ""},
		{"javascript:alert(1)", "", "", 0, ""},
		{"https://vimeo.com/tin-tuc", "", "", 0, ""},
	}
	for _, tc := range tests {
		v, ok := VideoAt(tc.url)
		if ok != (tc.provider != "") || v.Provider != tc.provider || v.ID != tc.id || v.Start != tc.start || (ok && v.Watch() != tc.watch) {
			t.Errorf("VideoAt(%q) = %+v, %v (watch %q)", tc.url, v, ok, v.Watch())
		}
	}
}

// TestVideoMaterialKeys: a video material names its poster and captions,
// each with its position for the site's checks.
func TestVideoMaterialKeys(t *testing.T) {
	src := strings.Replace(campaignSrc, "+++\nNội dung.", `
[[campaign.materials]]
title = "Spot"
file = "spot.mp4"
kind = "video"
poster = "spot.jpg"
  captions = "spot.vtt"

[[campaign.materials]]
title = "Phóng sự"
url = "https://vimeo.com/76979871"
kind = "video"
+++
Nội dung.`, 1)
	pg, diags := testParser(t, false).Parse("content/chien-dich/bdg-2025/_index.md", []byte(src))
	if pg == nil || len(diags) > 0 {
		t.Fatal(diags)
	}
	m := pg.Campaign.Materials
	if len(m) != 3 || m[1].Poster != "spot.jpg" || m[1].Captions != "spot.vtt" || m[1].CaptionsPos.String() != "content/chien-dich/bdg-2025/_index.md:35:3" {
		t.Errorf("video material: %+v", m[1])
	}
	if m[2].Online.Provider != "vimeo" || m[2].Pos.String() != "content/chien-dich/bdg-2025/_index.md:39:1" {
		t.Errorf("online video: %+v at %s", m[2].Online, m[2].Pos)
	}
}
