package publish

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
)

const articlePage = `<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Lịch tiếp công dân — Thứ Sáu</title>
  <style>
    body { color : #ffffff ; margin: 0px; }
  </style>
  <script type="application/ld+json">
  {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Thông báo nghỉ lễ Quốc khánh 2/9"
  }
  </script>
  <script>
    var   thongBao = "Xin chào";   console.log( thongBao );
  </script>
</head>
<body>
  <h1>Thông báo nghỉ lễ Quốc khánh 2/9</h1>
  <p>Thứ Sáu,    ngày 5
     tháng 9 năm 2025</p>
  <p>Ủy ban nhân dân phường Đống Đa</p>
  <ul>
    <li>Tiếp công dân: Thứ Hai</li>
    <li>Nghỉ: Thứ Sáu</li>
  </ul>
</body>
</html>
`

func TestMinify(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		name, file, in string
		want           []string // substrings of the output
		shrinks        bool
	}{
		{
			name: "văn bản tiếng Việt giữ nguyên từng byte",
			file: "tin-tuc/nghi-le/index.html", in: articlePage, shrinks: true,
			want: []string{
				"<title>Lịch tiếp công dân — Thứ Sáu</title>",
				"<h1>Thông báo nghỉ lễ Quốc khánh 2/9</h1>",
				"<p>Ủy ban nhân dân phường Đống Đa</p>",
				"<li>Nghỉ: Thứ Sáu</li>",
			},
		},
		{
			name: "khoảng trắng thu gọn", file: "index.html", shrinks: true,
			in:   "<ul>\n  <li>Thứ Sáu,    ngày 5 \t  tháng 9</li>\n\n  <li>Thứ Bảy</li>\n</ul>",
			want: []string{"<ul><li>Thứ Sáu, ngày 5 tháng 9</li><li>Thứ Bảy</li></ul>"},
		},
		{
			name: "giữ doctype, thẻ tài liệu và thẻ đóng", file: "index.htm", in: articlePage,
			want: []string{"<!doctype html><html lang=vi><head>", "</head><body>", "</ul></body></html>"},
		},
		{
			name: "JSON-LD, CSS và JS nội tuyến được thu gọn", file: "index.html", in: articlePage,
			want: []string{
				`{"@context":"https://schema.org","@type":"NewsArticle","headline":"Thông báo nghỉ lễ Quốc khánh 2/9"}`,
				"<style>body{color:#fff;margin:0}</style>",
				`var thongBao="Xin chào";console.log(thongBao)`,
			},
		},
		{
			name: "chữ tổ hợp (NFD) không bị chuẩn hoá", file: "index.html",
			in:   "<p>Thu\u031b\u0301   Sa\u0301u</p>",
			want: []string{"<p>Thu\u031b\u0301 Sa\u0301u</p>"},
		},
		{
			name: "CSS", file: "css/site.css", shrinks: true,
			in:   "/* chủ đề */\nbody {\n  font-family: \"Be Vietnam Pro\", sans-serif;\n  color: #ff0000;\n}\n",
			want: []string{"body{font-family:", "sans-serif;color:red}"},
		},
		{
			name: "JS", file: "js/tim-kiem.mjs", shrinks: true,
			in:   "// tìm kiếm\nfunction timKiem( tuKhoa ) {\n  return tuKhoa.normalize( 'NFC' );\n}\nexport { timKiem };\n",
			want: []string{`.normalize("NFC")`, "export{timKiem}"},
		},
		{
			name: "SVG", file: "img/logo.svg", shrinks: true,
			in:   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n  <!-- logo -->\n  <rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" fill=\"#ff0000\"/>\n</svg>\n",
			want: []string{"<svg", "</svg>"},
		},
		{
			name: "webmanifest", file: "site.webmanifest", shrinks: true,
			in:   "{\n  \"name\": \"Cổng thông tin phường\",\n  \"lang\": \"vi\"\n}\n",
			want: []string{`{"name":"Cổng thông tin phường","lang":"vi"}`},
		},
		{
			name: "đuôi lạ giữ nguyên", file: "tai-lieu/bao-cao.txt",
			in:   "Báo cáo   quý III\n\n  <b>không phải HTML</b>\n",
			want: []string{"Báo cáo   quý III\n\n  <b>không phải HTML</b>\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := m.Minify(tt.file, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !bytes.Contains(out, []byte(w)) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if tt.shrinks && len(out) >= len(tt.in) {
				t.Errorf("output is %d bytes, input %d", len(out), len(tt.in))
			}
			if bytes.Contains(out, []byte("&#")) {
				t.Errorf("output has numeric entities:\n%s", out)
			}
			// MinifyTo appends the same bytes to what the buffer holds.
			w := bytes.NewBufferString("trước|")
			if err := m.MinifyTo(w, tt.file, []byte(tt.in)); err != nil {
				t.Fatal(err)
			}
			if got := w.String(); got != "trước|"+string(out) {
				t.Errorf("MinifyTo gave %q, Minify %q", got, out)
			}
		})
	}
}

func TestMinifyKeepsLangAttribute(t *testing.T) {
	out, err := NewMinifier().Minify("index.html", []byte(articlePage))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`<html lang="?vi"?>`).Match(out) {
		t.Errorf("lang attribute lost:\n%.80s", out)
	}
}

func TestMinifyUnknownIsUnchanged(t *testing.T) {
	in := []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0, 0, ' ', ' '}
	out, err := NewMinifier().Minify("anh/logo.png", in)
	if err != nil || !bytes.Equal(out, in) {
		t.Errorf("Minify(png) = %q, %v; want input unchanged", out, err)
	}
}

type rss struct {
	Channel struct {
		Title string `xml:"title"`
		Items []struct {
			Title       string `xml:"title"`
			Description string `xml:"description"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestMinifyRSSStaysParseable(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Tin tức phường</title>
    <item>
      <title>Thứ Sáu &amp; thứ Bảy nghỉ lễ</title>
      <description><![CDATA[<p>Nội dung   thông báo</p>]]></description>
    </item>
    <item>
      <title>Lịch tiêm chủng</title>
      <description>Trạm y tế</description>
    </item>
  </channel>
</rss>
`
	out, err := NewMinifier().Minify("tin-tuc/index.xml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) >= len(in) {
		t.Errorf("output is %d bytes, input %d", len(out), len(in))
	}
	var before, after rss
	if err := xml.Unmarshal([]byte(in), &before); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(out, &after); err != nil {
		t.Fatalf("minified feed does not parse: %v\n%s", err, out)
	}
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("feed changed meaning:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestMinifyErrorNamesTheFile(t *testing.T) {
	_, err := NewMinifier().Minify("js/app.js", []byte("var a = ;"))
	if err == nil || !strings.HasPrefix(err.Error(), "minify js/app.js: ") {
		t.Errorf("err = %v; want it to start with %q", err, "minify js/app.js: ")
	}
	err = NewMinifier().MinifyTo(&bytes.Buffer{}, "js/app.js", []byte("var a = ;"))
	if err == nil || !strings.HasPrefix(err.Error(), "minify js/app.js: ") {
		t.Errorf("MinifyTo: err = %v; want it to start with %q", err, "minify js/app.js: ")
	}
}

func TestMinifyConcurrent(t *testing.T) {
	m := NewMinifier()
	want, err := m.Minify("index.html", []byte(articlePage))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := m.Minify("index.html", []byte(articlePage))
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("concurrent Minify differs: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestMediaType(t *testing.T) {
	tests := map[string]string{
		"index.html": "text/html", "cu/INDEX.HTM": "text/html", "a.css": "text/css",
		"a.js": "application/javascript", "a.mjs": "application/javascript",
		"logo.svg": "image/svg+xml", "data.json": "application/json",
		"site.webmanifest": "application/json", "sitemap.xml": "application/xml",
		"anh.jpg": "", "README": "", "tai-lieu/bao-cao.pdf": "",
	}
	for name, want := range tests {
		if got := MediaType(name); got != want {
			t.Errorf("MediaType(%q) = %q; want %q", name, got, want)
		}
	}
}

// articleOfSize returns a Vietnamese news page of about n bytes.
func articleOfSize(n int) []byte {
	var b strings.Builder
	b.WriteString(articlePage[:strings.Index(articlePage, "<body>")+len("<body>")])
	b.WriteString("\n  <main>\n    <article>\n")
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, `      <h2 id="muc-%d">Mục %d: Thủ tục hành chính</h2>
      <p class="doan-van">
        Ủy ban nhân dân phường thông báo lịch tiếp công dân vào   Thứ Sáu hằng tuần.
        Người dân mang theo căn cước công dân và giấy tờ liên quan; mọi thắc mắc
        xin liên hệ bộ phận một cửa, số điện thoại <a href="tel:+842438251234">024 3825 1234</a>.
      </p>
`, i, i)
	}
	b.WriteString("    </article>\n  </main>\n</body>\n</html>\n")
	return []byte(b.String())
}

func BenchmarkMinifyHTML(b *testing.B) {
	m := NewMinifier()
	page := articleOfSize(30 << 10)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := m.Minify("tin-tuc/thu-tuc/index.html", page); err != nil {
			b.Fatal(err)
		}
	}
}
