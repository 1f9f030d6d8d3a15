package site

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"

	"loa/generator/diag"
	"loa/generator/page"
)

// resolveRefs finds what each published page's Content needs, replacing every link and
// image to a file of the site by its published address. A link to a file
// that does not exist, or to a page that is not published, is an error; so
// is a picture that cannot be published.
func (s *Site) resolveRefs() diag.List {
	var diags diag.List
	nodes := append([]*Node{s.Home}, s.Sections...)
	nodes = append(nodes, s.Pages...)
	for _, n := range nodes {
		p := n.Page
		if p == nil || !n.Published() {
			continue
		}
		n.firstRef = -1
		refs := make([]resolved, len(p.Refs))
		for i, r := range p.Refs {
			v, err := s.resolve(p, r)
			if err != nil && r.Kind == page.RefCaptions {
				v, err = resolved{}, nil // no captions beside the video: no track
			}
			if err != nil && !err.warn && r.Full != "" {
				v, err = resolved{url: html.EscapeString(r.Full)}, keptFull(r)
			}
			switch {
			case err != nil && err.warn:
				diags.Warnf(r.Pos, err.hint, "%s", err.msg).Vi(err.hintVi, "%s", err.msgVi)
				err = nil
			case err != nil:
				diags.Errorf(r.Pos, err.hint, "%s", err.msg).Vi(err.hintVi, "%s", err.msgVi)
			}
			if r.Kind == page.RefImage && n.firstRef < 0 && err == nil {
				n.firstRef = i
			}
			refs[i] = v
		}
		n.refs = refs
		var d diag.List
		n.images, d = s.frontImages(n)
		diags.Append(d)
	}
	return diags
}

// resolved is what one Ref of a page's HTML becomes.
type resolved struct {
	url   string // the escaped address, for a link, or an image that is no picture
	image *Image // for an image of the site
}

// expand gives the text of one Ref token of the node's HTML.
func (n *Node) expand(i int, kind byte) string {
	r := n.refs[i]
	if kind == page.Track {
		if r.url == "" {
			return ""
		}
		return page.TrackElement(r.url)
	}
	if r.image == nil {
		if kind == page.Original || kind == page.OrigBlock {
			return ""
		}
		return r.url
	}
	eager := n.Kind == KindPage && i == n.firstRef
	switch kind {
	case page.Thumb:
		return r.image.attrs(gallerySizes, eager)
	case page.Large:
		return html.EscapeString(r.image.Large())
	case page.Original:
		return n.site.originalLink(r.image)
	case page.OrigBlock:
		if l := n.site.originalLink(r.image); l != "" {
			return "<figcaption>" + l + "</figcaption>"
		}
		return ""
	}
	return r.image.attrs(n.site.Config.Images.Sizes, eager)
}

type refError struct {
	msg, hint, msgVi, hintVi string
	warn                     bool // the link is written all the same
}

// resolve returns what one ref becomes: the escaped address of a link, or
// the Image of an image.
func (s *Site) resolve(p *page.Page, r page.Ref) (resolved, *refError) {
	what, whatVi := "link", "liên kết"
	if r.Kind == page.RefImage {
		what, whatVi = "image", "ảnh"
	}
	target, frag, _ := strings.Cut(r.Dest, "#")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	var name string // a path from the site root, "content/…" or "static/…"
	var file *File
	if strings.HasPrefix(target, "/") {
		rel := strings.TrimPrefix(path.Clean(target), "/")
		if f, ok := s.static[rel]; ok {
			file = f
		} else {
			name = path.Join("content", rel)
		}
	} else {
		name = path.Join("content", p.Dir, target)
	}
	var out string
	var node *Node
	if file == nil {
		t, byAddress := destination{}, false
		if strings.HasPrefix(target, "/") {
			t, byAddress = s.atAddress(target)
		}
		if n, ok := s.pageAt(name); ok {
			if on, _, found := s.elsewhere(name, ""); !n.Published() && found && on != nil {
				n = on // a translation not yet published: the published version
			}
			if !n.Published() {
				return resolved{}, &refError{
					msg:    fmt.Sprintf("%s to %q: that page is not published (a draft, or dated in the future, or expired)", what, r.Dest),
					hint:   "publish that page first, or remove the link",
					msgVi:  fmt.Sprintf("%s tới %q: bài đó chưa được đăng (bản nháp, hẹn giờ hoặc đã hết hạn)", whatVi, r.Dest),
					hintVi: "đăng bài đó trước, hoặc bỏ liên kết",
				}
			}
			out, node = n.Path, n
		} else if f, ok := s.files[name]; ok && f.Out != "" {
			file = f
		} else if byAddress && t.node != nil {
			out, node = t.node.Path, t.node
		} else if byAddress {
			file = t.file
		} else if on, of, ok := s.elsewhere(name, target); ok {
			// A page with no version in this language: its own.
			if on != nil {
				out, node = on.Path, on
			} else {
				file = of
			}
		} else if strings.HasPrefix(target, "/") {
			near := s.nearestAddress(target)
			return resolved{}, &refError{
				msg:    fmt.Sprintf("%s to %q: nothing is published at that address, and there is no such file", what, r.Dest),
				hint:   fmt.Sprintf("the nearest published address is %s; a link may also name a file from the site folder, such as /van-ban/luat.md", near),
				msgVi:  fmt.Sprintf("%s tới %q: không có trang hay tệp nào ở địa chỉ này", whatVi, r.Dest),
				hintVi: fmt.Sprintf("địa chỉ gần nhất đang có là %s; cũng có thể trỏ tới tệp, ví dụ /van-ban/luat.md", near),
			}
		} else {
			return resolved{}, &refError{
				msg:    fmt.Sprintf("%s to %q: no such file (looked for %s)", what, r.Dest, name),
				hint:   fmt.Sprintf("check the file name; a relative path starts from the folder of this file (%s/), a path with / from static/ or content/", path.Join("content", p.Dir)),
				msgVi:  fmt.Sprintf("%s tới %q: không có tệp này (đã tìm %s)", whatVi, r.Dest, name),
				hintVi: fmt.Sprintf("kiểm tra tên tệp (chữ hoa, chữ thường cũng tính); đường dẫn tương đối tính từ thư mục của bài (%s/), đường dẫn bắt đầu bằng / tính từ static/ hoặc content/", path.Join("content", p.Dir)),
			}
		}
	}
	if file != nil {
		if r.Kind == page.RefImage || file.Picture != nil {
			// A link to a picture leads to its largest version, which is
			// published even when the original is not.
			im, err := s.image(file, r.Pos)
			if err != nil {
				return resolved{}, err
			}
			if r.Kind == page.RefImage {
				return resolved{image: im}, nil
			}
			if u := im.Original(); u != "" {
				return resolved{url: html.EscapeString(u)}, nil
			}
			return resolved{url: html.EscapeString(im.Large())}, nil
		}
		out = file.Out
	}
	u := s.RelURL(out)
	if frag != "" {
		u += "#" + frag
	}
	switch r.Kind {
	case page.RefLink:
		return resolved{url: html.EscapeString(u)}, checkFragment(node, frag, r.Dest)
	case page.RefCaptions:
		return resolved{url: html.EscapeString(u)}, nil
	}
	return resolved{url: `src="` + html.EscapeString(u) + `" loading="lazy" decoding="async"`}, nil
}

// elsewhere finds what a link leads to in another language's site, when
// this language has nothing there: the page, or a file.
func (s *Site) elsewhere(name, target string) (*Node, *File, bool) {
	for _, o := range s.siblings {
		if o == s {
			continue
		}
		if n, ok := o.pageAt(name); ok && n.Published() {
			if t := n.Translation(s.Lang()); t != nil {
				n = t // its version in this language, found by translationKey
			}
			return n, nil, true
		}
		if f, ok := o.files[name]; ok && f.Out != "" {
			return nil, f, true
		}
		if strings.HasPrefix(target, "/") {
			if t, ok := o.atAddress(target); ok {
				return t.node, t.file, true
			}
		}
	}
	return nil, nil, false
}

// pageAt finds the node of a content path: a Markdown file, or a folder
// holding _index.md or index.md.
func (s *Site) pageAt(name string) (*Node, bool) {
	if strings.HasSuffix(name, ".md") {
		n, ok := s.byFile[name]
		return n, ok
	}
	for _, idx := range []string{"/_index.md", "/index.md"} {
		if n, ok := s.byFile[name+idx]; ok {
			return n, true
		}
	}
	if name == "content" {
		return s.Home, true
	}
	for _, sec := range s.Sections {
		if "content/"+sec.dir == name {
			return sec, true
		}
	}
	return nil, false
}

// keptFull is the warning for a full address on the site's host that the
// site publishes nothing at: another program on the host may answer there,
// so the link stays as written.
func keptFull(r page.Ref) *refError {
	return &refError{
		warn:   true,
		msg:    fmt.Sprintf("link to %q: this site publishes nothing at that address; the link is kept as written", r.Full),
		hint:   "if the page moved, link to its new address; if another program of the host answers there, nothing to do",
		msgVi:  fmt.Sprintf("liên kết tới %q: trang này không có gì ở địa chỉ đó; liên kết được giữ nguyên", r.Full),
		hintVi: "nếu bài đã chuyển chỗ, hãy trỏ tới địa chỉ mới; nếu địa chỉ đó do phần mềm khác trên cùng máy chủ phục vụ thì không cần làm gì",
	}
}
