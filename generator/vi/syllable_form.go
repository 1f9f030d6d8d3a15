package vi

import (
	"strings"
	"unicode/utf8"
)

// onsets are the initial consonants of Vietnamese syllables, each
// followed by a space; the empty onset ("ăn", "ông") is not listed.
const onsets = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x "

// vowelClusters are the vowel sequences of Vietnamese rimes, without tones,
// each with whether it ends the syllable ('o': no final consonant may
// follow), needs a final consonant ('c') or takes either ('b').
const vowelClusters = " a:b ă:c â:c e:b ê:b i:b o:b ô:b ơ:b u:b ư:b y:b" +
	" ai:o ao:o au:o ay:o âu:o ây:o eo:o êu:o ia:o iu:o oi:o ôi:o ơi:o ui:o ưi:o ưu:o ua:o ưa:o uơ:o" +
	" iê:c yê:c uô:c ươ:c oă:c uâ:c uyê:c oo:c" +
	" oa:b oe:b uê:b uy:b" +
	" iêu:o yêu:o oai:o oay:o oeo:o uây:o uôi:o ươi:o ươu:o uya:o uyu:o "

// finals are the final consonants, each between spaces; the stops (c, ch,
// p, t) take only the sắc or nặng tone.
const finals = " c ch m n ng nh p t "

// isSyllable reports whether w, any case, is spelled as a Vietnamese
// syllable: an initial consonant, a vowel sequence, a final consonant and at
// most one tone, with the spelling rules of c/k, g/gh and ng/ngh. It knows
// the shape, not the dictionary: "bạnh" passes, "tiõn", "cña" and "Müller"
// do not.
func isSyllable(w string) bool {
	if w == "" {
		return false
	}
	// The letters without their tones: a syllable's fit on the stack.
	var buf [32]byte
	bases := buf[:0]
	tone := toneNone
	for _, r := range strings.ToLower(NFC(w)) {
		if isConsonant(r) {
			bases = utf8.AppendRune(bases, r)
			continue
		}
		base, t, ok := splitVowel(r)
		if !ok || (t != toneNone && tone != toneNone) {
			return false
		}
		if t != toneNone {
			tone = t
		}
		bases = utf8.AppendRune(bases, base)
	}
	b := string(bases)
	// The onsets that begin b, "" among them, are at most four (ngh, ng,
	// n and ""): each is tried, whatever the order.
	for n := range min(len(b), 3) + 1 {
		on := b[:n]
		if !isOnset(on) {
			continue
		}
		if rimeOK(on, b[len(on):], tone) {
			return true
		}
		// gi before a rime of its own i: gì, gìn, giếng is gi + iêng.
		if on == "gi" && (b == on || rimeOK(on, "i"+b[len(on):], tone)) {
			return true
		}
	}
	return false
}

// isConsonant reports whether r is a consonant letter, lower case.
func isConsonant(r rune) bool {
	switch r {
	case 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x':
		return true
	}
	return false
}

// isOnset reports whether s is one of onsets, the empty one too.
func isOnset(s string) bool {
	return s == "" || strings.Contains(" "+onsets, " "+s+" ")
}

// rimeOK reports whether rest (toneless) is a vowel sequence and final
// consonant that may follow the initial on, with tone.
func rimeOK(on, rest string, tone int) bool {
	i := strings.IndexAny(rest, "bcdđghklmnpqrstvx")
	if i < 0 {
		i = len(rest)
	}
	vowels, final := rest[:i], rest[i:]
	if vowels == "" {
		return false
	}
	k := strings.Index(vowelClusters, " "+vowels+":")
	if k < 0 {
		return false
	}
	kind := vowelClusters[k+len(vowels)+2]
	switch {
	case !isFinal(final),
		kind == 'o' && final != "",
		kind == 'c' && final == "":
		return false
	}
	switch final {
	case "c", "ch", "p", "t":
		if tone != toneAcute && tone != toneDot {
			return false
		}
	}
	front := strings.HasPrefix(vowels, "e") || strings.HasPrefix(vowels, "ê") ||
		strings.HasPrefix(vowels, "i") || strings.HasPrefix(vowels, "y")
	switch on {
	case "c", "g", "ng":
		return !front
	case "k", "gh", "ngh":
		return front
	case "qu":
		// The u belongs to qu: "quy", "quê", not "quu".
		return !strings.HasPrefix(vowels, "u")
	}
	return true
}

func isFinal(s string) bool {
	return s == "" || strings.Contains(finals, " "+s+" ")
}
