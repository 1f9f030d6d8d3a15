package vi

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestTonePlacement(t *testing.T) {
	tests := []struct {
		word  string
		style ToneStyle
		ok    bool
		other string // the word in the other style
	}{
		{"hòa", ToneOld, true, "hoà"},
		{"hoà", ToneNew, true, "hòa"},
		{"thủy", ToneOld, true, "thuỷ"},
		{"thuỷ", ToneNew, true, "thủy"},
		{"khỏe", ToneOld, true, "khoẻ"},
		{"khoẻ", ToneNew, true, "khỏe"},
		{"Hóa", ToneOld, true, "Hoá"},
		{"HOÀ", ToneNew, true, "HÒA"},
		{"Ủy", ToneOld, true, "Uỷ"},
		{"uỷ", ToneNew, true, "ủy"},
		{"òa", ToneOld, true, "oà"},
		{"tùy", ToneOld, true, "tuỳ"},
		{"xòe", ToneOld, true, "xoè"},
		{"nhòa", ToneOld, true, "nhoà"},
		{"ngoạ", ToneNew, true, "ngọa"},
		// Written alike in both styles.
		{"hoa", 0, false, "hoa"},
		{"hoàng", 0, false, "hoàng"},
		{"ngoài", 0, false, "ngoài"},
		{"quý", 0, false, "quý"},
		{"quỳ", 0, false, "quỳ"},
		{"quà", 0, false, "quà"},
		{"hoặc", 0, false, "hoặc"},
		{"thuyết", 0, false, "thuyết"},
		{"khuya", 0, false, "khuya"},
		{"Đà", 0, false, "Đà"},
		{"UBND", 0, false, "UBND"},
		{"", 0, false, ""},
		{"hòa!", 0, false, "hòa!"},
		{"bhòa", 0, false, "bhòa"}, // no such initial
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			style, ok := TonePlacement(tt.word)
			if style != tt.style || ok != tt.ok {
				t.Errorf("TonePlacement(%q) = %v, %v; want %v, %v", tt.word, style, ok, tt.style, tt.ok)
			}
			// NFD input reads the same.
			if s, ok := TonePlacement(norm.NFD.String(tt.word)); s != tt.style || ok != tt.ok {
				t.Errorf("TonePlacement(NFD %q) = %v, %v", tt.word, s, ok)
			}
			want := tt.other
			if tt.ok {
				other := ToneOld
				if tt.style == ToneOld {
					other = ToneNew
				}
				if got := PlaceTone(tt.word, other); got != want {
					t.Errorf("PlaceTone(%q, %v) = %q, want %q", tt.word, other, got, want)
				}
				if got := PlaceTone(want, tt.style); got != tt.word {
					t.Errorf("PlaceTone(%q, %v) = %q, want %q back", want, tt.style, got, tt.word)
				}
				if got := PlaceTone(tt.word, tt.style); got != tt.word {
					t.Errorf("PlaceTone(%q, its own style) = %q", tt.word, got)
				}
			} else if got := PlaceTone(tt.word, ToneNew); got != tt.word {
				t.Errorf("PlaceTone(%q) = %q, want it unchanged", tt.word, got)
			}
		})
	}
}

// Every tone on every syllable of the two conventions round-trips.
func TestPlaceToneEveryTone(t *testing.T) {
	for _, pair := range [][2]string{{"òa", "oà"}, {"óa", "oá"}, {"ỏa", "oả"}, {"õa", "oã"}, {"ọa", "oạ"},
		{"òe", "oè"}, {"óe", "oé"}, {"ỏe", "oẻ"}, {"õe", "oẽ"}, {"ọe", "oẹ"},
		{"ùy", "uỳ"}, {"úy", "uý"}, {"ủy", "uỷ"}, {"ũy", "uỹ"}, {"ụy", "uỵ"}} {
		for _, init := range []string{"", "h", "th", "Ng", "KH"} {
			old, new := init+pair[0], init+pair[1]
			if init == "KH" {
				old, new = "KH"+strings.ToUpper(pair[0]), "KH"+strings.ToUpper(pair[1])
			}
			if got := PlaceTone(old, ToneNew); got != new {
				t.Errorf("PlaceTone(%q, new) = %q, want %q", old, got, new)
			}
			if got := PlaceTone(new, ToneOld); got != old {
				t.Errorf("PlaceTone(%q, old) = %q, want %q", new, got, old)
			}
		}
	}
}

func TestIsSyllableShape(t *testing.T) {
	yes := []string{"Nam", "HỘI", "nghiêng", "CA", "TU", "BAN", "đoàn", "ĐOÀN", "gì", "quý", "khuya", "oà", "Việt", "NGHĨA"}
	no := []string{"UBND", "BCĐ", "HĐND", "WHO", "THCS", "TP", "HCM", "PV", "COVID", "BĐG", "VSTBCPN", "", "A2", "x1", "MTTQ"}
	for _, w := range yes {
		if !IsSyllable(w) {
			t.Errorf("IsSyllable(%q) = false, want true", w)
		}
	}
	for _, w := range no {
		if IsSyllable(w) {
			t.Errorf("IsSyllable(%q) = true, want false", w)
		}
	}
}

// spot's quick look at the last two letters turns away no word the long
// way reads as a spot: every pair of Vietnamese letters, in either case,
// composed and decomposed, after a few initials.
func TestSpotQuickLook(t *testing.T) {
	var letters []string
	for _, base := range strings.Split("a ă â e ê i o ô ơ u ư y", " ") {
		for _, tone := range []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"} {
			l := norm.NFC.String(base + tone)
			letters = append(letters, l, strings.ToUpper(l))
		}
	}
	for _, c := range strings.Split("b c d đ g h k l m n p q r s t v x Đ Q H", " ") {
		letters = append(letters, c)
	}
	spots := 0
	for _, init := range []string{"", "th", "qu"} {
		for _, a := range letters {
			for _, b := range letters {
				for _, w := range []string{init + a + b, norm.NFD.String(init + a + b)} {
					got, ok := spot(w)
					want, wantOK := readSpot(w)
					if ok != wantOK || got.style != want.style {
						t.Errorf("spot(%q) = %v, %v; the long way: %v, %v", w, got.style, ok, want.style, wantOK)
					}
					if ok {
						spots++
					}
				}
			}
		}
	}
	if spots == 0 {
		t.Error("no spots among the words")
	}
}
