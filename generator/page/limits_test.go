package page

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// Hostile front matter ends in one positioned error, quickly, with bounded
// memory: never a crash, a stack overflow or a build that never ends.
func TestHostileFrontMatter(t *testing.T) {
	const n = 10000
	var block strings.Builder
	for i := 0; i < 150; i++ {
		block.WriteString(strings.Repeat(" ", i) + "-\n")
	}
	bomb := `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`
	cases := []struct {
		name, src, pos, msg string
	}{
		{"TOML arrays nested 10,000 deep",
			"+++\ntitle = \"Tin\"\ntags = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n+++\nNội dung.\n",
			"content/tin-tuc/a.md:3:108", "nests lists or tables more than 100 levels deep"},
		{"TOML inline tables nested 10,000 deep",
			"+++\n# chú thích [[[[\nx = \"[[[[\"\nparams = " + strings.Repeat("{a = ", n) + "1" + strings.Repeat("}", n) + "\n+++\n",
			"content/tin-tuc/a.md:4:510", "nests lists or tables more than 100 levels deep"},
		{"TOML dotted key 10,000 deep",
			"+++\ntitle = \"Tin\"\n" + strings.Repeat("a.", n) + "b = 1\n+++\n",
			"content/tin-tuc/a.md:3:202", "nests lists or tables more than 100 levels deep"},
		{"TOML table header with 10,000 parts",
			"+++\ntitle = \"Tin\"\n[[" + strings.Repeat("a.", n) + "b]]\n+++\n",
			"content/tin-tuc/a.md:3:204", "nests lists or tables more than 100 levels deep"},
		{"YAML flow sequences nested 10,000 deep",
			"---\ntitle: It's [not a list\ntags: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n---\n",
			"content/tin-tuc/a.md:3:106", "nests lists or tables more than 100 levels deep"},
		{"YAML blocks nested 150 deep",
			"---\ntitle: Tin\nx:\n" + block.String() + "---\n",
			"content/tin-tuc/a.md:104:101", "nests lists or tables more than 100 levels deep"},
		{"YAML billion laughs",
			"---\n" + bomb + "---\nNội dung.\n",
			"content/tin-tuc/a.md:5:1", "repeats aliases (*name) too often"},
	}
	p := testParser(t, false)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			pg, diags := p.Parse("content/tin-tuc/a.md", []byte(c.src))
			took := time.Since(start)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if pg != nil || len(diags.Errors()) != 1 {
				t.Fatalf("want one error and no page, got %v", diags)
			}
			d := diags.Errors()[0]
			if !strings.HasPrefix(d.Pos.String(), c.pos) || !strings.Contains(d.Message, c.msg) {
				t.Errorf("got %s: %s, want %s…: …%s", d.Pos, d.Message, c.pos, c.msg)
			}
			if d.Hint == "" || d.MessageVi == "" || d.HintVi == "" {
				t.Errorf("%s lacks a hint or its Vietnamese text: %+v", d.Pos, d)
			}
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 200<<20 {
				t.Errorf("allocated %d MB", grown>>20)
			}
		})
	}
}

// Brackets inside strings, comments and YAML plain text are not nesting.
func TestDepthCountsOnlyStructure(t *testing.T) {
	deep := strings.Repeat("[", 150)
	for _, src := range []string{
		"+++\ntitle = \"" + deep + "\"\n+++\n",
		"+++\ntitle = '" + deep + "'\n+++\n",
		"+++\ntitle = \"\"\"\n" + deep + "\n\"\"\"\n+++\n",
		"+++\n# " + deep + "\ntitle = \"a\"\n+++\n",
		"---\ntitle: \"" + deep + "\"\n---\n",
		"---\ntitle: 'It''s " + deep + "'\n---\n",
		"---\ntitle: a # " + deep + "\n---\n",
		"+++\nx = [" + strings.Repeat("1.5, ", 150) + "2.5]\ny = {a.b = 1, c.d = 2}\n+++\n",
		"---\ntitle: |\n  " + strings.Repeat("[]", 150) + "\n---\n",
	} {
		if _, diags := testParser(t, false).Parse("content/a.md", []byte(src)); diags.HasErrors() {
			t.Errorf("%q: %v", src, diags)
		}
	}
}
