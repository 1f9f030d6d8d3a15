package theme

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"time"
	"unicode"

	"loa/generator/config"
	"loa/generator/locale"
)

// Env is what the template functions need to know about the build. One
// language is rendered at a time: Config is that language's view of the
// settings, Words its words.
type Env struct {
	Config      *config.Config
	Words       map[string]string          // i18n: key → text
	Markdownify func(string) template.HTML // inline Markdown → HTML
	Asset       func(name string) (string, error)
}

// Funcs returns the functions layouts may call besides html/template's own.
func Funcs(env Env) template.FuncMap {
	cfg := env.Config
	in := func(t time.Time) time.Time { return t.In(cfg.Location) }
	rel := func(p string) string {
		if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
			return p
		}
		return cfg.BaseURL.Path + strings.TrimPrefix(p, "/")
	}
	abs := func(p string) string {
		if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
			return p
		}
		u := *cfg.BaseURL
		u.Path = ""
		return u.String() + rel(p)
	}
	lang, prefix := "vi", ""
	if l := cfg.Language; l != nil {
		lang, prefix = l.Lang, l.Prefix()
	}
	// inLang puts a path in the language's folder, as Hugo's relLangURL:
	// "tim-kiem/" → "en/tim-kiem/" on the English site.
	inLang := func(p string) string {
		if strings.Contains(p, "://") || strings.HasPrefix(p, "//") {
			return p
		}
		p = strings.TrimPrefix(p, "/")
		if prefix == "" || strings.HasPrefix(p, prefix) || p+"/" == prefix {
			return p
		}
		return prefix + p
	}
	loc := locale.For(lang)
	return template.FuncMap{
		// Dates and numbers in the page's language (Vietnamese unless
		// the site's language is English).
		"dateTime":    func(t time.Time) string { return loc.DateTime(in(t)) },
		"date":        func(t time.Time) string { return loc.Date(in(t)) },
		"longDate":    func(t time.Time) string { return loc.LongDate(in(t)) },
		"weekdayDate": func(t time.Time) string { return loc.WeekdayDate(in(t)) },
		"time":        func(t time.Time) string { return loc.Time(in(t)) },
		"weekday":     func(t time.Time) string { return loc.Weekday(in(t)) },
		"isoDate":     func(t time.Time) string { return in(t).Format(time.RFC3339) },
		"number":      func(x any, decimals int) string { return loc.Number(toFloat(x), decimals) },
		"int":         func(x any) string { return loc.Int(int64(toFloat(x))) },
		"percent":     func(x any, decimals int) string { return loc.Percent(toFloat(x), decimals) },
		"byteSize":    func(x any) string { return loc.ByteSize(int64(toFloat(x))) },
		"slugify":     locale.Slug,
		// Addresses: relURL and absURL from the site's root (static files,
		// assets), relLangURL and absLangURL in the language's folder.
		"relURL":     rel,
		"absURL":     abs,
		"relLangURL": func(p string) string { return rel(inLang(p)) },
		"absLangURL": func(p string) string { return abs(inLang(p)) },
		"asset": func(name string) (string, error) {
			if env.Asset == nil {
				return rel(name), nil
			}
			return env.Asset(name)
		},
		// Words of the interface.
		"T": func(key string, args ...any) string {
			s, ok := env.Words[key]
			if !ok {
				return key
			}
			if len(args) > 0 {
				return fmt.Sprintf(s, args...)
			}
			return s
		},
		"markdownify": func(s string) template.HTML {
			if env.Markdownify == nil {
				return template.HTML(template.HTMLEscapeString(s))
			}
			return env.Markdownify(s)
		},
		"plainify": plainify,
		// The page's Content-Security-Policy, for baseof's meta element.
		"csp": cfg.CSP,
		"base64Encode": func(s any) string {
			return base64.StdEncoding.EncodeToString([]byte(fmt.Sprint(s)))
		},
		"truncate": truncateWords,
		"safeHTML": func(s string) template.HTML { return template.HTML(s) },
		"safeURL":  func(s string) template.URL { return template.URL(s) },
		"safeCSS":  func(s string) template.CSS { return template.CSS(s) },
		"safeJS":   func(s string) template.JS { return template.JS(s) },
		"jsonify": func(v any) (template.JS, error) {
			b, err := json.Marshal(v)
			return template.JS(b), err
		},
		// Small helpers.
		"dict":      dict,
		"slice":     func(xs ...any) []any { return xs },
		"first":     first,
		"default":   func(d, v any) any { return defaultOf(d, v) },
		"add":       func(a, b int) int { return a + b },
		"sub":       func(a, b int) int { return a - b },
		"seq":       seq,
		"upper":     strings.ToUpper,
		"lower":     strings.ToLower,
		"replace":   strings.ReplaceAll,
		"trim":      strings.Trim,
		"hasPrefix": strings.HasPrefix,
		"contains":  strings.Contains,
		"join":      strings.Join,
	}
}

func toFloat(x any) float64 {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	}
	return 0
}

// plainify is the text of s with its tags taken out, trimmed.
func plainify(s any) string {
	var str string
	switch v := s.(type) {
	case string:
		str = v
	case template.HTML:
		str = string(v)
	default:
		str = fmt.Sprint(s)
	}
	return strings.TrimSpace(stripTags(str))
}

// stripTags takes out what the pattern <[^>]*> matches: each < to the >
// after it. A text without tags is returned as it is; the leads of a
// list page's cards and of every page's description pass here.
func stripTags(s string) string {
	lt := strings.IndexByte(s, '<')
	if lt < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for lt >= 0 {
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			break // no tag closes here, nor after
		}
		b.WriteString(s[:lt])
		s = s[lt+gt+1:]
		lt = strings.IndexByte(s, '<')
	}
	b.WriteString(s)
	return b.String()
}

// truncateWords is the first n words of s, one space between each, and
// "…" when there were more: one string made, not one for each word.
func truncateWords(n int, s string) string {
	var b strings.Builder
	words := 0
	for {
		start := strings.IndexFunc(s, isWordRune)
		if start < 0 {
			return b.String()
		}
		s = s[start:]
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		switch {
		case words == n:
			b.WriteString("…")
			return b.String()
		case words == 0:
			b.Grow(len(s) + len("…"))
		default:
			b.WriteByte(' ')
		}
		b.WriteString(s[:end])
		words++
		s = s[end:]
	}
}

func isWordRune(r rune) bool { return !unicode.IsSpace(r) }

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs pairs of key and value")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict keys must be text")
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

func first(n int, xs any) (any, error) {
	v := reflect.ValueOf(xs)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("first needs a list")
	}
	return v.Slice(0, min(n, v.Len())).Interface(), nil
}

func defaultOf(d, v any) any {
	if v == nil {
		return d
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String, reflect.Slice, reflect.Map:
		if rv.Len() == 0 {
			return d
		}
	case reflect.Bool:
		if !rv.Bool() {
			return d
		}
	}
	return v
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}
