package serve

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"loa/generator/build"
)

// storeFiles counts the files in the store's folder.
func storeFiles(t *testing.T, s *store) int {
	t.Helper()
	n := 0
	filepath.WalkDir(s.dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func TestStoreKeepsEachContentOnce(t *testing.T) {
	s, err := newStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	page := bytes.Repeat([]byte("Ủy ban nhân dân tỉnh họp phiên thường kỳ. "), 50)
	var wg sync.WaitGroup
	for range 8 { // writers of the same bytes at once: one file
		wg.Go(func() {
			if err := s.put(1, page); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := s.put(2, []byte("khác")); err != nil {
		t.Fatal(err)
	}
	if got := storeFiles(t, s); got != 2 {
		t.Errorf("%d files for 2 contents", got)
	}
	if got, err := s.read(1); err != nil || !bytes.Equal(got, page) {
		t.Errorf("read(1) = %d bytes, %v; want the %d bytes put", len(got), err, len(page))
	}
	if _, err := s.read(3); err == nil {
		t.Errorf("read of a content never put did not fail")
	}
}

// TestStoreSweepsOneBuildLate: a content no build uses goes at the second
// sweep after its last use, so that a request that took the state just
// before a swap still reads its files; one in use stays.
func TestStoreSweepsOneBuildLate(t *testing.T) {
	s, err := newStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	s.put(1, []byte("trang cũ"))
	s.put(2, []byte("trang giữ nguyên"))
	old := map[string]file{"a.html": {stored: true, sum: 1}, "b.html": {stored: true, sum: 2}}
	s.sweep(old)
	s.put(3, []byte("trang mới"))
	cur := map[string]file{"a.html": {stored: true, sum: 3}, "b.html": {stored: true, sum: 2}}
	s.sweep(cur)
	if _, err := s.read(1); err != nil {
		t.Errorf("the last build's page is gone one sweep after it was replaced: %v", err)
	}
	s.sweep(cur)
	if _, err := s.read(1); err == nil {
		t.Errorf("the replaced page is still kept two sweeps after")
	}
	for _, sum := range []uint64{2, 3} {
		if _, err := s.read(sum); err != nil {
			t.Errorf("content %d, in use, was swept: %v", sum, err)
		}
	}
	waitFor(t, "the swept file to be removed", func() bool { return storeFiles(t, s) == 2 })
}

func TestStoreWriteFailsThenRetries(t *testing.T) {
	s, err := newStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if err := os.WriteFile(filepath.Join(s.dir, "2a"), nil, 0o644); err != nil { // a file where a folder must go
		t.Fatal(err)
	}
	const sum = 0x2a00000000000000
	if err := s.put(sum, []byte("x")); err == nil || !strings.Contains(err.Error(), "preview store") {
		t.Fatalf("put into a blocked folder = %v, want a preview store error", err)
	}
	os.Remove(filepath.Join(s.dir, "2a"))
	if err := s.put(sum, []byte("x")); err != nil {
		t.Fatalf("put after the folder was freed = %v", err)
	}
	if got, err := s.read(sum); err != nil || string(got) != "x" {
		t.Errorf("read = %q, %v", got, err)
	}
}

// outputs is a build.Output that keeps what the build writes, as it is.
type outputs struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (o *outputs) WriteFile(rel string, data []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.files[rel] = data
	return nil
}

func (o *outputs) CopyFile(rel string, fsys fs.FS, name string) error { return nil }

// TestStoredOutputsServeAsBuilt checks that every output, big ones kept
// in the store and not in memory, reaches the browser as the build wrote
// it (pages with the live-reload script); that edits do not make the
// store grow; and that it is removed when the preview stops.
func TestStoredOutputsServeAsBuilt(t *testing.T) {
	dir := writeSite(t, tinySite)
	long := strings.Repeat("Ủy ban nhân dân xã tổ chức hội nghị tổng kết công tác năm. ", 40)
	writeFile(t, dir, "content/tin-tuc/tong-ket.md", "+++\ntitle = \"Tổng kết\"\ndate = 2025-03-03T08:00:00+07:00\n+++\n\n"+long+"\n")
	var folder string
	t.Cleanup(func() { // after the preview stops: cleanups run last first
		if _, err := os.Stat(folder); !os.IsNotExist(err) {
			t.Errorf("the store's folder %s is left after the preview stopped (%v)", folder, err)
		}
	})
	s := start(t, testOptions(dir))
	folder = s.store.dir
	built := &outputs{files: map[string][]byte{}}
	b := build.New(s.opts.Build)
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if _, diags := b.Render(plan, built); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	stored := 0
	for rel, want := range built.files {
		f := s.state.Load().snap.files[rel]
		if big := len(want) >= inStore; f.stored != big || (big && f.data != nil) {
			t.Errorf("%s (%d bytes): stored %v, %d bytes in memory", rel, len(want), f.stored, len(f.data))
		}
		if f.stored {
			stored++
		}
		if isHTML(rel) {
			want = inject(want, s.state.Load().inject)
		}
		resp, err := http.Get(s.URL() + rel)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !bytes.Equal(body, want) {
			t.Errorf("GET %s differs from the build's output", rel)
		}
	}
	if stored < 2 {
		t.Errorf("only %d outputs big enough for the store: the test site is too small", stored)
	}
	first, steady := s.store.size(), 0
	ev := events(t, s.URL())
	for i, word := range []string{"một", "hai", "ba", "bốn"} {
		writeFile(t, dir, "content/tin-tuc/tong-ket.md", "+++\ntitle = \"Tổng kết\"\ndate = 2025-03-03T08:00:00+07:00\n+++\n\n"+long+word+"\n")
		next(t, ev, func(m message) bool { return len(m.Pages) > 0 })
		waitFor(t, "the rebuild to end", func() bool { return strings.Count(s.out.String(), "Đã dựng lại") == i+1 })
		// Each edit replaces the page and the search index; what the edit
		// before replaced is kept one build more, then goes.
		switch got := s.store.size(); {
		case i == 1:
			steady = got
			if got > 2*first {
				t.Errorf("after 2 edits the store holds %d contents, from %d", got, first)
			}
		case i > 1 && got != steady:
			t.Errorf("after %d edits the store holds %d contents, after 2 it held %d", i+1, got, steady)
		}
	}
}
