package serve

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// request sends one GET to the running server with the given Host and
// Origin headers and returns the response, its body read.
func request(t *testing.T, url, host, origin string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// TestHostMustNameTheServer: a page on another domain rebound to
// 127.0.0.1 sends its own name as Host, and must not read the drafts.
func TestHostMustNameTheServer(t *testing.T) {
	s := start(t, testOptions(writeSite(t, tinySite)))
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/"))
	tests := []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LocalHost:" + port, 200},
		{"[::1]:" + port, 200},
		{"ke-xau.example:" + port, 403},
		{"127.0.0.1.nip.io:" + port, 403},
		{"localhost", 403},
		{"localhost:1", 403},
		{"192.168.1.5:" + port, 403}, // bound to loopback only
	}
	for _, tt := range tests {
		resp, body := request(t, s.URL(), tt.host, "")
		if resp.StatusCode != tt.want {
			t.Errorf("Host %s: %d; want %d", tt.host, resp.StatusCode, tt.want)
		}
		if tt.want == 403 && (strings.Contains(body, "Trang chủ") || !strings.Contains(body, "wrong host")) {
			t.Errorf("Host %s: body %q; want the short refusal, no page", tt.host, body)
		}
	}
	resp, _ := request(t, s.URL()+eventsPath[1:], "ke-xau.example:"+port, "")
	if resp.StatusCode != 403 {
		t.Errorf("events with a foreign Host: %d; want 403", resp.StatusCode)
	}
}

func TestHostsBoundToAllAddresses(t *testing.T) {
	h := hosts{bind: "0.0.0.0", port: "1313", anyIP: true}
	for host, want := range map[string]bool{
		"192.168.1.5:1313": true, "[fe80::1]:1313": true, "localhost:1313": true,
		"may-cua-toi:1313": false, "192.168.1.5:1314": false,
	} {
		if got := h.allow(host); got != want {
			t.Errorf("allow(%q) = %v; want %v", host, got, want)
		}
	}
	if !(hosts{bind: "localhost", port: "80"}).allow("localhost") {
		t.Errorf("a Host without a port should mean port 80")
	}
}

// TestNoCORS: no response, the event stream included, lets another
// origin's script read it.
func TestNoCORS(t *testing.T) {
	s := start(t, testOptions(writeSite(t, tinySite)))
	for _, p := range []string{"", "tin-tuc/", "khong-co/", "sitemap.xml"} {
		resp, _ := request(t, s.URL()+p, "", "https://ke-xau.example")
		for k := range resp.Header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("GET /%s: %s: %s", p, k, resp.Header.Get(k))
			}
		}
	}
	req, _ := http.NewRequest(http.MethodGet, s.URL()+eventsPath[1:], nil)
	req.Header.Set("Origin", "https://ke-xau.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close() // the stream stays open; its headers are all we need
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for k := range resp.Header {
		if strings.HasPrefix(k, "Access-Control-") {
			t.Errorf("events: %s: %s", k, resp.Header.Get(k))
		}
	}
}

func TestSlowClientsAreBounded(t *testing.T) {
	srv := (&Server{}).httpServer()
	if srv.ReadHeaderTimeout <= 0 || srv.ReadHeaderTimeout > 30*time.Second {
		t.Errorf("ReadHeaderTimeout = %v; want a few seconds", srv.ReadHeaderTimeout)
	}
	if srv.WriteTimeout != 0 {
		t.Errorf("WriteTimeout = %v would cut the live-reload stream", srv.WriteTimeout)
	}
}

// TestStalledClients: 200 connections that never finish their request do
// not keep the preview from answering a page.
func TestStalledClients(t *testing.T) {
	s := start(t, testOptions(writeSite(t, tinySite)))
	addr := strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/")
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := range 200 {
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		conns = append(conns, c)
		partial := "GET / HTTP/1.1\r\nHost: " + addr + "\r\nX-Cham: "
		if i%2 == 0 {
			partial = "GET /tin-tu" // not even the request line
		}
		if _, err := io.WriteString(c, partial); err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
	}

	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(2 * time.Second))
	start := time.Now()
	io.WriteString(c, "GET /tin-tuc/ HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("a page with 200 stalled clients: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /tin-tuc/ = %d", resp.StatusCode)
	}
	t.Logf("answered in %v", time.Since(start))
}
