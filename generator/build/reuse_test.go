package build

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// carry is a memory Output that can carry files over from the previous one.
type carry struct {
	memory
	prev map[string][]byte
}

func (c *carry) ReuseAll(except map[string]bool) {
	for rel, b := range c.prev {
		if !except[rel] {
			c.WriteFile(rel, b)
		}
	}
}

func (c *carry) Reuse(rel string) bool {
	b, ok := c.prev[rel]
	if ok {
		c.WriteFile(rel, b)
	}
	return ok
}

func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err == nil {
			os.MkdirAll(filepath.Join(to, filepath.Dir(rel)), 0o755)
			err = os.WriteFile(filepath.Join(to, rel), b, 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// TestReuseRendersOnlyWhatChanged: after a body-only edit, a render into a
// Reuser renders that page alone, and the site equals a fresh build; after a
// title edit, the lists showing the title are rendered again too.
func TestReuseRendersOnlyWhatChanged(t *testing.T) {
	dir := copyDir(t, "testdata/site")
	opts := Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Minify: true,
		Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }}
	b := New(opts)
	render := func(prev map[string][]byte) (map[string][]byte, Stats) {
		plan, d := b.Assemble()
		if d.HasErrors() {
			t.Fatal(d)
		}
		out := &carry{memory: memory{files: map[string][]byte{}}, prev: prev}
		st, d := b.Render(plan, out)
		if d.HasErrors() {
			t.Fatal(d)
		}
		return out.files, st
	}
	fresh := func() map[string][]byte {
		fb := New(opts)
		plan, _ := fb.Assemble()
		out := &memory{files: map[string][]byte{}}
		fb.Render(plan, out)
		return out.files
	}
	same := func(got map[string][]byte) {
		t.Helper()
		want := fresh()
		if len(got) != len(want) {
			t.Fatalf("%d files, a fresh build has %d", len(got), len(want))
		}
		for k, v := range want {
			if string(got[k]) != string(v) {
				t.Errorf("%s differs from a fresh build", k)
			}
		}
	}
	files, st := render(nil)
	if st.Reused != 0 {
		t.Fatalf("first render reused %d", st.Reused)
	}
	edit := func(old, new string) {
		p := filepath.Join(dir, "content/tin-tuc/tap-huan.md")
		b, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
	}
	// The summary is the first 70 words: make the body longer, then edit
	// past them.
	edit("Lớp tập huấn có 80 học viên.", "Lớp tập huấn có 80 học viên."+strings.Repeat(" Nội dung bài.", 40))
	files, _ = render(files)
	edit("Nội dung bài.\n", "Nội dung bài.\n\nĐoạn mới được thêm vào cuối bài.\n")
	files2, st := render(files)
	if st.Pages != 1 {
		t.Errorf("a body-only edit rendered %d pages, want 1 (reused %d)", st.Pages, st.Reused)
	}
	if !strings.Contains(string(files2["tin-tuc/tap-huan/index.html"]), "Đoạn mới được thêm") {
		t.Error("the edited page was not rendered again")
	}
	same(files2)
	edit(`title = "Tập huấn`, `title = "Lớp tập huấn`)
	files3, st := render(files2)
	if st.Pages < 5 || !strings.Contains(string(files3["index.html"]), "Lớp tập huấn phòng chống") {
		t.Errorf("a title edit rendered %d pages; the home shows %q", st.Pages, "Lớp tập huấn")
	}
	same(files3)
}

// TestRefreshTakesBodyEditsOnly: Refresh reuses the assembled site for an
// edit of a page's body, and declines anything else.
func TestRefreshTakesBodyEditsOnly(t *testing.T) {
	dir := copyDir(t, "testdata/site")
	now := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
	b := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return now }})
	plan, d := b.Assemble()
	if d.HasErrors() {
		t.Fatal(d)
	}
	name := "content/tin-tuc/tap-huan.md"
	orig, _ := os.ReadFile(filepath.Join(dir, name))
	long := strings.Replace(string(orig), "Lớp tập huấn có 80 học viên.", "Lớp tập huấn có 80 học viên."+strings.Repeat(" Nội dung.", 80), 1)
	os.WriteFile(filepath.Join(dir, name), []byte(long), 0o644)
	plan, _ = b.Assemble()
	tests := []struct {
		name, text string
		changed    []string
		ok         bool
	}{
		{"body past the summary", long + "\nĐoạn cuối mới.\n", []string{name}, true},
		{"title", strings.Replace(long, "Tập huấn", "Lớp tập huấn", 1), []string{name}, false},
		{"summary", strings.Replace(long, "Lớp tập huấn có 80", "Lớp tập huấn có 90", 1), []string{name}, false},
		{"a new link", long + "\n[xem](thang-hanh-dong.md)\n", []string{name}, false},
		{"a static file", long, []string{"static/robots.txt"}, false},
		{"a new file", long, []string{"content/tin-tuc/moi.md"}, false},
		// Past the size limit, the full build reports it.
		{"grown past the size limit", long + strings.Repeat("Đoạn rất dài. ", 1<<20), []string{name}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(dir, name), []byte(tc.text), 0o644)
			got, _, ok := b.Refresh(plan, tc.changed)
			if ok != tc.ok {
				t.Fatalf("Refresh ok = %v, want %v", ok, tc.ok)
			}
			if ok {
				n, _ := got.Site.NodeByFile(name)
				if !strings.Contains(n.Content(), "Đoạn cuối mới.") {
					t.Error("the refreshed page has the old body")
				}
			}
		})
	}
	now = now.Add(24 * time.Hour)
	os.WriteFile(filepath.Join(dir, name), []byte(long+"\nĐoạn cuối.\n"), 0o644)
	if _, _, ok := b.Refresh(plan, []string{name}); ok {
		t.Error("Refresh accepted a plan made on another day")
	}
}

// TestRefreshDeclinesOnceADatePasses: a page's publish or expiry time that
// passes while the preview runs, on the same day, makes the next edit go
// the long way, so that the page appears or goes; before it, and after it
// once assembled again, body edits are refreshed.
func TestRefreshDeclinesOnceADatePasses(t *testing.T) {
	for _, field := range []string{"publishDate", "expiryDate"} {
		t.Run(field, func(t *testing.T) {
			dir := copyDir(t, "testdata/site")
			now := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) // 10:00 in Hà Nội
			b := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return now }})
			timed := "content/tin-tuc/hen-gio.md"
			os.WriteFile(filepath.Join(dir, timed), []byte("+++\ntitle = \"Hẹn giờ\"\ndate = 2026-11-28T08:00:00+07:00\n"+
				field+" = 2026-11-29T12:00:00+07:00\n+++\nNội dung.\n"), 0o644)
			// Long enough that what is added stays out of the summary.
			name := "content/tin-tuc/tap-huan.md"
			orig, _ := os.ReadFile(filepath.Join(dir, name))
			orig = []byte(strings.Replace(string(orig), "Lớp tập huấn có 80 học viên.", "Lớp tập huấn có 80 học viên."+strings.Repeat(" Nội dung.", 80), 1))
			os.WriteFile(filepath.Join(dir, name), orig, 0o644)
			plan, d := b.Assemble()
			if d.HasErrors() {
				t.Fatal(d)
			}
			edit := func(i int) bool {
				os.WriteFile(filepath.Join(dir, name), append(append([]byte(nil), orig...), fmt.Sprintf("\nĐoạn thêm %d.\n", i)...), 0o644)
				_, _, ok := b.Refresh(plan, []string{name})
				return ok
			}
			if !edit(1) {
				t.Fatal("Refresh declined a body edit before the time")
			}
			now = now.Add(90 * time.Minute) // 11:30: not yet
			if !edit(2) {
				t.Fatal("Refresh declined a body edit at 11:30")
			}
			now = now.Add(time.Hour) // 12:30: passed
			if edit(3) {
				t.Fatalf("Refresh accepted a body edit after the page's %s passed", field)
			}
			plan, _ = b.Assemble()
			if !edit(4) {
				t.Fatal("Refresh declined a body edit of the plan assembled after the time")
			}
		})
	}
}
