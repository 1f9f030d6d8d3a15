package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode/utf16"

	"loa/generator/diag"
	"loa/generator/locale"
	"loa/generator/vi"
)

// RelURL turns an output path into an address from the host's root, with the
// base URL's path in front: "tin-tuc/" → "/tin-tuc/" (or "/ban/tin-tuc/").
func (s *Site) RelURL(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	return s.Config.BaseURL.Path + strings.TrimPrefix(p, "/")
}

// AbsURL turns an output path into a full address with the base URL.
func (s *Site) AbsURL(p string) string {
	if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
		return p
	}
	u := *s.Config.BaseURL
	u.Path = ""
	return u.String() + s.RelURL(p)
}

// slugPath makes every segment of a content folder a slug: "Tin tức/Sự kiện" → "tin-tuc/su-kien".
func slugPath(dir string) string {
	if dir == "" {
		return ""
	}
	parts := strings.Split(dir, "/")
	for i, p := range parts {
		if s := locale.Slug(p); s != "" {
			parts[i] = s
		}
	}
	return strings.Join(parts, "/")
}

// cleanURL turns a front matter url into an output path: "/gioi-thieu" → "gioi-thieu/".
func cleanURL(u string) string {
	u = strings.Trim(path.Clean("/"+u), "/")
	if u == "" || u == "." {
		return ""
	}
	if strings.HasSuffix(u, ".html") || strings.HasSuffix(u, ".htm") {
		return u
	}
	return u + "/"
}

// inLang puts an output path in the language's folder: "tin-tuc/" →
// "en/tin-tuc/". A path written with the folder already is left as it is,
// so that url = "/en/about/" does not become /en/en/about/.
func (s *Site) inLang(p string) string {
	if s.prefix == "" || strings.HasPrefix(p, s.prefix) {
		return p
	}
	return s.prefix + p
}

// placeNodes gives the home, every section and every page its output path,
// and reports two things published at one path.
func (s *Site) placeNodes() diag.List {
	var diags diag.List
	s.Home.Path = s.prefix
	for _, sec := range s.Sections {
		sec.Path = s.inLang(slugPath(sec.dir) + "/")
		if sec.Page != nil && sec.Page.URL != "" {
			sec.Path = s.inLang(cleanURL(sec.Page.URL))
		}
		sec.title = sectionTitle(sec.dir)
	}
	for _, n := range s.Pages {
		n.Path = s.pagePath(n)
	}
	claim := func(n *Node) {
		out := n.OutFile()
		name := n.File()
		if name == "" {
			name = "content/" + n.dir + "/ (a section without _index.md)"
		}
		if other, ok := s.byOut[out]; ok {
			pos := diag.Pos{File: name}
			if n.Page != nil {
				pos = n.Page.KeyPos("url")
			}
			diags.Errorf(pos, "give one of them another slug = \"…\" or url = \"…\" in its front matter",
				"two pages are published at %s: %s and %s", n.RelPermalink(), other, name).Vi(
				"đặt slug = \"…\" hoặc url = \"…\" khác cho một trong hai bài",
				"hai bài cùng đăng ở địa chỉ %s: %s và %s", n.RelPermalink(), other, name)
			return
		}
		s.byOut[out] = name
	}
	for _, sec := range s.Sections {
		if !sec.hidden {
			claim(sec)
		}
	}
	for _, n := range s.Pages {
		claim(n)
	}
	return diags
}

func sectionTitle(dir string) string {
	if dir == "" {
		return ""
	}
	return vi.SectionName(path.Base(dir))
}

func (s *Site) pagePath(n *Node) string {
	return s.inLang(s.ownPath(n))
}

// ownPath is a page's output path within its language's folder.
func (s *Site) ownPath(n *Node) string {
	p := n.Page
	if p.URL != "" {
		return cleanURL(p.URL)
	}
	top, _, _ := strings.Cut(p.Section, "/")
	if pat, ok := s.Config.Permalinks[top]; ok {
		return s.expandPermalink(pat, n)
	}
	base := slugPath(p.Section)
	if base != "" {
		base += "/"
	}
	return base + s.shorten(p.SlugOrName()) + "/"
}

// shorten keeps a slug within [permalinks] maxSlugLength. Two long titles
// that start alike may end up with one address: placeNodes reports it.
func (s *Site) shorten(slug string) string {
	return locale.Shorten(slug, s.Config.MaxSlugLength)
}

// expandPermalink fills a pattern such as "/:section/:year/:month/:slug/".
func (s *Site) expandPermalink(pat string, n *Node) string {
	p := n.Page
	d := p.Date.In(s.Config.Location)
	r := strings.NewReplacer(
		":year", fmt.Sprintf("%04d", d.Year()),
		":month", fmt.Sprintf("%02d", int(d.Month())),
		":day", fmt.Sprintf("%02d", d.Day()),
		":section", slugPath(strings.SplitN(p.Section, "/", 2)[0]),
		":slug", s.shorten(p.SlugOrName()),
		":title", s.shorten(locale.Slug(p.Title)),
		":filename", s.shorten(locale.Slug(p.Name)),
	)
	return cleanURL(r.Replace(pat))
}

// placeFiles decides where each file is published: a file of a page bundle
// beside its page (which may have another address than its folder), any
// other content file at its path, a static file at its path below static/.
// A file another language published already is shown from there: bundles
// share their pictures between translations, as in Hugo.
func (s *Site) placeFiles(files []File) diag.List {
	var diags diag.List
	bundles := map[string]*Node{} // content folder of a bundle → its page
	for _, n := range s.byFile {
		if n.Page.IsBundle {
			bundles[n.Page.Dir] = n
		}
	}
	for _, f := range files {
		f := f
		if f.path == "" {
			f.path = f.Name
		}
		if sh, ok := s.shared[f.Name]; ok {
			if strings.HasPrefix(f.Name, "static/") {
				s.static[sh.Out] = sh
			} else {
				s.files[f.path] = sh
			}
			continue
		}
		switch {
		case strings.HasPrefix(f.path, "content/"):
			rel := strings.TrimPrefix(f.path, "content/")
			f.Out = s.inLang(slugPath(path.Dir(rel)) + "/" + path.Base(rel))
			if path.Dir(rel) == "." {
				f.Out = s.inLang(path.Base(rel))
			}
			inBundle := false
			for dir := path.Dir(rel); dir != "." && dir != ""; dir = path.Dir(dir) {
				if b, ok := bundles[dir]; ok {
					inBundle = true
					f.Out = strings.TrimSuffix(b.Path, "/") + "/" + strings.TrimPrefix(rel, dir+"/")
					switch {
					case b.Page.Params["headless"] == true:
						// Other pages show a headless bundle's files, as
						// in Hugo: they go out at the bundle's folder.
						f.Out = s.inLang(slugPath(dir) + "/" + strings.TrimPrefix(rel, dir+"/"))
					case !b.Published():
						f.Out = "" // the files of an unpublished page stay unpublished
					}
					break
				}
			}
			if f.borrowed && !inBundle {
				continue // another language's file that no bundle of this one holds
			}
			s.files[f.path] = &f
			if f.Out == "" {
				continue
			}
		case strings.HasPrefix(f.Name, "static/"):
			f.Out = strings.TrimPrefix(f.Name, "static/")
			s.static[f.Out] = &f
		default:
			continue
		}
		if other, ok := s.byOut[f.Out]; ok {
			diags.Errorf(diag.Pos{File: f.Name}, "rename or move one of them",
				"this file and %s are both published at %s", other, s.RelURL(f.Out)).Vi(
				"đổi tên hoặc chuyển một trong hai tệp", "tệp này và %s cùng đăng ở %s", other, s.RelURL(f.Out))
			continue
		}
		s.byOut[f.Out] = f.Name
		placeVariants(&f)
		if f.Picture != nil {
			for _, v := range f.Picture.Variants {
				if other, ok := s.byOut[v.Out]; ok {
					diags.Errorf(diag.Pos{File: f.Name}, "rename one of them",
						"the %d pixels wide version of this picture and %s are both published at %s", v.Width, other, s.RelURL(v.Out)).Vi(
						"đổi tên một trong hai tệp", "bản rộng %d điểm ảnh của ảnh này và %s cùng đăng ở %s", v.Width, other, s.RelURL(v.Out))
				}
				s.byOut[v.Out] = f.Name
			}
		}
		s.Files = append(s.Files, f)
	}
	sort.Slice(s.Files, func(i, j int) bool { return s.Files[i].Out < s.Files[j].Out })
	return diags
}

// makeAliases turns front matter aliases into redirect pages.
func (s *Site) makeAliases() diag.List {
	var diags diag.List
	for _, n := range s.Pages {
		for _, a := range n.Page.Aliases {
			from := outFile(s.inLang(cleanURL(a)))
			if from == s.Home.OutFile() {
				diags.Errorf(n.Page.KeyPos("aliases"), "an alias is an old address of this page, such as \"/tin/bai-cu/\"",
					"alias %q would replace the home page", a)
				continue
			}
			if other, ok := s.byOut[from]; ok {
				diags.Errorf(n.Page.KeyPos("aliases"), "remove the alias or move the other page",
					"alias %q is already the address of %s", a, other)
				continue
			}
			s.byOut[from] = n.File()
			s.Aliases = append(s.Aliases, Alias{From: from, To: n})
		}
	}
	sort.Slice(s.Aliases, func(i, j int) bool { return s.Aliases[i].From < s.Aliases[j].From })
	// Aliases are the last outputs claimed.
	diags.Append(s.caseClashes())
	return diags
}

// caseClashes reports outputs whose paths differ only in letter case
// (tin-tuc/Bai.html and tin-tuc/bai.html, Anh.JPG and anh.jpg) or in the
// Unicode form of their accents. Linux and most hosts keep both, but
// Windows and macOS file systems keep one file for the two, so the site an
// editor previews or uploads from there would silently lose a page.
func (s *Site) caseClashes() diag.List {
	var diags diag.List
	outs := make([]string, 0, len(s.byOut))
	for out := range s.byOut {
		outs = append(outs, out)
	}
	sort.Strings(outs)
	seen := make(map[string]string, len(outs)) // folded → first output
	for _, out := range outs {
		key := strings.ToLower(vi.NFC(out))
		first, ok := seen[key]
		if !ok {
			seen[key] = out
			continue
		}
		a, b := s.byOut[first], s.byOut[out]
		diags.Errorf(diag.Pos{File: b}, "rename one of them so that the names differ by more than capitals",
			"%s (from %s) and %s (from %s) differ only in letter case: Windows and macOS keep one file for both",
			first, a, out, b).Vi(
			"đổi tên một trong hai sao cho khác nhau không chỉ ở chữ hoa, chữ thường",
			"%s (từ %s) và %s (từ %s) chỉ khác nhau ở chữ hoa, chữ thường: Windows và macOS coi là một tệp",
			first, a, out, b)
	}
	return diags
}

// MaxPathLength is the longest output path, destination included, that
// CheckPathLengths allows: Windows refuses paths of 260 characters and
// more unless long paths are enabled, which office PCs rarely have; the
// margin leaves room for the stage folder Loa writes into first.
const MaxPathLength = 240

// CheckPathLengths reports every output whose full path below dest (an
// absolute folder, as the caller will write it) would be longer than
// MaxPathLength characters, counted as Windows counts them (UTF-16 units),
// naming the page or file it comes from. It reads no disk.
func (s *Site) CheckPathLengths(dest string) diag.List {
	var diags diag.List
	dest = strings.TrimRight(strings.ReplaceAll(dest, "\\", "/"), "/")
	outs := make([]string, 0, len(s.byOut))
	for out := range s.byOut {
		outs = append(outs, out)
	}
	sort.Strings(outs)
	for _, out := range outs {
		full := dest + "/" + out
		n := len(utf16.Encode([]rune(full)))
		if n <= MaxPathLength {
			continue
		}
		pos := diag.Pos{File: s.byOut[out]}
		if node, ok := s.byReal[s.byOut[out]]; ok && node.Page != nil {
			pos = node.Page.KeyPos("title")
		}
		diags.Errorf(pos, "give it a shorter slug = \"…\" or file name, lower [permalinks] maxSlugLength, or build into a shorter folder (-d)",
			"the output %s would be %d characters long with the destination; Windows opens at most %d", full, n, MaxPathLength).Vi(
			"đặt slug = \"…\" hoặc tên tệp ngắn hơn, giảm [permalinks] maxSlugLength, hoặc dựng vào thư mục có đường dẫn ngắn hơn (-d)",
			"tệp %s sẽ dài %d ký tự kể cả thư mục đích; Windows chỉ mở được tối đa %d", full, n, MaxPathLength)
	}
	diags.Sort()
	return diags
}
