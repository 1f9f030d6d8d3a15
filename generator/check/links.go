package check

import (
	"strings"

	"loa/generator/diag"
	"loa/generator/page"
)

// The rules of links: the build checks every link and picture of the site
// (a file or address that does not exist is an error, a #fragment that
// names no heading a warning); loa check reports what the build said,
// under the rules links and anchors where a link is concerned, so that
// [check] can weigh them. Links to other sites: external.go.

// fromBuild turns the build's diagnostics into findings: at the place of
// a link, under links (or anchors for a link with a #fragment the build
// warned about), anything else as the build's own.
func fromBuild(build diag.List, files []*File, set map[string]string) []Finding {
	if len(build) == 0 {
		return nil
	}
	refs := map[diag.Pos]page.Ref{}
	for _, f := range files {
		if f.Page == nil {
			continue
		}
		for _, r := range f.Page.Refs {
			if r.Kind == page.RefLink {
				refs[r.Pos] = r
			}
		}
	}
	var out []Finding
	for _, d := range build {
		f := Finding{Rule: RuleBuild, Level: Warning, Pos: d.Pos, Message: d.Message, Hint: d.Hint, MessageVi: d.MessageVi, HintVi: d.HintVi}
		if d.Severity == diag.Error {
			f.Level = Error
		}
		if r, ok := refs[d.Pos]; ok {
			f.Rule = RuleLinks
			if d.Severity == diag.Warning && strings.Contains(r.Dest, "#") {
				f.Rule = RuleAnchors
			}
			if s, ok := set[f.Rule]; ok {
				f.Level, _ = parseLevel(s)
			}
		}
		if f.Level != Off {
			out = append(out, f)
		}
	}
	return out
}
