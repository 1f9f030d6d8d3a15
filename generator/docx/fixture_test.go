package docx

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"loa/generator/diag"
)

// fixture is a .docx written by the tests, part by part: only what a case
// needs is given, the rest is filled in as Word writes it.
type fixture struct {
	body      string            // the inside of w:body
	styles    string            // the inside of w:styles
	numbering string            // the inside of w:numbering
	footnotes string            // the inside of w:footnotes
	endnotes  string            // the inside of w:endnotes
	comments  string            // the inside of w:comments
	core      string            // the inside of cp:coreProperties
	rels      string            // more relationships of document.xml
	media     map[string][]byte // word/media/NAME
	raw       map[string][]byte // any other file, as is
}

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
	`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ` +
	`xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`

const relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

// bytes returns the .docx.
func (f fixture) bytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	xml := func(name, root, inner string) {
		add(name, []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n<"+root+" "+ns+">"+inner+"</"+root+">"))
	}
	add("[Content_Types].xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`))
	add("_rels/.rels", []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="`+relNS+`officeDocument" Target="word/document.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`))
	rels := f.rels
	for part, root := range map[string]string{"styles": f.styles, "numbering": f.numbering, "footnotes": f.footnotes, "endnotes": f.endnotes, "comments": f.comments} {
		if root != "" {
			rels += `<Relationship Id="rId` + part + `" Type="` + relNS + part + `" Target="` + part + `.xml"/>`
		}
	}
	add("word/_rels/document.xml.rels", []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`))
	xml("word/document.xml", "w:document", "<w:body>"+f.body+"</w:body>")
	for _, p := range []struct{ name, root, inner string }{
		{"styles", "w:styles", f.styles}, {"numbering", "w:numbering", f.numbering},
		{"footnotes", "w:footnotes", f.footnotes}, {"endnotes", "w:endnotes", f.endnotes},
		{"comments", "w:comments", f.comments},
	} {
		if p.inner != "" {
			xml("word/"+p.name+".xml", p.root, p.inner)
		}
	}
	add("docProps/core.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+f.core+`</cp:coreProperties>`))
	for name, data := range f.media {
		add("word/media/"+name, data)
	}
	for name, data := range f.raw {
		add(name, data)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// read reads the fixture.
func (f fixture) read(t *testing.T) *Document {
	t.Helper()
	b := f.bytes(t)
	doc, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return doc
}

// hanoi is the site's zone in the tests.
func hanoi(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// testNow is the clock of the tests: 29/11/2026 10:00 in Hà Nội.
func testNow() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }

// convert reads and converts the fixture.
func (f fixture) convert(t *testing.T) (*Article, diag.List) {
	t.Helper()
	return Convert(f.read(t), Options{Name: "bai.docx", Location: hanoi(t), Now: testNow()})
}

// Small builders of WordprocessingML, to keep the cases readable.

// p is a paragraph with properties (the inside of w:pPr) and content.
func p(pPr string, content ...string) string {
	s := "<w:p>"
	if pPr != "" {
		s += "<w:pPr>" + pPr + "</w:pPr>"
	}
	return s + strings.Join(content, "") + "</w:p>"
}

// r is a run with properties (the inside of w:rPr) and text.
func r(rPr, text string) string {
	s := "<w:r>"
	if rPr != "" {
		s += "<w:rPr>" + rPr + "</w:rPr>"
	}
	return s + `<w:t xml:space="preserve">` + escapeXML(text) + "</w:t></w:r>"
}

func escapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// wstyle is a w:style of the styles part.
func wstyle(typ, id, name, inner string) string {
	return `<w:style w:type="` + typ + `" w:styleId="` + id + `"><w:name w:val="` + name + `"/>` + inner + `</w:style>`
}

// warnings returns the diagnostics' messages, one per line.
func warnings(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Message + "\n")
	}
	return b.String()
}

// contains fails unless s has every part.
func contains(t *testing.T, what, s string, parts ...string) {
	t.Helper()
	for _, part := range parts {
		if !strings.Contains(s, part) {
			t.Errorf("%s lacks %q:\n%s", what, part, s)
		}
	}
}

// lacks fails if s has any of the parts.
func lacks(t *testing.T, what, s string, parts ...string) {
	t.Helper()
	for _, part := range parts {
		if strings.Contains(s, part) {
			t.Errorf("%s has %q:\n%s", what, part, s)
		}
	}
}
