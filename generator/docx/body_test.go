package docx

import (
	"strings"
	"testing"
)

// body converts a document whose first line is a title, and returns the
// Markdown of the rest.
func body(t *testing.T, f fixture) (string, string) {
	t.Helper()
	if f.styles == "" {
		f.styles = titleStyles
	}
	// Plain paragraphs around the case, so that it is taken for neither
	// the lead nor the author.
	const first, last = "Mở đầu.", "Hết bài, cảm ơn."
	f.body = p(`<w:pStyle w:val="Title"/>`, r("", "Tiêu đề")) + p("", r("", first)) + f.body + p("", r("", last))
	a, diags := f.convert(t)
	md := strings.TrimPrefix(a.Body, first)
	md = strings.Replace(md, "\n\n"+last, "", 1)
	return strings.TrimSpace(md), warnings(diags)
}

func TestInlineFormatting(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"bold italic underline strike",
			p("", r("", "Một "), r("<w:b/>", "đậm"), r("", " và "), r("<w:i/>", "nghiêng"), r("", ", "),
				r(`<w:u w:val="single"/>`, "gạch chân"), r("", ", "), r("<w:strike/>", "gạch bỏ"), r("", ".")),
			"Một **đậm** và *nghiêng*, *gạch chân*, ~~gạch bỏ~~."},
		{"spaces go outside the marks",
			p("", r("<w:b/>", "Đậm "), r("", "rồi thường")), "**Đậm** rồi thường"},
		{"bold then bold italic shares the marks",
			p("", r("<w:b/>", "đậm "), r("<w:b/><w:i/>", "cả hai")), "**đậm *cả hai***"},
		{"runs split by Word join",
			p("", r("<w:b/>", "Ban "), r("<w:b/>", "Vì sự"), r("<w:b/>", " tiến bộ")), "**Ban Vì sự tiến bộ**"},
		{"style bold and direct off",
			p("", r(`<w:rStyle w:val="Strong"/>`, "mạnh"), r(`<w:rStyle w:val="Strong"/><w:b w:val="0"/>`, " không")),
			"**mạnh** không"},
		{"line break, tab, page break, soft and no-break hyphens",
			p("", `<w:r><w:t>dòng một</w:t><w:br/><w:t>dòng</w:t><w:tab/><w:t>hai</w:t><w:br w:type="page"/><w:noBreakHyphen/><w:softHyphen/><w:t>x</w:t></w:r>`),
			"dòng một\\\ndòng hai-x"},
		{"hidden text dropped", p("", r("", "thấy"), r("<w:vanish/>", " ẩn")), "thấy"},
		{"markdown characters are text",
			p("", r("", `*sao* _gạch_ [ngoặc] <b>thẻ</b> a|b \ {{< youtube x >}} {{% x %}} &amp; ~~x~~`)),
			`\*sao\* \_gạch\_ \[ngoặc\] \<b>thẻ\</b> a\|b \\ {{\< youtube x >}} {{\% x %}} \&amp; \~\~x\~\~`},
		{"line starts that would be syntax", p("", r("", "# không phải đề mục")) + p("", r("", "- không phải danh sách")) +
			p("", r("", "2023. Năm bản lề")) + p("", r("", "> trích")) + p("", r("", "+ cộng")),
			"\\# không phải đề mục\n\n\\- không phải danh sách\n\n2023\\. Năm bản lề\n\n\\> trích\n\n\\+ cộng"},
		{"NFD text becomes NFC", p("", r("", "Vie\u0302\u0323t Nam")), "Việt Nam"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixture{body: tt.body, styles: titleStyles + wstyle("character", "Strong", "Strong", "<w:rPr><w:b/></w:rPr>")}
			got, _ := body(t, f)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestLinks(t *testing.T) {
	f := fixture{
		rels: `<Relationship Id="rIdL1" Type="` + relNS + `hyperlink" Target="https://vstbpn.halam.gov.vn/van ban/(1)" TargetMode="External"/>` +
			`<Relationship Id="rIdL2" Type="` + relNS + `hyperlink" Target="file:///C:/Users/ThuHa/Desktop/bao-cao.docx" TargetMode="External"/>`,
		styles: titleStyles + wstyle("character", "Hyperlink", "Hyperlink", `<w:rPr><w:u w:val="single"/></w:rPr>`),
		body: p("", r("", "Xem "), `<w:hyperlink r:id="rIdL1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>văn bản</w:t></w:r></w:hyperlink>`,
			r("", " và "), `<w:hyperlink r:id="rIdL2">`+r("", "báo cáo")+`</w:hyperlink>`, r("", ", "),
			`<w:hyperlink w:anchor="muc-2">`+r("", "mục 2")+`</w:hyperlink>`, r("", ", "),
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.gov.vn/" \o "mẹo" </w:instrText></w:r>`+
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`+r("", "trang tỉnh")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
			r("", ", "), `<w:fldSimple w:instr=" HYPERLINK &quot;mailto:ban@example.gov.vn&quot; ">`+r("", "thư")+`</w:fldSimple>`,
			r("", ", "), `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+
				r("", "3")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`),
	}
	got, warns := body(t, f)
	want := "Xem [văn bản](https://vstbpn.halam.gov.vn/van%20ban/%281%29) và báo cáo, mục 2, [trang tỉnh](https://example.gov.vn/), [thư](mailto:ban@example.gov.vn), 3"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	contains(t, "warnings", warns, `a link to "file:///C:/Users/ThuHa/Desktop/bao-cao.docx" was left out`)
}

// numbering has a bulleted list (numId 1), a numbered one (2, its second
// level a), b)…) and a level with no number (3).
const testNumbering = `<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="a, b"/></mc:Choice><mc:Fallback><w:numFmt w:val="lowerLetter"/></mc:Fallback></mc:AlternateContent></w:lvl></w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="30"><w:lvl w:ilvl="0"><w:numFmt w:val="none"/></w:lvl></w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>` +
	`<w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>` +
	`<w:num w:numId="4"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>`

func item(numID, ilvl, text string) string {
	return p(`<w:numPr><w:ilvl w:val="`+ilvl+`"/><w:numId w:val="`+numID+`"/></w:numPr>`, r("", text))
}

func TestLists(t *testing.T) {
	f := fixture{numbering: testNumbering,
		styles: titleStyles + wstyle("paragraph", "ListBullet", "List Bullet", `<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>`),
		body: p("", r("", "Trước danh sách.")) +
			item("1", "0", "một") + item("1", "1", "một chấm một") + item("1", "2", "sâu hơn") + item("1", "0", "hai") +
			p("", r("", "Giữa.")) +
			item("2", "0", "thứ nhất") + item("2", "1", "a") + item("2", "1", "b") + item("2", "0", "thứ hai") + item("2", "1", "lại a") +
			p("", r("", "Sau.")) +
			item("3", "0", "không số") + item("4", "0", "năm") + item("4", "0", "sáu") +
			p(`<w:pStyle w:val="ListBullet"/>`, r("", "theo kiểu")) + item("1", "3", "nhảy cấp"),
	}
	got, _ := body(t, f)
	want := "Trước danh sách.\n\n- một\n  - một chấm một\n    - sâu hơn\n- hai\n\nGiữa.\n\n" +
		"1. thứ nhất\n   1. a\n   2. b\n2. thứ hai\n   1. lại a\n\nSau.\n\nkhông số\n\n5. năm\n6. sáu\n- theo kiểu\n  - nhảy cấp"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func cell(tcPr, text string) string {
	s := "<w:tc>"
	if tcPr != "" {
		s += "<w:tcPr>" + tcPr + "</w:tcPr>"
	}
	return s + p("", r("", text)) + "</w:tc>"
}

func row(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }

func TestTables(t *testing.T) {
	t.Run("merged cells", func(t *testing.T) {
		f := fixture{body: "<w:tbl><w:tblGrid/>" +
			row(cell("", "Huyện"), cell(`<w:gridSpan w:val="2"/>`, "Số người")) +
			row(cell("", "Hà Lâm"), cell("", "120"), cell(`<w:vMerge w:val="restart"/>`, "Đạt")) +
			row(cell("", "Đắk | Mil"), cell("", "95"), cell(`<w:vMerge/>`, "")) + "</w:tbl>"}
		got, warns := body(t, f)
		want := "| Huyện | Số người |  |\n| --- | --- | --- |\n| Hà Lâm | 120 | Đạt |\n| Đắk \\| Mil | 95 |  |"
		if got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
		contains(t, "warnings", warns, `the table starting "Huyện Số người" has merged cells`)
	})
	t.Run("cells with paragraphs, a list, a nested table; ragged rows", func(t *testing.T) {
		f := fixture{numbering: testNumbering, body: "<w:tbl>" +
			row(cell("", "A"), cell("", "B")) +
			row("<w:tc>"+p("", r("<w:b/>", "đậm"))+p("", r("", "dòng hai"))+item("1", "0", "ý")+"</w:tc>",
				"<w:tc><w:tbl>"+row(cell("", "trong"), cell("", "bảng"))+"</w:tbl><w:p/></w:tc>") +
			row(cell("", "chỉ một")) + "</w:tbl>"}
		got, warns := body(t, f)
		want := "| A | B |\n| --- | --- |\n| **đậm** dòng hai • ý | trong bảng |\n| chỉ một |  |"
		if got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
		contains(t, "warnings", warns, "has a table inside a cell")
	})
	t.Run("a one-cell frame is text", func(t *testing.T) {
		f := fixture{body: "<w:tbl>" + row("<w:tc>"+p("", r("<w:b/>", "Đường dây nóng:"), r("", " 111"))+p("", r("", "Miễn phí"))+"</w:tc>") + "</w:tbl>"}
		got, _ := body(t, f)
		if want := "**Đường dây nóng:** 111\n\nMiễn phí"; got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("a deleted row is dropped", func(t *testing.T) {
		f := fixture{body: "<w:tbl>" + row(cell("", "A"), cell("", "B")) +
			`<w:tr><w:trPr><w:del w:id="1" w:author="x"/></w:trPr>` + cell("", "xoá") + cell("", "xoá") + "</w:tr></w:tbl>"}
		got, warns := body(t, f)
		lacks(t, "body", got, "xoá")
		contains(t, "warnings", warns, "tracked deletion")
	})
}

func TestNotes(t *testing.T) {
	f := fixture{
		footnotes: `<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
			`<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>` + r("", " Theo báo cáo *của* Sở.") + `</w:p></w:footnote>` +
			`<w:footnote w:id="2"><w:p>` + r("", "Chú thích hai,") + `</w:p><w:p>` + r("<w:i/>", "đoạn hai.") + `</w:p></w:footnote>`,
		endnotes: `<w:endnote w:id="1"><w:p>` + r("", "Cuối bài.") + `</w:p></w:endnote>`,
		body: p("", r("", "Câu có hai chú thích"), `<w:r><w:footnoteReference w:id="2"/></w:r>`, r("", " và"),
			`<w:r><w:footnoteReference w:id="1"/></w:r>`, r("", ", một chú thích cuối"), `<w:r><w:endnoteReference w:id="1"/></w:r>`,
			r("", ", một thiếu"), `<w:r><w:footnoteReference w:id="9"/></w:r>`, r("", ", một nhắc lại"), `<w:r><w:footnoteReference w:id="2"/></w:r>`, r("", ".")),
	}
	got, _ := body(t, f)
	want := "Câu có hai chú thích[^1] và[^2], một chú thích cuối[^3], một thiếu, một nhắc lại[^1].\n\n" +
		"[^1]: Chú thích hai, *đoạn hai.*\n\n[^2]: Theo báo cáo \\*của\\* Sở.\n\n[^3]: Cuối bài."
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestTrackedChangesAndComments(t *testing.T) {
	f := fixture{
		comments: `<w:comment w:id="0" w:author="Trưởng phòng"><w:p>` + r("", "Kiểm tra số liệu") + `</w:p></w:comment>`,
		body: p("", r("", "Có "), `<w:ins w:id="1" w:author="BTV">`+r("", "lãnh đạo ")+`</w:ins>`,
			`<w:del w:id="2" w:author="BTV"><w:r><w:delText>hơn 200 </w:delText></w:r></w:del>`,
			`<w:commentRangeStart w:id="0"/>`, r("", "các huyện"), `<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`,
			`<w:moveFrom w:id="3">`+r("", "chuyển đi ")+`</w:moveFrom>`, `<w:moveTo w:id="4">`+r("", " chuyển đến")+`</w:moveTo>`,
			`<w:r><w:rPr><w:b/><w:rPrChange w:id="5"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t xml:space="preserve"> đổi định dạng</w:t></w:r>`),
	}
	got, warns := body(t, f)
	if want := "Có lãnh đạo các huyện chuyển đến **đổi định dạng**"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	contains(t, "warnings", warns, `2 tracked insertions were kept as if accepted ("lãnh đạo")`,
		`2 tracked deletions were dropped as if accepted ("hơn 200")`, "1 comment was left out")
	lacks(t, "body", got, "Kiểm tra số liệu", "hơn 200", "chuyển đi")
}

func TestLegacyFonts(t *testing.T) {
	vnTime := `<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>`
	f := fixture{
		styles: titleStyles + wstyle("paragraph", "Cu", "Old body", `<w:rPr><w:rFonts w:ascii=".VnArial" w:hAnsi=".VnArial"/></w:rPr>`),
		body: p("", r(vnTime, "Ban V× sù tiÕn bé cña Phô n÷")) +
			p("", r(`<w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/>`, "h\u00adëng øng")) +
			// A VNI letter and its mark in two runs still meet.
			p("", r(`<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/>`, "Hoa"), r(`<w:rFonts w:hAnsi="VNI-Times"/>`, "ø bình")) +
			p(`<w:pStyle w:val="Cu"/>`, r("", "Tæng kÕt c«ng t¸c")) +
			// The font is gone but the text is TCVN3: converted, with a warning.
			p("", r(`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>`, "Héi nghÞ tæng kÕt c«ng t¸c n¨m")) +
			// Ordinary Unicode text in a legacy-looking context stays.
			p("", r("", "Café naïve Müller, bình đẳng giới")),
	}
	got, warns := body(t, f)
	want := "Ban Vì sự tiến bộ của Phụ nữ\n\nHƯỞNG ỨNG\n\nHoà bình\n\nTổng kết công tác\n\nHội nghị tổng kết công tác năm\n\nCafé naïve Müller, bình đẳng giới"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	contains(t, "warnings", warns, `a paragraph looks typed in TCVN3 (ABC, .VnTime) without its font and was converted: "Héi nghÞ`)
	if n := strings.Count(warns, "looks typed in"); n != 1 {
		t.Errorf("%d legacy warnings:\n%s", n, warns)
	}
}
