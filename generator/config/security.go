package config

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"loa/generator/diag"
)

// Security holds the [security] settings: what a build may read and what
// the published pages allow browsers to load.
type Security struct {
	// AllowOutside lists absolute folders outside the site that symbolic
	// links in the site may point into.
	AllowOutside []string
	// MaxFileSize is the largest content or data file read, in bytes.
	MaxFileSize int64
	// CSP is the Content-Security-Policy of every page, the defaults with
	// [security.csp] added.
	CSP string
}

// DefaultMaxFileSize is 10 MB: far above any article, far below what
// would exhaust a small build machine.
const DefaultMaxFileSize = 10 << 20

// cspDefaults is the policy of the default theme: one stylesheet and deferred
// scripts from the site itself, videos only from the two players the
// Markdown embeds use, images from the site and data: URLs.
func cspDefaults() []cspDirective {
	return []cspDirective{
		{"defaultSrc", "default-src", []string{"'self'"}},
		{"scriptSrc", "script-src", []string{"'self'"}},
		{"styleSrc", "style-src", []string{"'self'"}},
		{"imgSrc", "img-src", []string{"'self'", "data:"}},
		{"fontSrc", "font-src", []string{"'self'"}},
		{"connectSrc", "connect-src", []string{"'self'"}},
		{"mediaSrc", "media-src", []string{"'self'"}},
		{"frameSrc", "frame-src", []string{"https://www.youtube-nocookie.com", "https://player.vimeo.com"}},
		{"objectSrc", "object-src", []string{"'none'"}},
		{"baseUri", "base-uri", []string{"'self'"}},
		{"formAction", "form-action", []string{"'self'"}},
		{"manifestSrc", "manifest-src", []string{"'self'"}},
		{"workerSrc", "worker-src", []string{"'self'"}},
	}
}

type cspDirective struct {
	key, name string // config key, directive
	sources   []string
}

// securityFile mirrors [security] in config.toml.
type securityFile struct {
	AllowOutside []string            `toml:"allowOutside"`
	MaxFileSize  int64               `toml:"maxFileSize"`
	CSP          map[string][]string `toml:"csp"`
}

// security checks [security] and fills in the defaults.
func (f securityFile) security(at func(key ...string) diag.Pos) (Security, diag.List) {
	var diags diag.List
	s := Security{MaxFileSize: f.MaxFileSize}
	switch {
	case s.MaxFileSize == 0:
		s.MaxFileSize = DefaultMaxFileSize
	case s.MaxFileSize < 0:
		diags.Errorf(at("security", "maxFileSize"), "write a size in bytes, such as 10485760 for 10 MB",
			"maxFileSize must be positive, not %d", s.MaxFileSize).Vi(
			"ghi kích thước theo byte, ví dụ 10485760 cho 10 MB", "maxFileSize phải là số dương, không phải %d", s.MaxFileSize)
	}
	for _, dir := range f.AllowOutside {
		if !filepath.IsAbs(dir) {
			diags.Errorf(at("security", "allowOutside"), "write the full path of the folder, such as \"/srv/anh-chung\"",
				"allowOutside: %q is not a full path", dir).Vi(
				"ghi đường dẫn đầy đủ của thư mục, ví dụ \"/srv/anh-chung\"", "allowOutside: %q không phải đường dẫn đầy đủ", dir)
			continue
		}
		s.AllowOutside = append(s.AllowOutside, filepath.Clean(dir))
	}
	known := map[string]bool{}
	for _, d := range cspDefaults() {
		known[d.key] = true
	}
	keys := make([]string, 0, len(f.CSP))
	for k := range f.CSP {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			diags.Errorf(at("security", "csp", k), "use a directive such as imgSrc, scriptSrc, frameSrc or connectSrc",
				"unknown Content-Security-Policy directive %q", k).Vi(
				"dùng một chỉ thị như imgSrc, scriptSrc, frameSrc hoặc connectSrc", "không có chỉ thị Content-Security-Policy %q", k)
			continue
		}
		for _, src := range f.CSP[k] {
			if msg := checkSource(src); msg != "" {
				diags.Errorf(at("security", "csp", k), "write one address or keyword per item, such as \"https://cdn.example.vn\"",
					"%s: %q %s", k, src, msg).Vi(
					"mỗi mục ghi một địa chỉ hoặc từ khoá, ví dụ \"https://cdn.example.vn\"", "%s: %q không hợp lệ", k, src)
			}
		}
	}
	s.CSP = policy(f.CSP)
	return s, diags
}

// checkSource refuses what would end a directive or the header: a source
// is one word of printable ASCII.
func checkSource(src string) string {
	if src == "" {
		return "is empty"
	}
	for _, r := range src {
		if r <= ' ' || r >= 0x7f || r == ';' || r == ',' || r == '"' {
			return "must be one word without spaces, quotes, commas or semicolons"
		}
	}
	return ""
}

// policy writes the defaults with the extra sources of each directive.
func policy(extra map[string][]string) string {
	var b strings.Builder
	for i, d := range cspDefaults() {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(d.name)
		srcs := d.sources
		if add := extra[d.key]; len(add) > 0 && len(srcs) == 1 && srcs[0] == "'none'" {
			srcs = nil // 'none' with sources is ignored by browsers, with a warning
		}
		seen := map[string]bool{}
		for _, s := range append(append([]string{}, srcs...), extra[d.key]...) {
			if checkSource(s) != "" || seen[s] {
				continue
			}
			seen[s] = true
			fmt.Fprintf(&b, " %s", s)
		}
	}
	return b.String()
}

// CSP returns the site's Content-Security-Policy; a Config built without
// Parse (in tests) gets the defaults.
func (c *Config) CSP() string {
	if c == nil || c.Security.CSP == "" {
		return policy(nil)
	}
	return c.Security.CSP
}
