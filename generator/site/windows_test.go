package site

import (
	"strings"
	"testing"
)

// Outputs that Windows and macOS file systems would merge into one.
func TestCaseClashes(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		extra []File
		want  []string // each must appear in one error
	}{
		{
			name: "hai bài chỉ khác chữ hoa trong url",
			files: map[string]string{
				"content/tin-tuc/a.md": "+++\nurl = \"/tin-tuc/Bai.html\"\n+++\n",
				"content/tin-tuc/b.md": "+++\nurl = \"/tin-tuc/bai.html\"\n+++\n",
			},
			want: []string{"tin-tuc/Bai.html (from content/tin-tuc/a.md)", "tin-tuc/bai.html (from content/tin-tuc/b.md)", "letter case"},
		},
		{
			name:  "ảnh Anh.JPG và anh.jpg",
			files: map[string]string{"content/_index.md": "+++\n+++\n"},
			extra: []File{{Name: "static/Anh.JPG"}, {Name: "static/anh.jpg"}},
			want:  []string{"Anh.JPG (from static/Anh.JPG)", "anh.jpg (from static/anh.jpg)"},
		},
		{
			name: "tệp tĩnh trùng địa chỉ của bài khi bỏ chữ hoa",
			files: map[string]string{
				"content/gioi-thieu.md": "+++\nurl = \"/gioi-thieu.html\"\n+++\n",
			},
			extra: []File{{Name: "static/Gioi-Thieu.html"}},
			want:  []string{"Gioi-Thieu.html (from static/Gioi-Thieu.html)", "gioi-thieu.html (from content/gioi-thieu.md)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := fixture(t, "", tt.files, tt.extra...)
			if len(errs) != 1 {
				t.Fatalf("want one error, got %d: %v", len(errs), errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs[0], w) {
					t.Errorf("error lacks %q:\n%s", w, errs[0])
				}
			}
		})
	}
	// Different letters are not a clash.
	if _, errs := fixture(t, "", map[string]string{"content/a.md": "+++\n+++\n", "content/b.md": "+++\n+++\n"},
		File{Name: "static/anh-1.jpg"}, File{Name: "static/anh-2.jpg"}); len(errs) > 0 {
		t.Errorf("unexpected errors: %v", errs)
	}
}

func TestLongSlugsAreShortened(t *testing.T) {
	title := "Hội nghị tổng kết công tác phòng, chống bạo lực gia đình và bình đẳng giới năm 2025 của Ủy ban nhân dân tỉnh Đắk Lắk"
	files := map[string]string{
		"content/tin-tuc/a.md": "+++\ntitle = \"" + title + "\"\nslug = \"" + title + "\"\n+++\n",
		"content/su-kien/b.md": "+++\ntitle = \"" + title + "\"\ndate = 2025-03-08\n+++\n",
	}
	tests := []struct {
		name, cfg string
		want      map[string]string
	}{
		{"mặc định 80", "[permalinks]\nsu-kien = \"/:section/:year/:title/\"\n", map[string]string{
			"content/tin-tuc/a.md": "/ban/tin-tuc/hoi-nghi-tong-ket-cong-tac-phong-chong-bao-luc-gia-dinh-va-binh-dang-gioi-nam/",
			"content/su-kien/b.md": "/ban/su-kien/2025/hoi-nghi-tong-ket-cong-tac-phong-chong-bao-luc-gia-dinh-va-binh-dang-gioi-nam/",
		}},
		{"maxSlugLength = 20", "[permalinks]\nmaxSlugLength = 20\nsu-kien = \"/:section/:year/:title/\"\n", map[string]string{
			"content/tin-tuc/a.md": "/ban/tin-tuc/hoi-nghi-tong-ket/",
			"content/su-kien/b.md": "/ban/su-kien/2025/hoi-nghi-tong-ket/",
		}},
		{"maxSlugLength = 0 giữ nguyên", "[permalinks]\nmaxSlugLength = 0\n", map[string]string{
			"content/tin-tuc/a.md": "/ban/tin-tuc/hoi-nghi-tong-ket-cong-tac-phong-chong-bao-luc-gia-dinh-va-binh-dang-gioi-nam-2025-cua-uy-ban-nhan-dan-tinh-dak-lak/",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, errs := fixture(t, tt.cfg, files)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			for file, want := range tt.want {
				n, _ := s.NodeByFile(file)
				if n == nil || n.RelPermalink() != want {
					t.Errorf("%s: got %v, want %s", file, n.RelPermalink(), want)
				}
			}
		})
	}
}

func TestCheckPathLengths(t *testing.T) {
	s, errs := fixture(t, "", map[string]string{
		"content/tin-tuc/ngan.md":      "+++\ntitle = \"Ngắn\"\n+++\n",
		"content/tin-tuc/dai.md":       "+++\ntitle = \"Dài\"\nslug = \"" + strings.Repeat("dai-", 19) + "x\"\n+++\n",
		"content/gioi-thieu/_index.md": "+++\ntitle = \"Giới thiệu\"\n+++\n",
	}, File{Name: "static/tai-lieu/" + strings.Repeat("ạ", 60) + ".pdf"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	short := `C:\Users\bientap\Desktop\trang\public`
	if d := s.CheckPathLengths(short); len(d) > 0 {
		t.Errorf("a short destination: %v", d)
	}
	// 170 characters: a OneDrive folder of a department is that deep.
	deep := `C:\Users\Nguyễn Thị Thu Hà\OneDrive - Sở Thông tin và Truyền thông\Tài liệu\Trang thông tin điện tử\Bản lưu các năm\2025\public`
	deep = deep[:3] + strings.Repeat("x", 170-len([]rune(deep))) + deep[3:]
	d := s.CheckPathLengths(deep)
	var got []string
	for _, e := range d {
		got = append(got, e.String())
	}
	if len(got) != 2 {
		t.Fatalf("want the long page and the long file, got %d:\n%s", len(got), strings.Join(got, "\n"))
	}
	if !strings.HasPrefix(got[0], "content/tin-tuc/dai.md:2:") || !strings.Contains(got[0], "Windows opens at most 240") {
		t.Errorf("the page's error does not name its title line: %s", got[0])
	}
	if !strings.HasPrefix(got[1], "static/tai-lieu/") || !strings.Contains(got[1], "/public/tai-lieu/") {
		t.Errorf("the file's error: %s", got[1])
	}
}
