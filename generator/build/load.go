package build

import (
	"bytes"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strconv"
	"strings"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/theme"
)

// resources are the files of the site and its theme, found by Load.
type resources struct {
	site     fs.FS
	content  []string          // Markdown files, "content/…"
	files    []string          // other content files, "content/…"
	static   map[string]source // output path → the file that wins
	assets   map[string]source // name under assets/ → the file that wins
	layouts  []theme.Layer     // site first
	words    map[string]string // i18n of the default language
	data     map[string]any    // data/ files, for .Site.Data
	language string
	// langWords are every language's words, the default's too; missing,
	// the words a language has none of its own for, shown in Vietnamese.
	langWords map[string]map[string]string
	missing   map[string][]string
}

// source is a file in one of the layered folders.
type source struct {
	fsys    fs.FS
	name    string // in fsys
	display string // path from the site root, for messages
}

func (b *Builder) loadConfig() (*config.Config, diag.List) {
	for _, name := range append([]string{"config", config.Dir}, config.Files(b.opts.Site)...) {
		if !isLink(b.opts.Site, name) {
			continue
		}
		// Checked before it is read: its allowOutside cannot allow itself.
		var diags diag.List
		hops := 0
		if _, ref := newLinks(b.opts.Site, nil).link(place{}, name, &hops); ref != nil {
			written, _ := fs.ReadLink(b.opts.Site, name)
			ref.report(&diags, name, written)
			return nil, diags
		}
	}
	cfg, srcs, diags := config.Read(b.opts.Site)
	if cfg == nil {
		return nil, diags
	}
	if b.opts.BaseURL != "" {
		c, err := cfg.WithBaseURL(b.opts.BaseURL)
		if err != nil {
			diags.Errorf(diag.Pos{File: "--baseURL"}, "write the full address, such as https://example.gov.vn/", "%v", err)
			return nil, diags
		}
		cfg = c
	}
	cfg = cfg.WithBuildFlags(b.opts.Drafts, b.opts.Future, b.opts.Expired)
	src := srcs.Bytes()
	b.mu.Lock()
	if !bytes.Equal(src, b.cfgSrc) {
		// Parsed pages depend on the configuration: start afresh.
		b.parsed = map[string]parsedFile{}
		b.cfgSrc = src
	}
	b.mu.Unlock()
	return cfg, diags
}

// loadResources finds the theme and lists every file of the site. Every
// symbolic link in the folders a build reads is checked first (see
// symlink.go), and files read whole into memory are checked for size.
func (b *Builder) loadResources(cfg *config.Config) (*resources, diag.List) {
	var diags diag.List
	site := followFS{b.opts.Site}
	r := &resources{site: site, static: map[string]source{}, assets: map[string]source{}, language: cfg.LanguageCode}
	themeFS, themeDir := b.themeFS(cfg)
	if themeFS == nil {
		diags.Errorf(diag.Pos{File: config.File}, "create the folder themes/"+cfg.Theme+", or remove the theme setting to use the default theme",
			"theme %q not found", cfg.Theme)
		return nil, diags
	}
	siteLinks := newLinks(b.opts.Site, cfg.Security.AllowOutside)
	limit := sizeLimit(cfg.Security.MaxFileSize, &diags)
	type layer struct {
		fsys    fs.FS
		display string // the layer's folder in the site, "" for the site itself and the embedded theme
		links   *links
	}
	layers := []layer{{site, "", siteLinks}, {themeFS, themeDir, newLinks(themeFS, nil)}}
	if st, err := fs.Stat(b.opts.Site, themeDir); err == nil && st.IsDir() {
		// The site's own theme: its links are the site's.
		layers[1] = layer{followFS{themeFS}, themeDir, siteLinks}
	}
	for _, l := range layers {
		if sub, err := fs.Sub(l.fsys, "layouts"); err == nil {
			r.layouts = append(r.layouts, theme.Layer{FS: sub, Display: path.Join(l.display, "layouts")})
		}
	}
	// Later layers lose: walk the theme first, then let the site override.
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		prefix := l.display
		if l.links != siteLinks {
			prefix = "" // the embedded theme is walked in its own tree
		}
		walkLayer := func(dir string, m map[string]source, check bool) {
			diags.Append(l.links.walk(path.Join(prefix, dir), func(name string, info func() (fs.FileInfo, error)) {
				rel := strings.TrimPrefix(strings.TrimPrefix(name, prefix+"/"), dir+"/")
				if check {
					limit(name, info)
				}
				m[rel] = source{l.fsys, path.Join(dir, rel), path.Join(l.display, dir, rel)}
			}))
		}
		walkLayer("static", r.static, false)
		walkLayer("assets", r.assets, true)
	}
	diags.Append(siteLinks.walk("content", func(name string, info func() (fs.FileInfo, error)) {
		if path.Ext(name) == ".md" {
			if limit(name, info) {
				r.content = append(r.content, name)
			}
		} else {
			r.files = append(r.files, name)
		}
	}))
	// Folders other packages read: checked here, before anything reads them.
	for _, dir := range []string{"layouts", "data", "i18n", "themes"} {
		diags.Append(siteLinks.walk(dir, func(name string, info func() (fs.FileInfo, error)) {
			if dir != "themes" || inMemory(name) {
				limit(name, info)
			}
		}))
	}
	diags = unique(diags)
	if diags.HasErrors() {
		return nil, diags
	}
	// The words of each language, the site's over the theme's. A language
	// other than Vietnamese shows the Vietnamese word where it has none:
	// an interface half in Vietnamese reads better than one of keys.
	loaded := map[string]map[string]string{}
	words := func(codes ...string) map[string]string {
		key := strings.Join(codes, "\x00")
		if w, ok := loaded[key]; ok {
			return w
		}
		w := map[string]string{}
		for i := len(layers) - 1; i >= 0; i-- {
			l := layers[i]
			name := i18nFile(l.fsys, codes...)
			lw, d := config.LoadI18n(l.fsys, name, path.Join(l.display, name))
			diags.Append(d)
			for k, v := range lw {
				w[k] = v
			}
		}
		loaded[key] = w
		return w
	}
	r.langWords, r.missing = map[string]map[string]string{}, map[string][]string{}
	for _, l := range cfg.Languages {
		code := l.Lang
		if l.Default {
			code = cfg.LanguageCode // as before languages: languageCode's file
		}
		// The language's key, then its languageCode: [languages.vn] with
		// languageCode = "vi" reads i18n/vi.toml.
		locale := l.Lang
		if lc := l.Config(); lc != nil {
			locale = lc.Locale
		}
		own := words(code, locale)
		if primary(code) == "vi" || primary(locale) == "vi" {
			r.langWords[l.Lang] = own
			continue
		}
		merged := maps.Clone(words("vi"))
		for k := range merged {
			if _, ok := own[k]; !ok {
				r.missing[l.Lang] = append(r.missing[l.Lang], k)
			}
		}
		sort.Strings(r.missing[l.Lang])
		maps.Copy(merged, own)
		r.langWords[l.Lang] = merged
	}
	r.words = r.langWords[cfg.Language.Lang]
	r.data = map[string]any{}
	for i := len(layers) - 1; i >= 0; i-- {
		data, d := config.LoadData(layers[i].fsys, "data", path.Join(layers[i].display, "data"))
		diags.Append(d)
		for k, v := range data {
			r.data[k] = v
		}
	}
	return r, diags
}

// i18nFile is the words file of a language in a layer: i18n/CODE.toml, or
// the file of its primary language (i18n/vi.toml for vi-VN), for the first
// of its codes that has one, as Hugo looks it up.
func i18nFile(fsys fs.FS, codes ...string) string {
	for _, code := range codes {
		for _, c := range []string{code, strings.ToLower(code), primary(code)} {
			name := "i18n/" + c + ".toml"
			if _, err := fs.Stat(fsys, name); err == nil {
				return name
			}
		}
	}
	return "i18n/" + codes[0] + ".toml"
}

// primary is the language of a code: "vi" for "vi-VN" or "vi_VN".
func primary(code string) string {
	p, _, _ := strings.Cut(strings.ToLower(code), "-")
	p, _, _ = strings.Cut(p, "_")
	return p
}

// themeFS returns the theme's folder: the site's themes/NAME, else the
// embedded default theme.
func (b *Builder) themeFS(cfg *config.Config) (fs.FS, string) {
	dir := path.Join("themes", cfg.Theme)
	if st, err := fs.Stat(b.opts.Site, dir); err == nil && st.IsDir() {
		sub, err := fs.Sub(b.opts.Site, dir)
		if err == nil {
			return sub, dir
		}
	}
	if cfg.Theme == "default" && b.opts.Theme != nil {
		return b.opts.Theme, dir
	}
	return nil, ""
}

// Ignored reports whether a file name is hidden or an editor's temporary,
// swap or backup file, which is never part of the site.
func Ignored(base string) bool {
	switch {
	case strings.HasPrefix(base, "."), // .swp, .#lock, .goutputstream-*, .DS_Store
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".tmp"), strings.HasSuffix(base, ".bak"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		base == "4913", // vim's test file
		base == "Thumbs.db", base == "desktop.ini":
		return true
	}
	return false
}

// sizeLimit returns a check that reports, at the file, one read whole into
// memory that is larger than max bytes; it tells whether the file may be read.
func sizeLimit(max int64, diags *diag.List) func(name string, info func() (fs.FileInfo, error)) bool {
	if max <= 0 {
		max = config.DefaultMaxFileSize
	}
	return func(name string, info func() (fs.FileInfo, error)) bool {
		st, err := info()
		if err != nil || st.Size() <= max {
			return true
		}
		size, limit := byteSize(st.Size()), byteSize(max)
		// Line 1, as the page package does for facts about a whole file.
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "split the file, move large pictures or documents out of it, or raise [security] maxFileSize in config.toml",
			"the file is %s, more than the %s allowed", size, limit).Vi(
			"chia nhỏ tệp, tách ảnh hoặc tài liệu lớn ra ngoài, hoặc tăng [security] maxFileSize trong config.toml",
			"tệp nặng %s, vượt giới hạn %s", size, limit)
		return false
	}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// inMemory reports whether a theme's file is read whole (layouts, words,
// data, styles and scripts), not copied as it is.
func inMemory(name string) bool {
	switch path.Ext(name) {
	case ".html", ".toml", ".yaml", ".yml", ".json", ".css", ".js", ".md":
		return true
	}
	return false
}

func isLink(fsys fs.FS, name string) bool {
	st, err := fs.Lstat(fsys, name)
	return err == nil && st.Mode()&fs.ModeSymlink != 0
}

// unique drops repeated diagnostics: a theme's files are checked with the
// whole themes/ folder and again when listed.
func unique(l diag.List) diag.List {
	seen := map[diag.Diagnostic]bool{}
	out := l[:0]
	for _, d := range l {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
