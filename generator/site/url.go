package site

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"loa/generator/diag"
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
		if s := vi.Slugify(p); s != "" {
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

// placeNodes gives the home, every section and every page its output path,
// and reports two things published at one path.
func (s *Site) placeNodes() diag.List {
	var diags diag.List
	s.Home.Path = ""
	for _, sec := range s.Sections {
		sec.Path = slugPath(sec.dir) + "/"
		if sec.Page != nil && sec.Page.URL != "" {
			sec.Path = cleanURL(sec.Page.URL)
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
	return base + p.SlugOrName() + "/"
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
		":slug", p.SlugOrName(),
		":title", vi.Slugify(p.Title),
		":filename", vi.Slugify(p.Name),
	)
	return cleanURL(r.Replace(pat))
}

// placeFiles decides where each file is published: a file of a page bundle
// beside its page (which may have another address than its folder), any
// other content file at its path, a static file at its path below static/.
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
		switch {
		case strings.HasPrefix(f.Name, "content/"):
			rel := strings.TrimPrefix(f.Name, "content/")
			f.Out = slugPath(path.Dir(rel)) + "/" + path.Base(rel)
			if path.Dir(rel) == "." {
				f.Out = path.Base(rel)
			}
			for dir := path.Dir(rel); dir != "." && dir != ""; dir = path.Dir(dir) {
				if b, ok := bundles[dir]; ok {
					f.Out = strings.TrimSuffix(b.Path, "/") + "/" + strings.TrimPrefix(rel, dir+"/")
					switch {
					case b.Page.Params["headless"] == true:
						// Other pages show a headless bundle's files, as
						// in Hugo: they go out at the bundle's folder.
						f.Out = slugPath(dir) + "/" + strings.TrimPrefix(rel, dir+"/")
					case !b.Published():
						f.Out = "" // the files of an unpublished page stay unpublished
					}
					break
				}
			}
			s.files[f.Name] = &f
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
			from := outFile(cleanURL(a))
			if from == "index.html" {
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
	return diags
}
