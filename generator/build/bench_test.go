package build

import (
	"io/fs"
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

// never is a Reuser that never has a file to carry over and keeps nothing
// it is given: with it, renders of one plan reuse the loaded theme, so the
// benchmark measures the pages.
type never struct{}

func (never) WriteFile(string, []byte) error       { return nil }
func (never) CopyFile(string, fs.FS, string) error { return nil }
func (never) Reuse(string) bool                    { return false }
func (never) ReuseAll(map[string]bool)             {}

// BenchmarkRenderPages renders every page of a site (the test site, or the
// folder LOA_BENCH_SITE names, such as a corpus of bench/corpus) with the
// theme already loaded: the per-page cost of the layouts and the minifier.
// LOA_BENCH_THEME names another theme folder, to compare two versions of
// the layouts.
func BenchmarkRenderPages(b *testing.B) {
	dir := os.Getenv("LOA_BENCH_SITE")
	if dir == "" {
		dir = "testdata/site"
	}
	theme := os.Getenv("LOA_BENCH_THEME")
	if theme == "" {
		theme = "../../themes/default"
	}
	bl := New(Options{Site: os.DirFS(dir), Theme: os.DirFS(theme), Minify: true})
	plan, d := bl.Assemble()
	if d.HasErrors() {
		b.Fatal(d)
	}
	bl.Render(plan, never{})
	b.ReportAllocs()
	for b.Loop() {
		if _, d := bl.Render(plan, never{}); d.HasErrors() {
			b.Fatal(d)
		}
	}
}

// BenchmarkParse reads and parses the content files of a site (the test
// site, or the folder LOA_BENCH_SITE names, such as a corpus of
// bench/corpus) with a new builder each time, as a new loa build does:
// without a cache, writing an empty one, and reading a full one.
func BenchmarkParse(b *testing.B) {
	dir := os.Getenv("LOA_BENCH_SITE")
	if dir == "" {
		dir = "testdata/site"
	}
	// Loading the folder is timed apart: it is the same either way.
	parse := func(b *testing.B, cache string) int {
		b.StopTimer()
		bl := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), CacheDir: cache})
		cfg, d := bl.loadConfig()
		if cfg == nil {
			b.Fatal(d)
		}
		res, d := bl.loadResources(cfg)
		if d.HasErrors() {
			b.Fatal(d)
		}
		b.StartTimer()
		pages, _ := bl.parse(cfg, res)
		return len(pages)
	}
	b.Run("no cache", func(b *testing.B) {
		for b.Loop() {
			parse(b, "")
		}
	})
	b.Run("cold cache", func(b *testing.B) {
		for b.Loop() {
			parse(b, b.TempDir())
		}
	})
	b.Run("warm cache", func(b *testing.B) {
		cache := b.TempDir()
		parse(b, cache)
		for b.Loop() {
			parse(b, cache)
		}
	})
}

// BenchmarkProofread assembles a site and reads every content file for the
// proofreader (the test site, or the folder LOA_BENCH_SITE names) with a
// new builder each time and no cache, as a first loa check does: either
// ProofInput reads each file again after the parse, or the parse reads it
// for the proofreader as it parses it (Options.Proofread).
func BenchmarkProofread(b *testing.B) {
	dir := os.Getenv("LOA_BENCH_SITE")
	if dir == "" {
		dir = "testdata/site"
	}
	for _, tc := range []struct {
		name      string
		proofread bool
	}{{"ProofInput reads", false}, {"parse reads", true}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				bl := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Proofread: tc.proofread})
				plan, d := bl.Assemble()
				if plan == nil {
					b.Fatal(d)
				}
				bl.ProofInput(plan)
			}
		})
	}
}
