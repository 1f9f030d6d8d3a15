package page

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/vi"
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
	for key := range values {
		line, col := config.KeyPos(fm.text, key)
		if line > 0 {
			pg.keys[key] = diag.Pos{File: pg.File, Line: line + fm.line - 1, Col: col}
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
	if root.Kind != yaml.MappingNode {
		diags.Errorf(diag.Pos{File: pg.File, Line: root.Line + fm.line - 1, Col: root.Column},
			"write the front matter as lines of \"key: value\"", "the front matter is not a list of settings").Vi(
			"viết phần đầu bài thành các dòng \"khoá: giá trị\"", "phần đầu bài không phải danh sách thiết lập")
		return nil, diags
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		pos := diag.Pos{File: pg.File, Line: k.Line + fm.line - 1, Col: k.Column}
		pg.keys[k.Value] = pos
		var val any
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!timestamp" {
			// Kept as text so that a date without a zone is read in the site's zone.
			values[k.Value] = v.Value
			continue
		}
		if err := v.Decode(&val); err != nil {
			diags.Errorf(pos, "", "invalid value for %s: %v", k.Value, err)
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
// or bundle name, made into a Vietnamese slug.
func (p *Page) SlugOrName() string {
	if p.Slug != "" {
		if s := vi.Slugify(p.Slug); s != "" {
			return s
		}
	}
	return vi.Slugify(p.Name)
}
