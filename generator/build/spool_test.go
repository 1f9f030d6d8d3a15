package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loa/generator/page"
)

// A page spooled reads back the HTML it had, from the file; one too small
// to be worth a write, or one that cannot be written, stays in memory.
func TestSpool(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pages", "flavor")
	sp := newSpool(dir)
	if sp == nil {
		t.Fatal("no spool in a folder that can be made")
	}
	defer sp.close()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("the spool file is left in the cache folder: %v", entries)
	}
	html := strings.Repeat("<p>Hội nghị triển khai Tháng hành động vì bình đẳng giới.</p>", 40)
	var kept []*page.Page
	for i := range 3 {
		pg := &page.Page{File: "content/tin-tuc/a.md", Content: html + strings.Repeat("!", i)}
		k := sp.keep(pg, [32]byte{byte(i)})
		if !k.IsKept() || !k.ReadsFrom(sp.f) || k.Content != "" {
			t.Fatalf("page %d is not read from the spool", i)
		}
		kept = append(kept, k)
	}
	for i, k := range kept {
		if got, want := k.Body(), html+strings.Repeat("!", i); got != want {
			t.Errorf("page %d reads back %d bytes, not its %d", i, len(got), len(want))
		}
	}
	small := &page.Page{File: "content/a.md", Content: "<p>Ngắn.</p>"}
	if k := sp.keep(small, [32]byte{9}); k != small {
		t.Errorf("a short page was spooled")
	}

	// A spool that cannot be made: the pages are compressed in memory.
	blocked := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocked, nil, 0o644)
	var none *spool = newSpool(filepath.Join(blocked, "pages"))
	if none != nil {
		t.Fatal("a spool under a file")
	}
	pg := &page.Page{File: "content/tin-tuc/a.md", Content: html}
	k := none.keep(pg, [32]byte{1})
	if k.IsKept() || k.Content != "" || k.Body() != html {
		t.Errorf("without a spool the page is not compressed in memory (kept %v, %d bytes held as they are)", k.IsKept(), len(k.Content))
	}
	none.close()
}
