package vi

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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

// nfcCases are inputs where NFC and NFCBytes must agree with norm.NFC:
// text the fast path passes, text it hands to norm, and the places where
// the two meet.
var nfcCases = []struct{ name, in string }{
	{"empty", ""},
	{"ascii", "Hello, world!\n"},
	{"precomposed Vietnamese", "Đắk Lắk: Hội nghị tổng kết năm 2023 – “Bình đẳng giới”…"},
	{"decomposed Vietnamese", norm.NFD.String("Đắk Lắk: Hội nghị tổng kết")},
	{"decomposed after precomposed", "Đắk Lắk " + norm.NFD.String("Đắk Lắk")},
	{"mark after a precomposed letter", "Hô\u0323i"},                // ô + dot below → ộ
	{"mark after a precomposed letter at the start", "ô\u0323"},     // ộ
	{"mark after a precomposed capital", "Ơ\u0301t"},                // Ớ
	{"mark after ASCII", "e\u0302\u0301"},                           // ế
	{"marks in non-canonical order", "Vie\u0302\u0323t"},            // ệ
	{"long s with dot above", "\u017f\u0307"},                       // ẛ
	{"mark at the start", "\u0301abc"},                              // stays
	{"mark after punctuation", "“\u0301”"},                          // stays
	{"mark after a table letter composing with nothing", "ư\u0300"}, // ừ
	{"Hangul jamo", "\u1100\u1161\u11a8 và \u1100\u1161"},           // 각, 가
	{"Hangul syllable then jamo", "\uac00\u11a8"},                   // 각
	{"singleton", "\u2126 Ohm, \u212b Ångström, \u2000 space"},      // Ω, Å, U+2002
	{"mixed scripts", "Tiếng Việt, 中文, русский, ελληνικά, العربية"},
	{"Greek with marks", "α\u0301 ε\u0313\u0301"},
	{"combining marks above U+20CF", "a\u20d0 b\u20e1"},
	{"invalid UTF-8", "Vi\xffe\u0323\u0302t \xc3 \xe1\xbb"},
	{"invalid byte before a mark", "o\xff\u0302"},
	{"many marks", "a" + strings.Repeat("\u0323", 40) + "\u0302"},
	{"many marks after a precomposed letter", "ộ" + strings.Repeat("\u0300", 35)},
	{"no-break space and quotes", "\u00a0‘x’ \u2026 \u20ab"},
}

func TestNFCMatchesNorm(t *testing.T) {
	for _, tt := range nfcCases {
		t.Run(tt.name, func(t *testing.T) {
			checkNFC(t, tt.in)
			checkStablePrefix(t, tt.in)
		})
	}
}

// checkNFC fails t when NFC or NFCBytes differ from norm.NFC on s, or do
// not return s itself when it is already NFC.
func checkNFC(t *testing.T, s string) {
	t.Helper()
	want := norm.NFC.String(s)
	if got := NFC(s); got != want {
		t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
	}
	b := []byte(s)
	got := NFCBytes(b)
	if wantB := norm.NFC.Bytes([]byte(s)); !bytes.Equal(got, wantB) {
		t.Fatalf("NFCBytes(%+q) = %+q, want %+q", s, got, wantB)
	}
	if !bytes.Equal(b, []byte(s)) {
		t.Fatalf("NFCBytes(%+q) changed its input to %+q", s, b)
	}
	if want == s && len(b) > 0 && &got[0] != &b[0] {
		t.Fatalf("NFCBytes(%+q) is already NFC but returned a copy", s)
	}
}

// BenchmarkNFC normalizes the content files of the site LOA_BENCH_SITE
// names (each file as the parser does), else a sample of news text; and
// the sample as ASCII and decomposed (NFD).
func BenchmarkNFC(b *testing.B) {
	var files [][]byte
	if dir := os.Getenv("LOA_BENCH_SITE"); dir != "" {
		files = readContent(b, os.DirFS(dir))
	} else {
		files = [][]byte{[]byte(strings.Repeat(benchNews, 40))}
	}
	ascii := []byte(strings.Repeat(Fold(benchNews), 40))
	nfd := []byte(norm.NFD.String(strings.Repeat(benchNews, 40)))
	for _, bench := range []struct {
		name  string
		files [][]byte
	}{{"content", files}, {"ascii", [][]byte{ascii}}, {"nfd", [][]byte{nfd}}} {
		b.Run(bench.name, func(b *testing.B) {
			n := 0
			for _, f := range bench.files {
				n += len(f)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, f := range bench.files {
					_ = NFCBytes(f)
				}
			}
		})
	}
}

// readContent returns the Markdown files under content/ in fsys.
func readContent(b *testing.B, fsys fs.FS) [][]byte {
	var files [][]byte
	err := fs.WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".md" {
			return err
		}
		src, err := fs.ReadFile(fsys, name)
		files = append(files, src)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}

const benchNews = `+++
title = "Hội nghị tổng kết công tác năm 2023 của Hội Liên hiệp Phụ nữ tỉnh Đắk Lắk"
date = 2024-01-12T08:30:00+07:00
tags = ["bình đẳng giới", "an sinh xã hội"]
+++

Sáng 12/1, Hội Liên hiệp Phụ nữ tỉnh Đắk Lắk tổ chức hội nghị tổng kết công tác
năm 2023, triển khai nhiệm vụ năm 2024. Bà Phạm Thúy Nga – phó Chủ tịch Ủy ban
nhân dân tỉnh – khẳng định: “Phụ nữ là lực lượng quan trọng trong phát triển
kinh tế – xã hội của địa phương…”. Năm qua, các cấp hội đã hỗ trợ hơn 1.410 hội
viên vay vốn, giữ gìn bản sắc văn hóa dân tộc ở khu vực ven biển và vùng sâu.
`

// TestStablePrefix derives the characters stablePrefix passes from norm:
// exactly the ranges its comment names, each NFC on its own, of canonical
// combining class 0, and never composing with what comes before it.
func TestStablePrefix(t *testing.T) {
	bases := []string{"a", "e", "o", "u", "A", "ô", "ơ", "ư", "ă", "đ", ";", "\u1100", "\uac00", "α"}
	marks := []string{"", "\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031b", "\u0323", "\u0308", "\u030a", "\u0327", "\u0338", "\u0345", "\u1161", "\u11a8"}
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		s := string(r)
		if !utf8.ValidRune(r) || stablePrefix(s) != len(s) {
			if r < 0x300 || 0x1E00 <= r && r <= 0x1EFF || 0x2002 <= r && r <= 0x20BF {
				t.Errorf("stablePrefix does not pass %U", r)
			}
			continue
		}
		n++
		if !(r < 0x300 || 0x1E00 <= r && r <= 0x1EFF || 0x2002 <= r && r <= 0x20BF) {
			t.Errorf("stablePrefix passes %U, outside its ranges", r)
		}
		p := norm.NFC.PropertiesString(s)
		if p.CCC() != 0 || p.LeadCCC() != 0 || !p.BoundaryBefore() || !norm.NFC.IsNormalString(s) {
			t.Errorf("%U: ccc %d, lead ccc %d, boundary before %v, NFC %v", r, p.CCC(), p.LeadCCC(), p.BoundaryBefore(), norm.NFC.IsNormalString(s))
			continue
		}
		for _, base := range bases {
			if !norm.NFC.IsNormalString(base+s) || !norm.NFC.IsNormalString(s+base) {
				t.Errorf("%q or %q is not NFC", base+s, s+base)
			}
			for _, mark := range marks {
				if got, want := norm.NFC.String(base+mark+s), norm.NFC.String(base+mark)+s; got != want {
					t.Errorf("NFC(%+q) = %+q: %U composes with what is before it", base+mark+s, got, r)
				}
			}
		}
	}
	if n != 0x300+0x100+0xBE {
		t.Errorf("stablePrefix passes %d characters", n)
	}
	// No invalid UTF-8 passes: every string of one to three bytes.
	for v := 0; v < 1<<24; v++ {
		for _, s := range []string{string([]byte{byte(v)}), string([]byte{byte(v >> 8), byte(v)}), string([]byte{byte(v >> 16), byte(v >> 8), byte(v)})} {
			if stablePrefix(s) == len(s) && !utf8.ValidString(s) {
				t.Fatalf("stablePrefix passes invalid %+q", s)
			}
		}
	}
}

// checkStablePrefix fails t when s does not split at stablePrefix(s) as
// NFC, IsNFC, NFC and NFCBytes count on.
func checkStablePrefix(t *testing.T, s string) {
	t.Helper()
	from := stablePrefix(s)
	if from > len(s) || stablePrefix(s[:from]) != from {
		t.Fatalf("stablePrefix(%+q) = %d", s, from)
	}
	if got, want := s[:from]+norm.NFC.String(s[from:]), norm.NFC.String(s); got != want {
		t.Fatalf("NFC(%+q) = %+q, but split at %d %+q", s, want, from, got)
	}
	if IsNFC(s) != norm.NFC.IsNormalString(s) {
		t.Fatalf("IsNFC(%+q) = %v", s, IsNFC(s))
	}
}
