package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPostingsRoundTrip(t *testing.T) {
	in := []uint32{0<<4 | InTitle, 1<<4 | InBody, 2<<4 | InLead | InBody, 40<<4 | InTags, 100000<<4 | InTitle | InBody}
	s := encode(in)
	if got := decode(s); !slices.Equal(got, in) {
		t.Errorf("decode(encode(%v)) = %v (text %q)", in, got, s)
	}
	if strings.ContainsAny(s, `"\<>&`) {
		t.Errorf("encoded text %q needs escaping in JSON", s)
	}
}

func body(s string) func() string { return func() string { return s } }

// TestBuild: documents are numbered newest first; a syllable is found by its
// folded key under each spelling, with the fields it is in; the same input
// gives the same files.
func TestBuild(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	docs := []Doc{
		{Title: "Đường dây nóng", URL: "/a/", Time: day(1), Year: 2024, Body: body("Gọi ngay.")},
		{Title: "Dạy học", URL: "/b/", Time: day(2), Year: 2024, Lead: "Đường làng", Body: body("Dây điện.")},
	}
	build := func() map[string][]byte {
		files := map[string][]byte{}
		Build(docs, func(f File) { files[f.Name] = f.Data })
		return files
	}
	files := build()
	terms := string(files["t/0.json"])
	// /b/ is newer: number 0. "dây" is in /a/'s title (1) and /b/'s body (0).
	for _, want := range []string{`"day":{"dây":"`, `"dạy":"`, `"duong":{"đường":"`} {
		if !strings.Contains(terms, want) {
			t.Errorf("terms lack %s: %s", want, terms)
		}
	}
	if !strings.Contains(string(files["p/0.json"]), `"duong day":"`) {
		t.Errorf("pairs lack \"duong day\": %s", files["p/0.json"])
	}
	if !strings.HasPrefix(string(files["d/0.json"]), `[["Dạy học","/b/"`) {
		t.Errorf("documents not newest first: %s", files["d/0.json"])
	}
	again := build()
	for name, data := range files {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestJSONStringAsEncodingJSON: the shards' keys are escaped exactly as
// encoding/json would, so the files stay valid JSON whatever a page holds.
func TestJSONStringAsEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "đường", `a"b\c`, "<script>&", "tab\there\nnew\rline", "\x00\x1f", "\u2028\u2029", "bad\xffutf8", "ơ̆ Ê Đê", "ក្មែរ"} {
		var b bytes.Buffer
		jsonString(&b, s)
		want, _ := json.Marshal(s)
		if b.String() != string(want) {
			t.Errorf("jsonString(%q) = %s, want %s", s, b.String(), want)
		}
	}
}
