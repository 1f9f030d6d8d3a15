package site

import (
	"fmt"
	"html"
	"path"
	"strconv"
	"strings"

	"loa/generator/diag"
	"loa/generator/page"
)

// Picture is a raster image file that the photo pipeline publishes: the
// build reads its header and plans its variants; Assemble decides where they
// go and whether the original goes out too.
type Picture struct {
	Width, Height int       // upright, after the EXIF orientation
	Variants      []Variant // smallest first
	Problem       *Problem  // why the picture cannot be published, or nil

	Shown    bool     // a page, a front matter image or a campaign material shows it
	Original bool     // the original goes out too, cleaned of metadata
	ShownAt  diag.Pos // the first place that shows it, for errors found while processing
}

// Variant is one resized version of a picture.
type Variant struct {
	Width, Height int
	Ext           string // ".jpg", ".png"
	Out           string // set by Assemble: "tin-tuc/a/anh-1-800w.jpg"
}

// Problem is why a picture cannot be published, in words for people.
type Problem struct{ Msg, Hint, MsgVi, HintVi string }

// Image is a picture as a page shows it: the address of each published
// width, and its upright size. Templates use it for thumbnails and sharing.
type Image struct {
	s    *Site
	file *File
	url  string // for an image that is no picture: an SVG, another site's image
}

// picture returns the image's picture, or nil.
func (im *Image) picture() *Picture {
	if im.file == nil || im.file.Picture == nil || len(im.file.Picture.Variants) == 0 {
		return nil
	}
	return im.file.Picture
}

// Src is the address of a middle-sized version, for browsers that read no
// srcset, or the image's own address.
func (im *Image) Src() string {
	pic := im.picture()
	if pic == nil {
		if im.file != nil {
			return im.s.RelURL(im.file.Out)
		}
		return im.url
	}
	for _, v := range pic.Variants {
		if v.Width >= 800 {
			return im.s.RelURL(v.Out)
		}
	}
	return im.s.RelURL(pic.Variants[len(pic.Variants)-1].Out)
}

// Srcset lists every published width, for the browser to choose from.
func (im *Image) Srcset() string {
	pic := im.picture()
	if pic == nil {
		return ""
	}
	var b strings.Builder
	for i, v := range pic.Variants {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(im.s.RelURL(v.Out))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(v.Width))
		b.WriteByte('w')
	}
	return b.String()
}

// Width and Height are those of the largest published version (of the
// upright picture), 0 when unknown: what the page reserves room for.
func (im *Image) Width() int {
	if pic := im.picture(); pic != nil {
		return pic.Variants[len(pic.Variants)-1].Width
	}
	if im.file == nil {
		return 0
	}
	return im.file.Width
}

func (im *Image) Height() int {
	if pic := im.picture(); pic != nil {
		return pic.Variants[len(pic.Variants)-1].Height
	}
	if im.file == nil {
		return 0
	}
	return im.file.Height
}

// Large is the address of the largest published version.
func (im *Image) Large() string {
	if pic := im.picture(); pic != nil {
		return im.s.RelURL(pic.Variants[len(pic.Variants)-1].Out)
	}
	return im.Src()
}

// Share is the full address of the version social networks show: the
// widest one up to 1200 pixels.
func (im *Image) Share() string {
	pic := im.picture()
	if pic == nil {
		if im.file != nil {
			return im.s.AbsURL(im.file.Out)
		}
		return im.url
	}
	best := pic.Variants[0]
	for _, v := range pic.Variants {
		if v.Width <= 1200 {
			best = v
		}
	}
	return im.s.AbsURL(best.Out)
}

// Original is the address of the published original, or "".
func (im *Image) Original() string {
	if pic := im.picture(); pic != nil && pic.Original {
		return im.s.RelURL(im.file.Out)
	}
	return ""
}

// attrs are the attributes of an <img> showing the image at the given
// sizes: src, srcset, sizes, width, height and how it loads. The first
// picture of an article loads at once, being the largest thing on screen;
// every other waits until it nears the screen.
func (im *Image) attrs(sizes string, eager bool) string {
	var b strings.Builder
	b.WriteString(`src="`)
	b.WriteString(html.EscapeString(im.Src()))
	b.WriteByte('"')
	if set := im.Srcset(); set != "" {
		fmt.Fprintf(&b, ` srcset="%s" sizes="%s"`, html.EscapeString(set), html.EscapeString(sizes))
	}
	if w, h := im.Width(), im.Height(); w > 0 {
		fmt.Fprintf(&b, ` width="%d" height="%d"`, w, h)
	}
	if eager {
		b.WriteString(` fetchpriority="high" decoding="async"`)
	} else {
		b.WriteString(` loading="lazy" decoding="async"`)
	}
	return b.String()
}

// gallerySizes fits the default theme's album: thumbnails at least 9rem
// wide fill the article column, two a row on a phone, at most half of the
// 44rem column on a wide screen.
const gallerySizes = "(min-width: 46rem) 22rem, calc(50vw - 1.5rem)"

// originalLink is the "Tải ảnh gốc" link of a picture whose original is
// published, or "".
func (s *Site) originalLink(im *Image) string {
	u := im.Original()
	if u == "" {
		return ""
	}
	return fmt.Sprintf(` <a class="original" href="%s" download>%s (%d×%d)</a>`,
		html.EscapeString(u), html.EscapeString(s.word("downloadOriginal", "Tải ảnh gốc")), im.file.Width, im.file.Height)
}

func (s *Site) word(key, def string) string {
	if w := s.words[key]; w != "" {
		return w
	}
	return def
}

// image returns the Image of a file of the site, marking its picture as
// shown from pos. A picture that cannot be published is an error there.
func (s *Site) image(f *File, pos diag.Pos) (*Image, *refError) {
	if pic := f.Picture; pic != nil {
		if !pic.Shown {
			pic.Shown, pic.ShownAt = true, pos
		}
		if pic.Problem != nil {
			p := pic.Problem
			return nil, &refError{msg: f.Name + ": " + p.Msg, hint: p.Hint, msgVi: f.Name + ": " + p.MsgVi, hintVi: p.HintVi}
		}
	}
	return &Image{s: s, file: f}, nil
}

// placeVariants names each variant of a picture after its file, beside it:
// anh-1.jpg → anh-1-480w.jpg, anh-1-800w.jpg…
func placeVariants(f *File) {
	if f.Picture == nil || f.Out == "" {
		return
	}
	base := strings.TrimSuffix(f.Out, path.Ext(f.Out))
	for i := range f.Picture.Variants {
		v := &f.Picture.Variants[i]
		v.Out = base + "-" + strconv.Itoa(v.Width) + "w" + v.Ext
	}
}

// frontImages resolves the images of a page's front matter: a file beside
// the page or of the site becomes an Image; another site's address stays as
// written.
func (s *Site) frontImages(n *Node) ([]*Image, diag.List) {
	var diags diag.List
	var out []*Image
	for _, dest := range n.Page.Images {
		if !isLocalDest(dest) {
			out = append(out, &Image{s: s, url: dest})
			continue
		}
		// Found as a Markdown image is, with the same errors.
		v, err := s.resolve(n.Page, page.Ref{Kind: page.RefImage, Dest: dest, Pos: n.Page.KeyPos("images")})
		if err == nil && v.image != nil {
			out = append(out, v.image)
			continue
		}
		if err == nil {
			err = &refError{
				msg: fmt.Sprintf("image %q is a page, not a picture", dest), hint: "name a picture file, such as anh-1.jpg",
				msgVi: fmt.Sprintf("ảnh %q là một bài, không phải tệp ảnh", dest), hintVi: "ghi tên một tệp ảnh, ví dụ anh-1.jpg",
			}
		}
		diags.Errorf(n.Page.KeyPos("images"), err.hint, "images: %s", err.msg).Vi(err.hintVi, "images: %s", err.msgVi)
	}
	return out, diags
}

func isLocalDest(dest string) bool {
	return dest != "" && !strings.Contains(dest, "://") && !strings.HasPrefix(dest, "//") && !strings.HasPrefix(dest, "data:")
}

// decidePictures settles what of each picture goes out: the resized versions
// of a picture that something shows, and the original (cleaned) when nothing
// shows it, when it is offered for download, or when the site asks for
// originals. A picture that cannot be published and that nothing shows is
// left out with a warning.
func (s *Site) decidePictures() diag.List {
	var diags diag.List
	files := s.Files[:0]
	for _, f := range s.Files {
		pic := f.Picture
		if pic == nil {
			files = append(files, f)
			continue
		}
		if pic.Problem != nil {
			if !pic.Shown {
				p := pic.Problem
				diags.Warnf(diag.Pos{File: f.Name}, p.Hint+"; or remove the file",
					"not published: %s", p.Msg).Vi(p.HintVi+"; hoặc xoá tệp", "không đăng: %s", p.MsgVi)
			}
			continue
		}
		pic.Original = s.Config.Images.Originals || !pic.Shown || s.downloads[f.Name]
		files = append(files, f)
	}
	s.Files = files
	return diags
}
