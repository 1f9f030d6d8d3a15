package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// A published file can be read by the web server (rw-r--r--, less what
// the umask takes), as os.Create makes it; a second file at the same path
// is refused, never written over.
func TestCreateNewFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	f, err := createNew(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("<h1>Tin mới</h1>")); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	ref, err := os.Create(filepath.Join(dir, "ref.html"))
	if err != nil {
		t.Fatal(err)
	}
	ref.Close()
	got, _ := os.Stat(name)
	want, _ := os.Stat(ref.Name())
	if got.Mode() != want.Mode() || (runtime.GOOS != "windows" && got.Mode().Perm()&0o444 != 0o444) {
		t.Errorf("mode %v, want %v as os.Create makes it, readable by all", got.Mode(), want.Mode())
	}
	if b, _ := os.ReadFile(name); string(b) != "<h1>Tin mới</h1>" {
		t.Errorf("read back %q", b)
	}
	if f, err := createNew(name); err == nil || !errors.Is(err, fs.ErrExist) {
		if f != nil {
			f.Close()
		}
		t.Errorf("a second create of the same file: %v, want it refused", err)
	}
	if _, err := createNew(filepath.Join(dir, "khong-co", "index.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file in a missing folder: %v", err)
	}
	var pe *fs.PathError
	if _, err := createNew(filepath.Join(dir, "index.html", "x")); !errors.As(err, &pe) || !errors.Is(err, syscall.ENOTDIR) && runtime.GOOS != "windows" {
		t.Errorf("a file below a file: %v", err)
	}
}
