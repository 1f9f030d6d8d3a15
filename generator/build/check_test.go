package build

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"loa/generator/check"
)

// The proofreader's findings are the build's warnings, and a file that
// did not change is not read again for them.
func TestProofWarnings(t *testing.T) {
	site := fstest.MapFS{
		"config.toml":               {Data: []byte("title = \"Thử\"\n")},
		"content/tin-tuc/a.md":      {Data: []byte("+++\ndate = 2025-01-02\ndescription = \"Sapo.\"\n+++\nHội nghị  tổng kết.\n")},
		"content/tin-tuc/b.md":      {Data: []byte("+++\ntitle = \"Tin\"\ndate = 2025-01-02\ndescription = \"Sapo.\"\n+++\nBình thường.\n")},
		"content/tin-tuc/_index.md": {Data: []byte("+++\ntitle = \"Tin tức\"\n+++\n")},
	}
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	b := New(Options{Site: site, Theme: fstest.MapFS{}, Now: now, Rebuilds: true})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range b.ProofWarnings(plan) {
		got = append(got, d.String())
	}
	want := []string{
		"content/tin-tuc/a.md:1:1: warning: news item without a title: it would be published as “a”, made of its file name [check:title]\n    hint: add title = \"…\" to the front matter, between the +++ lines",
		"content/tin-tuc/a.md:5:9: warning: 2 spaces in a row [check:doubleSpace]\n    hint: keep one space between words",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	first := b.proof.files["content/tin-tuc/b.md"].file
	if first == nil {
		t.Fatal("a builder that rebuilds keeps no reading of b.md")
	}
	site["content/tin-tuc/a.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Tin\"\ndate = 2025-01-02\ndescription = \"Sapo.\"\n+++\nHội nghị tổng kết.\n")}
	plan, _ = b.Assemble()
	if w := b.ProofWarnings(plan); len(w) != 0 {
		t.Errorf("fixed, the site still has warnings: %v", w)
	}
	if b.proof.files["content/tin-tuc/b.md"].file != first {
		t.Error("an unchanged file was proofread again")
	}
	if b.proof.fresh != 1 {
		t.Errorf("a save proofread %d files, not the saved one alone", b.proof.fresh)
	}
}

// The preview starts from the readings a build left in the cache, keeps
// them in memory, and a save proofreads the saved file alone.
func TestProofWarningsServeFromCache(t *testing.T) {
	site, cache := proofCacheSite(), t.TempDir()
	proofSite(t, site, cache) // loa build
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	serve := New(Options{Site: site, Theme: fstest.MapFS{}, Now: now, CacheDir: cache, Rebuilds: true})
	for i, body := range []string{"", "Hoà giải, thuỷ điện, khoẻ mạnh.\n", "Hoà giải  thành.\n"} {
		if body != "" {
			site["content/tin-tuc/b.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Tin\"\n+++\n" + body)}
		}
		var got [2][]check.Finding
		for k, b := range []*Builder{serve, New(Options{Site: site, Theme: fstest.MapFS{}, Now: now})} {
			plan, diags := b.Assemble()
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got[k] = b.Proofread(plan)
		}
		sameFindings(t, fmt.Sprintf("build %d of the preview", i+1), got[0], got[1])
		if want := min(i, 1); serve.proof.fresh != want {
			t.Errorf("build %d of the preview proofread %d files, not %d", i+1, serve.proof.fresh, want)
		}
	}
}
