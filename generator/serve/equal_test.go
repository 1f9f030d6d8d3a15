package serve

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"loa/generator/build"
)

// sameAsFreshBuild reports how the served site differs from what a fresh
// build of the folder gives, or "" if it does not.
func sameAsFreshBuild(s *Server) string {
	opts := s.opts.Build
	b := build.New(opts)
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		return "fresh build fails: " + diags.Err().Error()
	}
	mem := newMemory(s.seed, s.store, nil)
	if _, diags := b.Render(plan, mem); diags.HasErrors() {
		return "fresh render fails: " + diags.Err().Error()
	}
	fresh := mem.snapshot()
	st := s.state.Load()
	if len(st.errs) > 0 {
		return "served state has errors: " + st.errs.Err().Error()
	}
	for _, rel := range sortedKeys(fresh.files) {
		want, _, _ := fresh.read(rel)
		got, ok, _ := st.snap.read(rel)
		if !ok {
			return "missing " + rel
		}
		if !bytes.Equal(got, want) {
			return "differs " + rel
		}
	}
	for rel := range st.snap.files {
		if _, ok := fresh.files[rel]; !ok {
			return "stale " + rel
		}
	}
	return ""
}

// TestServedEqualsFreshBuild applies random edits, creations, renames and
// deletions, in bursts, and checks after each that the served site is what
// a fresh build gives.
func TestServedEqualsFreshBuild(t *testing.T) {
	seed := uint64(1)
	if v := os.Getenv("LOA_SERVE_SEED"); v != "" { // to explore: LOA_SERVE_SEED=$RANDOM
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	dir := writeSite(t, tinySite)
	s := start(t, testOptions(dir))
	sections := []string{"tin-tuc", "van-ban", "su-kien/2025"}
	tags := []string{"hội nghị", "đào tạo", "bình đẳng giới", "trẻ em"}
	var pages []string // content files made by the test
	page := func(n int) string {
		return fmt.Sprintf("+++\ntitle = \"Bài số %d – %s\"\ndate = 2025-%02d-%02dT08:00:00+07:00\ntags = [%q]\n+++\n\nNội dung %d: %s.\n",
			n, tags[n%len(tags)], 1+n%12, 1+n%28, tags[rng.IntN(len(tags))], n, strings.Repeat("chữ ", rng.IntN(20)))
	}
	for round := 0; round < 25; round++ {
		for op := 0; op < 1+rng.IntN(3); op++ {
			n := rng.IntN(1000)
			switch k := rng.IntN(10); {
			case k < 4 || len(pages) == 0: // create
				name := fmt.Sprintf("content/%s/bai-%d.md", sections[rng.IntN(len(sections))], n)
				writeFile(t, dir, name, page(n))
				if !slices.Contains(pages, name) {
					pages = append(pages, name)
				}
			case k < 6: // edit, front matter and all
				writeFile(t, dir, pages[rng.IntN(len(pages))], page(n))
			case k < 7: // edit the body only: the builder may reuse every other page
				name := pages[rng.IntN(len(pages))]
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				fm, _, _ := strings.Cut(string(b), "+++\n\n")
				writeFile(t, dir, name, fm+"+++\n\n"+fmt.Sprintf("Thân bài mới %d: **đậm** và ![ảnh](https://example.org/%d.jpg).\n", n, n))
			case k < 8: // rename a file, maybe to another section
				i := rng.IntN(len(pages))
				to := fmt.Sprintf("content/%s/doi-ten-%d.md", sections[rng.IntN(len(sections))], n)
				if slices.Contains(pages, to) {
					continue
				}
				os.MkdirAll(filepath.Dir(filepath.Join(dir, to)), 0o755)
				if err := os.Rename(filepath.Join(dir, pages[i]), filepath.Join(dir, to)); err != nil {
					t.Fatal(err)
				}
				pages[i] = to
			case k < 9: // delete
				i := rng.IntN(len(pages))
				os.Remove(filepath.Join(dir, pages[i]))
				pages = slices.Delete(pages, i, i+1)
			default: // template edit
				writeFile(t, dir, "layouts/_default/single.html",
					fmt.Sprintf(`{{ define "main" }}<h1>{{ .Title }}</h1><p>mẫu %d</p><div>{{ safeHTML .Content }}</div>{{ end }}`, n))
			}
		}
		var why string
		waitFor(t, "the served site to equal a fresh build", func() bool {
			why = sameAsFreshBuild(s.Server)
			return why == ""
		})
	}
}

// TestSoak saves one page 1,000 times in quick succession with pages
// listening, and checks that goroutines and memory come back down.
func TestSoak(t *testing.T) {
	dir := writeSite(t, tinySite)
	opts := testOptions(dir)
	opts.Quiet, opts.MaxWait = 2*time.Millisecond, 10*time.Millisecond
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	goroutines := runtime.NumGoroutine()
	s := start(t, opts)
	for range 3 {
		events(t, s.URL())
	}
	name := "content/tin-tuc/hop-ban.md"
	for i := range 1000 {
		text := strings.Replace(tinySite[name], "Ban họp thường kỳ.", fmt.Sprintf("Lần sửa %d.", i), 1)
		writeFile(t, dir, name, text)
		if i%100 == 0 {
			events(t, s.URL()) // pages come and go
		}
	}
	waitFor(t, "the last edit to be served", func() bool {
		_, _, body := get(t, s.URL()+"tin-tuc/hop-ban/")
		return strings.Contains(body, "Lần sửa 999.")
	})
	rebuilds := strings.Count(s.out.String(), "Đã dựng lại")
	t.Logf("1000 saves, %d rebuilds", rebuilds)
	if rebuilds < 2 || rebuilds > 1000 {
		t.Errorf("%d rebuilds for 1000 saves", rebuilds)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 64<<20 {
		t.Errorf("heap grew by %d MiB", grown>>20)
	}
	// Three fixed listeners, ten that came and went (still connected until
	// cleanup), the server's own: well under 100.
	if n := runtime.NumGoroutine(); n > goroutines+100 {
		t.Errorf("%d goroutines, %d before the server started", n, goroutines)
	}
}
