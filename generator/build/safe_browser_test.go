package build

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestHostileTextInBrowser loads every page of the hostile site in Chromium,
// with inline scripts allowed by its policy so that only escaping stands
// between the text and the reader: no payload may run, no dialog open.
func TestHostileTextInBrowser(t *testing.T) {
	exe := chromium(t)
	files := buildHostile(t)
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
		if path.Ext(name) == ".html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Write(data)
	}))
	defer srv.Close()

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	var dialogs atomic.Int32
	// A dialog blocks the page: the evaluation below then times out too.
	if err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
		}
	}); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	var pages []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, name)
		}
	}
	sort.Strings(pages)
	for _, name := range pages {
		pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		_, err := chromedp.Run(pctx, chromedp.Navigate(srv.URL+"/"+name))
		if err == nil {
			_, err = chromedp.Run(pctx, chromedp.Sleep(50*time.Millisecond)) // autofocus and deferred scripts run
		}
		var pwned bool
		if err == nil {
			pwned, err = chromedp.Run(pctx, chromedp.Evaluate[bool](`!!window.__pwned`))
		}
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if pwned {
			t.Errorf("%s ran the hostile script", name)
		}
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d dialogs opened", n)
	}
	t.Logf("%d pages loaded", len(pages))
}
