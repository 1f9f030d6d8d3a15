package config

import (
	"errors"
	"strings"

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
	bestLine, bestCol := 0, 0
	for i, raw := range strings.Split(string(src), "\n") {
		text := strings.TrimSpace(raw)
		if text == "" || text[0] == '#' {
			continue
		}
		indent := strings.Index(raw, text)
		if text[0] == '[' {
			name := strings.Trim(strings.SplitN(text, "]", 2)[0], "[ ")
			table = splitKey(name)
			if hasPrefix(key, table) && len(table) == len(key) && bestLine == 0 {
				bestLine, bestCol = i+1, indent+1
			}
			continue
		}
		eq := strings.IndexByte(text, '=')
		if eq < 0 {
			continue
		}
		full := append(append([]string{}, table...), splitKey(text[:eq])...)
		if hasPrefix(key, full) {
			if len(full) == len(key) {
				return i + 1, indent + 1
			}
			if bestLine == 0 {
				bestLine, bestCol = i+1, indent+1
			}
		}
	}
	return bestLine, bestCol
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
