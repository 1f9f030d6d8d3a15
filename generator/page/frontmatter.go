package page

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/locale"
)

// frontMatter is the raw front matter of a file: its format, its text, and
// the number of lines above the text (the opening fence).
type frontMatter struct {
	yaml bool
	text []byte
	line int // line number of the first line of text, counting from 1
}

// splitFrontMatter separates the front matter from the body. bodyLine is the
// 1-based line of the file on which the body starts.
func splitFrontMatter(file string, src []byte) (fm *frontMatter, body []byte, bodyLine int, diags diag.List) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	fence := string(bytes.TrimRight(first, " \t"))
	if fence != "+++" && fence != "---" {
		return nil, src, 1, nil
	}
	text := rest
	offset := 0
	line := 2
	for {
		l, next, found := bytes.Cut(rest[offset:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t")) == fence {
			fm = &frontMatter{yaml: fence == "---", text: text[:offset], line: 2}
			return fm, next, line + 1, nil
		}
		if !found {
			break
		}
		offset += len(l) + 1
		line++
	}
	diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
		fmt.Sprintf("add a line with only %s after the last setting, before the text of the article", fence),
		"the front matter opened with %s on line 1 is never closed", fence).Vi(
		fmt.Sprintf("thêm một dòng chỉ có %s sau dòng thiết lập cuối, trước phần nội dung bài", fence),
		"phần đầu bài mở bằng %s ở dòng 1 nhưng không được đóng lại", fence)
	return nil, nil, 0, diags
}

// frontMatter decodes the front matter into pg.
func (p *Parser) frontMatter(pg *Page, fm *frontMatter) diag.List {
	var diags diag.List
	if i := tooDeep(fm.text, fm.yaml); i >= 0 {
		line, col := diag.LineCol(fm.text, i)
		deepError(&diags, diag.Pos{File: pg.File, Line: line + fm.line - 1, Col: col})
		return diags
	}
	var values map[string]any
	if fm.yaml {
		values, diags = decodeYAML(pg, fm)
	} else {
		values, diags = decodeTOML(pg, fm)
	}
	if diags.HasErrors() {
		return diags
	}
	d := fields{pg: pg, cfg: p.cfg, fm: fm}
	d.apply(values)
	return append(diags, d.diags...)
}

func decodeTOML(pg *Page, fm *frontMatter) (map[string]any, diag.List) {
	values := map[string]any{}
	if _, err := toml.Decode(string(fm.text), &values); err != nil {
		return nil, config.TOMLError(pg.File, fm.line-1, fm.text, err)
	}
	var diags diag.List
	top := config.TopKeys(fm.text)
	for key, v := range values {
		line, col := 0, 0
		if i := slices.IndexFunc(top, func(k config.TopKey) bool { return k.Key == key }); i >= 0 {
			line, col = top[i].Line, top[i].Col
		}
		pos := diag.Pos{File: pg.File, Line: max(line, 1) + fm.line - 1, Col: col}
		if line > 0 {
			pg.setKeyPos(key, pos)
		}
		if depth(v) > maxDepth {
			// Dotted keys (a.b.c… = 1) nest tables without a bracket.
			deepError(&diags, pos)
			return nil, diags
		}
	}
	return values, nil
}

func decodeYAML(pg *Page, fm *frontMatter) (map[string]any, diag.List) {
	var diags diag.List
	var doc yaml.Node
	if err := yaml.Unmarshal(fm.text, &doc); err != nil {
		return nil, config.YAMLError(pg.File, fm.line-1, err)
	}
	values := map[string]any{}
	if len(doc.Content) == 0 {
		return values, nil
	}
	root := doc.Content[0]
	if n := deepNode(root); n != nil {
		// Indented blocks nest without a bracket.
		deepError(&diags, diag.Pos{File: pg.File, Line: n.Line + fm.line - 1, Col: n.Column})
		return nil, diags
	}
	if root.Kind != yaml.MappingNode {
		diags.Errorf(diag.Pos{File: pg.File, Line: root.Line + fm.line - 1, Col: root.Column},
			"write the front matter as lines of \"key: value\"", "the front matter is not a list of settings").Vi(
			"viết phần đầu bài thành các dòng \"khoá: giá trị\"", "phần đầu bài không phải danh sách thiết lập")
		return nil, diags
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		pos := diag.Pos{File: pg.File, Line: k.Line + fm.line - 1, Col: k.Column}
		pg.setKeyPos(k.Value, pos)
		var val any
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!timestamp" {
			// Kept as text so that a date without a zone is read in the site's zone.
			values[k.Value] = v.Value
			continue
		}
		if err := v.Decode(&val); err != nil {
			if strings.Contains(err.Error(), "excessive aliasing") {
				// yaml.v3 stops a "billion laughs" document before it grows.
				diags.Errorf(pos, "write the values out instead of repeating them with &anchors and *aliases",
					"the front matter repeats aliases (*name) too often").Vi(
					"viết thẳng các giá trị thay vì lặp lại bằng &neo và *bí danh",
					"phần đầu bài lặp lại bí danh (*tên) quá nhiều lần")
				return nil, diags
			}
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			diags.Errorf(pos, "check the value written after "+k.Value+":", "invalid value for %s: %s", k.Value, msg).Vi(
				"kiểm tra giá trị viết sau "+k.Value+":", "giá trị của %s không hợp lệ: %s", k.Value, msg)
			continue
		}
		values[k.Value] = val
	}
	return values, diags
}

// fields moves decoded front matter values into a page, checking types.
type fields struct {
	pg    *Page
	cfg   *config.Config
	fm    *frontMatter // for the positions of keys inside tables
	diags diag.List
}

func (d *fields) apply(values map[string]any) {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pg := d.pg
	for _, k := range keys {
		v := values[k]
		switch strings.ToLower(k) {
		case "title":
			pg.Title = d.str(k, v)
		case "description":
			pg.Description = d.str(k, v)
		case "summary":
			pg.Summary = d.str(k, v)
		case "slug":
			pg.Slug = d.str(k, v)
		case "url":
			pg.URL = d.str(k, v)
		case "layout":
			pg.Layout = d.str(k, v)
		case "type":
			pg.Type = d.str(k, v)
		case "date":
			pg.Date = d.date(k, v)
		case "publishdate":
			pg.PublishDate = d.date(k, v)
		case "lastmod":
			pg.Lastmod = d.date(k, v)
		case "expirydate":
			pg.ExpiryDate = d.date(k, v)
		case "draft":
			pg.Draft = d.boolean(k, v)
		case "weight":
			pg.Weight = d.integer(k, v)
		case "aliases":
			pg.Aliases = d.strs(k, v)
		case "images":
			pg.Images = d.strs(k, v)
		case "author", "authors":
			pg.Authors = append(pg.Authors, d.strs(k, v)...)
		case "campaigns":
			pg.Campaigns = d.strs(k, v)
		case "campaign":
			pg.Campaign = d.campaign(k, v)
		case "translationkey":
			pg.TranslationKey = d.str(k, v)
		default:
			if _, ok := d.cfg.Taxonomy(k); ok {
				pg.Terms[k] = d.strs(k, v)
				continue
			}
			pg.Params[k] = v
		}
	}
	if pg.PublishDate.IsZero() {
		pg.PublishDate = pg.Date
	}
	if pg.Date.IsZero() {
		pg.Date = pg.PublishDate
	}
	if pg.Lastmod.IsZero() {
		pg.Lastmod = pg.Date
	}
}

func (d *fields) wrong(key, want string, v any) {
	d.diags.Errorf(d.pg.KeyPos(key), fmt.Sprintf("write %s", want),
		"%s must be %s, not %s", key, want, describe(v)).Vi(
		"kiểm tra lại giá trị của "+key+": "+want, "%s có giá trị sai kiểu (%s)", key, describe(v))
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case bool:
		return "true/false"
	case int64, int, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%T", v)
}

func (d *fields) str(key string, v any) string {
	if s, ok := v.(string); ok {
		return strings.TrimSpace(s)
	}
	d.wrong(key, `text in quotes, such as key = "…"`, v)
	return ""
}

func (d *fields) strs(key string, v any) []string {
	switch v := v.(type) {
	case string:
		if s := strings.TrimSpace(v); s != "" {
			return []string{s}
		}
		return nil
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				d.wrong(key, `a list of texts, such as ["a", "b"]`, e)
				return nil
			}
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	d.wrong(key, `a list of texts, such as ["a", "b"]`, v)
	return nil
}

func (d *fields) boolean(key string, v any) bool {
	if b, ok := v.(bool); ok {
		return b
	}
	d.wrong(key, "true or false (without quotes)", v)
	return false
}

func (d *fields) integer(key string, v any) int {
	switch v := v.(type) {
	case int64:
		return int(v)
	case int:
		return v
	}
	d.wrong(key, "a whole number", v)
	return 0
}

func (d *fields) date(key string, v any) time.Time {
	t, ok := Date(v, d.cfg.Location)
	if !ok {
		d.diags.Errorf(d.pg.KeyPos(key),
			"write the date as 2023-02-17T14:45:00+07:00, 2023-02-17 14:45 or 17/02/2023 14:45",
			"%s: %s is not a date", key, quote(v)).Vi(
			"viết ngày dạng 2023-02-17T14:45:00+07:00, 2023-02-17 14:45 hoặc 17/02/2023 14:45",
			"%s: %s không phải là ngày hợp lệ", key, quote(v))
	}
	return t
}

func quote(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// dateLayouts are the written forms of a date Loa accepts, with and without a
// zone; the Vietnamese day/month/year order is among them.
var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
	"02/01/2006",
}

// Date reads a front matter date: a TOML or YAML date value or text in one of
// the accepted forms. A date without a zone is in loc.
func Date(v any, loc *time.Location) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		switch v.Location().String() {
		case "datetime-local", "date-local", "time-local", "":
			return wall(v, loc), true
		}
		return v.In(loc), true
	case string:
		s := strings.TrimSpace(v)
		for _, layout := range dateLayouts {
			if t, err := time.ParseInLocation(layout, s, loc); err == nil {
				return t.In(loc), true
			}
		}
	}
	return time.Time{}, false
}

func wall(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// Slug is the last part of the page's URL: front matter slug, else the file
// or bundle name, made into a slug (Vietnamese loses its marks, a Khmer
// name keeps its letters).
func (p *Page) SlugOrName() string {
	if p.Slug != "" {
		if s := locale.Slug(p.Slug); s != "" {
			return s
		}
	}
	return locale.Slug(p.Name)
}

// maxDepth bounds how deep lists and tables nest in front matter: far above
// any real page, far below what makes the decoders slow (TOML inline tables
// nested a few thousand deep take seconds) or overflows the stack.
const maxDepth = 100

func deepError(diags *diag.List, pos diag.Pos) {
	diags.Errorf(pos, "write the settings flat: front matter needs no lists or tables nested this deep",
		"the front matter nests lists or tables more than %d levels deep", maxDepth).Vi(
		"viết các thiết lập phẳng: phần đầu bài không cần danh sách hay bảng lồng sâu như vậy",
		"phần đầu bài lồng danh sách hoặc bảng sâu quá %d cấp", maxDepth)
}

// tooDeep returns the offset of the first bracket or brace of text nested
// deeper than maxDepth, or of a TOML dotted key (a.b.c… = 1) with more parts,
// outside quotes and comments; else -1. It runs before the decoders, whose
// recursion it keeps bounded (a 10,000-part dotted key costs BurntSushi/toml
// gigabytes). In YAML a quote opens a string only where a value starts:
// "It's" in plain text is no quote, and so cannot hide brackets from this
// count.
func tooDeep(text []byte, yaml bool) int {
	var open []byte      // brackets and braces not yet closed
	key, dots := true, 0 // TOML: in a key, and the dots seen in it
	prev := byte('\n')   // the last byte that is not a space or tab
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '#' && (!yaml || i == 0 || text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n'):
			for i < len(text) && text[i] != '\n' {
				i++
			}
			c = '\n'
		case (c == '"' || c == '\'') && (!yaml || strings.IndexByte("\n:-[{,?", prev) >= 0):
			i = skipString(text, i, yaml)
		case c == '[' || c == '{':
			if open = append(open, c); len(open) > maxDepth {
				return i
			}
			// A table header keeps its key; an inline table starts one.
			key, dots = c == '{' || (key && (prev == '\n' || prev == '[')), 0
		case c == ']' || c == '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case c == '=':
			key = false
		case c == ',' && len(open) > 0 && open[len(open)-1] == '{':
			key, dots = true, 0
		case c == '.' && key && !yaml:
			if dots++; dots > maxDepth {
				return i
			}
		}
		if c == '\n' && len(open) == 0 {
			key, dots = true, 0
		}
		if c != ' ' && c != '\t' {
			prev = c
		}
	}
	return -1
}

// skipString returns the offset of the quote closing the string opened at
// i: TOML's "…", '…', """…""" and ”'…”', YAML's "…" and '…' (with ” for
// a quote). An unclosed string runs to the end.
func skipString(text []byte, i int, yaml bool) int {
	q := text[i]
	if !yaml && i+2 < len(text) && text[i+1] == q && text[i+2] == q {
		end := bytes.Index(text[i+3:], []byte{q, q, q})
		if end < 0 {
			return len(text)
		}
		return i + 3 + end + 2
	}
	for j := i + 1; j < len(text); j++ {
		switch {
		case text[j] == '\\' && q == '"':
			j++
		case text[j] == q && yaml && q == '\'' && j+1 < len(text) && text[j+1] == '\'':
			j++
		case text[j] == q:
			return j
		case text[j] == '\n' && !yaml:
			return j - 1 // TOML's one-line strings end with the line
		}
	}
	return len(text)
}

// depth is how deep a decoded value nests, counted without recursion.
func depth(v any) int {
	type item struct {
		v any
		d int
	}
	deepest := 0
	stack := []item{{v, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, it.d)
		if it.d > maxDepth {
			break
		}
		switch v := it.v.(type) {
		case map[string]any:
			for _, e := range v {
				stack = append(stack, item{e, it.d + 1})
			}
		case []any:
			for _, e := range v {
				stack = append(stack, item{e, it.d + 1})
			}
		case []map[string]any:
			for _, e := range v {
				stack = append(stack, item{e, it.d + 1})
			}
		}
	}
	return deepest
}

// deepNode returns the first YAML node nested deeper than maxDepth, or nil.
// Aliases are not followed: yaml.v3 bounds their expansion itself.
func deepNode(root *yaml.Node) *yaml.Node {
	type item struct {
		n *yaml.Node
		d int
	}
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.d > maxDepth {
			return it.n
		}
		for _, c := range it.n.Content {
			stack = append(stack, item{c, it.d + 1})
		}
	}
	return nil
}
