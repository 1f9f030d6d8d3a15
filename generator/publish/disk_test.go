package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// fullDisk is a disk that takes budget bytes, then fails every write, the
// one in progress included, as a full disk does.
func fullDisk(budget int) disk {
	d := osDisk()
	create := d.create
	d.create = func(name string) (io.WriteCloser, error) {
		f, err := create(name)
		if err != nil {
			return nil, err
		}
		return &limited{WriteCloser: f, name: name, left: &budget}, nil
	}
	return d
}

type limited struct {
	io.WriteCloser
	name string
	left *int // shared by the files of one disk; the stage writes one file at a time here
}

func (l *limited) Write(p []byte) (int, error) {
	n := min(len(p), *l.left)
	n, _ = l.WriteCloser.Write(p[:n])
	*l.left -= n
	if n < len(p) {
		return n, &fs.PathError{Op: "write", Path: l.name, Err: syscall.ENOSPC}
	}
	return n, nil
}

// refusing is a disk whose creates fail with errno.
func refusing(errno syscall.Errno) disk {
	d := osDisk()
	d.create = func(name string) (io.WriteCloser, error) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errno}
	}
	d.mkdirTemp = func(dir, pattern string) (string, error) {
		return "", &fs.PathError{Op: "mkdirtemp", Path: filepath.Join(dir, pattern), Err: errno}
	}
	return d
}

// TestDiskRefusesWrites: a disk that fills up in the middle of a file, or
// refuses to be written, fails the build with one message and leaves the
// destination's bytes as they were.
func TestDiskRefusesWrites(t *testing.T) {
	tests := []struct {
		name string
		disk disk
		want string // what the user reads after "loa build: "
	}{
		{"đĩa đầy giữa chừng", fullDisk(len(site["index.html"]) + 3),
			"cannot publish to DEST: the disk is full (ổ đĩa đã đầy); it was left as it was (thư mục vẫn giữ nguyên): write "},
		{"không có quyền ghi", refusing(syscall.EACCES),
			"cannot publish to DEST: permission denied (không có quyền ghi); it was left as it was (thư mục vẫn giữ nguyên): "},
		{"ổ đĩa chỉ đọc", refusing(syscall.EROFS),
			"cannot publish to DEST: the disk is read-only (ổ đĩa chỉ cho đọc); it was left as it was (thư mục vẫn giữ nguyên): "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			build(t, dest, site)
			age(t, dest)
			before := tree(t, dest)
			destBefore := stat(t, dest)
			want := strings.ReplaceAll(tt.want, "DEST", dest)

			err := publishAll(dest, tt.disk, map[string]string{
				"index.html":          "<h1>Trang chủ mới, dài hơn</h1>",
				"tin-tuc/index.html":  "<h1>Tin tức mới</h1>",
				"tin-tuc/moi/a.html":  "<p>Bài mới</p>",
				"tin-tuc/moi/b.html":  "<p>Bài mới nữa</p>",
				"tin-tuc/moi/c/d.css": "a{}",
			})

			var de *DiskError
			if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error = %v;\nwant one starting %q", err, want)
			}
			if got := tree(t, dest); fmt.Sprint(got) != fmt.Sprint(before) {
				t.Errorf("dest changed:\n got %v\nwant %v", got, before)
			}
			if now := stat(t, dest); !now.ModTime().Equal(destBefore.ModTime()) {
				t.Errorf("dest mtime changed")
			}
			noStageLeft(t, dest)
		})
	}
}

// publishAll writes files in a stage on d, stopping at the first disk
// error as loa build does, and returns the error the user is shown.
func publishAll(dest string, d disk, files map[string]string) error {
	s, err := begin(dest, Options{}, d)
	if err != nil {
		return err
	}
	defer s.Abort()
	var first error
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		if err := s.WriteFile(rel, []byte(files[rel])); err != nil && first == nil {
			first = err
		}
	}
	if err := s.Err(); err != nil {
		if e := s.WriteFile("muon.html", []byte("x")); !errors.Is(e, err) {
			return fmt.Errorf("a write after the disk failed = %v; want the same error", e)
		}
		if _, e := s.Commit(); !errors.Is(e, err) {
			return fmt.Errorf("Commit after the disk failed = %v; want the same error", e)
		}
		return err
	}
	if first != nil {
		return first
	}
	_, err = s.Commit()
	return err
}

// TestUnreadableSourceIsNotADiskError: a static file that cannot be read
// is the site's problem, named as such, and the build goes on.
func TestUnreadableSourceIsNotADiskError(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	err = s.CopyFile("anh.jpg", denied{fstest.MapFS{"anh.jpg": {Data: []byte("jpeg")}}}, "anh.jpg")
	if err == nil || !errors.Is(err, fs.ErrPermission) || errors.As(err, new(*DiskError)) {
		t.Errorf("CopyFile of an unreadable file = %v; want a permission error that is no DiskError", err)
	}
	if s.Err() != nil {
		t.Errorf("stage failed: %v", s.Err())
	}
	if err := s.WriteFile("index.html", []byte("x")); err != nil {
		t.Errorf("next write: %v", err)
	}
}

// denied is a file system whose files can be listed but not opened.
type denied struct{ fs.StatFS }

func (denied) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: os.ErrPermission}
}
