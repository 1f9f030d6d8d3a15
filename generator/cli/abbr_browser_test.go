package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestAbbrShowsMeaningOnTap: the example's glossary explains the first
// VSTBCPN of the about page; a tap (a click, for the browser) writes the
// meaning after it, since phones show no tooltip, and a second tap takes
// it away; Enter does the same from the keyboard.
func TestAbbrShowsMeaningOnTap(t *testing.T) {
	out := buildExampleSite(t, time.Now)
	if html := read(t, out, "gioi-thieu/index.html"); !strings.Contains(html, `<abbr title="Vì sự tiến bộ của Phụ nữ">VSTBCPN</abbr>`) {
		t.Fatalf("the about page does not explain VSTBCPN:\n%s", html)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := newBrowser(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/gioi-thieu/"), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	after := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("abbr[title]"), "::after").content`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := after(); got != "none" && got != "normal" {
		t.Errorf("the meaning shows before a tap: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`abbr[title]`)); err != nil {
		t.Fatal(err)
	}
	if got := after(); got != `" (" attr(title) ")"` && got != `" (Vì sự tiến bộ của Phụ nữ)"` {
		t.Errorf("after a tap, the meaning is %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`abbr[title]`)); err != nil {
		t.Fatal(err)
	}
	if got := after(); got != "none" && got != "normal" {
		t.Errorf("a second tap leaves %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Focus(`abbr[title]`), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if got := after(); got == "none" || got == "normal" {
		t.Error("Enter on the focused abbreviation shows nothing")
	}
}
