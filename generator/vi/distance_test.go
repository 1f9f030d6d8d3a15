package vi

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"title", "title", 0},
		{"titel", "title", 1}, // a swap of neighbours counts once
		{"pagersize", "pagerSize", 1},
		{"van-ban/luat-binh-dang-gio", "van-ban/luat-binh-dang-gioi", 1},
		{"đắk lắk", "dak lak", 3}, // over letters, not bytes: đ, ắ, ắ
		{"", "tin-tuc", 7},
	}
	for _, tc := range tests {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
