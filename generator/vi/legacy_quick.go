package vi

import (
	"strings"
	"unicode/utf8"
)

// MayBeLegacy reports whether DetectLegacy could find s in a legacy
// encoding: false is certain (DetectLegacy would say no too), true means
// DetectLegacy has to decide. It is a quick first look for proofreading
// every line of a site, where DetectLegacy weighs every word in three
// encodings: most Vietnamese typed in Unicode has too many words with
// letters Windows-1252 lacks (ạ, ế, ư…) for any reading to win, and most
// other text has too few characters outside ASCII.
//
// It counts, as legacyScore splits them, the words with a letter only
// Unicode has and the words that conversion could change at all (those
// with a character outside ASCII, or a control character VISCII uses): an
// encoding needs two of the latter that read better converted, and at
// least four times as many as the former.
func MayBeLegacy(s string) bool {
	return fewUnicodeOnly(highRunes(s)) && mayBeLegacyWords(s)
}

// MayBeLegacyRuns is MayBeLegacy of the runs joined, each followed by a
// space, as a line of prose cut by its markup reads: a run's words end
// where it does. The runs are joined only when the cheaper bound leaves
// the answer open, which it seldom does for Unicode Vietnamese.
func MayBeLegacyRuns(runs []string) bool {
	high, only := 0, 0
	for _, r := range runs {
		h, o := highRunes(r) // a space after each: its last token ends there
		high, only = high+h, only+o
	}
	if !fewUnicodeOnly(high, only) {
		return false
	}
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r)
		b.WriteByte(' ')
	}
	return mayBeLegacyWords(b.String())
}

// highRunes is MayBeLegacy's cheaper bound, one pass without splitting
// words three ways: a changeable word holds a character outside ASCII, so
// there are at most high of them; every encoding splits at ASCII spaces,
// so a space-separated token with a letter only Unicode has (only counts
// them) is at least one such word in each.
func highRunes(s string) (high, only int) {
	token := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c == ' ' || c == '\t' {
				token = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		high++
		if !token && vietnameseOnly(r) {
			only++
			token = true
		}
	}
	return high, only
}

// fewUnicodeOnly reports whether the bound of highRunes leaves a legacy
// reading possible; typed Unicode Vietnamese ends here.
func fewUnicodeOnly(high, only int) bool {
	return high >= 3 && 4*only <= high // legacyScore wants three changed characters or more
}

// mayBeLegacyWords is the rest of MayBeLegacy, word by word.
func mayBeLegacyWords(s string) bool {
	// One pass over s for the three encodings, which split words apart
	// (× is a letter in TCVN3, a separator in VNI).
	encs := [...]Encoding{TCVN3, VNI, VISCII}
	var st [len(encs)]struct {
		inWord, change, only    bool
		changeable, unicodeWord int
	}
	end := func(i int) {
		w := &st[i]
		if w.change {
			w.changeable++
		}
		if w.only {
			w.unicodeWord++
		}
		w.inWord, w.change, w.only = false, false, false
	}
	for _, r := range s {
		change, only := r >= 0x80 || r < 0x20, vietnameseOnly(r)
		for i, e := range encs {
			w := &st[i]
			if wordSep(r, e) {
				if w.inWord {
					end(i)
				}
				continue
			}
			w.inWord = true
			w.change = w.change || change
			w.only = w.only || only
		}
	}
	for i := range encs {
		if st[i].inWord {
			end(i)
		}
		if st[i].changeable >= 2 && 4*st[i].unicodeWord <= st[i].changeable {
			return true
		}
	}
	return false
}

// vietnameseOnly is hasVietnameseOnly for one character.
func vietnameseOnly(r rune) bool {
	switch {
	case 0x1EA0 <= r && r <= 0x1EF9:
		return true // Windows-1252 has none of Latin Extended Additional
	case 0x0100 <= r && r <= 0x01B0:
		_, ok := latinByte(r)
		return !ok
	}
	return false
}
