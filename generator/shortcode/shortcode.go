// Package shortcode is level 1 of Loa's pipeline: Hugo's shortcode syntax.
// It finds {{< name args >}} and {{% name args %}} in the text of a page,
// pairs them with their closing tags ({{< /name >}}) into a tree, reads
// their arguments, and defines Call, the dot a shortcode template sees.
//
// It knows nothing of Markdown or templates: the page package expands the
// tree into the Markdown it parses, and the build renders the calls with
// the theme's templates. It imports only diag and the standard library.
package shortcode

import (
	"fmt"
	"html/template"
	"strings"

	"loa/generator/diag"
)

// Call is one shortcode being rendered: what its template sees as its dot,
// with the fields and methods of Hugo's shortcode context.
type Call struct {
	Name     string
	Position diag.Pos // where it is written, counting the front matter lines
	Parent   *Call    // the shortcode whose inner text holds this one, or nil
	Ordinal  int      // its place among the shortcodes of its parent (or of the page), from 0
	Page     any      // the page being parsed: Title, Params, Date, File…
	Site     any      // the site's configuration: Title, Params, BaseURL…
	// Markdown tells {{% %}}, whose output is Markdown rendered with the
	// page, from {{< >}}, whose output is HTML.
	Markdown bool
	// IsNamedParams tells name="value" arguments from positional ones.
	IsNamedParams bool

	positional []any
	named      map[string]any
	inner      string
	paired     bool
}

// NewCall returns a call with its arguments, as Parse read them.
func NewCall(name string, args []Arg) *Call {
	c := &Call{Name: name}
	for _, a := range args {
		if a.Name != "" {
			if c.named == nil {
				c.named = map[string]any{}
			}
			c.named[a.Name] = a.Value
			c.IsNamedParams = true
		} else {
			c.positional = append(c.positional, a.Value)
		}
	}
	return c
}

// SetInner sets the text between the opening and the closing tag.
func (c *Call) SetInner(s string) { c.inner, c.paired = s, true }

// Paired reports whether the call had a closing tag.
func (c *Call) Paired() bool { return c.paired }

// Get returns an argument by position (0, 1…) or by name, or "" when
// there is none, so that {{ with .Get "title" }} and default work.
func (c *Call) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(c.positional) {
			return c.positional[k]
		}
	case int64:
		return c.Get(int(k))
	case string:
		if v, ok := c.named[k]; ok {
			return v
		}
	}
	return ""
}

// String returns an argument by position or name as text.
func (c *Call) String(key any) string {
	v := c.Get(key)
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}

// Has reports whether the argument is given.
func (c *Call) Has(key any) bool {
	switch k := key.(type) {
	case int:
		return k >= 0 && k < len(c.positional)
	case string:
		_, ok := c.named[k]
		return ok
	}
	return false
}

// Params returns the positional arguments as a list, or the named ones as
// a map.
func (c *Call) Params() any {
	if c.IsNamedParams {
		return c.named
	}
	return c.positional
}

// Inner is the text between the opening and the closing tag, as written
// (shortcodes inside it already rendered). It is HTML: a template that
// shows code escapes it itself.
func (c *Call) Inner() template.HTML { return template.HTML(c.inner) }

// InnerDeindent is Inner without the indentation its lines share, for a
// shortcode written inside a list item or a quote.
func (c *Call) InnerDeindent() template.HTML { return template.HTML(Deindent(c.inner)) }

// InnerText is Inner as text, for Go code.
func (c *Call) InnerText() string { return c.inner }

// Deindent removes the leading spaces and tabs that every non-blank line of
// s shares.
func Deindent(s string) string {
	lines := strings.Split(s, "\n")
	common := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			common, first = ind, false
			continue
		}
		for !strings.HasPrefix(ind, common) {
			common = common[:len(common)-1]
		}
	}
	if common == "" {
		return s
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, common)
	}
	return strings.Join(lines, "\n")
}
