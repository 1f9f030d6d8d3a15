package page

import (
	"testing"

	"loa/generator/config"
)

func TestLanguageOfAFile(t *testing.T) {
	cfg, d := config.Parse([]byte("[languages.vi]\n[languages.en]\n[languages.km]\ncontentDir = \"content/khmer\"\n"))
	if cfg == nil {
		t.Fatal(d)
	}
	p := NewParser(cfg)
	tests := []struct {
		file, lang, path, name, section string
		index, bundle                   bool
	}{
		{"content/tin-tuc/a/index.md", "vi", "content/tin-tuc/a/index.md", "a", "tin-tuc", false, true},
		{"content/tin-tuc/a/index.en.md", "en", "content/tin-tuc/a/index.md", "a", "tin-tuc", false, true},
		{"content/tin-tuc/_index.en.md", "en", "content/tin-tuc/_index.md", "tin-tuc", "tin-tuc", true, false},
		{"content/_index.en.md", "en", "content/_index.md", "", "", true, false},
		{"content/gioi-thieu.en.md", "en", "content/gioi-thieu.md", "gioi-thieu", "", false, false},
		{"content/van-ban/bao-cao.2023.md", "vi", "content/van-ban/bao-cao.2023.md", "bao-cao.2023", "van-ban", false, false},
		{"content/khmer/tin-tuc/b.md", "km", "content/tin-tuc/b.md", "b", "tin-tuc", false, false},
	}
	for _, tt := range tests {
		pg, d := p.Parse(tt.file, []byte("+++\ntitle = \"Bài\"\ntranslationKey = \"bai-1\"\n+++\nNội dung.\n"))
		if pg == nil {
			t.Fatal(d)
		}
		if pg.Lang != tt.lang || pg.Path != tt.path || pg.Name != tt.name || pg.Section != tt.section ||
			pg.IsIndex != tt.index || pg.IsBundle != tt.bundle || pg.File != tt.file {
			t.Errorf("%s: lang %q path %q name %q section %q index %v bundle %v", tt.file, pg.Lang, pg.Path, pg.Name, pg.Section, pg.IsIndex, pg.IsBundle)
		}
		if pg.TranslationKey != "bai-1" || pg.Params["translationKey"] != nil {
			t.Errorf("%s: translationKey %q, params %v", tt.file, pg.TranslationKey, pg.Params)
		}
	}
}

func TestSlugsAndHeadingsInEveryScript(t *testing.T) {
	p := testParser(t, false)
	pg, d := p.Parse("content/tin-tuc/ព័ត៌មាន-ថ្មី.md", []byte("## Klei ƀuôn sang ơ̆\n\n## ព័ត៌មាន\n"))
	if pg == nil {
		t.Fatal(d)
	}
	if got := pg.SlugOrName(); got != "ព័ត៌មាន-ថ្មី" {
		t.Errorf("slug %q", got)
	}
	if len(pg.TOC) != 2 || pg.TOC[0].ID != "klei-buon-sang-o" || pg.TOC[1].ID != "ព័ត៌មាន" {
		t.Errorf("headings %+v", pg.TOC)
	}
}
