package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/check-fix/golden")

// copyDir copies a folder of testdata into a new temporary folder.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(to, rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// loa check --fix on a copy of testdata/check-fix/site gives the files of
// testdata/check-fix/golden, and prints what it changed and what is left.
func TestCheckFixGolden(t *testing.T) {
	site := copyDir(t, "testdata/check-fix/site")
	writeFile(t, filepath.Join(site, "content/tin-tuc/anh.png"), pngOf(t, 40, 30))
	r := run(t, "check", "-s", site, "--fix")
	if r.code != ExitOK {
		t.Errorf("exit %d after fixing (only warnings are left)\n%s%s", r.code, r.stdout, r.stderr)
	}
	golden := "testdata/check-fix/golden"
	for _, name := range []string{"content/tin-tuc/hoi-nghi.md", "content/tin-tuc/_index.md", "config.toml", "data/glossary.toml"} {
		got, err := os.ReadFile(filepath.Join(site, name))
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			writeFile(t, filepath.Join(golden, name), got)
		}
		want, _ := os.ReadFile(filepath.Join(golden, name))
		if string(got) != string(want) {
			t.Errorf("%s after --fix differs from %s:\n%s", name, golden, got)
		}
	}
	if *update {
		writeFile(t, filepath.Join(golden, "stdout.txt"), []byte(r.stdout))
	}
	want, _ := os.ReadFile(filepath.Join(golden, "stdout.txt"))
	if r.stdout != string(want) {
		t.Errorf("stdout differs from %s/stdout.txt:\n%s", golden, r.stdout)
	}
	// Fixed files are left as they are by a second run.
	before := snapshot(t, site)
	if r := run(t, "check", "-s", site, "--fix"); !strings.Contains(r.stdout, "loa check --fix: 0 chỗ đã sửa") {
		t.Errorf("second --fix changed something:\n%s", r.stdout)
	}
	unchanged(t, before, site)
}

const checkSite = baseConfig + `-- content/tin-tuc/_index.md --
+++
title = "Tin tức"
+++
-- content/tin-tuc/khong-tieu-de.md --
+++
date = 2025-11-20T08:00:00+07:00
description = "Sáng 20/11, Ban tổ chức hội nghị."
+++
Hội nghị  tổng kết.
-- content/tin-tuc/hoi-nghi.md --
+++
title = "Hội nghị"
date = 2025-11-20T08:00:00+07:00
description = "Sáng 20/11, UBND tỉnh tổ chức hội nghị."
+++
Nội dung.
`

func TestCheckReportsAndExitCodes(t *testing.T) {
	site := writeSite(t, checkSite)
	r := run(t, "check", "-s", site)
	want := `content/tin-tuc/hoi-nghi.md:4:28: warning: chữ viết tắt “UBND” chưa có trong bảng chú giải (data/glossary.toml) [check:abbr]
    gợi ý: thêm dòng "UBND" = "…" ghi nghĩa đầy đủ vào data/glossary.toml: lần dùng đầu tiên trong mỗi bài sẽ hiện nghĩa cho người đọc
content/tin-tuc/khong-tieu-de.md:1:1: error: bài chưa có tiêu đề: sẽ được đăng với tiêu đề “khong tieu de” lấy từ tên tệp [check:title]
    gợi ý: thêm dòng title = "…" vào phần đầu bài, giữa hai dòng +++
content/tin-tuc/khong-tieu-de.md:5:9: warning: 2 khoảng trắng liền nhau [check:doubleSpace]
    gợi ý: chỉ để một khoảng trắng giữa hai chữ
loa check: 3 tệp; 1 lỗi, 2 cảnh báo, 0 ghi chú (1 error, 2 warnings, 0 notes).
`
	if r.code != ExitError || r.stdout != want || r.stderr != "" {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s\nstderr: %s", r.code, r.stdout, want, r.stderr)
	}

	r = run(t, "check", "-s", site, "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != ExitError || len(got) != 3 {
		t.Fatalf("json: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	if got[1]["file"] != "content/tin-tuc/khong-tieu-de.md" || got[1]["line"] != 1.0 || got[1]["col"] != 1.0 ||
		got[1]["rule"] != "title" || got[1]["level"] != "error" || !strings.HasPrefix(got[1]["message"].(string), "news item without a title") ||
		got[1]["hintVi"] != `thêm dòng title = "…" vào phần đầu bài, giữa hai dòng +++` {
		t.Errorf("json finding: %v", got[1])
	}
	if again := run(t, "check", "-s", site, "--format", "json"); again.stdout != r.stdout {
		t.Error("json output differs between two runs")
	}

	// [check] weighs the rules: no error left, exit 0.
	writeFile(t, filepath.Join(site, "config.toml"), []byte(strings.TrimPrefix(baseConfig, "-- config.toml --\n")+"[check]\ntitle = \"warning\"\nabbr = \"off\"\n"))
	r = run(t, "check", "-s", site)
	if r.code != ExitOK || !strings.Contains(r.stdout, "khong-tieu-de.md:1:1: warning: bài chưa có tiêu đề") || strings.Contains(r.stdout, "UBND") {
		t.Errorf("with [check]: exit %d\n%s", r.code, r.stdout)
	}
	// A wrong [check] is an error of the site, at its line.
	writeFile(t, filepath.Join(site, "config.toml"), []byte(strings.TrimPrefix(baseConfig, "-- config.toml --\n")+"[check]\ntitel = \"off\"\n"))
	r = run(t, "check", "-s", site)
	if r.code != ExitError || !strings.Contains(r.stdout, `config.toml:4:1: error: không có thiết lập "check.titel"`) || !strings.Contains(r.stdout, "`title`") {
		t.Errorf("unknown [check] key: exit %d\n%s", r.code, r.stdout)
	}
}

func TestCheckUsage(t *testing.T) {
	site := writeSite(t, checkSite)
	for _, args := range [][]string{
		{"check", "-s", site, "--format", "xml"},
		{"check", "-s", site, "thừa"},
		{"check", "-s", filepath.Join(site, "khong-co")},
	} {
		if r := run(t, args...); r.code != ExitUsage || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args[3:], r.code, r.stderr)
		}
	}
	if r := run(t, "help", "check"); r.code != ExitOK || !strings.Contains(r.stderr, "--external") {
		t.Errorf("help check: %d %q", r.code, r.stderr)
	}
}

// Tried as a new user would: a page without a title is published, with a
// warning that says so, instead of silently as "khong tieu de".
func TestBuildWarnsOfProofreading(t *testing.T) {
	site := writeSite(t, checkSite)
	r, dest := buildSite(t, site)
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"content/tin-tuc/khong-tieu-de.md:1:1: warning: news item without a title: it would be published as “khong tieu de”, made of its file name [check:title]\n    hint: add title",
		"content/tin-tuc/khong-tieu-de.md:5:9: warning: 2 spaces in a row [check:doubleSpace]",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("build output lacks %q:\n%s", want, r.stderr)
		}
	}
	if !exists(dest, "tin-tuc/khong-tieu-de/index.html") {
		t.Error("the page was not published")
	}
}

// The example site, as loa init writes it, passes loa check: no error and
// no warning, only the note that its 2027 item is scheduled.
func TestExampleSitePassesCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "trang")
	if r := runIn(t, "", "init", dir); r.code != ExitOK {
		t.Fatalf("init: %d %s", r.code, r.stderr)
	}
	r := run(t, "check", "-s", dir, "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != ExitOK {
		t.Fatalf("exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	for _, f := range got {
		if f["rule"] != "scheduled" {
			t.Errorf("the example site has a finding: %v", f)
		}
	}
	// Its glossary explains the first use of each abbreviation in a page.
	dest := filepath.Join(t.TempDir(), "public")
	if r := runIn(t, "", "build", "-s", dir, "-d", dest); r.code != ExitOK || r.stderr != "" {
		t.Fatalf("build: %d %s", r.code, r.stderr)
	}
	page := readOut(t, dest, "gioi-thieu/index.html")
	if strings.Count(page, `<abbr title="Vì sự tiến bộ của Phụ nữ">VSTBCPN</abbr>`) != 1 || strings.Count(page, `<abbr title="Ủy ban nhân dân">UBND</abbr>`) != 1 {
		t.Errorf("the about page does not explain VSTBCPN and UBND once each")
	}
}

// loa check --external asks other sites, a few at a time, and keeps their
// good answers in .loa-cache/links.json for the next run.
func TestCheckExternal(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/da-xoa" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	site := writeSite(t, baseConfig+fmt.Sprintf(`-- content/tin-tuc/a.md --
+++
title = "Tin"
date = 2025-11-20T08:00:00+07:00
description = "Sapo."
+++
Xem [văn bản](%s/van-ban) và [tin cũ](%s/da-xoa).
`, srv.URL, srv.URL))
	if r := run(t, "check", "-s", site); r.code != ExitOK || len(hits) != 0 {
		t.Fatalf("without --external: exit %d, %d sites asked\n%s", r.code, len(hits), r.stdout)
	}
	r := run(t, "check", "-s", site, "--external")
	want := fmt.Sprintf("content/tin-tuc/a.md:6:%d: warning: liên kết tới %s/da-xoa: trang đó trả lời 404 Not Found [check:external]", len(srv.URL)+37, srv.URL)
	if r.code != ExitOK || !strings.Contains(r.stdout, want) {
		t.Errorf("exit %d, want %s in\n%s%s", r.code, want, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(site, CacheDir, "links.json")); err != nil {
		t.Errorf("no link cache: %v", err)
	}
	run(t, "check", "-s", site, "--external")
	mu.Lock()
	defer mu.Unlock()
	if hits["/van-ban"] != 1 || hits["/da-xoa"] != 2 {
		t.Errorf("requests %v: the good answer should come from the cache, the bad one asked again", hits)
	}
}
