package cli

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loDocx is a news item saved by LibreOffice Writer (see its make.sh).
const loDocx = "../docx/testdata/libreoffice/bai-viet.docx"

const loSlug = "ban-vi-su-tien-bo-cua-phu-nu-tinh-trien-khai-nhiem-vu-nam-2023"

// wordFile writes a small .docx into dir: document.xml with body (the
// inside of w:body), a Title style, and pictures as word/media/NAME with
// relationships rIdNAME.
func wordFile(t *testing.T, dir, name, body string, media map[string][]byte) string {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, data string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(data))
	}
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
		`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	rels := `<Relationship Id="rIdS" Type="` + rel + `styles" Target="styles.xml"/>`
	for m, data := range media {
		rels += `<Relationship Id="rId` + m + `" Type="` + rel + `image" Target="media/` + m + `"/>`
		add("word/media/"+m, string(data))
	}
	add("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+rel+`officeDocument" Target="word/document.xml"/></Relationships>`)
	add("word/_rels/document.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`)
	add("word/styles.xml", `<w:styles `+w+`><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>`)
	add("word/document.xml", `<w:document `+w+`><w:body>`+body+`</w:body></w:document>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	writeFile(t, path, buf.Bytes())
	return path
}

// tcvn3Docx is a news item typed in .VnTime: title, lead, a photo with its
// caption, right-aligned author.
func tcvn3Docx(t *testing.T, dir string) string {
	vn := `<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr>`
	vnBold := `<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/><w:b/></w:rPr>`
	para := func(pPr, rPr, text string) string {
		return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r>` + rPr + `<w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
	}
	photo := `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="Đại biểu dự hội nghị"/>` +
		`<a:graphic><a:graphicData><a:blip r:embed="rIdanh.jpeg"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
	body := para(`<w:pStyle w:val="Title"/>`, vn, "Ban V× sù tiÕn bé cña Phô n÷ tæng kÕt n¨m 2022") +
		para("", "", "17/02/2023 14:45") +
		para("", vnBold, "S¸ng 17/2, Ban V× sù tiÕn bé cña Phô n÷ tØnh tæ chøc héi nghÞ.") +
		para("", vn, "Héi nghÞ ®· th¶o luËn nhiÒu néi dung quan träng.") + photo +
		para(`<w:jc w:val="center"/>`, `<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/><w:i/></w:rPr>`, "Quang c¶nh héi nghÞ") +
		para(`<w:jc w:val="right"/>`, vnBold, "Thu Hµ")
	return wordFile(t, dir, "tin-cu.docx", body, map[string][]byte{"anh.jpeg": phoneJPEG(t, 800, 600, 1)})
}

func TestImportLibreOfficeNewsItemBuilds(t *testing.T) {
	site := writeSite(t, baseConfig)
	r := run(t, "import", "-s", site, loDocx)
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	dir := filepath.Join(site, "content/tin-tuc", loSlug)
	for _, want := range []string{"content/tin-tuc/" + loSlug + "/index.md", "anh-1.jpg, anh-2.png", "Thứ Sáu, 17/02/2023 14:45", "Thu Hà", "loa serve -D"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, want := range []string{
		loDocx + `: warning: the table starting "Huyện Số người được tập huấn" has merged cells`,
		"hint: kiểm tra lại bảng khi xem trước",
		"1 tracked insertion was kept", "1 tracked deletion was dropped", "1 comment was left out",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	for _, f := range []string{"index.md", "anh-1.jpg", "anh-2.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("bundle folder: %v %v", st.Mode(), err)
	}
	entries, _ := os.ReadDir(filepath.Join(site, "content/tin-tuc"))
	if len(entries) != 1 {
		t.Errorf("content/tin-tuc holds %d entries, want the bundle alone", len(entries))
	}

	// A draft: the build leaves it out unless asked.
	if r, dest := buildSite(t, site); r.code != ExitOK || exists(dest, "tin-tuc/"+loSlug+"/index.html") {
		t.Fatalf("without -D: exit %d, draft published %v\n%s", r.code, exists(dest, "tin-tuc/"+loSlug+"/index.html"), r.stderr)
	}
	b, dest := buildSite(t, site, "-D")
	if b.code != ExitOK {
		t.Fatalf("build exit %d\n%s", b.code, b.stderr)
	}
	html := readOut(t, dest, "tin-tuc/"+loSlug+"/index.html")
	for _, want := range []string{
		"<h1>Ban Vì sự tiến bộ của Phụ nữ tỉnh triển khai nhiệm vụ năm 2023</h1>",
		"<p class=lead>Chiều 17/2, Ban Vì sự tiến bộ của Phụ nữ tỉnh tổ chức hội nghị",
		"<time datetime=2023-02-17T14:45:00+07:00>",
		"<td>Đắk Mil</td><td>95</td>", "<th>Số người được tập huấn</th>",
		`alt="Các đại biểu ngồi dự hội nghị trong hội trường"><figcaption>Quang cảnh hội nghị tổng kết công tác năm 2022</figcaption></figure>`,
		"<figcaption>Biểu đồ số người được hỗ trợ</figcaption>",
		"<ul><li>Tổ chức 12 lớp tập huấn<ul><li>cho cán bộ cấp xã</li>",
		"<ol><li>Nâng cao năng lực cán bộ<ol><li>ở cấp tỉnh</li></ol></li>",
		"<h2 id=ket-qua-nam-2022>Kết quả năm 2022</h2>",
		"<em>nhấn mạnh</em>", `<a href=https://vstbpn.halam.gov.vn/van-ban/>các văn bản</a>`,
		"Theo báo cáo của Sở Lao động – Thương binh và Xã hội.",
		"Trích văn bản cũ: Ban Vì sự tiến bộ của Phụ nữ; TỈNH; Hội Liên hiệp Phụ nữ.",
		"<p class=byline>Thu Hà</p>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, bad := range []string{"V×", "sù", "tiÕn", "Phô n÷", "hơn 200", "Kiểm tra lại số liệu"} {
		if strings.Contains(html, bad) {
			t.Errorf("the page has %q", bad)
		}
	}
}

func TestImportTCVN3DocumentBuilds(t *testing.T) {
	site := writeSite(t, baseConfig)
	doc := tcvn3Docx(t, t.TempDir())
	r := run(t, "import", "-s", site, doc)
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	const slug = "ban-vi-su-tien-bo-cua-phu-nu-tong-ket-nam-2022"
	md, err := os.ReadFile(filepath.Join(site, "content/tin-tuc", slug, "index.md"))
	if err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if !strings.Contains(string(md), `![Đại biểu dự hội nghị](anh-1.jpg "Quang cảnh hội nghị")`) {
		t.Errorf("index.md:\n%s", md)
	}
	b, dest := buildSite(t, site, "-D")
	if b.code != ExitOK {
		t.Fatalf("build exit %d\n%s", b.code, b.stderr)
	}
	html := readOut(t, dest, "tin-tuc/"+slug+"/index.html")
	for _, want := range []string{
		"<h1>Ban Vì sự tiến bộ của Phụ nữ tổng kết năm 2022</h1>",
		"<p class=lead>Sáng 17/2, Ban Vì sự tiến bộ của Phụ nữ tỉnh tổ chức hội nghị.</p>",
		"<p>Hội nghị đã thảo luận nhiều nội dung quan trọng.</p>",
		`alt="Đại biểu dự hội nghị"><figcaption>Quang cảnh hội nghị</figcaption></figure>`,
		"<p class=byline>Thu Hà</p>", "17/02/2023 14:45",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q\n%s", want, html)
		}
	}
	if strings.Contains(html, "V×") || strings.Contains(html, "Héi") {
		t.Error("mojibake left in the page")
	}
	// The phone photo in the Word file is published without its GPS.
	for _, name := range []string{"anh-1-480w.jpg", "anh-1-800w.jpg"} {
		data, err := os.ReadFile(filepath.Join(dest, "tin-tuc", slug, name))
		if err != nil {
			t.Fatal(err)
		}
		if m := metadataOf(t, data); len(m) > 0 {
			t.Errorf("%s keeps %v", name, m)
		}
	}
}

func TestImportNeverOverwrites(t *testing.T) {
	site := writeSite(t, baseConfig)
	if r := run(t, "import", "-s", site, loDocx); r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	dir := filepath.Join(site, "content/tin-tuc", loSlug)
	writeFile(t, filepath.Join(dir, "ghi-chu.txt"), []byte("của biên tập viên"))
	writeFile(t, filepath.Join(dir, "index.md"), []byte("+++\ntitle = \"Đã sửa\"\n+++\n"))
	before := snapshot(t, filepath.Join(site, "content"))

	r := run(t, "import", "-s", site, loDocx)
	if r.code != ExitError {
		t.Errorf("exit %d, want 1", r.code)
	}
	want := "/content/tin-tuc/" + loSlug + " already exists; nothing was written\n    hint: đặt tên thư mục khác bằng --slug ten-khac, hoặc ghi đè bằng --force"
	if !strings.HasPrefix(r.stderr, loDocx+": ") || !strings.Contains(filepath.ToSlash(r.stderr), want) {
		t.Errorf("stderr:\n%s\nwant %s", r.stderr, want)
	}
	if strings.Contains(r.stderr, "merged cells") {
		t.Error("warnings of a document not written")
	}
	unchanged(t, before, filepath.Join(site, "content"))

	if r := run(t, "import", "-s", site, "--slug", "Hội nghị 2023", loDocx); r.code != ExitOK {
		t.Fatalf("--slug: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "content/tin-tuc/hoi-nghi-2023/index.md")); err != nil {
		t.Error(err)
	}

	if r := run(t, "import", "-s", site, "--force", loDocx); r.code != ExitOK {
		t.Fatalf("--force: exit %d\n%s", r.code, r.stderr)
	}
	md, _ := os.ReadFile(filepath.Join(dir, "index.md"))
	if !strings.Contains(string(md), "Ban Vì sự tiến bộ") {
		t.Errorf("--force did not replace index.md:\n%s", md)
	}
	if _, err := os.Stat(filepath.Join(dir, "ghi-chu.txt")); err == nil {
		t.Error("--force kept a file of the old page")
	}
	entries, _ := os.ReadDir(filepath.Join(site, "content/tin-tuc"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}

	// A page file with the address the bundle would take.
	writeFile(t, filepath.Join(site, "content/tin-tuc/trung-ten.md"), []byte("+++\n+++\n"))
	r = run(t, "import", "-s", site, "--slug", "trung-ten", "--force", loDocx)
	if r.code != ExitError || !strings.Contains(r.stderr, "trung-ten.md already has the address") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

func TestImportBadDocuments(t *testing.T) {
	site := writeSite(t, baseConfig)
	dir := t.TempDir()
	good, _ := os.ReadFile(loDocx)
	var odt bytes.Buffer
	z := zip.NewWriter(&odt)
	w, _ := z.Create("mimetype")
	w.Write([]byte("application/vnd.oasis.opendocument.text"))
	z.Close()
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"bao-cao.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...),
			"bao-cao.doc: this is a Word 97–2003 document (.doc) or a password-protected one, not a .docx\n    hint: mở tệp bằng Word, chọn Tệp → Lưu thành → Tài liệu Word (*.docx)"},
		{"bai.odt", odt.Bytes(), "bai.odt: this is an OpenDocument text (.odt), not a .docx\n    hint: mở tệp bằng LibreOffice Writer, chọn Tệp → Lưu thành"},
		{"hong.docx", good[:len(good)/3], "hong.docx: the file is damaged or is not a Word document"},
		{"anh.docx", phoneJPEG(t, 10, 10, 1), "anh.docx: the file is damaged or is not a Word document (not a ZIP archive)\n    hint: mở tệp bằng Word"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			writeFile(t, path, tt.data)
			r := run(t, "import", "-s", site, path)
			if r.code != ExitError {
				t.Errorf("exit %d, want 1", r.code)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr:\n%s\nwant %q", r.stderr, tt.want)
			}
		})
	}
	r := run(t, "import", "-s", site, filepath.Join(dir, "khong-co.docx"))
	if r.code != ExitError || !strings.Contains(r.stderr, "khong-co.docx: there is no such file\n    hint: kiểm tra lại tên") {
		t.Errorf("missing file: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "content")); err == nil {
		entries, _ := os.ReadDir(filepath.Join(site, "content/tin-tuc"))
		t.Errorf("bad documents wrote %d entries", len(entries))
	}

	// One bad file among good ones: the good ones are imported, exit 1.
	r = run(t, "import", "-s", site, filepath.Join(dir, "bao-cao.doc"), loDocx)
	if r.code != ExitError {
		t.Errorf("exit %d, want 1", r.code)
	}
	if _, err := os.Stat(filepath.Join(site, "content/tin-tuc", loSlug, "index.md")); err != nil {
		t.Error(err)
	}
}

func TestImportUsage(t *testing.T) {
	site := writeSite(t, baseConfig)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"import", "-s", site}, "name the Word files to import"},
		{[]string{"import", "-s", site, "--slug", "a", loDocx, loDocx}, "--slug names one page"},
		{[]string{"import", "-s", site, "--slug", "!!", loDocx}, "--slug needs letters or digits"},
		{[]string{"import", "-s", site, "--section", "../ra-ngoai", loDocx}, "--section needs a folder name"},
		{[]string{"import", "-s", filepath.Join(site, "khong-co"), loDocx}, "there is no folder"},
		{[]string{"import", "--khong-co", loDocx}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		r := run(t, tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, want 2 and %q\n%s", tt.args[1:], r.code, tt.want, r.stderr)
		}
	}
	if r := run(t, "import", "-h"); r.code != ExitOK || !strings.Contains(r.stderr, "--force") {
		t.Errorf("-h: exit %d\n%s", r.code, r.stderr)
	}
	if r := run(t, "help"); !strings.Contains(r.stdout, "import") {
		t.Errorf("help lacks import:\n%s", r.stdout)
	}
}

// The section and draft flags, and the site's time zone for a document
// dated only by its properties.
func TestImportSectionDraftAndZone(t *testing.T) {
	site := writeSite(t, baseConfig+"timeZone = \"Asia/Tokyo\"\n")
	dir := t.TempDir()
	body := `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Thông báo tuyển dụng</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Nội dung thông báo.</w:t></w:r></w:p>`
	doc := wordFile(t, dir, "thong-bao.docx", body, nil)
	r := run(t, "import", "-s", site, "--section", "thong-bao", "--draft=false", doc)
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	md, err := os.ReadFile(filepath.Join(site, "content/thong-bao/thong-bao-tuyen-dung/index.md"))
	if err != nil {
		t.Fatal(err)
	}
	// No date line, no properties: the time of the import, in Tokyo.
	for _, want := range []string{"draft = false\n", "date = 2026-11-29T12:00:00+09:00\n"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("index.md lacks %q:\n%s", want, md)
		}
	}
	b, dest := buildSite(t, site)
	if b.code != ExitOK || !exists(dest, "thong-bao/thong-bao-tuyen-dung/index.html") {
		t.Errorf("build without -D: exit %d\n%s", b.code, b.stderr)
	}
}
