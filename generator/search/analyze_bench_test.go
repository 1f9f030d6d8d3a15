package search

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// BenchmarkAnalyze splits and numbers the syllables of real pages' text,
// from nothing, as a first build does: the Markdown files of the site
// LOA_BENCH_SITE names (such as a corpus of bench/corpus), as for the
// other benchmarks, or of the example site. The Markdown stands for the
// plain text the build hands over: the same words, with a few marks
// between.
func BenchmarkAnalyze(b *testing.B) {
	site := os.Getenv("LOA_BENCH_SITE")
	if site == "" {
		site = "../.."
	}
	docs := markdownDocs(b, filepath.Join(site, "content"))
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Title) + len(d.Lead) + len(bodyOf(d)))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		var voc vocabulary
		analyzeAll(docs, 0, &voc)
	}
}

// markdownDocs reads every Markdown file under dir as a Doc: the title,
// description, categories and tags of its TOML front matter, and the rest
// as its body.
func markdownDocs(b *testing.B, dir string) []Doc {
	var docs []Doc
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(src)
		var front struct {
			Title, Description string
			Categories, Tags   []string
		}
		if rest, ok := strings.CutPrefix(text, "+++\n"); ok {
			var fm string
			fm, text, _ = strings.Cut(rest, "\n+++\n")
			if _, err := toml.Decode(fm, &front); err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
		}
		docs = append(docs, Doc{Title: front.Title, Lead: front.Description,
			Terms: append(front.Categories, front.Tags...), Body: body(text)})
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) == 0 {
		b.Fatalf("no Markdown files in %s", dir)
	}
	return docs
}
