package site

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"testing"

	"loa/generator/config"
	"loa/generator/page"
)

// TestWriteSumTellsEveryFieldApart: a node's description is the same for
// the same node and differs when anything it describes differs: its own
// fields, its page's, its links' and pictures' (every variant, a problem,
// the original), its terms and its translations.
func TestWriteSumTellsEveryFieldApart(t *testing.T) {
	node := func() *Node {
		pic := &Picture{Width: 1600, Height: 1200, Variants: []Variant{{360, 270, ".webp", "tin/a/anh-360w.webp"}, {800, 600, ".webp", "tin/a/anh-800w.webp"}}}
		file := &File{Name: "content/tin/a/anh.jpg", Size: 123456, Width: 1600, Height: 1200, Out: "tin/a/anh.jpg", Picture: pic}
		n := &Node{Kind: KindSection, Path: "/tin/a/", title: "Tin", Page: &page.Page{File: "content/tin/a/_index.md",
			FrontHash: 42, Summary: "Tóm tắt", WordCount: 70, TOC: []page.Heading{{Level: 2, ID: "mo-dau", Text: "Mở đầu"}}}}
		n.refs = []resolved{{url: "/tin/b/"}, {image: &Image{file: file}}}
		n.images = []*Image{{url: "https://example.vn/anh.png"}}
		n.Terms = map[string][]*Term{"tags": {{Name: "Bình đẳng giới", Node: &Node{Path: "/tags/binh-dang-gioi/"}}}}
		other := &Node{Path: "/en/news/a/", site: &Site{Config: &config.Config{LanguageCode: "en"}}}
		n.translations = []*Node{other}
		return n
	}
	sum := func(n *Node) string {
		var b bytes.Buffer
		n.WriteSum(&b)
		return b.String()
	}
	base := sum(node())
	if sum(node()) != base {
		t.Fatal("the same node sums differently")
	}
	pic := func(n *Node) *Picture { return n.refs[1].image.file.Picture }
	for name, change := range map[string]func(n *Node){
		"kind":             func(n *Node) { n.Kind = KindTerm },
		"path":             func(n *Node) { n.Path = "/tin/b/" },
		"title":            func(n *Node) { n.title = "Tin tức" },
		"hidden":           func(n *Node) { n.hidden = true },
		"page file":        func(n *Node) { n.Page.File = "content/tin/b/_index.md" },
		"front matter":     func(n *Node) { n.Page.FrontHash++ },
		"summary":          func(n *Node) { n.Page.Summary += "." },
		"word count":       func(n *Node) { n.Page.WordCount++ },
		"heading":          func(n *Node) { n.Page.TOC[0].Text = "Kết luận" },
		"heading level":    func(n *Node) { n.Page.TOC[0].Level = 3 },
		"body":             func(n *Node) { n.Page.Content = "<p>Mới</p>" },
		"link":             func(n *Node) { n.refs[0].url = "/tin/c/" },
		"file output":      func(n *Node) { n.refs[1].image.file.Out = "tin/a/anh-2.jpg" },
		"file size":        func(n *Node) { n.refs[1].image.file.Size++ },
		"file shape":       func(n *Node) { n.refs[1].image.file.Width = 1200 },
		"picture size":     func(n *Node) { pic(n).Height = 900 },
		"a variant more":   func(n *Node) { pic(n).Variants = append(pic(n).Variants, Variant{1200, 900, ".webp", "x"}) },
		"variant address":  func(n *Node) { pic(n).Variants[0].Out = "tin/a/anh-360w.jpg" },
		"variant type":     func(n *Node) { pic(n).Variants[1].Ext = ".jpg" },
		"a problem":        func(n *Node) { pic(n).Problem = &Problem{Msg: "too big"} },
		"the original":     func(n *Node) { pic(n).Original = true },
		"no picture":       func(n *Node) { n.refs[1].image.file.Picture = nil },
		"front image":      func(n *Node) { n.images[0].url = "https://example.vn/khac.png" },
		"term name":        func(n *Node) { n.Terms["tags"][0].Name = "Bình đẳng" },
		"term address":     func(n *Node) { n.Terms["tags"][0].Node.Path = "/tags/khac/" },
		"another taxonomy": func(n *Node) { n.Terms["categories"] = nil },
		"translation":      func(n *Node) { n.translations[0].Path = "/en/news/b/" },
		"its language":     func(n *Node) { n.translations[0].site.Config.LanguageCode = "fr" },
	} {
		n := node()
		change(n)
		if sum(n) == base {
			t.Errorf("%s: the sum did not change", name)
		}
	}
}

// BenchmarkWriteSum sums a news item with a picture, two terms and a
// translation, as every cached build does for each node.
func BenchmarkWriteSum(b *testing.B) {
	pic := &Picture{Width: 1600, Height: 1200, Variants: []Variant{{360, 270, ".webp", "tin/a/anh-360w.webp"}, {800, 600, ".webp", "tin/a/anh-800w.webp"}, {1200, 900, ".webp", "tin/a/anh-1200w.webp"}}}
	file := &File{Name: "content/tin/a/anh.jpg", Size: 123456, Width: 1600, Height: 1200, Out: "tin/a/anh.jpg", Picture: pic}
	n := &Node{Kind: KindSection, Path: "/tin-tuc/hoi-nghi-trien-khai/", Page: &page.Page{File: "content/tin-tuc/hoi-nghi-trien-khai.md",
		FrontHash: 42, Summary: strings.Repeat("Ban Vì sự tiến bộ của Phụ nữ tỉnh ", 8), WordCount: 700,
		Content: strings.Repeat("<p>Hội nghị có sự tham dự của đại diện 15 sở, ngành.</p>", 80)}}
	n.refs = []resolved{{url: "/tin/b/"}, {image: &Image{file: file}}}
	n.Terms = map[string][]*Term{"tags": {{Name: "Bình đẳng giới", Node: &Node{Path: "/tags/binh-dang-gioi/"}}},
		"categories": {{Name: "Xã hội", Node: &Node{Path: "/categories/xa-hoi/"}}}}
	h := sha256.New()
	b.ReportAllocs()
	for b.Loop() {
		h.Reset()
		n.WriteSum(h)
	}
}
