package check

import (
	"net/url"
	"path"
	"strings"
	"unicode"

	"loa/generator/page"
)

// The rules of pictures: a description (alt text) for readers who cannot
// see them, which is not the file's name, and, where the site asks, a
// caption under every figure.

func (f *File) readImages(ims []page.Image) {
	f.images = ims
	for _, im := range ims {
		alt := strings.TrimSpace(im.Alt)
		where, whereVi := "between the brackets: ![Quang cảnh hội nghị](anh-1.jpg)", "vào trong ngoặc vuông: ![Quang cảnh hội nghị](anh-1.jpg)"
		if im.Shortcode != "" {
			where, whereVi = `as alt="…" of the shortcode`, `vào alt="…" của shortcode`
			if alt == "" {
				alt = strings.TrimSpace(im.Title) // the figure shortcode falls back to its caption
			}
		}
		switch {
		case alt == "":
			f.findings = append(f.findings, finding(RuleAlt, im.Pos,
				"picture without a description (alt text) for readers who cannot see it",
				"ảnh chưa có mô tả (alt) cho người khiếm thị",
				"write what the picture shows "+where+"; a screen reader reads it aloud",
				"viết ảnh chụp gì "+whereVi+"; phần mềm đọc màn hình sẽ đọc mô tả này"))
		case isFileName(alt, im.Dest):
			f.findings = append(f.findings, finding(RuleAlt, im.Pos,
				"the picture's description is a file name, "+quote(alt)+", which a screen reader reads aloud as it is",
				"mô tả của ảnh là tên tệp "+quote(alt)+": phần mềm đọc màn hình sẽ đọc nguyên tên tệp này",
				"write what the picture shows "+where,
				"viết ảnh chụp gì "+whereVi))
		}
	}
}

// isFileName reports whether a description is the picture's file name,
// with or without its extension, or looks like one (IMG_2034, anh-1.jpg,
// z5123456789_ab): one word with digits and a file's punctuation.
func isFileName(alt, dest string) bool {
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	base := path.Base(dest)
	noExt := strings.TrimSuffix(base, path.Ext(base))
	a := strings.ToLower(alt)
	if a == strings.ToLower(base) || a == strings.ToLower(noExt) {
		return true
	}
	switch strings.ToLower(path.Ext(a)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".heic", ".avif", ".tif", ".tiff", ".bmp":
		return !strings.ContainsRune(a, ' ')
	}
	return !strings.ContainsAny(a, " \u00a0") && strings.IndexFunc(a, unicode.IsDigit) >= 0 && strings.ContainsAny(a, "_-.")
}

// imageFindings are the findings of captions, which [check] captions =
// true asks for.
func (f *File) imageFindings(captions bool) []Finding {
	if !captions {
		return nil
	}
	var out []Finding
	for _, im := range f.images {
		if !im.Figure || strings.TrimSpace(im.Title) != "" {
			continue
		}
		hint, hintVi := `write the caption in quotes after the file: ![…](anh-1.jpg "Chú thích")`, `viết chú thích trong ngoặc kép sau tên tệp: ![…](anh-1.jpg "Chú thích")`
		if im.Shortcode != "" {
			hint, hintVi = `add caption="…" to the shortcode`, `thêm caption="…" vào shortcode`
		}
		out = append(out, finding(RuleCaption, im.Pos, "figure without a caption", "ảnh chưa có chú thích", hint, hintVi))
	}
	return out
}
