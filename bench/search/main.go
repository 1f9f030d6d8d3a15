// Command search compares Loa's search index with Pagefind's on one built
// site, in one run: for each query, written with and without marks, the
// number of results, the bytes a first query downloads (gzip-compressed, as
// a static host serves them) and the time to results in headless Chromium;
// and each index's size. Build costs are measured by bench/search/run.
//
//	go run ./bench/search -out OUT [-pagefind] [-chromium /usr/bin/chromium]
//
// OUT is a folder `loa build` wrote; with -pagefind, `pagefind --site OUT`
// must have run on it (bench/search/run does both). The server sends
// Cache-Control: no-store, so every query starts cold.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// queries are searches a reader of a provincial news site makes, each
// with its marks and as typed on a phone without them.
var queries = []string{
	"tiêm chủng", "nông thôn mới", "an toàn giao thông", "chuyển đổi số", "khuyến học",
	"trẻ em", "hợp tác xã", "y tế cơ sở", "di tích lịch sử", "cầu dân sinh",
	"tuyến đường ven biển", "đường dây nóng", "bạo lực gia đình", "Thái Bình",
}

// pfPage runs Pagefind's own API as its default UI would: search, then
// load the first ten results' data.
const pfPage = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>pagefind</title><body><p id="status"></p><script type="module">
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
window.__done = {count: search.results.length, ms: performance.now(), first: data.length ? data[0].url : ""};
</script></body></html>`

type server struct {
	root string
	mu   sync.Mutex
	gz   map[string]int // path → gzip size
	log  []string
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if name == "pf.html" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(pfPage))
		return
	}
	data, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(name)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	if _, ok := s.gz[name]; !ok {
		var b bytes.Buffer
		z, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		z.Write(data)
		z.Close()
		s.gz[name] = b.Len()
	}
	s.log = append(s.log, name)
	s.mu.Unlock()
	switch filepath.Ext(name) {
	case ".html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript")
	case ".json":
		w.Header().Set("Content-Type", "application/json")
	case ".css":
		w.Header().Set("Content-Type", "text/css")
	case ".wasm":
		w.Header().Set("Content-Type", "application/wasm")
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

// take returns the gzip bytes and count of requests under the given
// prefixes since the last take.
func (s *server) take(prefixes ...string) (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	total, n := 0, 0
	for _, name := range s.log {
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				total += s.gz[name]
				n++
				break
			}
		}
	}
	s.log = nil
	return total, n
}

type outcome struct {
	count, bytes, files int
	ms                  float64
}

func main() {
	out := flag.String("out", "", "a folder loa build wrote")
	withPF := flag.Bool("pagefind", false, "also measure Pagefind's index in OUT/pagefind")
	exe := flag.String("chromium", "/usr/bin/chromium", "Chromium")
	flag.Parse()
	if *out == "" {
		log.Fatal("give -out")
	}
	s := &server{root: *out, gz: map[string]int{}}
	srv := httptest.NewServer(s)
	defer srv.Close()

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(*exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(os.TempDir(), fmt.Sprintf("search-bench-%d", os.Getpid()))))
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if _, err := chromedp.Run(bctx, chromedp.Navigate("about:blank")); err != nil {
		log.Fatal(err)
	}

	loa := func(q string) outcome {
		ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
		defer cancel()
		s.take()
		_, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/tim-kiem/?q="+url.QueryEscape(q)))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const s = document.getElementById("search-status").textContent; return s !== "" && s !== document.getElementById("tim-kiem").dataset.searching })()`, chromedp.WithPollingInterval(2*time.Millisecond)))
		}
		var r struct {
			Count int     `json:"count"`
			Ms    float64 `json:"ms"`
		}
		if err == nil {
			r, err = chromedp.Run(ctx, chromedp.Evaluate[struct {
				Count int     `json:"count"`
				Ms    float64 `json:"ms"`
			}](`({count: parseInt((document.getElementById("search-status").textContent.match(/^[\d.]+/) || ["0"])[0].replace(/\./g, ""), 10), ms: performance.now()})`))
		}
		if err != nil {
			log.Fatalf("loa %q: %v", q, err)
		}
		b, n := s.take("tim-kiem/chi-muc/", "js/search.")
		return outcome{r.Count, b, n, r.Ms}
	}
	pf := func(q string) outcome {
		ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
		defer cancel()
		s.take()
		_, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/pf.html?q="+url.QueryEscape(q)))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](`!!window.__done`, chromedp.WithPollingInterval(2*time.Millisecond)))
		}
		var r struct {
			Count int     `json:"count"`
			Ms    float64 `json:"ms"`
		}
		if err == nil {
			r, err = chromedp.Run(ctx, chromedp.Evaluate[struct {
				Count int     `json:"count"`
				Ms    float64 `json:"ms"`
			}](`window.__done`))
		}
		if err != nil {
			log.Fatalf("pagefind %q: %v", q, err)
		}
		b, n := s.take("pagefind/")
		return outcome{r.Count, b, n, r.Ms}
	}

	fmt.Printf("%-26s | %8s %8s %6s %8s", "query", "loa hits", "loa KB", "files", "loa ms")
	if *withPF {
		fmt.Printf(" | %8s %8s %6s %8s", "pf hits", "pf KB", "files", "pf ms")
	}
	fmt.Println()
	var maxKB float64
	var sum [2]outcome
	n := 0
	for _, q := range queries {
		for _, form := range []string{q, fold(q)} {
			l := loa(form)
			maxKB = max(maxKB, float64(l.bytes)/1024)
			sum[0] = add(sum[0], l)
			fmt.Printf("%-26s | %8d %8.1f %6d %8.0f", form, l.count, float64(l.bytes)/1024, l.files, l.ms)
			if *withPF {
				p := pf(form)
				sum[1] = add(sum[1], p)
				fmt.Printf(" | %8d %8.1f %6d %8.0f", p.count, float64(p.bytes)/1024, p.files, p.ms)
			}
			fmt.Println()
			n++
		}
	}
	fmt.Printf("\nmean over %d queries: loa %.1f KB, %.0f ms; largest first query %.1f KB\n", n, float64(sum[0].bytes)/1024/float64(n), sum[0].ms/float64(n), maxKB)
	if *withPF {
		fmt.Printf("mean over %d queries: pagefind %.1f KB, %.0f ms\n", n, float64(sum[1].bytes)/1024/float64(n), sum[1].ms/float64(n))
	}
	report := func(name, dir string) {
		var files, raw, gz int64
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, _ := os.ReadFile(p)
			var b bytes.Buffer
			z := gzip.NewWriter(&b)
			z.Write(data)
			z.Close()
			files, raw, gz = files+1, raw+int64(len(data)), gz+int64(b.Len())
			return nil
		})
		fmt.Printf("%s index: %d files, %.1f MB on disk, %.1f MB gzip-compressed\n", name, files, float64(raw)/1e6, float64(gz)/1e6)
	}
	report("loa", filepath.Join(*out, "tim-kiem", "chi-muc"))
	if *withPF {
		report("pagefind", filepath.Join(*out, "pagefind"))
	}
}

func add(a, b outcome) outcome {
	return outcome{a.count + b.count, a.bytes + b.bytes, a.files + b.files, a.ms + b.ms}
}

// fold drops the marks as a phone keyboard without them would type.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if base, ok := plain[r]; ok {
			b.WriteRune(base)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var plain = func() map[rune]rune {
	m := map[rune]rune{}
	for base, marked := range map[rune]string{
		'a': "àáảãạăằắẳẵặâầấẩẫậ", 'e': "èéẻẽẹêềếểễệ", 'i': "ìíỉĩị", 'o': "òóỏõọôồốổỗộơờớởỡợ",
		'u': "ùúủũụưừứửữự", 'y': "ỳýỷỹỵ", 'd': "đ",
		'A': "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", 'E': "ÈÉẺẼẸÊỀẾỂỄỆ", 'I': "ÌÍỈĨỊ", 'O': "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ",
		'U': "ÙÚỦŨỤƯỪỨỬỮỰ", 'Y': "ỲÝỶỸỴ", 'D': "Đ",
	} {
		for _, r := range marked {
			m[r] = base
		}
	}
	return m
}()
