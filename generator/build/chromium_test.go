package build

import (
	"context"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// serveOutputs serves a build's outputs held in memory, as a static host
// does: folders by their index.html, each file with its media type. The
// server stops when the test ends.
func serveOutputs(t *testing.T, files map[string][]byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if t := mime.TypeByExtension(path.Ext(name)); t != "" {
			w.Header().Set("Content-Type", t)
		}
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// browser starts headless Chromium with a fresh profile, closed when the
// test ends, with the flags this machine's closed network needs. A
// Chromium that exits before it answers (seen twice in full runs of the
// tests, while other packages' tests loaded the machine, never alone) is
// started again, three times at most: what the tests assert is the page's
// behaviour, not the browser's start.
func browser(t *testing.T) context.Context {
	t.Helper()
	for attempt := 1; ; attempt++ {
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
			chromedp.ExecPath(chromium(t)), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.UserDataDir(t.TempDir()))
		ctx, cancel := chromedp.NewContext(actx)
		err := chromedp.Do(ctx) // starts the browser
		if err == nil {
			t.Cleanup(cancelAlloc)
			t.Cleanup(cancel)
			return ctx
		}
		cancel()
		cancelAlloc()
		if attempt == 3 || !strings.Contains(err.Error(), "failed to start") {
			t.Fatalf("start chromium (attempt %d): %v", attempt, err)
		}
		t.Logf("chromium did not start (attempt %d), starting it again: %v", attempt, err)
	}
}

// chromium finds Debian's Chromium for the browser tests; without it a test
// is skipped, except under CI, which must have installed it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if found, err := exec.LookPath(p); err == nil {
			return found
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found; CI must install it (apt-get install chromium)")
	}
	t.Skip("chromium not found")
	return ""
}

// requestLog records every request the browser makes: a page must ask
// nothing of another site before the reader acts.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

func recordRequests(t *testing.T, ctx context.Context) *requestLog {
	t.Helper()
	l := &requestLog{}
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			l.mu.Lock()
			l.urls = append(l.urls, e.Request.URL)
			l.mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return l
}

func (l *requestLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.urls...)
}

// offHost lists the requests to another machine; data: addresses are the
// browser's own (its video controls).
func (l *requestLog) offHost() []string {
	var out []string
	for _, r := range l.all() {
		if u, err := url.Parse(r); err != nil || (u.Scheme != "data" && u.Hostname() != "127.0.0.1") {
			out = append(out, r)
		}
	}
	return out
}
