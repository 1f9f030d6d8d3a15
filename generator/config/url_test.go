package config

import (
	"strings"
	"testing"
)

func TestUnsafeURL(t *testing.T) {
	tests := []struct{ url, want string }{
		{"javascript:alert(1)", "javascript"},
		{"JavaScript:alert(1)", "javascript"},
		{" java\tscript:alert(1)", "javascript"},
		{"java\nscript:alert(1)", "javascript"},
		{"\x01javascript:alert(1)", "javascript"},
		{"vbscript:msgbox", "vbscript"},
		{"data:text/html;base64,PHNjcmlwdD4=", "data"},
		{"data:image/svg+xml,<svg onload=alert(1)>", "data"},
		{"data:image/png;base64,iVBORw0KGgo=", ""},
		{"DATA:image/jpeg;base64,/9j/", ""},
		{"data:image/webp,RIFF", ""},
		{"https://vstbpn.halam.gov.vn/tin-tuc/", ""},
		{"/tin-tuc/javascript:x", ""},
		{"../van-ban/luat.md#javascript:x", ""},
		{"mailto:ban@halam.gov.vn", ""},
		{"tel:111", ""},
		{"?q=javascript:x", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := UnsafeURL(tc.url); got != tc.want {
			t.Errorf("UnsafeURL(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}

func TestMenuScriptAddressesDropped(t *testing.T) {
	src := "[[menu.main]]\nname = \"Trang chủ\"\nurl = \"/\"\n[[menu.main]]\nname = \"Bấm đây\"\nurl = \"javascript:alert(1)\"\n"
	c, d := Parse([]byte(src))
	if c == nil {
		t.Fatal(d)
	}
	if len(c.Menus["main"]) != 1 || c.Menus["main"][0].Name != "Trang chủ" {
		t.Errorf("menu %+v", c.Menus["main"])
	}
	if len(d) != 1 || !strings.HasPrefix(d[0].String(), `config.toml:6:8: warning: menu entry "Bấm đây": javascript: address dropped, and the entry with it`) {
		t.Errorf("diagnostics %q", d)
	}
	c, d = Parse([]byte("[markup]\nunsafe = true\n" + src))
	if len(d) != 0 || len(c.Menus["main"]) != 2 {
		t.Errorf("with unsafe = true: %v %+v", d, c.Menus)
	}
}
