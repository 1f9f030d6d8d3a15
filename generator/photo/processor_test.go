package photo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingFS counts how often each file is read, to see the index at work.
type countingFS struct {
	fs.StatFS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
	return c.StatFS.Open(name)
}

func (c *countingFS) count(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads[name]
}

// site writes pictures into a folder with times old enough for the index.
func site(t *testing.T, files map[string][]byte) (string, *countingFS) {
	t.Helper()
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	return dir, &countingFS{StatFS: os.DirFS(dir).(fs.StatFS), reads: map[string]int{}}
}

func mustProcess(t *testing.T, p *Processor, fsys fs.FS, name string) []Variant {
	t.Helper()
	vs, err := p.Process(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func TestProcessorCache(t *testing.T) {
	a := encodeJPEG(t, photoLike(300, 200, 1), 90)
	b := encodeJPEG(t, photoLike(300, 200, 2), 90)
	_, fsys := site(t, map[string][]byte{"a.jpg": a, "copy of a.jpg": a, "b.jpg": b})
	cache := filepath.Join(t.TempDir(), "cache")
	s := Settings{Widths: []int{100, 200}}

	p := NewProcessor(s, cache, 0)
	first := mustProcess(t, p, fsys, "a.jpg")
	again := mustProcess(t, p, fsys, "a.jpg")
	copied := mustProcess(t, p, fsys, "copy of a.jpg")
	if hits, misses := p.Stats(); hits != 2 || misses != 1 {
		t.Errorf("same content: %d hits, %d misses; want 2, 1", hits, misses)
	}
	if !sameVariants(first, again) || !sameVariants(first, copied) {
		t.Error("cached variants differ")
	}
	if ignore, err := os.ReadFile(filepath.Join(cache, ".gitignore")); err != nil || string(ignore) != "*\n" {
		t.Errorf(".gitignore = %q, %v", ignore, err)
	}

	// A new build reads the index instead of the unchanged picture.
	reads := fsys.count("a.jpg")
	p2 := NewProcessor(s, cache, 0)
	if !sameVariants(first, mustProcess(t, p2, fsys, "a.jpg")) {
		t.Error("variants from disk differ")
	}
	if hits, misses := p2.Stats(); hits != 1 || misses != 0 {
		t.Errorf("new processor: %d hits, %d misses; want 1, 0", hits, misses)
	}
	if fsys.count("a.jpg") != reads {
		t.Error("an unchanged picture was read again despite the index")
	}

	// Other settings make other variants.
	p3 := NewProcessor(Settings{Widths: []int{100, 200}, Quality: 60}, cache, 0)
	mustProcess(t, p3, fsys, "a.jpg")
	if hits, misses := p3.Stats(); hits != 0 || misses != 1 {
		t.Errorf("changed settings: %d hits, %d misses; want 0, 1", hits, misses)
	}
}

func TestProcessorPruneAndDamage(t *testing.T) {
	a := encodeJPEG(t, photoLike(300, 200, 1), 90)
	b := encodeJPEG(t, photoLike(300, 200, 2), 90)
	_, fsys := site(t, map[string][]byte{"a.jpg": a, "b.jpg": b})
	cache := t.TempDir()
	s := Settings{Widths: []int{100, 200}}
	p := NewProcessor(s, cache, 0)
	va := mustProcess(t, p, fsys, "a.jpg")
	mustProcess(t, p, fsys, "b.jpg")
	entries := cacheFiles(t, cache)
	if len(entries) != 6 { // two variants and a list for each picture
		t.Fatalf("cache holds %v", entries)
	}

	// A build that uses only a.jpg prunes b.jpg's entry and index line,
	// and leaves the build's own cache, build/, alone.
	pack := filepath.Join(cache, "build", "pages", "ab", "00.pack")
	os.MkdirAll(filepath.Dir(pack), 0o755)
	os.WriteFile(pack, []byte("pages"), 0o644)
	os.WriteFile(filepath.Join(cache, "build", "list"), []byte("outputs"), 0o644)
	p2 := NewProcessor(s, cache, 0)
	mustProcess(t, p2, fsys, "a.jpg")
	if err := p2.Prune(); err != nil {
		t.Fatal(err)
	}
	if !exists(pack) || !exists(filepath.Join(cache, "build", "list")) {
		t.Error("Prune removed files of the build cache")
	}
	os.RemoveAll(filepath.Join(cache, "build"))
	if left := cacheFiles(t, cache); len(left) != 3 {
		t.Errorf("after Prune the cache holds %v", left)
	}
	if index, _ := os.ReadFile(filepath.Join(cache, "index")); strings.Contains(string(index), "b.jpg") || !strings.Contains(string(index), "a.jpg") {
		t.Errorf("index after Prune:\n%s", index)
	}

	// A damaged variant file is made again, not served.
	for _, f := range cacheFiles(t, cache) {
		if strings.HasSuffix(f, ".jpg") {
			os.WriteFile(f, []byte("garbage"), 0o644)
		}
	}
	p3 := NewProcessor(s, cache, 0)
	if !sameVariants(va, mustProcess(t, p3, fsys, "a.jpg")) {
		t.Error("damaged cache served")
	}
	if hits, misses := p3.Stats(); hits != 0 || misses != 1 {
		t.Errorf("damaged entry: %d hits, %d misses; want 0, 1", hits, misses)
	}

	// The whole folder may go at any time, even under a running Processor.
	os.RemoveAll(cache)
	p4 := NewProcessor(s, cache, 0)
	if !sameVariants(va, mustProcess(t, p4, fsys, "a.jpg")) {
		t.Error("wrong variants after the cache folder was deleted")
	}
	os.RemoveAll(cache)
	mustProcess(t, p3, fsys, "b.jpg")
	if _, err := os.Stat(filepath.Join(cache, ".gitignore")); err != nil {
		t.Error("cache folder not made again")
	}
	if err := p4.Prune(); err != nil {
		t.Error(err)
	}
}

func TestProcessorChangedPictureIsReadAgain(t *testing.T) {
	dir, fsys := site(t, map[string][]byte{"a.jpg": encodeJPEG(t, photoLike(300, 200, 1), 90)})
	cache := t.TempDir()
	s := Settings{Widths: []int{100}}
	first := mustProcess(t, NewProcessor(s, cache, 0), fsys, "a.jpg")
	changed := encodeJPEG(t, photoLike(300, 200, 9), 90)
	os.WriteFile(filepath.Join(dir, "a.jpg"), changed, 0o644)
	got := mustProcess(t, NewProcessor(s, cache, 0), fsys, "a.jpg")
	if sameVariants(first, got) {
		t.Error("a changed picture was served from the cache")
	}
}

func TestProcessorBoundsDecoding(t *testing.T) {
	files := map[string][]byte{}
	for i := range 8 {
		files[fmt.Sprintf("%d.jpg", i)] = encodeJPEG(t, photoLike(64, 48, uint64(i)), 90)
	}
	_, fsys := site(t, files)
	p := NewProcessor(Settings{Widths: []int{32}}, "", 2)
	var active, most atomic.Int32
	p.onDecode = func() {
		n := active.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(20 * time.Millisecond)
		active.Add(-1)
	}
	var wg sync.WaitGroup
	for name := range files {
		wg.Go(func() {
			if _, err := p.Process(fsys, name); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := most.Load(); m != 2 {
		t.Errorf("%d pictures decoded at once, want 2", m)
	}
	if _, misses := p.Stats(); misses != 8 {
		t.Errorf("%d misses, want 8", misses)
	}
	mustProcess(t, p, fsys, "3.jpg")
	if hits, _ := p.Stats(); hits != 1 {
		t.Error("no memory cache without a disk cache")
	}
}

func sameVariants(a, b []Variant) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Size != b[i].Size || !bytes.Equal(a[i].Data, b[i].Data) {
			return false
		}
	}
	return true
}

// cacheFiles lists the entry files of a cache folder.
func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Dir(p) != dir {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// TestProcessorCleaned: an original published as it is is cleaned once and
// kept in the cache; the next build finds it there without reading the
// picture, and pruning keeps it while it is used.
func TestProcessorCleaned(t *testing.T) {
	src := phoneJPEG(t, binary.BigEndian, nil)
	_, fsys := site(t, map[string][]byte{"a.jpg": src})
	cache := filepath.Join(t.TempDir(), "cache")
	want, err := Clean(src, false)
	if err != nil {
		t.Fatal(err)
	}
	p := NewProcessor(Settings{Widths: []int{100}}, cache, 0)
	dir, name, data, err := p.Cleaned(fsys, "a.jpg")
	if err != nil || data != nil || dir == nil {
		t.Fatalf("with a disk cache Cleaned gives a file: %v %v %d bytes", dir, err, len(data))
	}
	got, err := fs.ReadFile(dir, name)
	if err != nil || !bytes.Equal(got, want) || bytes.Contains(got, []byte("SECRET")) {
		t.Fatalf("cached copy differs from Clean, or keeps metadata: %v", err)
	}
	reads := fsys.count("a.jpg")
	p2 := NewProcessor(Settings{Widths: []int{100}}, cache, 0)
	if _, name2, _, err := p2.Cleaned(fsys, "a.jpg"); err != nil || name2 != name {
		t.Fatalf("second build: %s %v, want %s", name2, err, name)
	}
	if fsys.count("a.jpg") != reads {
		t.Error("the next build read the picture again")
	}
	if err := p2.Prune(); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(dir, name); err != nil {
		t.Errorf("pruning removed a cleaned copy in use: %v", err)
	}
	// Without a disk cache, the bytes.
	_, _, data, err = NewProcessor(Settings{Widths: []int{100}}, "", 0).Cleaned(fsys, "a.jpg")
	if err != nil || !bytes.Equal(data, want) {
		t.Errorf("no disk cache: %d bytes, %v", len(data), err)
	}
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
