package config

import (
	"strings"
	"testing"
)

func TestCheckSettings(t *testing.T) {
	cfg, diags := Parse([]byte("[check]\nalt = \"error\"\nDoubleSpace = \"OFF\"\nscheduled = \"info\"\ntonePlacement = \"new\"\ncaptions = true\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	c := cfg.Check
	if c.Levels["alt"] != "error" || c.Levels["doubleSpace"] != "off" || c.Levels["scheduled"] != "info" || len(c.Levels) != 3 {
		t.Errorf("levels: %v", c.Levels)
	}
	if c.TonePlacement != "new" || !c.Captions {
		t.Errorf("settings: %+v", c)
	}
	if def, _ := Parse(nil); len(def.Check.Levels) != 0 || def.Check.TonePlacement != "" || def.Check.Captions {
		t.Errorf("defaults: %+v", def.Check)
	}
}

func TestCheckErrors(t *testing.T) {
	for _, c := range []struct{ src, want, hint string }{
		{"[check]\nalt = \"warn\"\n", `config.toml:2:1: check.alt: "warn" is not a level`, `did you mean "warning"?`},
		{"[check]\n\nnfc = \"loud\"\n", `config.toml:3:1: check.nfc: "loud" is not a level`, `write "error", "warning", "info" or "off"`},
		{"[check]\nalts = \"off\"\n", `config.toml:2:1: unknown setting "check.alts"`, "did you mean `alt`?"},
		{"[check]\n  tonePlacment = \"old\"\n", `config.toml:2:3: unknown setting "check.tonePlacment"`, "did you mean `tonePlacement`?"},
		{"[check]\ntonePlacement = \"cũ\"\n", `config.toml:2:1: check.tonePlacement: "cũ" is neither "old" nor "new"`, `"old" (hòa, thủy)`},
		{"[check]\ncaptions = \"yes\"\n", `config.toml:2:1: setting "check.captions" must be true or false`, "true"},
		{"check = \"on\"\n", `config.toml:1:1: setting "check" must be a table`, "[check]"},
	} {
		_, diags := Parse([]byte(c.src))
		if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), c.want) || !strings.Contains(diags[0].Hint, c.hint) || diags[0].MessageVi == "" {
			t.Errorf("%q:\nwant %s (hint %s)\ngot  %v", c.src, c.want, c.hint, diags)
		}
	}
}

func TestCheckRules(t *testing.T) {
	rules := CheckRules()
	if len(rules) != 18 || rules[0] != "legacyEncoding" || rules[len(rules)-1] != "abbr" {
		t.Errorf("CheckRules() = %v", rules)
	}
	for _, r := range rules {
		if checkSettings[r] {
			t.Errorf("%s is a setting, not a rule", r)
		}
	}
}
