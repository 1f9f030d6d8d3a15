package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readErr reads b as a document and returns the *Error it must give.
func readErr(t *testing.T, b []byte) *Error {
	t.Helper()
	doc, err := Read(bytes.NewReader(b), int64(len(b)))
	var de *Error
	if !errors.As(err, &de) {
		t.Fatalf("Read = %v, %v; want an *Error", doc, err)
	}
	if de.Hint == "" || de.HintVi == "" || de.MessageVi == "" {
		t.Errorf("error %q lacks its hints or Vietnamese", de.Message)
	}
	return de
}

func zipOf(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadRefusesWhatIsNotADocx(t *testing.T) {
	good := fixture{body: p("", r("", "Xin chào"))}.bytes(t)
	deep := fixture{body: strings.Repeat("<w:sdt><w:sdtContent>", 300) + strings.Repeat("</w:sdtContent></w:sdt>", 300)}.bytes(t)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"Word 97", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "Word 97–2003 document (.doc)"},
		{"RTF", []byte(`{\rtf1\ansi Xin chao}`), "RTF document"},
		{"OpenDocument", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), "OpenDocument text (.odt)"},
		{"Excel", zipOf(t, map[string]string{"xl/workbook.xml": "<x/>"}), "an Excel workbook"},
		{"plain text", []byte("Xin chào, đây là văn bản thường."), "not a ZIP archive"},
		{"empty", nil, "not a ZIP archive"},
		{"cut short", good[:len(good)/2], "damaged"},
		{"a name climbing out", zipOf(t, map[string]string{"../../etc/passwd": "x", "word/document.xml": "<w:document/>"}), "climbs out of the archive"},
		{"broken XML", zipOf(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), "damaged"},
		{"XML nested too deeply", deep, "nested too deeply"},
		{"no document part", zipOf(t, map[string]string{"a.txt": "x"}), "no document part"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if e := readErr(t, tt.data); !strings.Contains(e.Message, tt.want) {
				t.Errorf("message %q, want %q", e.Message, tt.want)
			}
		})
	}
}

func TestReadLimits(t *testing.T) {
	t.Run("entries", func(t *testing.T) {
		files := map[string]string{}
		for i := 0; i <= maxEntries; i++ {
			files[filepath.Join("x", strings.Repeat("a", 1+i%7), string(rune('a'+i%26))+strings.Repeat("b", i/26))] = ""
		}
		if e := readErr(t, zipOf(t, files)); !strings.Contains(e.Message, "files in the archive") {
			t.Errorf("message %q", e.Message)
		}
	})
	t.Run("bytes unpacked", func(t *testing.T) {
		// The budget is counted on what is really read, whatever the
		// archive declares; a small budget stands for the 200 MB one.
		b := fixture{body: p("", r("", strings.Repeat("Bạo lực gia đình. ", 500)))}.bytes(t)
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		pk, err := newPackage(z)
		if err != nil {
			t.Fatal(err)
		}
		pk.budget = 4000
		_, err = pk.document()
		var de *Error
		if !errors.As(err, &de) || !strings.Contains(de.Message, "unpacks to more than") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(filepath.Join(dir, "khong-co.docx")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	var de *Error
	if _, err := ReadFile(dir); !errors.As(err, &de) {
		t.Errorf("folder: %v", err)
	}
}

// The properties of the document: title, author, dates.
func TestReadProps(t *testing.T) {
	doc := fixture{body: p("", r("", "x")), core: `<dc:title>Tiêu đề trong thuộc tính</dc:title><dc:creator>Thu Hà</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">2023-02-17T07:45:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">1601-01-01T00:00:00Z</dcterms:modified>`}.read(t)
	pr := doc.Props
	if pr.Title != "Tiêu đề trong thuộc tính" || pr.Creator != "Thu Hà" || pr.Created.Format("2006-01-02 15:04") != "2023-02-17 07:45" || !pr.Modified.IsZero() {
		t.Errorf("props %+v", pr)
	}
}

// Random bytes, and damaged copies of a real document, give an error or a
// document, never a panic.
func FuzzRead(f *testing.F) {
	lo, err := os.ReadFile("testdata/libreoffice/bai-viet.docx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(lo)
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := Read(bytes.NewReader(b), int64(len(b)))
		if err == nil {
			Convert(doc, Options{Name: "x.docx", Now: testNow()})
		}
	})
}
