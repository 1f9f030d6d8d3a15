package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"loa/generator/build"
)

// tinySite is a whole site with its layouts on disk, so that tests never
// depend on the default theme.
var tinySite = map[string]string{
	"config.toml": `baseURL = "https://thu.gov.vn/"
title = "Trang thử"
languageCode = "vi"
timeZone = "Asia/Ho_Chi_Minh"
pagerSize = 3
[taxonomies]
tag = "tags"
`,
	"layouts/_default/baseof.html": `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title>` +
		`<link rel="stylesheet" href="{{ asset "css/main.css" }}"></head><body>{{ block "main" . }}{{ end }}</body></html>`,
	"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1><div class="content">{{ safeHTML .Content }}</div>{{ end }}`,
	"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ with .Paginator }}{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}{{ end }}</ul>{{ end }}`,
	"layouts/404.html":             `{{ define "main" }}<h1>Không tìm thấy</h1>{{ end }}`,
	"assets/css/main.css":          "body { color: #222 }\n",
	"static/logo.svg":              `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>`,
	"content/_index.md":            "+++\ntitle = \"Trang chủ\"\n+++\n",
	"content/tin-tuc/_index.md":    "+++\ntitle = \"Tin tức\"\n+++\n",
	"content/tin-tuc/hop-ban.md":   "+++\ntitle = \"Họp Ban\"\ndate = 2025-03-01T08:00:00+07:00\ntags = [\"hội nghị\"]\n+++\n\nBan họp thường kỳ.\n",
	"content/tin-tuc/tap-huan.md":  "+++\ntitle = \"Tập huấn\"\ndate = 2025-03-02T08:00:00+07:00\ntags = [\"đào tạo\"]\n+++\n\nTập huấn cán bộ xã.\n",
}

func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeFile(t, dir, name, text)
	}
	return dir
}

func writeFile(t testing.TB, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

var fixedNow = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

func testOptions(dir string) Options {
	return Options{
		Dir:    dir,
		Build:  build.Options{Theme: fstest.MapFS{}, Minify: true, Now: fixedNow},
		Port:   0,
		Quiet:  10 * time.Millisecond,
		Stdout: io.Discard,
		Stderr: io.Discard,
	}
}

// running is a server started for one test; it is stopped at cleanup.
type running struct {
	*Server
	out *syncBuffer
}

func start(t testing.TB, opts Options) *running {
	t.Helper()
	out := &syncBuffer{}
	opts.Stdout, opts.Stderr = out, out
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("Run did not return after cancel")
		}
	})
	return &running{Server: s, out: out}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// events connects to the server's event stream like a page does.
func events(t testing.TB, url string) <-chan message {
	t.Helper()
	return eventsOf(t, url, "")
}

// eventsOf is events as the page at the address page hears them.
func eventsOf(t testing.TB, url, page string) <-chan message {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"__loa/events?page="+neturl.QueryEscape(page), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	ch := make(chan message, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var m message
			if json.Unmarshal([]byte(line), &m) == nil {
				ch <- m
			}
		}
		close(ch)
	}()
	t.Cleanup(cancel)
	<-ch // the state sent on connecting
	return ch
}

// next waits for a message that satisfies ok.
func next(t testing.TB, ch <-chan message, ok func(message) bool) message {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case m, open := <-ch:
			if !open {
				t.Fatal("event stream closed")
			}
			if ok(m) {
				return m
			}
		case <-timeout:
			t.Fatal("no matching event within 10 s")
		}
	}
}

func get(t testing.TB, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// waitFor waits until ok holds, for at most 10 s.
func waitFor(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
