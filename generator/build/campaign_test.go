package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"loa/generator/diag"
)

// campaignNow is the clock of the campaign fixture: Thursday 20/11/2025
// 10:00 in Hà Nội, while the 2025 Action Month runs.
var campaignNow = time.Date(2025, 11, 20, 3, 0, 0, 0, time.UTC)

func buildCampaigns(t *testing.T, site fs.FS) (map[string][]byte, diag.List) {
	t.Helper()
	b := New(Options{Site: site, Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return campaignNow }})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		return nil, diags
	}
	out := &memory{files: map[string][]byte{}}
	_, d := b.Render(plan, out)
	return out.files, append(diags, d...)
}

// campaignGolden are the outputs of testdata/campaign/site compared with
// testdata/campaign/golden; the rest of the site is the theme's business.
var campaignGolden = []string{
	"chien-dich/index.html",
	"chien-dich/binh-dang-gioi-2025/index.html",
	"chien-dich/binh-dang-gioi-2025/lich.ics",
	"chien-dich/binh-dang-gioi-2025/hoat-dong.json",
	"chien-dich/binh-dang-gioi-2025/lich/20251115-le-phat-dong-thang-hanh-dong.ics",
	"chien-dich/binh-dang-gioi-2024/index.html",
	"tin-tuc/phat-dong/index.html",
}

// TestCampaignGolden renders the landing page, the archive, the feeds and
// the banner of a page. Run with -update after an intended change.
func TestCampaignGolden(t *testing.T) {
	files, diags := buildCampaigns(t, os.DirFS("testdata/campaign/site"))
	if diags.HasErrors() || len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, name := range campaignGolden {
		p := filepath.Join("testdata/campaign/golden", filepath.FromSlash(name))
		got, ok := files[name]
		if !ok {
			t.Errorf("%s was not written", name)
			continue
		}
		if *update {
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs from golden (run with -update if intended):\n%s", name, firstDiff(string(want), string(got)))
		}
	}
}

// checkRFC5545Lines checks what a parser forgives: every line ends in CRLF,
// no line is longer than 75 octets, folds never split a UTF-8 sequence.
func checkRFC5545Lines(t *testing.T, name string, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s does not end with CRLF", name)
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		if bytes.ContainsAny(line, "\r\n") {
			t.Errorf("%s:%d: bare CR or LF in %q", name, i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("%s:%d: %d octets, more than 75: %q", name, i+1, len(line), line)
		}
		if !utf8.Valid(line) {
			t.Errorf("%s:%d: fold splits a UTF-8 sequence: %q", name, i+1, line)
		}
	}
}

// TestCampaignICalendarParsesBack reads the feed with an iCalendar library
// and finds every activity with its times in Asia/Ho_Chi_Minh.
func TestCampaignICalendarParsesBack(t *testing.T) {
	files, diags := buildCampaigns(t, os.DirFS("testdata/campaign/site"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	const name = "chien-dich/binh-dang-gioi-2025/lich.ics"
	checkRFC5545Lines(t, name, files[name])
	cal, err := ical.NewDecoder(bytes.NewReader(files[name])).Decode()
	if err != nil {
		t.Fatal(err)
	}
	var tzids []string
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			tzids = append(tzids, c.Props.Get(ical.PropTimezoneID).Value)
		}
	}
	if strings.Join(tzids, ",") != "Asia/Ho_Chi_Minh" {
		t.Errorf("VTIMEZONE: %v, want one Asia/Ho_Chi_Minh", tzids)
	}
	hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	type event struct{ uid, summary, start, end, location, description string }
	var got []event
	for _, e := range cal.Events() {
		var ev event
		ev.uid = e.Props.Get(ical.PropUID).Value
		ev.summary, _ = e.Props.Text(ical.PropSummary)
		ev.location, _ = e.Props.Text(ical.PropLocation)
		ev.description, _ = e.Props.Text(ical.PropDescription)
		start, err := e.DateTimeStart(hcm)
		if err != nil {
			t.Fatal(err)
		}
		ev.start = start.Format(time.RFC3339)
		if e.Props.Get(ical.PropDateTimeEnd) != nil {
			end, err := e.DateTimeEnd(hcm)
			if err != nil {
				t.Fatal(err)
			}
			ev.end = end.Format(time.RFC3339)
		}
		got = append(got, ev)
	}
	want := []event{
		{"binh-dang-gioi-2025-20251115-le-phat-dong-thang-hanh-dong@example.gov.vn", "Lễ phát động Tháng hành động",
			"2025-11-15T08:00:00+07:00", "2025-11-15T10:30:00+07:00", "Hội trường UBND tỉnh, số 1 đường Lê Lợi",
			"Diễu hành, treo băng rôn; ký cam kết \"nói không với bạo lực\".\nĐơn vị tổ chức: Sở Y tế; Ban Vì sự tiến bộ của Phụ nữ tỉnh\nChiến dịch: Chung tay xóa bỏ bạo lực trên cơ sở giới; vì một xã hội an toàn, bình đẳng"},
		{"binh-dang-gioi-2025-20251125-ngay-hoi-truyen-thong-o-truong-hoc@example.gov.vn", "Ngày hội truyền thông ở trường học",
			"2025-11-25T00:00:00+07:00", "2025-11-26T00:00:00+07:00", "Trường THPT Chuyên Hà Lâm",
			"Chiến dịch: Chung tay xóa bỏ bạo lực trên cơ sở giới; vì một xã hội an toàn, bình đẳng"},
	}
	if len(got) != 4 {
		t.Fatalf("%d events, want 4: %+v", len(got), got)
	}
	for i, w := range want {
		if g := got[i]; g != w { // a whole day comes before the times of that day
			t.Errorf("event %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if !strings.HasPrefix(got[2].summary, "Tập huấn kỹ năng") || got[2].end != "2025-11-26T17:00:00+07:00" {
		t.Errorf("the long training event came back as %+v", got[2])
	}
	for name, data := range files {
		if strings.HasSuffix(name, ".ics") {
			checkRFC5545Lines(t, name, data)
			if _, err := ical.NewDecoder(bytes.NewReader(data)).Decode(); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

// TestCampaignErrors: each mistake of an editor is reported at its line,
// as an error (the build stops, loa exits with 1) or a warning (it goes on).
func TestCampaignErrors(t *testing.T) {
	const head = "+++\ntitle = \"Chiến dịch\"\n\n[campaign]\ntheme = \"Chủ đề\"\nstart = 2025-11-15\n"
	tests := []struct {
		name    string
		index   string // content/chien-dich/a/_index.md
		extra   map[string]string
		warning bool
		want    string
	}{
		{"end before start", head + "end = 2025-11-14\n+++\n", nil, false,
			"content/chien-dich/a/_index.md:7:1: the campaign ends on 14/11/2025, before it starts on 15/11/2025"},
		{"missing material file", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Áp phích\"\nkind = \"poster\"\nfile = \"ap-phich.pdf\"\n+++\n", nil, false,
			"content/chien-dich/a/_index.md:12:1: file \"ap-phich.pdf\" of material \"Áp phích\" not found in content/chien-dich/a/"},
		{"hotline not a phone number", head + "end = 2025-12-15\n\n[[campaign.hotlines]]\nname = \"A\"\nnumber = \"111\"\n\n[[campaign.hotlines]]\nname = \"Công an\"\nnumber = \"gọi 113\"\n+++\n", nil, false,
			"content/chien-dich/a/_index.md:15:1: hotline number \"gọi 113\" is not a phone number"},
		{"hotline too short", head + "end = 2025-12-15\n[[campaign.hotlines]]\nnumber = \"11\"\n+++\n", nil, false,
			"content/chien-dich/a/_index.md:9:1: hotline number \"11\" is not a phone number"},
		{"unknown material kind", head + "end = 2025-12-15\n[[campaign.materials]]\ntitle = \"B\"\nfile = \"b.png\"\n  kind = \"sticker\"\n+++\n",
			map[string]string{"content/chien-dich/a/b.png": "x"}, false,
			"content/chien-dich/a/_index.md:11:3: material \"B\": unknown kind \"sticker\""},
		{"unknown campaign of a news item", head + "end = 2025-12-15\n+++\n",
			map[string]string{"content/tin-tuc/b.md": "+++\ntitle = \"Tin\"\ndate = 2025-11-16\ncampaigns = [\"khong-co\"]\n+++\n"}, false,
			"content/tin-tuc/b.md:4:1: unknown campaign \"khong-co\""},
		{"activity outside the period", head + "end = 2025-12-15\n\n[[campaign.activities]]\ntitle = \"Sớm\"\nstart = 2025-11-15\n\n[[campaign.activities]]\ntitle = \"Muộn\"\nstart = 2025-12-16T08:00:00\n+++\n", nil, true,
			"content/chien-dich/a/_index.md:15:1: warning: activity \"Muộn\" on 16/12/2025 is outside the campaign, from 15/11/2025 to 15/12/2025"},
		{"activity page outside the period", head + "end = 2025-12-15\n+++\n",
			map[string]string{"content/chien-dich/a/hop.md": "+++\ntitle = \"Họp\"\ndate = 2025-11-01\nstart = \"01/11/2025 08:00\"\n+++\n"}, true,
			"content/chien-dich/a/hop.md:4:1: warning: activity \"Họp\" on 01/11/2025 is outside the campaign"},
		{"bad activity date", head + "end = 2025-12-15\n[[campaign.activities]]\ntitle = \"X\"\nstart = \"32/11/2025\"\n+++\n", nil, false,
			"content/chien-dich/a/_index.md:10:1: start: \"32/11/2025\" is not a date"},
		{"no end", head + "+++\n", nil, false,
			"content/chien-dich/a/_index.md:4:1: the campaign has no end date"},
		{"missing captions file", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Spot\"\nfile = \"spot.mp4\"\nkind = \"video\"\ncaptions = \"spot.vi.vtt\"\n+++\n",
			map[string]string{"content/chien-dich/a/spot.mp4": "x", "content/chien-dich/a/spot.jpg": "x"}, false,
			"content/chien-dich/a/_index.md:13:1: captions \"spot.vi.vtt\" of material \"Spot\" not found in content/chien-dich/a/"},
		{"captions not WebVTT", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Spot\"\nfile = \"spot.webm\"\nkind = \"video\"\n  captions = \"spot.srt\"\n+++\n",
			map[string]string{"content/chien-dich/a/spot.webm": "x", "content/chien-dich/a/spot.srt": "1"}, false,
			"content/chien-dich/a/_index.md:13:3: material \"Spot\": captions \"spot.srt\" are not a WebVTT file"},
		{"missing poster file", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Spot\"\nfile = \"spot.webm\"\nkind = \"video\"\nposter = \"anh.jpg\"\n+++\n",
			map[string]string{"content/chien-dich/a/spot.webm": "x"}, false,
			"content/chien-dich/a/_index.md:13:1: poster \"anh.jpg\" of material \"Spot\" not found in content/chien-dich/a/"},
		{"video without poster", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Spot\"\nfile = \"spot.webm\"\nkind = \"video\"\n+++\n",
			map[string]string{"content/chien-dich/a/spot.webm": "x"}, true,
			"content/chien-dich/a/_index.md:11:1: warning: material \"Spot\": the video has no poster"},
		{"video browsers do not play", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Spot\"\nfile = \"spot.avi\"\nkind = \"video\"\n+++\n",
			map[string]string{"content/chien-dich/a/spot.avi": "x"}, true,
			"content/chien-dich/a/_index.md:11:1: warning: material \"Spot\": browsers do not play AVI files"},
		{"url not a video", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Phóng sự\"\nurl = \"https://example.com/video\"\nkind = \"video\"\n+++\n", nil, false,
			"content/chien-dich/a/_index.md:11:1: material \"Phóng sự\": \"https://example.com/video\" is not a YouTube or Vimeo video"},
		{"captions of a YouTube video", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Phóng sự\"\nurl = \"https://vimeo.com/123456\"\nkind = \"video\"\ncaptions = \"a.vtt\"\n+++\n", nil, false,
			"content/chien-dich/a/_index.md:13:1: material \"Phóng sự\": captions are for a video file of the folder"},
		{"url of a poster", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Áp phích\"\nurl = \"https://www.youtube.com/watch?v=abcdefghijk\"\nkind = \"poster\"\n+++\n", nil, false,
			"content/chien-dich/a/_index.md:11:1: material \"Áp phích\": url is for videos only"},
		{"a file where the zip goes", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Tờ rơi\"\nfile = \"to-roi.pdf\"\nkind = \"leaflet\"\n+++\n",
			map[string]string{"content/chien-dich/a/to-roi.pdf": "%PDF", "content/chien-dich/a/tai-lieu-a.zip": "PK"}, false,
			"content/chien-dich/a/_index.md:4:1: /chien-dich/a/tai-lieu-a.zip is the address of a file of the campaign (its calendars, its activities or the zip of its materials), and of content/chien-dich/a/tai-lieu-a.zip"},
		{"file and url", head + "end = 2025-12-15\n\n[[campaign.materials]]\ntitle = \"Spot\"\nfile = \"spot.webm\"\nurl = \"https://vimeo.com/123456\"\nkind = \"video\"\n+++\n",
			map[string]string{"content/chien-dich/a/spot.webm": "x"}, false,
			"content/chien-dich/a/_index.md:12:1: material \"Spot\" has both a file and a url"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"config.toml":                    {Data: []byte("title = \"T\"\nbaseURL = \"https://example.gov.vn/\"\n")},
				"layouts/_default/baseof.html":   {Data: []byte(`{{ partial "campaign-status.html" . }}{{ block "main" . }}{{ end }}`)},
				"layouts/_default/single.html":   {Data: []byte(`{{ define "main" }}{{ .Title }}{{ end }}`)},
				"layouts/_default/list.html":     {Data: []byte(`{{ define "main" }}{{ .Title }}{{ end }}`)},
				"layouts/index.html":             {Data: []byte(`{{ define "main" }}{{ .Title }}{{ end }}`)},
				"content/chien-dich/a/_index.md": {Data: []byte(tc.index)},
			}
			for k, v := range tc.extra {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			_, diags := buildCampaigns(t, fsys)
			var lines []string
			found := false
			for _, d := range diags {
				lines = append(lines, d.String())
				if strings.HasPrefix(d.String(), tc.want) {
					found = true
					if d.Hint == "" {
						t.Errorf("no hint: %s", d)
					}
				}
			}
			if !found {
				t.Errorf("diagnostics lack %q:\n%s", tc.want, strings.Join(lines, "\n"))
			}
			// The command line exits with 1 exactly when there are errors.
			if diags.HasErrors() == tc.warning {
				t.Errorf("errors: %v, want %v:\n%s", diags.HasErrors(), !tc.warning, strings.Join(lines, "\n"))
			}
		})
	}
}

// TestExampleCampaigns: the sample campaigns of the example site are valid
// and show the model is not tied to one campaign.
func TestExampleCampaigns(t *testing.T) {
	now := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
	b := New(Options{Site: os.DirFS("../.."), Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return now }})
	plan, diags := b.Assemble()
	for _, d := range diags {
		if strings.HasPrefix(d.Pos.File, "content/chien-dich/") {
			t.Error(d)
		}
	}
	if plan == nil {
		t.Fatal(diags)
	}
	var slugs []string
	for _, c := range plan.Site.Campaigns {
		slugs = append(slugs, c.Slug)
		if c.Slug == "thang-hanh-dong-binh-dang-gioi-2025" && (len(c.Activities) < 6 || len(c.Materials) < 5 || len(c.Hotlines) < 2) {
			t.Errorf("the 2025 campaign has %d activities, %d materials, %d hotlines", len(c.Activities), len(c.Materials), len(c.Hotlines))
		}
		if c.Slug == "thang-hanh-dong-binh-dang-gioi-2025" {
			// The video spot plays with its captions; the results are listed.
			v := c.Materials[0].Video
			if v == nil || !v.IsFile() || v.Captions == "" || v.Poster == nil || len(c.Results) == 0 || c.Zip == nil {
				t.Errorf("the 2025 campaign lacks its captioned video, its results or its zip: %+v", v)
			}
		}
	}
	// The 2026 Action Month runs on the day this test was written: a fresh
	// checkout built that day shows a running campaign.
	if got := plan.Site.Banner(); got == nil || got.Slug != "thang-hanh-dong-binh-dang-gioi-2026" || got.Status() != "running" {
		t.Errorf("as of 29/11/2026 the banner shows %v, want the running 2026 Action Month", got)
	}
	want := "thang-hanh-dong-binh-dang-gioi-2026 thang-hanh-dong-vi-tre-em-2026 thang-hanh-dong-binh-dang-gioi-2025 thang-hanh-dong-binh-dang-gioi-2024"
	if got := strings.Join(slugs, " "); got != want {
		t.Errorf("campaigns %s, want %s", got, want)
	}
}
