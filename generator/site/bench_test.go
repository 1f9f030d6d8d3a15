package site

import (
	"fmt"
	"testing"
	"time"

	"loa/generator/config"
	"loa/generator/page"
)

// BenchmarkAssemble assembles a site of 2,000 news items with 60 tags and 8
// categories: URLs, taxonomies, related pages, pagination and links.
func BenchmarkAssemble(b *testing.B) {
	cfg, d := config.Parse([]byte("title = \"T\"\n"))
	if cfg == nil {
		b.Fatal(d)
	}
	p := page.NewParser(cfg)
	var pages []*page.Page
	for i := 0; i < 2000; i++ {
		src := fmt.Sprintf("+++\ntitle = \"Tin số %d\"\ndate = 2023-01-01T08:00:00+07:00\ncategories = [\"Chuyên mục %d\"]\ntags = [\"thẻ %d\", \"thẻ %d\", \"thẻ %d\"]\n+++\nNội dung [liên quan](tin-%d.md).\n",
			i, i%8, i%60, (i*7)%60, (i*13)%60, (i+1)%2000)
		pg, d := p.Parse(fmt.Sprintf("content/tin-tuc/tin-%d.md", i), []byte(src))
		if pg == nil {
			b.Fatal(d)
		}
		pages = append(pages, pg)
	}
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if _, d := Assemble(Input{Config: cfg, Pages: pages, Now: now}); d.HasErrors() {
			b.Fatal(d)
		}
	}
}
