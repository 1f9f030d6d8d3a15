package vi

import "testing"

func TestSectionName(t *testing.T) {
	for folder, want := range map[string]string{
		"tin-tuc":           "Tin tức",
		"van-ban":           "Văn bản",
		"Tin-Tuc":           "Tin tức",
		"Tin tức":           "Tin tức",
		"hoi-nghi-tong-ket": "Hoi nghi tong ket",
		"đắk-lắk":           "Đắk lắk",
		"binh-dang-gioi":    "Bình đẳng giới",
		"":                  "",
	} {
		if got := SectionName(folder); got != want {
			t.Errorf("SectionName(%q) = %q, want %q", folder, got, want)
		}
	}
}
