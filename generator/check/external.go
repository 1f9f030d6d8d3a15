package check

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"loa/generator/diag"
)

// The rule of links to other sites, which loa check follows only when
// asked (--external): a request to each address once, a few at a time,
// each with a time limit, and answers kept in a cache between runs so
// that a check in CI does not knock on every site every time.

// Result is what an address answered.
type Result struct {
	Status  int       // the HTTP status, 0 when nothing answered
	Err     string    // why nothing answered
	Timeout bool      // nothing answered in time
	Checked time.Time // when it was asked
}

func (r Result) ok() bool { return r.Err == "" && r.Status < 400 }

// Cache keeps results between runs; it must be safe for concurrent use.
type Cache interface {
	Get(url string) (Result, bool)
	Put(url string, r Result)
}

// External checks links to other sites.
type External struct {
	Client      *http.Client // its own timeout, if any, applies too
	Concurrency int          // requests at once; 4 when 0
	Timeout     time.Duration
	Cache       Cache         // nil: none
	MaxAge      time.Duration // a good answer in the cache is trusted this long; 24 hours when 0
	Own         *url.URL      // the site's base URL: links to its own host are the build's business
	Now         func() time.Time
}

// Check asks every address that the files link to on other sites, and
// returns a finding for each place that links to one that does not
// answer, or answers with an error.
func (e *External) Check(ctx context.Context, files []*File) []Finding {
	places := map[string][]diag.Pos{}
	for _, f := range files {
		for _, l := range f.links {
			if e.foreign(l.Dest) {
				places[l.Dest] = append(places[l.Dest], l.Pos)
			}
		}
		for _, im := range f.images {
			if e.foreign(im.Dest) {
				places[im.Dest] = append(places[im.Dest], im.Pos)
			}
		}
	}
	urls := make([]string, 0, len(places))
	for u := range places {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	results := e.ask(ctx, urls)
	var out []Finding
	for i, u := range urls {
		r := results[i]
		if r.ok() {
			continue
		}
		what, whatVi := fmt.Sprintf("answers %d %s", r.Status, http.StatusText(r.Status)), fmt.Sprintf("trả lời %d %s", r.Status, http.StatusText(r.Status))
		switch {
		case r.Timeout:
			what, whatVi = fmt.Sprintf("does not answer within %s", e.timeout()), fmt.Sprintf("không trả lời trong %s", e.timeout())
		case r.Err != "":
			what, whatVi = "does not answer: "+r.Err, "không trả lời: "+r.Err
		}
		for _, pos := range places[u] {
			out = append(out, finding(RuleExternal, pos,
				fmt.Sprintf("link to %s: the site %s", u, what),
				fmt.Sprintf("liên kết tới %s: trang đó %s", u, whatVi),
				"open the address in a browser; if the page moved, link to its new address, or remove the link",
				"mở thử địa chỉ trong trình duyệt; nếu trang đã chuyển chỗ, hãy trỏ tới địa chỉ mới, hoặc bỏ liên kết"))
		}
	}
	return out
}

// foreign reports whether dest is an http(s) address on another host.
func (e *External) foreign(dest string) bool {
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	return e.Own == nil || !strings.EqualFold(u.Host, e.Own.Host)
}

// ask gets a result for each address, from the cache or the network, at
// most Concurrency at a time.
func (e *External) ask(ctx context.Context, urls []string) []Result {
	n := e.Concurrency
	if n <= 0 {
		n = 4
	}
	out := make([]Result, len(urls))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, u := range urls {
		if r, ok := e.cached(u); ok {
			out[i] = r
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r := e.request(ctx, u)
			out[i] = r
			if e.Cache != nil && r.ok() {
				e.Cache.Put(u, r)
			}
		}()
	}
	wg.Wait()
	return out
}

func (e *External) timeout() time.Duration {
	if e.Timeout <= 0 {
		return 10 * time.Second
	}
	return e.Timeout
}

func (e *External) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// cached returns a good answer young enough to trust; failures are always
// asked again, since a site may be down for a moment.
func (e *External) cached(u string) (Result, bool) {
	if e.Cache == nil {
		return Result{}, false
	}
	r, ok := e.Cache.Get(u)
	age := e.MaxAge
	if age == 0 {
		age = 24 * time.Hour
	}
	if !ok || !r.ok() || e.now().Sub(r.Checked) > age {
		return Result{}, false
	}
	return r, true
}

// request asks with HEAD, and with GET when the server refuses HEAD (some
// do, with 403, 405 or 501).
func (e *External) request(ctx context.Context, u string) Result {
	timeout := e.timeout()
	client := e.Client
	if client == nil {
		client = http.DefaultClient
	}
	var r Result
	for _, method := range []string{http.MethodHead, http.MethodGet} {
		r = e.once(ctx, client, method, u, timeout)
		if r.Err != "" || (r.Status != http.StatusMethodNotAllowed && r.Status != http.StatusForbidden && r.Status != http.StatusNotImplemented) {
			break
		}
	}
	r.Checked = e.now()
	return r
}

func (e *External) once(ctx context.Context, client *http.Client, method, u string, timeout time.Duration) Result {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return Result{Err: err.Error()}
	}
	req.Header.Set("User-Agent", "loa-check (link checker of a static site)")
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
			return Result{Err: fmt.Sprintf("no answer within %s", timeout), Timeout: true}
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Result{Err: err.Error()}
	}
	resp.Body.Close()
	return Result{Status: resp.StatusCode}
}
