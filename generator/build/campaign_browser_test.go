package build

import (
	"context"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// campaignSiteWithTheme is the campaign fixture with the default theme's
// own layouts (its stylesheet and scripts), without the fixture's.
func campaignSiteWithTheme(t *testing.T) string {
	dir := copyDir(t, "testdata/campaign/site")
	if err := os.RemoveAll(filepath.Join(dir, "layouts")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serveSite serves a build's outputs as a static host does, with the media
// types of captions and videos whatever the machine's table says.
func serveSite(t *testing.T, files map[string][]byte) *httptest.Server {
	types := map[string]string{".vtt": "text/vtt; charset=utf-8", ".webm": "video/webm"}
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
		typ := types[path.Ext(name)]
		if typ == "" {
			typ = mime.TypeByExtension(path.Ext(name))
		}
		w.Header().Set("Content-Type", typ)
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestCampaignPageInChromium opens the landing page of a campaign built as
// of 20/11/2025 (--now) in a browser whose clock says otherwise: the
// status and banner keep to that day; the video file has its Vietnamese
// captions, which load; the YouTube video asks nothing of YouTube until
// pressed; the reader hides the banner for that campaign, and it stays
// hidden on the next page, without a cookie; on a 320 px screen the banner
// covers nothing and nothing overflows. With LOA_SCREENSHOTS=DIR it saves
// screenshots there, for people to look at.
func TestCampaignPageInChromium(t *testing.T) {
	files := buildAt(t, os.DirFS(campaignSiteWithTheme(t)), "2025-11-20T10:00")
	srv := serveSite(t, files)
	ctx := browser(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	reqs := recordRequests(t, ctx)
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	landing := srv.URL + "/chien-dich/binh-dang-gioi-2025/"
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(landing), chromedp.WaitReady(`video`)); err != nil {
		t.Fatal(err)
	}

	// The status and days left by the day of --now, not the browser's 2026.
	type state struct {
		Status, Banner string
		BannerShown    bool
		CloseShown     bool
	}
	read := `new Promise(function (done) {
		function go() {
			var b = document.querySelector(".campaign-banner");
			done({Status: document.querySelector(".campaign-status").textContent.replace(/\s+/g, " ").trim(),
				Banner: b.querySelector("p").textContent.replace(/\s+/g, " ").trim(),
				BannerShown: !b.hidden, CloseShown: !b.querySelector("[data-campaign-dismiss]").hidden});
		}
		if (document.readyState === "complete") go(); else addEventListener("load", go);
	})`
	st, err := chromedp.Run(ctx, chromedp.Evaluate[state](read, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != "Đang diễn ra còn 26 ngày" || !st.BannerShown || !strings.HasSuffix(st.Banner, "còn 26 ngày") || !st.CloseShown {
		t.Errorf("as of 20/11/2025 after campaign.js: %+v", st)
	}

	// The video: controls, nothing loaded before play, a poster, and the
	// Vietnamese captions, which load.
	type video struct {
		Controls           bool
		Preload, Poster    string
		Lang, Label, Kind  string
		Default            bool
		Ready, Cues        int
		FirstCue, Labelled string
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[video](`new Promise(function (done) {
		var v = document.querySelector("video"), tr = v.querySelector("track");
		var until = Date.now() + 10000;
		(function poll() {
			if (tr.readyState < 2 && Date.now() < until) { setTimeout(poll, 50); return; }
			var cues = tr.track.cues;
			done({Controls: v.controls, Preload: v.preload, Poster: v.poster, Lang: tr.srclang, Label: tr.label, Kind: tr.kind,
				Default: tr.default, Ready: tr.readyState, Cues: cues ? cues.length : 0, FirstCue: cues && cues.length ? cues[0].text : "",
				Labelled: document.getElementById(v.getAttribute("aria-labelledby")).textContent});
		})();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	want := video{Controls: true, Preload: "none", Poster: srv.URL + "/chien-dich/binh-dang-gioi-2025/spot-64w.png",
		Lang: "vi", Label: "Tiếng Việt", Kind: "captions", Default: true, Ready: 2, Cues: 1,
		FirstCue: "Im lặng trước bạo lực là tiếp tay cho bạo lực.", Labelled: "Video “Hãy lên tiếng”"}
	if v != want {
		t.Errorf("video:\n got %+v\nwant %+v", v, want)
	}
	for _, r := range reqs.all() {
		if strings.HasSuffix(r, ".webm") {
			t.Errorf("the video was fetched before play: %s", r)
		}
	}

	// The YouTube video: nothing asked of YouTube before it is pressed.
	if o := reqs.offHost(); len(o) > 0 {
		t.Fatalf("before play the page asked other hosts: %v", o)
	}
	shoot(t, ctx, "chien-dich-1280.png")
	if err := chromedp.Do(ctx, chromedp.Click(`a[data-video="youtube"]`), chromedp.WaitReady(`iframe.video-player`), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	src, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("iframe.video-player").src`))
	if err != nil || !strings.HasPrefix(src, "https://www.youtube-nocookie.com/embed/Xy7LoaTest1?autoplay=1&start=90") {
		t.Errorf("after play the player is %q (%v)", src, err)
	}

	// The reader hides the banner: it stays hidden on another page, for
	// this campaign only, and no cookie is set.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(".campaign-banner:not([hidden]) [data-campaign-dismiss]").click()`)); err != nil {
		t.Fatal(err)
	}
	type hidden struct {
		Hidden      bool
		Stored      string
		Cookie      string
		Focus       string
		BlockShown  bool
		OtherBanner bool
	}
	check := `({Hidden: document.querySelector(".campaign-banner[data-campaign-slug='binh-dang-gioi-2025']").hidden,
		Stored: localStorage.getItem("loa-campaign-hidden:binh-dang-gioi-2025") || "", Cookie: document.cookie,
		Focus: document.activeElement.id})`
	h, err := chromedp.Run(ctx, chromedp.Evaluate[hidden](check))
	if err != nil || !h.Hidden || h.Stored != "1" || h.Cookie != "" || h.Focus != "noi-dung" {
		t.Errorf("after ✕: %+v %v", h, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/tin-tuc/phat-dong/"), chromedp.WaitReady(`main`), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	h, err = chromedp.Run(ctx, chromedp.Evaluate[hidden](check))
	if err != nil || !h.Hidden || h.Cookie != "" {
		t.Errorf("on the next page the hidden banner: %+v %v", h, err)
	}

	// On a 320 px screen, with the banner shown again: it sits above the
	// content, covers none of it, and the page does not overflow.
	type layout struct {
		BannerBottom, MainTop, Width, Inner, CloseW, CloseH float64
		Position                                            string
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640), chromedp.Navigate(landing), chromedp.WaitReady(`video`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitReady(`video`), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	l, err := chromedp.Run(ctx, chromedp.Evaluate[layout](`(function () {
		var b = document.querySelector(".campaign-banner:not([hidden])"), c = b.querySelector("[data-campaign-dismiss]").getBoundingClientRect();
		return {BannerBottom: b.getBoundingClientRect().bottom, MainTop: document.querySelector("main").getBoundingClientRect().top,
			Width: document.documentElement.scrollWidth, Inner: innerWidth, CloseW: c.width, CloseH: c.height,
			Position: getComputedStyle(b).position};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if l.BannerBottom > l.MainTop || l.Width > l.Inner || (l.Position != "static" && l.Position != "relative") || l.CloseW < 44 || l.CloseH < 44 {
		t.Errorf("at 320 px: %+v", l)
	}
	shoot(t, ctx, "chien-dich-320.png")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640), chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(`main`), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	shoot(t, ctx, "trang-chu-320.png")
}

// shoot saves a screenshot of the whole page into $LOA_SCREENSHOTS, when
// set: the test does not judge it, people do.
func shoot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("LOA_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name), png, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}
