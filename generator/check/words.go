package check

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"loa/generator/page"
	"loa/generator/vi"
)

// The words of the prose, cut once for the rules that weigh words: tone
// marks (tone.go) and abbreviations (glossary.go).

// word is a run of letters, digits and marks in a text: the syllables of
// Vietnamese, and the abbreviations.
type word struct {
	text  string
	at    int  // its byte offset in the text
	ascii bool // no character outside ASCII: no tone mark, no Đ
}

// appendWords appends the words of s to ws, in order.
func appendWords(ws []word, s string) []word {
	start, ascii := -1, true
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // most of a Vietnamese line, and cheap to decide
			switch in := asciiWordByte(c); {
			case in && start < 0:
				start, ascii = i, true
			case !in && start >= 0:
				ws = append(ws, word{s[start:i], start, ascii})
				start = -1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch in := isWordRune(r); {
		case in && start < 0:
			start, ascii = i, false
		case in:
			ascii = false
		case start >= 0:
			ws = append(ws, word{s[start:i], start, ascii})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		ws = append(ws, word{s[start:], start, ascii})
	}
	return ws
}

// asciiWordByte is isWordRune for a byte of ASCII.
func asciiWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWordByte(byte(r))
	}
	return vi.IsLatinLetter(r) || r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// readWords cuts each run of prose into words once and gives them to the
// rules that weigh words.
func (f *File) readWords(texts []page.Text) {
	longest := 0
	for _, t := range texts {
		longest = max(longest, len(t.Text))
	}
	// Room for the words of the longest run at once: a word of Vietnamese
	// and its space take five bytes or more. The room is used again from
	// file to file (0.85 GB of a 100,000-item build's allocations when
	// each file made its own).
	room := wordRooms.Get().(*wordRoom)
	defer room.put()
	ws := room.words[:0]
	if cap(ws) < longest/5+1 {
		ws = make([]word, 0, longest/5+1)
	}
	abbrs := abbrReader{words: room.abbrs[:0]}
	for _, t := range texts {
		ws = appendWords(ws[:0], t.Text)
		f.readTones(t, ws)
		if t.Kind != page.TextLink { // the names of what a link leads to (UN Women), never explained in place
			f.readAbbrs(t, ws, &abbrs)
		}
	}
	room.words, room.abbrs = ws, abbrs.words
}

// A wordRoom holds the words of a file's runs while readWords weighs them.
type wordRoom struct {
	words []word
	abbrs []abbrWord
}

var wordRooms = sync.Pool{New: func() any { return new(wordRoom) }}

// put gives the room back, holding no text: its words point into the
// file's prose.
func (r *wordRoom) put() {
	clear(r.words[:cap(r.words)])
	clear(r.abbrs[:cap(r.abbrs)])
	wordRooms.Put(r)
}
