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
