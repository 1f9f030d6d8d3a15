package theme

import (
	"bytes"
	"testing"
	"testing/fstest"
	"time"

	"loa/generator/config"
)

func TestFuncsFollowTheLanguage(t *testing.T) {
	cfg, d := config.Parse([]byte("baseURL = \"https://example.gov.vn/ban/\"\n[languages.vi]\nweight = 1\n[languages.en]\nweight = 2\n"))
	if cfg == nil {
		t.Fatal(d)
	}
	layout := `{{ dateTime .T }}|{{ weekdayDate .T }}|{{ date .T }}|{{ number 1234.5 1 }}|{{ int 1234 }}|{{ byteSize 2411724 }}|{{ relURL "favicon.svg" }}|{{ relLangURL "" }}|{{ relLangURL "/tim-kiem/" }}|{{ absLangURL "index.xml" }}|{{ slugify "ព័ត៌មាន ថ្មី" }}|{{ T "home" }}`
	when := time.Date(2023, 2, 17, 7, 45, 0, 0, time.UTC) // 14:45 in Hà Nội
	tests := []struct{ lang, words, want string }{
		{"vi", "Trang chủ", "Thứ Sáu, 17/02/2023 14:45|Thứ Sáu, 17/02/2023|17/02/2023|1.234,5|1.234|2,3 MB|/ban/favicon.svg|/ban/|/ban/tim-kiem/|https://example.gov.vn/ban/index.xml|ព័ត៌មាន-ថ្មី|Trang chủ"},
		{"en", "Home", "Friday, 17 February 2023, 14:45|Friday, 17 February 2023|17 February 2023|1,234.5|1,234|2.3 MB|/ban/favicon.svg|/ban/en/|/ban/en/tim-kiem/|https://example.gov.vn/ban/en/index.xml|ព័ត៌មាន-ថ្មី|Home"},
	}
	for _, tt := range tests {
		layers := []Layer{{FS: fstest.MapFS{"index.html": {Data: []byte(layout)}}, Display: "layouts"}}
		th, d := Load(layers, Funcs(Env{Config: cfg.In(tt.lang), Words: map[string]string{"home": tt.words}}))
		if d.HasErrors() {
			t.Fatal(d)
		}
		var b bytes.Buffer
		if d := th.Execute(&b, "index.html", map[string]any{"T": when}); d.HasErrors() {
			t.Fatal(d)
		}
		if b.String() != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.lang, b.String(), tt.want)
		}
	}
}
