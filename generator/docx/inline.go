package docx

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// style of inline text in Markdown: bold is strong emphasis; italic and
// underline (which the web keeps for links) are emphasis; strike is
// strikethrough.
type mark uint8

const (
	strong mark = 1 << iota
	em
	del
)

func marksOf(in Inline, noBold bool) mark {
	var m mark
	if in.Bold && !noBold {
		m |= strong
	}
	if in.Italic || in.Underline {
		m |= em
	}
	if in.Strike {
		m |= del
	}
	return m
}

// inlineOpts tell how a paragraph's inlines are written.
type inlineOpts struct {
	noBold bool // headings are bold already
	cell   bool // in a table cell, heading or note: one line
}

// inlines writes a paragraph's inlines as Markdown text: emphasis, links,
// footnote references, pictures and line breaks.
func (c *converter) inlines(ins []Inline, o inlineOpts) string {
	w := &inlineWriter{c: c, o: o, lineStart: true}
	items := splitSpace(ins)
	for i := 0; i < len(items); {
		link := items[i].Link
		j := i + 1
		for j < len(items) && items[j].Link == link {
			j++
		}
		if target, ok := c.linkTarget(link); ok {
			w.closeAll()
			w.raw("[")
			w.run(items[i:j])
			w.closeAll()
			w.raw("](" + target + ")")
		} else {
			w.run(items[i:j])
		}
		i = j
	}
	w.closeAll()
	return strings.TrimSpace(w.b.String())
}

// splitSpace normalises the inlines' text (runs of white space become one
// space) and puts the white space at either end of formatted text into
// plain inlines of its own, since emphasis may not start or end with a
// space: "**bold** text", not "**bold **text".
func splitSpace(ins []Inline) []Inline {
	var out []Inline
	for _, in := range ins {
		if in.Kind != Text {
			out = append(out, in)
			continue
		}
		s := collapseSpace(in.Text)
		core := strings.TrimSpace(s)
		if core == "" {
			if s != "" {
				out = append(out, Inline{Kind: Text, Text: " ", Link: in.Link})
			}
			continue
		}
		if strings.HasPrefix(s, " ") {
			out = append(out, Inline{Kind: Text, Text: " ", Link: in.Link})
		}
		in.Text = core
		out = append(out, in)
		if strings.HasSuffix(s, " ") {
			out = append(out, Inline{Kind: Text, Text: " ", Link: in.Link})
		}
	}
	return out
}

func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || unicode.Is(unicode.Cc, r) || r == '\u200b' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

type inlineWriter struct {
	c         *converter
	o         inlineOpts
	b         strings.Builder
	open      []mark
	lineStart bool
}

// run writes inlines that share one link.
func (w *inlineWriter) run(items []Inline) {
	for k, in := range items {
		switch in.Kind {
		case Text:
			want := marksOf(in, w.o.noBold)
			if in.Text == " " {
				// Plain space: keep what is open only if the next text
				// wants it too.
				want = w.current() & w.nextMarks(items[k+1:])
			}
			w.setMarks(want)
			w.text(in.Text)
		case Break:
			if w.o.cell {
				w.text(" ")
				continue
			}
			w.closeAll()
			if !w.lineStart {
				w.raw("\\\n")
				w.lineStart = true
			}
		case Picture:
			w.closeAll()
			if md := w.c.picture(in.Image, false); md != "" {
				w.raw(md)
			}
		case NoteRef:
			if n := w.c.noteNumber(in.Note); n != "" {
				w.raw("[^" + n + "]")
			}
		}
	}
}

func (w *inlineWriter) nextMarks(rest []Inline) mark {
	for _, in := range rest {
		if in.Kind == Text && in.Text != " " {
			return marksOf(in, w.o.noBold)
		}
		if in.Kind == Break || in.Kind == Picture {
			return 0
		}
	}
	return 0
}

func (w *inlineWriter) current() mark {
	var m mark
	for _, o := range w.open {
		m |= o
	}
	return m
}

// setMarks closes and opens emphasis so that exactly want is open.
func (w *inlineWriter) setMarks(want mark) {
	// Close from the innermost down to the first mark not wanted.
	for i, o := range w.open {
		if want&o == 0 {
			for j := len(w.open) - 1; j >= i; j-- {
				w.raw(markString(w.open[j]))
			}
			w.open = w.open[:i]
			break
		}
	}
	have := w.current()
	for _, m := range []mark{strong, em, del} { // opened in this order
		if want&m != 0 && have&m == 0 {
			w.raw(markString(m))
			w.open = append(w.open, m)
		}
	}
}

func (w *inlineWriter) closeAll() { w.setMarks(0) }

func markString(m mark) string {
	switch m {
	case strong:
		return "**"
	case em:
		return "*"
	}
	return "~~"
}

func (w *inlineWriter) raw(s string) {
	w.b.WriteString(s)
	if s != "" {
		w.lineStart = strings.HasSuffix(s, "\n")
	}
}

// text writes text, escaped.
func (w *inlineWriter) text(s string) {
	if w.lineStart {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			return
		}
		s = escapeText(s, w.o.cell)
		if len(w.open) == 0 {
			s = escapeLineStart(s)
		}
		w.b.WriteString(s)
		w.lineStart = false
		return
	}
	w.b.WriteString(escapeText(s, w.o.cell))
	w.lineStart = false
}

// escapeText escapes what Markdown (and Loa's shortcodes) would read as
// syntax in ordinary text.
func escapeText(s string, cell bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '*', '_', '`', '[', ']', '<', '~', '|':
			b.WriteByte('\\')
		case '&':
			if entityLike(s[i+1:]) {
				b.WriteByte('\\')
			}
		case '%':
			if strings.HasSuffix(b.String(), "{{") {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// entityLike reports whether s (after an &) reads as an HTML entity.
func entityLike(s string) bool {
	for i := 0; i < len(s) && i < 32; i++ {
		c := s[i]
		switch {
		case c == ';':
			return i > 0
		case c == '#' && i == 0, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return false
		}
	}
	return false
}

// escapeLineStart escapes a line's first characters where Markdown would
// read a heading, quote, list item or rule: "- a", "+ a", "# a", "> a",
// "2023. Năm", "1) a", "===".
func escapeLineStart(s string) string {
	switch s[0] {
	case '#', '>', '=':
		return `\` + s
	case '-', '+':
		if len(s) == 1 || s[1] == ' ' || s[1] == s[0] {
			return `\` + s
		}
	}
	i := 0
	for i < len(s) && i < 10 && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// linkTarget returns a link's address as Markdown takes it, when the link
// is kept: web, mail and phone addresses. Links to files on the author's
// computer or places inside the document are dropped, keeping their text.
func (c *converter) linkTarget(link string) (string, bool) {
	link = strings.TrimSpace(link)
	if link == "" {
		return "", false
	}
	u, err := url.Parse(link)
	scheme := ""
	if err == nil {
		scheme = strings.ToLower(u.Scheme)
	}
	switch {
	case scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel":
	case scheme == "" && strings.HasPrefix(strings.ToLower(link), "www."):
		link = "http://" + link
	default:
		c.droppedLink(link)
		return "", false
	}
	var b strings.Builder
	for _, r := range link {
		switch {
		case r == ' ', r == '(', r == ')', r == '<', r == '>', r == '"', r == '\\', r < ' ':
			b.WriteString(url.PathEscape(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), true
}

// plain writes inlines as plain text for the front matter: no markup,
// white space collapsed.
func plain(ins []Inline) string {
	p := &Paragraph{Inlines: ins}
	return strings.TrimSpace(collapseSpace(p.Plain()))
}

// runeLen is the length of s in characters.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
