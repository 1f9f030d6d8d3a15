package site

import (
	"path"
	"strconv"
	"strings"
	"testing"
	"time"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
)

// fixture parses inline content files and assembles them at a fixed time.
func fixture(t *testing.T, cfgSrc string, files map[string]string, extra ...File) (*Site, []string) {
	t.Helper()
	s, diags := Assemble(input(t, "title = \"T\"\nbaseURL = \"https://example.gov.vn/ban/\"\n"+cfgSrc, files, extra))
	return s, messages(diags)
}

// input parses the config and the inline content files into what
// Assemble takes, as of 29/11/2026 10:00 in the site's zone.
func input(t *testing.T, cfgSrc string, files map[string]string, extra []File) Input {
	t.Helper()
	cfg, d := config.Parse([]byte(cfgSrc))
	if cfg == nil {
		t.Fatal(d)
	}
	p := page.NewParser(cfg)
	var pages []*page.Page
	for name, src := range files {
		pg, d := p.Parse(name, []byte(src))
		if pg == nil {
			t.Fatal(d)
		}
		pages = append(pages, pg)
	}
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, cfg.Location)
	return Input{Config: cfg, Pages: pages, Files: extra, Now: now}
}

func messages(diags diag.List) []string {
	var msgs []string
	for _, e := range diags {
		msgs = append(msgs, e.String())
	}
	return msgs
}

func paths(nodes []*Node) string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.RelPermalink())
	}
	return strings.Join(out, " ")
}

func TestURLs(t *testing.T) {
	s, errs := fixture(t, "[permalinks]\nsu-kien = \"/:section/:year/:month/:slug/\"\n", map[string]string{
		"content/Sự kiện Đắk Lắk/Hội nghị.md":  "+++\ndate = 2023-02-17\n+++\n",
		"content/tin-tuc/b/index.md":           "+++\nslug = \"Bài B\"\ndate = 2023-02-16\n+++\n",
		"content/su-kien/c.md":                 "+++\ndate = 2024-03-08\n+++\n",
		"content/gioi-thieu.md":                "+++\nurl = \"/ve-chung-toi\"\n+++\n",
		"content/tin-tuc/_index.md":            "+++\ntitle = \"Tin tức\"\n+++\n",
		"content/tin-tuc/su-kien-noi-bat/d.md": "+++\ndate = 2020-01-01\n+++\n",
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := map[string]string{}
	for _, n := range s.Pages {
		got[n.File()] = n.RelPermalink()
	}
	want := map[string]string{
		"content/Sự kiện Đắk Lắk/Hội nghị.md":  "/ban/su-kien-dak-lak/hoi-nghi/",
		"content/tin-tuc/b/index.md":           "/ban/tin-tuc/bai-b/",
		"content/su-kien/c.md":                 "/ban/su-kien/2024/03/c/",
		"content/gioi-thieu.md":                "/ban/ve-chung-toi/",
		"content/tin-tuc/su-kien-noi-bat/d.md": "/ban/tin-tuc/su-kien-noi-bat/d/",
	}
	for f, w := range want {
		if got[f] != w {
			t.Errorf("%s: %s, want %s", f, got[f], w)
		}
	}
	if n, _ := s.NodeByFile("content/su-kien/c.md"); n.Permalink() != "https://example.gov.vn/ban/su-kien/2024/03/c/" {
		t.Errorf("permalink %s", n.Permalink())
	}
}

func TestDuplicateURLIsAnErrorAtTheKey(t *testing.T) {
	_, errs := fixture(t, "", map[string]string{
		"content/a.md": "+++\ntitle = \"A\"\nurl = \"/x/\"\n+++\n",
		"content/b.md": "+++\ntitle = \"B\"\nurl = \"/x/\"\n+++\n",
	})
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/b.md:3:1: two pages are published at /ban/x/: content/a.md and content/b.md") {
		t.Errorf("errors %q", errs)
	}
}

func TestLinksResolveOrFail(t *testing.T) {
	s, errs := fixture(t, "", map[string]string{
		"content/tin-tuc/a/index.md":   "[b](../b.md) [ảnh](anh.jpg) [logo](/images/logo.svg) [mục](../../gioi-thieu/) [nháp](../nhap.md) [thiếu](../khong.md)\n",
		"content/tin-tuc/b.md":         "+++\nslug = \"bai-b\"\n+++\n",
		"content/tin-tuc/nhap.md":      "+++\ndraft = true\n+++\n",
		"content/gioi-thieu/_index.md": "+++\ntitle = \"Giới thiệu\"\n+++\n",
	}, File{Name: "content/tin-tuc/a/anh.jpg"}, File{Name: "static/images/logo.svg"})
	n, _ := s.NodeByFile("content/tin-tuc/a/index.md")
	for _, w := range []string{`href="/ban/tin-tuc/bai-b/"`, `href="/ban/tin-tuc/a/anh.jpg"`, `href="/ban/images/logo.svg"`, `href="/ban/gioi-thieu/"`} {
		if !strings.Contains(n.Content(), w) {
			t.Errorf("lacks %s in %s", w, n.Content())
		}
	}
	if len(errs) != 2 || !strings.Contains(errs[0], "1:79: link to \"../nhap.md\": that page is not published") ||
		!strings.Contains(errs[1], "1:98: link to \"../khong.md\": no such file") {
		t.Errorf("errors %q", errs)
	}
}

func TestTaxonomiesMergeSpellingsAndSortVietnamese(t *testing.T) {
	s, _ := fixture(t, "", map[string]string{
		"content/a.md": "+++\ntags = [\"Bình đẳng giới\", \"Đắk Lắk\"]\ndate = 2023-01-01\n+++\n",
		"content/b.md": "+++\ntags = [\"bình đẳng giới\", \"Dân tộc\"]\ndate = 2023-01-02\n+++\n",
		"content/c.md": "+++\ntags = [\"An toàn\"]\ndate = 2023-01-03\n+++\n",
	})
	tags := s.Taxonomy("tags")
	var names []string
	for _, term := range tags.Terms {
		names = append(names, term.Name)
	}
	if got := strings.Join(names, ", "); got != "An toàn, Bình đẳng giới, Dân tộc, Đắk Lắk" {
		t.Errorf("terms %s", got)
	}
	if tags.Terms[1].Count() != 2 || paths(tags.Terms[1].Pages) != "/ban/b/ /ban/a/" {
		t.Errorf("binh-dang-gioi has %s", paths(tags.Terms[1].Pages))
	}
}

func TestRelatedPrevNextAndPagination(t *testing.T) {
	files := map[string]string{}
	for i, tags := range []string{`["x","y"]`, `["x"]`, `["y"]`, `["z"]`, `["x","y"]`, `["x"]`, `["x"]`, `["x"]`} {
		files["content/tin/p"+string(rune('0'+i))+".md"] = "+++\ndate = 2023-01-0" + string(rune('1'+i)) + "\ntags = " + tags + "\n+++\n"
	}
	s, _ := fixture(t, "pagerSize = 3\n", files)
	p0, _ := s.NodeByFile("content/tin/p0.md")
	// p4 shares two tags; then newest first among those sharing one.
	if got := paths(p0.Related); got != "/ban/tin/p7/ /ban/tin/p6/ /ban/tin/p5/ /ban/tin/p4/ /ban/tin/p2/" {
		t.Errorf("related of p0: %s", got)
	}
	p3, _ := s.NodeByFile("content/tin/p3.md")
	if len(p3.Related) != 0 || p3.Prev.File() != "content/tin/p2.md" || p3.Next.File() != "content/tin/p4.md" {
		t.Errorf("p3: related %s prev %v next %v", paths(p3.Related), p3.Prev.File(), p3.Next.File())
	}
	// Stable numbering: the three newest first, then the oldest three
	// at page/1/ and the two left over at page/2/.
	if got := pagerPaths(s.Sections[0].Pagers); got != "/ban/tin/[p7 p6 p5] /ban/tin/page/2/[p4 p3] /ban/tin/page/1/[p2 p1 p0]" {
		t.Errorf("stable pagers %s", got)
	}
	s, _ = fixture(t, "pagerSize = 3\n[pagination]\nstable = false\n", files)
	if got := pagerPaths(s.Sections[0].Pagers); got != "/ban/tin/[p7 p6 p5] /ban/tin/page/2/[p4 p3 p2] /ban/tin/page/3/[p1 p0]" {
		t.Errorf("pagers numbered from the newest %s", got)
	}
}

// pagerPaths shows pagers as their address and their pages' names.
func pagerPaths(ps []*Pager) string {
	var out []string
	for _, p := range ps {
		var names []string
		for _, n := range p.Pages {
			names = append(names, path.Base(n.Path))
		}
		out = append(out, p.RelPermalink()+"["+strings.Join(names, " ")+"]")
	}
	return strings.Join(out, " ")
}

func TestFirstImage(t *testing.T) {
	s, errs := fixture(t, "", map[string]string{
		"content/a/index.md": "Chữ\n\n![Ảnh](anh.jpg)\n\n![Ảnh 2](/images/b.jpg)\n",
		"content/b.md":       "Không có ảnh\n",
	}, File{Name: "content/a/anh.jpg"}, File{Name: "static/images/b.jpg"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	a, _ := s.NodeByFile("content/a/index.md")
	b, _ := s.NodeByFile("content/b.md")
	if a.FirstImage() != "https://example.gov.vn/ban/a/anh.jpg" || b.FirstImage() != "" {
		t.Errorf("first images %q %q", a.FirstImage(), b.FirstImage())
	}
}

func TestPagerWindow(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 10; i++ {
		files["content/tin/p"+string(rune('0'+i))+".md"] = "x"
	}
	show := func(ps []*Pager) string {
		var out []string
		for _, p := range ps {
			switch {
			case p == nil:
				out = append(out, "…")
			case p.IsFirst():
				out = append(out, "F")
			default:
				out = append(out, strconv.Itoa(p.Number))
			}
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		cfg  string
		want []string // the windows of the pagers, newest first
	}{
		{"pagerSize = 1\n", []string{"F 9 … 1", "F 9 8 … 1", "F 9 8 7 … 1", "F … 8 7 6 … 1", "F … 7 6 5 … 1",
			"F … 6 5 4 … 1", "F … 5 4 3 … 1", "F … 4 3 2 1", "F … 3 2 1", "F … 2 1"}},
		{"pagerSize = 1\n[pagination]\nstable = false\n", []string{"F 2 … 10", "F 2 3 … 10", "F 2 3 4 … 10", "F … 3 4 5 … 10", "F … 4 5 6 … 10",
			"F … 5 6 7 … 10", "F … 6 7 8 … 10", "F … 7 8 9 10", "F … 8 9 10", "F … 9 10"}},
	} {
		s, _ := fixture(t, tc.cfg, files)
		for i, p := range s.Sections[0].Pagers {
			if got := show(p.Window()); got != tc.want[i] {
				t.Errorf("%q: window of pager %d: %s, want %s", tc.cfg, i, got, tc.want[i])
			}
		}
	}
}

// TestBundlesAsInHugo: a headless bundle is not published and its
// Markdown files are resources, as are Markdown files beside a leaf
// bundle's index.md; no page and no section comes of them.
func TestBundlesAsInHugo(t *testing.T) {
	s, errs := fixture(t, "", map[string]string{
		"content/homepage/index.md":    "+++\nheadless = true\n+++\n",
		"content/homepage/about.md":    "+++\ntitle = \"Giới thiệu\"\n+++\n",
		"content/homepage/work.md":     "+++\ntitle = \"Công việc\"\n+++\n",
		"content/tin-tuc/a/index.md":   "+++\ntitle = \"A\"\n+++\n",
		"content/tin-tuc/a/ghi-chu.md": "+++\ntitle = \"Ghi chú\"\n+++\n",
		"content/tin-tuc/b.md":         "+++\ntitle = \"B\"\n+++\n",
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := paths(s.Pages); got != "/ban/tin-tuc/a/ /ban/tin-tuc/b/" && got != "/ban/tin-tuc/b/ /ban/tin-tuc/a/" {
		t.Errorf("pages %s, want only the two news items", got)
	}
	if got := paths(s.Sections); got != "/ban/tin-tuc/" {
		t.Errorf("sections %s, want only tin-tuc", got)
	}
}

// TestSectionAndPageAtOneAddress names both sources.
func TestSectionAndPageAtOneAddress(t *testing.T) {
	_, errs := fixture(t, "", map[string]string{
		"content/gioi-thieu/a.md": "+++\ntitle = \"A\"\n+++\n",
		"content/trang.md":        "+++\ntitle = \"Trang\"\nurl = \"/gioi-thieu/\"\n+++\n",
	})
	if len(errs) != 1 || !strings.Contains(errs[0], "two pages are published at /ban/gioi-thieu/: content/gioi-thieu/ (a section without _index.md) and content/trang.md") {
		t.Errorf("errors %q", errs)
	}
}

// TestLinksByAddress: editors copy addresses from the browser. A path of
// the site, with or without its last slash, and a full address on the
// site's base URL lead to what is published there and are written as
// relative addresses; a missing one is an error whose hint names the
// nearest published address; a #fragment must name a heading there.
func TestLinksByAddress(t *testing.T) {
	s, errs := fixture(t, "", map[string]string{
		"content/tin-tuc/a.md": "Xem [luật](/ban/van-ban/luat-binh-dang-gioi/), [không gạch](/ban/van-ban/luat-binh-dang-gioi), " +
			"[đầy đủ](https://example.gov.vn/ban/van-ban/luat-binh-dang-gioi/#dieu-1), [từ khoá](/ban/tags/bao-luc/), " +
			"[cũ](/ban/tin-cu/luat/) và [sai](/ban/van-ban/luat-binh-dang-gio/) [mục](/ban/van-ban/luat-binh-dang-gioi/#khong-co).\n",
		"content/van-ban/luat-binh-dang-gioi.md": "+++\ntitle = \"Luật Bình đẳng giới\"\ntags = [\"Bạo lực\"]\naliases = [\"/tin-cu/luat/\"]\n+++\n## Điều 1\n",
	})
	n, _ := s.NodeByFile("content/tin-tuc/a.md")
	for _, w := range []string{`href="/ban/van-ban/luat-binh-dang-gioi/">luật`, `href="/ban/van-ban/luat-binh-dang-gioi/">không gạch`,
		`href="/ban/van-ban/luat-binh-dang-gioi/#dieu-1">đầy đủ`, `href="/ban/tags/bao-luc/">từ khoá`, `href="/ban/van-ban/luat-binh-dang-gioi/">cũ`} {
		if !strings.Contains(n.Content(), w) {
			t.Errorf("lacks %s in %s", w, n.Content())
		}
	}
	if len(errs) != 2 ||
		!strings.HasPrefix(errs[0], `content/tin-tuc/a.md:1:228: link to "/ban/van-ban/luat-binh-dang-gio/": nothing is published at that address`) ||
		!strings.Contains(errs[0], "the nearest published address is /ban/van-ban/luat-binh-dang-gioi/") ||
		!strings.HasPrefix(errs[1], `content/tin-tuc/a.md:1:268: warning: link to "/ban/van-ban/luat-binh-dang-gioi/#khong-co": content/van-ban/luat-binh-dang-gioi.md has no heading #khong-co`) ||
		!strings.Contains(errs[1], "its headings are #dieu-1") {
		t.Errorf("diagnostics:\n%s", strings.Join(errs, "\n"))
	}
}

// TestResources: a bundle's files as Hugo layouts see them, with the
// names, titles and params of `resources` front matter.
func TestResources(t *testing.T) {
	s, errs := fixture(t, "", map[string]string{
		"content/tin-tuc/a/index.md": "+++\ntitle = \"A\"\n[[resources]]\nsrc = \"anh/*.jpg\"\ntitle = \"Ảnh hội nghị\"\n[resources.params]\ntacGia = \"Thu Hà\"\n[[resources]]\nsrc = \"to-roi.pdf\"\nname = \"tai-lieu\"\n+++\n",
	}, File{Name: "content/tin-tuc/a/anh/1.jpg", Picture: &Picture{Width: 800, Height: 600, Variants: []Variant{{Width: 480, Height: 360, Ext: ".jpg"}, {Width: 800, Height: 600, Ext: ".jpg"}}}},
		File{Name: "content/tin-tuc/a/to-roi.pdf"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	n, _ := s.NodeByFile("content/tin-tuc/a/index.md")
	rs := n.Resources()
	if len(rs) != 2 {
		t.Fatalf("resources %v", rs)
	}
	img := rs.ByType("image")
	if len(img) != 1 || img[0].Title != "Ảnh hội nghị" || img[0].Params["tacGia"] != "Thu Hà" || img[0].MediaType() != "image/jpeg" {
		t.Errorf("image resource %+v", img)
	}
	// Nothing shows the picture: its original goes out, cleaned.
	if u := img[0].RelPermalink(); u != "/ban/tin-tuc/a/anh/1.jpg" {
		t.Errorf("picture address %s", u)
	}
	if pdf := rs.GetMatch("tai-*"); pdf == nil || pdf.RelPermalink() != "/ban/tin-tuc/a/to-roi.pdf" || pdf.ResourceType() != "application" {
		t.Errorf("pdf resource %+v", pdf)
	}
}

func TestGetPage(t *testing.T) {
	s, errs := fixture(t, "", map[string]string{
		"content/homepage/index.md":      "+++\nheadless = true\n+++\n",
		"content/van-ban/luat.md":        "+++\ntitle = \"Luật\"\n+++\n",
		"content/van-ban/nhap.md":        "+++\ntitle = \"Nháp\"\ndraft = true\n+++\n",
		"content/tin-tuc/a/index.md":     "+++\ntitle = \"A\"\n+++\n",
		"content/chien-dich/x/_index.md": "+++\ntitle = \"X\"\n+++\n",
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for ref, want := range map[string]string{
		"/van-ban/luat": "content/van-ban/luat.md", "van-ban/luat.md": "content/van-ban/luat.md",
		"/homepage": "content/homepage/index.md", "tin-tuc/a": "content/tin-tuc/a/index.md",
		"/chien-dich/x/": "content/chien-dich/x/_index.md", "/van-ban/nhap": "", "/khong-co": "",
	} {
		got := ""
		if n := s.GetPage(ref); n != nil {
			got = n.File()
		}
		if got != want {
			t.Errorf("GetPage(%q) = %q, want %q", ref, got, want)
		}
	}
	if s.GetPage("/") != s.Home || s.GetPage("/tin-tuc") == nil {
		t.Error("home or section not found")
	}
}
