// Package config is level 1 of Loa's pipeline: it turns a site's
// configuration into an immutable Config. It reads what Hugo reads:
// config.toml or hugo.toml at the root, or the files of config/_default/,
// merged as Hugo merges them (see Files), in TOML, YAML or JSON. Keys are
// case-insensitive, as in Hugo. A Hugo setting Loa has no use for is one
// warning per top-level key; any other unknown key, and a value of the
// wrong type, is an error with the file, line and column where it is
// written.
//
// It imports diag, vi (for the time zone), github.com/BurntSushi/toml and
// go.yaml.in/yaml/v3.
package config

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"loa/generator/diag"
	"loa/generator/vi"
)

// Config is a site's configuration. Load returns it complete, with defaults
// filled in; nothing changes it afterwards.
type Config struct {
	BaseURL *url.URL // always ends in "/"
	Title   string
	// LanguageCode is the site's language: it selects the i18n file and is
	// the lang of pages and feeds. defaultContentLanguage sets it when
	// given (Hugo's language key, such as "vi"), else languageCode (or
	// locale); "vi" unless set.
	LanguageCode string
	// Locale is languageCode (or Hugo's newer locale) as written, such as
	// "vi-VN"; LanguageCode when neither is set.
	Locale string
	// DefaultContentLanguage is Hugo's defaultContentLanguage in lower
	// case, the same as LanguageCode unless languageCode says otherwise.
	DefaultContentLanguage string
	TimeZone               string
	Location               *time.Location
	// PagerSize is how many pages a list shows: [pagination] pagerSize,
	// else pagerSize, else Hugo's older paginate; 10 unless set.
	PagerSize int
	// PagerStable numbers a list's pagers from the oldest ([pagination]
	// stable, true unless set false), so that adding a page changes two
	// pagers of each of its lists rather than every one; see site.Pager.
	PagerStable   bool
	SummaryLength int    // words in an automatic summary (summaryLength)
	Theme         string // folder under themes/ (the first if theme is a list); "default" is embedded
	Copyright     string
	// Author is the site's author for layouts, as Hugo's .Site.Author:
	// author = "Ban biên tập" gives {"name": "Ban biên tập"}; a table
	// [author] gives its keys in lower case (name, email, …).
	Author map[string]any
	// EnableRobotsTXT is Hugo's enableRobotsTXT as written. Loa writes
	// robots.txt either way (a site's static/robots.txt wins).
	EnableRobotsTXT bool
	// MainSections are the sections whose pages a home page lists
	// (mainSections, or params.mainSections); empty unless set.
	MainSections []string
	Unsafe       bool              // keep raw HTML in Markdown: [markup] unsafe, or Hugo's [markup.goldmark.renderer] unsafe
	Permalinks   map[string]string // section → pattern such as "/:section/:year/:slug/"
	// MaxSlugLength is [permalinks] maxSlugLength: slugs longer than this
	// many bytes are cut at a hyphen (0: never).
	MaxSlugLength int
	Taxonomies    []Taxonomy // sorted by plural name
	Menus         map[string][]MenuEntry
	Params        map[string]any
	Images        Images   // [images]: the photo pipeline
	Security      Security // [security]: symbolic links, file sizes, Content-Security-Policy
	Deploy        Deploy   // [[deploy.targets]]: where loa deploy publishes
	Check         Check    // [check]: the proofreader's rules

	// Languages are the site's languages, by weight: those of [languages]
	// that are not disabled, or the one language of a site without it.
	// Each has this configuration as its language sees it.
	Languages []*Language
	// Language is the language of this configuration: Load returns the
	// default language's, Language.Config the others'.
	Language *Language
	// DefaultContentLanguageInSubdir publishes the default language in its
	// folder too (/vi/), the root leading to it, as in Hugo.
	DefaultContentLanguageInSubdir bool
	disabledLangs                  []string

	BuildDrafts  bool
	BuildFuture  bool
	BuildExpired bool

	settings table // every setting as read, for Pos
}

// Taxonomy names a way of grouping pages, such as category/categories.
type Taxonomy struct {
	Singular string // "category"
	Plural   string // "categories": the front matter key and the URL segment
}

// MenuEntry is one link of a menu.
type MenuEntry struct {
	Name       string
	URL        string // url, or Hugo's pageRef (a content path) when url is not set
	Weight     int
	Identifier string
	Parent     string // the identifier (or name) of the entry this one is under
	Title      string // the link's title attribute
	Params     map[string]any
	PageRef    string // Hugo's pageRef as written, when the address comes from it
}

// file mirrors the settings Loa reads. Keys match case-insensitively;
// permalinks and languages are read on their own (see ParseFiles).
type file struct {
	BaseURL                string                `toml:"baseURL"`
	Title                  string                `toml:"title"`
	LanguageCode           string                `toml:"languageCode"`
	Locale                 string                `toml:"locale"`
	DefaultContentLanguage string                `toml:"defaultContentLanguage"`
	TimeZone               string                `toml:"timeZone"`
	PagerSize              int                   `toml:"pagerSize"`
	Paginate               int                   `toml:"paginate"`
	Pagination             paginationFile        `toml:"pagination"`
	SummaryLength          int                   `toml:"summaryLength"`
	Theme                  []string              `toml:"theme"`
	Copyright              string                `toml:"copyright"`
	Author                 any                   `toml:"author"`
	EnableRobotsTXT        bool                  `toml:"enableRobotsTXT"`
	MainSections           []string              `toml:"mainSections"`
	BuildDrafts            bool                  `toml:"buildDrafts"`
	BuildFuture            bool                  `toml:"buildFuture"`
	BuildExpired           bool                  `toml:"buildExpired"`
	Taxonomies             map[string]string     `toml:"taxonomies"`
	Markup                 markupFile            `toml:"markup"`
	Menus                  map[string][]menuFile `toml:"menus"`
	Params                 map[string]any        `toml:"params"`
	Images                 imagesFile            `toml:"images"`
	Security               securityFile          `toml:"security"`
	Deploy                 deployFile            `toml:"deploy"`
	Check                  checkFile             `toml:"check"`
	InSubdir               bool                  `toml:"defaultContentLanguageInSubdir"`
}

type paginationFile struct {
	PagerSize int   `toml:"pagerSize"`
	Stable    *bool `toml:"stable"`
}

type markupFile struct {
	Unsafe   bool `toml:"unsafe"`
	Goldmark struct {
		Renderer struct {
			Unsafe bool `toml:"unsafe"`
		} `toml:"renderer"`
	} `toml:"goldmark"`
}

type menuFile struct {
	Name       string         `toml:"name"`
	URL        string         `toml:"url"`
	PageRef    string         `toml:"pageRef"`
	Weight     int            `toml:"weight"`
	Identifier string         `toml:"identifier"`
	Parent     string         `toml:"parent"`
	Title      string         `toml:"title"`
	Params     map[string]any `toml:"params"`
}

// Parse builds a Config from the bytes of one config.toml.
func Parse(src []byte) (*Config, diag.List) {
	return ParseFiles(Sources{{Name: File, Data: src}})
}

// ParseFiles builds a Config from configuration files merged in order (see
// Files): a setting of a later file replaces the same one of an earlier
// file, tables merge key by key.
func ParseFiles(srcs Sources) (*Config, diag.List) {
	var diags diag.List
	root := table{}
	for _, src := range srcs {
		t, d := readFile(src)
		diags.Append(d)
		merge(root, t)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	langs, off := readLanguages(root, &diags)
	if diags.HasErrors() {
		return nil, diags
	}
	if len(langs) == 0 {
		c, d := decodeView(root, srcs)
		diags.Append(d)
		diags.Sort()
		if diags.HasErrors() {
			return nil, diags
		}
		lang := &Language{Lang: strings.ToLower(c.LanguageCode), Name: c.LanguageCode, ContentDir: "content", Default: true, config: c}
		c.Languages, c.Language = []*Language{lang}, lang
		return c, diags
	}
	var c *Config
	var all []*Language
	for _, lt := range langs {
		view := clone(root)
		merge(view, clone(lt.settings))
		vc, d := decodeView(view, srcs)
		for _, x := range d {
			if !slices.Contains(diags, x) { // the site's own settings, said once
				diags = append(diags, x)
			}
		}
		if vc == nil {
			continue
		}
		l := lt.lang
		l.config, vc.Language = vc, l
		if c == nil {
			c = vc // the default language's: the site's configuration
			c.DefaultContentLanguage, c.LanguageCode = l.Lang, l.Lang
		} else {
			vc.LanguageCode = l.Lang
			vc.Locale = def(lt.locale, l.Lang)
		}
		all = append(all, l)
	}
	diags.Sort()
	if diags.HasErrors() || c == nil {
		return nil, diags
	}
	sortLanguages(all)
	for _, l := range all {
		l.prefix = l.Lang + "/"
		if l.Default && !c.DefaultContentLanguageInSubdir {
			l.prefix = ""
		}
		vc := l.config
		vc.Languages, vc.DefaultContentLanguage = all, c.DefaultContentLanguage
		vc.DefaultContentLanguageInSubdir = c.DefaultContentLanguageInSubdir
		vc.disabledLangs = off
		if !l.Default {
			vc.Menus = prefixPageRefs(vc.Menus, l.prefix)
		}
	}
	return c, diags
}

// decodeView turns merged settings (the site's, or a language's view of
// them) into a Config.
func decodeView(root table, srcs Sources) (*Config, diag.List) {
	var diags diag.List
	links := root["permalinks"]
	delete(root, "permalinks")
	var f file
	warned := map[string]bool{}
	dec := &decoder{diags: &diags, unknown: func(path []string, s *setting, known []string) {
		// Once per key, not once per menu entry.
		key := strings.ToLower(strings.Join(path, "."))
		if isHugoKey(path) && warned[key] {
			return
		}
		warned[key] = true
		unknown(&diags, path, s, known)
	}}
	dec.fields(root, nil, reflect.ValueOf(&f).Elem())
	at := func(key ...string) diag.Pos {
		if s, _ := root.get(key...); s != nil {
			return s.pos
		}
		return diag.Pos{File: srcs[0].Name}
	}
	c := &Config{
		Title:           f.Title,
		Locale:          def(f.LanguageCode, f.Locale),
		TimeZone:        def(f.TimeZone, vi.DefaultZone),
		SummaryLength:   f.SummaryLength,
		Copyright:       f.Copyright,
		Author:          author(f.Author),
		EnableRobotsTXT: f.EnableRobotsTXT,
		Unsafe:          f.Markup.Unsafe || f.Markup.Goldmark.Renderer.Unsafe,
		Params:          f.Params,
		BuildDrafts:     f.BuildDrafts,
		BuildFuture:     f.BuildFuture,
		BuildExpired:    f.BuildExpired,
		settings:        root,

		DefaultContentLanguageInSubdir: f.InSubdir,
	}
	c.DefaultContentLanguage = strings.ToLower(f.DefaultContentLanguage)
	c.LanguageCode = def(c.DefaultContentLanguage, def(c.Locale, "vi"))
	c.Locale = def(c.Locale, c.LanguageCode)
	c.DefaultContentLanguage = def(c.DefaultContentLanguage, c.LanguageCode)
	c.Theme = "default"
	if len(f.Theme) > 0 && f.Theme[0] != "" {
		c.Theme = f.Theme[0]
	}
	if len(f.Theme) > 1 {
		diags.Warnf(at("theme"), "put the layouts the site needs from the other themes in layouts/",
			"only the first theme, %q, is used; Loa does not combine themes", c.Theme).Vi(
			"chép các khuôn mẫu trang cần từ các giao diện khác vào layouts/",
			"chỉ giao diện đầu tiên, %q, được dùng; Loa không kết hợp nhiều giao diện", c.Theme)
	}
	if c.Params == nil {
		c.Params = map[string]any{}
	}
	c.MainSections = f.MainSections
	if c.MainSections == nil {
		c.MainSections = paramsMainSections(c.Params)
	}
	pager, pagerKey := f.PagerSize, []string{"pagerSize"}
	if f.Pagination.PagerSize != 0 {
		pager, pagerKey = f.Pagination.PagerSize, []string{"pagination", "pagerSize"}
	} else if pager == 0 && f.Paginate != 0 {
		pager, pagerKey = f.Paginate, []string{"paginate"}
	}
	c.PagerSize = pager
	c.PagerStable = f.Pagination.Stable == nil || *f.Pagination.Stable
	if c.PagerSize == 0 {
		c.PagerSize = 10
	} else if c.PagerSize < 0 {
		key := strings.Join(pagerKey, ".")
		diags.Errorf(at(pagerKey...), "use a whole number such as 10", "%s must be positive, not %d", key, c.PagerSize).Vi(
			"ghi một số nguyên, ví dụ 10", "%s phải là số dương, không phải %d", key, c.PagerSize)
	}
	if c.SummaryLength <= 0 {
		c.SummaryLength = 70
	}
	var d diag.List
	c.Permalinks, c.MaxSlugLength, d = permalinks(links)
	diags.Append(d)
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
	c.Menus, d = menus(f.Menus, c.Unsafe, root)
	diags.Append(d)
	c.Images, d = f.Images.images(at)
	diags.Append(d)
	c.Security, d = f.Security.security(at)
	diags.Append(d)
	c.Deploy, d = f.Deploy.deploy(root)
	diags.Append(d)
	c.Check, d = f.Check.check(at)
	diags.Append(d)
	diags.Sort()
	if diags.HasErrors() {
		return nil, diags
	}
	return c, diags
}

// Pos returns where a setting is written, such as Pos("theme"), for
// messages about it; the nearest enclosing table when the key is not
// written itself, and the zero Pos for a Config not read from files.
func (c *Config) Pos(key ...string) diag.Pos {
	if s, _ := c.settings.get(key...); s != nil {
		return s.pos
	}
	return diag.Pos{}
}

// author reads Hugo's author: a name, or a table of name, email and so on.
func author(v any) map[string]any {
	switch v := v.(type) {
	case string:
		return map[string]any{"name": v}
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[strings.ToLower(k)] = x
		}
		return out
	}
	return map[string]any{}
}

// paramsMainSections reads params.mainSections, where Hugo themes often
// keep it, in any letter case.
func paramsMainSections(params map[string]any) []string {
	for k, v := range params {
		if !strings.EqualFold(k, "mainSections") {
			continue
		}
		switch v := v.(type) {
		case string:
			return []string{v}
		case []any:
			var out []string
			for _, x := range v {
				if s, ok := x.(string); ok {
					out = append(out, s)
				}
			}
			return out
		}
	}
	return nil
}

// WithBaseURL returns a copy of c with another base URL (the --baseURL flag).
func (c *Config) WithBaseURL(raw string) (*Config, error) {
	u, err := parseBaseURL(raw)
	if err != nil {
		return nil, err
	}
	return c.with(func(cc *Config) { cc.BaseURL = u }), nil
}

// WithBuildFlags returns a copy of c where the flags, when true, switch on
// drafts, future and expired pages.
func (c *Config) WithBuildFlags(drafts, future, expired bool) *Config {
	return c.with(func(cc *Config) {
		cc.BuildDrafts = cc.BuildDrafts || drafts
		cc.BuildFuture = cc.BuildFuture || future
		cc.BuildExpired = cc.BuildExpired || expired
	})
}

// with returns a copy of c changed by f, and of every language's view of
// the settings changed alike, so that the languages stay one site.
func (c *Config) with(f func(*Config)) *Config {
	if len(c.Languages) == 0 {
		cc := *c
		f(&cc)
		return &cc
	}
	langs := make([]*Language, len(c.Languages))
	var out *Config
	for i, l := range c.Languages {
		nl, vc := *l, *l.config
		f(&vc)
		nl.config, vc.Language = &vc, &nl
		langs[i] = &nl
		if l.config == c {
			out = &vc
		}
	}
	for _, l := range langs {
		l.config.Languages = langs
	}
	return out
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

func def(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
