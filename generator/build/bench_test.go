package build

import (
	"os"
	"testing"
)

// BenchmarkRender renders the test site (its 29 outputs) through the
// default theme, minified, into memory.
func BenchmarkRender(b *testing.B) {
	bl := New(Options{Site: os.DirFS("testdata/site"), Theme: os.DirFS("../../themes/default"), Minify: true})
	plan, d := bl.Assemble()
	if d.HasErrors() {
		b.Fatal(d)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, d := bl.Render(plan, &memory{files: map[string][]byte{}}); d.HasErrors() {
			b.Fatal(d)
		}
	}
}

// never is a Reuser that never has a file to carry over: with it, renders of
// one plan reuse the loaded theme, so the benchmark measures the pages.
type never struct{ memory }

func (*never) Reuse(string) bool        { return false }
func (*never) ReuseAll(map[string]bool) {}

// BenchmarkRenderPages renders every page of the test site with the theme
// already loaded: the per-page cost of the layouts and the minifier.
func BenchmarkRenderPages(b *testing.B) {
	bl := New(Options{Site: os.DirFS("testdata/site"), Theme: os.DirFS("../../themes/default"), Minify: true})
	plan, d := bl.Assemble()
	if d.HasErrors() {
		b.Fatal(d)
	}
	bl.Render(plan, &never{memory{files: map[string][]byte{}}})
	b.ReportAllocs()
	for b.Loop() {
		if _, d := bl.Render(plan, &never{memory{files: map[string][]byte{}}}); d.HasErrors() {
			b.Fatal(d)
		}
	}
}
