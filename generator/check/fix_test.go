package check

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/fix")

// Fix of each testdata/fix/NAME.md is compared with NAME.golden, and what
// it says it changed with NAME.changes.
func TestFixGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/fix/*.md")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			name := "content/tin-tuc/" + filepath.Base(file)
			_, in := site(t, "", nil, map[string]string{name: string(src)})
			out, changes := Fix(name, src, Edits(in)[name])
			var log strings.Builder
			for _, c := range changes {
				log.WriteString(c.String() + "\n")
			}
			base := strings.TrimSuffix(file, ".md")
			if *update {
				os.WriteFile(base+".golden", out, 0o644)
				os.WriteFile(base+".changes", []byte(log.String()), 0o644)
			}
			want, _ := os.ReadFile(base + ".golden")
			if string(out) != string(want) {
				t.Errorf("fixed %s differs from its golden file:\n%s", file, out)
			}
			wantLog, _ := os.ReadFile(base + ".changes")
			if log.String() != string(wantLog) {
				t.Errorf("changes differ:\n%s", log.String())
			}
			// Fixed, the file has nothing left that --fix can do.
			_, in = site(t, "", nil, map[string]string{name: string(out)})
			if again, ch := Fix(name, out, Edits(in)[name]); len(ch) > 0 || string(again) != string(out) {
				t.Errorf("a second fix changed more: %v", ch)
			}
			for _, f := range Run(in) {
				switch f.Rule {
				case RuleNFC, RuleInvisible, RuleTone:
					t.Errorf("left after fixing: %s", f.Diagnostic(0))
				}
			}
		})
	}
}

// A file with nothing to fix comes back as it was, the same slice.
func TestFixNothing(t *testing.T) {
	src := []byte("+++\ntitle = \"Tin\"\n+++\nBình thường.\n")
	out, changes := Fix("content/a.md", src, nil)
	if &out[0] != &src[0] || changes != nil {
		t.Errorf("changed: %q %v", out, changes)
	}
}
