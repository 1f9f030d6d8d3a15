package serve

import (
	"bytes"
	"html/template"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"loa/generator/diag"
)

// The preview's own files live under /__loa/, which no site output is
// served from. The live-reload client and the overlay's styles are files
// there, not inline code, because the default theme's pages carry a
// Content-Security-Policy (script-src 'self'; style-src 'self') that
// blocks inline scripts and style attributes; a file from the same origin
// passes, and so does the event stream (connect-src 'self').
const (
	reservedPrefix = "/__loa/"
	eventsPath     = reservedPrefix + "events"
	clientPath     = reservedPrefix + "client.js"
	overlayCSSPath = reservedPrefix + "overlay.css"
)

// The overlay as first served, while a rebuild fails: the same markup that
// client.js builds, styled by classes from overlay.css, never by style
// attributes.
var overlayTmpl = template.Must(template.New("overlay").Parse(
	`<link rel="stylesheet" href="` + overlayCSSPath + `" id="__loa-overlay-css">` +
		`<div id="__loa-overlay" role="alert">` +
		`<h2>Lỗi khi dựng trang ({{len .}} lỗi)</h2>` +
		`<p>Trang đang hiện là bản dựng tốt gần nhất. Sửa tệp và lưu lại: trang sẽ tự cập nhật.</p>` +
		`<ul>{{range .}}<li>` +
		`<code class="__loa-pos">{{.Pos}}</code>` +
		`<div class="__loa-msg">{{.Message}}</div>` +
		`{{if .Hint}}<div class="__loa-hint">Gợi ý: {{.Hint}}</div>{{end}}</li>{{end}}</ul></div>`))

// clientTag loads the live-reload client. It needs no data from the page:
// it reads the page's address from location.
const clientTag = `<script src="` + clientPath + `" defer></script>`

// nowTmpl is the mark of a preview made as of another day than today
// (loa serve --now), on every page, so that nobody takes it for today's
// site. Styled by overlay.css, like the overlay.
var nowTmpl = template.Must(template.New("now").Parse(
	`<link rel="stylesheet" href="` + overlayCSSPath + `"><p id="__loa-now" role="note">{{.}}</p>`))

// injection is what goes before </body> of every HTML page served: the
// live-reload client, the mark of a preview as of another day (now, or ""),
// and, while the last rebuild failed, the error overlay.
func injection(errs diag.List, now string) []byte {
	var b bytes.Buffer
	if now != "" {
		nowTmpl.Execute(&b, now)
	}
	if len(errs) > 0 {
		overlayTmpl.Execute(&b, toJSON(errs)) // in Vietnamese where written
	}
	b.WriteString(clientTag)
	return b.Bytes()
}

// inject puts extra before the last </body>, or at the end.
func inject(page, extra []byte) []byte {
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(extra))
	out = append(out, page[:i]...)
	out = append(out, extra...)
	return append(out, page[i:]...)
}

// contentType is the media type of an output, with charset=utf-8 for text.
func contentType(rel string) string {
	ext := strings.ToLower(path.Ext(rel))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".json", ".webmanifest":
		return "application/json; charset=utf-8"
	case ".svg":
		return "image/svg+xml; charset=utf-8"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".vtt": // captions: a browser may refuse a track of another type
		return "text/vtt; charset=utf-8"
	case ".mp4", ".m4v":
		return "video/mp4"
	case ".webm":
		return "video/webm"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		if strings.HasPrefix(t, "text/") && !strings.Contains(t, "charset") {
			t += "; charset=utf-8"
		}
		return t
	}
	return "application/octet-stream"
}

// resolve maps a request path to an output path. It refuses, with ok false,
// anything that is not a plain path below the site: "..", backslashes,
// NUL, and dot-segments however encoded (the request's path is decoded by
// then). redirect is set when the path names a folder without its slash.
func resolve(snap *snapshot, urlPath string) (rel string, redirect bool, ok bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false, false
	}
	for _, seg := range strings.Split(urlPath, "/") {
		if seg == ".." || seg == "." {
			return "", false, false
		}
	}
	rel = strings.TrimPrefix(urlPath, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if snap == nil {
		return rel, false, true
	}
	if _, found := snap.files[rel]; found {
		return rel, false, true
	}
	if _, found := snap.files[rel+"/index.html"]; found {
		return rel, true, true
	}
	return rel, false, true
}

// hosts are the Host headers a request to the preview may carry: the
// address it is bound to and the loopback names, with its port. Any other
// name may be a page's own domain rebound to 127.0.0.1 (DNS rebinding),
// which must not read the drafts the preview serves.
type hosts struct {
	bind  string // lower case, as given to --bind
	port  string
	anyIP bool // bound to all addresses: other machines name it by an IP
}

// allow reports whether host, a request's Host header, names the server.
func (h hosts) allow(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, "80" // a browser leaves out the default port
	}
	if port != h.port {
		return false
	}
	name = strings.ToLower(name)
	switch {
	case name == "localhost", name == "127.0.0.1", name == "::1", name == h.bind:
		return true
	case h.anyIP:
		// An address in the Host header cannot be rebound, unlike a name.
		return net.ParseIP(name) != nil
	}
	return false
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.host.allow(r.Host) {
		http.Error(w, "Địa chỉ máy không đúng (wrong host); mở "+s.url, http.StatusForbidden)
		return
	}
	if r.URL.Path == eventsPath {
		s.hub.serve(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Phương thức không được hỗ trợ", http.StatusMethodNotAllowed)
		return
	}
	st := s.state.Load()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(r.URL.Path, reservedPrefix) {
		s.own(w, r, st)
		return
	}
	if strings.Contains(r.URL.RawPath, "%5c") || strings.Contains(r.URL.RawPath, "%5C") {
		s.notFound(w, r, st, http.StatusBadRequest)
		return
	}
	rel, redirect, ok := resolve(st.snap, r.URL.Path)
	if !ok {
		s.notFound(w, r, st, http.StatusBadRequest)
		return
	}
	if redirect {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	if st.snap == nil {
		s.notFound(w, r, st, http.StatusServiceUnavailable)
		return
	}
	f, found := st.snap.files[rel]
	if p := st.pending; p != nil {
		if f, found = p.get(rel); !found {
			<-p.done // the render is over and its state in place
			st = s.state.Load()
			f, found = st.snap.files[rel]
		}
	}
	if !found {
		s.notFound(w, r, st, http.StatusNotFound)
		return
	}
	data, err := f.open(s.store)
	if err != nil {
		http.Error(w, "Không đọc được tệp", http.StatusInternalServerError)
		return
	}
	s.write(w, r, st, rel, data, http.StatusOK)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, st *state, rel string, data []byte, code int) {
	if isHTML(rel) {
		data = inject(data, st.inject)
	}
	w.Header().Set("Content-Type", contentType(rel))
	if code != http.StatusOK {
		w.WriteHeader(code)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, rel, time.Time{}, bytes.NewReader(data))
}

// own answers under the reserved prefix with the preview's own files; the
// site's files of the same name, if any, are never served.
func (s *Server) own(w http.ResponseWriter, r *http.Request, st *state) {
	var body, typ string
	switch r.URL.Path {
	case clientPath:
		body, typ = clientJS, contentType(".js")
	case overlayCSSPath:
		body, typ = overlayCSS, contentType(".css")
	default:
		s.notFound(w, r, st, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", typ)
	http.ServeContent(w, r, path.Base(r.URL.Path), time.Time{}, strings.NewReader(body))
}

// notFound answers with the site's 404 page, or a short one of ours. An
// address in a language's folder (/en/…) gets that language's (en/404.html)
// when the site has one, as Netlify and Cloudflare Pages serve it.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state, code int) {
	if st.snap != nil {
		names := []string{"404.html"}
		if first, _, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); ok && first != "" {
			names = []string{first + "/404.html", "404.html"}
		}
		for _, name := range names {
			if data, found, err := st.snap.read(name); found && err == nil {
				s.write(w, r, st, name, data, code)
				return
			}
		}
	}
	msg := "Không tìm thấy trang này."
	switch code {
	case http.StatusBadRequest:
		msg = "Địa chỉ không hợp lệ."
	case http.StatusServiceUnavailable:
		msg = "Chưa dựng được trang: hãy sửa các lỗi bên dưới và lưu lại."
	}
	page := []byte(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Loa</title></head><body><p>` +
		template.HTMLEscapeString(msg) + `</p></body></html>`)
	s.write(w, r, st, "404.html", page, code)
}
