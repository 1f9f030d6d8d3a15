package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkAnalyze splits and numbers the syllables of real pages' text,
// from nothing, as a first build does: the Markdown files of the folder
// LOA_BENCH_CONTENT names (such as a corpus of bench/corpus's content), or
// of the example site. The Markdown stands for the plain text the build
// hands over: the same words, with a few marks between.
func BenchmarkAnalyze(b *testing.B) {
	dir := os.Getenv("LOA_BENCH_CONTENT")
	if dir == "" {
		dir = "../../content"
	}
	docs := markdownDocs(b, dir)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Title) + len(d.Lead) + len(d.Body()))
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
		var d Doc
		text := string(src)
		if rest, ok := strings.CutPrefix(text, "+++\n"); ok {
			front, body, _ := strings.Cut(rest, "\n+++\n")
			for line := range strings.Lines(front) {
				key, value, _ := strings.Cut(strings.TrimSpace(line), " = ")
				switch key {
				case "title":
					d.Title, _ = strconv.Unquote(value)
				case "description":
					d.Lead, _ = strconv.Unquote(value)
				case "categories", "tags":
					for s := range strings.SplitSeq(strings.Trim(value, "[]"), ",") {
						if s, err := strconv.Unquote(strings.TrimSpace(s)); err == nil {
							d.Terms = append(d.Terms, s)
						}
					}
				}
			}
			text = body
		}
		d.Body = body(text)
		docs = append(docs, d)
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
