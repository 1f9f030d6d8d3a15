package site

import (
	"path"
	"sort"
	"strings"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/locale"
	"loa/generator/page"
)

// AssembleLanguages builds one site per language that has content, as Hugo
// does, and links every page to its translations. in.Pages and in.Files
// hold every language's; in.Words the default language's words, and
// LangWords the others'. The default language's site comes first and
// publishes the static files; a picture of a bundle is published once, by
// the first language that shows it, and its translations show it from
// there. A language of the configuration without content is left out, with
// one warning. With one language (or one with content) it is Assemble.
func AssembleLanguages(in Input) ([]*Site, diag.List) {
	cfg := in.Config
	if !cfg.Multilingual() {
		s, d := Assemble(in)
		return []*Site{s}, d
	}
	var diags diag.List
	byLang := map[string][]*page.Page{}
	for _, p := range in.Pages {
		lang := p.Lang
		if lang == "" {
			lang = cfg.Language.Lang
		}
		byLang[lang] = append(byLang[lang], p)
	}
	// The default language first: it publishes what the others share.
	def := cfg.DefaultLanguage()
	order := []*config.Language{def}
	for _, l := range cfg.Languages {
		if l == def {
			continue
		}
		if len(byLang[l.Lang]) == 0 {
			diags.Warnf(l.Pos, "add pages with its suffix (bai.en.md, index.en.md) or remove the language from the configuration",
				"language %q (%s) has no content: nothing is published for it", l.Lang, l.Name).Vi(
				"thêm bài có đuôi của ngôn ngữ này (bai.en.md, index.en.md) hoặc bỏ ngôn ngữ khỏi cấu hình",
				"ngôn ngữ %q (%s) chưa có bài nào: không đăng gì cho ngôn ngữ này", l.Lang, l.Name)
			continue
		}
		order = append(order, l)
	}
	if len(order) == 1 && def.Prefix() == "" {
		s, d := Assemble(in)
		diags.Append(d)
		diags.Sort()
		return []*Site{s}, diags
	}
	files := langFiles(cfg, in.Files)
	shared := map[string]*File{}
	sites := make([]*Site, 0, len(order))
	for _, l := range order {
		li := in
		li.Config, li.Pages, li.Files = l.Config(), byLang[l.Lang], files[l.Lang]
		if w, ok := in.LangWords[l.Lang]; ok {
			li.Words = w
		}
		s, d := place(li, shared)
		diags.Append(d)
		if s.prefix != "" {
			// The language's home, which a section of another could take.
			s.byOut[s.Home.OutFile()] = s.Home.File()
			if s.Home.File() == "" {
				s.byOut[s.Home.OutFile()] = "the home page of " + l.Lang
			}
		}
		for _, f := range s.files {
			if f.Out != "" && shared[f.Name] == nil {
				shared[f.Name] = f
			}
		}
		for _, f := range s.static {
			shared[f.Name] = f
		}
		sites = append(sites, s)
	}
	// In the languages' order, as switchers list them.
	sort.SliceStable(sites, func(i, j int) bool { return langIndex(cfg, sites[i]) < langIndex(cfg, sites[j]) })
	for _, s := range sites {
		s.siblings = sites
	}
	linkTranslations(sites)
	for _, s := range sites {
		diags.Append(s.finish())
	}
	diags.Append(claimAcross(order, sites))
	decideShared(sites)
	diags.Sort()
	return sites, diags
}

// langFiles gives each language the files its site may publish: its own
// content files (by folder, see config.ContentLang), the default
// language's, which its bundles borrow when they hold no file of that name,
// and the static files, which the default language publishes.
func langFiles(cfg *config.Config, files []File) map[string][]File {
	def := cfg.DefaultLanguage().Lang
	own := map[string]map[string]bool{} // language → logical paths of its own files
	out := map[string][]File{}
	var defFiles []File
	for _, f := range files {
		if !strings.HasPrefix(f.Name, "content/") {
			for _, l := range cfg.Languages {
				out[l.Lang] = append(out[l.Lang], f)
			}
			continue
		}
		lang, logical, ok := cfg.ContentLang(f.Name)
		if !ok {
			continue
		}
		f.path = logical
		out[lang] = append(out[lang], f)
		if own[lang] == nil {
			own[lang] = map[string]bool{}
		}
		own[lang][logical] = true
		if lang == def {
			defFiles = append(defFiles, f)
		}
	}
	for _, l := range cfg.Languages {
		if l.Lang == def {
			continue
		}
		for _, f := range defFiles {
			if !own[l.Lang][f.path] {
				f.borrowed = true
				out[l.Lang] = append(out[l.Lang], f)
			}
		}
	}
	return out
}

func langIndex(cfg *config.Config, s *Site) int {
	for i, l := range cfg.Languages {
		if l == s.Config.Language {
			return i
		}
	}
	return len(cfg.Languages)
}

// translationKey is what a node shares with its translations: Hugo's
// translationKey when the front matter has one, else its content path
// without the language (a page and a section alike), the home, a taxonomy,
// or a term by its slug.
func translationKey(n *Node) string {
	if n.Page != nil && n.Page.TranslationKey != "" {
		return "key:" + n.Page.TranslationKey
	}
	switch n.Kind {
	case KindHome:
		return "home"
	case KindTaxonomy:
		return "taxonomy:" + n.Taxonomy.Plural
	case KindTerm:
		return "term:" + n.Taxonomy.Plural + "/" + n.Term.Slug
	case KindSection:
		return "path:" + n.dir
	}
	p := strings.TrimSuffix(strings.TrimPrefix(n.Page.Path, "content/"), ".md")
	if n.Page.IsBundle {
		p = path.Dir(p)
	}
	return "path:" + p
}

// linkTranslations gives every published node of every site its versions
// in the other languages.
func linkTranslations(sites []*Site) {
	byKey := map[string][]*Node{}
	var keys []string
	for _, s := range sites {
		for _, n := range s.rendered() {
			k := translationKey(n)
			if len(byKey[k]) > 0 && byKey[k][len(byKey[k])-1].site == s {
				continue // two of one language share a key: the first keeps it
			}
			if byKey[k] == nil {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], n)
		}
	}
	for _, k := range keys {
		all := byKey[k]
		if len(all) < 2 {
			continue
		}
		for _, n := range all {
			n.translations = all
		}
	}
}

// claimAcross reports two languages publishing at one address: a section
// of the default language named like another language's folder.
func claimAcross(order []*config.Language, sites []*Site) diag.List {
	var diags diag.List
	claimed := map[string]string{}
	for _, l := range order {
		for _, s := range sites {
			if s.Config.Language != l {
				continue
			}
			outs := make([]string, 0, len(s.byOut))
			for out := range s.byOut {
				outs = append(outs, out)
			}
			sort.Strings(outs)
			for _, out := range outs {
				name := s.byOut[out]
				if other, ok := claimed[out]; ok && other != name {
					diags.Errorf(diag.Pos{File: name}, "rename the folder, or give the page another slug = \"…\" or url = \"…\"",
						"two pages are published at %s: %s and %s", s.RelURL(out), other, name).Vi(
						"đổi tên thư mục, hoặc đặt slug = \"…\" hoặc url = \"…\" khác cho bài",
						"hai bài cùng đăng ở địa chỉ %s: %s và %s", s.RelURL(out), other, name)
					continue
				}
				claimed[out] = name
			}
		}
	}
	return diags
}

// decideShared settles again which originals go out, now that every
// language has shown its pictures: a picture only a translation shows is
// shown all the same.
func decideShared(sites []*Site) {
	downloads := map[string]bool{}
	for _, s := range sites {
		for name := range s.downloads {
			downloads[name] = true
		}
	}
	for _, s := range sites {
		for _, f := range s.Files {
			if pic := f.Picture; pic != nil && pic.Problem == nil {
				pic.Original = s.Config.Images.Originals || !pic.Shown || downloads[f.Name]
			}
		}
	}
}

// Lang is the site's language: "vi", "en".
func (s *Site) Lang() string {
	if s.Config.Language == nil {
		return strings.ToLower(s.Config.LanguageCode)
	}
	return s.Config.Language.Lang
}

// Language is the site's language, as Hugo's .Site.Language: .Lang,
// .LanguageName, .Weight.
func (s *Site) Language() *Language {
	s.languageOnce.Do(func() { s.language = s.langOf(s.Config.Language) })
	return s.language
}

// Languages are the languages published, in their order.
func (s *Site) Languages() []*Language {
	out := make([]*Language, len(s.siblings))
	for i, o := range s.siblings {
		out[i] = o.Language()
	}
	return out
}

// Sites are every language's site, this one too, in the languages' order.
func (s *Site) Sites() []*Site { return s.siblings }

// IsMultilingual reports whether more than one language is published.
func (s *Site) IsMultilingual() bool { return len(s.siblings) > 1 }

// LanguagePrefix is the language's folder as Hugo writes it: "" for the
// default language, "/en" for English.
func (s *Site) LanguagePrefix() string {
	if s.prefix == "" {
		return ""
	}
	return "/" + strings.TrimSuffix(s.prefix, "/")
}

// RelLangURL and AbsLangURL are RelURL and AbsURL in the language's folder.
func (s *Site) RelLangURL(p string) string { return s.RelURL(s.inLang(strings.TrimPrefix(p, "/"))) }
func (s *Site) AbsLangURL(p string) string { return s.AbsURL(s.inLang(strings.TrimPrefix(p, "/"))) }

// DefaultSite is the site of the default language.
func (s *Site) DefaultSite() *Site {
	for _, o := range s.siblings {
		if o.Config.Language.Default {
			return o
		}
	}
	return s.siblings[0]
}

func (s *Site) locale() locale.Locale { return locale.For(s.Lang()) }

// Language is a language as layouts see it, with Hugo's names.
type Language struct {
	Lang         string // "en"
	LanguageName string // "English"
	LanguageCode string // for lang and hreflang: "en", or languageCode when the language has one
	Weight       int
	IsDefault    bool
	Home         *Node // the language's home page
}

func (s *Site) langOf(l *config.Language) *Language {
	if l == nil {
		return &Language{Lang: s.Lang(), LanguageName: s.Lang(), LanguageCode: s.Lang(), IsDefault: true, Home: s.Home}
	}
	for _, o := range s.siblings {
		if o.Config.Language == l {
			return &Language{Lang: l.Lang, LanguageName: l.Name, LanguageCode: strings.ReplaceAll(o.Config.Locale, "_", "-"), Weight: l.Weight, IsDefault: l.Default, Home: o.Home}
		}
	}
	return &Language{Lang: l.Lang, LanguageName: l.Name, LanguageCode: l.Lang, Weight: l.Weight, IsDefault: l.Default}
}

// Lang is the node's language: "vi", "en".
func (n *Node) Lang() string { return n.site.Lang() }

// Language is the node's language, as Hugo's .Language.
func (n *Node) Language() *Language { return n.site.Language() }

// AllTranslations are the node's versions in every language it is
// published in, itself too, in the languages' order; only itself when it
// has no translation.
func (n *Node) AllTranslations() []*Node {
	if len(n.translations) == 0 {
		return []*Node{n}
	}
	return n.translations
}

// Translations are the node's versions in the other languages.
func (n *Node) Translations() []*Node {
	var out []*Node
	for _, t := range n.translations {
		if t != n {
			out = append(out, t)
		}
	}
	return out
}

// IsTranslated reports whether the node has a version in another language.
func (n *Node) IsTranslated() bool { return len(n.translations) > 1 }

// Translation is the node's version in a language, or nil.
func (n *Node) Translation(lang string) *Node {
	for _, t := range n.AllTranslations() {
		if t.Lang() == lang {
			return t
		}
	}
	return nil
}

// LangLink is one language of the language switcher.
type LangLink struct {
	*Language
	URL        string // the node's translation in that language, else that language's home
	Current    bool   // the node's own language
	Translated bool   // URL is the node's translation, not a home
}

// LangLinks are the entries of a language switcher: every published
// language, each leading to this node's translation, or to its home when
// the node has none in it.
func (n *Node) LangLinks() []LangLink {
	var out []LangLink
	for _, s := range n.site.siblings {
		l := LangLink{Language: s.Language(), Current: s == n.site}
		if t := n.Translation(s.Lang()); t != nil {
			l.URL, l.Translated = t.RelPermalink(), true
		} else {
			l.URL = s.Home.RelPermalink()
		}
		out = append(out, l)
	}
	return out
}
