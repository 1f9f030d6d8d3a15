package page

import (
	"fmt"
	"strings"
	"testing"
)

// newsItem is a typical news item: front matter, a lead, headings, a list,
// a table, a figure and 600-odd words.
func newsItem(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"Hội nghị triển khai nhiệm vụ năm 2023 số %d\"\ndate = 2023-02-17T14:45:00+07:00\n", i)
	b.WriteString("description = \"Chiều 17/2, Ban Vì sự tiến bộ của Phụ nữ tỉnh tổ chức hội nghị.\"\nauthor = \"Thu Hà\"\n")
	b.WriteString("categories = [\"Hoạt động\"]\ntags = [\"bình đẳng giới\", \"tập huấn\"]\n+++\n\n")
	para := "Hội nghị đánh giá tỷ lệ nữ tham gia cấp ủy đạt **22,5%**, vượt chỉ tiêu đề ra; công tác bình đẳng giới được các cấp, các ngành quan tâm triển khai đồng bộ, hiệu quả. "
	for s := 0; s < 4; s++ {
		fmt.Fprintf(&b, "## Phần %d: Kết quả nổi bật\n\n", s+1)
		b.WriteString(strings.Repeat(para, 4) + "\n\n")
		b.WriteString("- Tập huấn cho cán bộ xã;\n- Truyền thông tại cộng đồng;\n- Hỗ trợ phụ nữ khởi nghiệp.\n\n")
	}
	b.WriteString("| Huyện | Tỷ lệ |\n|---|---|\n| Mường Khê | 18,3% |\n| Tân Lập | 24,1% |\n\n")
	b.WriteString("![Quang cảnh hội nghị](https://example.org/anh.jpg \"Quang cảnh hội nghị\")\n")
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	p := testParser(b, false)
	src := newsItem(1)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if pg, d := p.Parse("content/tin-tuc/a.md", src); pg == nil {
			b.Fatal(d)
		}
	}
}

// BenchmarkCache encodes and decodes the parse of a news item, as the
// build's parse cache does instead of BenchmarkParse's work.
func BenchmarkCache(b *testing.B) {
	p := testParser(b, false)
	pg, diags := p.Parse("content/tin-tuc/a.md", newsItem(1))
	data, err := p.Encode(pg, diags)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			p.Encode(pg, diags)
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := p.Decode(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
