package vi

import "strings"

// sectionNames are the folder names Vietnamese sites use most for their
// sections, written as slugs (content/tin-tuc/), with the words they
// stand for. A slug has lost its tone marks and cannot get them back in
// general; for these it can.
var sectionNames = map[string]string{
	"tin-tuc": "Tin tức", "tin": "Tin", "tin-moi": "Tin mới", "thoi-su": "Thời sự",
	"su-kien": "Sự kiện", "hoat-dong": "Hoạt động", "thong-bao": "Thông báo",
	"van-ban": "Văn bản", "van-ban-phap-luat": "Văn bản pháp luật", "tai-lieu": "Tài liệu",
	"gioi-thieu": "Giới thiệu", "lien-he": "Liên hệ", "chien-dich": "Chiến dịch",
	"hinh-anh": "Hình ảnh", "thu-vien-anh": "Thư viện ảnh", "video": "Video",
	"tuyen-truyen": "Tuyên truyền", "truyen-thong": "Truyền thông", "hoi-dap": "Hỏi đáp",
	"chinh-sach": "Chính sách", "du-an": "Dự án", "bao-cao": "Báo cáo", "ke-hoach": "Kế hoạch",
	"binh-dang-gioi": "Bình đẳng giới", "phong-chong-bao-luc-gia-dinh": "Phòng, chống bạo lực gia đình",
	"tre-em": "Trẻ em", "phu-nu": "Phụ nữ", "lao-dong": "Lao động", "viec-lam": "Việc làm",
	"an-sinh-xa-hoi": "An sinh xã hội", "nguoi-co-cong": "Người có công", "giam-ngheo": "Giảm nghèo",
	"dia-chi-tin-cay": "Địa chỉ tin cậy", "tin-anh": "Tin ảnh", "bai-viet": "Bài viết",
}

// SectionName names a section from its folder: the folder as written when
// it has its marks ("Tin tức"), else the words of a common slug
// ("tin-tuc" → "Tin tức"), else the slug with spaces, capitalised.
func SectionName(folder string) string {
	if n, ok := sectionNames[strings.ToLower(folder)]; ok {
		return n
	}
	name := strings.ReplaceAll(NFC(folder), "-", " ")
	if name == "" {
		return ""
	}
	r := []rune(name)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
