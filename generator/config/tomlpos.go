package config

import (
	"errors"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"loa/generator/diag"
)

// TOMLError turns a decoding error of TOML text into a diagnostic. lineOffset
// is the number of lines before src in file (the front matter fence), so
// that positions count from the top of the file.
func TOMLError(file string, lineOffset int, src []byte, err error) diag.List {
	var diags diag.List
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if msg == "" {
			msg = pe.Error()
		}
		diags.Errorf(diag.Pos{File: file, Line: pe.Position.Line + lineOffset, Col: pe.Position.Col},
			"check quotes, brackets and the \"key = value\" form of this line",
			"invalid TOML: %s", msg).Vi(
			"kiểm tra dấu ngoặc kép, ngoặc vuông và dạng \"khoá = giá trị\" của dòng này",
			"lỗi cú pháp TOML: %s", msg)
		return diags
	}
	diags.Errorf(diag.Pos{File: file, Line: lineOffset + 1}, "", "invalid TOML: %v", err)
	return diags
}

// KeyPos finds the line and column where a dotted key is set in TOML text,
// following [table] and [[array]] headers and dotted keys. It returns
// (0, 0) when the key is not written literally, for example inside an
// inline table: callers then report the whole file.
func KeyPos(src []byte, key ...string) (line, col int) {
	var table []string
	for l := range tomlLines(src) {
		if l.header != nil {
			table = l.header
			if hasPrefix(key, table) && len(table) == len(key) && line == 0 {
				line, col = l.n, l.col
			}
			continue
		}
		full := append(append([]string{}, table...), l.key...)
		if hasPrefix(key, full) {
			if len(full) == len(key) {
				return l.n, l.col
			}
			if line == 0 {
				line, col = l.n, l.col
			}
		}
	}
	return line, col
}

// A TopKey is where a key of the top level of TOML text is set, as KeyPos
// finds it.
type TopKey struct {
	Key       string
	Line, Col int
}

// TopKeys returns, in one reading of src, what KeyPos returns for each key
// of the top level: the first line that sets it (key = …), else the first
// [key] or [[key]] header. The front matter of every content file is read
// here: KeyPos read it again for each key.
func TopKeys(src []byte) []TopKey {
	var set, headers []TopKey
	inTable := false
	for l := range tomlLines(src) {
		switch {
		case l.header != nil:
			inTable = true
			if len(l.header) == 1 && !slices.ContainsFunc(headers, func(k TopKey) bool { return k.Key == l.header[0] }) {
				headers = append(headers, TopKey{l.header[0], l.n, l.col})
			}
		case !inTable && len(l.key) == 1 && !slices.ContainsFunc(set, func(k TopKey) bool { return k.Key == l.key[0] }):
			set = append(set, TopKey{l.key[0], l.n, l.col})
		}
	}
	for _, h := range headers {
		if !slices.ContainsFunc(set, func(k TopKey) bool { return k.Key == h.Key }) {
			set = append(set, h)
		}
	}
	return set
}

// A tomlLine is a line of TOML text as KeyPos and TopKeys read it: a
// [table] or [[array]] header, or a line that sets a key.
type tomlLine struct {
	n, col int      // its number and the column of its first character that is not a space
	header []string // the header's key, or nil
	key    []string // the key set, or nil
}

// tomlLines yields the headers and the lines that set a key in src;
// blank lines, comments and other lines are skipped.
func tomlLines(src []byte) iter.Seq[tomlLine] {
	return func(yield func(tomlLine) bool) {
		for i, raw := range strings.Split(string(src), "\n") {
			text := strings.TrimSpace(raw)
			if text == "" || text[0] == '#' {
				continue
			}
			l := tomlLine{n: i + 1, col: strings.Index(raw, text) + 1}
			if text[0] == '[' {
				l.header = splitKey(strings.Trim(strings.SplitN(text, "]", 2)[0], "[ "))
			} else if eq := strings.IndexByte(text, '='); eq >= 0 {
				l.key = splitKey(text[:eq])
			} else {
				continue
			}
			if !yield(l) {
				return
			}
		}
	}
}

func splitKey(s string) []string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return parts
}

func hasPrefix(key, prefix []string) bool {
	if len(prefix) > len(key) {
		return false
	}
	for i := range prefix {
		if key[i] != prefix[i] {
			return false
		}
	}
	return true
}

// tomlPositions finds where every key of TOML text is written, and where
// its value starts. Keys are paths joined by "\x00"; an element of an array
// of tables ([[menu.main]]) is counted as in the decoded value:
// "menu\x00main\x001\x00url" is the url of the second entry. Keys inside
// inline tables are not found; lookups then fall back to the enclosing key.
func tomlPositions(file string, src []byte) map[string]place {
	out := map[string]place{}
	arrays := map[string]int{} // path of an array of tables → entries so far
	record := func(path []string, line, col, vcol int) {
		k := strings.Join(path, "\x00")
		if _, ok := out[k]; !ok {
			out[k] = place{diag.Pos{File: file, Line: line, Col: col}, diag.Pos{File: file, Line: line, Col: vcol}}
		}
	}
	// resolve puts the current index after every array of tables on a path.
	resolve := func(parts []string, last bool) []string {
		var p []string
		for i, part := range parts {
			p = append(p, part)
			if n, ok := arrays[strings.Join(p, "\x00")]; ok && (last || i < len(parts)-1) {
				p = append(p, strconv.Itoa(n-1))
			}
		}
		return p
	}
	var table []string
	lines := strings.Split(string(src), "\n")
	for i := 0; i < len(lines); i++ {
		raw := strings.TrimSuffix(lines[i], "\r")
		text := strings.TrimSpace(raw)
		if text == "" || text[0] == '#' {
			continue
		}
		col := utf8.RuneCountInString(raw[:strings.Index(raw, text)]) + 1
		if strings.HasPrefix(text, "[[") {
			name, _, _ := strings.Cut(text[2:], "]]")
			p := resolve(splitKey(name), false)
			k := strings.Join(p, "\x00")
			for j := 1; j <= len(p); j++ {
				record(p[:j], i+1, col, col)
			}
			table = append(p, strconv.Itoa(arrays[k]))
			arrays[k]++
			record(table, i+1, col, col)
			continue
		}
		if text[0] == '[' {
			name, _, _ := strings.Cut(text[1:], "]")
			table = resolve(splitKey(name), true)
			for j := 1; j <= len(table); j++ {
				record(table[:j], i+1, col, col) // [privacy.vimeo] also writes privacy
			}
			continue
		}
		eq := unquotedIndex(text, '=')
		if eq < 0 {
			continue
		}
		parts := splitKey(text[:eq])
		full := append(append([]string{}, table...), parts...)
		rest := strings.TrimLeft(text[eq+1:], " \t")
		vcol := col + utf8.RuneCountInString(text[:len(text)-len(rest)])
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			vcol++
		}
		for j := len(table) + 1; j < len(full); j++ {
			record(full[:j], i+1, col, col)
		}
		record(full, i+1, col, vcol)
		i = skipValue(lines, i, rest)
	}
	return out
}

// unquotedIndex is the first c in s outside quotes, or -1.
func unquotedIndex(s string, c byte) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		switch {
		case quote != 0:
			if s[i] == quote {
				quote = 0
			} else if s[i] == '\\' && quote == '"' {
				i++
			}
		case s[i] == '"' || s[i] == '\'':
			quote = s[i]
		case s[i] == c:
			return i
		}
	}
	return -1
}

// skipValue returns the last line of a value that starts on line i with
// rest: arrays and inline tables may span lines, and so may strings in
// triple quotes.
func skipValue(lines []string, i int, rest string) int {
	depth := 0
	var multi string // the closing quotes of a multi-line string
	for {
		s := rest
		for j := 0; j < len(s); j++ {
			switch {
			case multi != "":
				if strings.HasPrefix(s[j:], multi) {
					j += len(multi) - 1
					multi = ""
				} else if s[j] == '\\' && multi == `"""` {
					j++
				}
			case strings.HasPrefix(s[j:], `"""`) || strings.HasPrefix(s[j:], `'''`):
				multi = s[j : j+3]
				j += 2
			case s[j] == '"' || s[j] == '\'':
				q := s[j]
				for j++; j < len(s) && s[j] != q; j++ {
					if s[j] == '\\' && q == '"' {
						j++
					}
				}
			case s[j] == '#':
				j = len(s)
			case s[j] == '[' || s[j] == '{':
				depth++
			case s[j] == ']' || s[j] == '}':
				depth--
			}
		}
		if (depth <= 0 && multi == "") || i+1 >= len(lines) {
			return i
		}
		i++
		rest = lines[i]
	}
}
