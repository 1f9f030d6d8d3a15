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

// TestBuild: documents are numbered oldest first, undated pages before
// all; a syllable is found by its folded key under each spelling, with the
// fields it is in; the same input, in any order, gives the same files.
func TestBuild(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	docs := []Doc{
		{Title: "Dạy học", URL: "/b/", Time: day(2), Year: 2024, Lead: "Đường làng", Body: body("Dây điện.")},
		{Title: "Đường dây nóng", URL: "/a/", Time: day(1), Year: 2024, Body: body("Gọi ngay.")},
		{Title: "Giới thiệu", URL: "/gioi-thieu/", Body: body("Cơ quan.")},
	}
	build := func(docs []Doc) map[string][]byte {
		files := map[string][]byte{}
		Build(docs, func(f File) { files[f.Name] = f.Data })
		return files
	}
	files := build(docs)
	in := func(dir string) string {
		var b strings.Builder
		for name, data := range files {
			if strings.HasPrefix(name, dir) {
				b.Write(data)
			}
		}
		return b.String()
	}
	// /b/ is the newest: number 2. "dây" is in /a/'s title, number 1, one
	// past none: 2×16+1 = "x1"; and in /b/'s body, 1 past /a/: 16+4 = "k".
	terms := in("t/")
	for _, want := range []string{`"day":{"dây":"x1k"`, `"dạy":"`, `"duong":{"đường":"`} {
		if !strings.Contains(terms, want) {
			t.Errorf("terms lack %s: %s", want, terms)
		}
	}
	if !strings.Contains(in("p/"), `"duong day":"`) {
		t.Errorf("pairs lack \"duong day\": %s", in("p/"))
	}
	if !strings.HasPrefix(string(files["d/0.json"]), `[["Giới thiệu","/gioi-thieu/","",0,"Cơ quan."],["Đường dây nóng","/a/"`) {
		t.Errorf("documents not oldest first, undated first: %s", files["d/0.json"])
	}
	if !strings.Contains(string(files["manifest.json"]), `"years":[[0,0],[2024,1]]`) {
		t.Errorf("manifest's years not [year, first document] oldest first: %s", files["manifest.json"])
	}
	slices.Reverse(docs)
	again := build(docs)
	for name, data := range files {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs between two builds of the same pages", name)
		}
	}
	if len(again) != len(files) {
		t.Errorf("%d files, then %d", len(files), len(again))
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
