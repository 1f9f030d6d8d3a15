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
// that does not exist, or to a page that is not published, is an error.
func (s *Site) resolveRefs() diag.List {
	var diags diag.List
	nodes := append([]*Node{s.Home}, s.Sections...)
	nodes = append(nodes, s.Pages...)
	for _, n := range nodes {
		p := n.Page
		if p == nil || !n.Published() {
			continue
		}
		repl := make([]string, len(p.Refs))
		for i, r := range p.Refs {
			v, out, err := s.resolve(p, r)
			if err != nil {
				diags.Errorf(r.Pos, err.hint, "%s", err.msg).Vi(err.hintVi, "%s", err.msgVi)
			}
			if r.Kind == page.RefImage && n.firstImage == "" {
				n.firstImage = out
			}
			repl[i] = v
		}
		n.refs = repl
	}
	return diags
}

type refError struct{ msg, hint, msgVi, hintVi string }

// resolve returns the replacement for one ref: an escaped URL for a link,
// the src, width and height attributes for an image; and the output path
// it points to.
func (s *Site) resolve(p *page.Page, r page.Ref) (string, string, *refError) {
	what, whatVi := "link", "liên kết"
	if r.Kind == page.RefImage {
		what, whatVi = "image", "ảnh"
	}
	target, frag, _ := strings.Cut(r.Dest, "#")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	var name string // a path from the site root, "content/…" or "static/…"
	var out string
	var file *File
	if strings.HasPrefix(target, "/") {
		rel := strings.TrimPrefix(path.Clean(target), "/")
		if f, ok := s.static[rel]; ok {
			file, out = f, f.Out
		} else {
			name = path.Join("content", rel)
		}
	} else {
		name = path.Join("content", p.Dir, target)
	}
	if out == "" {
		if n, ok := s.pageAt(name); ok {
			if !n.Published() {
				return "", "", &refError{
					msg:    fmt.Sprintf("%s to %q: that page is not published (a draft, or dated in the future, or expired)", what, r.Dest),
					hint:   "publish that page first, or remove the link",
					msgVi:  fmt.Sprintf("%s tới %q: bài đó chưa được đăng (bản nháp, hẹn giờ hoặc đã hết hạn)", whatVi, r.Dest),
					hintVi: "đăng bài đó trước, hoặc bỏ liên kết",
				}
			}
			out = n.Path
		} else if f, ok := s.files[name]; ok {
			file, out = f, f.Out
		} else {
			return "", "", &refError{
				msg:    fmt.Sprintf("%s to %q: no such file (looked for %s)", what, r.Dest, name),
				hint:   fmt.Sprintf("check the file name; a relative path starts from the folder of this file (%s/), a path with / from static/ or content/", path.Join("content", p.Dir)),
				msgVi:  fmt.Sprintf("%s tới %q: không có tệp này (đã tìm %s)", whatVi, r.Dest, name),
				hintVi: fmt.Sprintf("kiểm tra tên tệp (chữ hoa, chữ thường cũng tính); đường dẫn tương đối tính từ thư mục của bài (%s/), đường dẫn bắt đầu bằng / tính từ static/ hoặc content/", path.Join("content", p.Dir)),
			}
		}
	}
	u := s.RelURL(out)
	if frag != "" {
		u += "#" + frag
	}
	if r.Kind == page.RefLink {
		return html.EscapeString(u), out, nil
	}
	attrs := `src="` + html.EscapeString(u) + `"`
	if file != nil && file.Width > 0 {
		attrs += fmt.Sprintf(` width="%d" height="%d"`, file.Width, file.Height)
	}
	return attrs, out, nil
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
