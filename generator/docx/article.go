package docx

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"loa/generator/diag"
	"loa/generator/vi"
)

// Options tell Convert about the document and the site.
type Options struct {
	Name     string         // the document's path as given, for messages
	Location *time.Location // the site's time zone
	Now      time.Time
}

// Article is a document converted into a Loa page.
type Article struct {
	Title, Description, Author string
	Date                       time.Time
	DateFrom                   string // "text", "properties" or "now"
	Body                       string // Markdown
	Files                      []File // the pictures: anh-1.jpg, anh-2.png…
}

// File is a file written beside the page.
type File struct {
	Name string
	Data []byte
}

// Convert turns a document into an article: the title (the Title style,
// else the first heading, else the first bold line), the date (a date line
// in the text, else the document's properties, else now), the lead (a
// bold first paragraph), the author (a short last line), then the body in
// Markdown with its pictures. Warnings say what was changed or left out.
func Convert(doc *Document, opts Options) (*Article, diag.List) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	c := &converter{doc: doc, opts: opts, names: map[string]string{},
		captions: map[*Image]string{}, noteNum: map[string]string{}}
	for _, d := range doc.Warnings {
		d.Pos = c.pos()
		c.diags = append(c.diags, d)
	}
	a := &Article{}
	blocks := slices.DeleteFunc(slices.Clone(doc.Body), func(b Block) bool {
		p, ok := b.(*Paragraph)
		return ok && p.empty()
	})
	blocks = c.title(blocks, a)
	blocks = c.date(blocks, a)
	blocks = c.lead(blocks, a)
	blocks = c.author(blocks, a)
	blocks = c.findCaptions(blocks)
	c.headBase = 99
	for _, b := range blocks {
		if p, ok := b.(*Paragraph); ok && p.Heading > 0 {
			c.headBase = min(c.headBase, p.Heading)
		}
	}
	a.Body = c.body(blocks)
	a.Files = c.files
	c.changes()
	return a, c.diags
}

// title takes the title out of blocks.
func (c *converter) title(blocks []Block, a *Article) []Block {
	pick := func(ok func(p *Paragraph) bool) int {
		for i, b := range blocks {
			if p, isP := b.(*Paragraph); isP && ok(p) && plain(p.Inlines) != "" {
				return i
			}
		}
		return -1
	}
	atTop := func(i int) int { // a line far down is a subheading, not the title
		if i > 2 {
			return -1
		}
		return i
	}
	heading := func(p *Paragraph) bool { return p.Heading > 0 }
	boldLine := func(p *Paragraph) bool {
		return p.List == nil && allText(p, func(in Inline) bool { return in.Bold }) && runeLen(plain(p.Inlines)) <= 300
	}
	i := pick(func(p *Paragraph) bool { return p.Style == "title" })
	if i < 0 && len(blocks) > 0 { // the first line, a heading or in bold
		if p, ok := blocks[0].(*Paragraph); ok && (heading(p) || boldLine(p)) && plain(p.Inlines) != "" {
			i = 0
		}
	}
	for _, f := range []func(*Paragraph) bool{heading, boldLine} {
		if i < 0 {
			i = atTop(pick(f))
		}
	}
	if i < 0 {
		i = pick(heading)
	}
	if i >= 0 {
		a.Title = plain(blocks[i].(*Paragraph).Inlines)
		return slices.Delete(blocks, i, i+1)
	}
	a.Title = vi.NFC(strings.TrimSpace(c.doc.Props.Title))
	if a.Title == "" {
		base := filepath.Base(c.opts.Name)
		a.Title = vi.NFC(strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base)))) // macOS names files in NFD
		c.diags.Warnf(c.pos(), "write the title in front matter; in Word, give the title the Title style",
			"the document has no title (no Title style, heading or bold first line); the file name was used").Vi(
			"sửa tiêu đề (title) ở phần đầu bài; lần sau, đặt kiểu Title cho dòng tiêu đề trong Word",
			"tài liệu không có tiêu đề (kiểu Title, đề mục hay dòng đầu in đậm); đã lấy tên tệp làm tiêu đề")
	}
	return blocks
}

// allText reports whether every non-blank text of p satisfies f, and p
// has some text.
func allText(p *Paragraph, f func(Inline) bool) bool {
	some := false
	for _, in := range p.Inlines {
		if in.Kind == Text && strings.TrimSpace(in.Text) != "" {
			if !f(in) {
				return false
			}
			some = true
		}
	}
	return some
}

func hasPicture(p *Paragraph) bool {
	for _, in := range p.Inlines {
		if in.Kind == Picture {
			return true
		}
	}
	return false
}

// textParagraph returns b as a plain paragraph of text: no heading, list
// item or picture; nil otherwise.
func textParagraph(b Block) *Paragraph {
	p, ok := b.(*Paragraph)
	if !ok || p.Heading > 0 || p.List != nil || hasPicture(p) {
		return nil
	}
	return p
}

// date takes the date line out of blocks, looking near the top and the
// bottom, else takes the document's date or now; all in the site's zone.
func (c *converter) date(blocks []Block, a *Article) []Block {
	for _, i := range candidates(len(blocks), 4, 3) {
		p := textParagraph(blocks[i])
		if p == nil || underPicture(blocks, i) {
			continue
		}
		if t, ok := dateLine(plain(p.Inlines), c.opts.Location); ok {
			a.Date, a.DateFrom = t, "text"
			return slices.Delete(blocks, i, i+1)
		}
	}
	switch {
	case !c.doc.Props.Created.IsZero():
		a.Date, a.DateFrom = c.doc.Props.Created.In(c.opts.Location), "properties"
	case !c.doc.Props.Modified.IsZero():
		a.Date, a.DateFrom = c.doc.Props.Modified.In(c.opts.Location), "properties"
	default:
		a.Date, a.DateFrom = c.opts.Now.In(c.opts.Location), "now"
	}
	a.Date = a.Date.Truncate(time.Second)
	return blocks
}

// underPicture reports whether blocks[i] comes right after a line of
// pictures: it is their caption, not a date line or a byline.
func underPicture(blocks []Block, i int) bool {
	if i == 0 {
		return false
	}
	p, ok := blocks[i-1].(*Paragraph)
	return ok && picturesOnly(p)
}

// candidates returns the indexes of the first top and last bottom of n
// blocks.
func candidates(n, top, bottom int) []int {
	var out []int
	for i := 0; i < n && i < top; i++ {
		out = append(out, i)
	}
	for i := max(n-bottom, top); i < n; i++ {
		out = append(out, i)
	}
	return out
}

// lead takes the lead out of blocks: a first paragraph all in bold.
func (c *converter) lead(blocks []Block, a *Article) []Block {
	if len(blocks) == 0 {
		return blocks
	}
	p := textParagraph(blocks[0])
	if p == nil || p.Style == "caption" || !allText(p, func(in Inline) bool { return in.Bold }) {
		return blocks
	}
	a.Description = plain(p.Inlines)
	return blocks[1:]
}

// author takes the author out of blocks: a short last line, often right
// aligned; else the author in the document's properties.
func (c *converter) author(blocks []Block, a *Article) []Block {
	if n := len(blocks); n > 0 {
		if p := textParagraph(blocks[n-1]); p != nil && p.Style != "caption" && !underPicture(blocks, n-1) {
			if name, ok := authorLine(p); ok {
				a.Author = name
				return blocks[:n-1]
			}
		}
	}
	if cr := vi.NFC(strings.TrimSpace(c.doc.Props.Creator)); !genericAuthor(cr) {
		a.Author = cr
	}
	return blocks
}

// authorLine reports whether p is a byline and returns the name.
func authorLine(p *Paragraph) (string, bool) {
	text := plain(p.Inlines)
	lower := strings.ToLower(text)
	for _, prefix := range []string{"tác giả:", "người viết:", "bài và ảnh:", "bài, ảnh:", "tin và ảnh:", "tin, ảnh:", "bài:", "tin:", "ảnh:"} {
		if strings.HasPrefix(lower, prefix) {
			text = strings.TrimSpace(text[len(prefix):])
			break
		}
	}
	if strings.HasPrefix(lower, "nguồn") || strings.HasPrefix(lower, "theo ") {
		return "", false // a source, not a person
	}
	text = strings.TrimSuffix(text, ".")
	words := strings.Fields(text)
	if len(words) == 0 || runeLen(text) > 60 || len(words) > 8 || strings.ContainsAny(text[len(text)-1:], ".:;,?!") {
		return "", false
	}
	if p.Align == "right" {
		return text, true
	}
	if len(words) > 5 {
		return "", false
	}
	styled := allText(p, func(in Inline) bool { return in.Bold }) || allText(p, func(in Inline) bool { return in.Italic })
	return text, styled || nameLike(words)
}

// nameLike reports whether every word starts with a capital or digit, as
// names do ("Thu Hà", "Nguyễn Văn An (TTXVN)").
func nameLike(words []string) bool {
	for _, w := range words {
		r := []rune(strings.TrimLeft(w, "(\"“"))
		if len(r) == 0 || !(unicode.IsUpper(r[0]) || unicode.IsDigit(r[0])) {
			return false
		}
	}
	return true
}

// genericAuthor reports an author name that is the computer's, not a
// person's: Word fills in the account name.
func genericAuthor(s string) bool {
	l := strings.ToLower(s)
	if l == "" {
		return true
	}
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch w {
		case "user", "admin", "administrator", "pc", "owner", "guest", "default", "computer",
			"windows", "microsoft", "office", "unknown", "author", "dell", "hp", "asus", "acer", "lenovo":
			return true
		}
	}
	return false
}

// findCaptions finds the caption of each paragraph of pictures — a
// paragraph in the Caption style, or a short line in italics or centred
// right under it — and takes it out of blocks.
func (c *converter) findCaptions(blocks []Block) []Block {
	out := blocks[:0:0]
	for i := 0; i < len(blocks); i++ {
		out = append(out, blocks[i])
		p, ok := blocks[i].(*Paragraph)
		if ok && p.Heading == 0 {
			c.captionInside(p)
		}
		if !ok || p.Heading > 0 || !picturesOnly(p) || i+1 >= len(blocks) {
			continue
		}
		next := textParagraph(blocks[i+1])
		if next == nil {
			continue
		}
		text := plain(next.Inlines)
		short := runeLen(text) <= 300 && len(strings.Fields(text)) <= 50
		if next.Style == "caption" || (short && (next.Align == "center" || allText(next, func(in Inline) bool { return in.Italic }))) {
			for _, in := range p.Inlines {
				if in.Kind == Picture {
					c.captions[in.Image] = text
					break
				}
			}
			i++
		}
	}
	return out
}

// captionInside takes the caption of a picture typed in its own paragraph
// after a line break (picture, Shift+Enter, caption): in italics, or in a
// centred paragraph.
func (c *converter) captionInside(p *Paragraph) {
	var pic *Image
	k := -1 // the line break after the pictures
	for i, in := range p.Inlines {
		switch {
		case k >= 0:
			if in.Kind == Picture || in.Kind == NoteRef {
				return
			}
		case in.Kind == Picture:
			if pic == nil {
				pic = in.Image
			}
		case in.Kind == Break && pic != nil:
			k = i
		case in.Kind == Text && strings.TrimSpace(in.Text) != "", in.Kind == NoteRef:
			return // text before the break: not a line of pictures
		}
	}
	if k < 0 {
		return
	}
	rest := &Paragraph{Inlines: p.Inlines[k+1:]}
	text := plain(rest.Inlines)
	if text == "" || runeLen(text) > 300 || !(p.Align == "center" || allText(rest, func(in Inline) bool { return in.Italic })) {
		return
	}
	c.captions[pic] = text
	p.Inlines = p.Inlines[:k]
}

// picturesOnly reports whether p holds pictures and nothing else but
// white space and line breaks.
func picturesOnly(p *Paragraph) bool {
	pictures := false
	for _, in := range p.Inlines {
		switch {
		case in.Kind == Picture:
			pictures = true
		case in.Kind == NoteRef, in.Kind == Text && strings.TrimSpace(in.Text) != "":
			return false
		}
	}
	return pictures
}

// changes warns about what the conversion changed: tracked changes,
// comments, links left out.
func (c *converter) changes() {
	d := c.doc
	if d.Insertions > 0 {
		c.diags.Warnf(c.pos(), "to decide yourself, accept or reject the changes in Word (Review → Accept/Reject) and import again",
			"%s kept as if accepted (%q)", plural(d.Insertions, "tracked insertion was", "tracked insertions were"), clip(d.InsertedText, 40)).Vi(
			"muốn tự quyết định, hãy chấp nhận hoặc từ chối thay đổi trong Word (Xem lại → Chấp nhận/Từ chối) rồi nhập lại",
			"%d chỗ thêm (theo dõi thay đổi) được giữ như đã chấp nhận (%q)", d.Insertions, clip(d.InsertedText, 40))
	}
	if d.Deletions > 0 {
		c.diags.Warnf(c.pos(), "to decide yourself, accept or reject the changes in Word (Review → Accept/Reject) and import again",
			"%s dropped as if accepted (%q)", plural(d.Deletions, "tracked deletion was", "tracked deletions were"), clip(d.DeletedText, 40)).Vi(
			"muốn tự quyết định, hãy chấp nhận hoặc từ chối thay đổi trong Word (Xem lại → Chấp nhận/Từ chối) rồi nhập lại",
			"%d chỗ xoá (theo dõi thay đổi) đã được bỏ như đã chấp nhận (%q)", d.Deletions, clip(d.DeletedText, 40))
	}
	if d.Comments > 0 {
		c.diags.Warnf(c.pos(), "read the comments in Word before publishing",
			"%s left out", plural(d.Comments, "comment was", "comments were")).Vi(
			"đọc các ghi chú trong Word trước khi đăng", "%d ghi chú (comment) đã bị bỏ qua", d.Comments)
	}
	seen := map[string]bool{}
	for _, l := range c.dropped {
		if seen[l] {
			continue
		}
		seen[l] = true
		c.diags.Warnf(c.pos(), "link to a web address, or put the file in the page's folder and link to it there",
			"a link to %q was left out, its text kept: it leads to a file on the author's computer or inside the document", clip(l, 60)).Vi(
			"hãy liên kết tới địa chỉ web, hoặc chép tệp vào thư mục bài rồi liên kết tới đó",
			"liên kết tới %q đã bị bỏ, giữ lại chữ: nó dẫn tới tệp trên máy người viết hoặc một chỗ trong tài liệu", clip(l, 60))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
