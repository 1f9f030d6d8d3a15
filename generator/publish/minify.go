package publish

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"
)

// Media types Loa minifies, as MediaType reports them.
const (
	typeHTML = "text/html"
	typeCSS  = "text/css"
	typeJS   = "application/javascript"
	typeSVG  = "image/svg+xml"
	typeJSON = "application/json"
	typeXML  = "application/xml"
)

// Minifier minifies output files by media type. It is configured once by
// NewMinifier and safe for concurrent use.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier for HTML, CSS, JavaScript, SVG, JSON and
// XML. The HTML minifier hands the contents of <style>, <script> (including
// JSON-LD, modules and import maps), inline SVG and style/on* attributes to
// the others, so these are registered under every media type it may ask for.
func NewMinifier() *Minifier {
	m := minify.New()
	// Document and end tags stay: the pages remain plainly valid HTML5 for
	// the W3C checker and readable in "view source", for a few bytes.
	m.Add(typeHTML, &html.Minifier{KeepDocumentTags: true, KeepEndTags: true})
	// The css and svg Minifier structs keep per-call state in their fields,
	// so they are registered as functions that build a fresh one per call.
	m.AddFunc(typeCSS, css.Minify)
	m.AddFunc(typeSVG, svg.Minify)
	m.AddFunc(typeJS, js.Minify)
	m.AddFunc("module", js.Minify) // <script type=module>
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFunc(typeJSON, json.Minify)
	m.AddFunc("importmap", json.Minify)
	m.AddFunc("speculationrules", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify) // application/ld+json
	m.AddFunc(typeXML, xml.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify) // RSS, Atom, MathML
	return &Minifier{m: m}
}

// MediaType returns the media type Loa uses for a file name, chosen by its
// extension (case-insensitive), or "" for a file Loa does not minify.
func MediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return typeHTML
	case ".css":
		return typeCSS
	case ".js", ".mjs":
		return typeJS
	case ".svg":
		return typeSVG
	case ".json", ".webmanifest":
		return typeJSON
	case ".xml":
		return typeXML
	}
	return ""
}

// MinifyTo appends the minified bytes of the file called name to w, for a
// caller that reuses its buffers; files of a type MediaType does not know
// are appended unchanged. It is safe for concurrent use.
func (m *Minifier) MinifyTo(w *bytes.Buffer, name string, data []byte) error {
	mt := MediaType(name)
	if mt == "" {
		w.Write(data)
		return nil
	}
	// The parse package's reader hands the minifier data itself; a
	// bytes.Reader would be read into a copy first.
	if err := m.m.Minify(mt, w, buffer.NewReader(data)); err != nil {
		return fmt.Errorf("minify %s: %w", name, err)
	}
	return nil
}

// Minify returns the minified bytes of the file called name; files of a type
// MediaType does not know are returned unchanged. It is safe for concurrent
// use.
func (m *Minifier) Minify(name string, data []byte) ([]byte, error) {
	if MediaType(name) == "" {
		return data, nil
	}
	out := bytes.NewBuffer(make([]byte, 0, len(data)))
	if err := m.MinifyTo(out, name, data); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
