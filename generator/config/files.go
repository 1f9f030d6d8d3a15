package config

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"loa/generator/diag"
	"loa/generator/vi"
)

// File is Loa's own name for the configuration file at the site root.
const File = "config.toml"

// rootNames are the names of a site's configuration file, in Hugo's order:
// the first one found is read, the others are not.
var rootNames = [...]string{
	"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json",
}

// Dir is the configuration folder; only its _default/ is read.
const Dir = "config/_default"

// Source is one configuration file as read.
type Source struct {
	Name string // slash-separated, from the site root
	Data []byte
}

// Sources are the configuration files of a site in the order they are
// merged, later ones winning.
type Sources []Source

// Bytes joins the names and contents of every file: equal bytes mean an
// equal configuration, so callers can key caches on them.
func (s Sources) Bytes() []byte {
	var b []byte
	for _, src := range s {
		b = fmt.Appendf(b, "%s\x00%d\x00", src.Name, len(src.Data))
		b = append(b, src.Data...)
	}
	return b
}

// Files lists the configuration files of a site folder in the order they
// are merged, as Hugo does: first the one file at the root (hugo.toml wins
// over config.toml, TOML over YAML over JSON), then every file of
// config/_default/ in alphabetical order. There, hugo.toml and config.toml
// are read as the root and any other NAME.toml as the table [NAME]
// (params.toml is [params], menus.toml [menus]); NAME.LANG.toml is
// [languages.LANG.NAME], and languages.LANG.toml [languages.LANG]. YAML
// and JSON files are read the same way.
//
// Hugo's environment folders (config/production/, config/development/)
// are not read: Loa builds one site whatever the environment, and says so
// with a warning.
func Files(fsys fs.FS) []string {
	var out []string
	for _, name := range rootNames {
		if isFile(fsys, name) {
			out = append(out, name)
			break
		}
	}
	entries, _ := fs.ReadDir(fsys, Dir)
	for _, e := range entries {
		if !e.IsDir() && configExt(e.Name()) && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, path.Join(Dir, e.Name()))
		}
	}
	return out
}

// Reads reports whether a change of the file or folder at rel (slash-
// separated, from the site root) may change the configuration.
func Reads(rel string) bool {
	return slices.Contains(rootNames[:], rel) || rel == "config" || strings.HasPrefix(rel, "config/")
}

func isFile(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir()
}

func configExt(name string) bool {
	switch path.Ext(name) {
	case ".toml", ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Load reads and merges the configuration files of a site folder (see
// Files). A folder without any is an error: a site folder is recognised by
// its configuration.
func Load(fsys fs.FS) (*Config, diag.List) {
	c, _, diags := Read(fsys)
	return c, diags
}

// Read is Load that also returns the files it read.
func Read(fsys fs.FS) (*Config, Sources, diag.List) {
	var diags diag.List
	names := Files(fsys)
	if len(names) == 0 {
		diags.Errorf(diag.Pos{File: File}, "run loa in a site folder, or name one with -s DIR",
			"no %s, hugo.toml or %s/ here: this is not a Loa site folder", File, Dir).Vi(
			"hãy chạy loa trong thư mục của trang, hoặc chỉ ra thư mục đó bằng -s THƯ_MỤC",
			"không có %s, hugo.toml hay %s/: đây không phải thư mục trang của Loa", File, Dir)
		return nil, nil, diags
	}
	var srcs Sources
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			diags.Errorf(diag.Pos{File: name}, "", "cannot read %s: %v", name, err)
			continue
		}
		srcs = append(srcs, Source{name, data})
	}
	diags.Append(unread(fsys, names))
	if diags.HasErrors() {
		return nil, srcs, diags
	}
	c, d := ParseFiles(srcs)
	diags.Append(d)
	diags.Sort()
	if diags.HasErrors() {
		return nil, srcs, diags
	}
	return c, srcs, diags
}

// unread warns of configuration files a Hugo user may expect to be read.
func unread(fsys fs.FS, read []string) diag.List {
	var diags diag.List
	for _, name := range rootNames {
		if isFile(fsys, name) && len(read) > 0 && read[0] != name && !slices.Contains(read, name) {
			diags.Warnf(diag.Pos{File: name}, "keep one configuration file: move its settings into "+read[0]+" and delete it",
				"%s is not read: %s is, as in Hugo", name, read[0]).Vi(
				"chỉ giữ một tệp cấu hình: chuyển các thiết lập sang "+read[0]+" rồi xoá tệp này",
				"tệp %s không được đọc: Loa đọc %s, như Hugo", name, read[0])
		}
	}
	entries, _ := fs.ReadDir(fsys, "config")
	for _, e := range entries {
		if e.IsDir() && e.Name() != "_default" && !strings.HasPrefix(e.Name(), ".") {
			dir := "config/" + e.Name()
			diags.Warnf(diag.Pos{File: dir}, "move the settings the site needs into "+Dir+"/",
				"%s/ is not read: Loa has no environments and reads only %s/", dir, Dir).Vi(
				"chuyển các thiết lập trang cần sang "+Dir+"/",
				"thư mục %s/ không được đọc: Loa không có môi trường riêng, chỉ đọc %s/", dir, Dir)
		}
	}
	return diags
}

// readFile decodes one configuration file into settings, placed where the
// file's name puts them (params.toml under [params]).
func readFile(src Source) (table, diag.List) {
	data := vi.NFCBytes(src.Data)
	ext := path.Ext(src.Name)
	v, diags := decodeData(src.Name, ext, data)
	if diags.HasErrors() {
		return nil, diags
	}
	m, ok := v.(map[string]any)
	if mm, ok2 := v.(map[any]any); ok2 {
		m, ok = map[string]any{}, true
		for k, x := range mm {
			m[fmt.Sprint(k)] = x
		}
	}
	if v == nil {
		m, ok = map[string]any{}, true // an empty YAML file
	}
	if !ok {
		diags.Errorf(diag.Pos{File: src.Name, Line: 1}, "write settings as key = value, or key: value in YAML",
			"%s must hold a table of settings", src.Name).Vi(
			"ghi các thiết lập dạng khoá = giá trị (YAML: khoá: giá trị)", "%s phải chứa một bảng thiết lập", src.Name)
		return nil, diags
	}
	var places map[string]place
	if ext == ".toml" {
		places = tomlPositions(src.Name, data)
	} else {
		places = yamlPositions(src.Name, data)
	}
	// The key path inside the file leaves out what the file's name adds.
	var prefix []string
	base := strings.TrimSuffix(path.Base(src.Name), ext)
	if path.Dir(src.Name) == Dir && base != "hugo" && base != "config" {
		name, lang, _ := strings.Cut(base, ".")
		prefix = []string{name}
		switch {
		case name == "languages" && lang != "":
			prefix = []string{"languages", lang} // languages.en.toml is [languages.en], as in Hugo
		case lang != "":
			prefix = []string{"languages", lang, name}
		}
		if len(m) == 1 {
			// params.toml may wrap its settings in [params], as Hugo allows.
			for k, inner := range m {
				if im, ok := inner.(map[string]any); ok && strings.EqualFold(k, name) {
					m = im
					places = unwrap(places, k)
				}
			}
		}
	}
	whole := diag.Pos{File: src.Name}
	at := func(p []string) place {
		for n := len(p); n > 0; n-- {
			if pl, ok := places[strings.Join(p[:n], "\x00")]; ok {
				return pl
			}
		}
		return place{whole, whole}
	}
	root, _ := tree(m, nil, at).(table)
	for i := len(prefix) - 1; i >= 0; i-- {
		root = table{strings.ToLower(prefix[i]): &setting{name: prefix[i], pos: whole, vpos: whole, val: root}}
	}
	renameMenu(root)
	if langs, ok := root["languages"]; ok {
		if t, ok := langs.val.(table); ok {
			for _, l := range t {
				if lt, ok := l.val.(table); ok {
					renameMenu(lt)
				}
			}
		}
	}
	return root, diags
}

// renameMenu files [menu] under [menus]: Hugo accepts both names.
func renameMenu(t table) {
	m, ok := t["menu"]
	if !ok {
		return
	}
	delete(t, "menu")
	ms, ok := t["menus"]
	if !ok {
		t["menus"] = m
		return
	}
	a, ok1 := ms.val.(table)
	b, ok2 := m.val.(table)
	if !ok1 || !ok2 {
		t["menus"] = m
		return
	}
	// Both in one file: the entries of each menu add up.
	for k, s := range b {
		if x, ok := a[k]; ok {
			l1, ok1 := x.val.([]*setting)
			l2, ok2 := s.val.([]*setting)
			if ok1 && ok2 {
				x.val = append(l1, l2...)
				continue
			}
		}
		a[k] = s
	}
}

func unwrap(places map[string]place, key string) map[string]place {
	out := map[string]place{}
	for k, v := range places {
		if rest, ok := strings.CutPrefix(k, key+"\x00"); ok {
			out[rest] = v
		}
	}
	return out
}

// yamlPositions finds where every key of YAML (or JSON) text is written,
// as tomlPositions does for TOML.
func yamlPositions(file string, src []byte) map[string]place {
	out := map[string]place{}
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil {
		return out
	}
	pos := func(n *yaml.Node) diag.Pos { return diag.Pos{File: file, Line: n.Line, Col: n.Column} }
	var walk func(n *yaml.Node, path []string)
	walk = func(n *yaml.Node, path []string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := append(append([]string{}, path...), k.Value)
				vp := pos(v)
				if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
					vp.Col++
				}
				out[strings.Join(p, "\x00")] = place{pos(k), vp}
				walk(v, p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := append(append([]string{}, path...), fmt.Sprint(i))
				out[strings.Join(p, "\x00")] = place{pos(c), pos(c)}
				walk(c, p)
			}
		}
	}
	walk(&doc, nil)
	return out
}
