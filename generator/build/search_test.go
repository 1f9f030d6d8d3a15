package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// searchSite is a small site for search: pages written so that each rule
// of ranking decides one pair of them, a draft, a campaign, and a title
// holding a script. The numbers in the names are the expected order of the
// query in the test that uses them.
func searchSite() fstest.MapFS {
	page := func(title, date, body string, extra ...string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = " + tomlString(title) + "\ndate = " + date + "\n" + strings.Join(extra, "\n") + "\n+++\n" + body + "\n")}
	}
	return fstest.MapFS{
		"config.toml": {Data: []byte("baseURL = \"https://thu.gov.vn/\"\ntitle = \"Thử tìm kiếm\"\ntimeZone = \"Asia/Ho_Chi_Minh\"\n" +
			"[security.csp]\n# Let inline scripts run, so that only escaping keeps the payload inert.\nscriptSrc = [\"'unsafe-inline'\"]\n")},
		"content/_index.md": {Data: []byte("+++\ntitle = \"Trang chủ\"\n+++\n")},
		"content/tin-tuc/duong-day-nong.md": page("Đường dây nóng 111 bảo vệ trẻ em", "2023-02-17T09:00:00+07:00",
			"Gọi đường dây nóng 111 miễn phí, mọi lúc.", `description = "Số điện thoại miễn phí cho trẻ em."`, `tags = ["Trẻ em"]`),
		"content/tin-tuc/day-hoc.md": page("Dạy học trên sóng truyền hình", "2024-05-01T09:00:00+07:00",
			"Những đường dây điện ở vùng nông thôn được kéo đến trường. Nóng lòng chờ ngày khai giảng."),
		"content/tin-tuc/binh-dang-tieu-de.md": page("Bình đẳng giới trong gia đình", "2020-01-01T09:00:00+07:00", "Nội dung hội nghị."),
		"content/tin-tuc/binh-dang-cum.md":     page("Hội nghị tổng kết", "2021-01-01T09:00:00+07:00", "Thúc đẩy bình đẳng giới ở cơ sở."),
		"content/tin-tuc/binh-dang-roi.md":     page("Hội nghị sơ kết", "2022-01-01T09:00:00+07:00", "Giới trẻ bình luận về sự đẳng cấp của đội bóng."),
		"content/tin-tuc/tiem-cu.md":           page("Tiêm chủng mở rộng đợt một", "2019-03-01T09:00:00+07:00", "Lịch tiêm tại trạm y tế."),
		"content/tin-tuc/tiem-moi.md":          page("Tiêm chủng mở rộng đợt hai", "2019-04-01T09:00:00+07:00", "Lịch tiêm tại trạm y tế."),
		"content/tin-tuc/nhap.md":              page("Bản nháp về đường dây nóng", "2023-03-01T09:00:00+07:00", "Chưa đăng.", "draft = true"),
		"content/tin-tuc/hen-gio.md":           page("Đường dây nóng sắp có", "2099-03-01T09:00:00+07:00", "Chưa đến giờ đăng."),
		"content/tin-tuc/doc-hai.md": page(`<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> Đường dây nóng giả`, "2018-01-01T09:00:00+07:00",
			`Văn bản <b onmouseover="window.__pwned=1">độc hại</b>.`),
		"content/tin-tuc/tuyen-dung-giao-vien.md":   page("Tuyển dụng giáo viên", "2023-06-01T09:00:00+07:00", "Hồ sơ nộp tại phòng giáo dục."),
		"content/thong-bao/tuyen-dung-vien-chuc.md": page("Thông báo tuyển dụng viên chức", "2024-06-01T09:00:00+07:00", "Hồ sơ nộp tại sở."),
	}
}

type searchManifest struct {
	Docs     int      `json:"n"`
	PerShard int      `json:"per"`
	Terms    []string `json:"t"`
	Sections []string `json:"sections"`
	Years    [][2]int `json:"years"`
}

// TestSearchIndexHoldsPublishedPagesOnly: regular pages are indexed;
// drafts, future pages, lists and terms are not.
func TestSearchIndexHoldsPublishedPagesOnly(t *testing.T) {
	files, diags := buildFS(t, searchSite(), true)
	if diags.HasErrors() {
		t.Fatal(text(diags))
	}
	if _, ok := files["tim-kiem/index.html"]; !ok {
		t.Fatal("no search page tim-kiem/index.html")
	}
	var m searchManifest
	if err := json.Unmarshal(files["tim-kiem/chi-muc/manifest.json"], &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.Docs != 10 {
		t.Errorf("manifest counts %d documents, want the 10 published pages", m.Docs)
	}
	var urls []string
	for name, data := range files {
		if !strings.HasPrefix(name, "tim-kiem/chi-muc/d/") {
			continue
		}
		var rows [][]any
		if err := json.Unmarshal(data, &rows); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range rows {
			urls = append(urls, r[1].(string))
		}
	}
	all := strings.Join(urls, " ")
	for _, bad := range []string{"nhap", "hen-gio", "/tags/", "/tin-tuc/ ", "tim-kiem"} {
		if strings.Contains(all+" ", bad) {
			t.Errorf("index lists %q: %s", bad, all)
		}
	}
	if !strings.Contains(all, "/tin-tuc/duong-day-nong/") {
		t.Errorf("index misses the hotline page: %s", all)
	}
	// [year, first document], in the documents' order: oldest first.
	if want := [][2]int{{2018, 0}, {2019, 1}, {2020, 3}, {2021, 4}, {2022, 5}, {2023, 6}, {2024, 8}}; !slices.Equal(m.Years, want) {
		t.Errorf("years %v, want %v", m.Years, want)
	}
}

func TestPlainText(t *testing.T) {
	got := strings.Join(strings.Fields(string(appendPlainText([]byte("đầu "), `<p>Bình&nbsp;đẳng</p><p>giới</p><script>var x = "<p>không</p>";</script><style>p{}</style>nay`))), " ")
	if want := "đầu Bình đẳng giới nay"; got != want {
		t.Errorf("appendPlainText = %q, want %q", got, want)
	}
}

// searchKeys reports whether an output is a file of the search index that
// holds syllables and numbers rather than text as written.
func searchKeys(name string) bool {
	rest, ok := strings.CutPrefix(name, searchIndex)
	return ok && !strings.HasPrefix(rest, "d/")
}

// TestSearchIndexFollowsBodyEdits: the preview's fast path renders the
// edited page alone and leaves the index for FinishSearch, which the
// preview calls once the reload is sent; then the index equals a fresh
// build's.
func TestSearchIndexFollowsBodyEdits(t *testing.T) {
	dir := copyDir(t, "testdata/site")
	opts := Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Minify: true,
		Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }}
	b := New(opts)
	plan, d := b.Assemble()
	if d.HasErrors() {
		t.Fatal(d)
	}
	first := &carry{memory: memory{files: map[string][]byte{}}}
	if _, d := b.Render(plan, first); d.HasErrors() {
		t.Fatal(d)
	}
	name := "content/tin-tuc/tap-huan.md"
	p := filepath.Join(dir, filepath.FromSlash(name))
	src, _ := os.ReadFile(p)
	// Past the summary's 70 words, so that the edit is the body's alone.
	os.WriteFile(p, append(src, []byte(strings.Repeat("\nNội dung bài.", 80)+"\n\nXoáy thuận nhiệt đới.\n")...), 0o644)
	// One full render with the longer body, as the preview would do first.
	plan, _ = b.Assemble()
	second := &carry{memory: memory{files: map[string][]byte{}}, prev: first.files}
	b.Render(plan, second)
	os.WriteFile(p, []byte(strings.Replace(mustRead(t, p), "Xoáy thuận", "Áp thấp", 1)), 0o644)
	plan, _, ok := b.Refresh(plan, []string{name})
	if !ok {
		t.Fatal("a body edit did not take the fast path")
	}
	third := &carry{memory: memory{files: map[string][]byte{}}, prev: second.files}
	if st, d := b.Render(plan, third); d.HasErrors() || st.Pages != 1 {
		t.Fatalf("fast path rendered %d pages: %v", st.Pages, d)
	}
	if d := b.FinishSearch(plan, third); d.HasErrors() {
		t.Fatal(d)
	}
	if d := b.FinishSearch(plan, third); len(d) != 0 {
		t.Fatal(d)
	}
	fresh := New(opts)
	fp, _ := fresh.Assemble()
	want := &memory{files: map[string][]byte{}}
	fresh.Render(fp, want)
	for name, data := range want.files {
		if strings.HasPrefix(name, searchIndex) && string(third.files[name]) != string(data) {
			t.Errorf("%s differs from a fresh build's after a body edit", name)
		}
	}
	var pairs strings.Builder
	for name, data := range third.files {
		if strings.HasPrefix(name, searchIndex+"p/") {
			pairs.Write(data)
		}
	}
	if !strings.Contains(pairs.String(), `"ap thap"`) {
		t.Error("the index does not hold the edited words")
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
