package site

import (
	"fmt"
	"strings"
	"testing"
)

// A page marks the menu entry that is itself as the page and those above it
// as holding it, never the home; pages that mark the same entries share one
// menu.
func TestMainMenuAt(t *testing.T) {
	cfg := `
[[menu.main]]
name = "Trang chủ"
url = "/"
[[menu.main]]
name = "Tin tức"
url = "/tin-tuc/"
[[menu.main]]
name = "Sự kiện"
url = "/tin-tuc/su-kien/"
[[menu.main]]
name = "Cổng tỉnh"
url = "https://daklak.gov.vn/"
`
	s, errs := fixture(t, cfg, map[string]string{
		"content/tin-tuc/su-kien/a.md": "+++\ntitle = \"A\"\ndate = 2026-11-20\n+++\n",
		"content/tin-tuc/b.md":         "+++\ntitle = \"B\"\ndate = 2026-11-21\n+++\n",
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	show := func(m Menu) string {
		var out []string
		for _, it := range m.Items {
			out = append(out, it.Name+" "+it.RelURL+" "+it.Current)
		}
		return fmt.Sprintf("%q: %s", m.Key, strings.Join(out, " | "))
	}
	for _, tc := range []struct{ cur, want string }{
		{"/ban/tin-tuc/su-kien/a/", `"1t.2t": Trang chủ /ban/  | Tin tức /ban/tin-tuc/ true | Sự kiện /ban/tin-tuc/su-kien/ true | Cổng tỉnh https://daklak.gov.vn/ `},
		{"/ban/tin-tuc/", `"1p": Trang chủ /ban/  | Tin tức /ban/tin-tuc/ page | Sự kiện /ban/tin-tuc/su-kien/  | Cổng tỉnh https://daklak.gov.vn/ `},
		{"/ban/", `"0p": Trang chủ /ban/ page | Tin tức /ban/tin-tuc/  | Sự kiện /ban/tin-tuc/su-kien/  | Cổng tỉnh https://daklak.gov.vn/ `},
		{"", `"": Trang chủ /ban/  | Tin tức /ban/tin-tuc/  | Sự kiện /ban/tin-tuc/su-kien/  | Cổng tỉnh https://daklak.gov.vn/ `},
	} {
		if got := show(s.MainMenuAt(tc.cur)); got != tc.want {
			t.Errorf("at %q:\n got %s\nwant %s", tc.cur, got, tc.want)
		}
	}
	// b and a's section mark the same entries: one menu serves both.
	b := s.MainMenuAt("/ban/tin-tuc/b/")
	if b.Key != "1t" || &b.Items[0] != &s.MainMenuAt("/ban/tin-tuc/c/").Items[0] {
		t.Errorf("menu for %q not shared: %s", b.Key, show(b))
	}
	if b.Site != s {
		t.Error("the menu does not lead to its site, which header-bar.html shows")
	}
}
