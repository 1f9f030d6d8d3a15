package serve

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds Debian's Chromium; without it the browser test is skipped,
// except on CI, which installs it.
func chromium(t *testing.T) string {
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found; CI must install it (apt-get install chromium)")
	}
	t.Skip("chromium not found")
	return ""
}

// browser starts a Chromium of its own for the test. One that exits
// before it answers (seen on CI machines, now and then) is started again,
// three times at most.
func browser(t *testing.T) context.Context {
	for attempt := 1; ; attempt++ {
		ctx, err := startBrowser(t)
		switch {
		case err == nil:
			return ctx
		case attempt == 3 || !strings.Contains(err.Error(), "failed to start"):
			t.Fatalf("start chromium (attempt %d): %v", attempt, err)
		}
		t.Logf("chromium did not start (attempt %d), starting it again: %v", attempt, err)
	}
}

func startBrowser(t *testing.T) (context.Context, error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		cancel()
		cancelAlloc()
		return nil, err
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx, nil
}

// poll waits until the JavaScript expression is truthy, across reloads.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		var ok bool
		ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waited 15 s for %s (%s); last error %v", what, expr, err)
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func TestBrowser(t *testing.T) {
	ctx := browser(t)
	files := map[string]string{}
	for k, v := range tinySite {
		files[k] = v
	}
	// A long page, so that scrolling means something.
	long := strings.Replace(tinySite["content/tin-tuc/hop-ban.md"], "Ban họp thường kỳ.", strings.Repeat("Ban họp thường kỳ.\n\n", 300), 1)
	files["content/tin-tuc/hop-ban.md"] = long
	dir := writeSite(t, files)
	s := start(t, testOptions(dir))

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+"tin-tuc/hop-ban/")); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the page and its live-reload script", `window.__loa && document.querySelector("h1").textContent === "Họp Ban"`)
	waitFor(t, "the page to listen", func() bool { return s.hub.count() > 0 })

	// An edit shows without a manual reload.
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", strings.Replace(long, "Họp Ban", "Họp Ban mở rộng", 1))
	poll(t, ctx, "the edited title", `document.querySelector("h1") && document.querySelector("h1").textContent === "Họp Ban mở rộng"`)
	poll(t, ctx, "the live-reload script after the reload", `window.__loa && window.__loa.ready`)
	waitFor(t, "the page to listen again", func() bool { return s.hub.count() > 0 })

	// A stylesheet edit swaps the stylesheet in place: no reload, the
	// scroll position stays.
	eval[chromedp.Void](t, ctx, `window.scrollTo(0, 1500); window.__stay = 42`)
	writeFile(t, dir, "assets/css/main.css", "body { color: rgb(1, 2, 3) }\n")
	poll(t, ctx, "the new stylesheet", `getComputedStyle(document.body).color === "rgb(1, 2, 3)"`)
	if stay := eval[int](t, ctx, `window.__stay || 0`); stay != 42 {
		t.Errorf("the page reloaded for a CSS-only change")
	}
	if y := eval[float64](t, ctx, `window.scrollY`); y < 1400 {
		t.Errorf("scroll position lost: %v", y)
	}

	// Breaking the front matter shows the overlay with the file and line.
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", strings.Replace(long, "title = \"Họp Ban\"", "title = \"Họp Ban", 1))
	poll(t, ctx, "the error overlay", `document.getElementById("__loa-overlay") !== null`)
	text := eval[string](t, ctx, `document.getElementById("__loa-overlay").innerText`)
	if !regexp.MustCompile(`content/tin-tuc/hop-ban\.md:2(:\d+)?`).MatchString(text) || !strings.Contains(text, "Lỗi khi dựng trang") {
		t.Errorf("overlay = %q, want the file name with line 2", text)
	}
	// Fixing it clears the overlay by itself.
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", long)
	poll(t, ctx, "the overlay to go", `document.getElementById("__loa-overlay") === null && document.querySelector("h1").textContent === "Họp Ban"`)
}
