package build

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sync"
	"testing"
	"time"
)

// once is a memory Output that counts the writes of every output.
type once struct {
	memory
	mu     sync.Mutex
	writes map[string]int
}

func (o *once) WriteFile(rel string, data []byte) error {
	o.mu.Lock()
	o.writes[rel]++
	o.mu.Unlock()
	return o.memory.WriteFile(rel, data)
}

func (o *once) CopyFile(rel string, fsys fs.FS, name string) error {
	o.mu.Lock()
	o.writes[rel]++
	o.mu.Unlock()
	return o.memory.CopyFile(rel, fsys, name)
}

// TestStagedEqualsRender: a staged render, with pages and files made by
// Now before and while Finish runs, writes every output once, and the same
// outputs as Render.
func TestStagedEqualsRender(t *testing.T) {
	opts := Options{Site: os.DirFS("testdata/site"), Theme: os.DirFS("../../themes/default"), Minify: true,
		Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }}
	plan, d := New(opts).Assemble()
	if d.HasErrors() {
		t.Fatal(d)
	}
	want := &memory{files: map[string][]byte{}}
	if _, d := New(opts).Render(plan, want); d.HasErrors() {
		t.Fatal(d)
	}
	b := New(opts)
	plan, _ = b.Assemble()
	out := &once{memory: memory{files: map[string][]byte{}}, writes: map[string]int{}}
	s, d := b.Begin(plan, out)
	if d.HasErrors() {
		t.Fatal(d)
	}
	rels := slices.Sorted(maps.Keys(want.files))
	made := 0
	for _, rel := range rels[:len(rels)/2] {
		if ok, d := s.Now(rel); ok {
			made++
			if d.HasErrors() {
				t.Fatal(d)
			}
			if out.files[rel] == nil {
				t.Errorf("Now(%q) returned before writing it", rel)
			}
		}
	}
	if made == 0 {
		t.Fatal("Now made none of the outputs")
	}
	var wg sync.WaitGroup
	for _, rel := range rels[len(rels)/2:] {
		wg.Go(func() { s.Now(rel) })
	}
	if _, d := s.Finish(); d.HasErrors() {
		t.Fatal(d)
	}
	wg.Wait()
	for _, rel := range rels {
		if !bytes.Equal(out.files[rel], want.files[rel]) {
			t.Errorf("%s differs from Render's", rel)
		}
	}
	for rel, n := range out.writes {
		if n != 1 {
			t.Errorf("%s written %d times", rel, n)
		}
	}
	if len(out.files) != len(want.files) {
		t.Errorf("%d outputs, Render made %d", len(out.files), len(want.files))
	}
}
