package site

import "testing"

// TestWritesTo: WritesTo agrees with OutFile for folders, the home, files
// and names that only look alike.
func TestWritesTo(t *testing.T) {
	paths := []string{"", "tim-kiem/", "en/tim-kiem/", "tim-kiem", "tim-kiem.html", "a/index.html", "a/"}
	outs := []string{"index.html", "tim-kiem/index.html", "en/tim-kiem/index.html", "tim-kiem", "tim-kiem.html",
		"a/index.html", "a/", "tim-kiem/index.htm", "tim-kiem/xindex.html", "tim-kiemindex.html", ""}
	for _, p := range paths {
		n := &Node{Path: p}
		for _, out := range outs {
			if got, want := n.WritesTo(out), n.OutFile() == out; got != want {
				t.Errorf("path %q: WritesTo(%q) = %v, OutFile is %q", p, out, got, n.OutFile())
			}
		}
	}
}
