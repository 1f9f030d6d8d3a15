package docx

import (
	"strings"
	"testing"
	"time"
)

const titleStyles = `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:rPr><w:i/></w:rPr></w:style>`

// The parts of a news item Word users write: title, date line, bold lead,
// body, right-aligned byline.
func TestArticleParts(t *testing.T) {
	const (
		title  = `<w:pStyle w:val="Title"/>`
		right  = `<w:jc w:val="right"/>`
		bold   = `<w:b/>`
		body   = "Hội nghị đã thảo luận nhiều nội dung quan trọng."
		leadTx = "Sáng 17/2, Ban Vì sự tiến bộ của Phụ nữ tỉnh tổ chức hội nghị."
	)
	hn := hanoi(t)
	tests := []struct {
		name                                string
		f                                   fixture
		title, lead, author, from, date, md string
	}{
		{
			name: "title style, date line, lead, right-aligned author",
			f: fixture{styles: titleStyles, body: p(title, r("", "Hội nghị tổng kết năm 2022")) +
				p("", r("", "Ngày 17/02/2023")) + p("", r(bold, leadTx)) + p("", r("", body)) + p(right, r("", "Thu Hà"))},
			title: "Hội nghị tổng kết năm 2022", lead: leadTx, author: "Thu Hà", from: "text",
			date: "2023-02-17T00:00:00+07:00", md: body,
		},
		{
			name: "first heading, date and time, bold author line",
			f: fixture{styles: titleStyles, body: p(`<w:pStyle w:val="Heading1"/>`, r("", "Tập huấn cán bộ xã")) +
				p("", r("", "17/02/2023 14:45")) + p("", r("", body)) + p("", r(bold, "Minh Anh"))},
			title: "Tập huấn cán bộ xã", author: "Minh Anh", from: "text", date: "2023-02-17T14:45:00+07:00", md: body,
		},
		{
			name: "first bold line, then the bold lead; date from the properties",
			f: fixture{core: `<dcterms:created xsi:type="dcterms:W3CDTF">2023-02-17T07:45:00Z</dcterms:created><dc:creator>Nguyễn Văn An</dc:creator>`,
				body: p("", r(bold, "Phát động Tháng hành động")) + p("", r(bold, leadTx)) + p("", r("", body+" Kết thúc."))},
			title: "Phát động Tháng hành động", lead: leadTx, author: "Nguyễn Văn An", from: "properties",
			date: "2023-02-17T14:45:00+07:00", md: body,
		},
		{
			name: "place and long date, author from a generic account ignored, now",
			f: fixture{core: `<dc:creator>Windows User</dc:creator>`, styles: titleStyles,
				body: p(title, r("", "Tiêu đề")) + p("", r("", "Hà Nội, ngày 5 tháng 3 năm 2024")) + p("", r("", body))},
			title: "Tiêu đề", author: "", from: "text", date: "2024-03-05T00:00:00+07:00", md: body,
		},
		{
			name:  "no date anywhere: now in the site's zone",
			f:     fixture{styles: titleStyles, body: p(title, r("", "Tiêu đề")) + p("", r("", body))},
			title: "Tiêu đề", from: "now", date: "2026-11-29T10:00:00+07:00", md: body,
		},
		{
			name: "a long last sentence is not an author",
			f: fixture{styles: titleStyles, body: p(title, r("", "Tiêu đề")) + p("", r("", body)) +
				p("", r("", "Mọi người cùng tham gia."))},
			title: "Tiêu đề", from: "now", date: "2026-11-29T10:00:00+07:00", md: "Mọi người cùng tham gia.",
		},
		{
			name: "a byline with a prefix; a source line is not an author",
			f: fixture{styles: titleStyles, body: p(title, r("", "Tiêu đề")) + p("", r("", body)) +
				p(right, r("", "Bài, ảnh: Thu Hà"))},
			title: "Tiêu đề", author: "Thu Hà", from: "now", date: "2026-11-29T10:00:00+07:00", md: body,
		},
		{
			name: "a date inside a sentence is not a date line",
			f: fixture{styles: titleStyles, body: p(title, r("", "Tiêu đề")) +
				p("", r("", "Ngày 17/02/2023, hội nghị đã thông qua nghị quyết về công tác cán bộ của toàn tỉnh trong năm tới và những năm sau."))},
			title: "Tiêu đề", from: "now", date: "2026-11-29T10:00:00+07:00", md: "Ngày 17/02/2023, hội nghị",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := tt.f.convert(t)
			if a.Title != tt.title || a.Description != tt.lead || a.Author != tt.author || a.DateFrom != tt.from {
				t.Errorf("got title %q, lead %q, author %q, date from %q\nwant %q, %q, %q, %q",
					a.Title, a.Description, a.Author, a.DateFrom, tt.title, tt.lead, tt.author, tt.from)
			}
			if got := a.Date.In(hn).Format(time.RFC3339); got != tt.date {
				t.Errorf("date %s, want %s", got, tt.date)
			}
			contains(t, "body", a.Body, tt.md)
			for _, gone := range []string{tt.title, tt.lead, tt.author} {
				if gone != "" && strings.Contains(a.Body, gone) && !strings.Contains(tt.md, gone) {
					t.Errorf("body still has %q:\n%s", gone, a.Body)
				}
			}
		})
	}
}

func TestNoTitleUsesFileName(t *testing.T) {
	a, diags := fixture{body: p("", r("", "Chỉ có một đoạn văn bình thường, khá dài, kết thúc bằng dấu chấm."))}.convert(t)
	if a.Title != "bai" {
		t.Errorf("title %q", a.Title)
	}
	contains(t, "warnings", warnings(diags), "has no title")
}

func TestDateLines(t *testing.T) {
	hn := hanoi(t)
	tests := []struct{ in, want string }{
		{"Ngày 17/02/2023", "2023-02-17 00:00"},
		{"17/02/2023 14:45", "2023-02-17 14:45"},
		{"Cập nhật lúc 14h45 ngày 17-2-2023", "2023-02-17 14:45"},
		{"Thứ Sáu, 17.02.2023 - 9 giờ 05", "2023-02-17 09:05"},
		{"Hà Nội, ngày 17 tháng 2 năm 2023", "2023-02-17 00:00"},
		{"Ngày 31/02/2023", ""},
		{"17/02/2023 là ngày hội nghị đã tổng kết công tác năm của tất cả các ban ngành đoàn thể", ""},
		{"Số 12/2023", ""},
	}
	for _, tt := range tests {
		got, ok := dateLine(tt.in, hn)
		s := ""
		if ok {
			s = got.Format("2006-01-02 15:04")
		}
		if s != tt.want {
			t.Errorf("dateLine(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestPageFrontMatter(t *testing.T) {
	a := &Article{Title: `Tiêu đề "trích" \ x`, Description: "Sapo\tmột", Author: "Thu Hà",
		Date: time.Date(2023, 2, 17, 14, 45, 0, 0, hanoi(t)), Body: "Nội dung."}
	want := "+++\ntitle = \"Tiêu đề \\\"trích\\\" \\\\ x\"\ndate = 2023-02-17T14:45:00+07:00\ndraft = true\n" +
		"description = \"Sapo\\tmột\"\nauthor = \"Thu Hà\"\n+++\n\nNội dung.\n"
	if got := string(a.Page(true)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := string(a.Page(false)); !strings.Contains(got, "draft = false\n") {
		t.Errorf("draft = false missing:\n%s", got)
	}
}
