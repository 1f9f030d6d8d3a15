// Command floor is the benchmark's lower bound: the least work that still
// turns every content/**/*.md into a minified HTML page, with no site model,
// no templates and no taxonomies. Loa's time over floor's tells how much the
// rest of the pipeline costs.
//
//	go run ./bench/floor -s DIR -d OUT
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func main() {
	src := flag.String("s", ".", "site folder")
	dst := flag.String("d", "public", "output folder")
	flag.Parse()
	var files []string
	root := filepath.Join(*src, "content")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		fail(err)
	}
	m := minify.New()
	m.AddFunc("text/html", mhtml.Minify)
	titleRE := regexp.MustCompile(`(?m)^title\s*=\s*"(.*)"\s*$`)
	paths := make(chan string)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM))
		wg.Go(func() {
			for path := range paths {
				if err := page(md, m, titleRE, root, *dst, path); err != nil {
					fail(err)
				}
			}
		})
	}
	for _, f := range files {
		paths <- f
	}
	close(paths)
	wg.Wait()
}

// page converts one Markdown file to OUT/<path>/index.html.
func page(md goldmark.Markdown, m *minify.M, titleRE *regexp.Regexp, root, dst, path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	front, body := []byte(nil), src
	if rest, ok := bytes.CutPrefix(src, []byte("+++\n")); ok {
		if end := bytes.Index(rest, []byte("\n+++\n")); end >= 0 {
			front, body = rest[:end], rest[end+5:]
		}
	}
	title := ""
	if t := titleRE.FindSubmatch(front); t != nil {
		title = string(t[1])
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n</head>\n<body>\n<h1>%s</h1>\n",
		html.EscapeString(title), html.EscapeString(title))
	if err := md.Convert(body, &b); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	b.WriteString("</body>\n</html>\n")
	rel, _ := filepath.Rel(root, path)
	rel = strings.TrimSuffix(rel, ".md")
	if base := filepath.Base(rel); base == "_index" || base == "index" {
		rel = filepath.Dir(rel)
	}
	out := filepath.Join(dst, rel, "index.html")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	var min bytes.Buffer
	if err := m.Minify("text/html", &min, &b); err != nil {
		return fmt.Errorf("%s: minify: %w", path, err)
	}
	return os.WriteFile(out, min.Bytes(), 0o644)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "floor:", err)
	os.Exit(1)
}
