package serve

import (
	"regexp"
	"strings"
	"testing"
)

// TestOwnFiles: the live-reload client and the overlay's styles are files
// under /__loa/, so that a page's Content-Security-Policy (script-src
// 'self'; style-src 'self') lets them run; nothing inline is served.
func TestOwnFiles(t *testing.T) {
	dir := writeSite(t, tinySite)
	writeFile(t, dir, "static/__loa/client.js", "alert('site')")
	writeFile(t, dir, "static/__loa/khac.txt", "của trang")
	s := start(t, testOptions(dir))
	u := s.URL()

	for _, c := range []struct{ path, typ, want string }{
		{"__loa/client.js", "text/javascript; charset=utf-8", `new EventSource("/__loa/events?page="`},
		{"__loa/overlay.css", "text/css; charset=utf-8", "#__loa-overlay"},
	} {
		code, h, body := get(t, u+c.path)
		if code != 200 || h.Get("Content-Type") != c.typ || !strings.Contains(body, c.want) {
			t.Errorf("GET /%s = %d %q, want 200 %q with %q:\n%.200s", c.path, code, h.Get("Content-Type"), c.typ, c.want, body)
		}
		if h.Get("Cache-Control") != "no-store" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET /%s: headers %v, want no-store and nosniff", c.path, h)
		}
		if strings.Contains(body, "alert('site')") {
			t.Errorf("GET /%s served the site's file of the same name", c.path)
		}
	}
	// The prefix is reserved: the site's own files there are not served.
	if code, _, body := get(t, u+"__loa/khac.txt"); code != 404 || strings.Contains(body, "của trang") {
		t.Errorf("GET /__loa/khac.txt = %d, want 404", code)
	}
	if code, _, _ := get(t, u+"__loa/"); code != 404 {
		t.Errorf("GET /__loa/ = %d, want 404", code)
	}

	// While a rebuild fails, the overlay served in the page links its
	// stylesheet and carries no style attribute.
	ev := events(t, u)
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", strings.Replace(tinySite["content/tin-tuc/hop-ban.md"], `title = "Họp Ban"`, `title = "Họp Ban`, 1))
	next(t, ev, func(m message) bool { return len(m.Errors) > 0 })
	_, _, body := get(t, u+"tin-tuc/tap-huan/")
	if !strings.Contains(body, `<div id="__loa-overlay"`) || !strings.Contains(body, `<link rel="stylesheet" href="/__loa/overlay.css"`) {
		t.Errorf("during the error the page lacks the overlay or its stylesheet:\n%s", body)
	}
	if regexp.MustCompile(`(?i)\sstyle\s*=`).MatchString(body) || strings.Contains(body, "<script>") {
		t.Errorf("inline style or script served; a Content-Security-Policy would block it:\n%s", body)
	}
	_, _, js := get(t, u+"__loa/client.js")
	if strings.Contains(js, `setAttribute("style"`) || strings.Contains(js, "cssText") || strings.Contains(js, "style=") {
		t.Errorf("client.js sets inline styles, which style-src 'self' blocks")
	}
}
