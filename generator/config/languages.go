package config

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"loa/generator/diag"
)

// Language is one language of the site, as [languages.en] in the
// configuration. A site without [languages] has one, its languageCode.
type Language struct {
	Lang       string   // the key in lower case: "vi", "en", "km", "rad"
	Name       string   // languageName (or Hugo's label), else Lang: what the language switcher shows
	Weight     int      // orders the languages; 0 sorts as written by key
	ContentDir string   // the folder of its content: "content", or a folder inside it such as "content/en"
	Default    bool     // the defaultContentLanguage
	Pos        diag.Pos // where [languages.X] is written

	prefix string  // output folder: "" at the root, "en/" below it
	config *Config // the site's settings in this language
}

// Config is the site's configuration as this language sees it: the
// language's own title, params, menus, copyright… over the site's.
func (l *Language) Config() *Config { return l.config }

// Prefix is the folder the language is published in: "" for the default
// language (unless defaultContentLanguageInSubdir), "en/" for English.
func (l *Language) Prefix() string { return l.prefix }

// Multilingual reports whether the configuration has more than one
// language; the site decides which of them have content.
func (c *Config) Multilingual() bool { return len(c.Languages) > 1 }

// In returns the site's configuration in a language, or nil when the site
// has no such language.
func (c *Config) In(lang string) *Config {
	for _, l := range c.Languages {
		if l.Lang == lang {
			return l.config
		}
	}
	return nil
}

// DefaultLanguage is the language published at the root.
func (c *Config) DefaultLanguage() *Language {
	for _, l := range c.Languages {
		if l.Default {
			return l
		}
	}
	return nil
}

// ContentLang tells which language a content file (a slash path from the
// site root, "content/tin-tuc/a.en.md") is written in, and its path as
// that language's site reads it: "content/…" with the language's content
// folder and the language suffix taken off ("content/tin-tuc/a.md"), as
// Hugo assigns languages. The suffix of a configured language wins (a.en.md,
// index.en.md, _index.en.md); else the language whose contentDir holds the
// file, the deepest first; else the default language. ok is false for a
// file of a disabled language, or outside every language's folder.
func (c *Config) ContentLang(file string) (lang, logical string, ok bool) {
	var owner *Language
	root := "content"
	for _, l := range c.Languages {
		if !strings.HasPrefix(file, l.ContentDir+"/") {
			continue
		}
		// The deepest folder; of languages sharing one, the default.
		if owner == nil || len(l.ContentDir) > len(root) || len(l.ContentDir) == len(root) && l.Default {
			owner, root = l, l.ContentDir
		}
	}
	rel := strings.TrimPrefix(file, root+"/")
	if rel == file {
		return "", file, false
	}
	dir, base := path.Split(rel)
	if ext := path.Ext(base); ext != "" {
		stem := strings.TrimSuffix(base, ext)
		if i := strings.LastIndexByte(stem, '.'); i > 0 {
			suffix := strings.ToLower(stem[i+1:])
			if slices.Contains(c.disabledLangs, suffix) {
				return suffix, file, false
			}
			for _, l := range c.Languages {
				if l.Lang == suffix {
					owner, base = l, stem[:i]+ext
				}
			}
		}
	}
	if owner == nil {
		owner = c.DefaultLanguage()
	}
	if owner == nil {
		return "", file, false
	}
	return owner.Lang, "content/" + dir + base, true
}

// languageOnly are the settings of a language that describe it rather than
// its site.
var languageOnly = []string{"languagename", "label", "weight", "direction", "languagedirection", "disabled", "contentdir"}

// siteOnly are settings of the whole site: a language cannot have its own.
// Hugo's per-language baseURL makes a site of several hosts, which Loa does
// not build: every language goes below the one baseURL.
var siteOnly = []string{
	"baseurl", "theme", "timezone", "markup", "taxonomies", "summarylength", "security", "images",
	"deploy", "builddrafts", "buildfuture", "buildexpired", "defaultcontentlanguage",
	"defaultcontentlanguageinsubdir", "disablelanguages", "languages",
}

// langCode is the form of a language tag (BCP 47): a language of two or
// three letters, then subtags such as a region or a script.
var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// langTable is one [languages.X] table as read.
type langTable struct {
	lang     *Language
	settings table // the language's own settings, with what describes it removed
	locale   string
}

// readLanguages takes [languages] (and disableLanguages) out of the merged
// settings and reads each language. It returns the enabled languages,
// default first, with their settings; nil when the site has no [languages].
func readLanguages(root table, diags *diag.List) ([]*langTable, []string) {
	disabled := map[string]bool{}
	if s, ok := root["disablelanguages"]; ok {
		delete(root, "disablelanguages")
		if list, ok := s.val.([]*setting); ok {
			for _, e := range list {
				if v, ok := e.val.(string); ok {
					disabled[strings.ToLower(v)] = true
				}
			}
		}
	}
	langs, ok := root["languages"]
	if !ok {
		return nil, nil
	}
	delete(root, "languages")
	t, ok := langs.val.(table)
	if !ok {
		diags.Errorf(langs.pos, "write [languages.vi] with the settings of the language", "setting %q must be a table", langs.name).Vi(
			"ghi [languages.vi] cùng các thiết lập của ngôn ngữ", "thiết lập %q phải là một bảng", langs.name)
		return nil, nil
	}
	var out []*langTable
	for _, k := range t.keys() {
		l := t[k]
		lt, ok := l.val.(table)
		if !ok {
			diags.Errorf(l.pos, "write [languages."+l.name+"] as a table, with languageName, weight, title…",
				"language %q must be a table of settings", l.name).Vi(
				"ghi [languages."+l.name+"] thành một bảng, với languageName, weight, title…",
				"ngôn ngữ %q phải là một bảng thiết lập", l.name)
			continue
		}
		if !checkLangCode(k, l, diags) {
			continue
		}
		lang := &Language{Lang: k, Name: l.name, Pos: l.pos, ContentDir: "content"}
		own := table{}
		locale := ""
		for _, key := range lt.keys() {
			s := lt[key]
			switch {
			case key == "languagename" || key == "label":
				if v, ok := s.val.(string); ok && v != "" && (key == "languagename" || lang.Name == l.name) {
					lang.Name = v
				}
			case key == "weight":
				n, ok := whole(s.val)
				if !ok {
					diags.Errorf(s.vpos, "write a whole number such as 2", "languages.%s.weight must be a whole number, not %s", l.name, describe(s.val)).Vi(
						"ghi một số nguyên, ví dụ 2", "languages.%s.weight phải là số nguyên, không phải %s", l.name, describe(s.val))
				}
				lang.Weight = int(n)
			case key == "disabled":
				if b, _ := s.val.(bool); b {
					disabled[k] = true
				}
			case key == "contentdir":
				lang.ContentDir = contentDir(s, l.name, diags)
			case slices.Contains(languageOnly, key):
			case slices.Contains(siteOnly, key):
				diags.Warnf(s.pos, "set it once at the top of the configuration; every language is published below the one baseURL, the others in their folder (/en/)",
					"`%s` is a setting of the whole site: [languages.%s] cannot change it", s.name, l.name).Vi(
					"đặt thiết lập này một lần ở đầu tệp cấu hình; mọi ngôn ngữ dùng chung một baseURL, các ngôn ngữ khác nằm trong thư mục riêng (/en/)",
					"`%s` là thiết lập của cả trang: [languages.%s] không đổi được", s.name, l.name)
			default:
				if key == "languagecode" || key == "locale" {
					if v, ok := s.val.(string); ok && (locale == "" || key == "languagecode") {
						locale = v
					}
				}
				own[key] = s
			}
		}
		out = append(out, &langTable{lang: lang, settings: own, locale: locale})
	}
	def, defPos := "", diag.Pos{}
	if s, ok := root["defaultcontentlanguage"]; ok {
		def, _ = s.val.(string)
		def, defPos = strings.ToLower(def), s.vpos
	}
	var enabled []*langTable
	for _, lt := range out {
		if !disabled[lt.lang.Lang] {
			enabled = append(enabled, lt)
		}
	}
	if len(out) > 0 && len(enabled) == 0 {
		diags.Errorf(langs.pos, "enable at least one language", "every language of [languages] is disabled").Vi(
			"bật ít nhất một ngôn ngữ", "mọi ngôn ngữ trong [languages] đều bị tắt")
		return nil, nil
	}
	if len(enabled) == 0 {
		return nil, nil // every table was wrong, and said so
	}
	idx := slices.IndexFunc(enabled, func(lt *langTable) bool { return lt.lang.Lang == def })
	switch {
	case def != "" && idx < 0 && len(out) > 0:
		var names []string
		for _, lt := range enabled {
			names = append(names, lt.lang.Lang)
		}
		why, whyVi := "is not one of the languages", "không có trong các ngôn ngữ"
		if disabled[def] && slices.ContainsFunc(out, func(lt *langTable) bool { return lt.lang.Lang == def }) {
			why, whyVi = "is disabled", "đang bị tắt"
		}
		diags.Errorf(defPos, fmt.Sprintf("add [languages.%s], or set defaultContentLanguage to one of %s", def, strings.Join(names, ", ")),
			"defaultContentLanguage %q %s", def, why).Vi(
			fmt.Sprintf("thêm [languages.%s], hoặc đặt defaultContentLanguage là một trong %s", def, strings.Join(names, ", ")),
			"defaultContentLanguage %q %s", def, whyVi)
		return nil, nil
	case idx < 0:
		// Without defaultContentLanguage: Vietnamese when the site has it,
		// else the lightest language.
		idx = slices.IndexFunc(enabled, func(lt *langTable) bool { return lt.lang.Lang == "vi" })
		if idx < 0 {
			idx = 0
			for i, lt := range enabled {
				if lt.lang.Weight < enabled[idx].lang.Weight {
					idx = i
				}
			}
		}
	}
	enabled[idx].lang.Default = true
	// The default first: its settings make the Config that Load returns.
	enabled[0], enabled[idx] = enabled[idx], enabled[0]
	var off []string
	for k := range disabled {
		off = append(off, k)
	}
	sort.Strings(off)
	return enabled, off
}

// prefixPageRefs puts a language's folder in front of the addresses its
// menu entries take from Hugo's pageRef (a content path, the same in every
// language): its own pages are there.
func prefixPageRefs(menus map[string][]MenuEntry, prefix string) map[string][]MenuEntry {
	if prefix == "" {
		return menus
	}
	out := make(map[string][]MenuEntry, len(menus))
	for name, entries := range menus {
		list := make([]MenuEntry, len(entries))
		for i, e := range entries {
			if e.PageRef != "" && strings.HasPrefix(e.URL, "/") {
				e.URL = "/" + prefix + strings.TrimPrefix(e.URL, "/")
			}
			list[i] = e
		}
		out[name] = list
	}
	return out
}

// checkLangCode reports a language key that is not a language code: it
// becomes the lang attribute, hreflang and the i18n file's name.
func checkLangCode(k string, l *setting, diags *diag.List) bool {
	if k == "vn" {
		diags.Warnf(l.pos, "name the table [languages.vi]; pages say lang=\"vn\" meanwhile, which browsers and screen readers do not know",
			"%q is the code of the country; Vietnamese is \"vi\"", l.name).Vi(
			"đổi tên bảng thành [languages.vi]; trong lúc chờ, các trang ghi lang=\"vn\", trình duyệt và phần mềm đọc màn hình không hiểu",
			"%q là mã quốc gia; mã của tiếng Việt là \"vi\"", l.name)
		return true
	}
	if langCode.MatchString(k) {
		return true
	}
	hint := "name the language by its code, as [languages.en]: vi Vietnamese, en English, km Khmer, rad Ê Đê, jra Jrai, bdq Bahnar, hnj H'Mông, cja Chăm"
	hintVi := "gọi ngôn ngữ bằng mã của nó, như [languages.en]: vi tiếng Việt, en tiếng Anh, km tiếng Khmer, rad tiếng Ê Đê, jra tiếng Jrai, bdq tiếng Ba Na, hnj tiếng H'Mông, cja tiếng Chăm"
	if code := strings.ReplaceAll(k, "_", "-"); langCode.MatchString(code) {
		hint, hintVi = "write it with a hyphen: [languages."+code+"]", "viết bằng dấu gạch nối: [languages."+code+"]"
	}
	diags.Errorf(l.pos, hint, "%q is not a language code", l.name).Vi(hintVi, "%q không phải mã ngôn ngữ", l.name)
	return false
}

// contentDir reads a language's contentDir: a folder inside content/.
func contentDir(s *setting, lang string, diags *diag.List) string {
	v, _ := s.val.(string)
	dir := path.Clean(strings.ReplaceAll(v, "\\", "/"))
	if dir == "content" || strings.HasPrefix(dir, "content/") {
		return dir
	}
	diags.Errorf(s.vpos, "put the language's pages in a folder inside content/, such as contentDir = \"content/"+lang+"\"",
		"languages.%s.contentDir %q is not a folder inside content/", lang, v).Vi(
		"đặt các bài của ngôn ngữ này trong một thư mục nằm trong content/, ví dụ contentDir = \"content/"+lang+"\"",
		"languages.%s.contentDir %q không phải thư mục nằm trong content/", lang, v)
	return "content"
}

// clone copies settings deeply enough that merging into the copy leaves
// the original as it was.
func clone(t table) table {
	out := make(table, len(t))
	for k, s := range t {
		c := *s
		if sub, ok := s.val.(table); ok {
			c.val = clone(sub)
		}
		out[k] = &c
	}
	return out
}

// sortLanguages orders languages by weight, then key, as Hugo does.
func sortLanguages(ls []*Language) {
	sort.SliceStable(ls, func(i, j int) bool {
		if ls[i].Weight != ls[j].Weight {
			return ls[i].Weight < ls[j].Weight
		}
		return ls[i].Lang < ls[j].Lang
	})
}
