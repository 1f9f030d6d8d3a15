package config

import (
	"strings"
	"testing"
)

func TestSecuritySettings(t *testing.T) {
	cfg, diags := Parse([]byte("[security]\nallowOutside = [\"/srv/anh-chung\"]\nmaxFileSize = 2048\n[security.csp]\nimgSrc = [\"https://cdn.example.vn\"]\nobjectSrc = [\"'self'\"]\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s := cfg.Security
	if len(s.AllowOutside) != 1 || s.AllowOutside[0] != "/srv/anh-chung" || s.MaxFileSize != 2048 {
		t.Errorf("got %+v", s)
	}
	for _, want := range []string{"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://cdn.example.vn;", "object-src 'self';", "frame-src https://www.youtube-nocookie.com https://player.vimeo.com;"} {
		if !strings.Contains(cfg.CSP(), want) {
			t.Errorf("policy lacks %q: %s", want, cfg.CSP())
		}
	}
	if def, _ := Parse(nil); def.Security.MaxFileSize != DefaultMaxFileSize || !strings.Contains(def.CSP(), "object-src 'none'") {
		t.Errorf("defaults: %+v", def.Security)
	}
}

func TestSecurityErrors(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"[security]\nallowOutside = [\"anh\"]\n", `config.toml:2:1: allowOutside: "anh" is not a full path`},
		{"[security]\nmaxFileSize = -1\n", "config.toml:2:1: maxFileSize must be positive, not -1"},
		{"[security.csp]\nimgSrc = [\"https://a.vn; script-src *\"]\n", `config.toml:2:1: imgSrc: "https://a.vn; script-src *" must be one word`},
		{"[security.csp]\nscriptSource = [\"https://a.vn\"]\n", `config.toml:2:1: unknown Content-Security-Policy directive "scriptSource"`},
	} {
		_, diags := Parse([]byte(c.src))
		if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), c.want) || diags[0].MessageVi == "" {
			t.Errorf("%q: want %s, got %v", c.src, c.want, diags)
		}
	}
}
