package serve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMeasureEdit times edits on a real site, from the file's save to the
// reload event sent, and the rebuild alone. It runs only when asked:
//
//	LOA_BENCH_SITE=/tmp/site go test -run MeasureEdit -v ./generator/serve
func TestMeasureEdit(t *testing.T) {
	dir := os.Getenv("LOA_BENCH_SITE")
	if dir == "" {
		t.Skip("set LOA_BENCH_SITE to a site folder to measure")
	}
	opts := testOptions(dir)
	opts.Quiet = 10 * time.Millisecond
	abs, _ := filepath.Abs("../../themes/default")
	opts.Build.Theme = os.DirFS(abs)
	s := start(t, opts)
	if len(s.state.Load().errs) > 0 {
		t.Fatalf("site does not build: %v", s.state.Load().errs.Err())
	}
	ev := events(t, s.URL())
	var page string
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if page == "" && err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			page = p
		}
		return nil
	})
	orig, _ := os.ReadFile(page)
	defer os.WriteFile(page, orig, 0o644)
	measure := func(name string, n int, edit func(i int)) {
		var total, rebuild []time.Duration
		for i := range n {
			before := strings.Count(s.out.String(), "Đã dựng lại")
			start := time.Now()
			edit(i)
			next(t, ev, func(m message) bool { return len(m.Pages) > 0 })
			total = append(total, time.Since(start))
			waitFor(t, "the terminal line", func() bool { return strings.Count(s.out.String(), "Đã dựng lại") > before })
			rebuild = append(rebuild, lastRebuild(s.out.String()))
		}
		t.Logf("%s: median %v from save to event (debounce %v included), median rebuild %v",
			name, median(total), opts.Quiet, median(rebuild))
	}
	measure("one page", 15, func(i int) {
		os.WriteFile(page, append(slices.Clip(orig), []byte("\n\nSửa lần "+time.Now().String()+"\n")...), 0o644)
	})
	single, err := os.ReadFile("../../themes/default/layouts/_default/single.html")
	if err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(dir, "layouts/_default/single.html")
	os.MkdirAll(filepath.Dir(layout), 0o755)
	defer os.RemoveAll(filepath.Join(dir, "layouts"))
	measure("template", 5, func(i int) {
		text := strings.Replace(string(single), "{{ define \"main\" }}", "{{ define \"main\" }}<span hidden>"+time.Now().String()+"</span>", 1)
		os.WriteFile(layout, []byte(text), 0o644)
	})
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

// lastRebuild reads the time of the last rebuild from the terminal output.
func lastRebuild(out string) time.Duration {
	i := strings.LastIndex(out, "Đã dựng lại")
	line := out[i:]
	_, after, _ := strings.Cut(line, " trong ")
	ms, _, _ := strings.Cut(after, " ms")
	d, _ := time.ParseDuration(ms + "ms")
	return d
}
