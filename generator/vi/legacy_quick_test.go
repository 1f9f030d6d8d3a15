package vi

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// MayBeLegacy never says no where DetectLegacy says yes: over the legacy
// samples and mixtures of them with Unicode Vietnamese, English and
// French words; and it says no to plain Unicode Vietnamese, which is what
// makes it worth having.
func TestMayBeLegacyNeverMissesWhatDetectLegacyFinds(t *testing.T) {
	words := strings.Fields("Ban Vì sự tiến bộ của Phụ nữ tỉnh họp Hội nghị tổng kết café naïve Müller UBND 2023 – “Địa chỉ tin cậy” và là có")
	for _, s := range legacySentences {
		words = append(words, strings.Fields(encodeTCVN3(s))...)
		words = append(words, strings.Fields(encodeVNI(s))...)
		words = append(words, strings.Fields(encodeVISCII(t, s))...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	found := 0
	for i := range 4000 {
		n := 1 + rng.IntN(14)
		var b strings.Builder
		for j := range n {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		s := b.String()
		if i%3 == 0 { // whole sentences of one encoding too
			s = encodeVNI(legacySentences[rng.IntN(len(legacySentences))])
		}
		if _, _, ok := DetectLegacy(s); ok {
			found++
			if !MayBeLegacy(s) {
				t.Fatalf("MayBeLegacy(%q) = false, but DetectLegacy finds it", s)
			}
		}
	}
	if found < 200 {
		t.Errorf("only %d legacy texts among the samples: the test proves little", found)
	}
	for _, s := range []string{
		"Ban Vì sự tiến bộ của Phụ nữ tỉnh Hà Lâm tổ chức hội nghị tổng kết công tác năm 2023.",
		"Sáng 17/2, Ủy ban nhân dân tỉnh họp bàn kế hoạch phòng, chống bạo lực gia đình.",
		"The committee met on Monday.",
	} {
		if MayBeLegacy(s) {
			t.Errorf("MayBeLegacy(%q) = true", s)
		}
	}
}

// vietnameseOnly is a letter of Vietnamese, in the ranges hasVietnameseOnly
// reads, that Windows-1252 cannot write: it answers for Latin Extended
// Additional without asking the code page, and must answer as if it did.
func TestVietnameseOnly(t *testing.T) {
	for r := rune(0); r <= 0x2ffff; r++ {
		_, latin := latinByte(r)
		want := (0x0100 <= r && r <= 0x01B0 || 0x1EA0 <= r && r <= 0x1EF9) && !latin
		if vietnameseOnly(r) != want {
			t.Errorf("vietnameseOnly(%U) = %v, want %v", r, !want, want)
		}
	}
}

// MayBeLegacyRuns answers as MayBeLegacy of the runs joined, each with a
// space after it: runs of legacy text, Unicode and both, cut anywhere,
// mid-character too.
func TestMayBeLegacyRuns(t *testing.T) {
	texts := []string{"Ban Vì sự tiến bộ của Phụ nữ tỉnh họp", "café, naïve, Müller", "UBND 2023 – “Địa chỉ”", "\x05\x02 a\u00d7 \tb"}
	for _, s := range legacySentences {
		texts = append(texts, encodeTCVN3(s), encodeVNI(s), encodeVISCII(t, s), s)
	}
	rng := rand.New(rand.NewPCG(5, 8))
	maybe := 0
	for range 3000 {
		var runs []string
		for range rng.IntN(5) {
			s := texts[rng.IntN(len(texts))]
			i := rng.IntN(len(s) + 1)
			j := i + rng.IntN(len(s)-i+1)
			runs = append(runs, s[i:j])
		}
		var joined strings.Builder
		for _, r := range runs {
			joined.WriteString(r + " ")
		}
		got, want := MayBeLegacyRuns(runs), MayBeLegacy(joined.String())
		if got != want {
			t.Fatalf("MayBeLegacyRuns(%q) = %v, MayBeLegacy of them joined %v", runs, got, want)
		}
		if got {
			maybe++
		}
	}
	if maybe < 100 {
		t.Errorf("only %d lines may be legacy: the test proves little", maybe)
	}
}
