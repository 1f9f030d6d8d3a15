// Package page is level 2 of Loa's pipeline: it turns the bytes of one
// content file into a parsed page: front matter (TOML or YAML, keeping the
// line offset of every key) and Markdown rendered to HTML.
//
// A parsed page depends only on its own bytes and the configuration, so the
// builder can cache it by content hash. Links and images that point at other
// files are left as numbered tokens in the HTML (see Ref): the site model
// knows where those files are published and fills them in.
//
// It imports diag, config, vi, locale, github.com/yuin/goldmark,
// github.com/BurntSushi/toml and go.yaml.in/yaml/v3.
package page

import (
	"bytes"
	"hash/fnv"
	"path"
	"slices"
	"strings"
	"time"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/shortcode"
	"loa/generator/vi"
)

// Page is one parsed content file. Nothing changes it after Parse.
type Page struct {
	File string // slash path from the site root: "content/tin-tuc/a/index.en.md"
	Lang string // the language it is written in: "vi", "en" (see config.ContentLang)
	// Path is the file as its language's site reads it, the language's
	// suffix and content folder taken off: "content/tin-tuc/a/index.md".
	// Translations of a page share it.
	Path     string
	Section  string // content folder of the section it belongs to: "tin-tuc"; "" for the home
	Name     string // file name without .md, or the bundle's folder name
	IsIndex  bool   // an _index.md: the page of a section (or of the home)
	IsBundle bool   // an index.md: a page bundle whose folder holds its files
	Dir      string // content folder of the file itself: "tin-tuc/a"

	Title       string
	Description string // the lead paragraph ("sapo")
	Summary     string // plain text: front matter summary, else the first words of the body
	Date        time.Time
	PublishDate time.Time
	Lastmod     time.Time
	ExpiryDate  time.Time
	Draft       bool
	Slug        string
	URL         string
	Aliases     []string
	Authors     []string
	Images      []string
	Weight      int
	Layout      string
	Type        string
	Terms       map[string][]string // taxonomy plural name → terms as written
	Campaigns   []string
	Campaign    *Campaign // the [campaign] table of a campaign section's _index.md
	// TranslationKey links translations whose files do not share a path.
	TranslationKey string
	Params         map[string]any

	FrontHash uint64 // of the front matter's text: what lists and feeds may show changes with it

	Content   string // HTML with Ref tokens; "" in a page that Pack compressed: read Body
	Refs      []Ref
	TOC       []Heading
	WordCount int

	keys   []keyPos // where each front matter key is written, by key
	packed *packed  // the HTML, when Pack compressed it
	kept   *kept    // where the HTML is, when Kept left it in a file
}

// Heading is an entry of the table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// keyPos is where a key of the front matter is written in the page's file:
// a list of them takes half the memory of a map to positions (the live
// heap of an assembled 100,000-item site: 492 MB with the map, 473 MB).
type keyPos struct {
	key       string
	line, col int32
}

// KeyPos returns where the front matter key is written, or the file's first
// line when it is not there.
func (p *Page) KeyPos(key string) diag.Pos {
	if i, ok := p.keyIndex(key); ok {
		return diag.Pos{File: p.File, Line: int(p.keys[i].line), Col: int(p.keys[i].col)}
	}
	return diag.Pos{File: p.File, Line: 1, Col: 1}
}

func (p *Page) keyIndex(key string) (int, bool) {
	return slices.BinarySearchFunc(p.keys, key, func(k keyPos, key string) int { return strings.Compare(k.key, key) })
}

// setKeyPos records where key is written, in its place among the keys.
func (p *Page) setKeyPos(key string, pos diag.Pos) {
	k := keyPos{key, int32(pos.Line), int32(pos.Col)}
	if i, ok := p.keyIndex(key); ok {
		p.keys[i] = k
	} else {
		p.keys = slices.Insert(p.keys, i, k)
	}
}

// Parse turns the bytes of the content file at file (slash path from the
// site root, starting with "content/") into a page. It never panics on bad
// input: every problem is a diagnostic with a position.
func (p *Parser) Parse(file string, src []byte) (*Page, diag.List) {
	pg, _, diags := p.parse(file, src, false)
	return pg, diags
}

// ParseWithProof is Parse that also reads the file for the proofreader:
// the Proof that Proof returns for the same bytes, made from the page's
// own Markdown where it can (see Proof). The Proof does not depend on
// whether the page parsed: a file with errors may still have one. As with
// Proof, src must not change after.
func (p *Parser) ParseWithProof(file string, src []byte) (*Page, *Proof, diag.List) {
	return p.parse(file, src, true)
}

func (p *Parser) parse(file string, src []byte, proof bool) (*Page, *Proof, diag.List) {
	var diags diag.List
	src = cleanSource(src)
	nfc, bad := vi.ValidNFCBytes(src)
	if bad >= 0 {
		line, col := diag.LineCol(src, bad)
		diags.Errorf(diag.Pos{File: file, Line: line, Col: col},
			"save the file with the UTF-8 encoding (in Notepad++: Encoding → UTF-8)",
			"the file is not valid UTF-8 text").Vi(
			"lưu tệp với bảng mã UTF-8 (trong Notepad++: Encoding → UTF-8)",
			"tệp không phải văn bản UTF-8 hợp lệ")
		return nil, nil, diags
	}
	src = nfc
	pg := &Page{File: file, Path: file, Terms: map[string][]string{}, Params: map[string]any{}, keys: []keyPos{}}
	if lang, logical, ok := p.cfg.ContentLang(file); ok {
		pg.Lang, pg.Path = lang, logical
	}
	pg.locate()

	fm, body, bodyLine, d := splitFrontMatter(file, src)
	diags.Append(d)
	if d.HasErrors() {
		return nil, nil, diags
	}
	var pr *Proof
	if proof {
		pr = &Proof{}
	}
	if fm != nil {
		fd := p.frontMatter(pg, fm)
		diags.Append(fd)
		h := fnv.New64a()
		h.Write(fm.text)
		pg.FrontHash = h.Sum64()
		if fd.HasErrors() {
			pr = nil
		} else if pr != nil {
			pr.fields(pg, src[:len(src)-len(body)]) // before render gives the page a summary of its body
		}
	}
	walk := pr // the proof read from the page's own Markdown
	if pr != nil && shortcode.Contains(body) {
		// The page reads the output of its shortcodes, the proofreader
		// a mark for each tag: two texts for goldmark.
		pr, walk = p.proofBody(pr, pg, body, bodyLine), nil
	}
	r := p.render(pg, body, bodyLine, walk)
	diags.Append(r)
	if diags.HasErrors() {
		return nil, pr, diags
	}
	if pg.Title == "" && !pg.IsIndex {
		pg.Title = strings.ReplaceAll(pg.Name, "-", " ")
	}
	return pg, pr, diags
}

// Parser parses content files for one configuration. It is safe for
// concurrent use.
type Parser struct {
	cfg *config.Config
	md  *markdown
	sc  Shortcodes // the site's shortcode templates, or nil
	// glossary explains the first use of each abbreviation (see Glossary).
	glossary Glossary
	zones    *tomlZones // for Decode
}

// NewParser returns a parser for cfg.
func NewParser(cfg *config.Config) *Parser {
	return &Parser{cfg: cfg, md: newMarkdown(cfg.Unsafe), zones: newTOMLZones()}
}

// locate fills in the names that follow from the file's path in its
// language.
func (pg *Page) locate() {
	rel := strings.TrimPrefix(pg.Path, "content/")
	dir, base := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	pg.Dir = dir
	switch base {
	case "_index.md":
		pg.IsIndex = true
		pg.Section = dir
		pg.Name = path.Base(dir)
		if dir == "" {
			pg.Name = ""
		}
	case "index.md":
		pg.IsBundle = true
		pg.Name = path.Base(dir)
		pg.Section = parentDir(dir)
	default:
		pg.Name = strings.TrimSuffix(base, path.Ext(base))
		pg.Section = dir
	}
}

func parentDir(dir string) string {
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		return dir[:i]
	}
	return ""
}

// cleanSource drops a UTF-8 byte order mark, turns CRLF and lone CR into LF
// and removes the token byte so that content cannot forge a Ref token.
func cleanSource(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if bytes.IndexByte(src, tokenByte) >= 0 {
		src = bytes.ReplaceAll(src, []byte{tokenByte}, nil)
	}
	return src
}
