// Package theme is level 4 of Loa's pipeline: it loads html/template
// layouts, named by their path under layouts/, from the site's folder over
// the theme's, finds the layout for a page as Hugo does, and executes it:
// once through html/template, which escapes it, then through a runner of
// the escaped trees that spares text/template's reflection (exec.go).
//
// It imports diag, config and locale; nothing third-party.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	texttemplate "text/template"
	"text/template/parse"

	"loa/generator/diag"
)

// Layer is one folder of layouts. Layers given first win, file by file.
type Layer struct {
	FS      fs.FS  // the layouts folder itself
	Display string // its path for messages: "layouts" or "themes/default/layouts"
}

// Theme is a loaded set of layouts. It is safe for concurrent use.
type Theme struct {
	sets       map[string]*layout // page layout name → template ready to run
	run        *runner            // runs escaped layouts; nil: html/template runs them all
	slow       atomic.Int64       // runs through html/template of a layout ready for the runner
	display    map[string]string  // layout name → file shown in messages
	cache      *partCache         // partialCached: name and variants → HTML
	sum        uint64             // of every layout's name and text
	reads      map[string]reads   // page layout name → what it may read, see Reads
	readsAfter map[string]reads   // the same on a list's pagers after the first
}

// cached returns what partialCached keeps for the partial name and the
// variants, or keeps what render returns.
func (t *Theme) cached(name string, variants []any, render func() (template.HTML, error)) (template.HTML, error) {
	var buf [128]byte
	key := appendPartKey(buf[:0], name, variants)
	if h, ok := t.cache.get(key); ok {
		return h, nil
	}
	h, err := render()
	if err == nil {
		t.cache.put(key, h)
	}
	return h, err
}

// eachCached writes what partialCachedEach returns to w: the runner has
// it write a list's cards straight into the page, not joined first.
func (t *Theme) eachCached(w io.StringWriter, partial func(string, any) (template.HTML, error), name string, pages any, data map[string]any, variants []any) error {
	list := reflect.ValueOf(pages)
	switch {
	case !list.IsValid():
		return nil
	case list.Kind() != reflect.Slice && list.Kind() != reflect.Array:
		return fmt.Errorf("partialCachedEach needs a list of pages, not %T", pages)
	}
	key := append([]any{""}, variants...)
	for i := range list.Len() {
		p, ok := list.Index(i).Interface().(interface{ RelPermalink() string })
		if !ok {
			return fmt.Errorf("partialCachedEach: item %d of the list is not a page", i+1)
		}
		key[0] = p.RelPermalink()
		h, err := t.cached(name, key, func() (template.HTML, error) {
			d := make(map[string]any, len(data)+1)
			maps.Copy(d, data)
			d["p"] = p
			return partial(name, d)
		})
		if err != nil {
			return err
		}
		w.WriteString(string(h))
	}
	return nil
}

// ResetCache forgets what partialCached kept, for a new render.
func (t *Theme) ResetCache() { t.cache.reset() }

// Sum identifies the layouts' text: it changes when any layout does.
func (t *Theme) Sum() uint64 { return t.sum }

const baseof = "_default/baseof.html"

// Load parses every .html file of the layers. A layout that defines blocks
// ({{ define "main" }}) runs inside _default/baseof.html; partials are the
// files under partials/, called with {{ partial "name.html" . }}.
func Load(layers []Layer, funcs template.FuncMap) (*Theme, diag.List) {
	var diags diag.List
	t := &Theme{cache: newPartCache(), sets: map[string]*layout{}, display: map[string]string{}, reads: map[string]reads{}, readsAfter: map[string]reads{}}
	sources := map[string]string{}
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		err := fs.WalkDir(l.FS, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(name) != ".html" {
				return err
			}
			b, err := fs.ReadFile(l.FS, name)
			if err != nil {
				return err
			}
			sources[name] = string(b)
			t.display[name] = path.Join(l.Display, name)
			return nil
		})
		if err != nil && !isNotExist(err) {
			diags.Errorf(diag.Pos{File: l.Display}, "", "reading layouts: %v", err)
		}
	}
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
	}
	sort.Strings(names)
	h := fnv.New64a()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%s\x00", n, sources[n])
	}
	t.sum = h.Sum64()

	// One shared set holds baseof and the partials; every page layout is
	// parsed into its own clone, so that each may define "main" its own way.
	var partial func(name string, data any) (template.HTML, error)
	fm := template.FuncMap{
		"partial": func(name string, data any) (template.HTML, error) { return partial(name, data) },
		// partialCached renders a partial once per build for each set of
		// variants, as Hugo's does: a news card shown on a dozen list pages,
		// or the footer of every page, is made once.
		"partialCached": func(name string, data any, variants ...any) (template.HTML, error) {
			return t.cached(name, variants, func() (template.HTML, error) { return partial(name, data) })
		},
		// partialCachedEach is, in one call,
		// {{ range PAGES }}{{ partialCached NAME DATA+p .RelPermalink VARIANTS… }}{{ end }}
		// with DATA+p the dict DATA with the page added as "p": a list
		// page shows ten cards, and one kept from another page then costs
		// a lookup, not three calls through reflection and a new dict.
		"partialCachedEach": func(name string, pages any, data map[string]any, variants ...any) (template.HTML, error) {
			var b strings.Builder
			err := t.eachCached(&b, partial, name, pages, data, variants)
			return template.HTML(b.String()), err
		},
	}
	for k, v := range funcs {
		fm[k] = v
	}
	common := template.New("").Funcs(fm)
	for _, n := range names {
		if n == baseof || strings.HasPrefix(n, "partials/") {
			if _, err := common.New(n).Parse(sources[n]); err != nil {
				diags.Append(t.errorOf(err))
			}
		}
	}
	fold(common, fm)
	t.run = newRunner(fm)
	if t.run != nil {
		t.run.streams = map[string]stream{
			"partialCachedEach": func(w *bytes.Buffer, argv []reflect.Value) error {
				data, _ := anyOf(argv[2]).(map[string]any)
				variants := make([]any, len(argv)-3)
				for i, v := range argv[3:] {
					variants[i] = anyOf(v)
				}
				return t.eachCached(w, partial, argv[0].String(), anyOf(argv[1]), data, variants)
			},
		}
	}
	partials := map[string]*layout{}
	for _, p := range common.Templates() {
		if n := p.Name(); strings.HasPrefix(n, "partials/") {
			partials[n] = newLayout(p)
		}
	}
	partial = func(name string, data any) (template.HTML, error) {
		p, ok := partials["partials/"+name]
		if !ok {
			return "", fmt.Errorf("partial %q not found in layouts/partials/", name)
		}
		b := partialBuffers.Get().(*bytes.Buffer)
		defer partialBuffers.Put(b)
		b.Reset()
		if err := t.exec(b, p, data); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil
	}
	if diags.HasErrors() {
		return nil, diags
	}
	for _, n := range names {
		if n == baseof || strings.HasPrefix(n, "partials/") || strings.HasPrefix(n, shortcodeDir) {
			continue // shortcodes are LoadShortcodes's, run while pages are parsed
		}
		set, err := common.Clone()
		var before *parse.Tree // the Tree of a template changes in place when redefined
		if err == nil {
			if m := set.Lookup("main"); m != nil {
				before = m.Tree
			}
			_, err = set.New(n).Parse(sources[n])
		}
		if err != nil {
			diags.Append(t.errorOf(err))
			continue
		}
		fold(set, fm)
		// A layout that defines "main" runs inside baseof; one that does
		// not is a whole page of its own.
		entry := n
		if main := set.Lookup("main"); main != nil && set.Lookup(baseof) != nil && main.Tree != before {
			entry = baseof
		}
		set = set.Lookup(entry)
		t.sets[n] = newLayout(set)
		t.reads[n] = readsOf(set, false)
		t.readsAfter[n] = readsOf(set, true)
	}
	return t, diags
}

// partialBuffers hold a partial's output until it is copied into the
// string the caller gets: a page calls a dozen partials, and buffers grown
// anew for each were a fifth of what a build allocated.
var partialBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// Has reports whether a layout exists.
func (t *Theme) Has(name string) bool { _, ok := t.sets[name]; return ok }

// Lookup returns the first of the candidate layouts that exists.
func (t *Theme) Lookup(candidates []string) (string, bool) {
	for _, c := range candidates {
		if t.Has(c) {
			return c, true
		}
	}
	return "", false
}

// Execute runs a layout. A failure is a diagnostic at the template's line.
func (t *Theme) Execute(w io.Writer, name string, data any) diag.List {
	l, ok := t.sets[name]
	if !ok {
		var d diag.List
		d.Errorf(diag.Pos{File: "layouts/" + name}, "", "no layout %s", name)
		return d
	}
	if err := t.exec(w, l, data); err != nil {
		d := t.errorOf(err)
		for i := range d {
			d[i].Hint = "the layout failed while rendering: check the fields and functions used on this line"
		}
		return d
	}
	return nil
}

// A layout is a template to run: through html/template until it has run
// once, which escapes it, then through the runner.
type layout struct {
	html  *template.Template
	text  *texttemplate.Template // underneath html, with the escaped trees
	ready atomic.Bool            // html/template has escaped it
}

func newLayout(t *template.Template) *layout { return &layout{html: t, text: textOf(t)} }

// exec runs a layout into w. The runner gives the same output as
// html/template, or gives up before writing; html/template then runs it
// and says what is wrong.
func (t *Theme) exec(w io.Writer, l *layout, data any) error {
	if l.ready.Load() {
		if b, ok := w.(*bytes.Buffer); ok && t.run != nil && l.text != nil && t.run.run(b, l.text, data) == nil {
			return nil
		}
		t.slow.Add(1)
	}
	err := l.html.Execute(w, data)
	if err == nil {
		l.ready.Store(true)
	}
	return err
}

// Slow counts the layouts and partials run through html/template since the
// theme was loaded, other than the first run of each: what the runner gave
// up, or all of them without a runner. The default theme has none.
func (t *Theme) Slow() int64 { return t.slow.Load() }

// templateErr reads the template name and line from the text of
// text/template's errors: the package offers them in no other form.
var templateErr = regexp.MustCompile(`template: ([^:]+):(\d+):(?:(\d+):)? (.*)`)

func (t *Theme) errorOf(err error) diag.List {
	var diags diag.List
	msg := err.Error()
	pos := diag.Pos{File: "layouts"}
	if m := templateErr.FindStringSubmatch(msg); m != nil {
		pos.File = m[1]
		if d, ok := t.display[m[1]]; ok {
			pos.File = d
		}
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	diags.Errorf(pos, "check the template syntax at this line: {{ … }} actions, matching {{ end }}, function names and fields", "template: %s", msg).Vi(
		"kiểm tra cú pháp mẫu ở dòng này: các cặp {{ … }}, {{ end }} tương ứng, tên hàm và tên trường",
		"lỗi trong mẫu giao diện: %s", msg)
	return diags
}
