package serve

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestCheckPanel previews a page the proofreader has things to say about,
// on the default theme and its Content-Security-Policy: the warnings show
// in a small panel in the bottom corner, on a desktop and a phone, that
// leaves the main heading clear, collapses to its button (and stays so
// after a reload), and goes once the page is fixed. The terminal says the
// same, and the browser reports no violation of the policy.
func TestCheckPanel(t *testing.T) {
	ctx := browser(t)
	var c console
	if err := chromedp.Listen(ctx, c.listen); err != nil {
		t.Fatal(err)
	}
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
	files := map[string]string{}
	for k, v := range cspSite {
		files[k] = v
	}
	bad := "+++\ntitle = \"Họp Ban\"\ndate = 2025-03-01T08:00:00+07:00\n+++\n\nBan họp  thường kỳ.\n\n![](anh.png)\n\n" + strings.Repeat("Ban họp thường kỳ.\n\n", 60)
	good := "+++\ntitle = \"Họp Ban\"\ndate = 2025-03-01T08:00:00+07:00\ndescription = \"Ban họp thường kỳ.\"\n+++\n\nBan họp thường kỳ.\n\n" + strings.Repeat("Ban họp thường kỳ.\n\n", 60)
	files["content/tin-tuc/hop-ban.md"] = bad
	var png8 bytes.Buffer
	png.Encode(&png8, image.NewGray(image.Rect(0, 0, 8, 8)))
	files["content/tin-tuc/anh.png"] = png8.String()
	files["content/tin-tuc/_index.md"] = "+++\ntitle = \"Tin tức\"\ndescription = \"Tin hoạt động.\"\n+++\n"
	dir := writeSite(t, files)
	opts := testOptions(dir)
	opts.Build.Theme = os.DirFS("../../themes/default")
	s := start(t, opts)

	for _, size := range []struct{ w, h int64 }{{1280, 800}, {375, 667}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate(s.URL()+"tin-tuc/hop-ban/")); err != nil {
			t.Fatal(err)
		}
		poll(t, ctx, "the panel of warnings", `document.getElementById("__loa-check") && getComputedStyle(document.getElementById("__loa-check")).position === "fixed"`)
		text := eval[string](t, ctx, `document.getElementById("__loa-check").innerText`)
		for _, want := range []string{"Soát lỗi: 3 cảnh báo", "content/tin-tuc/hop-ban.md:6:8", "2 khoảng trắng liền nhau [check:doubleSpace]",
			"content/tin-tuc/hop-ban.md:8:1", "ảnh chưa có mô tả (alt)", "content/tin-tuc/hop-ban.md:1:1", "bài chưa có sapo", "Gợi ý: "} {
			if !strings.Contains(text, want) {
				t.Errorf("%dx%d: the panel lacks %q:\n%s", size.w, size.h, want, text)
			}
		}
		// In the corner, inside the window, clear of the main heading.
		placed := eval[string](t, ctx, `(function () {
			var p = document.getElementById("__loa-check").getBoundingClientRect(), h = document.querySelector("h1").getBoundingClientRect();
			var overlap = !(p.right <= h.left || p.left >= h.right || p.bottom <= h.top || p.top >= h.bottom);
			if (overlap) return "covers the heading: panel " + JSON.stringify(p) + ", h1 " + JSON.stringify(h);
			if (p.bottom > innerHeight || p.right > innerWidth || p.left < 0) return "outside the window: " + JSON.stringify(p);
			if (p.height > innerHeight * 0.5) return "taller than half the window: " + p.height;
			return "";
		})()`)
		if placed != "" {
			t.Errorf("%dx%d: the panel %s", size.w, size.h, placed)
		}
	}

	// The button collapses it, and a reload keeps it collapsed.
	if err := chromedp.Do(ctx, chromedp.Click(`#__loa-check button`)); err != nil {
		t.Fatal(err)
	}
	collapsed := `document.getElementById("__loa-check") && getComputedStyle(document.getElementById("__loa-check")).position === "fixed" &&
		document.querySelector("#__loa-check ul").hidden &&
		document.querySelector("#__loa-check button").getAttribute("aria-expanded") === "false" &&
		document.getElementById("__loa-check").getBoundingClientRect().height < 60`
	poll(t, ctx, "the panel collapsed", collapsed)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the panel still collapsed after a reload", collapsed+` && window.__loa && window.__loa.ready`)
	waitFor(t, "the page to listen", func() bool { return s.hub.count() > 0 })
	if err := chromedp.Do(ctx, chromedp.Click(`#__loa-check button`)); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the panel open again", `!document.querySelector("#__loa-check ul").hidden`)

	if out := s.out.String(); !strings.Contains(out, "content/tin-tuc/hop-ban.md:6:8: cảnh báo: 2 khoảng trắng liền nhau [check:doubleSpace]") {
		t.Errorf("the terminal does not list the finding:\n%s", out)
	}

	// Fixing the page takes the panel away, without a click.
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", good)
	poll(t, ctx, "the panel to go", `document.getElementById("__loa-check") === null && document.querySelector(".content").textContent.indexOf("Ban họp thường kỳ.") >= 0`)
	if v := eval[string](t, ctx, `sessionStorage.getItem("__csp") || "[]"`); v != "[]" {
		t.Errorf("Content-Security-Policy violations %s", v)
	}
	if lines := c.take(); lines != "" {
		t.Errorf("the browser reported\n%s", lines)
	}
}
