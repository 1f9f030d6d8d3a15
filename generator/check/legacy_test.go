package check

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/vi"
)

// readLegacy asks MayBeLegacy of a line's single run without the space
// joinRuns writes after it: the answer must be the same.
func TestMayBeLegacyAfterASpace(t *testing.T) {
	lines := []string{
		"", " ", "Hội nghị tổng kết", "Ban V\u00d7 s\u00f9 ti\u00d5n b\u00e9 c\u00f1a Ph\u00f4 n\u00f7",
		"TrËn ®Êu r\u00adîu lÇn nµy ng\u00ad¬i ph¶i uèng", "Ho\u00e4i ngh\u00f2 to\u00e5ng ke\u00e1t co\u00e2ng ta\u00f9c",
		"Ban V\u00ec s\u00f1 ti\u00aan b\u00b5 c\u00fca Ph\u00f8 n\u00e6", "café, naïve, Müller", "V\u00d7", "V\u00d7 s\u00f9\t", "\x05\x02 a\u00d7",
	}
	maybe := 0
	for _, s := range lines {
		for _, line := range []string{s, strings.ToUpper(s), s + "\t", s + " "} {
			alone, spaced := vi.MayBeLegacy(line), vi.MayBeLegacy(line+" ")
			if alone != spaced {
				t.Errorf("MayBeLegacy(%q) = %v, but with a space after it %v", line, alone, spaced)
			}
			if alone {
				maybe++
			}
		}
	}
	if maybe == 0 {
		t.Error("no line may be legacy")
	}
}

// lineRuns groups runs by line as a map would, in whatever order they come.
func TestLineRuns(t *testing.T) {
	lines := []int{2, 4, 6, 6, 6, 8, 10, 10}
	var texts []page.Text
	for i, n := range lines {
		texts = append(texts, page.Text{Pos: diag.Pos{Line: n, Col: i + 1}, Text: string(rune('a' + i))})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		if got, want := lineRuns(texts), lineRunsByMap(texts); !reflect.DeepEqual(got, want) {
			t.Fatalf("lineRuns(%v) = %v, want %v", texts, got, want)
		}
		rng.Shuffle(len(texts), func(i, j int) { texts[i], texts[j] = texts[j], texts[i] })
	}
	if got := lineRuns(nil); len(got) != 0 {
		t.Errorf("lineRuns(nil) = %v", got)
	}
}
