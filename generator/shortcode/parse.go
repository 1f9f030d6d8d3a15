package shortcode

import (
	"bytes"
	"strconv"
	"strings"
)

// Tag is one {{< … >}} or {{% … %}} as written.
type Tag struct {
	Start, End int // offsets of its "{{" and just after its "}}"
	Markdown   bool
	Closing    bool // {{< /name >}}
	SelfClosed bool // {{< name />}}
	// Escaped is a shortcode written for documentation, {{</* name */>}}:
	// it is printed as Literal, without the comment marks.
	Escaped bool
	Literal string
	Name    string
	Args    []Arg
}

// Arg is one argument: positional when Name is "". Value is a string, or,
// written without quotes, a bool, an int or a float64, as in Hugo.
type Arg struct {
	Name  string
	Value any
}

// Node is a shortcode with, when it has a closing tag, what it encloses.
type Node struct {
	Tag
	Paired     bool
	Inner      []Piece
	InnerStart int // just after the opening tag
	InnerEnd   int // the start of the closing tag
}

// Piece is a run of text [Start, End), or a shortcode when Node is set.
type Piece struct {
	Start, End int
	Node       *Node
}

// Error is a mistake in the shortcode syntax, at a byte offset of the text.
type Error struct {
	Offset        int
	Msg, Hint     string
	MsgVi, HintVi string
	Name          string // of the shortcode, when it has one
}

// MaxDepth bounds the nesting of paired shortcodes the page package renders.
const MaxDepth = 100

// Contains reports whether src may hold a shortcode.
func Contains(src []byte) bool {
	return bytes.Contains(src, []byte("{{<")) || bytes.Contains(src, []byte("{{%"))
}

// Parse finds the shortcodes of src and pairs each closing tag with the
// nearest opening tag of the same name; an opening tag without a closing
// one stands alone, as {{< youtube id >}} does. It stops at the first
// mistake.
func Parse(src []byte) ([]Piece, *Error) {
	// Pieces stay in one list in the order they are written; a closing tag
	// moves what follows its opening tag into it. An opening tag never
	// closed keeps what follows as its siblings: nothing is copied for it.
	var items []Piece
	var stack []int          // indices in items of the tags still open
	open := map[string]int{} // name → tags open with it
	at := 0
	for {
		i := nextTag(src, at)
		if i < 0 {
			if at < len(src) {
				items = append(items, Piece{Start: at, End: len(src)})
			}
			break
		}
		if i > at {
			items = append(items, Piece{Start: at, End: i})
		}
		tag, err := lexTag(src, i)
		if err != nil {
			return nil, err
		}
		at = tag.End
		switch {
		case tag.Escaped:
			items = append(items, Piece{Start: tag.Start, End: tag.End, Node: &Node{Tag: *tag}})
		case tag.Closing:
			if open[tag.Name] == 0 {
				return nil, closingError(tag)
			}
			for {
				k := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				n := items[k].Node
				open[n.Name]--
				if n.Name != tag.Name {
					continue // never closed: what follows it is its siblings
				}
				if n.Markdown != tag.Markdown {
					return nil, delimError(tag, n)
				}
				n.Paired, n.InnerEnd, n.End = true, tag.Start, tag.End
				n.Inner = append([]Piece(nil), items[k+1:]...)
				items = items[:k+1]
				break
			}
		default:
			n := &Node{Tag: *tag, InnerStart: tag.End}
			items = append(items, Piece{Node: n})
			if !tag.SelfClosed {
				stack = append(stack, len(items)-1)
				open[tag.Name]++
			}
		}
	}
	fixSpans(items)
	return items, nil
}

// fixSpans sets the span of every shortcode piece from its node, which
// grew when its closing tag was found.
func fixSpans(pieces []Piece) {
	for i := range pieces {
		if n := pieces[i].Node; n != nil {
			pieces[i].Start, pieces[i].End = n.Start, n.End
			fixSpans(n.Inner)
		}
	}
}

func closingError(tag *Tag) *Error {
	d := delims(tag.Markdown)
	return &Error{Offset: tag.Start, Name: tag.Name,
		Msg:    "closing shortcode " + d[0] + " /" + tag.Name + " " + d[1] + " without an opening one",
		Hint:   "remove it, or open it before with " + d[0] + " " + tag.Name + " " + d[1],
		MsgVi:  "thẻ đóng " + d[0] + " /" + tag.Name + " " + d[1] + " không có thẻ mở",
		HintVi: "xoá thẻ này, hoặc mở shortcode trước đó bằng " + d[0] + " " + tag.Name + " " + d[1]}
}

func delimError(closing *Tag, open *Node) *Error {
	o, c := delims(open.Markdown), delims(closing.Markdown)
	return &Error{Offset: closing.Start, Name: closing.Name,
		Msg:    "shortcode " + open.Name + " opened with " + o[0] + " " + o[1] + " is closed with " + c[0] + " " + c[1],
		Hint:   "close it the way it is opened: " + o[0] + " /" + open.Name + " " + o[1],
		MsgVi:  "shortcode " + open.Name + " mở bằng " + o[0] + " " + o[1] + " nhưng đóng bằng " + c[0] + " " + c[1],
		HintVi: "đóng bằng cùng kiểu dấu đã mở: " + o[0] + " /" + open.Name + " " + o[1]}
}

func delims(markdown bool) [2]string {
	if markdown {
		return [2]string{"{{%", "%}}"}
	}
	return [2]string{"{{<", ">}}"}
}

// nextTag returns the offset of the next "{{<" or "{{%" from at, or -1.
func nextTag(src []byte, at int) int {
	for {
		i := bytes.Index(src[at:], []byte("{{"))
		if i < 0 {
			return -1
		}
		i += at
		if i+2 < len(src) && (src[i+2] == '<' || src[i+2] == '%') {
			return i
		}
		at = i + 1
	}
}

// lexer reads one tag.
type lexer struct {
	src   []byte
	i     int
	start int
	close string // ">}}" or "%}}"
}

func (l *lexer) spaces() {
	for l.i < len(l.src) && isSpace(l.src[l.i]) {
		l.i++
	}
}

func (l *lexer) at(s string) bool { return bytes.HasPrefix(l.src[l.i:], []byte(s)) }

func (l *lexer) fail(msg, hint, msgVi, hintVi string) *Error {
	return &Error{Offset: l.start, Msg: msg, Hint: hint, MsgVi: msgVi, HintVi: hintVi}
}

func (l *lexer) unclosed(name string) *Error {
	d := delims(l.close == "%}}")
	what := d[0]
	if name != "" {
		what += " " + name
	}
	return &Error{Offset: l.start, Name: name,
		Msg:    "shortcode " + what + " is not closed with " + d[1],
		Hint:   "end it with " + d[1] + " (quotes inside it must be closed too); to write the characters themselves, escape it: " + d[0] + "/* … */" + d[1],
		MsgVi:  "shortcode " + what + " không được đóng bằng " + d[1],
		HintVi: "kết thúc bằng " + d[1] + " (các dấu ngoặc kép bên trong cũng phải đóng); muốn viết chính các ký tự này thì viết " + d[0] + "/* … */" + d[1]}
}

func lexTag(src []byte, start int) (*Tag, *Error) {
	l := &lexer{src: src, i: start + 3, start: start, close: ">}}"}
	tag := &Tag{Start: start}
	if src[start+2] == '%' {
		l.close, tag.Markdown = "%}}", true
	}
	l.spaces()
	if l.at("/*") {
		tag.Escaped = true
		l.i += 2
		l.spaces()
	}
	if l.at("/") {
		tag.Closing = true
		l.i++
		l.spaces()
	}
	nameStart := l.i
	for l.i < len(src) && isNameByte(src[l.i]) {
		l.i++
	}
	tag.Name = string(src[nameStart:l.i])
	if strings.HasSuffix(tag.Name, "/") && closesAfter(src, l.i, l.close) {
		// {{< name/>}}
		tag.Name, tag.SelfClosed = strings.TrimRight(tag.Name, "/"), true
	}
	if tag.Name == "" {
		if l.i >= len(src) {
			return nil, l.unclosed("")
		}
		return nil, l.fail("a shortcode needs a name after "+src2(src, start),
			"write {{< name >}}, such as {{< youtube ID >}}; to write the characters themselves, escape them: {{</* … */>}}",
			"shortcode cần có tên sau "+src2(src, start),
			"viết {{< tên >}}, ví dụ {{< youtube ID >}}; muốn viết chính các ký tự này thì viết {{</* … */>}}")
	}
	for {
		l.spaces()
		if l.i >= len(src) {
			return nil, l.unclosed(tag.Name)
		}
		if tag.Escaped && l.at("*/") {
			l.i += 2
			l.spaces()
			if !l.at(l.close) {
				return nil, l.unclosed(tag.Name)
			}
		}
		if l.at(l.close) {
			l.i += 3
			break
		}
		if other := map[string]string{">}}": "%}}", "%}}": ">}}"}[l.close]; l.at(other) {
			d := delims(tag.Markdown)
			return nil, l.fail("shortcode "+tag.Name+" opened with "+d[0]+" is closed with "+other,
				"close it the way it is opened, with "+d[1],
				"shortcode "+tag.Name+" mở bằng "+d[0]+" nhưng đóng bằng "+other,
				"đóng bằng cùng kiểu dấu đã mở: "+d[1])
		}
		if l.at("/") {
			rest := l.i + 1
			for rest < len(src) && isSpace(src[rest]) {
				rest++
			}
			if bytes.HasPrefix(src[rest:], []byte(l.close)) || (tag.Escaped && bytes.HasPrefix(src[rest:], []byte("*/"))) {
				tag.SelfClosed = true
				l.i = rest
				continue
			}
		}
		if tag.Closing {
			return nil, l.fail("a closing shortcode takes no arguments", "write {{< /"+tag.Name+" >}}",
				"thẻ đóng shortcode không có tham số", "viết {{< /"+tag.Name+" >}}")
		}
		arg, err := l.arg(tag)
		if err != nil {
			return nil, err
		}
		tag.Args = append(tag.Args, arg)
	}
	tag.End = l.i
	if tag.Escaped {
		tag.Literal = literal(src[start:tag.End])
	}
	named, positional := false, false
	for _, a := range tag.Args {
		named = named || a.Name != ""
		positional = positional || a.Name == ""
	}
	if named && positional {
		return nil, &Error{Offset: start, Name: tag.Name,
			Msg:    "shortcode " + tag.Name + " mixes named arguments (name=\"value\") with positional ones",
			Hint:   "give every argument a name, or none",
			MsgVi:  "shortcode " + tag.Name + " trộn tham số có tên (tên=\"giá trị\") với tham số theo vị trí",
			HintVi: "đặt tên cho mọi tham số, hoặc không đặt tên cho tham số nào"}
	}
	return tag, nil
}

// arg reads one argument: "quoted", `raw`, a bare word, or name= one of them.
func (l *lexer) arg(tag *Tag) (Arg, *Error) {
	src := l.src
	if j := l.i; j < len(src) && isNameStart(src[j]) {
		for j < len(src) && isNameByte(src[j]) {
			j++
		}
		if j < len(src) && src[j] == '=' {
			name := string(src[l.i:j])
			l.i = j + 1
			v, err := l.value(tag)
			return Arg{Name: name, Value: v}, err
		}
	}
	v, err := l.value(tag)
	return Arg{Value: v}, err
}

func (l *lexer) value(tag *Tag) (any, *Error) {
	src := l.src
	if l.i >= len(src) {
		return nil, l.unclosed(tag.Name)
	}
	switch q := src[l.i]; q {
	case '"':
		var b strings.Builder
		for j := l.i + 1; j < len(src); j++ {
			switch src[j] {
			case '\\':
				if j+1 < len(src) && (src[j+1] == '"' || src[j+1] == '\\') {
					j++
				}
			case '"':
				l.i = j + 1
				return b.String(), nil
			}
			b.WriteByte(src[j])
		}
		return nil, l.unclosed(tag.Name)
	case '`':
		end := bytes.IndexByte(src[l.i+1:], '`')
		if end < 0 {
			return nil, l.unclosed(tag.Name)
		}
		v := string(src[l.i+1 : l.i+1+end])
		l.i += end + 2
		return v, nil
	}
	j := l.i
	for j < len(src) && !isSpace(src[j]) && !bytes.HasPrefix(src[j:], []byte(l.close)) &&
		!(tag.Escaped && bytes.HasPrefix(src[j:], []byte("*/"))) &&
		!(src[j] == '/' && closesAfter(src, j+1, l.close)) {
		j++
	}
	if j == l.i {
		return nil, l.fail("unexpected "+string(src[j:j+1])+" in shortcode "+tag.Name,
			"write the arguments as words, \"quoted text\" or name=\"value\"",
			"ký tự "+string(src[j:j+1])+" không đúng chỗ trong shortcode "+tag.Name,
			"viết tham số thành từ, \"chuỗi trong ngoặc kép\" hoặc tên=\"giá trị\"")
	}
	word := string(src[l.i:j])
	l.i = j
	return typed(word), nil
}

// closesAfter reports whether only spaces stand between at and close.
func closesAfter(src []byte, at int, close string) bool {
	for at < len(src) && isSpace(src[at]) {
		at++
	}
	return bytes.HasPrefix(src[at:], []byte(close))
}

// typed reads a bare word as Hugo does: true, false, numbers, else text.
func typed(w string) any {
	switch w {
	case "true":
		return true
	case "false":
		return false
	}
	if i, err := strconv.Atoi(w); err == nil {
		return i
	}
	if f, err := strconv.ParseFloat(w, 64); err == nil && strings.ContainsAny(w, "0123456789") && !strings.ContainsAny(w, "xXnN") {
		return f
	}
	return w
}

// literal is an escaped tag as it should be printed: {{</* a */>}} → {{< a >}}.
func literal(tag []byte) string {
	s := string(tag)
	open, close := s[:3], s[len(s)-3:]
	mid := strings.TrimSpace(s[3 : len(s)-3])
	mid = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(mid, "/*"), "*/"))
	return open + " " + mid + " " + close
}

func src2(src []byte, start int) string { return string(src[start : start+3]) }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '/'
}
