package build

import (
	"context"
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
	files := buildHostile(t)
	srv := serveOutputs(t, files)

	ctx := browser(t)
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
