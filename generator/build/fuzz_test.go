package build

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzBuild builds a whole small site whose config and two content files
// come from the fuzzer: no input may panic, and every diagnostic names a
// file and, for a content file, a line.
//
//	go test -fuzz=FuzzBuild -fuzztime=60s ./generator/build
func FuzzBuild(f *testing.F) {
	f.Add("baseURL = \"https://thu.gov.vn/\"\ntitle = \"Thử\"\n", "+++\ntitle = \"Tin\"\ndate = 2025-03-01\ntags = [\"hội nghị\"]\n+++\nNội dung [xem](b.md).\n", "---\ntitle: Bài\n---\n# Tiêu đề\n")
	f.Add("title = \"Thử\"\n[security]\nmaxFileSize = 100\n", "+++\n+++\n"+strings.Repeat("chữ ", 50), "---\na: &a [1]\nb: [*a, *a]\n---\n")
	f.Add("[taxonomies]\ntag = \"tags\"\n[[menu.main]]\nname = \"Tin\"\nurl = \"/tin-tuc/\"\n", "+++\ntitle = \"Tin\"\n[campaign]\ntheme = \"x\"\nstart = 2025-11-15\nend = 2025-11-01\n+++\n", "![ảnh](khong-co.png)\n")
	f.Add("pagerSize = -1\n", "+++\ntitle = [[[\n+++\n", "---\n- a\n---\n")
	theme := os.DirFS("../../themes/default")
	now := func() time.Time { return campaignNow }
	f.Fuzz(func(t *testing.T, config, a, b string) {
		site := fstest.MapFS{
			"config.toml":                    {Data: []byte(config)},
			"content/_index.md":              {Data: []byte("+++\ntitle = \"Trang chủ\"\n+++\n")},
			"content/tin-tuc/a.md":           {Data: []byte(a)},
			"content/chien-dich/b/_index.md": {Data: []byte(b)},
		}
		bld := New(Options{Site: site, Theme: theme, Now: now})
		plan, diags := bld.Assemble()
		if plan != nil && !diags.HasErrors() {
			_, d := bld.Render(plan, &memory{files: map[string][]byte{}})
			diags.Append(d)
		}
		for _, d := range diags {
			if d.Pos.File == "" {
				t.Errorf("no file: %s", d)
			}
			if strings.HasPrefix(d.Pos.File, "content/") && strings.HasSuffix(d.Pos.File, ".md") && d.Pos.Line == 0 {
				t.Errorf("no line: %s", d)
			}
		}
	})
}
