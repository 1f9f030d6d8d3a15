package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTopKeysAsKeyPos: for every key of the top level, TopKeys places it
// where KeyPos does, on front matter written in many ways and on the
// example site's.
func TestTopKeysAsKeyPos(t *testing.T) {
	texts := []string{
		"title = \"Đắk Lắk\"\ndate = 2023-02-17T14:45:00+07:00\n  tags = [\"a\", \"b\"]\n",
		"title = \"x\"\n[params]\nimage = \"/a.jpg\"\n[[resources]]\nsrc = \"b.jpg\"\n[params.sub]\nk = 1\n",
		"# chú thích\n\n\"title\" = 'trích dẫn'\nparams.image = \"/a.jpg\"\ncategories = [\n  [1, 2],\n]\ndraft = true\n",
		"[params]\ntitle = \"trong bảng\"\n[title]\nx = 1\n",
		"title = 1\ntitle = 2\n[ menu ]\nmain = 1\n[[menu]]\n",
		"description = \"\"\"\nmột = hai\n[không phải bảng]\n\"\"\"\nsummary = \"s\"\n",
		"", "   \n\t\n", "a=1\n b =2\n\tc= 3\n",
	}
	files, _ := filepath.Glob("../../content/*/*.md")
	more, _ := filepath.Glob("../../content/*.md")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if s := string(b); strings.HasPrefix(s, "+++\n") {
			if fm, _, ok := strings.Cut(s[4:], "\n+++"); ok {
				texts = append(texts, fm)
			}
		}
	}
	if len(texts) < 20 {
		t.Fatalf("only %d front matters read", len(texts))
	}
	for _, text := range texts {
		top := TopKeys([]byte(text))
		keys := map[string]bool{}
		for _, k := range top {
			keys[k.Key] = true
		}
		for _, line := range strings.Split(text, "\n") {
			if k, _, ok := strings.Cut(line, "="); ok {
				keys[strings.Trim(strings.TrimSpace(k), `"'`)] = true
			}
		}
		for key := range keys {
			line, col := KeyPos([]byte(text), key)
			gotLine, gotCol := 0, 0
			for _, k := range top {
				if k.Key == key {
					gotLine, gotCol = k.Line, k.Col
					break
				}
			}
			if gotLine != line || gotCol != col {
				t.Errorf("%q in %q: TopKeys %d:%d, KeyPos %d:%d", key, text, gotLine, gotCol, line, col)
			}
		}
	}
}
