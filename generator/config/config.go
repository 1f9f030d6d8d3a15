// Package config is level 1 of Loa's pipeline: it turns config.toml into an
// immutable site configuration. Unknown keys and wrong types are errors with
// the file, line and column of the key.
//
// It imports diag, vi (for the time zone) and github.com/BurntSushi/toml.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"loa/generator/diag"
	"loa/generator/vi"
)

// File is the name of the configuration file at the site root.
const File = "config.toml"

// Config is a site's configuration. Load returns it complete, with defaults
// filled in; nothing changes it afterwards.
type Config struct {
	BaseURL       *url.URL // always ends in "/"
	Title         string
	LanguageCode  string // "vi" unless set; selects the i18n file
	TimeZone      string
	Location      *time.Location
	PagerSize     int
	SummaryLength int    // words in an automatic summary
	Theme         string // folder under themes/; "default" is embedded
	Copyright     string
	Unsafe        bool              // keep raw HTML in Markdown
	Permalinks    map[string]string // section → pattern such as "/:section/:year/:slug/"
	Taxonomies    []Taxonomy        // sorted by plural name
	Menus         map[string][]MenuEntry
	Params        map[string]any
	Images        Images   // [images]: the photo pipeline
	Security      Security // [security]: symbolic links, file sizes, Content-Security-Policy

	BuildDrafts  bool
	BuildFuture  bool
	BuildExpired bool
}

// Taxonomy names a way of grouping pages, such as category/categories.
type Taxonomy struct {
	Singular string // "category"
	Plural   string // "categories": the front matter key and the URL segment
}

// MenuEntry is one link of a menu.
type MenuEntry struct {
	Name       string
	URL        string
	Weight     int
	Identifier string
}

// file mirrors config.toml. Only keys listed here are accepted.
type file struct {
	BaseURL       string            `toml:"baseURL"`
	Title         string            `toml:"title"`
	LanguageCode  string            `toml:"languageCode"`
	TimeZone      string            `toml:"timeZone"`
	PagerSize     int               `toml:"pagerSize"`
	SummaryLength int               `toml:"summaryLength"`
	Theme         string            `toml:"theme"`
	Copyright     string            `toml:"copyright"`
	BuildDrafts   bool              `toml:"buildDrafts"`
	BuildFuture   bool              `toml:"buildFuture"`
	BuildExpired  bool              `toml:"buildExpired"`
	Permalinks    map[string]string `toml:"permalinks"`
	Taxonomies    map[string]string `toml:"taxonomies"`
	Markup        struct {
		Unsafe bool `toml:"unsafe"`
	} `toml:"markup"`
	Menu     map[string][]menuFile `toml:"menu"`
	Params   map[string]any        `toml:"params"`
	Images   imagesFile            `toml:"images"`
	Security securityFile          `toml:"security"`
}

type menuFile struct {
	Name       string `toml:"name"`
	URL        string `toml:"url"`
	Weight     int    `toml:"weight"`
	Identifier string `toml:"identifier"`
}

// Load reads config.toml from the site folder. A missing file is an error:
// a site folder is recognised by it.
func Load(fsys fs.FS) (*Config, diag.List) {
	var diags diag.List
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(diag.Pos{File: File}, "run loa in a site folder, or name one with -s DIR",
				"no %s here: this is not a Loa site folder", File)
		} else {
			diags.Errorf(diag.Pos{File: File}, "", "cannot read %s: %v", File, err)
		}
		return nil, diags
	}
	return Parse(src)
}

// Parse builds a Config from the bytes of config.toml.
func Parse(src []byte) (*Config, diag.List) {
	var diags diag.List
	src = vi.NFCBytes(src)
	var f file
	md, err := toml.Decode(string(src), &f)
	if err != nil {
		diags.Append(TOMLError(File, 0, src, err))
		return nil, diags
	}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && k[0] == "params" {
			continue
		}
		line, col := KeyPos(src, k...)
		diags.Errorf(diag.Pos{File: File, Line: line, Col: col},
			"check the spelling; site-specific settings go under [params]",
			"unknown setting %q", k.String()).Vi(
			"kiểm tra chính tả; thiết lập riêng của trang đặt trong mục [params]",
			"không có thiết lập %q", k.String())
	}
	c := &Config{
		Title:         f.Title,
		LanguageCode:  def(f.LanguageCode, "vi"),
		TimeZone:      def(f.TimeZone, vi.DefaultZone),
		PagerSize:     f.PagerSize,
		SummaryLength: f.SummaryLength,
		Theme:         def(f.Theme, "default"),
		Copyright:     f.Copyright,
		Unsafe:        f.Markup.Unsafe,
		Permalinks:    f.Permalinks,
		Params:        f.Params,
		BuildDrafts:   f.BuildDrafts,
		BuildFuture:   f.BuildFuture,
		BuildExpired:  f.BuildExpired,
	}
	at := func(key ...string) diag.Pos {
		line, col := KeyPos(src, key...)
		return diag.Pos{File: File, Line: line, Col: col}
	}
	if c.PagerSize == 0 {
		c.PagerSize = 10
	} else if c.PagerSize < 0 {
		diags.Errorf(at("pagerSize"), "use a whole number such as 10", "pagerSize must be positive, not %d", c.PagerSize)
	}
	if c.SummaryLength <= 0 {
		c.SummaryLength = 70
	}
	if c.Params == nil {
		c.Params = map[string]any{}
	}
	if c.Permalinks == nil {
		c.Permalinks = map[string]string{}
	}
	for sec, pat := range c.Permalinks {
		if msg := checkPermalink(pat); msg != "" {
			diags.Errorf(at("permalinks", sec), "a pattern looks like \"/:section/:year/:month/:slug/\"", "permalink for %q: %s", sec, msg)
		}
	}
	loc, err := vi.Location(c.TimeZone)
	if err != nil {
		diags.Errorf(at("timeZone"), "use a zone name such as \"Asia/Ho_Chi_Minh\"", "%v", err)
	}
	c.Location = loc
	c.BaseURL, err = parseBaseURL(def(f.BaseURL, "/"))
	if err != nil {
		diags.Errorf(at("baseURL"), "write the full address, such as \"https://example.gov.vn/\"", "baseURL: %v", err)
	}
	c.Taxonomies = taxonomies(f.Taxonomies)
	var menuDiags diag.List
	c.Menus, menuDiags = safeMenus(menus(f.Menu), c.Unsafe, src)
	diags.Append(menuDiags)
	var d diag.List
	c.Images, d = f.Images.images(at)
	diags.Append(d)
	sec, sd := f.Security.security(at)
	c.Security = sec
	diags.Append(sd)
	if diags.HasErrors() {
		return nil, diags
	}
	return c, diags
}

// WithBaseURL returns a copy of c with another base URL (the --baseURL flag).
func (c *Config) WithBaseURL(raw string) (*Config, error) {
	u, err := parseBaseURL(raw)
	if err != nil {
		return nil, err
	}
	cc := *c
	cc.BaseURL = u
	return &cc, nil
}

// WithBuildFlags returns a copy of c where the flags, when true, switch on
// drafts, future and expired pages.
func (c *Config) WithBuildFlags(drafts, future, expired bool) *Config {
	cc := *c
	cc.BuildDrafts = cc.BuildDrafts || drafts
	cc.BuildFuture = cc.BuildFuture || future
	cc.BuildExpired = cc.BuildExpired || expired
	return &cc
}

// Taxonomy returns the taxonomy whose plural name is plural.
func (c *Config) Taxonomy(plural string) (Taxonomy, bool) {
	for _, t := range c.Taxonomies {
		if t.Plural == plural {
			return t, true
		}
	}
	return Taxonomy{}, false
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not an address", raw)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q must start with http:// or https://", raw)
	}
	if u.Scheme != "" && u.Host == "" {
		return nil, fmt.Errorf("%q has no host name", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

func taxonomies(m map[string]string) []Taxonomy {
	if m == nil {
		m = map[string]string{"category": "categories", "tag": "tags"}
	}
	var out []Taxonomy
	for s, p := range m {
		out = append(out, Taxonomy{Singular: s, Plural: p})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Plural < out[j].Plural })
	return out
}

func menus(m map[string][]menuFile) map[string][]MenuEntry {
	out := map[string][]MenuEntry{}
	for name, entries := range m {
		var list []MenuEntry
		for _, e := range entries {
			list = append(list, MenuEntry(e))
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].Weight < list[j].Weight })
		out[name] = list
	}
	return out
}

func checkPermalink(p string) string {
	if !strings.HasPrefix(p, "/") {
		return "it must start with /"
	}
	for _, part := range strings.Split(p, "/") {
		for _, seg := range strings.Split(part, "-") {
			if strings.HasPrefix(seg, ":") {
				switch seg {
				case ":year", ":month", ":day", ":slug", ":section", ":title", ":filename":
				default:
					return fmt.Sprintf("unknown placeholder %s (use :year, :month, :day, :slug, :section, :title or :filename)", seg)
				}
			}
		}
	}
	return ""
}

func def(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
