package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

type runPage struct {
	Title  string
	Count  int
	Big    uint8
	Tags   []string
	Params map[string]any
	Next   *runPage
	When   time.Time
	Attrs  map[string]int
	Safe   template.HTML
	inner  string
	items  []*runPage
}

func (p *runPage) Permalink() string           { return "https://loa.example/" + strings.ToLower(p.Title) + "/" }
func (p *runPage) Greet(name string) string    { return "Chào " + name }
func (p *runPage) Pair(a string, n int) string { return a + strings.Repeat("!", n) }
func (p *runPage) Fail() (string, error)       { return "", errors.New("hỏng") }
func (p *runPage) Items() []*runPage           { return []*runPage{{Title: "Một"}, {Title: "Hai"}} }
func (p runPage) Upper() string                { return strings.ToUpper(p.Title) }
func (p *runPage) Maybe(ok bool) *runPage      { return map[bool]*runPage{true: p}[ok] }
func (p *runPage) Sum(xs ...int) (n int)       { return sumInts(xs) }
func sumInts(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}

var runFuncs = template.FuncMap{
	"upper": strings.ToUpper,
	"join":  strings.Join,
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"add":      func(a, b int) int { return a + b },
	"safeHTML": func(s string) template.HTML { return template.HTML(s) },
	"half":     func(x float64) float64 { return x / 2 },
	"boom":     func() string { panic("boom") },
	"maybe":    func(s string) (string, error) { return s, map[bool]error{true: errors.New("rỗng")}[s == ""] },
	"slice":    func(xs ...any) []any { return xs },
	"show":     func(x any) string { return fmt.Sprint(x) },
	"safe":     func(s string) template.HTML { return template.HTML(s) },
	"isoDay":   func(t time.Time) string { return t.Format("2006-01-02") },
}

func runData() *runPage {
	return &runPage{
		Title: "Đắk Lắk", Count: 3, Big: 200, Tags: []string{"bình đẳng giới", "an sinh"},
		Params: map[string]any{"image": "/a.jpg", "n": 2, "list": []any{"x", 1, true}, "zero": 0, "nested": map[string]any{"k": "v"}},
		Next:   &runPage{Title: "Tin sau"},
		When:   time.Date(2023, 2, 17, 14, 45, 0, 0, time.UTC),
		Attrs:  map[string]int{"b": 2, "a": 1, "c": 3},
		Safe:   "<b>đậm</b>",
		items:  []*runPage{{Title: "Một"}, {Title: "Hai"}},
	}
}

// The runner must write what html/template writes, for every construct a
// layout uses, without giving up.
func TestRunnerMatchesHTMLTemplate(t *testing.T) {
	cases := map[string]string{
		"fields and methods":    `<h1>{{ .Title }}</h1><a href="{{ .Permalink }}">{{ .Upper }}</a>{{ .Next.Title }}`,
		"method arguments":      `{{ .Greet "Hà" }} {{ .Pair "a" 3 }} {{ .Sum 1 2 3 }} {{ .Sum }} {{ "x" | .Greet }}`,
		"map entries":           `{{ .Params.image }} {{ .Params.n }} {{ .Params.nested.k }} [{{ .Params.none }}]`,
		"range slice":           `{{ range $i, $t := .Tags }}{{ $i }}={{ $t }};{{ end }}{{ range .Tags }}<{{ . }}>{{ end }}`,
		"range else":            `{{ range .Params.none }}x{{ else }}trống{{ end }}{{ range .Next.Tags }}y{{ else }}không{{ end }}`,
		"range map sorted":      `{{ range $k, $v := .Attrs }}{{ $k }}{{ $v }}{{ end }}{{ range .Attrs }}{{ . }}{{ end }}`,
		"range int":             `{{ range 3 }}{{ . }}{{ end }}`,
		"range any list":        `{{ range .Params.list }}[{{ . }}]{{ end }}`,
		"break continue":        `{{ range $i, $e := .Tags }}{{ if eq $i 0 }}{{ continue }}{{ end }}{{ $e }}{{ break }}{{ end }}`,
		"if else":               `{{ if .Params.zero }}a{{ else if .Count }}b{{ else }}c{{ end }}{{ if not .Tags }}d{{ end }}`,
		"with else with":        `{{ with .Params.none }}a{{ else with .Next }}{{ .Title }}{{ end }}{{ with .Title }}{{ . }}{{ end }}`,
		"variables":             `{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 5 }}{{ $y }}{{ end }}{{ $x }}{{ with .Next }}{{ $.Title }}{{ end }}`,
		"variable chains":       `{{ $p := .Next }}{{ $p.Title }}{{ $n := .Params }}{{ $n.image }}`,
		"and or":                `{{ and 1 0 2 }} {{ or 0 "" "x" }} {{ and .Title .Count }} {{ or .Params.none "mặc định" }} {{ or 1 boom }}`,
		"comparisons":           `{{ eq .Count 3 }} {{ eq .Big 200 }} {{ eq .Title "khác" "Đắk Lắk" }} {{ eq .Title "khác" }} {{ ne 1 2 }} {{ lt "a" "b" }} {{ le 2 2 }} {{ gt 1.5 1.2 }} {{ ge 1 2 }}`,
		"len index":             `{{ len .Tags }} {{ index .Tags 1 }} {{ index .Params "n" }} {{ index .Attrs "z" }} {{ len .Params }}`,
		"print family":          `{{ printf "%s có %d" .Title .Count }} {{ print 1 "a" }} {{ println "x" }} {{ "y" | printf "%s-%s" "z" }}`,
		"functions":             `{{ upper .Title }} {{ join .Tags ", " }} {{ add 1 .Count }} {{ half 3 }} {{ .Title | upper }} {{ maybe "có" }}`,
		"dict and partial-like": `{{ $d := dict "p" . "h" 3 }}{{ $d.h }} {{ $d.p.Title }} {{ with $d.p }}{{ .Count }}{{ end }}`,
		"chains":                `{{ (.Maybe true).Title }} {{ (index .Params "nested").k }} {{ (slice 1 2) }}`,
		"pipelines":             `{{ .Title | printf "%q" }} {{ (add 1 2) | add 3 }} {{ .Count | add 1 | printf "%d" }}`,
		"contexts":              `<a href="{{ .Permalink }}?q={{ .Title }}" title="{{ .Title }}" data-n="{{ .Count }}">x</a><script>var t = {{ .Title }}, n = {{ .Tags }};</script><style>p{color:{{ "red" }}}</style><img srcset="{{ .Params.image }} 2x">`,
		"typed html":            `{{ .Safe }} <p title="{{ .Safe }}">{{ safe "<i>x</i>" }}</p>`,
		"dates":                 `{{ isoDay .When }} {{ .When.Year }} {{ .When.IsZero }}`,
		"constants":             `{{ 1.0 }} {{ 1e3 }} {{ 0x10 }} {{ 'a' }} {{ true }} {{ "s" }} {{ -2 }}`,
		"nil arguments":         `{{ show .Params.none }} {{ show nil }}`,
		"templates":             `{{ define "x" }}<b>{{ . }}</b>{{ end }}{{ template "x" .Title }}<p title="{{ template "x" .Title }}">{{ block "y" .Count }}[{{ . }}]{{ end }}</p>`,
		"comments trims":        `{{/* a comment */}} a {{- " b " -}} c`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			std, fast, err := runBoth(t, src, runData())
			if err != nil {
				t.Fatalf("the runner gave up (%v) on what html/template writes as %q", err, std)
			}
			if fast != std {
				t.Errorf("runner:\n%s\nhtml/template:\n%s", fast, std)
			}
		})
	}
}

// runBoth runs src through html/template, then, escaped, through a runner.
func runBoth(t *testing.T, src string, data any) (std, fast string, err error) {
	t.Helper()
	tm := template.Must(template.New("t").Funcs(runFuncs).Parse(src))
	var b bytes.Buffer
	if err := tm.Execute(&b, data); err != nil {
		t.Fatalf("html/template: %v", err)
	}
	r := newRunner(runFuncs)
	if r == nil {
		t.Fatal("no runner: html/template's escapers cannot be read on this Go release")
	}
	var f bytes.Buffer
	f.WriteString("avant:")
	err = r.run(&f, textOf(tm), data)
	if !strings.HasPrefix(f.String(), "avant:") {
		t.Fatalf("the runner lost what the buffer held: %q", f.String())
	}
	return b.String(), strings.TrimPrefix(f.String(), "avant:"), err
}

// bodyPage is a page that appends its Content, as site.Node does.
type bodyPage struct {
	html            string
	Next            *bodyPage
	reads, appended *int
}

func (p *bodyPage) Content() string { *p.reads++; return p.html }
func (p *bodyPage) AppendContent(dst, raw []byte) ([]byte, []byte) {
	*p.appended++
	return append(dst, p.html...), raw
}

// TestRunnerAppendsContent: {{ safeHTML .Content }} prints what
// html/template prints, appended to the page rather than read as a string,
// on the page itself and on one reached from it; elsewhere Content is read.
func TestRunnerAppendsContent(t *testing.T) {
	reads, appended := 0, 0
	body := `<p>Tháng hành động vì <b>bình đẳng giới</b> &amp; phòng, chống bạo lực</p>`
	data := &bodyPage{html: body, reads: &reads, appended: &appended,
		Next: &bodyPage{html: "<p>Tin sau</p>", reads: &reads, appended: &appended}}
	src := `<main>{{ safeHTML .Content }}</main>{{ safeHTML .Next.Content }}{{ with .Next }}{{ safeHTML .Content }}{{ end }}<i title="{{ safeHTML .Content }}">{{ .Next.Content }}</i>`
	std, fast, err := runBoth(t, src, data)
	if err != nil || fast != std {
		t.Fatalf("runner (%v):\n%s\nhtml/template:\n%s", err, fast, std)
	}
	// html/template read Content 5 times; the runner appended 3 and read
	// the 2 in an attribute and escaped as text.
	if reads != 7 || appended != 3 {
		t.Errorf("Content read %d times and appended %d times, want 7 and 3", reads, appended)
	}
}

// Where the runner gives up, nothing of its own stays in the output, and
// a layout run through Theme gives html/template's output or error.
func TestRunnerGivesUpCleanly(t *testing.T) {
	cases := map[string]struct{ src, want, err string }{
		"error from a method":                 {src: `a{{ .Fail }}`, err: "error calling Fail: hỏng"},
		"error from a function":               {src: `a{{ maybe "" }}`, err: "error calling maybe: rỗng"},
		"unknown field":                       {src: `a{{ .Nope }}`, err: "can't evaluate field Nope"},
		"nil pointer":                         {src: `a{{ .Next.Next.Title }}`, err: "nil pointer evaluating"},
		"panic":                               {src: `a{{ boom }}`, err: "boom"},
		"bad comparison":                      {src: `a{{ eq .Title 1 }}`, err: "incompatible types for comparison"},
		"index out of range":                  {src: `a{{ index .Tags 5 }}`, err: "index out of range"},
		"call builtin":                        {src: `{{ call .Params.none }}`, err: "call of nil"},
		"unexported field":                    {src: `{{ .inner }}`, err: "unexported field"},
		"range over a number of a named type": {src: `{{ range .Big }}{{ . }}{{ end }}`, want: rangeBig()},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{"_default/single.html": {Data: []byte(c.src)}}
			tm, d := Load([]Layer{{FS: fsys, Display: "layouts"}}, runFuncs)
			if d.HasErrors() {
				t.Fatal(d)
			}
			for i := 0; i < 2; i++ { // the second run is the runner's
				var b bytes.Buffer
				b.WriteString("avant:")
				d := tm.Execute(&b, "_default/single.html", runData())
				if c.err != "" {
					if !d.HasErrors() || !strings.Contains(d.Err().Error(), c.err) {
						t.Fatalf("run %d: want an error with %q, got %v (output %q)", i+1, c.err, d, b.String())
					}
					continue
				}
				if got := strings.TrimPrefix(b.String(), "avant:"); d.HasErrors() || got != c.want {
					t.Fatalf("run %d: got %q, %v; want %q", i+1, got, d, c.want)
				}
			}
		})
	}
}

func rangeBig() string {
	var b strings.Builder
	for i := range 200 {
		b.WriteString(strconv.Itoa(i))
	}
	return b.String()
}

// BenchmarkRunner runs a card list like the default theme's, once through
// html/template and once through the runner, on the same escaped tree.
func BenchmarkRunner(b *testing.B) {
	src := `{{ range .Items }}<article class="card"><h3><a href="{{ .Permalink }}">{{ .Title }}</a></h3>` +
		`{{ with $.When }}<time datetime="{{ isoDay . }}">{{ .Year }}</time>{{ end }}` +
		`<p title="{{ $.Title }}">{{ join $.Tags ", " }} {{ if eq $.Count 3 }}ba{{ end }} {{ $.Params.image }}</p></article>{{ end }}`
	tm := template.Must(template.New("t").Funcs(runFuncs).Parse(src))
	data := runData()
	var w bytes.Buffer
	if err := tm.Execute(&w, data); err != nil {
		b.Fatal(err)
	}
	r := newRunner(runFuncs)
	text := textOf(tm)
	b.Run("html/template", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.Reset()
			tm.Execute(&w, data)
		}
	})
	b.Run("runner", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.Reset()
			if err := r.run(&w, text, data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzRunner: on any layout html/template runs without an error, the
// runner writes the same bytes or gives up. `go test -fuzz FuzzRunner
// ./generator/theme` explores beyond the seeds.
func FuzzRunner(f *testing.F) {
	for _, src := range []string{
		`{{ .Title }}{{ range $i, $t := .Tags }}{{ $i }}{{ $t }}{{ else }}-{{ end }}`,
		`{{ with .Next }}{{ .Title }}{{ else with .Params }}{{ .n }}{{ end }}`,
		`{{ $x := 1 }}{{ if .Count }}{{ $x = .Count }}{{ end }}{{ $x }}{{ and .Count .Title }}{{ or 0 .Big }}`,
		`<a href="{{ .Permalink }}" title="{{ index .Tags 0 }}">{{ printf "%d-%s" .Count .Title }}</a>`,
		`{{ range .Attrs }}{{ . }}{{ end }}{{ range $k, $v := .Params }}{{ $k }}{{ end }}{{ len .Attrs }}`,
		`<script>var x = {{ .Params }};</script>{{ eq .Count 3 4 }}{{ lt .Big 9 }}{{ not .Safe }}`,
		`{{ define "x" }}[{{ . }}]{{ end }}{{ template "x" .Count }}<i title="{{ template "x" .Title }}"></i>`,
		`{{ .Greet (upper .Title) }}{{ .Sum 1 2 }}{{ (.Maybe false).Title }}{{ .Items | len }}`,
		`{{ range 3 }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}{{ range .Tags }}{{ break }}{{ end }}`,
	} {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tm, err := template.New("t").Funcs(runFuncs).Parse(src)
		if err != nil {
			return
		}
		data := runData()
		var b bytes.Buffer
		if tm.Execute(&b, data) != nil {
			return
		}
		r := newRunner(runFuncs)
		var got bytes.Buffer
		if r.run(&got, textOf(tm), data) == nil && got.String() != b.String() {
			t.Errorf("%s\nrunner:        %q\nhtml/template: %q", src, got.String(), b.String())
		}
	})
}
