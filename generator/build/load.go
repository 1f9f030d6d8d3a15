package build

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
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
	words    map[string]string // i18n
	data     map[string]any    // data/ files, for .Site.Data
	language string
}

// source is a file in one of the layered folders.
type source struct {
	fsys    fs.FS
	name    string // in fsys
	display string // path from the site root, for messages
}

func (b *Builder) loadConfig() (*config.Config, diag.List) {
	cfg, diags := config.Load(b.opts.Site)
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
	src, _ := fs.ReadFile(b.opts.Site, config.File)
	b.mu.Lock()
	if !bytes.Equal(src, b.cfgSrc) {
		// Parsed pages depend on the configuration: start afresh.
		b.parsed = map[string]parsedFile{}
		b.cfgSrc = src
	}
	b.mu.Unlock()
	return cfg, diags
}

// loadResources finds the theme and lists every file of the site.
func (b *Builder) loadResources(cfg *config.Config) (*resources, diag.List) {
	var diags diag.List
	r := &resources{site: b.opts.Site, static: map[string]source{}, assets: map[string]source{}, language: cfg.LanguageCode}
	themeFS, themeDir := b.themeFS(cfg)
	if themeFS == nil {
		diags.Errorf(diag.Pos{File: config.File}, "create the folder themes/"+cfg.Theme+", or remove the theme setting to use the default theme",
			"theme %q not found", cfg.Theme)
		return nil, diags
	}
	type layer struct {
		fsys    fs.FS
		display string
	}
	layers := []layer{{b.opts.Site, ""}, {themeFS, themeDir}}
	for _, l := range layers {
		if sub, err := fs.Sub(l.fsys, "layouts"); err == nil {
			r.layouts = append(r.layouts, theme.Layer{FS: sub, Display: path.Join(l.display, "layouts")})
		}
	}
	// Later layers lose: walk the theme first, then let the site override.
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		diags.Append(walk(l.fsys, "static", func(name string) {
			r.static[strings.TrimPrefix(name, "static/")] = source{l.fsys, name, path.Join(l.display, name)}
		}))
		diags.Append(walk(l.fsys, "assets", func(name string) {
			r.assets[strings.TrimPrefix(name, "assets/")] = source{l.fsys, name, path.Join(l.display, name)}
		}))
	}
	r.words = map[string]string{}
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		name := "i18n/" + cfg.LanguageCode + ".toml"
		words, d := config.LoadI18n(l.fsys, name, path.Join(l.display, name))
		diags.Append(d)
		for k, v := range words {
			r.words[k] = v
		}
	}
	r.data = map[string]any{}
	for i := len(layers) - 1; i >= 0; i-- {
		data, d := config.LoadData(layers[i].fsys, "data", path.Join(layers[i].display, "data"))
		diags.Append(d)
		for k, v := range data {
			r.data[k] = v
		}
	}
	diags.Append(walk(b.opts.Site, "content", func(name string) {
		if path.Ext(name) == ".md" {
			r.content = append(r.content, name)
		} else {
			r.files = append(r.files, name)
		}
	}))
	return r, diags
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

// walk calls fn for every file below dir, in sorted order, skipping hidden
// files and editors' temporary files. A missing dir is no error.
func walk(fsys fs.FS, dir string, fn func(name string)) diag.List {
	var diags diag.List
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == dir {
				return fs.SkipDir
			}
			diags.Errorf(diag.Pos{File: name}, "", "cannot read: %v", err)
			return nil
		}
		if name != dir && Ignored(path.Base(name)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			fn(name)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		diags.Errorf(diag.Pos{File: dir}, "", "cannot read: %v", err)
	}
	return diags
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
