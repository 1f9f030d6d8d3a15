package serve

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"sync"
	"testing"

	"loa/generator/build"
)

// outputs is a build.Output that keeps what the build writes, as it is.
type outputs struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (o *outputs) WriteFile(rel string, data []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.files[rel] = data
	return nil
}

func (o *outputs) CopyFile(rel string, fsys fs.FS, name string) error { return nil }

// TestZippedOutputsServeAsBuilt checks that every text output, held
// compressed, reaches the browser as the build wrote it: pages opened, with
// the live-reload script, other text as gzip to a browser that takes it and
// plain to one that does not.
func TestZippedOutputsServeAsBuilt(t *testing.T) {
	dir := writeSite(t, tinySite)
	long := strings.Repeat("Ủy ban nhân dân xã tổ chức hội nghị tổng kết công tác năm. ", 40)
	writeFile(t, dir, "content/tin-tuc/tong-ket.md", "+++\ntitle = \"Tổng kết\"\ndate = 2025-03-03T08:00:00+07:00\n+++\n\n"+long+"\n")
	s := start(t, testOptions(dir))
	built := &outputs{files: map[string][]byte{}}
	b := build.New(s.opts.Build)
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if _, diags := b.Render(plan, built); diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	fetch := func(rel, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", s.URL()+rel, nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	zipped := 0
	for rel, want := range built.files {
		if !zippable(rel, len(want)) {
			continue
		}
		if f := s.state.Load().snap.files[rel]; !f.zip || len(f.data) >= len(want) {
			t.Errorf("%s (%d bytes) held as %d bytes, zipped %v", rel, len(want), len(f.data), f.zip)
		}
		zipped++
		if isHTML(rel) {
			want = inject(want, s.state.Load().inject)
		}
		for _, accept := range []string{"gzip, deflate, br", ""} {
			resp, body := fetch(rel, accept)
			if resp.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("GET %s (Accept-Encoding %q): Vary %q", rel, accept, resp.Header.Get("Vary"))
			}
			enc := resp.Header.Get("Content-Encoding")
			if wantGzip := accept != "" && !isHTML(rel); (enc == "gzip") != wantGzip {
				t.Errorf("GET %s (Accept-Encoding %q): Content-Encoding %q", rel, accept, enc)
			}
			if enc == "gzip" {
				r, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("GET %s: %v", rel, err)
				}
				body, _ = io.ReadAll(r)
			}
			if !bytes.Equal(body, want) {
				t.Errorf("GET %s (Accept-Encoding %q) differs from the build's output", rel, accept)
			}
		}
	}
	if zipped < 3 {
		t.Errorf("only %d outputs big enough to be zipped: the test site is too small", zipped)
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{"gzip, deflate, br, zstd", true},
		{"", false},
		{"identity", false},
		{"br;q=1.0, gzip;q=0.8", true},
		{"gzip;q=0", false},
		{"GZIP", true},
		{"*", true},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		if tc.header != "" {
			r.Header.Set("Accept-Encoding", tc.header)
		}
		if got := acceptsGzip(r); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}
