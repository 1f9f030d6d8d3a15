package publish

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
)

func TestConcurrentWrites(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := make(map[string]string)
	for i := range 1000 {
		files[fmt.Sprintf("tin-tuc/%d/bai-%d/index.html", i%37, i)] = fmt.Sprintf("<p>Bài số %d</p>", i)
	}
	publish := func() Stats {
		t.Helper()
		s, err := Begin(dest)
		if err != nil {
			t.Fatal(err)
		}
		jobs := make(chan string)
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for rel := range jobs {
					if err := s.WriteFile(rel, []byte(files[rel])); err != nil {
						t.Error(err)
					}
				}
			})
		}
		for rel := range files {
			jobs <- rel
		}
		close(jobs)
		wg.Wait()
		st, err := s.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := publish(); st != (Stats{Written: 1000}) {
		t.Errorf("first build stats = %+v", st)
	}
	if st := publish(); st != (Stats{Unchanged: 1000}) {
		t.Errorf("rebuild stats = %+v", st)
	}
	sameTree(t, dest, files)
	noStageLeft(t, dest)
}

func TestCopyFileLarge(t *testing.T) {
	video := bytes.Repeat([]byte("Hội nghị trực tuyến "), 5<<20/len("Hội nghị trực tuyến "))
	lastByte := bytes.Clone(video)
	lastByte[len(lastByte)-1] ^= 1
	tests := []struct {
		name      string
		next      []byte
		want      Stats
		sameInode bool
	}{
		{"giống hệt", video, Stats{Unchanged: 1}, true},
		{"khác byte cuối, cùng cỡ", lastByte, Stats{Written: 1}, false},
		{"khác cỡ", video[:len(video)-7], Stats{Written: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			rel := "video/hoi-nghi.mp4"
			copyOne := func(data []byte) Stats {
				t.Helper()
				s, err := Begin(dest)
				if err != nil {
					t.Fatal(err)
				}
				fsys := fstest.MapFS{"static/hoi-nghi.mp4": {Data: data}}
				if err := s.CopyFile(rel, fsys, "static/hoi-nghi.mp4"); err != nil {
					t.Fatal(err)
				}
				st, err := s.Commit()
				if err != nil {
					t.Fatal(err)
				}
				return st
			}
			if st := copyOne(video); st != (Stats{Written: 1}) {
				t.Fatalf("first build stats = %+v", st)
			}
			age(t, dest)
			before := stat(t, filepath.Join(dest, rel))

			if st := copyOne(tt.next); st != tt.want {
				t.Errorf("stats = %+v; want %+v", st, tt.want)
			}
			got, err := os.ReadFile(filepath.Join(dest, rel))
			if err != nil || !bytes.Equal(got, tt.next) {
				t.Errorf("dest holds %d bytes (err %v); want the %d new bytes", len(got), err, len(tt.next))
			}
			now := stat(t, filepath.Join(dest, rel))
			if os.SameFile(before, now) != tt.sameInode {
				t.Errorf("same inode = %v; want %v", !tt.sameInode, tt.sameInode)
			}
			if tt.sameInode && !now.ModTime().Equal(before.ModTime()) {
				t.Errorf("mtime changed to %v", now.ModTime())
			}
		})
	}
}

func TestCopyFileErrors(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	fsys := fstest.MapFS{"anh/logo.png": {Data: []byte("png")}, "anh": {Mode: os.ModeDir}}
	if err := s.CopyFile("anh/logo.png", fsys, "anh/khong-co.png"); err == nil {
		t.Error("copying a missing file succeeded")
	}
	if err := s.CopyFile("anh", fsys, "anh"); err == nil {
		t.Error("copying a folder succeeded")
	}
	if err := s.CopyFile("../logo.png", fsys, "anh/logo.png"); err == nil {
		t.Error("copying outside the stage succeeded")
	}
}

func TestDestSymlinkIsKept(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "releases", "site")
	os.MkdirAll(real, 0o755)
	link := filepath.Join(parent, "public")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links:", err)
	}
	build(t, link, site)
	build(t, link, map[string]string{"index.html": "mới"})
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symbolic link", link)
	}
	sameTree(t, real, map[string]string{"index.html": "mới"})
	noStageLeft(t, real)
}

func TestUnchangedFileCopiedWhenLinkFails(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, site)
	age(t, dest)
	before := stat(t, filepath.Join(dest, "index.html"))

	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	s.link = func(_, _ string) error { return fmt.Errorf("no hard links here") }
	s.inPlace = never // in place, the unchanged file is not even touched
	s.WriteFile("index.html", []byte(site["index.html"]))
	s.WriteFile("moi.html", []byte("<p>Trang mới</p>"))
	st, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}

	if want := (Stats{Written: 1, Unchanged: 1, Removed: 3}); st != want {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	now := stat(t, filepath.Join(dest, "index.html"))
	if !now.ModTime().Equal(before.ModTime()) {
		t.Errorf("copied unchanged file has mtime %v; want %v", now.ModTime(), before.ModTime())
	}
	sameTree(t, dest, map[string]string{"index.html": site["index.html"], "moi.html": "<p>Trang mới</p>"})
}
