package build

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"loa/generator/photo"
	"loa/generator/vi"
)

// buildAt builds site as of at (loa build --now at), with a clock far from
// it: nothing may read the clock.
func buildAt(t *testing.T, site fs.FS, at string) map[string][]byte {
	t.Helper()
	b := New(Options{Site: site, Theme: os.DirFS("../../themes/default"), At: at,
		Now: func() time.Time { return time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) }})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if !plan.Site.NowFixed {
		t.Fatal("the site does not know its day was chosen")
	}
	out := &memory{files: map[string][]byte{}}
	if _, d := b.Render(plan, out); d.HasErrors() {
		t.Fatal(d)
	}
	return out.files
}

// nowCases are the days of the Action Month fixture (15/11 to 15/12/2025)
// that --now shows: the banner from 14 days before, the campaign running,
// its last minute, and after it with its results.
var nowCases = []struct {
	name, at string
	// published and not are news items by their output folder.
	published, not []string
	banner         string // the banner's status and days, or "" for none shown
}{
	{"truoc", "2025-11-05", []string{"tin-tuc/phat-dong-cu"}, []string{"tin-tuc/phat-dong", "tin-tuc/ket-qua-2025"},
		"Sắp diễn ra bắt đầu sau 10 ngày"},
	{"dang-dien-ra", "2025-11-20T10:00", []string{"tin-tuc/phat-dong", "tin-tuc/lich-truc"}, []string{"tin-tuc/ket-qua-2025"},
		"Đang diễn ra còn 26 ngày"},
	{"phut-cuoi", "2025-12-15T23:59", []string{"tin-tuc/phat-dong", "tin-tuc/lich-truc"}, []string{"tin-tuc/ket-qua-2025"},
		"Đang diễn ra còn 1 ngày"},
	{"sau", "2025-12-20", []string{"tin-tuc/phat-dong", "tin-tuc/ket-qua-2025"}, []string{"tin-tuc/lich-truc"}, ""},
}

// nowGolden are the outputs compared for each day: the home with its
// banner, the landing page, the archive.
var nowGolden = []string{"index.html", "chien-dich/index.html", "chien-dich/binh-dang-gioi-2025/index.html"}

// TestCampaignNowGolden builds the campaign fixture as of four days with
// --now and compares the pages with testdata/campaign/golden-now/DAY/. Run
// with -update after an intended change.
func TestCampaignNowGolden(t *testing.T) {
	site := withOldNews(t)
	for _, tc := range nowCases {
		t.Run(tc.name, func(t *testing.T) {
			files := buildAt(t, site, tc.at)
			for _, p := range tc.published {
				if _, ok := files[p+"/index.html"]; !ok {
					t.Errorf("%s is not published as of %s", p, tc.at)
				}
			}
			for _, p := range tc.not {
				if _, ok := files[p+"/index.html"]; ok {
					t.Errorf("%s is published as of %s", p, tc.at)
				}
			}
			if got := bannerText(files["index.html"]); got != tc.banner {
				t.Errorf("banner as of %s: %q, want %q", tc.at, got, tc.banner)
			}
			if !strings.Contains(string(files["index.html"]), `data-now="`) {
				t.Error("the campaign script is not told the day of --now")
			}
			for _, name := range nowGolden {
				p := filepath.Join("testdata/campaign/golden-now", tc.name, filepath.FromSlash(name))
				got := files[name]
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
					t.Errorf("%s differs from golden (run with -update if intended):\n%s", p, firstDiff(string(want), string(got)))
				}
			}
		})
	}
	// After the end, the landing page lists the results, the archive links
	// to them.
	after := buildAt(t, site, "2025-12-20")
	landing := string(after["chien-dich/binh-dang-gioi-2025/index.html"])
	if !strings.Contains(landing, "Kết quả chiến dịch") || !strings.Contains(landing, `href="/tin-tuc/ket-qua-2025/"`) {
		t.Error("a finished campaign does not list its results")
	}
	if !strings.Contains(string(after["chien-dich/index.html"]), `href="/chien-dich/binh-dang-gioi-2025/#ket-qua"`) {
		t.Error("the archive does not link to the results")
	}
}

// withOldNews is the campaign fixture with one more news item, published
// long before the campaign, so that the site has news on every day.
func withOldNews(t *testing.T) fs.FS {
	dir := copyDir(t, "testdata/campaign/site")
	err := os.WriteFile(filepath.Join(dir, "content/tin-tuc/phat-dong-cu.md"),
		[]byte("+++\ntitle = \"Kế hoạch Tháng hành động 2025\"\ndate = 2025-10-20T08:00:00+07:00\n+++\nKế hoạch.\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return os.DirFS(dir)
}

var (
	bannerRe = regexp.MustCompile(`(?s)<aside class="campaign-banner"[^>]*>.*?</aside>`)
	statusRe = regexp.MustCompile(`data-campaign-status>([^<]*)<`)
	daysRe   = regexp.MustCompile(`data-campaign-days>([^<]*)<`)
)

// bannerText is the status and days left of the first banner shown on a
// page, or "".
func bannerText(page []byte) string {
	for _, m := range bannerRe.FindAll(page, -1) {
		if bytes.Contains(m[:bytes.IndexByte(m, '>')], []byte(" hidden")) {
			continue
		}
		return string(statusRe.FindSubmatch(m)[1]) + " " + string(daysRe.FindSubmatch(m)[1])
	}
	return ""
}

// TestNowForms: the forms --now accepts, in the site's zone, and a wrong
// one.
func TestNowForms(t *testing.T) {
	hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	for in, want := range map[string]string{
		"2025-11-20":            "2025-11-20T00:00:00+07:00",
		"2025-11-20T08:00":      "2025-11-20T08:00:00+07:00",
		" 2025-12-15T23:59:30 ": "2025-12-15T23:59:30+07:00",
		"20/11/2025":            "2025-11-20T00:00:00+07:00",
		"20/11/2025 08:00":      "2025-11-20T08:00:00+07:00",
	} {
		got, err := ParseNow(in, hcm)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("ParseNow(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "hôm nay", "2025-13-01", "31/11/2025", "2025-11-20T25:00", "20-11-2025"} {
		if _, err := ParseNow(bad, hcm); err == nil || !strings.Contains(err.Error(), "2025-11-20T08:00") {
			t.Errorf("ParseNow(%q): %v, want an error naming the forms", bad, err)
		}
	}
}

// TestCampaignZip: the zip of a campaign's materials holds every file (the
// pictures cleaned of their metadata, the captions of the video) under a
// folder named after the campaign, is the same bytes in two builds, and
// its size is the one the page shows.
func TestCampaignZip(t *testing.T) {
	const out = "chien-dich/binh-dang-gioi-2025/tai-lieu-binh-dang-gioi-2025.zip"
	a := buildAt(t, os.DirFS("testdata/campaign/site"), "2025-11-20")
	b := buildAt(t, os.DirFS("testdata/campaign/site"), "2025-11-20")
	if !bytes.Equal(a[out], b[out]) || len(a[out]) == 0 {
		t.Fatalf("two builds gave zips of %d and %d bytes, not the same", len(a[out]), len(b[out]))
	}
	zr, err := zip.NewReader(bytes.NewReader(a[out]), int64(len(a[out])))
	if err != nil {
		t.Fatal(err)
	}
	dir := "testdata/campaign/site/content/chien-dich/binh-dang-gioi-2025/"
	want := []string{"ap-phich.png", "spot.vtt", "spot.webm", "to-roi.pdf"}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Method != zip.Store || len(f.Extra) != 0 || f.Modified.Format("2006-01-02 15:04") != "2025-11-15 00:00" {
			t.Errorf("%s: method %d, extra %x, time %v", f.Name, f.Method, f.Extra, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		src, err := os.ReadFile(dir + strings.TrimPrefix(f.Name, "binh-dang-gioi-2025/"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f.Name, ".png") {
			if src, err = photo.Clean(src, false); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(got, src) {
			t.Errorf("%s in the zip differs from the material", f.Name)
		}
	}
	if got := strings.Join(names, " "); got != "binh-dang-gioi-2025/"+strings.Join(want, " binh-dang-gioi-2025/") {
		t.Errorf("zip holds %s", got)
	}
	landing := string(a["chien-dich/binh-dang-gioi-2025/index.html"])
	text := "Tải toàn bộ tài liệu · <span class=\"nowrap\">ZIP · " + vi.ByteSize(int64(len(a[out]))) + "</span>"
	if !strings.Contains(landing, text) || !strings.Contains(landing, `href="/`+out+`"`) {
		t.Errorf("the landing page lacks %q with the zip's address", text)
	}
}

// TestCampaignZipOnlyWhenChanged: a preview rebuild makes the zip again
// only when a material changed, and then holds the new file.
func TestCampaignZipOnlyWhenChanged(t *testing.T) {
	const out = "chien-dich/binh-dang-gioi-2025/tai-lieu-binh-dang-gioi-2025.zip"
	dir := copyDir(t, "testdata/campaign/site")
	b := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), At: "2025-11-20"})
	var prev map[string][]byte
	render := func() map[string][]byte {
		t.Helper()
		plan, d := b.Assemble()
		if d.HasErrors() {
			t.Fatal(d)
		}
		c := &carry{memory: memory{files: map[string][]byte{}}, prev: prev}
		if _, d := b.Render(plan, c); d.HasErrors() {
			t.Fatal(d)
		}
		prev = c.files
		return c.files
	}
	first := render()
	touch := filepath.Join(dir, "content/tin-tuc/phat-dong.md")
	os.WriteFile(touch, []byte("+++\ntitle = \"Phát động\"\ndate = 2025-11-15T11:00:00+07:00\ncampaigns = [\"binh-dang-gioi-2025\"]\n+++\nSửa bài.\n"), 0o644)
	second := render()
	if b.zips.made != 1 || !bytes.Equal(first[out], second[out]) {
		t.Fatalf("after a news edit: %d zips made, want 1", b.zips.made)
	}
	pdf := filepath.Join(dir, "content/chien-dich/binh-dang-gioi-2025/to-roi.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4 tờ rơi mới, bản in lần hai"), 0o644)
	later := time.Now().Add(time.Minute)
	os.Chtimes(pdf, later, later)
	third := render()
	if b.zips.made != 2 || !bytes.Contains(third[out], []byte("bản in lần hai")) {
		t.Fatalf("after a material changed: %d zips made, want 2, holding the new file", b.zips.made)
	}
}
