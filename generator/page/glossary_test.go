package page

import (
	"os"
	"testing"
)

// The first use of each abbreviation in the body, outside headings, links,
// pictures and code, is explained; the golden file holds the HTML.
func TestGlossaryGolden(t *testing.T) {
	g := Glossary{
		"UBND":    "Ủy ban nhân dân",
		"BĐG":     "bình đẳng giới",
		"VSTBCPN": "Vì sự tiến bộ của Phụ nữ",
		"HĐND":    `Hội đồng "nhân dân" <tỉnh>`,
		"LHQ":     "Liên Hợp Quốc",
	}
	src, err := os.ReadFile("testdata/glossary/page.md")
	if err != nil {
		t.Fatal(err)
	}
	pg, diags := testParser(t, false).WithGlossary(g).Parse("content/tin-tuc/a.md", src)
	if pg == nil || diags.HasErrors() {
		t.Fatal(diags)
	}
	golden := "testdata/glossary/page.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(pg.Content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := os.ReadFile(golden)
	if pg.Content != string(want) {
		t.Errorf("content differs from %s:\n%s", golden, pg.Content)
	}
	// Without a glossary, nothing is marked; the summary and word count
	// never see the marks.
	plain, _ := testParser(t, false).Parse("content/tin-tuc/a.md", src)
	if plain.Summary != pg.Summary || plain.WordCount != pg.WordCount {
		t.Errorf("summary or words changed: %q / %q", plain.Summary, pg.Summary)
	}
	if g.Sum() == (Glossary{"UBND": "Ủy ban nhân dân"}).Sum() || (Glossary{}).Sum() != 0 {
		t.Error("Sum does not tell glossaries apart")
	}
}
