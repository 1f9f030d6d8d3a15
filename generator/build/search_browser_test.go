package build

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"loa/generator/search"
)

// TestSearchInBrowser opens the search page of the small search site with
// queries in the address, as a link or the header's form would, and reads
// the results search.js shows: their order is the ranking's.
func TestSearchInBrowser(t *testing.T) {
	files, diags := buildFS(t, searchSite(), true)
	if diags.HasErrors() {
		t.Fatal(text(diags))
	}
	var outside atomic.Int32
	srv := serveOutputs(t, files)

	ctx := browser(t)
	var dialogs atomic.Int32
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			dialogs.Add(1)
		case *page.EventFrameRequestedNavigation:
			if !strings.HasPrefix(ev.URL, srv.URL) {
				outside.Add(1)
			}
		}
	}); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	type result struct {
		Href  string   `json:"href"`
		Marks []string `json:"marks"`
	}
	search := func(t *testing.T, q string) ([]result, string) {
		t.Helper()
		pctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		poll := `(() => { const s = document.getElementById("search-status").textContent; return s !== "" && s !== document.getElementById("tim-kiem").dataset.searching })()`
		_, err := chromedp.Run(pctx, chromedp.Navigate(srv.URL+"/tim-kiem/?q="+query(q)))
		if err == nil {
			_, err = chromedp.Run(pctx, chromedp.Poll[bool](poll))
		}
		var res []result
		if err == nil {
			res, err = chromedp.Run(pctx, chromedp.Evaluate[[]result](`[...document.querySelectorAll("#search-results li")].map(li => ({href: new URL(li.querySelector("a").href).pathname, marks: [...li.querySelectorAll("mark")].map(m => m.textContent)}))`))
		}
		var status string
		if err == nil {
			status, err = chromedp.Run(pctx, chromedp.Evaluate[string](`document.getElementById("search-status").textContent`))
		}
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return res, status
	}
	hrefs := func(rs []result) []string {
		var out []string
		for _, r := range rs {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(r.Href, "/tin-tuc/"), "/"))
		}
		return out
	}

	t.Run("hotline without marks first, highlighted", func(t *testing.T) {
		rs, status := search(t, "duong day nong")
		if len(rs) == 0 || rs[0].Href != "/tin-tuc/duong-day-nong/" {
			t.Fatalf("results %v, want the hotline page first", hrefs(rs))
		}
		if !slices.Contains(rs[0].Marks, "Đường") || !slices.Contains(rs[0].Marks, "nóng") {
			t.Errorf("marks %q, want Đường, dây, nóng highlighted", rs[0].Marks)
		}
		if !strings.Contains(status, "kết quả") {
			t.Errorf("status %q, want a count of results", status)
		}
	})
	tests := []struct {
		name, q string
		want    []string // a prefix of the results, in order
		not     []string
	}{
		{"marks as typed first", "dạy", []string{"day-hoc"}, nil},
		{"without marks finds every spelling", "day", []string{"day-hoc", "duong-day-nong"}, []string{"nhap"}},
		{"marked hotline is first, title over body", "đường dây nóng", []string{"duong-day-nong", "doc-hai", "day-hoc"}, []string{"nhap", "hen-gio"}},
		{"title over body, phrase over apart", "binh dang gioi", []string{"binh-dang-tieu-de", "binh-dang-cum", "binh-dang-roi"}, nil},
		{"newer first on ties", "tiem chung mo rong", []string{"tiem-moi", "tiem-cu"}, nil},
		{"prefix of the last syllable", "tiêm chu", []string{"tiem-moi", "tiem-cu"}, nil},
		{"no result", "xyzw", nil, []string{"duong-day-nong"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, _ := search(t, tt.q)
			got := hrefs(rs)
			if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
				t.Errorf("%q → %v, want first %v", tt.q, got, tt.want)
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("%q → %v, must not list %s", tt.q, got, n)
				}
			}
		})
	}
	t.Run("filters from the address, and back into it", func(t *testing.T) {
		for _, tt := range []struct{ q, want string }{
			{"tuyen dung", "/thong-bao/tuyen-dung-vien-chuc/ /tin-tuc/tuyen-dung-giao-vien/"},
			{"tuyen dung&cm=" + url.QueryEscape("Thông báo"), "/thong-bao/tuyen-dung-vien-chuc/"},
			{"tuyen dung&nam=2023", "/tin-tuc/tuyen-dung-giao-vien/"},
			{"tuyen dung&cm=" + url.QueryEscape("Thông báo") + "&nam=2023", ""},
		} {
			rs, _ := search(t, tt.q)
			var got []string
			for _, r := range rs {
				got = append(got, r.Href)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("?q=%s → %v, want %s", tt.q, got, tt.want)
			}
		}
		// The reader picks a year: the address says so, and a reload keeps it.
		search(t, "tuyen dung")
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		loc, err := chromedp.Run(pctx, chromedp.Evaluate[string](`(() => { const s = document.getElementById("search-year"); s.value = "2024"; s.dispatchEvent(new Event("change")); return location.search })()`))
		if err != nil {
			t.Fatal(err)
		}
		if q, _ := url.ParseQuery(strings.TrimPrefix(loc, "?")); q.Get("nam") != "2024" || q.Get("q") != "tuyen dung" || q.Has("cm") {
			t.Errorf("address after picking 2024: %s, want q=tuyen dung and nam=2024 only", loc)
		}
		// The index lists years oldest first, as it numbers pages; the
		// reader picks among them newest first.
		years, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](`[...document.getElementById("search-year").options].map(o => o.value)`))
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"", "2024", "2023", "2022", "2021", "2020", "2019", "2018"}; !slices.Equal(years, want) {
			t.Errorf("years offered %q, want %q", years, want)
		}
	})
	t.Run("hostile title stays text", func(t *testing.T) {
		rs, _ := search(t, "duong day nong gia ") // a space: "gia" whole, not a prefix of "giảng"
		if len(rs) != 1 || rs[0].Href != "/tin-tuc/doc-hai/" {
			t.Fatalf("results %v, want the hostile page alone", hrefs(rs))
		}
		_, err := chromedp.Run(ctx, chromedp.Sleep(100*time.Millisecond))
		var pwned bool
		var elems int
		if err == nil {
			pwned, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`!!window.__pwned`))
		}
		if err == nil {
			elems, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#search-results img, #search-results script, #search-results b").length`))
		}
		if err != nil {
			t.Fatal(err)
		}
		if pwned || dialogs.Load() > 0 || elems > 0 {
			t.Errorf("hostile title ran or made elements: pwned %v, dialogs %d, elements %d", pwned, dialogs.Load(), elems)
		}
	})
	if outside.Load() > 0 {
		t.Errorf("%d navigations left the site", outside.Load())
	}
}

// query escapes a query for the address, leaving any filters after it (&cm=…) as they are.
func query(q string) string {
	q, filters, _ := strings.Cut(q, "&")
	if filters != "" {
		filters = "&" + filters
	}
	return url.QueryEscape(q) + filters
}

// TestShardNameAsSearchJS: search.js fetches a shard by the name the build
// gives it, a hash of its first key, for keys in any script.
func TestShardNameAsSearchJS(t *testing.T) {
	src, err := os.ReadFile("../../themes/default/assets/js/search.js")
	if err != nil {
		t.Fatal(err)
	}
	fn := regexp.MustCompile(`(?s)function shardFile\(dir, head\) \{.*?\n  \}`).Find(src)
	if fn == nil {
		t.Fatal("search.js has no function shardFile(dir, head)")
	}
	heads := []string{"", "a", "gia dinh", "111", "đường", "ព័ត៌មាន", "北京", "😀 x", `a"b\c`}
	js, _ := json.Marshal(heads)
	ctx, cancel := context.WithTimeout(browser(t), 20*time.Second)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const f = (`+string(fn)+`); return `+string(js)+`.map(h => f("t/", h)); })()`))
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if len(got) != len(heads) {
		t.Fatalf("search.js named %d shards for %d first keys: %q", len(got), len(heads), got)
	}
	for i, h := range heads {
		if want := "t/" + search.ShardName(h) + ".json"; got[i] != want {
			t.Errorf("search.js names the shard of %q %q, the build %q", h, got[i], want)
		}
	}
}
