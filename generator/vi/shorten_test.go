package vi

import "testing"

func TestShortenSlug(t *testing.T) {
	long := Slugify("Hội nghị tổng kết công tác phòng, chống bạo lực gia đình và bình đẳng giới năm 2025 của Ủy ban nhân dân tỉnh Đắk Lắk")
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"ngắn hơn giới hạn: giữ nguyên", "hoi-nghi", 80, "hoi-nghi"},
		{"đúng bằng giới hạn", "hoi-nghi", 8, "hoi-nghi"},
		{"cắt ở ranh giới từ", "hoi-nghi-tong-ket-cong-tac", 20, "hoi-nghi-tong-ket"},
		{"dấu gạch ngay tại giới hạn", "hoi-nghi-tong", 8, "hoi-nghi"},
		{"từ đầu dài hơn giới hạn: cắt trong từ", "nghieeeeeeeeeeeem-trong", 5, "nghie"},
		{"không giới hạn", long, 0, long},
		{"tiêu đề dài mặc định 80", long, 80, "hoi-nghi-tong-ket-cong-tac-phong-chong-bao-luc-gia-dinh-va-binh-dang-gioi-nam"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ShortenSlug(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("ShortenSlug(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if tt.max > 0 && len(got) > tt.max {
				t.Errorf("%q is longer than %d", got, tt.max)
			}
		})
	}
}
