package page

import (
	"fmt"
	"strings"
	"testing"
)

// goldmark splits a line's text where an entity, an address or an e-mail
// might start; the proofreader reads the line as one run, at its place.
func TestProofJoinsWhatGoldmarkSplits(t *testing.T) {
	src := "+++\ntitle = \"x\"\n+++\nTỷ lệ đạt 79,4% & cao hơn: lúc 8:30 sáng, thư a@b và www.\nDòng *hai*.\n"
	pr := testParser(t, false).Proof("content/a.md", []byte(src))
	if pr == nil {
		t.Fatal("no proof")
	}
	var texts []string
	for _, x := range pr.Texts {
		texts = append(texts, fmt.Sprintf("%d:%d %d %q", x.Pos.Line, x.Pos.Col, x.Kind, x.Text))
	}
	want := []string{
		`2:10 5 "x"`,
		`4:1 0 "Tỷ lệ đạt 79,4% & cao hơn: lúc 8:30 sáng, thư a@b và www."`,
		`5:1 0 "Dòng "`,
		`5:7 0 "hai"`,
		`5:11 0 "."`,
	}
	if got := strings.Join(texts, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("texts:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
