// Command corpus writes a synthetic Vietnamese news site that both Loa and
// Hugo can build, for the side-by-side benchmark in bench/run.
//
//	go run ./bench/corpus -n 10000 -seed 1 -out DIR
//
// The output is a pure function of -n and -seed: every item draws from its
// own PCG stream (seed, item number), and nothing is written in map order.
// It imports only the standard library.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

const (
	section   = "tin-tuc"
	numImages = 6
	baseURL   = "https://loa.example.gov.vn/"
	siteTitle = "Cổng thông tin điện tử Loa"
)

func main() {
	n := flag.Int("n", 1000, "number of news items")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same site")
	out := flag.String("out", "", "site folder to create (must be missing or empty)")
	theme := flag.String("theme", "bench/hugo-theme", "Hugo theme to copy into DIR/themes/bench (empty: skip)")
	flag.Parse()
	if *out == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := generate(*out, *theme, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

func generate(dir, theme string, n int, seed uint64) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", section), 0o755); err != nil {
		return err
	}
	files := map[string]string{
		"hugo-bench.toml":           hugoConfig,
		"config.toml":               loaConfig,
		"content/_index.md":         "+++\ntitle = \"Trang chủ\"\n+++\n",
		"content/tin-tuc/_index.md": "+++\ntitle = \"Tin tức\"\ndescription = \"Tin tức mới nhất từ các địa phương.\"\n+++\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	if err := writeImages(filepath.Join(dir, "static", "images")); err != nil {
		return fmt.Errorf("write images: %w", err)
	}
	if theme != "" {
		if err := copyDir(theme, filepath.Join(dir, "themes", "bench")); err != nil {
			return fmt.Errorf("copy theme: %w", err)
		}
	}
	return writeItems(filepath.Join(dir, "content", section), n, seed)
}

// writeItems writes items 1..n with a worker per CPU; each item has its own
// random stream, so the order of writing does not change the bytes.
func writeItems(dir string, n int, seed uint64) error {
	next := make(chan int)
	errs := make(chan error, runtime.NumCPU())
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for i := range next {
				name, text := item(seed, i)
				if err := os.WriteFile(filepath.Join(dir, name), text, 0o644); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for i := 1; i <= n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	return <-errs
}

// item returns the file name and bytes of news item i.
func item(seed uint64, i int) (string, []byte) {
	p := prose{r: rand.New(rand.NewPCG(seed, uint64(i)))}
	title := p.title()
	ict := time.FixedZone("ICT", 7*3600)
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, ict)
	span := time.Date(2026, 1, 1, 0, 0, 0, 0, ict).Sub(start)
	date := start.Add(time.Duration(p.r.Int64N(int64(span/time.Minute))) * time.Minute)

	var b bytes.Buffer
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", quote(title))
	fmt.Fprintf(&b, "date = %s\n", date.Format(time.RFC3339))
	fmt.Fprintf(&b, "description = %s\n", quote(p.description()))
	fmt.Fprintf(&b, "categories = %s\n", list(p.pickN(categories, 1+p.r.IntN(2))))
	fmt.Fprintf(&b, "tags = %s\n", list(p.pickN(tags, 2+p.r.IntN(3))))
	fmt.Fprintf(&b, "author = %s\n", quote(p.pick(authors)))
	b.WriteString("+++\n\n")
	b.WriteString(p.body(500+p.r.IntN(201), numImages))
	return fmt.Sprintf("%05d-%s.md", i, slug(title)), b.Bytes()
}

// quote writes a TOML basic string; the generated text holds no control characters.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func list(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// foldRune maps a Vietnamese letter to its base ASCII letter, đ included.
func foldRune(r rune) rune {
	for _, g := range []string{
		"aàáảãạăằắẳẵặâầấẩẫậ", "eèéẻẽẹêềếểễệ", "iìíỉĩị", "oòóỏõọôồốổỗộơờớởỡợ",
		"uùúủũụưừứửữự", "yỳýỷỹỵ", "dđ",
	} {
		if strings.ContainsRune(g, r) {
			return rune(g[0])
		}
	}
	return r
}

// slug turns a title into a short ASCII path segment.
func slug(title string) string {
	s := strings.Map(foldRune, strings.ToLower(title))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	out := b.String()
	for len(out) > 60 {
		cut := strings.LastIndexByte(out[:60], '-')
		if cut < 0 {
			return out[:60]
		}
		out = out[:cut]
	}
	return out
}

// writeImages writes small valid JPEGs, each a gradient of its own colour.
func writeImages(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for k := 1; k <= numImages; k++ {
		img := image.NewRGBA(image.Rect(0, 0, 96, 64))
		for y := range 64 {
			for x := range 96 {
				img.Set(x, y, color.RGBA{uint8(40 * k), uint8(x * 2), uint8(y * 3), 255})
			}
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 70}); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("anh-%d.jpg", k)), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func copyDir(src, dst string) error {
	if _, err := os.Stat(src); err != nil {
		return errors.New(src + " not found; run from the repository root or pass -theme")
	}
	return os.CopyFS(dst, os.DirFS(src))
}
