package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestParseOwn(t *testing.T) {
	loa, hugo := regexp.MustCompile(loaOwn), regexp.MustCompile(hugoOwn)
	tests := []struct {
		name string
		re   *regexp.Regexp
		line string
		want ownTime
		ok   bool
	}{
		{"loa page edit", loa, "Đã dựng lại 3 trang trong 12 ms; sửa content/tin-tuc/a.md", ownTime{12 * time.Millisecond, 3}, true},
		{"loa nothing changed", loa, "Đã dựng lại 0 trang trong 4 ms", ownTime{4 * time.Millisecond, 0}, true},
		{"loa first build is not a rebuild", loa, "Đã dựng 1684 trang trong 900 ms. Xem tại http://127.0.0.1:1313/ (Ctrl+C để dừng)", ownTime{}, false},
		{"hugo total", hugo, "Total in 1234 ms", ownTime{1234 * time.Millisecond, -1}, true},
		{"hugo first build", hugo, "Built in 5678 ms", ownTime{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseOwn(tt.re, tt.line)
			if ok != tt.ok || got != tt.want {
				t.Errorf("parseOwn(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestAddress(t *testing.T) {
	for _, tt := range []struct{ re, line, want string }{
		{loaAddress, "Đã dựng 55 trang trong 51 ms. Xem tại http://127.0.0.1:18555/ (Ctrl+C để dừng)", "http://127.0.0.1:18555/"},
		{hugoAddress, "Web Server is available at http://localhost:40123/ (bind address 127.0.0.1)", "http://localhost:40123/"},
	} {
		if m := regexp.MustCompile(tt.re).FindStringSubmatch(tt.line); m == nil || m[1] != tt.want {
			t.Errorf("%q in %q: %v, want %s", tt.re, tt.line, m, tt.want)
		}
	}
}

func TestWithSpan(t *testing.T) {
	for _, layout := range []string{`{{ define "main" }}<h1>Tin</h1>{{ end }}`, `{{- define "main" -}}<h1>Tin</h1>{{ end }}`} {
		got := string(withSpan([]byte(layout), "sửa-1"))
		if !strings.Contains(got, `"main" }}<span hidden>sửa-1</span><h1>`) && !strings.Contains(got, `"main" -}}<span hidden>sửa-1</span><h1>`) {
			t.Errorf("withSpan(%q) = %q", layout, got)
		}
	}
	if got := withSpan([]byte(`<h1>Tin</h1>`), "x"); got != nil {
		t.Errorf("a layout without a main block gave %q, want nil", got)
	}
}

func TestPickPageAndURL(t *testing.T) {
	site := t.TempDir()
	for _, f := range []string{"_index.md", "tin-tuc/_index.md", "tin-tuc/00001-a.md", "tin-tuc/00002-b.md", "tin-tuc/00003-c.md"} {
		p := filepath.Join(site, "content", f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("+++\n+++\n"), 0o644)
	}
	page, n, err := pickPage(site)
	if err != nil || page != "content/tin-tuc/00002-b.md" || n != 3 {
		t.Fatalf("pickPage = %q, %d, %v; want content/tin-tuc/00002-b.md, 3", page, n, err)
	}
	if got := pageURL(page); got != "/tin-tuc/00002-b/" {
		t.Errorf("pageURL = %q", got)
	}
	dst := filepath.Join(t.TempDir(), "copy")
	if err := copyTree(site, dst); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dst, page)); err != nil {
		t.Errorf("copy: %v", err)
	}
}

func TestMedian(t *testing.T) {
	ms := time.Millisecond
	if got := median([]time.Duration{5 * ms, 1 * ms, 3 * ms}); got != 3*ms {
		t.Errorf("odd: %v", got)
	}
	if got := median([]time.Duration{4 * ms, 1 * ms, 2 * ms, 3 * ms}); got != 2500*time.Microsecond {
		t.Errorf("even: %v", got)
	}
}

func TestListenLoa(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/__loa/events" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "retry: 500\n\ndata: {\"errors\":[]}\n\n")
		w.(http.Flusher).Flush()
		fmt.Fprint(w, "data: {\"pages\":[\"/tin-tuc/a/\",\"/\"],\"errors\":[]}\n\n")
		fmt.Fprint(w, "data: {\"errors\":[{\"pos\":\"content/a.md:3:1\",\"message\":\"hỏng\"}]}\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := listenLoa(ctx, srv.URL+"/", "/tin-tuc/a/")
	if err != nil {
		t.Fatal(err)
	}
	if r := <-ch; len(r.pages) != 2 || r.pages[0] != "/tin-tuc/a/" || len(r.errors) != 0 {
		t.Errorf("first reload = %+v", r)
	}
	if r := <-ch; len(r.errors) != 1 || r.errors[0] != "content/a.md:3:1: hỏng" {
		t.Errorf("second reload = %+v", r)
	}
}

// TestListenHugo plays Hugo's side of LiveReload: the handshake, a hello,
// a ping, and reloads in one frame, in fragments and with a long length.
func TestListenHugo(t *testing.T) {
	pong := make(chan []byte, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		fmt.Fprintf(rw, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
			acceptKey(r.Header.Get("Sec-WebSocket-Key")))
		rw.Flush()
		if _, _, data, err := readFrame(rw); err != nil || !bytes.Contains(data, []byte(`"hello"`)) {
			t.Errorf("client hello: %q, %v", data, err)
			return
		}
		serverFrame(rw, true, opText, `{"command":"hello","serverName":"Hugo"}`)
		serverFrame(rw, true, opPing, "p")
		serverFrame(rw, true, opText, `{"command":"reload","path":"x.js"}`)
		serverFrame(rw, false, opText, `{"command":"rel`)
		serverFrame(rw, true, opContinue, `oad","path":"x.js"}`)
		serverFrame(rw, true, opText, `{"command":"reload","path":"`+strings.Repeat("a", 300)+`"}`)
		rw.Flush()
		_, op, data, err := readFrame(rw)
		if err == nil && op == opPong {
			pong <- data
		}
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := listenHugo(ctx, srv.URL+"/", "/tin-tuc/a/")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
			t.Fatalf("reload %d did not come", i+1)
		}
	}
	select {
	case data := <-pong:
		if string(data) != "p" {
			t.Errorf("pong %q", data)
		}
	case <-time.After(5 * time.Second):
		t.Error("no pong")
	}
}

// serverFrame writes an unmasked frame, as a server does.
func serverFrame(w *bufio.ReadWriter, fin bool, op byte, data string) {
	b := op
	if fin {
		b |= 0x80
	}
	h := []byte{b}
	if n := len(data); n < 126 {
		h = append(h, byte(n))
	} else {
		h = binary.BigEndian.AppendUint16(append(h, 126), uint16(n))
	}
	w.Write(h)
	w.WriteString(data)
}
