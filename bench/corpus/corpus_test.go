package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
)

// Combining marks would mean a decomposed (NFD) letter was typed into a list.
func TestWordListsArePrecomposed(t *testing.T) {
	lists := [][]string{
		categories, tags, authors, places, subjects, verbs, objects, complements, connectors,
		goals, evaluations, reports, roles, familyNames, maleNames, femaleNames, beneficiaries,
		sinceNow, headings, statuses, captions, alts,
	}
	for _, list := range lists {
		for _, s := range list {
			if strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Mn, r) }) >= 0 {
				t.Errorf("%q holds a combining mark", s)
			}
		}
	}
}

func TestItemIsDeterministic(t *testing.T) {
	name1, text1 := item(7, 42)
	name2, text2 := item(7, 42)
	if name1 != name2 || !bytes.Equal(text1, text2) {
		t.Fatal("same seed and number gave different items")
	}
	if name3, _ := item(8, 42); name3 == name1 {
		t.Errorf("seeds 7 and 8 gave the same item %s", name1)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Đắk Lắk: Khởi công đường ven biển", "dak-lak-khoi-cong-duong-ven-bien"},
		{"Hơn 1.250 hộ dân hưởng lợi", "hon-1-250-ho-dan-huong-loi"},
		{"Ủy ban nhân dân Thành phố Hồ Chí Minh phê duyệt hồ sơ cấp giấy chứng nhận", "uy-ban-nhan-dan-thanh-pho-ho-chi-minh-phe-duyet-ho-so-cap"},
	}
	for _, tt := range tests {
		if got := slug(tt.title); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
