package page

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestPackKeepsTheBody(t *testing.T) {
	p := testParser(t, false)
	long := strings.Repeat("Ban Vì sự tiến bộ của Phụ nữ tỉnh triển khai Tháng hành động vì bình đẳng giới. ", 30)
	for _, tt := range []struct {
		name, body string
		packs      bool
	}{
		{"a short item stays as it is", "Họp Ban.", false},
		{"a news item with a picture and a link", long + "\n\n![Lễ ra quân](anh.jpg \"Lễ ra quân\")\n\n[Kế hoạch](/van-ban/ke-hoach/)\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pg, diags := p.Parse("content/tin-tuc/a.md", []byte("+++\ntitle = \"Tin\"\n+++\n\n"+tt.body))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			packed := pg.Pack()
			if got := packed != pg; got != tt.packs {
				t.Fatalf("packed: %v, want %v", got, tt.packs)
			}
			if packed.Body() != pg.Content || pg.Body() != pg.Content {
				t.Errorf("the packed page's body differs from the parse's")
			}
			if tt.packs && (packed.Content != "" || pg.Content == "" || packed.Pack() != packed) {
				t.Errorf("Pack: Content %d bytes, original %d bytes; packing again makes a new page: %v", len(packed.Content), len(pg.Content), packed.Pack() != packed)
			}
			var a, b, c bytes.Buffer
			pg.WriteBody(&a)
			packed.WriteBody(&b)
			pg.Pack().WriteBody(&c)
			if tt.packs && (bytes.Equal(a.Bytes(), b.Bytes()) || !bytes.Equal(b.Bytes(), c.Bytes())) {
				t.Errorf("WriteBody: a packed and an unpacked body write the same, or two packs of one body differ")
			}
		})
	}
}

// TestCacheOfAPackedPage: the parse cache keeps a packed page's HTML,
// which a page decoded from it holds as Content.
func TestCacheOfAPackedPage(t *testing.T) {
	p := testParser(t, false)
	pg, _ := p.Parse("content/a.md", []byte("+++\ntitle = \"Tin\"\n+++\n\n"+strings.Repeat("Phụ nữ tham gia hội thi. ", 60)))
	data, err := p.Encode(pg.Pack(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := p.Decode(data)
	if err != nil || got.Content != pg.Content {
		t.Errorf("decoded a packed page: %v; Content %d bytes, want %d", err, len(got.Content), len(pg.Content))
	}
}

// TestKeptReadsTheBodyFromTheEncoding: a page kept in its encoding, where
// BodySpan finds its HTML, reads the parse's HTML back, holds none of it,
// sums as neither the packed nor the plain page does, and encodes again
// as the parse did.
func TestKeptReadsTheBodyFromTheEncoding(t *testing.T) {
	p := testParser(t, false)
	pg, _ := p.Parse("content/a.md", []byte("+++\ntitle = \"Tin\"\n+++\n\n"+strings.Repeat("Phụ nữ tham gia hội thi. ", 60)))
	for _, held := range []*Page{pg, pg.Pack()} {
		data, err := p.Encode(held, nil)
		if err != nil {
			t.Fatal(err)
		}
		start, end, ok := BodySpan(data)
		if !ok || string(data[start:end]) != pg.Content {
			t.Fatalf("BodySpan = %d, %d, %v: not the page's HTML", start, end, ok)
		}
		file := append([]byte("đầu tệp"), data...)
		kept := held.KeptIn(bytes.NewReader(file), int64(len("đầu tệp")+start), [32]byte{7}, BodySum(data[start:end]))
		if !kept.IsKept() || kept.Content != "" || kept.Body() != pg.Content || kept.BodyLen() != len(pg.Content) {
			t.Errorf("kept: Content %d bytes, Body %q…", len(kept.Content), kept.Body()[:20])
		}
		var a, b, c bytes.Buffer
		pg.WriteBody(&a)
		pg.Pack().WriteBody(&b)
		kept.WriteBody(&c)
		if bytes.Equal(a.Bytes(), c.Bytes()) || bytes.Equal(b.Bytes(), c.Bytes()) {
			t.Error("WriteBody: a kept body writes as a plain or packed one")
		}
		again, err := p.Encode(kept, nil)
		if err != nil || !bytes.Equal(again, data) {
			t.Errorf("a kept page encodes otherwise: %v", err)
		}
	}
	for _, bad := range [][]byte{nil, {1, 2, 3}, {9, 0, 0, 0}, {0, 0, 0, 0xff}} {
		if _, _, ok := BodySpan(bad); ok {
			t.Errorf("BodySpan(%v) ok", bad)
		}
	}
}

// TestKeptRefusesBytesThatChanged: a page whose file no longer holds its
// HTML where it was kept (another build replaced the pack, or the disk
// damaged it) stops the build with the file's name and what to do, rather
// than publishing the bytes found there: other HTML of the same length,
// or the same HTML shifted by one byte.
func TestKeptRefusesBytesThatChanged(t *testing.T) {
	p := testParser(t, false)
	pg, _ := p.Parse("content/tin-tuc/hoi-thi.md", []byte("+++\ntitle = \"Tin\"\n+++\n\n"+strings.Repeat("Phụ nữ tham gia hội thi. ", 60)))
	html := []byte(pg.Content)
	sum := BodySum(html)
	if got := pg.KeptIn(bytes.NewReader(html), 0, [32]byte{1}, sum).Body(); got != pg.Content {
		t.Fatalf("unchanged bytes: Body %q…", got[:20])
	}
	other := bytes.Clone(html)
	copy(other[len(other)/2:], "Hội Liên hiệp")
	shifted := append([]byte{'x'}, html...)
	for name, file := range map[string][]byte{"other HTML": other, "shifted": shifted} {
		func() {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.Contains(msg, "content/tin-tuc/hoi-thi.md") || !strings.Contains(msg, "build again") {
					t.Errorf("%s: Body panicked with %q; want the file's name and what to do", name, msg)
				}
			}()
			got := pg.KeptIn(bytes.NewReader(file), 0, [32]byte{1}, sum).Body()
			t.Errorf("%s: Body returned %d bytes", name, len(got))
		}()
	}
}
