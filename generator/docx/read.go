package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"
)

// Limits against hostile documents. A news item with a dozen phone photos
// is some tens of megabytes.
const (
	maxFileSize = 200 << 20 // the .docx file
	maxEntries  = 10000     // files in the archive
	maxUnpacked = 200 << 20 // bytes unpacked, all parts read together
)

// Error is a problem with the document as a whole: not a .docx, damaged,
// too large. It carries a hint for the person who gave the file, in
// English and in Vietnamese.
type Error struct {
	Message, Hint     string
	MessageVi, HintVi string
}

func (e *Error) Error() string { return e.Message }

func damaged(detail string) *Error {
	return &Error{
		Message:   "the file is damaged or is not a Word document (" + detail + ")",
		Hint:      "open it in Word; if it opens, save it again as a Word Document (.docx) and import that copy",
		MessageVi: "tệp bị hỏng hoặc không phải tài liệu Word (" + detail + ")",
		HintVi:    "mở tệp bằng Word; nếu mở được, chọn Tệp → Lưu thành → Tài liệu Word (*.docx) rồi nhập bản vừa lưu",
	}
}

// ReadFile reads the Word document at name.
func ReadFile(name string) (*Document, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &Error{Message: "this is a folder, not a Word document", Hint: "name a .docx file",
			MessageVi: "đây là thư mục, không phải tài liệu Word", HintVi: "hãy chỉ ra một tệp .docx"}
	}
	return Read(f, st.Size())
}

// Read reads a Word document of size bytes from r.
func Read(r io.ReaderAt, size int64) (*Document, error) {
	if size > maxFileSize {
		return nil, &Error{
			Message:   fmt.Sprintf("the document is %d MB, more than the %d MB allowed", size>>20, maxFileSize>>20),
			Hint:      "make the pictures smaller in Word (Picture Format → Compress Pictures) and save again",
			MessageVi: fmt.Sprintf("tài liệu nặng %d MB, vượt giới hạn %d MB", size>>20, maxFileSize>>20),
			HintVi:    "trong Word, chọn ảnh → Định dạng ảnh → Nén ảnh, rồi lưu lại",
		}
	}
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	if err := sniff(head); err != nil {
		return nil, err
	}
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, damaged("not a readable ZIP archive")
	}
	p, err := newPackage(z)
	if err != nil {
		return nil, err
	}
	doc, err := p.document()
	if err != nil {
		var de *Error
		var xe *xml.SyntaxError
		switch {
		case errors.As(err, &de):
			return nil, de
		case errors.As(err, &xe):
			return nil, damaged("XML: " + xe.Msg)
		}
		return nil, damaged(err.Error())
	}
	return doc, nil
}

// sniff recognises the formats people send instead of a .docx by their
// first bytes.
func sniff(head []byte) error {
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return &Error{
			Message: "this is a Word 97–2003 document (.doc) or a password-protected one, not a .docx",
			Hint: "open it in Word, choose File → Save As → Word Document (*.docx) (remove the password first " +
				"in File → Info → Protect Document), then import the .docx",
			MessageVi: "đây là tài liệu Word 97–2003 (.doc) hoặc tài liệu có mật khẩu, không phải .docx",
			HintVi: "mở tệp bằng Word, chọn Tệp → Lưu thành → Tài liệu Word (*.docx) (nếu có mật khẩu, gỡ ở " +
				"Tệp → Thông tin → Bảo vệ tài liệu), rồi nhập tệp .docx",
		}
	case bytes.HasPrefix(head, []byte(`{\rtf`)):
		return &Error{
			Message:   "this is an RTF document, not a .docx",
			Hint:      "open it in Word or LibreOffice and save it as a Word Document (.docx)",
			MessageVi: "đây là tài liệu RTF, không phải .docx",
			HintVi:    "mở tệp bằng Word hoặc LibreOffice rồi lưu thành Tài liệu Word (*.docx)",
		}
	case !bytes.HasPrefix(head, []byte("PK")):
		return damaged("not a ZIP archive")
	}
	return nil
}

// odtError is the message for an OpenDocument file.
func odtError() *Error {
	return &Error{
		Message: "this is an OpenDocument text (.odt), not a .docx",
		Hint: "open it in LibreOffice Writer, choose File → Save As, file type \"Word 2007–365 (.docx)\", " +
			"keep the format, then import the .docx",
		MessageVi: "đây là tài liệu OpenDocument (.odt), không phải .docx",
		HintVi: "mở tệp bằng LibreOffice Writer, chọn Tệp → Lưu thành, kiểu tệp \"Word 2007–365 (.docx)\", " +
			"chọn giữ định dạng, rồi nhập tệp .docx",
	}
}

// pkg is the archive: its parts by lower-case name (part names are
// case-insensitive) and what may still be unpacked.
type pkg struct {
	files  map[string]*zip.File
	budget int64
}

func newPackage(z *zip.Reader) (*pkg, error) {
	if len(z.File) > maxEntries {
		return nil, damaged(fmt.Sprintf("%d files in the archive, more than %d", len(z.File), maxEntries))
	}
	p := &pkg{files: make(map[string]*zip.File, len(z.File)), budget: maxUnpacked}
	for _, f := range z.File {
		name := strings.ReplaceAll(f.Name, `\`, "/")
		if strings.HasPrefix(name, "/") || strings.Contains(name, ":") || hasDotDot(name) {
			return nil, damaged(fmt.Sprintf("a file name climbs out of the archive: %q", f.Name))
		}
		p.files[strings.ToLower(name)] = f
	}
	if f, ok := p.files["mimetype"]; ok && f.UncompressedSize64 < 200 {
		if b, err := p.read("mimetype"); err == nil && bytes.Contains(b, []byte("opendocument")) {
			return nil, odtError()
		}
	}
	return p, nil
}

func hasDotDot(name string) bool {
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// open returns a reader of the part, counting its bytes against the budget;
// ok is false when the archive has no such part.
func (p *pkg) open(name string) (io.ReadCloser, bool, error) {
	f, ok := p.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if !ok {
		return nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, damaged(name + ": " + err.Error())
	}
	return &budgetReader{rc: rc, p: p}, true, nil
}

// read returns the bytes of the part, or nil when there is none.
func (p *pkg) read(name string) ([]byte, error) {
	rc, ok, err := p.open(name)
	if !ok || err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// budgetReader fails, rather than truncates, once the package has unpacked
// more than maxUnpacked bytes: the sizes a ZIP declares may lie.
type budgetReader struct {
	rc io.ReadCloser
	p  *pkg
}

func (b *budgetReader) Read(buf []byte) (int, error) {
	n, err := b.rc.Read(buf)
	b.p.budget -= int64(n)
	if b.p.budget < 0 {
		return n, &Error{
			Message:   fmt.Sprintf("the document unpacks to more than %d MB", maxUnpacked>>20),
			Hint:      "make the pictures smaller in Word (Picture Format → Compress Pictures) and save again",
			MessageVi: fmt.Sprintf("tài liệu giải nén ra hơn %d MB", maxUnpacked>>20),
			HintVi:    "trong Word, chọn ảnh → Định dạng ảnh → Nén ảnh, rồi lưu lại",
		}
	}
	if err != nil && err != io.EOF {
		return n, damaged(err.Error())
	}
	return n, err
}

func (b *budgetReader) Close() error { return b.rc.Close() }

// rel is one relationship of a part.
type rel struct {
	Type, Target string // Target resolved to a part name unless External
	External     bool
}

// rels reads the relationships of part (word/document.xml →
// word/_rels/document.xml.rels), keyed by Id.
func (p *pkg) rels(part string) (map[string]rel, error) {
	dir, base := path.Split(part)
	rc, ok, err := p.open(dir + "_rels/" + base + ".rels")
	if !ok || err != nil {
		return map[string]rel{}, err
	}
	defer rc.Close()
	out := map[string]rel{}
	x := newXMLReader(rc)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		r := rel{Type: attr(se, "Type"), Target: attr(se, "Target"), External: attr(se, "TargetMode") == "External"}
		if !r.External {
			t := r.Target
			if !strings.HasPrefix(t, "/") {
				t = path.Join(dir, t)
			}
			r.Target = strings.TrimPrefix(path.Clean("/"+t), "/")
		}
		out[attr(se, "Id")] = r
	}
}

// byType returns the target of the first relationship whose type ends in
// suffix ("/styles"), or "". Relationship types differ between the
// transitional and strict forms only before their last segment.
func byType(rels map[string]rel, suffix string) string {
	best := ""
	for id, r := range rels {
		if strings.HasSuffix(r.Type, suffix) && !r.External && (best == "" || id < best) {
			best = id
		}
	}
	if best == "" {
		return ""
	}
	return rels[best].Target
}

// document reads the whole document.
func (p *pkg) document() (*Document, error) {
	root, err := p.rels("")
	if err != nil {
		return nil, err
	}
	main := byType(root, "/officeDocument")
	if main == "" {
		main = "word/document.xml"
	}
	if _, ok := p.files[strings.ToLower(main)]; !ok {
		switch {
		case p.files["xl/workbook.xml"] != nil:
			return nil, notWord("an Excel workbook", "một bảng tính Excel")
		case p.files["ppt/presentation.xml"] != nil:
			return nil, notWord("a PowerPoint presentation", "một bài trình chiếu PowerPoint")
		}
		return nil, damaged("it has no document part")
	}
	doc := &Document{Notes: map[string][]Block{}}
	if core := byType(root, "/core-properties"); core != "" {
		if doc.Props, err = p.props(core); err != nil {
			return nil, err
		}
	}
	mainRels, err := p.rels(main)
	if err != nil {
		return nil, err
	}
	r := &reader{pkg: p, doc: doc, images: map[string][]byte{}}
	if r.styles, err = p.readStyles(byType(mainRels, "/styles")); err != nil {
		return nil, err
	}
	if r.numbering, err = p.readNumbering(byType(mainRels, "/numbering")); err != nil {
		return nil, err
	}
	if doc.Body, err = r.part(main, "body", ""); err != nil {
		return nil, err
	}
	for _, n := range []struct{ suffix, key string }{{"/footnotes", "f"}, {"/endnotes", "e"}} {
		if part := byType(mainRels, n.suffix); part != "" {
			if _, err := r.part(part, "", n.key); err != nil {
				return nil, err
			}
		}
	}
	if part := byType(mainRels, "/comments"); part != "" {
		if c, err := p.count(part, "comment"); err != nil {
			return nil, err
		} else if c > doc.Comments {
			doc.Comments = c
		}
	}
	return doc, nil
}

func notWord(what, whatVi string) *Error {
	return &Error{
		Message:   "this is " + what + ", not a Word document",
		Hint:      "import the news item's Word document (.docx)",
		MessageVi: "đây là " + whatVi + ", không phải tài liệu Word",
		HintVi:    "hãy nhập tài liệu Word (.docx) của bài viết",
	}
}

// count returns how many elements with the local name the part has.
func (p *pkg) count(part, local string) (int, error) {
	rc, ok, err := p.open(part)
	if !ok || err != nil {
		return 0, err
	}
	defer rc.Close()
	x, n := newXMLReader(rc), 0
	for {
		tok, err := x.next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == local && x.depth == 2 {
			n++
		}
	}
}

// props reads docProps/core.xml.
func (p *pkg) props(part string) (Props, error) {
	var pr Props
	rc, ok, err := p.open(part)
	if !ok || err != nil {
		return pr, err
	}
	defer rc.Close()
	x := newXMLReader(rc)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return pr, nil
		}
		if err != nil {
			return pr, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || x.depth != 2 {
			continue
		}
		var s string
		switch se.Name.Local {
		case "title", "creator", "created", "modified":
			if s, err = x.text(); err != nil {
				return pr, err
			}
			s = strings.TrimSpace(s)
		default:
			continue
		}
		switch se.Name.Local {
		case "title":
			pr.Title = s
		case "creator":
			pr.Creator = s
		case "created":
			pr.Created = parseW3CDTF(s)
		case "modified":
			pr.Modified = parseW3CDTF(s)
		}
	}
}

// parseW3CDTF reads a property date: "2023-02-17T07:45:00Z"; a date without
// a zone is taken as UTC, as Word writes them.
func parseW3CDTF(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			// Word writes 1601-01-01 or 0001 for "never".
			if t.Year() < 1980 {
				return time.Time{}
			}
			return t
		}
	}
	return time.Time{}
}
