package docx

import (
	"fmt"
	"strings"
)

// Page returns the page's file, index.md: TOML front matter, then the body.
func (a *Article) Page(draft bool) []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	b.WriteString("title = " + tomlString(a.Title) + "\n")
	b.WriteString("date = " + a.Date.Format("2006-01-02T15:04:05-07:00") + "\n")
	fmt.Fprintf(&b, "draft = %t\n", draft)
	if a.Description != "" {
		b.WriteString("description = " + tomlString(a.Description) + "\n")
	}
	if a.Author != "" {
		b.WriteString("author = " + tomlString(a.Author) + "\n")
	}
	b.WriteString("+++\n")
	if a.Body != "" {
		b.WriteString("\n" + a.Body + "\n")
	}
	return []byte(b.String())
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
