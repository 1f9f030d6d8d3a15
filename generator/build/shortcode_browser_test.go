package build

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestVideoFacadeAsksNobody: a page with a YouTube video, under the
// theme's Content-Security-Policy, asks nothing of any other host until
// the reader presses play from the keyboard; then the player from
// youtube-nocookie.com takes the link's place (offline, its request fails:
// that is fine).
func TestVideoFacadeAsksNobody(t *testing.T) {
	files, diags := buildFS(t, shortcodeSite(t, "Đoạn đầu.\n\n{{< youtube id=\"ZJthWmvUzzc\" title=\"Phát động Tháng hành động\" >}}\n\nhttps://vimeo.com/146022717\n"), true)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	srv := serveOutputs(t, files)

	ctx := browser(t)
	ctx, cancelTime := context.WithTimeout(ctx, 30*time.Second)
	defer cancelTime()

	reqs := recordRequests(t, ctx)
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		// Violations of the page's Content-Security-Policy are kept for the end.
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__csp = []; document.addEventListener("securitypolicyviolation", function (e) { window.__csp.push(e.violatedDirective + " " + e.blockedURI); });`})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/tin-tuc/bai/"),
		chromedp.WaitVisible(`a[data-video="youtube"]`), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if seen := reqs.all(); len(seen) < 3 {
		t.Fatalf("the page, its style and its script were not seen: %v", seen)
	}
	if o := reqs.offHost(); len(o) > 0 {
		t.Fatalf("before play the page asked other hosts: %v", o)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(`a[data-video="youtube"]`), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitReady(`iframe.video-player`)); err != nil {
		t.Fatal(err)
	}
	type player struct {
		Src, Title, Focused string
		Links               int
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[player](`(function () {
		var f = document.querySelector("iframe.video-player");
		return {Src: f.src, Title: f.title, Focused: document.activeElement.tagName,
			Links: document.querySelectorAll("a[data-video]").length};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Src, "https://www.youtube-nocookie.com/embed/ZJthWmvUzzc") || got.Title != "Phát động Tháng hành động" ||
		got.Focused != "IFRAME" || got.Links != 1 {
		t.Errorf("after play: %+v", got)
	}
	if v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.__csp.join("\n")`)); err != nil || v != "" {
		t.Errorf("Content-Security-Policy violations: %q %v", v, err)
	}
	// The listener sees other hosts: the player was asked for. The Vimeo
	// link of the same page is still a link: nothing asked of Vimeo.
	if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	asked := false
	for _, r := range reqs.offHost() {
		asked = asked || strings.HasPrefix(r, "https://www.youtube-nocookie.com/embed/ZJthWmvUzzc?autoplay=1")
		if strings.Contains(r, "vimeo") {
			t.Errorf("vimeo asked before its play: %s", r)
		}
	}
	if !asked {
		t.Errorf("no request to the player seen after play: %v", reqs.offHost())
	}
}
