package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestSitePartialsReplaceTheThemes: a site's own partial of a theme
// partial's name is the one every page runs, whether the theme's layouts
// call it with the partial function or with the template action.
func TestSitePartialsReplaceTheThemes(t *testing.T) {
	site := fstest.MapFS{
		"config.toml":                  {Data: []byte("baseURL = \"https://thu.gov.vn/\"\ntitle = \"Thử\"\n")},
		"content/_index.md":            {Data: []byte("+++\ntitle = \"Trang chủ\"\n+++\n")},
		"content/tin-tuc/_index.md":    {Data: []byte("+++\ntitle = \"Tin tức\"\n+++\n")},
		"content/tin-tuc/bai/index.md": {Data: []byte("+++\ntitle = \"Bài & tin\"\ndate = 2025-03-01\n+++\nNội dung.\n")},
		// name.html runs inside <title>, in attributes and in text.
		"layouts/partials/name.html":  {Data: []byte(`★{{ .Title }}`)},
		"layouts/partials/share.html": {Data: []byte(`<div class="chia-se">Chia sẻ của đơn vị</div>`)},
	}
	files, diags := buildFS(t, site, false)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	item := string(files["tin-tuc/bai/index.html"])
	for _, want := range []string{
		"<title>★Bài &amp; tin – Thử</title>",
		`<meta property="og:title" content="★Bài &amp; tin">`,
		`">★Tin tức</a></li>`, // the breadcrumb
		`<div class="chia-se">Chia sẻ của đơn vị</div>`,
	} {
		if !strings.Contains(item, want) {
			t.Errorf("the news item lacks %q", want)
		}
	}
	if strings.Contains(item, `class="share"`) {
		t.Error("the theme's share.html still runs beside the site's")
	}
	list := string(files["tin-tuc/index.html"])
	if !strings.Contains(list, "<title>★Tin tức – Thử</title>") {
		t.Error("the section's title does not come from the site's name.html")
	}
}
