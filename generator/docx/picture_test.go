package docx

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

func jpegBytes(t *testing.T) []byte {
	var b bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// emfBytes is the start of an EMF file: its header record and signature.
func emfBytes() []byte {
	b := make([]byte, 88)
	b[0] = 1
	copy(b[40:], " EMF")
	return b
}

func imageRel(id, target string) string {
	return `<Relationship Id="` + id + `" Type="` + relNS + `image" Target="` + target + `"/>`
}

// drawing is an inline DrawingML picture as Word writes it.
func drawing(rid, descr string) string {
	return `<w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="Picture 1" descr="` + descr + `"/>` +
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="x.jpg"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + rid + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
}

func TestPictures(t *testing.T) {
	jpg, pngB := jpegBytes(t), pngBytes(t)
	f := fixture{
		rels: imageRel("rI1", "media/image1.jpeg") + imageRel("rI2", "media/image2.png") + imageRel("rI3", "media/image3.emf") +
			imageRel("rI4", "media/image4.gif") + imageRel("rI5", "media/image5.webp") + imageRel("rI6", "media/missing.png") +
			`<Relationship Id="rI7" Type="` + relNS + `image" Target="https://anh.example.vn/a.jpg" TargetMode="External"/>`,
		media: map[string][]byte{"image1.jpeg": jpg, "image2.png": pngB, "image3.emf": emfBytes(),
			"image4.gif": []byte("GIF89a\x01\x00\x01\x00"), "image5.webp": []byte("RIFF\x10\x00\x00\x00WEBPVP8 ")},
		body: p(`<w:jc w:val="center"/>`, drawing("rI1", "Các đại biểu dự hội nghị")) +
			p(`<w:pStyle w:val="Caption"/>`, r("", `Quang cảnh "hội nghị"`)) +
			p("", drawing("rI2", "Biểu đồ\n\nDescription automatically generated")) +
			p("", r("<w:i/>", "Biểu đồ số người được hỗ trợ")) +
			p("", drawing("rI1", "")) + // the same picture again
			p("", r("", "Một đoạn văn thường, không phải chú thích vì nó khá dài và không in nghiêng.")) +
			p("", drawing("rI3", "")) + // EMF: left out
			p("", drawing("rI4", ""), drawing("rI5", "")) + // an album
			p(`<w:jc w:val="center"/>`, r("", "Ảnh: Thu Hà")) +
			p("", r("", "Ảnh nằm trong đoạn văn "), drawing("rI2", "nổi")) +
			p("", drawing("rI6", ""), drawing("rI7", "")) +
			// VML from older Word, and DrawingML with its VML fallback.
			p("", `<w:r><w:pict><v:shape><v:imagedata r:id="rI1" o:title="Ảnh cũ"/></v:shape></w:pict></w:r>`) +
			p("", `<w:r><mc:AlternateContent><mc:Choice Requires="wps">`+strings.TrimSuffix(strings.TrimPrefix(drawing("rI2", "một lần"), "<w:r>"), "</w:r>")+
				`</mc:Choice><mc:Fallback><w:pict><v:shape><v:imagedata r:id="rI2"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`),
	}
	got, warns := body(t, f)
	want := strings.Join([]string{
		`![Các đại biểu dự hội nghị](anh-1.jpg "Quang cảnh \"hội nghị\"")`,
		`![Biểu đồ số người được hỗ trợ](anh-2.png "Biểu đồ số người được hỗ trợ")`,
		`![](anh-1.jpg)`,
		`Một đoạn văn thường, không phải chú thích vì nó khá dài và không in nghiêng.`,
		"![Ảnh: Thu Hà](anh-3.gif \"Ảnh: Thu Hà\")\n![](anh-4.webp)",
		"![nổi](anh-2.png)\n\nẢnh nằm trong đoạn văn",
		`![Ảnh cũ](anh-1.jpg)`,
		`![một lần](anh-2.png)`,
	}, "\n\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	contains(t, "warnings", warns, "a drawing in EMF format was left out (word/media/image3.emf)",
		"a picture is missing from the document: word/media/missing.png",
		"a linked picture was left out: https://anh.example.vn/a.jpg")
	a, _ := fixture{styles: titleStyles, rels: f.rels, media: f.media, body: f.body}.convert(t)
	var names []string
	for _, file := range a.Files {
		names = append(names, file.Name)
	}
	if got := strings.Join(names, " "); got != "anh-1.jpg anh-2.png anh-3.gif anh-4.webp" {
		t.Errorf("files %s", got)
	}
	if !bytes.Equal(a.Files[0].Data, jpg) || !bytes.Equal(a.Files[1].Data, pngB) {
		t.Error("pictures' bytes changed")
	}
}

func TestTextBoxAndMath(t *testing.T) {
	f := fixture{body: p("", r("", "Trước hộp."),
		`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="Text Box 2"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>`+
			p("", r("<w:b/>", "Đường dây nóng 111"))+
			`</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>`+
			`<mc:Fallback><w:pict><v:textbox><w:txbxContent>`+p("", r("", "bản sao cũ"))+`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
		p("", r("", "Diện tích "), `<m:oMath><m:r><m:t>S=a×b</m:t></m:r></m:oMath>`)}
	got, warns := body(t, f)
	if want := "Trước hộp.\n\n**Đường dây nóng 111**\n\nDiện tích S=a×b"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	contains(t, "warnings", warns, "equations were imported as plain text")
}

func TestCaptionAfterALineBreak(t *testing.T) {
	f := fixture{rels: imageRel("rI1", "media/image1.png"), media: map[string][]byte{"image1.png": pngBytes(t)},
		body: p("", drawing("rI1", "Ảnh"), `<w:r><w:br/></w:r>`, r("<w:i/>", "Chú thích "), r("<w:i/><w:b/>", "dưới ảnh")) +
			p(`<w:jc w:val="center"/>`, drawing("rI1", "Lần hai"), `<w:r><w:br/></w:r>`, r("", "Căn giữa")) +
			p("", drawing("rI1", "Lần ba"), `<w:r><w:br/></w:r>`, r("", "Chữ thường, không phải chú thích"))}
	got, _ := body(t, f)
	want := `![Ảnh](anh-1.png "Chú thích dưới ảnh")` + "\n\n" + `![Lần hai](anh-1.png "Căn giữa")` + "\n\n" +
		"![Lần ba](anh-1.png)\n\nChữ thường, không phải chú thích"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A bold first line is the title even when headings come later; the
// first heading is the title only at the top.
func TestTitleFromBoldLineBeforeHeadings(t *testing.T) {
	f := fixture{styles: titleStyles, body: p("", r("<w:b/>", "Tiêu đề in đậm")) + p("", r("", "Đoạn đầu của bài viết, khá dài.")) +
		p(`<w:pStyle w:val="Heading2"/>`, r("", "Mục một")) + p("", r("", "Nội dung mục một, khá dài."))}
	a, _ := f.convert(t)
	if a.Title != "Tiêu đề in đậm" {
		t.Errorf("title %q", a.Title)
	}
	contains(t, "body", a.Body, "## Mục một")
}

// A caption at the end of the document is neither the byline nor the date.
func TestCaptionLastIsNotAuthorOrDate(t *testing.T) {
	f := fixture{styles: titleStyles, rels: imageRel("rI1", "media/image1.png"), media: map[string][]byte{"image1.png": pngBytes(t)},
		body: p(`<w:pStyle w:val="Title"/>`, r("", "Tiêu đề")) + p("", r("", "Nội dung của bài viết.")) +
			p("", drawing("rI1", "")) + p(`<w:jc w:val="center"/>`, r("<w:i/>", "Ảnh chụp ngày 17/02/2023")) +
			p("", drawing("rI1", "")) + p("", r("<w:i/>", "Quang cảnh hội nghị"))}
	a, _ := f.convert(t)
	if a.Author != "" || a.DateFrom != "now" {
		t.Errorf("author %q, date from %s", a.Author, a.DateFrom)
	}
	contains(t, "body", a.Body, `"Ảnh chụp ngày 17/02/2023")`, `"Quang cảnh hội nghị")`)
}

func TestHeadingWithALineBreak(t *testing.T) {
	got, _ := body(t, fixture{body: p(`<w:pStyle w:val="Heading2"/>`, r("", "Phần một"), `<w:r><w:br/></w:r>`, r("<w:b/>", "tiếp theo"))})
	if got != "## Phần một tiếp theo" {
		t.Errorf("got %q", got)
	}
}
