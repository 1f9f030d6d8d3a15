package page

import (
	"bytes"
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
