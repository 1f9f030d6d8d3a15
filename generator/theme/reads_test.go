package theme

import (
	"maps"
	"slices"
	"testing"
	"testing/fstest"
)

func TestReadsFollowsBaseofBlocksAndPartials(t *testing.T) {
	th := fstest.MapFS{
		"_default/baseof.html": file(`<title>{{ .Site.Title }}</title>{{ block "main" . }}{{ end }}{{ partialCached "footer.html" . }}`),
		"_default/single.html": file(`{{ define "main" }}{{ with .Prev }}{{ .Title }}{{ end }}{{ partial "cards.html" (dict "p" .) }}{{ end }}`),
		"_default/list.html":   file(`{{ define "main" }}{{ $s := .Site }}{{ range $s.RegularPages }}{{ .Title }}{{ end }}{{ end }}`),
		"index.html":           file(`{{ define "main" }}{{ partial (printf "%s.html" .Kind) . }}{{ end }}`),
		"partials/footer.html": file(`{{ .Site.Params.phone }}`),
		"partials/cards.html":  file(`{{ range .p.Related }}{{ .RelPermalink }}{{ end }}`),
		"partials/unused.html": file(`{{ .Site.Sections }}`),
	}
	tm, errs := load(t, fstest.MapFS{}, th)
	if errs != "" {
		t.Fatal(errs)
	}
	for _, tc := range []struct {
		layout string
		want   []string
		ok     bool
	}{
		{"_default/single.html", []string{"Prev", "RelPermalink", "Site.Params.phone", "Site.Title", "Title", "p.Related"}, true},
		{"_default/list.html", []string{"RegularPages", "Site", "Site.Params.phone", "Site.Title", "Title"}, true},
		{"index.html", nil, false}, // a partial named at run time: anything
	} {
		names, ok := tm.Reads(tc.layout)
		if ok != tc.ok {
			t.Errorf("%s: ok = %v, want %v", tc.layout, ok, tc.ok)
		}
		if !ok {
			continue
		}
		got := slices.Sorted(maps.Keys(names))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s reads %v, want %v", tc.layout, got, tc.want)
		}
	}
}
