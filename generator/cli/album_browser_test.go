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

// albumPage is the example's news item whose last pictures, written on
// consecutive lines, form an album.
const albumPage = "/tin-tuc/phat-dong-thang-hanh-dong-2023/"

// TestAlbumOpensFromKeyboard: a reader who moves with the keyboard reaches
// the first thumbnail of the album, presses Enter and sees the large
// picture with its caption over the page; the arrow key shows the next,
// Escape closes it and gives the focus back to the thumbnail. Without the
// script the same link leads to the large picture itself.
func TestAlbumOpensFromKeyboard(t *testing.T) {
	out := buildExampleSite(t, time.Now)
	html := read(t, out, strings.TrimPrefix(albumPage, "/")+"index.html")
	if !strings.Contains(html, `<div class=album><figure><a class=album-link href=`) {
		t.Fatalf("the example's album is not rendered as one:\n%s", html)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := newBrowser(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+albumPage), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	large, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".album-link").href`))
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := http.Get(large); err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("without the script the link leads to %s: %v %v", large, resp, err)
	}
	// Tab through the page until the first thumbnail has the focus.
	reached := false
	for i := 0; i < 80 && !reached; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		reached, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement === document.querySelector(".album-link")`))
	}
	if !reached {
		t.Fatal("the album's first thumbnail cannot be reached with Tab")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	type shown struct {
		Open    bool
		Src     string
		Loaded  bool
		Caption string
		URL     string
	}
	state := func() shown {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[shown](`(function () {
			var d = document.querySelector("dialog.lightbox"), img = d && d.querySelector("img");
			return {Open: !!(d && d.open), Src: img ? img.src : "", Loaded: !!(img && img.complete && img.naturalWidth > 0),
				Caption: d ? d.querySelector(".lightbox-caption").textContent : "", URL: location.href};
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := state()
	if !s.Open || s.Src != large || !s.Loaded || !strings.HasPrefix(s.Caption, "Đoàn viên, hội viên diễu hành") {
		t.Fatalf("after Enter on the thumbnail: %+v, want the large picture %s open with its caption", s, large)
	}
	if !strings.HasSuffix(s.URL, albumPage) {
		t.Errorf("the page was left for %s", s.URL)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	if s = state(); !strings.HasPrefix(s.Caption, "Các đại biểu thả bóng bay") || !s.Loaded {
		t.Errorf("after the right arrow: %+v, want the second picture", s)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if s = state(); s.Open {
		t.Errorf("Escape did not close the picture")
	}
	back, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement === document.querySelector(".album-link")`))
	if !back {
		t.Errorf("after closing, the focus is not back on the thumbnail")
	}
}
