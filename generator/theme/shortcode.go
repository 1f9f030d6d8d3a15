package theme

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"loa/generator/diag"
)

// shortcodeDir holds shortcode templates: layouts/shortcodes/NAME.html.
const shortcodeDir = "shortcodes/"

// Shortcodes are the shortcode templates of a site and its theme, the
// site's winning by name. The page parser runs them (through the build),
// before any layout: they are loaded apart from the layouts. It is safe for
// concurrent use.
type Shortcodes struct {
	sets    map[string]*template.Template // name → template
	display map[string]string             // name → file shown in messages
	sum     uint64
	digest  [32]byte
}

// LoadShortcodes parses layouts/shortcodes/*.html of every layer.
func LoadShortcodes(layers []Layer, funcs template.FuncMap) (*Shortcodes, diag.List) {
	var diags diag.List
	s := &Shortcodes{sets: map[string]*template.Template{}, display: map[string]string{}}
	sources := map[string]string{}
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		err := fs.WalkDir(l.FS, strings.TrimSuffix(shortcodeDir, "/"), func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(name) != ".html" {
				return err
			}
			b, err := fs.ReadFile(l.FS, name)
			if err != nil {
				return err
			}
			short := strings.TrimSuffix(strings.TrimPrefix(name, shortcodeDir), ".html")
			sources[short] = string(b)
			s.display[short] = path.Join(l.Display, name)
			return nil
		})
		if err != nil && !isNotExist(err) {
			diags.Errorf(diag.Pos{File: path.Join(l.Display, shortcodeDir)}, "", "reading shortcodes: %v", err)
		}
	}
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
	}
	sort.Strings(names)
	h, d := fnv.New64a(), sha256.New()
	fm := template.FuncMap{
		"partial": func(name string, _ any) (template.HTML, error) {
			return "", fmt.Errorf("partial %q: shortcodes cannot call partials in Loa", name)
		},
	}
	for k, v := range funcs {
		fm[k] = v
	}
	t := &Theme{display: map[string]string{}} // for errorOf
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%s\x00", n, sources[n])
		fmt.Fprintf(d, "%d:%s%d:%s%d:%s", len(n), n, len(s.display[n]), s.display[n], len(sources[n]), sources[n])
		t.display[shortcodeDir+n+".html"] = s.display[n]
		set, err := template.New(shortcodeDir + n + ".html").Funcs(fm).Parse(sources[n])
		if err != nil {
			diags.Append(t.errorOf(err))
			continue
		}
		s.sets[n] = set
	}
	s.sum = h.Sum64()
	d.Sum(s.digest[:0])
	return s, diags
}

// Has reports whether a shortcode template exists.
func (s *Shortcodes) Has(name string) bool { _, ok := s.sets[name]; return ok }

// Names lists the shortcode templates.
func (s *Shortcodes) Names() []string {
	names := make([]string, 0, len(s.sets))
	for n := range s.sets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Sum identifies the shortcode templates' text: parsed pages depend on it.
func (s *Shortcodes) Sum() uint64 { return s.sum }

// Digest identifies the templates as Sum does, and the files they come
// from (named in messages), with a hash safe to keep in a cache on disk.
func (s *Shortcodes) Digest() [32]byte { return s.digest }

// Execute runs a shortcode template with data as its dot. The error names
// the template's file and line.
func (s *Shortcodes) Execute(name string, data any) (string, error) {
	set, ok := s.sets[name]
	if !ok {
		return "", fmt.Errorf("no shortcode template %s", name)
	}
	var b bytes.Buffer
	if err := set.Execute(&b, data); err != nil {
		msg := err.Error()
		if d, ok := s.display[name]; ok {
			msg = strings.Replace(msg, shortcodeDir+name+".html", d, 1)
		}
		return "", fmt.Errorf("%s", strings.TrimPrefix(msg, "template: "))
	}
	return b.String(), nil
}
