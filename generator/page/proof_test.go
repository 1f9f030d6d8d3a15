package page

import (
	"fmt"
	"strings"
	"testing"
)

// proofSrc has prose in every place the proofreader reads, and code,
// addresses and shortcode tags it must leave out.
const proofSrc = `+++
title = "Hội nghị  tổng kết"
description = """
Sáng 17/2, Ban VSTBCPN tỉnh
họp."""
date = 2023-02-17
+++
## Kết quả năm 2022

Ban **Vì sự tiến bộ** của [Phụ nữ](https://halam.gov.vn/a "t") tỉnh ` + "`mã  lệnh`" + `.
{{< youtube abc >}} sau video {{% details "Xem" %}}trong hộp{{% /details %}}

![Quang cảnh hội nghị](anh-1.jpg "Đại biểu dự hội nghị")

![](anh-2.jpg) và chữ

` + "```\ncode  block\n```" + `

{{< figure src="anh-3.jpg" caption="Lễ ký kết" >}}
Xem https://chinhphu.vn và {{< highlight go >}}x  := 1{{< /highlight >}}.
`

// proofTexts proofreads src and checks its runs of prose, listed one a
// line as line:col kind "text", against want.
func proofTexts(t *testing.T, src, want string) *Proof {
	t.Helper()
	pr := testParser(t, false).Proof("content/tin-tuc/a.md", []byte(src))
	if pr == nil {
		t.Fatal("no proof")
	}
	var texts []string
	for _, x := range pr.Texts {
		texts = append(texts, fmt.Sprintf("%d:%d %d %q", x.Pos.Line, x.Pos.Col, x.Kind, x.Text))
	}
	if got := strings.Join(texts, "\n"); got != want {
		t.Errorf("texts:\n%s\nwant:\n%s", got, want)
	}
	return pr
}

func TestProof(t *testing.T) {
	pr := proofTexts(t, proofSrc, strings.Join([]string{
		`2:10 5 "Hội nghị  tổng kết"`,
		`4:1 5 "Sáng 17/2, Ban VSTBCPN tỉnh"`,
		`5:1 5 "họp."`,
		`8:4 1 "Kết quả năm 2022"`,
		`10:1 0 "Ban "`,
		`10:7 0 "Vì sự tiến bộ"`,
		`10:22 0 " của "`,
		`10:28 2 "Phụ nữ"`,
		`10:63 0 " tỉnh "`,
		`10:79 0 "."`,
		`11:20 0 " sau video "`,
		`11:52 0 "trong hộp"`,
		`13:3 3 "Quang cảnh hội nghị"`,
		`13:35 4 "Đại biểu dự hội nghị"`,
		`15:15 0 " và chữ"`,
		`22:1 0 "Xem "`,
		`22:24 0 " và "`,
		`22:73 0 "."`,
	}, "\n"))
	var images []string
	for _, im := range pr.Images {
		images = append(images, fmt.Sprintf("%d:%d %s alt=%q title=%q figure=%v %s", im.Pos.Line, im.Pos.Col, im.Dest, im.Alt, im.Title, im.Figure, im.Shortcode))
	}
	wantImages := []string{
		`13:1 anh-1.jpg alt="Quang cảnh hội nghị" title="Đại biểu dự hội nghị" figure=true `,
		`15:1 anh-2.jpg alt="" title="" figure=false `,
		`21:1 anh-3.jpg alt="" title="Lễ ký kết" figure=true figure`,
	}
	// Shortcodes are read before the Markdown.
	if got := strings.Join(images, "\n"); got != wantImages[2]+"\n"+wantImages[0]+"\n"+wantImages[1] {
		t.Errorf("images:\n%s", got)
	}
	var links []string
	for _, l := range pr.Links {
		links = append(links, fmt.Sprintf("%d:%d %s", l.Pos.Line, l.Pos.Col, l.Dest))
	}
	if got := strings.Join(links, "\n"); got != "10:36 https://halam.gov.vn/a\n22:5 https://chinhphu.vn" {
		t.Errorf("links:\n%s", got)
	}
}

func TestProofUnreadable(t *testing.T) {
	p := testParser(t, false)
	for _, src := range []string{"+++\ntitle = \"a\"\n", "a \xff b", "{{< a >}}{{< /b >}}", "+++\ntitle = \n+++\n"} {
		if pr := p.Proof("content/a.md", []byte(src)); pr != nil {
			t.Errorf("Proof(%q) = %+v, want nil", src, pr)
		}
	}
}
