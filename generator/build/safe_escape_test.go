package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/emersion/go-ical"
)

// hostile is text an editor (or someone who got into their account) might
// write to run a script on every reader's screen: tags, attribute breakers,
// the end of a script element, the end of a CDATA section and the line
// separator that ends a JavaScript string in old engines.
const hostile = `<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=1">` +
	`</script><script>window.__pwned=1</script>' autofocus onfocus='window.__pwned=1' x=']]>` + "\u2028" + `&amp;`

// hostileURL is an address that runs a script when followed.
const hostileURL = "javascript:window.__pwned=1"

// tomlString quotes s for TOML.
func tomlString(s string) string {
	b, _ := json.Marshal(s) // JSON's escapes are TOML's for these characters
	return string(b)
}

// hostileSite puts the hostile text in every field the default theme shows.
func hostileSite(t *testing.T) fstest.MapFS {
	t.Helper()
	h := tomlString(hostile)
	footer, err := os.ReadFile("../../themes/default/layouts/partials/footer.html")
	if err != nil {
		t.Fatal(err)
	}
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"config.toml": file(`baseURL = "https://thu.gov.vn/"
title = ` + h + `
copyright = ` + h + `
[security.csp]
# The policy would hide an escaping mistake: let inline scripts run.
scriptSrc = ["'unsafe-inline'"]
[params]
description = ` + h + `
address = ` + h + `
phone = ` + h + `
email = ` + h + `
[[menu.main]]
name = ` + h + `
url = "` + hostileURL + `"
[[menu.main]]
name = "Tin tức"
url = "/tin-tuc/"
`),
		"i18n/vi.toml":     file("skipToContent = " + h + "\nshare = " + h + "\nlinkCopied = " + h + "\nbreadcrumb = " + h + "\nhome = " + h + "\n"),
		"data/lienhe.toml": file("ten = " + h + "\nweb = \"" + hostileURL + "\"\n"),
		// The default footer, and the data file shown the way a site would.
		"layouts/partials/footer.html": file(string(footer) + `{{ with .Site.Data.lienhe }}<p class="data">{{ .ten }} <a href="{{ .web }}">web</a></p>{{ end }}`),
		"content/_index.md":            file("+++\ntitle = " + h + "\ndescription = " + h + "\n+++\n"),
		"content/tin-tuc/_index.md":    file("+++\ntitle = " + h + "\ndescription = " + h + "\n+++\n"),
		"content/tin-tuc/bai/index.md": file("+++\ntitle = " + h + "\ndescription = " + h + "\nsummary = " + h +
			"\ndate = 2025-11-18T08:00:00+07:00\nauthors = [" + h + "]\ntags = [" + h + ", \"bình đẳng\"]\ncategories = [" + h + "]\ncampaigns = [\"an-toan\"]\nfeatured = true\n+++\n" +
			"Đoạn mở đầu.\n\n![\"><img src=x onerror=\"window.__pwned=1\">](anh.gif \"" + strings.ReplaceAll(hostile, `"`, `\"`) + "\")\n\n" +
			""),
		"content/tin-tuc/bai/anh.gif":  &fstest.MapFile{Data: gif1x1},
		"content/tin-tuc/khac.md":      file("+++\ntitle = \"Tin khác\"\ndate = 2025-11-17T08:00:00+07:00\ntags = [" + h + "]\n+++\nNội dung.\n"),
		"content/chien-dich/_index.md": file("+++\ntitle = " + h + "\n+++\n"),
		"content/chien-dich/an-toan/_index.md": file("+++\ntitle = " + h + "\ndescription = " + h + `
[campaign]
theme = ` + h + `
start = 2025-11-15
end = 2025-12-15
messages = [` + h + `, ` + h + `]
[[campaign.hotlines]]
name = ` + h + `
number = "111"
hours = ` + h + `
[[campaign.activities]]
title = ` + h + `
start = 2025-11-25T08:00:00
end = 2025-11-25T10:00:00
place = ` + h + `
organizer = ` + h + `
description = ` + h + `
[[campaign.materials]]
title = ` + h + `
file = "to-roi.pdf"
kind = "leaflet"
description = ` + h + `
+++
Nội dung.
`),
		"content/chien-dich/an-toan/to-roi.pdf": file("%PDF-1.4 thử"),
	}
}

// gif1x1 is the smallest GIF picture.
var gif1x1 = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

func buildHostile(t *testing.T) map[string][]byte {
	t.Helper()
	b := New(Options{Site: hostileSite(t), Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return campaignNow }})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(text(diags))
	}
	out := &memory{files: map[string][]byte{}}
	if _, d := b.Render(plan, out); d.HasErrors() {
		t.Fatal(text(d))
	}
	return out.files
}

// TestHostileTextIsEscaped reads every output as what it is: markup never
// holds the hostile text raw, and feeds parse back to the very text.
func TestHostileTextIsEscaped(t *testing.T) {
	files := buildHostile(t)
	raw := []string{"<script>window.__pwned", "onerror=\"window.__pwned", "onerror=window.__pwned", "onfocus='window", `href="javascript:`, `href=javascript:`}
	ldJSON := regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)
	var pages, feeds, lds int
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, ".html"):
			pages++
			markup := ldJSON.ReplaceAll(data, nil) // JSON strings, checked below
			for _, r := range raw {
				if i := bytes.Index(markup, []byte(r)); i >= 0 {
					t.Errorf("%s holds %q unescaped: …%s…", name, r, markup[max(i-80, 0):min(i+80, len(markup))])
				}
			}
			for _, m := range ldJSON.FindAllSubmatch(data, -1) {
				lds++
				var v map[string]any
				if err := json.Unmarshal(m[1], &v); err != nil {
					t.Errorf("%s: JSON-LD does not parse: %v\n%s", name, err, m[1])
				} else if name == "tin-tuc/bai/index.html" && v["headline"] != hostile {
					t.Errorf("%s: JSON-LD headline %q, want the title as written", name, v["headline"])
				}
			}
		case strings.HasSuffix(name, ".xml"):
			feeds++
			if err := wellFormedXML(data); err != nil {
				t.Errorf("%s is not well-formed XML: %v", name, err)
			}
			if strings.HasPrefix(name, "tin-tuc/index") && !bytes.Contains(data, []byte("]]&gt;")) && !bytes.Contains(data, []byte("]]>")) {
				t.Errorf("%s lost the title", name)
			}
		case strings.HasSuffix(name, ".json"):
			feeds++
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: %v", name, err)
			} else if searchKeys(name) {
				// The search index's syllables, not the text as written.
			} else if !bytes.Contains(data, []byte(`\u003cscript\u003e`)) && !strings.Contains(string(data), hostile) {
				t.Errorf("%s lost the hostile text", name)
			}
		case strings.HasSuffix(name, ".ics"):
			feeds++
			cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			for _, ev := range cal.Events() {
				if s, _ := ev.Props.Text(ical.PropSummary); s != hostile {
					t.Errorf("%s: SUMMARY %q, want the activity's title as written", name, s)
				}
			}
		}
	}
	if pages < 8 || feeds < 4 || lds < 1 {
		t.Errorf("only %d pages, %d feeds and %d JSON-LD blocks: the site did not build as meant", pages, feeds, lds)
	}
}

func wellFormedXML(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// A javascript: address in Markdown must not become a link, as goldmark's
// own renderer ensures unless raw HTML is allowed.
func TestMarkdownDropsScriptLinks(t *testing.T) {
	site := hostileSite(t)
	site["content/tin-tuc/khac.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Tin khác\"\n+++\n[liên kết](" + hostileURL + ") ![ảnh](" + hostileURL + ")\n")}
	b := New(Options{Site: site, Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return campaignNow }})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(text(diags))
	}
	out := &memory{files: map[string][]byte{}}
	b.Render(plan, out)
	page := out.files["tin-tuc/khac/index.html"]
	if page == nil || bytes.Contains(page, []byte(`="javascript:`)) {
		t.Errorf("a javascript: address of Markdown became a link or picture:\n%s", page)
	}
}
