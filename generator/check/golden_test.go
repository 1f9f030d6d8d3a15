package check

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"loa/generator/config"
	"loa/generator/page"
)

// Every finding, edit, tone-mark use and abbreviation of the proofreader
// on the test files, as they are, decomposed and in capitals (so that the
// words of each rule take every path: tones decomposed, abbreviations
// among shouted words), read as one site, is compared with
// testdata/read.golden: a change to how Read goes about its work must not
// change what it finds. go test -update rewrites it.
func TestReadGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*/*.md")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	cfg, diags := config.Parse(nil)
	if cfg == nil {
		t.Fatal(diags)
	}
	p := page.NewParser(cfg)
	in := Input{Config: cfg, Now: testNow, Glossary: page.Glossary{"UBND": "Ủy ban nhân dân"}}
	variants := []struct {
		name string
		of   func(string) string
	}{{"", func(s string) string { return s }}, {"nfd-", norm.NFD.String}, {"caps-", strings.ToUpper}}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range variants {
			name := "content/" + filepath.Base(filepath.Dir(file)) + "/" + v.name + filepath.Base(file)
			b := []byte(v.of(string(src)))
			pg, _ := p.Parse(name, b)
			in.Files = append(in.Files, Read(name, b, pg, p.Proof(name, b)))
		}
	}
	var out strings.Builder
	for _, f := range Run(in) {
		fmt.Fprintf(&out, "%s: %s [%s]\n  %s\n  %s\n  %s\n", f.Pos, f.Level, f.Rule, f.Message, f.MessageVi, f.Hint)
		if f.HintVi == "" {
			t.Errorf("%s: no hint in Vietnamese", f.Pos)
		}
	}
	// Every tone-mark use and abbreviation, not only those reported.
	for _, f := range in.Files {
		for _, u := range f.tones {
			fmt.Fprintf(&out, "%s (%s): tone %q %s\n", u.pos, u.nfc, u.word, u.style)
		}
		for _, u := range f.abbrs {
			fmt.Fprintf(&out, "%s: abbreviation %q\n", u.pos, u.word)
		}
	}
	edits := Edits(in)
	names := make([]string, 0, len(edits))
	for name := range edits {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, e := range edits[name] {
			fmt.Fprintf(&out, "%s: edit [%s] %q → %q\n", e.Pos, e.Rule, e.Old, e.New)
		}
	}
	const golden = "testdata/read.golden"
	if *update {
		os.WriteFile(golden, []byte(out.String()), 0o644)
	}
	want, _ := os.ReadFile(golden)
	if out.String() != string(want) {
		got, wantLines := strings.Split(out.String(), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(got), len(wantLines)) {
			if got[i] != wantLines[i] {
				t.Fatalf("findings differ from %s at its line %d:\n got: %s\nwant: %s", golden, i+1, got[i], wantLines[i])
			}
		}
		t.Fatalf("findings differ from %s: %d lines, want %d", golden, len(got), len(wantLines))
	}
}
