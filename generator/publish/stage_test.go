package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// build publishes files (slash path → contents) to dest in one stage.
func build(t *testing.T, dest string, files map[string]string) Stats {
	t.Helper()
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		if err := s.WriteFile(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// tree reads every file under dir as slash path → contents; folders are
// listed with a trailing slash so stale empty folders show up too.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			got[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		got[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// withDirs adds the folders holding files, as tree lists them.
func withDirs(files map[string]string) map[string]string {
	out := make(map[string]string)
	for rel, data := range files {
		out[rel] = data
		for d := filepath.ToSlash(filepath.Dir(rel)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			out[d+"/"] = ""
		}
	}
	return out
}

func sameTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := tree(t, dir)
	want = withDirs(want)
	for rel, data := range want {
		if g, ok := got[rel]; !ok {
			t.Errorf("%s is missing", rel)
		} else if g != data {
			t.Errorf("%s = %q; want %q", rel, g, data)
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			t.Errorf("%s should not be there", rel)
		}
	}
}

// noStageLeft fails if a stage folder of dest remains beside it.
func noStageLeft(t *testing.T, dest string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(dest)+".loa-") {
			t.Errorf("stage folder %s left behind", e.Name())
		}
	}
}

func stat(t *testing.T, p string) fs.FileInfo {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// age sets the modification time of dest and everything in it to a fixed
// past time, so that any rewrite shows.
func age(t *testing.T, dest string) {
	t.Helper()
	old := time.Date(2020, 9, 2, 8, 0, 0, 0, time.UTC)
	err := filepath.WalkDir(dest, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

var site = map[string]string{
	"index.html":                 "<h1>Trang chủ</h1>",
	"tin-tuc/index.html":         "<h1>Tin tức</h1>",
	"tin-tuc/nghi-le/index.html": "<p>Nghỉ lễ Quốc khánh 2/9</p>",
	"css/site.css":               "body{margin:0}",
}

func TestFirstBuildCreatesDest(t *testing.T) {
	for _, dest := range []string{"public", "a/b/public"} {
		t.Run(dest, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), dest)
			st := build(t, dest, site)
			if want := (Stats{Written: len(site)}); st != want {
				t.Errorf("stats = %+v; want %+v", st, want)
			}
			sameTree(t, dest, site)
			noStageLeft(t, dest)
		})
	}
}

func TestRebuildUnchangedWritesNothing(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, site)
	os.MkdirAll(filepath.Join(dest, ".git"), 0o755)
	os.WriteFile(filepath.Join(dest, ".git", "config"), []byte("[core]\n"), 0o644)
	age(t, dest)
	before := make(map[string]fs.FileInfo)
	for rel := range site {
		before[rel] = stat(t, filepath.Join(dest, rel))
	}
	destBefore := stat(t, dest)

	st := build(t, dest, site)

	if want := (Stats{Unchanged: len(site)}); st != want {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	for rel, old := range before {
		now := stat(t, filepath.Join(dest, rel))
		if !os.SameFile(old, now) {
			t.Errorf("%s was replaced by a new file", rel)
		}
		if !now.ModTime().Equal(old.ModTime()) {
			t.Errorf("%s mtime %v; want %v", rel, now.ModTime(), old.ModTime())
		}
	}
	if now := stat(t, dest); !os.SameFile(destBefore, now) || !now.ModTime().Equal(destBefore.ModTime()) {
		t.Errorf("dest folder was touched: mtime %v, was %v", now.ModTime(), destBefore.ModTime())
	}
	noStageLeft(t, dest)
}

// never and always force Commit's choice, so that tests take each path.
func never(int, int) bool  { return false }
func always(int, int) bool { return true }

func TestRebuildChangedAndRemoved(t *testing.T) {
	unsupported := func(a, b string) error { return fmt.Errorf("%w: test", errors.ErrUnsupported) }
	oneChanged := map[string]string{
		"index.html":         "<h1>Trang chủ mới</h1>",
		"tin-tuc/index.html": site["tin-tuc/index.html"],
		"css/site.css":       site["css/site.css"],
	}
	onlyHome := map[string]string{"index.html": site["index.html"]}
	kept := []string{"tin-tuc/index.html", "css/site.css"}
	tests := []struct {
		name      string
		inPlace   func(changes, files int) bool
		exchange  func(a, b string) error // nil: the platform's
		next      map[string]string
		want      Stats
		unchanged []string
	}{
		{"một tệp đổi, một tệp bị bỏ, sửa tại chỗ", always, nil, oneChanged, Stats{Written: 1, Unchanged: 2, Removed: 1}, kept},
		{"một tệp đổi, một tệp bị bỏ, thay cả thư mục", never, nil, oneChanged, Stats{Written: 1, Unchanged: 2, Removed: 1}, kept},
		{"một tệp đổi, một tệp bị bỏ, không có RENAME_EXCHANGE", never, unsupported, oneChanged,
			Stats{Written: 1, Unchanged: 2, Removed: 1}, kept},
		{"chỉ bỏ tệp, tại chỗ", always, nil, onlyHome, Stats{Unchanged: 1, Removed: 3}, []string{"index.html"}},
		{"chỉ bỏ tệp, thay cả thư mục", never, nil, onlyHome, Stats{Unchanged: 1, Removed: 3}, []string{"index.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			build(t, dest, site)
			dots := map[string]string{".git/config": "[core]\n", ".nojekyll": ""}
			for rel, data := range dots {
				os.MkdirAll(filepath.Dir(filepath.Join(dest, rel)), 0o755)
				os.WriteFile(filepath.Join(dest, rel), []byte(data), 0o644)
			}
			before := make(map[string]fs.FileInfo)
			for _, rel := range tt.unchanged {
				before[rel] = stat(t, filepath.Join(dest, rel))
			}
			destBefore := stat(t, dest)

			s, err := Begin(dest)
			if err != nil {
				t.Fatal(err)
			}
			s.inPlace = tt.inPlace
			if tt.exchange != nil {
				s.exchange = tt.exchange
			}
			for rel, data := range tt.next {
				if err := s.WriteFile(rel, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			st, err := s.Commit()
			if err != nil {
				t.Fatal(err)
			}

			if st != tt.want {
				t.Errorf("stats = %+v; want %+v", st, tt.want)
			}
			want := withDirs(tt.next)
			for rel, data := range dots {
				want[rel] = data
			}
			sameTree(t, dest, want)
			for rel, old := range before {
				if !os.SameFile(old, stat(t, filepath.Join(dest, rel))) {
					t.Errorf("unchanged %s got a new inode", rel)
				}
			}
			if inPlace := os.SameFile(destBefore, stat(t, dest)); inPlace != tt.inPlace(0, 0) {
				t.Errorf("changed in place = %v; want %v", inPlace, !inPlace)
			}
			noStageLeft(t, dest)
			if err := s.Abort(); err != nil {
				t.Errorf("Abort after Commit = %v; want nil", err)
			}
		})
	}
}

func TestSiteOwnsTheDotFoldersItWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, map[string]string{".well-known/security.txt": "Contact: a", "index.html": "x"})
	st := build(t, dest, map[string]string{".well-known/security.txt": "Contact: b", "index.html": "x"})
	if want := (Stats{Written: 1, Unchanged: 1}); st != want {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	sameTree(t, dest, map[string]string{".well-known/security.txt": "Contact: b", "index.html": "x"})
}

func TestAbortLeavesDestAsItWas(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, site)
	age(t, dest)
	before := tree(t, dest)
	destBefore := stat(t, dest)

	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile("index.html", []byte("<h1>Bản nháp hỏng</h1>"))
	s.WriteFile("css/site.css", []byte(site["css/site.css"]))
	// the build fails here
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}

	if got := tree(t, dest); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("dest changed:\n got %v\nwant %v", got, before)
	}
	if now := stat(t, dest); !now.ModTime().Equal(destBefore.ModTime()) {
		t.Errorf("dest mtime changed")
	}
	noStageLeft(t, dest)
	if err := s.Abort(); err != nil {
		t.Errorf("second Abort = %v", err)
	}
	if _, err := s.Commit(); err == nil {
		t.Errorf("Commit after Abort succeeded")
	}
	if err := s.WriteFile("x.html", nil); err == nil {
		t.Errorf("WriteFile after Abort succeeded")
	}
}

func TestWriteFileRejectsBadPaths(t *testing.T) {
	parent := t.TempDir()
	s, err := Begin(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.WriteFile("tin-tuc/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ rel, want string }{
		{"tin-tuc/index.html", "two outputs write tin-tuc/index.html"},
		{"../x", "stay inside the site"},
		{"/etc/x", "stay inside the site"},
		{"a/../../x", "stay inside the site"},
		{"a/./b", "must be clean"},
		{"a//b", "must be clean"},
		{"", "empty output path"},
		{".", "empty output path"},
	}
	for _, tt := range tests {
		err := s.WriteFile(tt.rel, []byte("x"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("WriteFile(%q) = %v; want an error containing %q", tt.rel, err, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(parent, "x")); err == nil {
		t.Errorf("a file escaped the stage")
	}
}

func TestBeginRefuses(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	notDir := filepath.Join(t.TempDir(), "file")
	os.WriteFile(notDir, nil, 0o644)
	wd, _ := os.Getwd()
	tests := map[string]string{
		"/":                "root folder",
		home:               "home folder",
		filepath.Dir(home): "home folder",
		".":                "current folder",
		filepath.Dir(wd):   "current folder",
		notDir:             "not a folder",
	}
	for dest, want := range tests {
		if _, err := Begin(dest); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Begin(%q) = %v; want an error containing %q", dest, err, want)
		}
	}
}
