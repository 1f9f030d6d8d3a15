package publish

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestListingAgreesWithOS: the walk of the old destination (on Linux its
// own system calls) finds every folder, file and link the os package
// does, with the same types, sizes and times, and enters neither links
// nor, at the top, dot-folders.
func TestListingAgreesWithOS(t *testing.T) {
	dest := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dest, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", "<p>trang chủ</p>")
	write("tin-tuc/index.html", strings.Repeat("tin ", 3000))
	for _, slug := range []string{"dak-lak", "ha-noi", "bình-đẳng-giới", "a b"} {
		write("tin-tuc/"+slug+"/index.html", slug)
	}
	write("tin-tuc/sau/hon/nua/index.html", "")
	write(".git/HEAD", "ref")
	write("anh/.an/x.txt", "x") // a dot-folder below the top is entered
	os.MkdirAll(filepath.Join(dest, "trong"), 0o755)
	old := time.Date(2020, 1, 2, 3, 4, 5, 6000, time.UTC)
	os.Chtimes(filepath.Join(dest, "index.html"), old, old)
	if runtime.GOOS != "windows" {
		os.Symlink("index.html", filepath.Join(dest, "lien-ket.html"))
		os.Symlink("tin-tuc", filepath.Join(dest, "thu-muc-lien-ket"))
	}
	// Many entries, past one read of the folder.
	for i := range 600 {
		write("nhieu/tep-co-ten-kha-dai-de-day-bo-dem-"+strings.Repeat("x", i%40)+string(rune('a'+i%26))+"-"+strconv.Itoa(i)+".html", strconv.Itoa(i))
	}

	got, err := listTree(dest, "", true)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]listed{}
	var walk func(dir string)
	walk = func(dir string) {
		found, subs, err := osFolder(dest, dir, true)
		if err != nil {
			t.Fatal(err)
		}
		for p, e := range found {
			want[p] = e
		}
		for _, s := range subs {
			walk(s)
		}
	}
	walk("")
	if len(got) != len(want) {
		t.Errorf("the walk found %d entries, the os package %d", len(got), len(want))
	}
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s: missing", p)
		case g.typ != w.typ || g.size != w.size || !g.mod.Equal(w.mod):
			t.Errorf("%s: found %v %d %v, the os package %v %d %v", p, g.typ, g.size, g.mod, w.typ, w.size, w.mod)
		}
	}
	for _, p := range []string{"lien-ket.html", "tin-tuc/bình-đẳng-giới/index.html", "anh/.an/x.txt", ".git", "trong", "index.html"} {
		if runtime.GOOS == "windows" && p == "lien-ket.html" {
			continue
		}
		if _, ok := got[p]; !ok {
			t.Errorf("%s not listed", p)
		}
	}
	if !got["index.html"].mod.Equal(old) {
		t.Errorf("index.html's time is %v, want %v", got["index.html"].mod, old)
	}
	for p := range got {
		if strings.HasPrefix(p, ".git/") || strings.HasPrefix(p, "thu-muc-lien-ket/") {
			t.Errorf("%s: listed below a top dot-folder or a link", p)
		}
	}
}
