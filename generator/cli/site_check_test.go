package cli

// The default theme's promises, checked on the example site built by the
// real command: valid HTML (Nu Html Checker), no axe-core violations in
// headless Chromium, the home page's weight, the Vietnamese date line and
// the data search engines read; the campaign pages, and the banner and the
// home's campaign block on a second build made during a campaign.
//
// The Nu checker and axe-core come from node_modules (package.json at the
// repository root; `npm ci`), Java and Chromium from Debian. Without them
// the checks that need them are skipped, except under CI=true, where a
// missing tool fails the test.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const (
	repoRoot     = "../.."
	chromiumPath = "/usr/bin/chromium"
	homeBudget   = 40 * 1024 // bytes of HTML, CSS and JS on the home page, images aside
)

// checkedPages are the pages axe-core looks at: one of each kind.
var checkedPages = []string{
	"/",                                  // home
	"/tin-tuc/",                          // a section list
	"/tin-tuc/trien-khai-nhiem-vu-2023/", // a news item with photos
	"/tin-tuc/phat-dong-thang-hanh-dong-2023/", // a news item with an album
	"/tags/binh-dang-gioi/",                    // a term
	"/404.html",                                // not found
	"/en/",                                     // the English home, with the language switcher
	"/en/tin-tuc/trien-khai-nhiem-vu-2023/",    // an English news item
	"/tim-kiem/?q=binh+dang+gioi",              // search, with results shown
	"/gioi-thieu/",                             // the about page
	"/categories/",                             // a taxonomy, when the build writes one
	"/chien-dich/",                             // the campaigns' archive
	campaignPage,                               // a campaign's landing page
}

// campaignPage is the landing page of the example's 2025 campaign, and
// campaignTime a moment while it runs: the second build, and the browser's
// clock when axe looks at it, are set then, so that the banner on every page
// and the home's campaign block are shown.
const campaignPage = "/chien-dich/thang-hanh-dong-binh-dang-gioi-2025/"

var campaignTime = time.Date(2025, 11, 29, 10, 0, 0, 0, time.FixedZone("ICT", 7*60*60))

// bannerPages are the pages axe looks at in the build made during the
// campaign: the home with its block, a news item and the landing page with
// the banner.
var bannerPages = []string{"/", "/tin-tuc/trien-khai-nhiem-vu-2023/", campaignPage}

func TestExampleSiteChecks(t *testing.T) {
	out := buildExampleSite(t, time.Now)
	during := buildExampleSite(t, func() time.Time { return campaignTime })
	t.Run("budget", func(t *testing.T) { checkBudget(t, out) })
	t.Run("budget during a campaign", func(t *testing.T) { checkBudget(t, during) })
	t.Run("news item", func(t *testing.T) { checkNewsItem(t, out) })
	t.Run("English", func(t *testing.T) { checkEnglish(t, out) })
	t.Run("campaign", func(t *testing.T) { checkCampaign(t, during) })
	if testing.Short() && os.Getenv("CI") != "true" {
		t.Skip("-short: leaving out the Nu Html Checker and axe-core")
	}
	t.Run("vnu", func(t *testing.T) { checkVNU(t, out) })
	t.Run("vnu during a campaign", func(t *testing.T) { checkVNU(t, during) })
	t.Run("axe", func(t *testing.T) { checkAxe(t, out, checkedPages, time.Time{}) })
	t.Run("axe during a campaign", func(t *testing.T) { checkAxe(t, during, bannerPages, campaignTime) })
}

// buildExampleSite builds the example site at the repository root with the
// default theme, into a temporary folder, as of now.
func buildExampleSite(t *testing.T, now func() time.Time) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: &stderr, Theme: os.DirFS(filepath.Join(repoRoot, "themes", "default")), Now: now}
	if code := Main([]string{"build", "-s", repoRoot, "-d", out}, env); code != ExitOK {
		t.Fatalf("building the example site: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	return out
}

// need skips the test when a tool is missing, or fails it under CI.
func need(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing (CI installs it in .ci/run): %v", what, err)
	}
	t.Skipf("%s is missing: %v", what, err)
}

func read(t *testing.T, out, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	stylesheetRe = regexp.MustCompile(`<link[^>]*rel="?stylesheet"?[^>]*>`)
	scriptRe     = regexp.MustCompile(`<script[^>]*\ssrc="?([^" >]+)"?[^>]*>`)
	hrefRe       = regexp.MustCompile(`href="?([^" >]+)`)
	hashedRe     = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)$`)
)

// checkBudget: the home page with its CSS and JS weighs at most 40 KB before
// compression; one stylesheet is the only request that blocks rendering;
// CSS and JS carry a content hash in their names.
func checkBudget(t *testing.T, out string) {
	html := read(t, out, "index.html")
	total := len(html)
	sheets := stylesheetRe.FindAllString(html, -1)
	if len(sheets) != 1 {
		t.Errorf("home page: want exactly 1 stylesheet, found %d: %q", len(sheets), sheets)
	}
	var files []string
	for _, s := range sheets {
		if m := hrefRe.FindStringSubmatch(s); m != nil {
			files = append(files, m[1])
		}
	}
	for _, m := range scriptRe.FindAllStringSubmatch(html, -1) {
		if !strings.Contains(m[0], "defer") && !strings.Contains(m[0], "async") && !strings.Contains(m[0], "module") {
			t.Errorf("home page: script %s blocks rendering; load it with defer", m[1])
		}
		files = append(files, m[1])
	}
	for _, f := range files {
		if !hashedRe.MatchString(f) {
			t.Errorf("home page: %s has no content hash in its name, so it cannot be cached for a year", f)
		}
		total += len(read(t, out, strings.TrimPrefix(f, "/")))
	}
	t.Logf("home page: %d bytes of HTML, CSS and JS (%s)", total, strings.Join(files, ", "))
	if total > homeBudget {
		t.Errorf("home page weighs %d bytes of HTML, CSS and JS; the budget is %d", total, homeBudget)
	}
}

var (
	dateLineRe = regexp.MustCompile(`<time[^>]*>((?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}/\d{2}/\d{4} \d{2}:\d{2})</time>`)
	jsonLDRe   = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)
	ogImageRe  = regexp.MustCompile(`<meta property="?og:image"? content="?([^" >]+)`)
)

// checkNewsItem: the date line as Vietnamese readers expect it, JSON-LD
// that parses, and a picture for sharing.
func checkNewsItem(t *testing.T, out string) {
	html := read(t, out, "tin-tuc/trien-khai-nhiem-vu-2023/index.html")
	m := dateLineRe.FindStringSubmatch(html)
	if m == nil {
		t.Errorf("news item: no date line like “Thứ Sáu, 17/02/2023 14:45”")
	} else if m[1] != "Thứ Sáu, 17/02/2023 14:45" {
		t.Errorf("news item: date line %q, want %q", m[1], "Thứ Sáu, 17/02/2023 14:45")
	}
	ld := jsonLDRe.FindStringSubmatch(html)
	if ld == nil {
		t.Fatal("news item: no JSON-LD")
	}
	var article struct {
		Type          string `json:"@type"`
		Headline      string `json:"headline"`
		DatePublished string `json:"datePublished"`
		Author        []struct {
			Name string `json:"name"`
		} `json:"author"`
		Image []string `json:"image"`
	}
	if err := json.Unmarshal([]byte(ld[1]), &article); err != nil {
		t.Fatalf("news item: JSON-LD does not parse: %v\n%s", err, ld[1])
	}
	if article.Type != "NewsArticle" || article.Headline == "" || len(article.Author) == 0 || article.Author[0].Name == "" || len(article.Image) == 0 {
		t.Errorf("news item: JSON-LD lacks type, headline, author or image: %s", ld[1])
	}
	if !strings.HasSuffix(article.DatePublished, "+07:00") {
		t.Errorf("news item: datePublished %q does not end in +07:00", article.DatePublished)
	}
	og := ogImageRe.FindStringSubmatch(html)
	if og == nil {
		t.Errorf("news item with photos: no og:image")
	} else if !strings.HasPrefix(og[1], "https://") || !strings.HasSuffix(og[1], ".jpg") {
		t.Errorf("news item: og:image %q is not a full address of a picture", og[1])
	}
}

var (
	tagRe       = regexp.MustCompile(`<[^>]*>`)
	bannerRe    = regexp.MustCompile(`<aside[^>]*class="?campaign-banner[^>]*>`)
	homeBlockRe = regexp.MustCompile(`<section[^>]*class="?campaign-block[^>]*>`)
)

// checkCampaign, on the site built during the 2025 campaign: the banner on
// every kind of page, shown; the home's block; the landing page's period and
// status in Vietnamese, and its script loaded without blocking.
func checkCampaign(t *testing.T, out string) {
	for _, p := range []string{"index.html", "tin-tuc/trien-khai-nhiem-vu-2023/index.html", "chien-dich/index.html", "404.html"} {
		b := bannerRe.FindString(read(t, out, p))
		if b == "" || strings.Contains(b, " hidden") {
			t.Errorf("%s: no campaign banner shown during the campaign: %q", p, b)
		}
	}
	if b := homeBlockRe.FindString(read(t, out, "index.html")); b == "" || strings.Contains(b, " hidden") {
		t.Errorf("home page: no campaign block shown during the campaign: %q", b)
	}
	landing := read(t, out, strings.TrimPrefix(campaignPage, "/")+"index.html")
	text := strings.Join(strings.Fields(tagRe.ReplaceAllString(landing, " ")), " ")
	for _, want := range []string{"Từ 15/11/2025 đến 15/12/2025", "Đang diễn ra còn 17 ngày", "Thông điệp chính", "Đường dây nóng", "Tuần 1: 10/11/2025 – 16/11/2025", "PDF · ", "Tin về chiến dịch"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: no %q", campaignPage, want)
		}
	}
	scripts := 0
	for _, m := range scriptRe.FindAllStringSubmatch(landing, -1) {
		if strings.Contains(m[1], "/campaign.") {
			scripts++
			if !strings.Contains(m[0], "defer") || !hashedRe.MatchString(m[1]) {
				t.Errorf("%s: load %s with defer, under a hashed name", campaignPage, m[1])
			}
		}
	}
	if scripts != 1 {
		t.Errorf("%s: campaign.js loaded %d times, want once", campaignPage, scripts)
	}
}

// checkVNU runs the Nu Html Checker over every HTML file of the site.
func checkVNU(t *testing.T, out string) {
	jar, err := filepath.Abs(filepath.Join(repoRoot, "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
	if err == nil {
		_, err = os.Stat(jar)
	}
	need(t, "vnu.jar (npm ci)", err)
	java, err := exec.LookPath("java")
	need(t, "java", err)
	var files []string
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, append([]string{"-jar", jar, "--errors-only", "--format", "json"}, files...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Messages []struct {
			Type     string `json:"type"`
			URL      string `json:"url"`
			Line     int    `json:"lastLine"`
			Column   int    `json:"lastColumn"`
			Message  string `json:"message"`
			Extract  string `json:"extract"`
			SubType  string `json:"subType"`
			Severity string `json:"severity"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu: %v; its output does not parse: %v\n%s%s", runErr, err, stdout.String(), stderr.String())
	}
	errs := 0
	for _, m := range report.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		errs++
		name, _ := filepath.Rel(out, strings.TrimPrefix(m.URL, "file:"))
		t.Errorf("%s:%d:%d: %s\n\t%s", name, m.Line, m.Column, m.Message, strings.TrimSpace(m.Extract))
	}
	t.Logf("vnu: %d files, %d errors", len(files), errs)
}

// axeResult is what axe.run reports, reduced to what a person fixes.
type axeResult struct {
	Passes     int `json:"passes"`
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target  []any  `json:"target"`
			Summary string `json:"failureSummary"`
		} `json:"nodes"`
	} `json:"violations"`
}

// checkAxe runs axe-core on pages, in light and dark mode. When clock is
// set, the browser's clock is pinned to it, as campaign.js reads it.
func checkAxe(t *testing.T, out string, pages []string, clock time.Time) {
	axeJS, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	need(t, "axe-core (npm ci)", err)

	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := newBrowser(t)
	if !clock.IsZero() {
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: fmt.Sprintf("Date.now = function () { return %d; };", clock.UnixMilli()),
			})
			return err
		}))
		if err != nil {
			t.Fatalf("pinning the clock: %v", err)
		}
	}

	for _, p := range pages {
		file, _, _ := strings.Cut(p, "?") // a search page's query
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(file, "/")))); errors.Is(err, fs.ErrNotExist) {
			t.Logf("axe: %s was not built; not checked", p)
			continue
		}
		for _, scheme := range []string{"light", "dark"} {
			res, err := runAxe(ctx, srv.URL+p, scheme, string(axeJS))
			if err != nil {
				t.Errorf("axe on %s (%s): %v", p, scheme, err)
				continue
			}
			t.Logf("axe %s (%s): %d rules pass, %d violated", p, scheme, res.Passes, len(res.Violations))
			for _, v := range res.Violations {
				var nodes []string
				for _, n := range v.Nodes {
					nodes = append(nodes, fmt.Sprintf("\t%v\n\t\t%s", n.Target, strings.ReplaceAll(n.Summary, "\n", "\n\t\t")))
				}
				t.Errorf("axe %s (%s): %s [%s]: %s\n%s", p, scheme, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n"))
			}
		}
	}
	if clock.IsZero() {
		checkScripts(t, ctx, srv.URL+"/tin-tuc/trien-khai-nhiem-vu-2023/")
	} else {
		checkBannerScript(t, ctx, srv.URL+"/tin-tuc/trien-khai-nhiem-vu-2023/")
	}
}

// newBrowser starts headless Chromium with a fresh profile, closed when
// the test ends; it skips the test when Chromium is missing (fails it
// under CI).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	_, err := os.Stat(chromiumPath)
	need(t, "chromium", err)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		need(t, "a working chromium", err)
	}
	return ctx
}

// checkBannerScript: campaign.js, by the pinned clock, keeps the banner
// shown with its words, and the days left counted as the build did.
func checkBannerScript(t *testing.T, ctx context.Context, url string) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(function (done) {
		addEventListener("load", function () {
			var b = document.querySelector("[data-campaign-banner]:not([hidden])");
			done(b ? b.querySelector("p").textContent.replace(/\s+/g, " ").trim() : "");
		});
		if (document.readyState === "complete") dispatchEvent(new Event("load"));
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the banner: %v", err)
	}
	if !strings.HasPrefix(got, "Đang diễn ra ") || !strings.HasSuffix(got, " còn 17 ngày") {
		t.Errorf("banner after campaign.js: %q, want “Đang diễn ra … còn 17 ngày”", got)
	}
}

func runAxe(ctx context.Context, url, scheme, axeJS string) (axeResult, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(360, 800),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		}),
		chromedp.Navigate(url),
	)
	if err != nil {
		return axeResult{}, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeJS)); err != nil {
		return axeResult{}, fmt.Errorf("loading axe-core: %w", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`axe.run(document).then(r => JSON.stringify({passes: r.passes.length, violations: r.violations}))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		return axeResult{}, fmt.Errorf("running axe-core: %w", err)
	}
	var res axeResult
	err = json.Unmarshal([]byte(raw), &res)
	return res, err
}

// checkScripts: main.js runs, and the text size chosen with A+ is kept for
// the next page.
func checkScripts(t *testing.T, ctx context.Context, url string) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	size := `document.documentElement.getAttribute("data-text-size") || "0"`
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear(); document.querySelector('[data-size="1"]').click()`)); err != nil {
		t.Fatalf("clicking A+: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](size))
	if err != nil || got != "1" {
		t.Errorf("after A+: text size %q (%v), want 1", got, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	got, err = chromedp.Run(ctx, chromedp.Evaluate[string](size))
	if err != nil || got != "1" {
		t.Errorf("text size not kept for the next page: %q (%v), want 1", got, err)
	}
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
}

// checkEnglish: the example's English pages are in English, dated the
// English way, linked to their Vietnamese versions both ways.
func checkEnglish(t *testing.T, out string) {
	en := read(t, out, "en/tin-tuc/trien-khai-nhiem-vu-2023/index.html")
	vi := read(t, out, "tin-tuc/trien-khai-nhiem-vu-2023/index.html")
	for _, w := range []string{"<html lang=en>", "Friday, 17 February 2023, 14:45",
		`hreflang=vi href=https://vstbpn.halam.gov.vn/tin-tuc/trien-khai-nhiem-vu-2023/>`,
		`<a href=/tin-tuc/trien-khai-nhiem-vu-2023/ lang=vi hreflang=vi>Tiếng Việt</a>`} {
		if !strings.Contains(en, w) {
			t.Errorf("English news item lacks %s", w)
		}
	}
	if !strings.Contains(vi, `hreflang=en href=https://vstbpn.halam.gov.vn/en/tin-tuc/trien-khai-nhiem-vu-2023/>`) {
		t.Error("the Vietnamese item does not name its English version")
	}
	if about := read(t, out, "en/gioi-thieu/index.html"); !strings.Contains(about, "<h2 id=role-and-tasks>Role and tasks</h2>") {
		t.Error("English about page")
	}
}
