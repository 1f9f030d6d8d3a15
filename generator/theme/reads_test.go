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
		"_default/single.html": file(`{{ define "main" }}{{ with .Prev }}{{ .Title }}{{ end }}{{ partial "cards.html" (dict "p" .) }}{{ partialCachedEach "card.html" .Related nil }}{{ end }}`),
		"_default/list.html":   file(`{{ define "main" }}{{ $s := .Site }}{{ range $s.RegularPages }}{{ .Title }}{{ end }}{{ end }}`),
		"index.html":           file(`{{ define "main" }}{{ partial (printf "%s.html" .Kind) . }}{{ end }}`),
		"partials/footer.html": file(`{{ .Site.Params.phone }}`),
		"partials/cards.html":  file(`{{ range .p.Related }}{{ .RelPermalink }}{{ end }}`),
		"partials/card.html":   file(`{{ .p.Lead }}`),
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
		{"_default/single.html", []string{"Prev", "RelPermalink", "Related", "Site.Params.phone", "Site.Title", "Title", "p.Lead", "p.Related"}, true},
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

// TestReadsAfterFirstLeavesOutTheFirstPager: what runs only on a list's
// first pager is left out on the others, when the condition is
// .Paginator.IsFirst on the page's own view or a variable that surely holds
// it; anything else is read as before.
func TestReadsAfterFirstLeavesOutTheFirstPager(t *testing.T) {
	th := fstest.MapFS{
		"_default/baseof.html": file(`{{ block "main" . }}{{ end }}{{ partial "side.html" . }}`),
		"index.html": file(`{{ define "main" }}{{ $first := .Paginator.IsFirst }}` +
			`{{ if $first }}{{ .Sections }}{{ end }}{{ if not $first }}{{ .Paginator.Number }}{{ else }}{{ .Site.RegularPages }}{{ end }}` +
			`{{ if and .Paginator.IsFirst .Params.x }}{{ .Pages }}{{ end }}{{ end }}`),
		"partials/side.html": file(`{{ if .Paginator.IsFirst }}{{ .Site.Taxonomies }}{{ end }}{{ with .Parent }}{{ if .Paginator.IsFirst }}{{ .Resources }}{{ end }}{{ end }}`),
		// $first is assigned again: it may not hold IsFirst.
		"_default/list.html": file(`{{ define "main" }}{{ $first := .Paginator.IsFirst }}{{ if .Params.y }}{{ $first = true }}{{ end }}{{ if $first }}{{ .Sections }}{{ end }}{{ end }}`),
		// dot is a page of the range: its IsFirst is not the pager's.
		"_default/taxonomy.html": file(`{{ define "main" }}{{ range .Pages }}{{ $f := .Paginator.IsFirst }}{{ if $f }}{{ .Nodes }}{{ end }}{{ end }}{{ end }}`),
	}
	tm, errs := load(t, fstest.MapFS{}, th)
	if errs != "" {
		t.Fatal(errs)
	}
	for _, tc := range []struct {
		layout string
		wants  []string
		lacks  []string
	}{
		{"index.html", []string{"Paginator.Number", "Paginator.IsFirst", "Params.x", "Parent", "Resources"}, []string{"Sections", "Site.RegularPages", "Pages", "Site.Taxonomies"}},
		{"_default/list.html", []string{"Sections"}, nil},
		{"_default/taxonomy.html", []string{"Nodes", "Pages"}, nil},
	} {
		names, ok := tm.ReadsAfterFirst(tc.layout)
		if !ok {
			t.Fatalf("%s: not known", tc.layout)
		}
		for _, w := range tc.wants {
			if !names[w] {
				t.Errorf("%s after the first pager lacks %s: %v", tc.layout, w, slices.Sorted(maps.Keys(names)))
			}
		}
		for _, w := range tc.lacks {
			if names[w] {
				t.Errorf("%s after the first pager reads %s", tc.layout, w)
			}
		}
		all, _ := tm.Reads(tc.layout)
		for _, w := range append(tc.wants, tc.lacks...) {
			if !all[w] {
				t.Errorf("%s on its first pager lacks %s", tc.layout, w)
			}
		}
	}
}
