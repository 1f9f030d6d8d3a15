package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBareSite: a site folder with config.toml and content/ only, as a
// newcomer starts, gets navigation from its sections, the theme's favicon
// and a description on every page.
func TestBareSite(t *testing.T) {
	site := writeSite(t, baseConfig+`-- content/tin-tuc/a.md --
+++
title = "Tin A"
+++
Nội dung.
-- content/van-ban/_index.md --
+++
title = "Văn bản"
weight = 1
+++
-- content/van-ban/b.md --
+++
title = "Văn bản B"
+++
Nội dung.
-- content/gioi-thieu/c.md --
+++
title = "Về chúng tôi"
+++
Nội dung.
`)
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	home := readOut(t, dest, "index.html")
	menu := regexp.MustCompile(`<nav class=menu[^>]*><ul>(.*?)</ul></nav>`).FindStringSubmatch(home)
	if menu == nil {
		t.Fatalf("no menu in the header:\n%s", home)
	}
	if want := `<li><a href=/van-ban/>Văn bản</a></li><li><a href=/gioi-thieu/>Giới thiệu</a></li><li><a href=/tin-tuc/>Tin tức</a></li>`; menu[1] != want {
		t.Errorf("menu\n%s\nwant (by weight, then by title)\n%s", menu[1], want)
	}
	if !exists(dest, "favicon.svg") {
		t.Errorf("the theme's favicon is not published, yet every page asks for it")
	}
	err := filepath.Walk(dest, func(p string, info os.FileInfo, err error) error {
		if err != nil || filepath.Ext(p) != ".html" {
			return err
		}
		b, _ := os.ReadFile(p)
		if !strings.Contains(string(b), "<meta name=description content=") {
			rel, _ := filepath.Rel(dest, p)
			t.Errorf("%s has no description", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
