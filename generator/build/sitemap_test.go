package build

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSitemapSplitsPastTheLimit: a language with more addresses than one
// sitemap may list (50,000; a few here) gets parts of at most that many,
// sitemap-1.xml, sitemap-2.xml, …, that list together what the single
// sitemap listed, in its order; its sitemap.xml becomes their index. On a
// site of several languages the root's index lists every part itself,
// since an index may not list another. Under the limit nothing changes.
func TestSitemapSplitsPastTheLimit(t *testing.T) {
	build := func(dir string, limit int) map[string]string {
		t.Helper()
		out, _ := buildTestdataWith(t, dir, false, func(b *Builder) { b.sitemapMax = limit })
		files := map[string]string{}
		for name, data := range out {
			files[name] = string(data)
		}
		return files
	}
	loc := regexp.MustCompile(`<loc>([^<]*)</loc>`)
	locs := func(xml string) []string {
		var l []string
		for _, m := range loc.FindAllStringSubmatch(xml, -1) {
			l = append(l, m[1])
		}
		return l
	}
	// checkSplit checks the parts of one language's sitemap, sitemap.xml
	// in folder dir ("" or "en/"), against the whole one; it returns the
	// parts' addresses as its index lists them.
	checkSplit := func(whole, split map[string]string, dir string, limit int) []string {
		t.Helper()
		want := locs(whole[dir+"sitemap.xml"])
		parts := (len(want) + limit - 1) / limit
		if parts < 2 {
			t.Fatalf("%ssitemap.xml lists %d addresses: too few to split by %d", dir, len(want), limit)
		}
		index := split[dir+"sitemap.xml"]
		if !strings.Contains(index, "<sitemapindex") || strings.Contains(index, "<urlset") {
			t.Fatalf("%ssitemap.xml is not an index of parts:\n%s", dir, index)
		}
		listed := locs(index)
		if len(listed) != parts {
			t.Errorf("%ssitemap.xml lists %d parts, want %d: %v", dir, len(listed), parts, listed)
		}
		var got []string
		for i := range parts {
			name := fmt.Sprintf("%ssitemap-%d.xml", dir, i+1)
			part, ok := split[name]
			if !ok {
				t.Errorf("%s was not written", name)
				continue
			}
			if i < len(listed) && !strings.HasSuffix(listed[i], "/"+name) {
				t.Errorf("the index lists %s for %s", listed[i], name)
			}
			l := locs(part)
			if !strings.Contains(part, "<urlset") || len(l) == 0 || len(l) > limit {
				t.Errorf("%s lists %d addresses, want 1 to %d", name, len(l), limit)
			}
			got = append(got, l...)
		}
		if !slices.Equal(got, want) {
			t.Errorf("the parts of %ssitemap.xml list\n%v\nwant\n%v", dir, got, want)
		}
		return listed
	}

	whole, split := build("testdata/site", sitemapURLs), build("testdata/site", 4)
	checkSplit(whole, split, "", 4)
	if split["robots.txt"] != whole["robots.txt"] {
		t.Errorf("robots.txt changed: %q", split["robots.txt"]) // it names sitemap.xml, the index now
	}

	whole, split = build("testdata/lang/site", sitemapURLs), build("testdata/lang/site", 2)
	var parts []string
	for _, l := range locs(whole["sitemap.xml"]) { // each language's sitemap, in the root index's order
		dir := l[strings.LastIndex(l[:len(l)-len("/sitemap.xml")], "/")+1 : len(l)-len("sitemap.xml")]
		parts = append(parts, checkSplit(whole, split, dir, 2)...)
	}
	if got := locs(split["sitemap.xml"]); !slices.Equal(got, parts) {
		t.Errorf("the root index lists\n%v\nwant every language's parts\n%v", got, parts)
	}
	for name := range split {
		if _, ok := whole[name]; !ok && !regexp.MustCompile(`^([a-z]+/)?sitemap-\d+\.xml$`).MatchString(name) {
			t.Errorf("%s is written only when split", name)
		}
	}
}
