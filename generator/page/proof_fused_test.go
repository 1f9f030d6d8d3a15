package page

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fusedCases are files for TestParseWithProof: every place the proofreader
// reads, and what Parse changes in the goldmark tree after reading it.
var fusedCases = []struct{ name, src string }{
	{"tiêu đề, sapo, tóm tắt và chữ nhấn mạnh", "+++\ntitle = \"Hội nghị  tổng kết\"\ndescription = \"\"\"\nSáng 17/2, Ban VSTBCPN\n  tỉnh họp.\"\"\"\nsummary = \"Tóm tắt \\\"có\\\" dấu\"\n+++\n" +
		"# Kết quả năm 2022\n\nTiêu đề setext\n---\n\nBan **Vì sự tiến bộ** của _Phụ nữ_ tỉnh ~~đã~~ họp,\ndòng mềm và dòng cứng  \nhết.\n\n## Kết quả năm 2022\n"},
	{"liên kết, địa chỉ tự nhận và tham chiếu", "+++\ntitle = \"Liên kết\"\n+++\n" +
		"Xem [Cổng **Chính phủ**](https://chinhphu.vn \"Trang\"), <https://halam.gov.vn/a>, https://baochinhphu.vn/b và www.example.vn, thư <a@b.vn>.\n\n" +
		"Theo [văn bản][vb] và [bài](<../tin tuc/b.md>) cùng [![ảnh nhỏ](nho.jpg)](https://x.vn).\n\n[vb]: https://vanban.gov.vn/1 \"Văn bản\"\n"},
	{"ảnh, ảnh đứng riêng, album và ảnh tham chiếu", "+++\ntitle = \"Ảnh\"\n+++\n" +
		"![Quang cảnh hội nghị](anh-1.jpg \"Đại biểu dự hội nghị\")\n\nChữ ![nhỏ](anh-2.jpg) giữa câu.\n\n![một](a.jpg) ![hai](b.jpg)\n![ba](c.jpg)\n\n" +
		"![](rong.jpg)\n\n![tham chiếu][r]\n\n![chú thích hai dòng](d.jpg \"dòng một\ndòng hai\")\n\n[r]: r.jpg \"Ảnh tham chiếu\"\n"},
	{"địa chỉ chạy mã bị bỏ", "+++\ntitle = \"Nguy hiểm\"\n+++\n" +
		"[bấm vào](javascript:alert(1)) đây.\n\n![ảnh độc](javascript:alert(2))\n\n![dữ liệu](data:text/html;base64,PHNjcmlwdD4=) ![ảnh](a.jpg)\n\n<vbscript:msgbox>\n"},
	{"mã, HTML và more", "+++\ntitle = \"Mã\"\n+++\n" +
		"Có `mã  lệnh` và <span class=\"x\">chữ  trong thẻ</span> rồi.\n\n    khối  thụt lề\n\n```go\nx  := 1\n```\n\n<div>\nkhối  HTML\n</div>\n\n" +
		"Phần đầu.\n\n<!--more-->\n\nPhần sau <!-- ghi  chú --> hết.\n"},
	{"bảng, danh sách việc, chú thích cuối và trích dẫn", "+++\ntitle = \"Bảng\"\n+++\n" +
		"| Địa phương | Số hộ | Tiến độ |\n|:---|---:|:---:|\n| Quảng  Bình | 14.432 | **Xong** |\n\n- [x] Đã làm\n- [ ] Chưa làm\n  1. Lồng  nhau\n\n" +
		"Câu có chú thích[^1].\n\n> Trích dẫn *in nghiêng* dài.\n\n[^1]: Nguồn: Sở Tài chính.\n"},
	{"front matter YAML", "---\ntitle: Họp  báo\ndescription: |\n  Dòng một.\n  Dòng hai.\ntags: [a, b]\ndate: 2023-02-17\n---\nThân  bài.\n"},
	{"chữ tổ hợp, CRLF và BOM", "\ufeff+++\r\ntitle = \"Hòa bình\"\r\n+++\r\nThủy lợi và sức khỏe  tốt.\r\n\r\n## Hoà giải\r\n"},
	{"chữ viết tắt của bảng chú giải", "+++\ntitle = \"UBND họp\"\n+++\nUBND tỉnh và HĐND họp; UBND lần hai, [UBND](https://x.vn).\n"},
	{"video đứng riêng một đoạn", "+++\ntitle = \"Video\"\n+++\nhttps://www.youtube.com/watch?v=ZJthWmvUzzc\n\nXem thêm https://vimeo.com/146022717 ở đây.\n"},
	{"không có front matter", "Chỉ có  thân bài, [liên kết](/a/).\n"},
	{"chỉ có front matter", "+++\ntitle = \"Trống\"\n+++\n"},
	{"tệp rỗng", ""},
	{"shortcode", "+++\ntitle = \"Shortcode\"\n+++\n## Kết quả {{< param \"title\" >}}\n\n" +
		"Ban {{< youtube abc >}} sau video {{% details \"Xem\" %}}trong  hộp{{% /details %}}\n\n" +
		"{{< figure src=\"anh-3.jpg\" caption=\"Lễ ký kết\" >}}\nXem [bài b]({{< ref \"b.md\" >}}) và {{< highlight go >}}x  := 1{{< /highlight >}}.\n\n" +
		"{{</* youtube thoát */>}} và ![ảnh](a.jpg)\n"},
	{"shortcode không biết: trang lỗi, vẫn đọc được", "+++\ntitle = \"Lỗi\"\n+++\nChữ  {{< khongco >}} đây.\n"},
	{"front matter hỏng", "+++\ntitle = \n+++\nThân  bài.\n"},
	{"front matter không đóng", "+++\ntitle = \"a\"\n"},
	{"không phải UTF-8", "Chữ \xff hỏng.\n"},
	{"shortcode hỏng", "+++\ntitle = \"a\"\n+++\n{{< a >}}{{< /b >}}\n"},
	{"kiểu ngày sai", "+++\ntitle = \"Ngày\"\ndate = \"hôm qua\"\n+++\nThân bài.\n"},
}

// ParseWithProof reads every file for the proofreader as Proof does, from
// the page's own Markdown, and parses it as Parse does.
func TestParseWithProof(t *testing.T) {
	files := map[string]string{}
	for _, tc := range fusedCases {
		files[tc.name] = tc.src
	}
	// The pages of the package's golden tests, shortcodes and all.
	paths, _ := filepath.Glob("testdata/*/*.md")
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[path] = string(src)
	}
	glossary := Glossary{"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}
	parsers := map[string]*Parser{
		"safe":                        testParser(t, false),
		"unsafe":                      testParser(t, true),
		"with a glossary":             testParser(t, false).WithGlossary(glossary),
		"with the theme's shortcodes": shortcodeParser(t, nil),
	}
	read := 0
	for pname, p := range parsers {
		for name, src := range files {
			t.Run(pname+"/"+name, func(t *testing.T) {
				file := "content/tin-tuc/a.md"
				pg, pr, diags := p.ParseWithProof(file, []byte(src))
				apart := p.Proof(file, []byte(src))
				if got, want := proofLines(pr), proofLines(apart); got != want {
					t.Errorf("proof:\n%s\nwant, as Proof reads it:\n%s", got, want)
				} else if !reflect.DeepEqual(pr, apart) {
					t.Errorf("proof differs from Proof's: %#v\nwant %#v", pr, apart)
				}
				plain, plainDiags := p.Parse(file, []byte(src))
				if !reflect.DeepEqual(pg, plain) || !reflect.DeepEqual(diags, plainDiags) {
					t.Errorf("page or diagnostics differ from Parse's:\n%+v\n%v\nwant\n%+v\n%v", pg, diags, plain, plainDiags)
				}
				if pr != nil {
					read++
				}
			})
		}
	}
	// Every file but the five that cannot be read.
	if want := len(parsers) * (len(files) - 5); read != want {
		t.Errorf("%d files had a proof, not %d", read, want)
	}
}

// proofLines shows a proof one item a line, for a readable difference.
func proofLines(pr *Proof) string {
	if pr == nil {
		return "nil"
	}
	var b strings.Builder
	for _, x := range pr.Texts {
		fmt.Fprintf(&b, "text %d:%d kind=%d key=%q %q\n", x.Pos.Line, x.Pos.Col, x.Kind, x.Key, x.Text)
	}
	for _, im := range pr.Images {
		fmt.Fprintf(&b, "image %d:%d %s alt=%q title=%q figure=%v %s\n", im.Pos.Line, im.Pos.Col, im.Dest, im.Alt, im.Title, im.Figure, im.Shortcode)
	}
	for _, l := range pr.Links {
		fmt.Fprintf(&b, "link %d:%d %s\n", l.Pos.Line, l.Pos.Col, l.Dest)
	}
	return b.String()
}
