package cli

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeSite lays out a tiny site written inline, Hugo style:
//
//	-- config.toml --
//	title = "…"
//	-- content/a.md --
//	…
func writeSite(t *testing.T, txt string) string {
	t.Helper()
	dir := t.TempDir()
	var name string
	var body strings.Builder
	flush := func() {
		if name == "" {
			return
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, line := range strings.SplitAfter(txt, "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimRight(line, "\n"), " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(strings.TrimRight(line, "\n"), "-- "), " --")
			body.Reset()
			continue
		}
		body.WriteString(line)
	}
	flush()
	return dir
}

// fixedNow is the clock of the tests: Sunday 29/11/2026 10:00 in Hà Nội.
func fixedNow() time.Time {
	return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
}

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Theme: os.DirFS("../../themes/default"), Now: fixedNow}
	code := Main(args, env)
	return result{code, out.String(), errb.String()}
}

func buildSite(t *testing.T, site string, extra ...string) (result, string) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	r := run(t, append([]string{"build", "-s", site, "-d", dest}, extra...)...)
	return r, dest
}

func readOut(t *testing.T, dest, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("output %s: %v", name, err)
	}
	return string(b)
}

func exists(dest, name string) bool {
	_, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name)))
	return err == nil
}

// snapshot is every file below dir with its bytes, for "nothing changed" checks.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			m[rel] = string(b)
		}
		return nil
	})
	return m
}

// unchanged checks that dest holds exactly the files of before, byte for
// byte: a failed build publishes nothing.
func unchanged(t *testing.T, before map[string]string, dest string) {
	t.Helper()
	after := snapshot(t, dest)
	if len(after) != len(before) {
		t.Errorf("destination changed: %d files, was %d", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("destination file %s changed", k)
		}
	}
}

const baseConfig = `-- config.toml --
baseURL = "https://example.gov.vn/"
title = "Ban Vì sự tiến bộ của Phụ nữ tỉnh"
`

func TestBuildVietnameseNewsItem(t *testing.T) {
	site := writeSite(t, baseConfig+`-- content/tin-tuc/_index.md --
+++
title = "Tin tức"
+++
-- content/tin-tuc/hoi-nghi/index.md --
+++
title = "Đắk Lắk: Hội nghị tổng kết"
date = 2023-02-17T14:45:00
description = "Sáng 17/2, Ban tổ chức hội nghị."
author = "Thu Hà"
tags = ["Bình đẳng giới"]
aliases = ["/tin-cu/hoi-nghi/"]
+++
## Tiếng Việt

![Quang cảnh](anh.png "Quang cảnh hội nghị")

Xem [giới thiệu](../../gioi-thieu.md#muc-1).
-- content/tin-tuc/hoi-nghi/anh.png --
not really a png
-- content/gioi-thieu.md --
+++
title = "Giới thiệu"
+++
Nội dung.
`)
	var shot bytes.Buffer
	png.Encode(&shot, image.NewGray(image.Rect(0, 0, 600, 400)))
	writeFile(t, filepath.Join(site, "content/tin-tuc/hoi-nghi/anh.png"), shot.Bytes())
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	html := readOut(t, dest, "tin-tuc/hoi-nghi/index.html")
	for _, want := range []string{
		"Thứ Sáu, 17/02/2023 14:45",
		`<h2 id=tieng-viet>Tiếng Việt</h2>`,
		`<figure><img src=/tin-tuc/hoi-nghi/anh-600w.png srcset="/tin-tuc/hoi-nghi/anh-480w.png 480w, /tin-tuc/hoi-nghi/anh-600w.png 600w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)" width=600 height=400 fetchpriority=high decoding=async alt="Quang cảnh"><figcaption>Quang cảnh hội nghị</figcaption></figure>`,
		`href=/gioi-thieu/#muc-1`,
		`href=/tags/binh-dang-gioi/`,
		"Thu Hà",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("news item lacks %q\n%s", want, html)
		}
	}
	if !exists(dest, "tin-tuc/hoi-nghi/anh-600w.png") || exists(dest, "tin-tuc/hoi-nghi/anh.png") {
		t.Error("the bundle's image is not published beside the page in its widths, or its original is")
	}
	alias := readOut(t, dest, "tin-cu/hoi-nghi/index.html")
	if !strings.Contains(alias, "https://example.gov.vn/tin-tuc/hoi-nghi/") {
		t.Errorf("alias does not redirect to the page: %s", alias)
	}
	for _, f := range []string{"index.html", "index.xml", "sitemap.xml", "robots.txt", "404.html",
		"tin-tuc/index.xml", "tags/index.html", "tags/binh-dang-gioi/index.html", "tags/binh-dang-gioi/index.xml"} {
		if !exists(dest, f) {
			t.Errorf("missing output %s", f)
		}
	}
	if !strings.Contains(r.stdout, "Đã dựng") {
		t.Errorf("no summary line: %q", r.stdout)
	}
}

func TestDraftsFutureAndExpiredNeedFlags(t *testing.T) {
	site := writeSite(t, baseConfig+`-- content/nhap.md --
+++
title = "Bản nháp"
draft = true
+++
-- content/tuong-lai.md --
+++
title = "Hẹn giờ"
date = 2027-01-01T08:00:00+07:00
+++
-- content/het-han.md --
+++
title = "Hết hạn"
date = 2024-01-01
expiryDate = "2025-01-01"
+++
-- content/hien-tai.md --
+++
title = "Đang đăng"
date = "17/02/2023 14:45"
+++
`)
	tests := []struct {
		name  string
		flags []string
		want  map[string]bool
	}{
		{"default", nil, map[string]bool{"nhap": false, "tuong-lai": false, "het-han": false, "hien-tai": true}},
		{"drafts", []string{"-D"}, map[string]bool{"nhap": true, "tuong-lai": false, "het-han": false}},
		{"future", []string{"--buildFuture"}, map[string]bool{"nhap": false, "tuong-lai": true}},
		{"expired", []string{"-E"}, map[string]bool{"het-han": true, "nhap": false}},
		// As of another day, the pages due and not yet expired that day.
		{"now before", []string{"--now", "2024-06-01"}, map[string]bool{"het-han": true, "tuong-lai": false, "hien-tai": true}},
		{"now after", []string{"--now", "01/01/2027 08:00"}, map[string]bool{"het-han": false, "tuong-lai": true, "hien-tai": true}},
		{"now a minute before", []string{"--now", "2027-01-01T07:59"}, map[string]bool{"tuong-lai": false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, dest := buildSite(t, site, tc.flags...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if strings.HasPrefix(tc.name, "now") != strings.Contains(r.stdout, "(--now), không theo ngày hôm nay") {
				t.Errorf("the build does not say it was made as of another day:\n%s", r.stdout)
			}
			for slug, want := range tc.want {
				if got := exists(dest, slug+"/index.html"); got != want {
					t.Errorf("%s published = %v, want %v", slug, got, want)
				}
			}
		})
	}
}

// TestBadInputs: each bad input is reported as file:line:col with a hint,
// exits 1, and leaves the previous destination byte for byte as it was.
func TestBadInputs(t *testing.T) {
	tests := []struct {
		name  string
		files string
		want  string // in stderr
	}{
		{"malformed TOML", "-- content/a.md --\n+++\ntitle = \"Tin\ndate = 2023-01-01\n+++\n", "content/a.md:2:13: invalid TOML"},
		{"malformed YAML", "-- content/a.md --\n---\ntitle: [Tin\n---\n", "content/a.md:"},
		{"unclosed front matter", "-- content/a.md --\n+++\ntitle = \"Tin\"\n\nNội dung\n", "content/a.md:1:1: the front matter opened with +++ on line 1 is never closed"},
		{"invalid date", "-- content/a.md --\n+++\ntitle = \"Tin\"\ndate = \"31/02/2023\"\n+++\n", "content/a.md:3:1: date: \"31/02/2023\" is not a date"},
		{"invalid UTF-8", "-- content/a.md --\n+++\ntitle = \"Tin\"\n+++\nXin ch\xe0o\n", "content/a.md:4:7: the file is not valid UTF-8 text"},
		{"wrong type", "-- content/a.md --\n+++\ndraft = \"có\"\n+++\n", "content/a.md:2:1: draft must be true or false"},
		{"same URL twice", "-- content/a.md --\n+++\nurl = \"/trung/\"\n+++\n-- content/b.md --\n+++\nurl = \"/trung/\"\n+++\n", "two pages are published at /trung/"},
		{"template error", "-- layouts/_default/single.html --\n<p>\n{{ .Title \n</p>\n-- content/a.md --\nx\n", "layouts/_default/single.html:3: template: unexpected \"<\" in operand"},
		{"missing linked file", "-- content/a.md --\n+++\n+++\nXem [bài](khong-co.md).\n", "content/a.md:3:5: link to \"khong-co.md\": no such file"},
		{"missing image", "-- content/a.md --\n\n![Ảnh](anh.jpg)\n", "content/a.md:2:1: image to \"anh.jpg\": no such file"},
		{"campaign ends before it starts", "-- content/chien-dich/a/_index.md --\n+++\ntitle = \"A\"\n[campaign]\ntheme = \"T\"\nstart = 2025-11-15\nend = 2025-11-01\n+++\n", "content/chien-dich/a/_index.md:6:1: the campaign ends on 01/11/2025, before it starts on 15/11/2025"},
		{"campaign material missing", "-- content/chien-dich/a/_index.md --\n+++\n[campaign]\ntheme = \"T\"\nstart = 2025-11-15\nend = 2025-12-15\n[[campaign.materials]]\ntitle = \"Áp phích\"\nfile = \"khong-co.pdf\"\nkind = \"poster\"\n+++\n", "content/chien-dich/a/_index.md:8:1: file \"khong-co.pdf\" of material \"Áp phích\" not found"},
		{"hotline not a phone number", "-- content/chien-dich/a/_index.md --\n+++\n[campaign]\ntheme = \"T\"\nstart = 2025-11-15\nend = 2025-12-15\n[[campaign.hotlines]]\nname = \"Công an\"\nnumber = \"gọi ngay\"\n+++\n", "content/chien-dich/a/_index.md:8:1: hotline number \"gọi ngay\" is not a phone number"},
		{"unknown config key", "-- content/a.md --\nx\n-- config.toml --\ntitle = \"T\"\ntitel = \"X\"\n", "config.toml:2:1: unknown setting \"titel\""},
	}
	good := writeSite(t, baseConfig+"-- content/a.md --\n+++\ntitle = \"Tin\"\n+++\nNội dung.\n")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, dest := buildSite(t, good)
			if r.code != 0 {
				t.Fatalf("good site: exit %d\n%s", r.code, r.stderr)
			}
			before := snapshot(t, dest)
			bad := writeSite(t, baseConfig+tc.files)
			r = run(t, "build", "-s", bad, "-d", dest)
			if r.code != ExitError {
				t.Errorf("exit %d, want %d\n%s", r.code, ExitError, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, r.stderr)
			}
			if !strings.Contains(r.stderr, "hint: ") {
				t.Errorf("no hint:\n%s", r.stderr)
			}
			unchanged(t, before, dest)
			entries, _ := os.ReadDir(filepath.Dir(dest))
			if len(entries) != 1 {
				t.Errorf("left something beside the destination: %v", entries)
			}
		})
	}
}

// TestUnknownLayoutFallsBack: as in Hugo, a layout or type without a
// template of its own uses the usual one, with a warning at its line.
func TestUnknownLayoutFallsBack(t *testing.T) {
	site := writeSite(t, baseConfig+"-- content/a.md --\n+++\ntitle = \"Lưu trữ\"\nlayout = \"archives\"\n+++\nNội dung.\n"+
		"-- content/b.md --\n+++\ntitle = \"B\"\ntype = \"tin-anh\"\n+++\nNội dung.\n")
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, w := range []string{`content/a.md:3:1: warning: unknown layout "archives"`, `content/b.md:3:1: warning: no layouts for type "tin-anh"`} {
		if strings.Count(r.stderr, w) != 1 {
			t.Errorf("stderr should say once %q:\n%s", w, r.stderr)
		}
	}
	if !strings.Contains(readOut(t, dest, "a/index.html"), "<h1>Lưu trữ</h1>") {
		t.Errorf("the page is not rendered with the usual layout")
	}
}

func TestUsageErrors(t *testing.T) {
	site := writeSite(t, baseConfig+"-- content/a.md --\nx\n")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"dung"}, "unknown command"},
		{"unknown flag", []string{"build", "--khong"}, "flag provided but not defined"},
		{"destination is the site", []string{"build", "-s", site, "-d", site}, "is the site folder"},
		{"destination holds the site", []string{"build", "-s", site, "-d", filepath.Dir(site)}, "is the site folder"},
		{"no such site folder", []string{"build", "-s", filepath.Join(site, "khong-co")}, "there is no folder"},
		{"destination in content", []string{"build", "-s", site, "-d", filepath.Join(site, "content", "out")}, "the site's sources"},
		{"--now not a date", []string{"build", "-s", site, "--now", "hôm nay"}, `--now "hôm nay" is not a date: write 2025-11-20, 2025-11-20T08:00`},
		{"--now a day that is not", []string{"build", "-s", site, "--now", "2025-11-31"}, "is not a date"},
		{"--now of serve", []string{"serve", "-s", site, "--now", "20.11.2025"}, "ghi dạng 2025-11-20 hoặc 2025-11-20T08:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d", r.code, ExitUsage)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, r.stderr)
			}
		})
	}
}

func TestRebuildUnchangedWritesNothing(t *testing.T) {
	site := writeSite(t, baseConfig+"-- content/a.md --\n+++\ntitle = \"Tin\"\n+++\nNội dung.\n-- static/x.txt --\nx\n")
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	st1, _ := os.Stat(filepath.Join(dest, "a", "index.html"))
	r = run(t, "build", "-s", site, "-d", dest)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	st2, _ := os.Stat(filepath.Join(dest, "a", "index.html"))
	if !os.SameFile(st1, st2) || !st1.ModTime().Equal(st2.ModTime()) {
		t.Error("an unchanged page was written again")
	}
	if !strings.Contains(r.stdout, "(0 mới hoặc đổi") {
		t.Errorf("summary: %s", r.stdout)
	}
	// A removed page disappears from the destination.
	os.Remove(filepath.Join(site, "content", "a.md"))
	if r = run(t, "build", "-s", site, "-d", dest); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if exists(dest, "a/index.html") {
		t.Error("a removed page is still published")
	}
}

func TestNewCreatesDraftAndRefusesOverwrite(t *testing.T) {
	site := writeSite(t, baseConfig)
	r := run(t, "new", "tin-tuc", "Đắk Lắk: Hội nghị tổng kết", "-s", site)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	b, err := os.ReadFile(filepath.Join(site, "content", "tin-tuc", "dak-lak-hoi-nghi-tong-ket.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title = "Đắk Lắk: Hội nghị tổng kết"`, "date = 2026-11-29T10:00:00+07:00", "draft = true"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new file lacks %q:\n%s", want, b)
		}
	}
	r = run(t, "new", "tin-tuc", "Đắk Lắk: Hội nghị tổng kết", "-s", site)
	if r.code != ExitError || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("second new: exit %d, %s", r.code, r.stderr)
	}
}

func TestDataFilesReachLayouts(t *testing.T) {
	site := writeSite(t, baseConfig+`-- data/co-quan.toml --
ten = "Ban Vì sự tiến bộ của Phụ nữ"
-- data/so-lieu/nam-2023.json --
{"ty_le": 22.5}
-- data/lanh-dao.yaml --
- ten: Nguyễn Thị Hoa
-- layouts/_default/single.html --
<p>{{ .Site.Data.co_quan }}</p>
-- layouts/index.html --
<p>{{ (index .Site.Data "co-quan").ten }} · {{ number (index .Site.Data "so-lieu" "nam-2023" "ty_le") 1 }}% · {{ (index .Site.Data "lanh-dao" 0).ten }}</p>
-- content/a.md --
x
`)
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	if got := readOut(t, dest, "index.html"); !strings.Contains(got, "Ban Vì sự tiến bộ của Phụ nữ · 22,5% · Nguyễn Thị Hoa") {
		t.Errorf("home: %s", got)
	}
	bad := writeSite(t, baseConfig+"-- data/x.json --\n{\"a\": 1,\n \"b\": }\n-- content/a.md --\nx\n")
	r, _ = buildSite(t, bad)
	if r.code != ExitError || !strings.Contains(r.stderr, "data/x.json:2:7: invalid JSON") {
		t.Errorf("bad data: exit %d\n%s", r.code, r.stderr)
	}
}
