package config

import (
	"strings"
	"testing"
)

func TestMaxSlugLength(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
		wantErr   bool
	}{
		{"mặc định", "", DefaultMaxSlugLength, false},
		{"đặt 40 cùng mẫu địa chỉ", "[permalinks]\nmaxSlugLength = 40\ntin-tuc = \"/:section/:slug/\"\n", 40, false},
		{"0: không rút gọn", "[permalinks]\nmaxSlugLength = 0\n", 0, false},
		{"số âm là lỗi", "[permalinks]\nmaxSlugLength = -1\n", 0, true},
		{"chữ là lỗi", "[permalinks]\nmaxSlugLength = \"80\"\n", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, d := Parse([]byte(tt.src))
			if tt.wantErr {
				if !d.HasErrors() || !strings.Contains(d[0].String(), "maxSlugLength") {
					t.Errorf("want an error naming maxSlugLength, got %v", d)
				}
				return
			}
			if c == nil || d.HasErrors() {
				t.Fatal(d)
			}
			if c.MaxSlugLength != tt.want {
				t.Errorf("MaxSlugLength = %d, want %d", c.MaxSlugLength, tt.want)
			}
		})
	}
}
