package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"
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

func body(s string) func(func(string)) { return func(read func(string)) { read(s) } }

// bodyOf is the text that d's Body reads, kept.
func bodyOf(d Doc) string {
	var text string
	if d.Body != nil {
		d.Body(func(s string) { text = strings.Clone(s) })
	}
	return text
}

// A page's text is good only while Body's read runs: the index keeps no
// byte of it, so that a build can make every page's text in the same
// buffer.
func TestBodyBufferUsedAgain(t *testing.T) {
	texts := []string{
		"Hội nghị triển khai Tháng hành động vì bình đẳng giới và phòng ngừa bạo lực trên cơ sở giới năm 2026.",
		"Người dân xã Đắk Lắk tham gia mít tinh hưởng ứng; Ban Vì sự tiến bộ của Phụ nữ tỉnh trao quà.",
		"Tổng kết phong trào: 79,4% hộ gia đình đạt chuẩn văn hoá, 1.234 lượt người được tư vấn.",
	}
	docs := func(read func(i int) func(func(string))) []Doc {
		var out []Doc
		for i := range texts {
			out = append(out, Doc{Title: "Tin " + string(rune('A'+i)), URL: "/tin-tuc/" + string(rune('a'+i)) + "/",
				Time: time.Date(2026, 11, 20+i, 8, 0, 0, 0, time.UTC), Year: 2026, Body: read(i)})
		}
		return out
	}
	files := func(d []Doc) map[string]string {
		out := map[string]string{}
		Build(d, func(f File) { out[f.Name] = string(f.Data) })
		return out
	}
	want := files(docs(func(i int) func(func(string)) { return body(texts[i]) }))
	// One buffer for every page, scribbled over after each read. Build
	// reads pages on every core: the lock makes them take turns, as pages
	// taking buffers from a pool would not share one.
	var buf []byte
	var mu sync.Mutex
	got := files(docs(func(i int) func(func(string)) {
		return func(read func(string)) {
			mu.Lock()
			defer mu.Unlock()
			buf = append(buf[:0], texts[i]...)
			read(unsafe.String(&buf[0], len(buf)))
			for j := range buf {
				buf[j] = 'x'
			}
		}
	}))
	if len(got) != len(want) {
		t.Fatalf("%d files from a buffer used again, %d from strings", len(got), len(want))
	}
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s differs when the text's buffer is used again:\n%s\n%s", name, got[name], data)
		}
	}
}

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
