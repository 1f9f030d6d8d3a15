package serve

import (
	"maps"
	"strings"
	"testing"
)

// TestLanguages: a site of two languages is previewed with each language
// in its folder, and an address missing below /en/ gets the English 404
// page.
func TestLanguages(t *testing.T) {
	files := maps.Clone(tinySite)
	files["config.toml"] += "[languages.vi]\nweight = 1\n[languages.en]\nweight = 2\ntitle = \"Test site\"\n"
	files["layouts/404.html"] = `{{ define "main" }}<h1>{{ if eq .Lang "en" }}Not found{{ else }}Không tìm thấy{{ end }}</h1>{{ end }}`
	files["content/tin-tuc/hop-ban.en.md"] = "+++\ntitle = \"Meeting\"\ndate = 2025-03-01T08:00:00+07:00\n+++\n\nThe Committee met.\n"
	s := start(t, testOptions(writeSite(t, files)))
	u := s.URL()
	if code, _, body := get(t, u+"en/tin-tuc/hop-ban/"); code != 200 || !strings.Contains(body, "The Committee met.") {
		t.Errorf("GET /en/tin-tuc/hop-ban/ = %d\n%s", code, body)
	}
	if code, _, body := get(t, u+"tin-tuc/hop-ban/"); code != 200 || !strings.Contains(body, "Ban họp thường kỳ.") {
		t.Errorf("GET /tin-tuc/hop-ban/ = %d", code)
	}
	if code, _, body := get(t, u+"en/khong-co/"); code != 404 || !strings.Contains(body, "Not found") {
		t.Errorf("GET /en/khong-co/ = %d, want the English 404 page:\n%s", code, body)
	}
	if code, _, body := get(t, u+"khong-co/"); code != 404 || !strings.Contains(body, "Không tìm thấy") {
		t.Errorf("GET /khong-co/ = %d, want the Vietnamese 404 page:\n%s", code, body)
	}
}
