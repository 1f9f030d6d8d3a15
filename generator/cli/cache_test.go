package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// copyExample copies the example site (the repository's root) to a new
// folder, for tests that edit it.
func copyExample(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	for _, d := range []string{"content", "data", "static"} {
		if err := os.CopyFS(filepath.Join(site, d), os.DirFS(filepath.Join("../..", d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(site, "config.toml"), string(cfg))
	return site
}

func write(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q", file, old)
	}
	write(t, file, strings.Replace(string(b), old, new, 1))
}

var timing = regexp.MustCompile(`(?m)^Đã dựng .*$`)

// coldBuild builds site into a new folder without its build cache, as
// the first build on a fresh machine does.
func coldBuild(t *testing.T, site string, args ...string) (result, string) {
	t.Helper()
	cache := filepath.Join(site, CacheDir)
	aside := filepath.Join(t.TempDir(), "cache")
	if err := os.Rename(cache, aside); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	defer func() {
		os.RemoveAll(cache)
		os.Rename(aside, cache)
	}()
	return buildSite(t, site, args...)
}

// TestCachedBuildEqualsColdBuild edits the example site the ways editors
// and designers do and checks after each edit that a build into the
// folder of the last one, with the build cache, publishes byte for byte
// what a build from nothing publishes, and says the same.
func TestCachedBuildEqualsColdBuild(t *testing.T) {
	site := copyExample(t)
	dest := filepath.Join(t.TempDir(), "public")
	now := []string{"--now", "2026-11-20"}
	news := filepath.Join(site, "content/tin-tuc")
	item := `+++
title = "Hội nghị triển khai Tháng hành động năm 2026 tại Đắk Lắk"
date = 2026-11-19T08:00:00+07:00
description = "Sáng 19/11, Ban Vì sự tiến bộ của Phụ nữ tỉnh tổ chức hội nghị triển khai Tháng hành động vì bình đẳng giới."
author = "Thu Hà"
categories = ["Bình đẳng giới"]
tags = ["bình đẳng giới", "tháng hành động"]
+++

Hội nghị có sự tham dự của đại diện 15 sở, ngành và 8 huyện, thành phố.
`
	steps := []struct {
		name string
		edit func()
		args []string
	}{
		{"first build", func() {}, now},
		{"nothing changed", func() {}, now},
		{"a new news item", func() { write(t, filepath.Join(news, "hoi-nghi-dak-lak.md"), item) }, now},
		{"a body edited", func() {
			edit(t, filepath.Join(news, "tap-huan-can-bo-xa/index.md"), "Tham gia lớp tập huấn", "Tham gia lớp tập huấn ở Ea Súp") // words the index has not seen
		}, now},
		{"a title edited, shown by neighbours", func() {
			edit(t, filepath.Join(news, "ty-le-nu-tham-gia-cap-uy.md"), "đạt 22,5%", "đạt 22,6%")
		}, now},
		{"a tag changed", func() {
			edit(t, filepath.Join(news, "ty-le-nu-tham-gia-cap-uy.md"), `"lãnh đạo nữ"`, `"cán bộ nữ"`)
		}, now},
		{"a linked page moved", func() {
			edit(t, filepath.Join(news, "trien-khai-nhiem-vu-2023/index.md"), "+++\n", "+++\nslug = \"nhiem-vu-2023\"\n")
		}, now},
		{"a picture replaced", func() {
			src := filepath.Join(news, "tap-huan-can-bo-xa/anh-2.jpg")
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(news, "tap-huan-can-bo-xa/anh-1.jpg"), string(b))
		}, now},
		{"an item removed", func() {
			if err := os.Remove(filepath.Join(news, "hoi-nghi-dak-lak.md")); err != nil {
				t.Fatal(err)
			}
		}, now},
		{"pagers of two", func() { edit(t, filepath.Join(site, "config.toml"), "pagerSize = 10", "pagerSize = 2") }, now},
		{"a news item added to pagers of two", func() {
			write(t, filepath.Join(news, "hoi-nghi-2.md"), strings.Replace(item, "2026-11-19T08", "2026-11-19T09", 1))
		}, now},
		{"another added, numbered pagers filled", func() {
			write(t, filepath.Join(news, "hoi-nghi-3.md"), strings.Replace(item, "2026-11-19T08", "2026-11-19T10", 1))
		}, now},
		{"an old item removed from pagers of two", func() {
			if err := os.Remove(filepath.Join(news, "so-ket-chien-luoc-binh-dang-gioi.md")); err != nil {
				t.Fatal(err)
			}
		}, now},
		{"a layout of the site's own", func() {
			write(t, filepath.Join(site, "layouts/partials/footer.html"), `<footer class="site-footer"><p>{{ .Site.Title }} – bản thử</p></footer>`)
		}, now},
		{"a word of the interface", func() {
			write(t, filepath.Join(site, "i18n/vi.toml"), "relatedNews = \"Tin cùng chủ đề\"\n")
		}, now},
		{"the configuration", func() {
			edit(t, filepath.Join(site, "config.toml"), "title = ", "title = \"Cổng thông tin\"\n#")
		}, now},
		{"another site published into the folder meanwhile", func() {
			other := copyExample(t)
			edit(t, filepath.Join(other, "config.toml"), "title = ", "title = \"Trang khác\"\n#")
			if r := run(t, "build", "-s", other, "-d", dest, "--now", "2026-11-20"); r.code != 0 {
				t.Fatal(r.stderr)
			}
		}, now},
		{"another day", func() {}, []string{"--now", "2026-12-01"}},
		{"drafts shown", func() {}, []string{"--now", "2026-12-01", "-D"}},
	}
	for _, s := range steps {
		s.edit()
		warm := run(t, append([]string{"build", "-s", site, "-d", dest}, s.args...)...)
		cold, coldDest := coldBuild(t, site, s.args...)
		if warm.code != cold.code || timing.ReplaceAllString(warm.stdout, "") != timing.ReplaceAllString(cold.stdout, "") || warm.stderr != cold.stderr {
			t.Fatalf("%s: the cached build said\n%d %s%s\nthe cold build said\n%d %s%s", s.name, warm.code, warm.stdout, warm.stderr, cold.code, cold.stdout, cold.stderr)
		}
		if warm.code != 0 {
			t.Fatalf("%s: exit %d: %s", s.name, warm.code, warm.stderr)
		}
		sameTree(t, s.name, dest, coldDest)
		if m := rendered.FindStringSubmatch(warm.stdout); s.name == "nothing changed" && (m == nil || m[1] != "0") {
			t.Errorf("%s: the cached build rendered pages again: %s", s.name, warm.stdout)
		}
	}
}

var rendered = regexp.MustCompile(`Đã dựng (\d+) trang`)

// sameTree fails unless the folders hold the same files with the same bytes.
func sameTree(t *testing.T, step, got, want string) {
	t.Helper()
	g, w := snapshot(t, got), snapshot(t, want)
	for name, text := range w {
		if g[name] != text {
			t.Errorf("%s: %s differs from a cold build's", step, name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: %s is published, a cold build has none", step, name)
		}
	}
}
