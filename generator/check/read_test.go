package check

import (
	"os"
	"path/filepath"
	"testing"

	"loa/generator/config"
	"loa/generator/page"
)

// readInput is a file as Read takes it: its bytes, parse and Proof.
type readInput struct {
	name  string
	src   []byte
	pg    *page.Page
	proof *page.Proof
}

// readFiles parses the files that match patterns, as files of the
// section tin-tuc.
func readFiles(tb testing.TB, patterns ...string) []readInput {
	tb.Helper()
	cfg, diags := config.Parse(nil)
	if cfg == nil {
		tb.Fatal(diags)
	}
	p := page.NewParser(cfg)
	var names []string
	for _, pattern := range patterns {
		found, _ := filepath.Glob(pattern)
		if len(found) == 0 {
			tb.Fatalf("no files match %s", pattern)
		}
		names = append(names, found...)
	}
	var out []readInput
	for _, file := range names {
		src, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		name := "content/tin-tuc/" + filepath.Base(file)
		pg, _ := p.Parse(name, src)
		out = append(out, readInput{name, src, pg, p.Proof(name, src)})
	}
	return out
}

// BenchmarkRead reads each file of a set once per op: the proofreader's
// own work on a file, its parse done. news are five items as the corpus
// generator (bench/corpus) writes them, clean Unicode as most of a site
// is; pasted are files put together from old sources (a paragraph
// decomposed, one in TCVN3, one in VISCII, tones of the new style,
// invisible characters, abbreviations) and those of testdata/fix. site
// are the items of the site in LOA_BENCH_SITE, when set (as for
// generator/build's benchmarks): a corpus of a thousand reads as a site.
func BenchmarkRead(b *testing.B) {
	sets := []struct {
		name     string
		patterns []string
	}{
		{"news", []string{"testdata/news/*.md"}},
		{"pasted", []string{"testdata/pasted/*.md", "testdata/fix/*.md"}},
	}
	if dir := os.Getenv("LOA_BENCH_SITE"); dir != "" {
		sets = append(sets, struct {
			name     string
			patterns []string
		}{"site", []string{filepath.Join(dir, "content", "*", "*.md")}})
	}
	for _, set := range sets {
		b.Run(set.name, func(b *testing.B) {
			files := readFiles(b, set.patterns...)
			size := 0
			for _, f := range files {
				size += len(f.src)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range files {
					Read(f.name, f.src, f.pg, f.proof)
				}
			}
		})
	}
}
