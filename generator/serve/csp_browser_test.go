package serve

import (
	"context"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// cspSite is a small site on the real default theme, whose pages carry a
// Content-Security-Policy in a meta element (script-src 'self'; style-src
// 'self'; connect-src 'self'). What the preview adds must work under it.
var cspSite = map[string]string{
	"config.toml": `baseURL = "https://thu.gov.vn/"
title = "Trang thử"
languageCode = "vi"
timeZone = "Asia/Ho_Chi_Minh"
`,
	"content/_index.md":          "+++\ntitle = \"Trang chủ\"\n+++\n",
	"content/tin-tuc/_index.md":  "+++\ntitle = \"Tin tức\"\n+++\n",
	"content/tin-tuc/hop-ban.md": "+++\ntitle = \"Họp Ban\"\ndate = 2025-03-01T08:00:00+07:00\n+++\n\n" + strings.Repeat("Ban họp thường kỳ.\n\n", 200),
}

// recordCSP keeps every Content-Security-Policy violation of the page in
// sessionStorage, so that those of a document that reloaded are kept.
const recordCSP = `document.addEventListener("securitypolicyviolation", function (e) {
  var v = JSON.parse(sessionStorage.getItem("__csp") || "[]");
  v.push(e.violatedDirective + " " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber);
  sessionStorage.setItem("__csp", JSON.stringify(v));
}, true);`

// console collects what the browser logs about the policy and the
// scripts' uncaught exceptions; listen runs in chromedp's reading loop,
// so it only appends.
type console struct {
	mu    sync.Mutex
	lines []string
}

func (c *console) listen(ev any) {
	var line string
	switch ev := ev.(type) {
	case *log.EventEntryAdded:
		if strings.Contains(ev.Entry.Text, "Content Security Policy") {
			line = "log: " + ev.Entry.Text
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		line = "exception: " + d.Text
		if d.Exception != nil {
			line += " " + d.Exception.Description
		}
	}
	if line != "" {
		c.mu.Lock()
		c.lines = append(c.lines, line)
		c.mu.Unlock()
	}
}

// take returns what was collected since the last take.
func (c *console) take() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := strings.Join(c.lines, "\n")
	c.lines = nil
	return s
}

// TestBrowserCSP previews a site on the default theme: live reload, the
// stylesheet swap and the error overlay work, and the browser reports no
// violation of the page's Content-Security-Policy on the way.
func TestBrowserCSP(t *testing.T) {
	ctx := browser(t)
	var c console
	if err := chromedp.Listen(ctx, c.listen); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // a blocked script shows first as a wait that failed
		if lines := c.take(); t.Failed() && lines != "" {
			t.Logf("the browser reported\n%s", lines)
		}
	})
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, log.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordCSP})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, cspSite)
	opts := testOptions(dir)
	opts.Build.Theme = os.DirFS("../../themes/default")
	s := start(t, opts)
	noViolations := func(when string) {
		t.Helper()
		v := eval[string](t, ctx, `(function () { var v = sessionStorage.getItem("__csp") || "[]"; sessionStorage.removeItem("__csp"); return v })()`)
		if v != "[]" {
			t.Errorf("%s: Content-Security-Policy violations %s", when, v)
		}
		if lines := c.take(); lines != "" {
			t.Errorf("%s: the browser reported\n%s", when, lines)
		}
	}
	overlayStyled := `(function () {
		var o = document.getElementById("__loa-overlay");
		if (!o) return false;
		var st = getComputedStyle(o);
		return st.position === "fixed" && st.zIndex === "2147483647" && st.backgroundColor === "rgba(20, 20, 20, 0.92)" &&
			getComputedStyle(o.querySelector(".__loa-pos")).display === "block";
	})()`

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+"tin-tuc/hop-ban/")); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the page and its live-reload script", `window.__loa && window.__loa.ready && document.querySelector("h1").textContent === "Họp Ban"`)
	waitFor(t, "the page to listen", func() bool { return s.hub.count() > 0 })
	policy := eval[string](t, ctx, `(document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || ""`)
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "connect-src 'self'"} {
		if !strings.Contains(policy, want) {
			t.Fatalf("the default theme's policy %q lacks %s: this test no longer tests it", policy, want)
		}
	}
	noViolations("after load")

	// A content edit shows without a manual reload.
	text := strings.Replace(cspSite["content/tin-tuc/hop-ban.md"], "Ban họp thường kỳ.", "Ban họp bất thường.", 1)
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", text)
	poll(t, ctx, "the edit", `document.querySelector(".content") && document.querySelector(".content").textContent.indexOf("Ban họp bất thường.") >= 0`)
	poll(t, ctx, "the live-reload script after the reload", `window.__loa && window.__loa.ready`)
	waitFor(t, "the page to listen again", func() bool { return s.hub.count() > 0 })
	noViolations("after an edit")

	// A stylesheet edit swaps the stylesheet in place.
	css, err := os.ReadFile("../../themes/default/assets/css/main.css")
	if err != nil {
		t.Fatal(err)
	}
	eval[chromedp.Void](t, ctx, `window.scrollTo(0, 1000); window.__stay = 42`)
	writeFile(t, dir, "assets/css/main.css", string(css)+"\nbody { color: rgb(1, 2, 3) !important }\n")
	poll(t, ctx, "the new stylesheet", `getComputedStyle(document.body).color === "rgb(1, 2, 3)"`)
	if stay := eval[int](t, ctx, `window.__stay || 0`); stay != 42 {
		t.Errorf("the page reloaded for a CSS-only change")
	}
	noViolations("after a stylesheet edit")

	// A broken front matter shows the overlay, styled, with file and line.
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", strings.Replace(text, `title = "Họp Ban"`, `title = "Họp Ban`, 1))
	poll(t, ctx, "the error overlay, styled", overlayStyled)
	msg := eval[string](t, ctx, `document.getElementById("__loa-overlay").innerText`)
	if !regexp.MustCompile(`content/tin-tuc/hop-ban\.md:2(:\d+)?`).MatchString(msg) || !strings.Contains(msg, "Lỗi khi dựng trang") {
		t.Errorf("overlay = %q, want the file name with line 2", msg)
	}
	noViolations("with the overlay")

	// A page opened during the error gets the overlay from the server,
	// styled too.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+"tin-tuc/")); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the served overlay, styled", overlayStyled+` && window.__loa && window.__loa.ready`)
	waitFor(t, "the page to listen", func() bool { return s.hub.count() > 0 })
	noViolations("with the served overlay")

	// Fixing it clears the overlay by itself.
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", text)
	poll(t, ctx, "the overlay to go", `document.getElementById("__loa-overlay") === null && window.__loa && window.__loa.ready`)
	noViolations("after the fix")
}
