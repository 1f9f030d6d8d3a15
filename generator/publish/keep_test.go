package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// news is a site of 24 pages in folders of their own, with a picture
// for some, so that a few changes stay a few.
func news() map[string]string {
	files := map[string]string{"index.html": "<h1>Trang chủ</h1>", "css/site.css": "body{margin:0}"}
	for i := range 24 {
		files[fmt.Sprintf("tin-tuc/bai-%d/index.html", i)] = fmt.Sprintf("<p>Bài số %d</p>", i)
		if i%3 == 0 {
			files[fmt.Sprintf("tin-tuc/bai-%d/anh.webp", i)] = fmt.Sprintf("RIFF ảnh %d", i)
		}
	}
	return files
}

// inodes records the file behind every path of files in dest, and dest's.
func inodes(t *testing.T, dest string, files map[string]string) map[string]fs.FileInfo {
	t.Helper()
	infos := map[string]fs.FileInfo{".": stat(t, dest)}
	for rel := range files {
		infos[rel] = stat(t, filepath.Join(dest, rel))
	}
	return infos
}

// sameInodes fails for every path of before now behind another file,
// except those listed in changed.
func sameInodes(t *testing.T, dest string, before map[string]fs.FileInfo, changed ...string) {
	t.Helper()
	for rel, old := range before {
		now, err := os.Stat(filepath.Join(dest, rel))
		if err != nil {
			continue // gone: the tree comparison tells whether it should be
		}
		if os.SameFile(old, now) == slices.Contains(changed, rel) {
			t.Errorf("%s: same file = %v; want %v", rel, !slices.Contains(changed, rel), slices.Contains(changed, rel))
		}
	}
}

// publishWith publishes files to dest, handing those listed in keep to
// Keep rather than WriteFile.
func publishWith(t *testing.T, dest string, files map[string]string, keep ...string) Stats {
	t.Helper()
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		if slices.Contains(keep, rel) {
			err = keepFile(s, dest, rel)
		} else {
			err = s.WriteFile(rel, []byte(data))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestUnchangedRebuildTouchesNothing(t *testing.T) {
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprintf("keep=%v", keep), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			files := news()
			build(t, dest, files)
			age(t, dest)
			before := inodes(t, dest, files)
			var kept []string
			if keep {
				kept = []string{"index.html", "tin-tuc/bai-3/anh.webp", "tin-tuc/bai-4/index.html"}
			}

			st := publishWith(t, dest, files, kept...)

			if want := (Stats{Unchanged: len(files)}); st != want {
				t.Errorf("stats = %+v; want %+v", st, want)
			}
			sameInodes(t, dest, before)
			for rel, old := range before {
				if now := stat(t, filepath.Join(dest, rel)); !now.ModTime().Equal(old.ModTime()) {
					t.Errorf("%s mtime %v; want %v", rel, now.ModTime(), old.ModTime())
				}
			}
			sameTree(t, dest, files)
			noStageLeft(t, dest)
		})
	}
}

func TestKeep(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	build(t, dest, site)
	os.WriteFile(filepath.Join(parent, "bi-mat.txt"), []byte("mật"), 0o644)
	if err := os.Symlink("../bi-mat.txt", filepath.Join(dest, "lien-ket.txt")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	os.Symlink("..", filepath.Join(dest, "ra-ngoai"))

	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, rel := range []string{"khong-co.html", "tin-tuc", "lien-ket.txt", "ra-ngoai/bi-mat.txt"} {
		if err := keepFile(s, dest, rel); err == nil {
			t.Errorf("Keep(%q) succeeded", rel)
		}
		if err := s.WriteFile(rel, []byte("x")); err != nil {
			t.Errorf("writing %s after Keep failed: %v", rel, err)
		}
	}
	if err := keepFile(s, dest, "khong-co-nua.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Keep of a missing file = %v; want fs.ErrNotExist", err)
	}
	info := stat(t, filepath.Join(dest, "tin-tuc/nghi-le/index.html"))
	if err := s.Keep("tin-tuc/nghi-le/index.html", info.Size(), info.ModTime().Add(time.Second)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Keep of a file written since = %v; want fs.ErrNotExist", err)
	}
	if err := s.Keep("tin-tuc/nghi-le/index.html", info.Size()+1, info.ModTime()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Keep of a file of another size = %v; want fs.ErrNotExist", err)
	}
	if err := keepFile(s, dest, "index.html"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ rel, want string }{
		{"index.html", "two outputs write index.html"},
		{"../x", "stay inside the site"},
	} {
		if err := keepFile(s, dest, tt.rel); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Keep(%q) = %v; want an error containing %q", tt.rel, err, tt.want)
		}
	}

	first, err := Begin(filepath.Join(parent, "moi"))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	if err := keepFile(first, dest, "index.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Keep with no site yet = %v; want fs.ErrNotExist", err)
	}
}

// A page found past a symbolic link inside the destination is copied as
// it reads, not linked through the link, and the link goes.
func TestUnchangedPastALinkIsCopied(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, map[string]string{"khac/a.html": "A", "index.html": "x"})
	if err := os.Symlink("khac", filepath.Join(dest, "tin")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	st := build(t, dest, map[string]string{"tin/a.html": "A", "index.html": "x"})
	if want := (Stats{Unchanged: 2, Removed: 2}); st != want {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	sameTree(t, dest, map[string]string{"tin/a.html": "A", "index.html": "x"})
	if info, err := os.Lstat(filepath.Join(dest, "tin")); err != nil || !info.IsDir() {
		t.Errorf("tin is not a folder now: %v", err)
	}
}

func TestAbortAfterWritesLeavesDest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := news()
	build(t, dest, files)
	age(t, dest)
	before := tree(t, dest)
	infos := inodes(t, dest, files)

	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile("index.html", []byte("<h1>Bản nháp hỏng</h1>"))
	s.WriteFile("tin-tuc/bai-1/index.html", []byte(files["tin-tuc/bai-1/index.html"]))
	s.WriteFile("tin-tuc/bai-99/index.html", []byte("<p>Bài mới</p>"))
	keepFile(s, dest, "tin-tuc/bai-2/index.html")
	if err := s.Abort(); err != nil {
		t.Fatal(err)
	}

	if got := tree(t, dest); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("dest changed:\n got %v\nwant %v", got, before)
	}
	sameInodes(t, dest, infos)
	for rel, old := range infos {
		if now := stat(t, filepath.Join(dest, rel)); !now.ModTime().Equal(old.ModTime()) {
			t.Errorf("%s mtime changed", rel)
		}
	}
	noStageLeft(t, dest)
}

// keepFile keeps rel as the destination holds it now, as a caller whose
// cache saw it there does.
func keepFile(s *Stage, dest, rel string) error {
	var size int64
	var mod time.Time
	if info, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(rel))); err == nil {
		size, mod = info.Size(), info.ModTime()
	}
	return s.Keep(rel, size, mod)
}

// A top-level dot-folder the site writes into is scanned like any other
// folder (a file no output claims goes, an unchanged one is kept); one it
// does not write is left alone, whatever it holds.
func TestDotFolderTheSiteWrites(t *testing.T) {
	for _, whole := range []bool{false, true} {
		t.Run(fmt.Sprint("whole=", whole), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			files := news()
			files[".well-known/security.txt"] = "Contact: mailto:ban@example.vn"
			files[".well-known/cu.txt"] = "cũ"
			build(t, dest, files)
			mkfile(t, filepath.Join(dest, ".git/HEAD"), "ref: refs/heads/main\n")
			mkfile(t, filepath.Join(dest, ".git/refs/heads/main"), "abc\n")

			next := news()
			next[".well-known/security.txt"] = files[".well-known/security.txt"]
			keep := []string{".well-known/security.txt"}
			if whole {
				next["index.html"] = "<h1>Trang chủ mới</h1>"
				for rel := range next {
					if strings.HasPrefix(rel, "tin-tuc/") {
						next[rel] += " (sửa)"
					}
				}
			} else {
				for rel := range next {
					if rel != "index.html" {
						keep = append(keep, rel)
					}
				}
				next["index.html"] = "<h1>Trang chủ mới</h1>"
			}
			st := publishWith(t, dest, next, keep...)
			if st.Removed != 1 {
				t.Errorf("removed %d files; want 1 (.well-known/cu.txt)", st.Removed)
			}
			want := maps.Clone(next)
			want[".git/HEAD"] = "ref: refs/heads/main\n"
			want[".git/refs/heads/main"] = "abc\n"
			sameTree(t, dest, want)
		})
	}
}
