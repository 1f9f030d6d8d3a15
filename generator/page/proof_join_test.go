package page

import "testing"

// goldmark splits a line's text where an entity, an address or an e-mail
// might start; the proofreader reads the line as one run, at its place.
func TestProofJoinsWhatGoldmarkSplits(t *testing.T) {
	proofTexts(t, "+++\ntitle = \"x\"\n+++\nTỷ lệ đạt 79,4% & cao hơn: lúc 8:30 sáng, thư a@b và www.\nDòng *hai*.\n",
		`2:10 5 "x"`+"\n"+
			`4:1 0 "Tỷ lệ đạt 79,4% & cao hơn: lúc 8:30 sáng, thư a@b và www."`+"\n"+
			`5:1 0 "Dòng "`+"\n"+`5:7 0 "hai"`+"\n"+`5:11 0 "."`)
}
