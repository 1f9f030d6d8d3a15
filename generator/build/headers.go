package build

import (
	"strings"

	"loa/generator/config"
	"loa/generator/diag"
)

// headers writes _headers at the output root: Netlify and Cloudflare Pages
// send its headers with every file, so the policy holds for feeds, pictures
// and documents too, and a host's header overrides nothing the theme's meta
// element says. A site with its own static/_headers keeps it.
func (r *renderer) headers() diag.List {
	if _, ok := r.plan.res.static["_headers"]; ok {
		return nil
	}
	if r.reuse("_headers", r.siteKey("_headers")) {
		return nil
	}
	return r.writeRaw("_headers", Headers(r.plan.Config))
}

// Headers is the text of _headers for a site.
func Headers(cfg *config.Config) []byte {
	var b strings.Builder
	b.WriteString("/*\n")
	b.WriteString("  Content-Security-Policy: " + cfg.CSP() + "\n")
	b.WriteString("  X-Content-Type-Options: nosniff\n")
	b.WriteString("  Referrer-Policy: strict-origin-when-cross-origin\n")
	return []byte(b.String())
}
