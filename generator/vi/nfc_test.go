package vi

import (
	"strings"
	"testing"
)

func TestNFCPieces(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ho\u0302\u0323i nghi\u0323", "H=H|o\u0302\u0323=ộ|i=i| = |n=n|g=g|h=h|i\u0323=ị"},
		{"Hội", "H=H|ộ=ộ|i=i"},
		{";\u0300a", ";\u0300=;\u0300|a=a"},
		{"", ""},
	}
	for _, tt := range tests {
		var got []string
		var raw strings.Builder
		for w, c := range NFCPieces(tt.in) {
			got = append(got, w+"="+c)
			raw.WriteString(w)
		}
		if strings.Join(got, "|") != tt.want || raw.String() != tt.in {
			t.Errorf("NFCPieces(%q) = %q", tt.in, got)
		}
	}
	for s, want := range map[string]bool{"Hội": true, "Ho\u0302\u0323i": false, "abc": true, "": true, ";\u0300": true} {
		if IsNFC(s) != want {
			t.Errorf("IsNFC(%q) = %v", s, !want)
		}
	}
}
