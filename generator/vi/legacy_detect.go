package vi

import (
	"strings"
	"unicode"
)

// DetectLegacy reports whether s looks like Vietnamese typed in a legacy
// encoding and read as Windows-1252 (e.g. "Ban V× sù tiÕn bé cña Phô n÷"),
// which one, and s converted.
//
// It weighs each encoding by the words it changes: a word counts for it when
// its conversion is a Vietnamese syllable and the word as written is not
// ("tiÕn" → "tiến"), and against it the other way round ("tôi" → "tụi" is
// neither). An encoding is chosen only when several words and characters
// speak for it, nearly none against, and most words of the converted text
// are Vietnamese syllables; so Unicode Vietnamese, English, French or
// German with accents (café, naïve, Müller) and code are left alone.
func DetectLegacy(s string) (enc Encoding, converted string, ok bool) {
	if isASCII(s) {
		return Unicode, s, false
	}
	best, bestScore := Unicode, 0
	for _, e := range []Encoding{TCVN3, VNI, VISCII} {
		if score := legacyScore(s, e); score > bestScore {
			best, bestScore = e, score
		}
	}
	if best == Unicode {
		return Unicode, s, false
	}
	return best, convert(s, best), true
}

func convert(s string, e Encoding) string {
	switch e {
	case TCVN3:
		return FromTCVN3(s)
	case VNI:
		return FromVNI(s)
	case VISCII:
		return FromVISCII(s)
	}
	return s
}

// legacyScore returns how many words speak for reading s in e, or 0 when e
// is not a plausible reading at all.
func legacyScore(s string, e Encoding) int {
	var forE, against, unicodeWords, words, good, changedChars int
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return wordSep(r, e) }) {
		c := convert(w, e)
		is := isSyllable(c)
		if c != w {
			changedChars += changedRunes(w, c)
			was := isSyllable(w)
			switch {
			case is && !was:
				forE++
			case was && !is:
				against++
			}
		}
		if hasVietnameseOnly(w) {
			unicodeWords++
		}
		if countable(c) {
			words++
			if is {
				good++
			}
		}
	}
	if forE < 2 || changedChars < 3 || 3*against >= forE || 4*unicodeWords > forE ||
		words == 0 || 10*good < 7*words {
		return 0
	}
	return forE
}

// wordSep splits words for legacyScore: spaces and punctuation, except the
// punctuation and symbols e uses as letters (× is ì in TCVN3).
func wordSep(r rune, e Encoding) bool {
	if IsLatinLetter(r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
		return false
	}
	if r < 0x80 {
		return true
	}
	var c rune
	switch e {
	case TCVN3:
		c = tcvn3Rune(r)
	case VISCII:
		c = visciiRune(r)
	}
	return c == r || !unicode.IsLetter(c)
}

// changedRunes counts the characters of w that conversion replaced, roughly:
// the runes of w that are not in c.
func changedRunes(w, c string) int {
	n := 0
	for _, r := range w {
		if r >= 0x80 && !strings.ContainsRune(c, r) {
			n++
		}
	}
	return n
}

// countable reports whether w is a word the plausibility share counts:
// words with digits and upper-case abbreviations (UBND, UNICEF) are not.
func countable(w string) bool {
	letters, upper := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && !(letters > 1 && upper == letters)
}

// hasVietnameseOnly reports whether w has a letter that Windows-1252 lacks
// (ă, đ, ơ, ư, ạ…): text that has one was typed in Unicode.
func hasVietnameseOnly(w string) bool {
	for _, r := range w {
		if vietnameseOnly(r) {
			return true
		}
	}
	return false
}
