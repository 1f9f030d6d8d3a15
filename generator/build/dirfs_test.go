package build

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// DirFS reads what os.DirFS reads, and refuses what it refuses, with the
// same errors a build reports.
func TestDirFSReadsAsOSDirFS(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("Tháng hành động vì bình đẳng giới. "), 4000) // 152 KB
	files := map[string][]byte{
		"content/tin-tuc/hoi-nghi.md": []byte("+++\ntitle = \"Hội nghị\"\n+++\nNội dung.\n"),
		"content/trong.md":            nil,
		"content/dai.md":              big,
		"content/vua-511.md":          bytes.Repeat([]byte("a"), 511),
		"content/vua-512.md":          bytes.Repeat([]byte("a"), 512),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("tin-tuc/hoi-nghi.md", filepath.Join(dir, "content", "lien-ket.md")); err != nil {
		t.Fatal(err)
	}
	fsys, ref := DirFS(dir), os.DirFS(dir)
	if err := fstest.TestFS(fsys, "content/tin-tuc/hoi-nghi.md", "content/trong.md", "content/dai.md", "content/lien-ket.md"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"content/tin-tuc/hoi-nghi.md", "content/trong.md", "content/dai.md",
		"content/vua-511.md", "content/vua-512.md", "content/lien-ket.md"} {
		got, err := fs.ReadFile(fsys, name)
		want, _ := fs.ReadFile(ref, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: read %d bytes, %v; want the %d bytes os.DirFS reads", name, len(got), err, len(want))
		}
	}
	for _, tc := range []struct {
		name string
		want error
	}{
		{"content/khong-co.md", fs.ErrNotExist},
		{"../ngoai.md", fs.ErrInvalid},
		{"/etc/passwd", fs.ErrInvalid},
		{"content/./trong.md", fs.ErrInvalid},
		{"content", nil}, // a folder: an error, as os.DirFS gives
	} {
		_, err := fs.ReadFile(fsys, tc.name)
		_, refErr := fs.ReadFile(ref, tc.name)
		if err == nil || refErr == nil {
			t.Errorf("%s: read without error (%v), os.DirFS says %v", tc.name, err, refErr)
			continue
		}
		if tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != tc.name || strings.Contains(err.Error(), dir) {
			t.Errorf("%s: error %q should name the file as the build does, not where the folder is", tc.name, err)
		}
	}
}
