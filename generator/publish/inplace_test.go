package publish

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOneChangeAppliedInPlace(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := news()
	build(t, dest, files)
	before := inodes(t, dest, files)
	next := maps.Clone(files)
	next["tin-tuc/bai-7/index.html"] = "<p>Bài số 7, đã sửa</p>"
	next["tin-tuc/bai-24/index.html"] = "<p>Bài mới</p>"

	st := publishWith(t, dest, next, "tin-tuc/bai-8/index.html")

	if want := (Stats{Written: 2, Unchanged: len(files) - 1}); st != want {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	sameTree(t, dest, next)
	sameInodes(t, dest, before, "tin-tuc/bai-7/index.html")
	noStageLeft(t, dest)
}

func TestRemovedOutputsAndTheirFoldersGo(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := news()
	files["tai-lieu/2024/quy-che/index.html"] = "<p>Quy chế</p>"
	build(t, dest, files)
	mkfile(t, filepath.Join(dest, ".git/HEAD"), "ref: refs/heads/main\n")
	os.MkdirAll(filepath.Join(dest, "thu-muc-rong/con"), 0o755)
	before := inodes(t, dest, files)
	next := maps.Clone(files)
	delete(next, "tai-lieu/2024/quy-che/index.html")
	delete(next, "tin-tuc/bai-3/anh.webp") // its folder keeps its page

	st := build(t, dest, next)

	if want := (Stats{Unchanged: len(next), Removed: 2}); st != want {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	want := maps.Clone(next)
	want[".git/HEAD"] = "ref: refs/heads/main\n"
	sameTree(t, dest, want)
	sameInodes(t, dest, before)
	noStageLeft(t, dest)
}

func TestLargeChangeExchangesTheFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := news()
	build(t, dest, files)
	before := inodes(t, dest, files)
	next := maps.Clone(files)
	var changed []string
	for rel := range files {
		if strings.HasSuffix(rel, "index.html") && len(changed) < len(files)*6/10 {
			next[rel] += " (mới)"
			changed = append(changed, rel)
		}
	}

	st := build(t, dest, next)

	if want := (Stats{Written: len(changed), Unchanged: len(files) - len(changed)}); st != want {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	sameTree(t, dest, next)
	// The exchange puts the stage where dest was; unchanged files are
	// hard links to the old ones.
	sameInodes(t, dest, before, append(changed, ".")...)
	noStageLeft(t, dest)
}

func TestFewChanges(t *testing.T) {
	tests := []struct {
		changes, files int
		want           bool
	}{
		{0, 0, true},
		{1, 24, true},
		{12, 24, true},
		{13, 24, false}, // most of a small site: one instant costs no more
		{500, 1000, true},
		{501, 18_256, true},
		{3961, 18_256, true}, // a new item on a site of 10,000
		{4564, 18_256, true},
		{4565, 18_256, false},
	}
	for _, tt := range tests {
		if got := fewChanges(tt.changes, tt.files); got != tt.want {
			t.Errorf("fewChanges(%d, %d) = %v; want %v", tt.changes, tt.files, got, tt.want)
		}
	}
}

// An output where the destination has a folder, or one below a file or a
// link, cannot be renamed into place: the exchange builds it anew.
func TestClashesTakeTheExchange(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := news()
	files["tai-lieu/quy-che"] = "một tệp"
	files["anh/logo.png/index.html"] = "một thư mục"
	build(t, dest, files)
	next := maps.Clone(files)
	delete(next, "tai-lieu/quy-che")
	delete(next, "anh/logo.png/index.html")
	next["tai-lieu/quy-che/index.html"] = "nay là thư mục"
	next["anh/logo.png"] = "nay là tệp"

	st := build(t, dest, next)

	if want := (Stats{Written: 2, Unchanged: len(files) - 2, Removed: 2}); st != want {
		t.Errorf("stats = %+v; want %+v", st, want)
	}
	sameTree(t, dest, next)
	noStageLeft(t, dest)
}

// A file that cannot be renamed into place stops the commit with the
// journal kept, and the next build's Begin finishes it.
func TestFailedRenameIsFinishedByTheNextBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := news()
	build(t, dest, files)
	next := maps.Clone(files)
	next["index.html"] = "<h1>Trang chủ mới</h1>"
	next["tin-tuc/bai-9/index.html"] = "<p>Bài số 9, đã sửa</p>"
	delete(next, "tin-tuc/bai-4/index.html")

	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	held := &heldRename{from: filepath.Join(s.dir, "tin-tuc", "bai-9", "index.html"), n: 1000}
	s.rename, s.backoff = held.rename, 0
	for rel, data := range next {
		if err := s.WriteFile(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.Commit()
	if err == nil || !strings.Contains(err.Error(), "partly published") {
		t.Fatalf("Commit = %v; want it to say the site is partly published", err)
	}
	if _, err := os.Stat(s.dir + ".journal"); err != nil {
		t.Fatalf("no journal left: %v", err)
	}

	again, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	again.Abort()
	sameTree(t, dest, next)
	noStageLeft(t, dest)
}
