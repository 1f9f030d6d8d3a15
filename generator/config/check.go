package config

import (
	"reflect"
	"slices"
	"strings"

	"loa/generator/diag"
)

// Check holds the [check] settings of the proofreader (loa check, and the
// warnings of loa build and loa serve): how much each rule matters, and
// the choices a site makes once.
type Check struct {
	// Levels maps a rule, by the key that names it in [check] (see
	// CheckRules), to "error", "warning", "info" or "off"; rules not
	// written keep their default.
	Levels map[string]string
	// TonePlacement is "old" (hòa, thủy), "new" (hoà, thuỷ), or "" to
	// follow what most of the site writes.
	TonePlacement string
	// Captions asks every figure (a picture alone in its paragraph, or in
	// an album) for a caption.
	Captions bool
}

// checkFile mirrors [check] in config.toml: a key per rule, then settings.
type checkFile struct {
	LegacyEncoding         string `toml:"legacyEncoding"`
	NFC                    string `toml:"nfc"`
	Invisible              string `toml:"invisible"`
	DoubleSpace            string `toml:"doubleSpace"`
	SpaceBeforePunctuation string `toml:"spaceBeforePunctuation"`
	Tone                   string `toml:"tone"`
	Alt                    string `toml:"alt"`
	Caption                string `toml:"caption"`
	Title                  string `toml:"title"`
	Date                   string `toml:"date"`
	Lead                   string `toml:"lead"`
	LeadLength             string `toml:"leadLength"`
	TitleLength            string `toml:"titleLength"`
	Scheduled              string `toml:"scheduled"`
	Links                  string `toml:"links"`
	Anchors                string `toml:"anchors"`
	External               string `toml:"external"`
	Abbr                   string `toml:"abbr"`

	TonePlacement string `toml:"tonePlacement"`
	Captions      bool   `toml:"captions"`
}

// settings are the keys of checkFile that are not rules.
var checkSettings = map[string]bool{"tonePlacement": true, "captions": true}

// CheckRules lists the rule keys of [check], in the order of checkFile.
func CheckRules() []string {
	var out []string
	for _, name := range fieldNames(reflect.TypeFor[checkFile]()) {
		if !checkSettings[name] {
			out = append(out, name)
		}
	}
	return out
}

// checkLevels are the values a rule key takes.
var checkLevels = []string{"error", "warning", "info", "off"}

// check reads [check].
func (f checkFile) check(at func(key ...string) diag.Pos) (Check, diag.List) {
	var diags diag.List
	c := Check{Levels: map[string]string{}, TonePlacement: f.TonePlacement, Captions: f.Captions}
	v := reflect.ValueOf(f)
	for i, name := range fieldNames(v.Type()) {
		if checkSettings[name] {
			continue
		}
		level := v.Field(i).String()
		if level == "" {
			continue
		}
		lower := strings.ToLower(level)
		if !slices.Contains(checkLevels, lower) {
			hint, hintVi := `write "error", "warning", "info" or "off"`, `ghi "error", "warning", "info" hoặc "off"`
			if m := nearestLevel(lower); m != "" {
				hint = "did you mean " + `"` + m + `"? ` + hint
				hintVi = "có phải ý bạn là " + `"` + m + `"? ` + hintVi
			}
			diags.Errorf(at("check", name), hint, "check.%s: %q is not a level", name, level).Vi(
				hintVi, "check.%s: %q không phải mức báo", name, level)
			continue
		}
		c.Levels[name] = lower
	}
	switch strings.ToLower(f.TonePlacement) {
	case "":
	case "old", "new":
		c.TonePlacement = strings.ToLower(f.TonePlacement)
	default:
		diags.Errorf(at("check", "tonePlacement"), `write "old" (hòa, thủy) or "new" (hoà, thuỷ), or leave it out to follow what most of the site writes`,
			"check.tonePlacement: %q is neither \"old\" nor \"new\"", f.TonePlacement).Vi(
			`ghi "old" (hòa, thủy) hoặc "new" (hoà, thuỷ), hoặc bỏ dòng này để theo cách viết chiếm đa số trong trang`,
			"check.tonePlacement: %q không phải \"old\" hay \"new\"", f.TonePlacement)
	}
	return c, diags
}

// nearestLevel is the level a mistyped one meant: "warn" → "warning".
func nearestLevel(s string) string {
	for _, l := range checkLevels {
		if len(s) >= 3 && strings.HasPrefix(l, s) {
			return l
		}
	}
	return nearest(s, checkLevels)
}
