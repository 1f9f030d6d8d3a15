package config

import (
	"slices"
	"strings"

	"loa/generator/diag"
	"loa/generator/vi"
)

// hugoKeys are the top-level settings of Hugo's configuration, written from
// the fields of Hugo's Config and RootConfig (config/allconfig in Hugo
// v0.165) and, at the end, settings of older versions still found in
// sites. A site may keep any of them: Loa warns once for each it does not
// use, and reads the ones it does (see Config).
var hugoKeys = [...]string{
	// Root settings.
	"baseURL", "buildDrafts", "buildExpired", "buildFuture", "copyright",
	"defaultContentLanguage", "defaultContentLanguageInSubdir", "defaultContentRole",
	"defaultContentRoleInSubdir", "defaultContentVersion", "defaultContentVersionInSubdir",
	"defaultOutputFormat", "disableDefaultLanguageRedirect", "disableDefaultSiteRedirect",
	"disableAliases", "disablePathToLower", "disableKinds", "disableLanguages", "renderSegments",
	"disableHugoGeneratorInject", "disableLiveReload", "enableEmoji", "mainSections",
	"enableRobotsTXT", "enableGitInfo", "templateMetrics", "templateMetricsHints", "noBuildLock",
	"ignoreLogs", "ignoreFiles", "ignoreCache", "enableMissingTranslationPlaceholders",
	"panicOnWarning", "environment", "languageCode", "locale", "hasCJKLanguage",
	"pluralizeListTitles", "capitalizeListTitles", "canonifyURLs", "relativeURLs",
	"removePathAccents", "printUnusedTemplates", "printI18nWarnings", "printPathWarnings",
	"refLinksNotFoundURL", "refLinksErrorLevel", "sectionPagesMenu", "summaryLength", "title",
	"theme", "timeout", "timeZone", "titleCaseStyle", "newContentEditor", "noTimes", "noChmod",
	"cleanDestinationDir", "ignoreVendorPaths",
	// Folders.
	"themesDir", "publishDir", "resourceDir", "workingDir", "cacheDir", "contentDir", "dataDir",
	"layoutDir", "i18nDir", "archetypeDir", "assetDir", "staticDir", "staticDir0", "staticDir1",
	"staticDir2", "staticDir3", "staticDir4", "staticDir5", "staticDir6", "staticDir7",
	"staticDir8", "staticDir9", "staticDir10",
	// Tables.
	"author", "social", "build", "caches", "httpcache", "markup", "contentTypes", "mediaTypes",
	"imaging", "outputFormats", "languages", "versions", "roles", "outputs", "cascade", "segments",
	"menus", "menu", "deployment", "module", "frontmatter", "minify", "permalinks", "taxonomies",
	"sitemap", "related", "server", "pagination", "page", "privacy", "security", "services",
	"params", "uglyURLs",
	// Older versions.
	"paginate", "paginatePath", "enableInlineShortcodes", "ignoreErrors", "disqusShortname",
	"googleAnalytics", "rssLimit", "disableRSS", "disableSitemap", "disable404", "pygmentsStyle",
	"pygmentsCodeFences", "pygmentsCodeFencesGuessSyntax", "pygmentsUseClasses", "pygmentsOptions",
	"pygmentsUseClassic", "blackfriday", "footnoteReturnLinkContents", "footnoteAnchorPrefix",
	"metaDataFormat", "preserveTaxonomyNames", "verbose", "verboseLog", "log", "logFile",
	"logLevel", "watch", "languageName", "disableFastRender", "defaultLayout", "newContentEditor",
}

// hugoSubKeys are Hugo's settings inside the tables Loa reads in part, by
// lower-case path ("*" for any name). Loa warns for those it does not use.
var hugoSubKeys = map[string][]string{
	"markup":                   {"defaultMarkdownHandler", "highlight", "tableOfContents", "goldmark", "asciidocExt", "rst", "pandoc"},
	"markup.goldmark":          {"renderer", "parser", "extensions", "duplicateResourceFiles", "renderHooks"},
	"markup.goldmark.renderer": {"hardWraps", "xhtml", "unsafe"},
	"pagination":               {"pagerSize", "path", "disableAliases"},
	"security":                 {"enableInlineShortcodes", "exec", "funcs", "http", "node", "allowContent", "gotemplates"},
	"menus.*":                  {"identifier", "parent", "name", "pre", "post", "url", "pageRef", "weight", "title", "params"},
	"permalinks":               {"page", "section", "term", "taxonomy"},
	"languages.*":              {"languageName", "languageCode", "locale", "title", "weight", "disabled", "direction", "languageDirection", "label", "contentDir", "params", "menus"},
}

// isHugoKey reports whether path (as written) is a setting Hugo knows.
func isHugoKey(path []string) bool {
	last := strings.ToLower(path[len(path)-1])
	if len(path) == 1 {
		return slices.ContainsFunc(hugoKeys[:], func(k string) bool { return strings.ToLower(k) == last })
	}
	return slices.ContainsFunc(hugoSubKeys[wildPath(path[:len(path)-1])], func(k string) bool { return strings.ToLower(k) == last })
}

// wildPath is the key of hugoSubKeys for the table at path.
func wildPath(path []string) string {
	lower := strings.ToLower(strings.Join(path, "."))
	if _, ok := hugoSubKeys[lower]; ok {
		return lower
	}
	top := strings.ToLower(path[0])
	if top == "menu" {
		top = "menus" // renamed when read; messages keep the name as written
	}
	if len(path) >= 2 {
		return top + ".*"
	}
	return top
}

// unknown reports a key Loa does not read: Hugo's are a warning each (a
// table once, not once per key inside), others an error with the nearest
// known name.
func unknown(diags *diag.List, path []string, s *setting, known []string) {
	key := strings.Join(path, ".")
	if isHugoKey(path) {
		diags.Warnf(s.pos, "Loa builds the site without it; delete it once the site no longer needs Hugo",
			"Hugo's setting `%s` is not used by Loa", key).Vi(
			"Loa dựng trang mà không cần thiết lập này; có thể xoá khi trang không còn dùng Hugo",
			"Loa không dùng thiết lập `%s` của Hugo", key)
		return
	}
	candidates := known
	if len(path) == 1 {
		candidates = append(append([]string{}, known...), hugoKeys[:]...)
	} else {
		candidates = append(append([]string{}, known...), hugoSubKeys[wildPath(path[:len(path)-1])]...)
	}
	hint, hintVi := "check the spelling; site-specific settings go under [params]",
		"kiểm tra chính tả; thiết lập riêng của trang đặt trong mục [params]"
	if m := nearest(path[len(path)-1], candidates); m != "" {
		hint = "did you mean `" + m + "`? Site-specific settings go under [params]"
		hintVi = "có phải ý bạn là `" + m + "`? Thiết lập riêng của trang đặt trong mục [params]"
	}
	diags.Errorf(s.pos, hint, "unknown setting %q", key).Vi(hintVi, "không có thiết lập %q", key)
}

// nearest returns the candidate closest to word (ignoring case), if it is
// at most two edits away; the first listed wins a tie.
func nearest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestD := "", 3
	for _, c := range candidates {
		d := vi.EditDistance(w, strings.ToLower(c))
		if d < bestD && d < len([]rune(w)) {
			best, bestD = c, d
		}
	}
	return best
}
