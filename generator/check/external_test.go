package check

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// memCache is a Cache in memory.
type memCache struct {
	mu sync.Mutex
	m  map[string]Result
}

func (c *memCache) Get(u string) (Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[u]
	return r, ok
}

func (c *memCache) Put(u string, r Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[u] = r
}

// countingTransport counts the requests in flight, and the most at once.
type countingTransport struct {
	next           http.RoundTripper
	inflight, most atomic.Int32
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n := c.inflight.Add(1)
	defer c.inflight.Add(-1)
	for {
		m := c.most.Load()
		if n <= m || c.most.CompareAndSwap(m, n) {
			break
		}
	}
	return c.next.RoundTrip(r)
}

// linkServer answers as sites do: well, with 404, too late, or refusing
// HEAD; it counts requests by path.
type linkServer struct {
	*httptest.Server
	mu      sync.Mutex
	hits    map[string]int
	release chan struct{} // closed when the slow page may answer
}

func newLinkServer(t *testing.T) *linkServer {
	s := &linkServer{hits: map[string]int{}, release: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.Method+" "+r.URL.Path]++
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/mat":
			http.NotFound(w, r)
		case r.URL.Path == "/cham":
			select {
			case <-s.release:
			case <-r.Context().Done():
			}
		case r.URL.Path == "/khong-head" && r.Method == http.MethodHead:
			w.WriteHeader(http.StatusMethodNotAllowed)
		case strings.HasPrefix(r.URL.Path, "/tin-"):
			time.Sleep(30 * time.Millisecond) // long enough for requests to overlap
		}
	}))
	t.Cleanup(func() {
		close(s.release)
		s.Close()
	})
	return s
}

func (s *linkServer) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

func TestExternalLinks(t *testing.T) {
	srv := newLinkServer(t)
	var body strings.Builder
	body.WriteString(front)
	fmt.Fprintf(&body, "[tốt](%s/tot) [mất](%s/mat) [chậm](%s/cham) [không nhận](%s/khong-head)\n\n", srv.URL, srv.URL, srv.URL, srv.URL)
	fmt.Fprintf(&body, "Lại [mất](%s/mat), ảnh ![Ảnh](%s/anh.jpg), trang nhà https://example.gov.vn/khong-co và thư mailto:a@b.vn\n\n", srv.URL, srv.URL)
	for i := range 8 {
		fmt.Fprintf(&body, "- [tin %d](%s/tin-%d)\n", i, srv.URL, i)
	}
	_, in := site(t, "baseURL = \"https://example.gov.vn/\"\n", nil, map[string]string{"content/tin-tuc/a.md": body.String()})
	cache := &memCache{m: map[string]Result{}}
	clock := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	counted := &countingTransport{next: srv.Client().Transport}
	e := &External{Client: &http.Client{Transport: counted}, Concurrency: 2, Timeout: time.Second, Cache: cache,
		Own: in.Config.BaseURL, Now: func() time.Time { return clock }}
	start := time.Now()
	in.External = e.Check(context.Background(), in.Files)
	took := time.Since(start)
	u := srv.URL
	expect(t, Run(in),
		fmt.Sprintf("content/tin-tuc/a.md:6:%d: warning: link to %s/mat: the site answers 404 Not Found [external]", len(u)+19, u),
		fmt.Sprintf("content/tin-tuc/a.md:6:%d: warning: link to %s/cham: the site does not answer within 1s [external]", 2*len(u)+32, u),
		fmt.Sprintf("content/tin-tuc/a.md:8:11: warning: link to %s/mat: the site answers 404 Not Found [external]", u))
	if took > 5*time.Second {
		t.Errorf("the check took %v: the slow site was not cut off", took)
	}
	if m := counted.most.Load(); m > 2 {
		t.Errorf("%d requests at once, want at most 2", m)
	} else if m < 2 {
		t.Errorf("at most %d request at once: the checks did not run side by side", m)
	}
	for key, n := range map[string]int{"HEAD /tot": 1, "HEAD /mat": 1, "GET /mat": 0, "HEAD /khong-head": 1, "GET /khong-head": 1, "HEAD /anh.jpg": 1, "HEAD /tin-3": 1} {
		if got := srv.count(key); got != n {
			t.Errorf("%s: %d requests, want %d", key, got, n)
		}
	}

	// A second run asks only what failed, and what the cache holds too long.
	in.External = e.Check(context.Background(), in.Files)
	for key, n := range map[string]int{"HEAD /tot": 1, "HEAD /mat": 2, "HEAD /tin-3": 1} {
		if got := srv.count(key); got != n {
			t.Errorf("second run: %s: %d requests, want %d", key, got, n)
		}
	}
	clock = clock.Add(25 * time.Hour)
	e.Check(context.Background(), in.Files)
	if got := srv.count("HEAD /tot"); got != 2 {
		t.Errorf("after a day: HEAD /tot asked %d times, want 2", got)
	}
}

func TestExternalForeign(t *testing.T) {
	own, _ := url.Parse("https://example.gov.vn/")
	e := &External{Own: own}
	for dest, want := range map[string]bool{
		"https://chinhphu.vn/a": true, "http://a.vn": true, "https://EXAMPLE.gov.vn/x": false,
		"/tin-tuc/": false, "mailto:a@b.vn": false, "tel:111": false, "anh.jpg": false, "https://": false,
	} {
		if got := e.foreign(dest); got != want {
			t.Errorf("foreign(%q) = %v", dest, got)
		}
	}
}
