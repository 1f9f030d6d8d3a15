package serve

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"loa/generator/diag"
)

func TestHTTP(t *testing.T) {
	dir := writeSite(t, tinySite)
	writeFile(t, dir, "content/tin-tuc/bao-cao/index.md", "+++\ntitle = \"Báo cáo\"\n+++\nXem tệp.\n")
	writeFile(t, dir, "content/tin-tuc/bao-cao/bao-cao.pdf", "%PDF-1.4 thử")
	s := start(t, testOptions(dir))
	u := s.URL()

	code, h, body := get(t, u)
	if code != 200 || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET / = %d %q", code, h.Get("Content-Type"))
	}
	tag := `<script src="/__loa/client.js" defer></script>`
	if !strings.Contains(body, "Trang chủ") || !strings.Contains(body, tag) {
		t.Errorf("home page lacks its title or the live-reload script:\n%s", body)
	}
	if i, j := strings.Index(body, tag), strings.LastIndex(body, "</body>"); i < 0 || i > j {
		t.Errorf("script not before </body>")
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, "EventSource") {
		t.Errorf("inline script served; a Content-Security-Policy would block it:\n%s", body)
	}

	types := map[string]string{
		"tin-tuc/hop-ban/":                "text/html; charset=utf-8",
		"logo.svg":                        "image/svg+xml; charset=utf-8",
		"sitemap.xml":                     "application/xml; charset=utf-8",
		"robots.txt":                      "text/plain; charset=utf-8",
		"tin-tuc/bao-cao/bao-cao.pdf":     "application/pdf",
		"tin-tuc/index.xml":               "application/xml; charset=utf-8",
		"tags/hoi-nghi/":                  "text/html; charset=utf-8",
		"tin-tuc/bao-cao/":                "text/html; charset=utf-8",
		"tin-tuc/hop-ban/index.html":      "text/html; charset=utf-8",
		"css/" + cssName(t, s.Server)[4:]: "text/css; charset=utf-8",
	}
	for p, want := range types {
		code, h, body := get(t, u+p)
		if code != 200 || h.Get("Content-Type") != want {
			t.Errorf("GET /%s = %d %q, want 200 %q", p, code, h.Get("Content-Type"), want)
		}
		if !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") && strings.Contains(body, "EventSource") {
			t.Errorf("GET /%s: script injected into a file that is not HTML", p)
		}
	}

	// A folder without its slash is redirected; one without index.html is
	// not listed.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(u + "tin-tuc")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/tin-tuc/" {
		t.Errorf("GET /tin-tuc = %d %q, want 301 /tin-tuc/", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, p := range []string{"css/", "khong-co/", "khong-co.html"} {
		code, _, body := get(t, u+p)
		if code != 404 || !strings.Contains(body, "Không tìm thấy") {
			t.Errorf("GET /%s = %d, want the site's 404 page:\n%s", p, code, body)
		}
	}
}

func cssName(t *testing.T, s *Server) string {
	for rel := range s.state.Load().snap.files {
		if strings.HasPrefix(rel, "css/main.") {
			return rel
		}
	}
	t.Fatal("no stylesheet in the build")
	return ""
}

// TestNoTraversal sends raw request lines, so that no client cleans them.
func TestNoTraversal(t *testing.T) {
	dir := writeSite(t, tinySite)
	writeFile(t, dir, "bi-mat.txt", "MẬT KHẨU")
	s := start(t, testOptions(dir))
	host := strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/")
	for _, target := range []string{
		"/../bi-mat.txt",
		"/../../../../etc/passwd",
		"/%2e%2e/bi-mat.txt",
		"/%2E%2E/%2e%2e/bi-mat.txt",
		"/tin-tuc/..%2f..%2fbi-mat.txt",
		"/..%5cbi-mat.txt",
		"/tin-tuc\\..\\..\\bi-mat.txt",
		"/%5c..%5cbi-mat.txt",
		"/logo.svg%00.html",
		"/./bi-mat.txt",
		"/config.toml",
		"/content/tin-tuc/hop-ban.md",
	} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		conn.Write([]byte("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"))
		buf := make([]byte, 1<<16)
		var resp strings.Builder
		for {
			n, err := conn.Read(buf)
			resp.Write(buf[:n])
			if err != nil {
				break
			}
		}
		conn.Close()
		status, _, _ := strings.Cut(resp.String(), "\r\n")
		if strings.Contains(status, " 200 ") || strings.Contains(resp.String(), "MẬT KHẨU") || strings.Contains(resp.String(), "baseURL") {
			t.Errorf("GET %s answered %q with a file outside the site", target, status)
		}
	}
}

func TestLiveRebuild(t *testing.T) {
	dir := writeSite(t, tinySite)
	s := start(t, testOptions(dir))
	ev := events(t, s.URL())

	// Edit one page: it changes, and the lists showing it.
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", strings.Replace(tinySite["content/tin-tuc/hop-ban.md"], "Họp Ban", "Họp Ban mở rộng", 1))
	m := next(t, ev, func(m message) bool { return len(m.Pages) > 0 })
	for _, want := range []string{"/tin-tuc/hop-ban/", "/tin-tuc/", "/tags/hoi-nghi/"} {
		if !slices.Contains(m.Pages, want) {
			t.Errorf("pages changed = %v, want %s among them", m.Pages, want)
		}
	}
	if slices.Contains(m.Pages, "/tin-tuc/tap-huan/") {
		t.Errorf("pages changed = %v: the other post did not change", m.Pages)
	}
	if _, _, body := get(t, s.URL()+"tin-tuc/hop-ban/"); !strings.Contains(body, "Họp Ban mở rộng") {
		t.Errorf("served page lacks the edit")
	}
	waitFor(t, "a Vietnamese line naming the file", func() bool {
		out := s.out.String()
		return regexp.MustCompile(`Đã dựng lại 4 trang trong \d+ ms.*content/tin-tuc/hop-ban.md`).MatchString(out)
	})

	// A stylesheet edit renames it; pages change only by its link.
	writeFile(t, dir, "assets/css/main.css", "body { color: #000 }\n")
	m = next(t, ev, func(m message) bool { return len(m.Styles) > 0 })
	if len(m.Pages) != 0 {
		t.Errorf("CSS-only change reloads pages %v", m.Pages)
	}

	// Break the front matter: the last good site stays, the errors are
	// sent and shown in every page served.
	writeFile(t, dir, "content/tin-tuc/tap-huan.md", "+++\ntitle = \"Tập huấn\"\ndate = 2025-03-02T08:00:00+07:00\ntags = [\"đào tạo\"\n+++\n")
	m = next(t, ev, func(m message) bool { return len(m.Errors) > 0 })
	if !strings.HasPrefix(m.Errors[0].Pos, "content/tin-tuc/tap-huan.md:") {
		t.Errorf("error at %q, want the broken file with its line", m.Errors[0].Pos)
	}
	if !strings.HasPrefix(m.Errors[0].Message, "lỗi cú pháp TOML") || !strings.Contains(m.Errors[0].Hint, "ngoặc") {
		t.Errorf("the overlay's error is not in Vietnamese: %+v", m.Errors[0])
	}
	code, _, body := get(t, s.URL()+"tin-tuc/tap-huan/")
	if code != 200 || !strings.Contains(body, "Tập huấn cán bộ xã") || !strings.Contains(body, "Lỗi khi dựng trang") ||
		!strings.Contains(body, "content/tin-tuc/tap-huan.md:") || !strings.Contains(body, "lỗi cú pháp TOML") {
		t.Errorf("during the error: %d, want the last good page with the overlay:\n%s", code, body)
	}
	waitFor(t, "the error in the terminal", func() bool { return strings.Contains(s.out.String(), "content/tin-tuc/tap-huan.md:") })

	// Fixing it clears the overlay by itself.
	writeFile(t, dir, "content/tin-tuc/tap-huan.md", tinySite["content/tin-tuc/tap-huan.md"])
	next(t, ev, func(m message) bool { return len(m.Errors) == 0 })
	if _, _, body := get(t, s.URL()+"tin-tuc/tap-huan/"); strings.Contains(body, `<div id="__loa-overlay"`) {
		t.Errorf("overlay still served after the fix")
	}

	// Folders created, renamed and deleted while running are followed.
	writeFile(t, dir, "content/su-kien/hoi-thao/index.md", "+++\ntitle = \"Hội thảo\"\n+++\nMới.\n")
	next(t, ev, func(m message) bool { return slices.Contains(m.Pages, "/su-kien/hoi-thao/") })
	if err := os.Rename(filepath.Join(dir, "content/su-kien"), filepath.Join(dir, "content/hoat-dong")); err != nil {
		t.Fatal(err)
	}
	next(t, ev, func(m message) bool { return slices.Contains(m.Pages, "/hoat-dong/hoi-thao/") })
	writeFile(t, dir, "content/hoat-dong/hoi-thao/index.md", "+++\ntitle = \"Hội thảo lớn\"\n+++\nMới.\n")
	next(t, ev, func(m message) bool { return slices.Contains(m.Pages, "/hoat-dong/hoi-thao/") })
	if _, _, body := get(t, s.URL()+"hoat-dong/hoi-thao/"); !strings.Contains(body, "Hội thảo lớn") {
		t.Errorf("edit in a renamed folder not seen")
	}
	if err := os.RemoveAll(filepath.Join(dir, "content/hoat-dong")); err != nil {
		t.Fatal(err)
	}
	next(t, ev, func(m message) bool { return slices.Contains(m.Pages, "/hoat-dong/hoi-thao/") })
	if code, _, _ := get(t, s.URL()+"hoat-dong/hoi-thao/"); code != 404 {
		t.Errorf("deleted page answers %d", code)
	}
}

// TestAtomicSave saves the way many editors do: write a temporary file and
// rename it over the old one.
func TestAtomicSave(t *testing.T) {
	dir := writeSite(t, tinySite)
	s := start(t, testOptions(dir))
	ev := events(t, s.URL())
	page := filepath.Join(dir, "content/tin-tuc/hop-ban.md")
	tmp := filepath.Join(dir, "content/tin-tuc/.goutputstream-XYZ123")
	os.WriteFile(tmp, []byte(strings.Replace(tinySite["content/tin-tuc/hop-ban.md"], "thường kỳ", "bất thường", 1)), 0o644)
	os.Chmod(tmp, 0o600)
	if err := os.Rename(tmp, page); err != nil {
		t.Fatal(err)
	}
	next(t, ev, func(m message) bool { return slices.Contains(m.Pages, "/tin-tuc/hop-ban/") })
	if _, _, body := get(t, s.URL()+"tin-tuc/hop-ban/"); !strings.Contains(body, "bất thường") {
		t.Errorf("atomic save not seen")
	}
}

func TestPortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	opts := testOptions(writeSite(t, tinySite))
	opts.Port = port
	s := start(t, opts)
	if strings.Contains(s.URL(), ":"+strconv.Itoa(port)+"/") {
		t.Errorf("served on the taken port %d", port)
	}
	if !strings.Contains(s.out.String(), "đang bận") {
		t.Errorf("terminal does not say the port was taken: %q", s.out.String())
	}
}

func TestFirstBuildFails(t *testing.T) {
	dir := writeSite(t, tinySite)
	writeFile(t, dir, "layouts/_default/single.html", `{{ define "main" }}{{ .Title }{{ end }}`)
	s := start(t, testOptions(dir))
	code, _, body := get(t, s.URL())
	if code != 503 || !strings.Contains(body, "layouts/_default/single.html:1") {
		t.Errorf("GET / = %d, want 503 with the error's place:\n%s", code, body)
	}
	ev := events(t, s.URL())
	writeFile(t, dir, "layouts/_default/single.html", tinySite["layouts/_default/single.html"])
	next(t, ev, func(m message) bool { return len(m.Errors) == 0 })
	if code, _, _ := get(t, s.URL()); code != 200 {
		t.Errorf("after the fix GET / = %d", code)
	}
}

// TestPreviewAsOfAnotherDay: loa serve --now marks every page with the day
// it shows, so that nobody takes the preview for today's site; without
// --now there is no mark.
func TestPreviewAsOfAnotherDay(t *testing.T) {
	dir := writeSite(t, tinySite)
	writeFile(t, dir, "content/tin-tuc/phu-de/index.md", "+++\ntitle = \"Phụ đề\"\n+++\nXem.\n")
	writeFile(t, dir, "content/tin-tuc/phu-de/spot.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n")
	for at, want := range map[string]string{
		"":                 "",
		"2025-11-20":       `<p id="__loa-now" role="note">Xem trước như ngày 20/11/2025</p>`,
		"2025-11-20T08:00": `<p id="__loa-now" role="note">Xem trước như lúc 08:00 ngày 20/11/2025</p>`,
	} {
		opts := testOptions(dir)
		opts.Build.At = at
		s := start(t, opts)
		for _, p := range []string{"", "tin-tuc/phu-de/"} {
			_, _, body := get(t, s.URL()+p)
			if want == "" && strings.Contains(body, "__loa-now") {
				t.Errorf("--now %q: /%s is marked as of another day", at, p)
			}
			if want != "" && (!strings.Contains(body, want) || strings.Index(body, want) > strings.LastIndex(body, "</body>")) {
				t.Errorf("--now %s: /%s lacks %s before </body>:\n%s", at, p, want, body)
			}
		}
		if code, h, _ := get(t, s.URL()+"tin-tuc/phu-de/spot.vtt"); code != 200 || h.Get("Content-Type") != "text/vtt; charset=utf-8" {
			t.Errorf("captions served as %d %q", code, h.Get("Content-Type"))
		}
	}
}

// TestUpdateKeepsPendingReload: the proofreader's findings, sent after a
// reload, never take the place of a reload a slow page has not read yet.
func TestUpdateKeepsPendingReload(t *testing.T) {
	h := newHub()
	c := make(chan []byte, 1)
	h.clients[c] = "/tin-tuc/a/"
	h.broadcast(message{Pages: []string{"/tin-tuc/a/"}})
	h.update(message{}.withWarnings(diag.List{{Pos: diag.Pos{File: "content/tin-tuc/a.md", Line: 5, Col: 9}, Severity: diag.Warning, Message: "2 spaces in a row", MessageVi: "hai dấu cách liền nhau"}}))
	var got message
	if err := json.Unmarshal(<-c, &got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Pages, []string{"/tin-tuc/a/"}) {
		t.Errorf("the page heard %+v, want the reload of /tin-tuc/a/", got)
	}
	var last message
	if err := json.Unmarshal(h.last, &last); err != nil || last.Warnings == nil || len(*last.Warnings) != 1 {
		t.Errorf("a page that connects now gets %s, want the finding", h.last)
	}
}
