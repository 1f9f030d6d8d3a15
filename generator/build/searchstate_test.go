package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loa/generator/diag"
	"loa/generator/publish"
)

// TestSearchIndexAppends builds the test site into a folder again and
// again, with the build cache, as loa build does, and checks after each
// edit that the search index is byte for byte a build from nothing's, and
// that it reads the pages from the first changed on only: new newest pages
// (in new words, in a new section, of a new year), the newest edited or
// removed, an old page edited. A damaged kept index or a file of the index
// changed by someone else are met by reading every page, or by writing
// the file again.
func TestSearchIndexReadsFromTheFirstChange(t *testing.T) {
	dir := copyDir(t, "testdata/site")
	cache, dest := t.TempDir(), filepath.Join(t.TempDir(), "public")
	index := filepath.Join(dest, filepath.FromSlash(searchIndex))
	page := func(name, title, date, body string, extra ...string) {
		t.Helper()
		text := "+++\ntitle = " + tomlString(title) + "\ndate = " + date + "\n" + strings.Join(extra, "\n") + "\n+++\n" + body + "\n"
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spoil := func(pattern string) {
		t.Helper()
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			t.Fatalf("no file %s", pattern)
		}
		data, _ := os.ReadFile(files[0])
		data[len(data)/2] ^= 0x20
		os.WriteFile(files[0], data, 0o644)
	}
	const all = -1
	steps := []struct {
		name string
		edit func()
		read int // pages the build should read, or all
	}{
		{"first build", func() {}, all},
		{"nothing changed", func() {}, 0},
		{"new pages: new words, a new section, a new year", func() {
			page("content/tin-tuc/xoay-thuan.md", "Xoáy thuận nhiệt đới đổ bộ", "2025-10-02T08:00:00+07:00",
				"Mã số 2031 của cơn bão; MÃ SỐ ghi rõ. Người dân sơ tán.", `tags = ["thời tiết"]`)
			page("content/phong-su/_index.md", "Phóng sự", "2025-01-01T00:00:00+07:00", "")
			page("content/phong-su/anh-sang.md", "Ánh sáng vùng cao", "2026-03-04T08:00:00+07:00", "Điện về bản.")
			page("content/tin-tuc/nam-moi.md", "Đón năm mới", "2026-11-28T08:00:00+07:00", "Pháo hoa rực rỡ.")
		}, 3},
		{"another newest page", func() {
			page("content/tin-tuc/hop-bao.md", "Họp báo", "2026-11-28T09:00:00+07:00", "Thông tin về Tháng hành động.")
		}, 1},
		{"the newest page edited", func() {
			page("content/tin-tuc/hop-bao.md", "Họp báo", "2026-11-28T09:00:00+07:00", "Thông tin mới về Tháng hành động.")
		}, 1},
		{"the newest page removed", func() {
			os.Remove(filepath.Join(dir, "content/tin-tuc/hop-bao.md"))
		}, 0},
		{"an old page edited: it and the three after it", func() {
			p := filepath.Join(dir, "content/tin-tuc/tap-huan.md")
			os.WriteFile(p, []byte(strings.Replace(mustRead(t, p), "80 học viên", "85 học viên", 1)), 0o644)
		}, 4},
		{"the kept index damaged", func() {
			spoil(filepath.Join(cache, "build", "search", "*"))
			page("content/tin-tuc/sau-cung.md", "Tin sau cùng", "2026-11-28T10:00:00+07:00", "Hết.")
		}, all},
		{"a file of the index changed in the folder", func() { spoil(filepath.Join(index, "t", "*.json")) }, 0},
		{"a file of the index changed, the kept index gone", func() {
			spoil(filepath.Join(index, "p", "*.json"))
			os.RemoveAll(filepath.Join(cache, "build", "search"))
		}, all},
	}
	opts := Options{Theme: os.DirFS("../../themes/default"), Minify: true,
		Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }}
	for _, s := range steps {
		s.edit()
		opts.Site, opts.CacheDir = os.DirFS(dir), ""
		want := freshIndex(t, opts)
		if s.read == all {
			s.read = manifestDocs(t, want["manifest.json"])
		}
		opts.CacheDir = cache
		if read := publishBuild(t, opts, dest); read != s.read {
			t.Errorf("%s: the index read %d pages, want %d", s.name, read, s.read)
		}
		sameFiles(t, s.name, index, want, "a build from nothing")
	}
}

// publishBuild builds the site into the folder dest as loa build does and
// returns how many pages the search index read.
func publishBuild(t *testing.T, opts Options, dest string) int {
	t.Helper()
	b := New(opts)
	plan, d := b.Assemble()
	if d.HasErrors() {
		t.Fatal(text(d))
	}
	stage, err := publish.Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, d := b.Render(plan, stage); d.HasErrors() {
		stage.Abort()
		t.Fatal(text(d))
	}
	if _, err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveOutputs(); err != nil {
		t.Fatal(err)
	}
	return int(b.searchRead.Load())
}

// freshIndex is the search index of a build from nothing, by file name.
func freshIndex(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	b := New(opts)
	plan, d := b.Assemble()
	if d.HasErrors() {
		t.Fatal(text(d))
	}
	out := &memory{files: map[string][]byte{}}
	if _, d := b.Render(plan, out); d.HasErrors() {
		t.Fatal(text(d))
	}
	index := map[string][]byte{}
	for name, data := range out.files {
		if rest, ok := strings.CutPrefix(name, searchIndex); ok {
			index[rest] = data
		}
	}
	return index
}

// sameFiles fails unless the folder holds the files of want and no others;
// of names where want comes from, for the messages.
func sameFiles(t *testing.T, step, folder string, want map[string][]byte, of string) {
	t.Helper()
	got := map[string]bool{}
	filepath.WalkDir(folder, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(folder, p)
			got[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	for name, data := range want {
		if b, err := os.ReadFile(filepath.Join(folder, filepath.FromSlash(name))); err != nil || string(b) != string(data) {
			t.Errorf("%s: %s differs from what %s made", step, name, of)
		}
		delete(got, name)
	}
	for name := range got {
		t.Errorf("%s: %s is published, %s made none", step, name, of)
	}
}

func manifestDocs(t *testing.T, data []byte) int {
	t.Helper()
	var m searchManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m.Docs
}

// TestPreviewSearchReadsFromTheFirstChange: the preview (renders into a
// Reuser, no build cache) keeps its last index in memory, so that a save
// reads the pages from the first changed one on, on the full render and
// on the body edit's fast path (Refresh, then FinishSearch) alike, and its
// index is always a build from nothing's.
func TestPreviewSearchReadsFromTheFirstChange(t *testing.T) {
	dir := copyDir(t, "testdata/site")
	opts := Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Minify: true,
		Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }}
	b := New(opts)
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	newest := "content/tin-tuc/hop-bao.md"
	item := func(body string) string {
		return "+++\ntitle = \"Họp báo\"\ndate = 2026-11-28T09:00:00+07:00\n+++\n" +
			strings.Repeat("Thông tin về Tháng hành động. ", 90) + "\n\n" + body + "\n"
	}
	var files map[string][]byte
	var plan *Plan
	check := func(step string, want int) {
		t.Helper()
		index := map[string][]byte{}
		for name, data := range files {
			if rest, ok := strings.CutPrefix(name, searchIndex); ok {
				index[rest] = data
			}
		}
		fresh := freshIndex(t, opts)
		if len(index) != len(fresh) {
			t.Errorf("%s: %d files in the index, a build from nothing has %d", step, len(index), len(fresh))
		}
		for name, data := range fresh {
			if string(index[name]) != string(data) {
				t.Errorf("%s: %s differs from a build from nothing's", step, name)
			}
		}
		if read := int(b.searchRead.Swap(0)); read != want {
			t.Errorf("%s: the index read %d pages, want %d", step, read, want)
		}
	}
	render := func() {
		t.Helper()
		var d diag.List
		if plan, d = b.Assemble(); d.HasErrors() {
			t.Fatal(text(d))
		}
		out := &carry{memory: memory{files: map[string][]byte{}}, prev: files}
		if _, d := b.Render(plan, out); d.HasErrors() {
			t.Fatal(text(d))
		}
		files = out.files
	}

	write(newest, item("Đoạn cuối."))
	render()
	check("first render", manifestDocs(t, files[searchIndex+"manifest.json"]))
	render()
	check("nothing changed", 0)
	write(newest, item("Đoạn cuối, sửa lại."))
	render()
	check("the newest page edited", 1)

	write(newest, item("Đoạn cuối, sửa lần nữa trong xem trước."))
	refreshed, _, ok := b.Refresh(plan, []string{newest})
	if !ok {
		t.Fatal("Refresh declined a body edit past the summary")
	}
	out := &carry{memory: memory{files: map[string][]byte{}}, prev: files}
	if _, d := b.Render(refreshed, out); d.HasErrors() {
		t.Fatal(text(d))
	}
	fin := &carry{memory: memory{files: map[string][]byte{}}, prev: out.files}
	fin.ReuseAll(nil)
	if d := b.FinishSearch(refreshed, fin); d.HasErrors() {
		t.Fatal(text(d))
	}
	files = fin.files
	check("the newest page's body edited, fast path", 1)

	os.Remove(filepath.Join(dir, filepath.FromSlash(newest)))
	render()
	check("the newest page removed", 0)
}
