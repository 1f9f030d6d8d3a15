package shortcode

import (
	"reflect"
	"strings"
	"testing"
)

func TestArguments(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Arg
	}{
		{"bare word", `{{< youtube ZJthWmvUzzc >}}`, []Arg{{Value: "ZJthWmvUzzc"}}},
		{"quoted with escapes", `{{< a "Hội nghị \"tổng kết\" \\ 2023" >}}`, []Arg{{Value: `Hội nghị "tổng kết" \ 2023`}}},
		{"raw string", "{{< a `Dòng 1\n\"không\" thoát \\n` >}}", []Arg{{Value: "Dòng 1\n\"không\" thoát \\n"}}},
		{"numbers and booleans", `{{< a 42 -7 3.5 true false "42" >}}`, []Arg{{Value: 42}, {Value: -7}, {Value: 3.5}, {Value: true}, {Value: false}, {Value: "42"}}},
		{"named", `{{< figure src="anh-1.jpg" alt='x' width=800 open=true >}}`, []Arg{{Name: "src", Value: "anh-1.jpg"}, {Name: "alt", Value: "'x'"}, {Name: "width", Value: 800}, {Name: "open", Value: true}}},
		{"named raw", "{{< details summary=`Xem thêm` >}}", []Arg{{Name: "summary", Value: "Xem thêm"}}},
		{"across lines", "{{< figure\n  src=\"a.jpg\"\n  caption=\"Chú thích\"\n>}}", []Arg{{Name: "src", Value: "a.jpg"}, {Name: "caption", Value: "Chú thích"}}},
		{"path with slashes", `{{< ref van-ban/luat.md >}}`, []Arg{{Value: "van-ban/luat.md"}}},
		{"no spaces", `{{<youtube abc>}}`, []Arg{{Value: "abc"}}},
		{"markdown delimiters", `{{% note "Lưu ý" %}}`, []Arg{{Value: "Lưu ý"}}},
		{"self-closing", `{{< youtube abc />}}`, []Arg{{Value: "abc"}}},
		{"self-closing glued", `{{< youtube abc/>}}`, []Arg{{Value: "abc"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pieces, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatalf("%+v", err)
			}
			if len(pieces) != 1 || pieces[0].Node == nil {
				t.Fatalf("pieces %+v", pieces)
			}
			if got := pieces[0].Node.Args; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("args %#v, want %#v", got, tc.want)
			}
			if pieces[0].End != len(tc.src) {
				t.Errorf("end %d, want %d", pieces[0].End, len(tc.src))
			}
		})
	}
}

// tree prints pieces as text: [name inner…] for a paired shortcode, <name>
// for one alone, «literal» for an escaped one.
func tree(src string, pieces []Piece) string {
	var b strings.Builder
	for _, p := range pieces {
		switch n := p.Node; {
		case n == nil:
			b.WriteString(src[p.Start:p.End])
		case n.Escaped:
			b.WriteString("«" + n.Literal + "»")
		case n.Paired:
			b.WriteString("[" + n.Name + " " + tree(src, n.Inner) + "]")
		default:
			b.WriteString("<" + n.Name + ">")
		}
	}
	return b.String()
}

func TestTree(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"text only", "Không có shortcode {{ .Title }}.", "Không có shortcode {{ .Title }}."},
		{"alone", "A {{< youtube x >}} B", "A <youtube> B"},
		{"paired", "{{< highlight go >}}x := 1{{< /highlight >}}", "[highlight x := 1]"},
		{"nested", "{{% note %}}a {{< details >}}b {{< youtube x >}}{{< /details >}} c{{% /note %}}", "[note a [details b <youtube>] c]"},
		{"unclosed inside paired", "{{< a >}}x {{< b >}} y{{< /a >}}", "[a x <b> y]"},
		{"self-closed then closed", "{{< a />}}{{< a >}}in{{< /a >}}", "<a>[a in]"},
		{"escaped", "Viết {{</* youtube ID */>}} để nhúng; {{%/* note */%}}.", "Viết «{{< youtube ID >}}» để nhúng; «{{% note %}}»."},
		{"escaped closing", "{{</* /details */>}}", "«{{< /details >}}»"},
		{"many alone", strings.Repeat("{{< a >}}", 3*MaxDepth)[:18], "<a><a>"},
		{"same name nested", "{{< a >}}1{{< a >}}2{{< /a >}}3{{< /a >}}", "[a 1[a 2]3]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pieces, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatalf("%+v", err)
			}
			if got := tree(tc.src, pieces); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		offset    int
		msg       string
	}{
		{"unclosed tag", "Đầu bài\n{{< youtube abc", 12, "is not closed with >}}"},
		{"unclosed quote", `{{< figure src="a.jpg >}}`, 0, "is not closed"},
		{"wrong closing delimiter", `{{< youtube abc %}}`, 0, "is closed with %}}"},
		{"closing without opening", "x {{< /details >}}", 2, "without an opening one"},
		{"mismatched pair delimiters", "{{% note %}}x{{< /note >}}", 13, "is closed with {{< >}}"},
		{"mixed arguments", `{{< figure "a.jpg" alt="b" >}}`, 0, "mixes named arguments"},
		{"no name", `{{< "a" >}}`, 0, "needs a name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			if err == nil {
				t.Fatal("no error")
			}
			if err.Offset != tc.offset || !strings.Contains(err.Msg, tc.msg) || err.Hint == "" || err.MsgVi == "" || err.HintVi == "" {
				t.Errorf("%+v, want offset %d and %q", err, tc.offset, tc.msg)
			}
		})
	}
}

func TestCall(t *testing.T) {
	c := NewCall("youtube", []Arg{{Value: "abc"}, {Value: 90}})
	if c.Get(0) != "abc" || c.Get(1) != 90 || c.Get(2) != "" || c.Get("id") != "" || c.IsNamedParams {
		t.Errorf("positional: %v %v %v", c.Get(0), c.Get(1), c.Get(2))
	}
	n := NewCall("youtube", []Arg{{Name: "id", Value: "abc"}, {Name: "start", Value: 90}})
	if n.Get("id") != "abc" || n.Get(0) != "" || !n.IsNamedParams || n.Params().(map[string]any)["start"] != 90 {
		t.Errorf("named: %v", n.Params())
	}
	n.SetInner("\n    a\n      b\n    c\n")
	if got := string(n.InnerDeindent()); got != "\na\n  b\nc\n" {
		t.Errorf("deindent %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"{{< a >}}x{{< /a >}}", "{{% a \"b\" %}}", "{{</* a */>}}", "{{< a b=`c` />}}", "{{<", "{{< a \"", "{{< /a >}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pieces, err := Parse([]byte(s))
		if err != nil {
			if err.Offset < 0 || err.Offset > len(s) {
				t.Fatalf("offset %d out of %d", err.Offset, len(s))
			}
			return
		}
		var check func([]Piece, int, int)
		check = func(ps []Piece, lo, hi int) {
			at := lo
			for _, p := range ps {
				if p.Start < at || p.End > hi || p.End < p.Start {
					t.Fatalf("piece %d-%d out of %d-%d", p.Start, p.End, at, hi)
				}
				at = p.End
				if p.Node != nil && p.Node.Paired {
					check(p.Node.Inner, p.Node.InnerStart, p.Node.InnerEnd)
				}
			}
		}
		check(pieces, 0, len(s))
	})
}

// TestLargeInputsStayLinear: a megabyte of tags never closed, or closed
// all at the end, parses at once.
func TestLargeInputsStayLinear(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("{{< a >}}", 100000),
		strings.Repeat("{{< a >}}", 50000) + strings.Repeat("{{< /a >}}", 50000),
		strings.Repeat("{{< a >}}{{< b >}}", 50000) + "{{< /a >}}",
	} {
		if _, err := Parse([]byte(src)); err != nil {
			t.Fatal(err)
		}
	}
}
