package main

// The vocabulary of the generated news. Every entry is typed precomposed
// (NFC); words_test.go checks that no combining mark slipped in.

var categories = []string{
	"Thời sự", "Kinh tế", "Giáo dục", "Y tế",
	"Văn hóa", "Xã hội", "Giao thông", "Môi trường",
}

var tags = []string{
	"an sinh xã hội", "tuyển sinh", "y tế cơ sở", "tiêm chủng", "giao thông nông thôn",
	"an toàn giao thông", "nông thôn mới", "chuyển đổi số", "dịch vụ công", "cải cách hành chính",
	"biến đổi khí hậu", "phòng chống thiên tai", "mưa lũ", "hạn mặn", "nông nghiệp",
	"sản phẩm OCOP", "du lịch", "lễ hội", "di tích", "thể thao",
	"việc làm", "lao động", "bảo hiểm xã hội", "bảo hiểm y tế", "hộ nghèo",
	"nhà ở xã hội", "quy hoạch", "đất đai", "đầu tư công", "khu công nghiệp",
	"doanh nghiệp", "thuế", "ngân sách", "thanh niên", "phụ nữ",
	"trẻ em", "người cao tuổi", "người khuyết tật", "an ninh trật tự", "phòng cháy chữa cháy",
	"nước sạch", "an toàn thực phẩm", "thị trường", "giá cả", "xuất khẩu",
	"thủy sản", "lâm nghiệp", "trồng rừng", "điện lực", "đô thị",
	"xe buýt", "khuyến học", "thư viện", "sức khỏe cộng đồng", "dịch bệnh",
	"Tết Nguyên đán", "học bổng", "văn hóa đọc", "rác thải", "cấp nước",
}

var authors = []string{
	"Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Nam", "Phạm Thu Hương", "Hoàng Minh Đức",
	"Vũ Thị Lan", "Đặng Quốc Bảo", "Bùi Thanh Tâm", "Đỗ Ngọc Ánh", "Hồ Văn Phúc",
	"Ngô Thị Hồng", "Dương Tuấn Kiệt", "Lý Thị Mai", "Phan Đình Khoa", "Trịnh Thúy Hằng",
}

var places = []string{
	"Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế",
	"Quảng Ninh", "Nghệ An", "Thanh Hóa", "Hà Tĩnh", "Quảng Bình", "Quảng Nam",
	"Quảng Ngãi", "Bình Định", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Gia Lai",
	"Kon Tum", "Đồng Nai", "Bình Dương", "Long An", "Tiền Giang", "Bến Tre",
	"An Giang", "Kiên Giang", "Cà Mau", "Sóc Trăng", "Lào Cai", "Điện Biên",
	"Sơn La", "Hà Giang", "Cao Bằng", "Lạng Sơn", "Thái Nguyên", "Bắc Ninh",
	"Nam Định", "Ninh Bình", "Thái Bình", "Vĩnh Phúc",
}

var subjects = []string{
	"Ủy ban nhân dân", "Hội đồng nhân dân", "Ban Quản lý các khu công nghiệp",
	"Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Giao thông vận tải", "Sở Tài nguyên và Môi trường",
	"Sở Nông nghiệp và Phát triển nông thôn", "Sở Kế hoạch và Đầu tư",
	"Sở Văn hóa, Thể thao và Du lịch", "Sở Lao động – Thương binh và Xã hội", "Công an",
	"Trung tâm Y tế", "Sở Tài chính", "Sở Xây dựng", "Sở Công Thương",
	"Ban quản lý dự án", "Trung tâm Kiểm soát bệnh tật", "Ủy ban Mặt trận Tổ quốc",
	"Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Hội Nông dân", "Bảo hiểm xã hội",
	"Cục Thuế", "Chi cục Kiểm lâm", "Ban Chỉ huy phòng chống thiên tai",
	"chính quyền địa phương", "người dân", "các doanh nghiệp", "nhiều hộ gia đình",
	"lực lượng chức năng", "các trường học", "đội ngũ cán bộ y tế", "giáo viên",
	"học sinh", "bà con nông dân", "các hợp tác xã", "ngành điện lực", "đội cứu hộ",
	"các tình nguyện viên",
}

var verbs = []string{
	"triển khai", "tổ chức", "thông báo", "hướng dẫn", "kiểm tra", "hỗ trợ", "đẩy mạnh",
	"tăng cường", "hoàn thành", "phê duyệt", "công bố", "đề xuất", "rà soát", "tiếp nhận",
	"khởi công", "khánh thành", "phát động", "ban hành", "điều chỉnh", "mở rộng", "nâng cấp",
	"xây dựng", "thực hiện", "giám sát", "đánh giá", "tuyên truyền về", "vận động tham gia",
	"trao tặng", "ký kết", "bàn giao", "tập huấn về", "khảo sát", "sửa chữa", "cải tạo",
	"thí điểm", "tổng kết", "đôn đốc thực hiện", "chỉ đạo", "phối hợp thực hiện", "lấy ý kiến về",
}

var objects = []string{
	"kế hoạch phòng chống dịch bệnh", "dự án nâng cấp quốc lộ", "chương trình xây dựng nông thôn mới",
	"thủ tục hành chính trực tuyến", "chính sách hỗ trợ hộ nghèo", "đề án phát triển du lịch",
	"kế hoạch tuyển sinh lớp 10", "công trình cấp nước sạch", "hệ thống thoát nước đô thị",
	"tuyến đường ven biển", "cầu dân sinh", "trạm y tế xã", "chiến dịch tiêm chủng mở rộng",
	"quy hoạch sử dụng đất", "dự án nhà ở xã hội", "chương trình bình ổn giá",
	"phương án ứng phó mưa lũ", "kế hoạch trồng rừng", "mô hình kinh tế tập thể",
	"chuỗi liên kết tiêu thụ nông sản", "hồ sơ cấp giấy chứng nhận quyền sử dụng đất",
	"học bổng cho học sinh nghèo vượt khó", "gói tín dụng ưu đãi", "lễ hội truyền thống",
	"giải chạy vì cộng đồng", "ngày hội việc làm", "khu công nghiệp mới", "bến xe khách phía Nam",
	"chợ truyền thống", "trường mầm non", "bệnh viện đa khoa", "cơ sở dữ liệu dân cư",
	"dịch vụ công trực tuyến toàn trình", "hệ thống camera giám sát giao thông",
	"mạng lưới chiếu sáng công cộng", "đợt cao điểm bảo đảm an toàn giao thông",
	"chương trình sữa học đường", "kế hoạch chuyển đổi số", "công tác cải cách hành chính",
	"nhà văn hóa thôn", "khu tái định cư", "tuyến đê biển", "hồ chứa nước", "kênh mương nội đồng",
	"vùng trồng lúa chất lượng cao", "sản phẩm OCOP", "làng nghề truyền thống",
	"di tích lịch sử cấp quốc gia", "thư viện tỉnh", "bảo tàng tổng hợp", "sân vận động",
	"công viên cây xanh", "điểm thu gom rác thải", "nhà máy xử lý chất thải rắn", "tuyến xe buýt mới",
	"quỹ khuyến học", "bảo hiểm y tế học sinh", "nhà tình nghĩa", "mái ấm tình thương",
	"hệ thống cảnh báo sớm thiên tai",
}

var complements = []string{
	"trong năm nay", "trên địa bàn tỉnh", "theo quy định của pháp luật",
	"nhằm nâng cao chất lượng cuộc sống của người dân", "từ đầu tháng tới", "trước mùa mưa bão",
	"trong quý III", "với tổng kinh phí hơn 50 tỷ đồng", "tại các xã vùng sâu, vùng xa",
	"đúng tiến độ đề ra", "bảo đảm an toàn tuyệt đối", "theo hướng công khai, minh bạch",
	"với sự tham gia của hàng nghìn người", "cho giai đoạn 2021–2025", "ở khu vực ven biển",
	"trước Tết Nguyên đán", "nhân dịp kỷ niệm ngày thành lập", "tại trụ sở ủy ban",
	"một cách đồng bộ", "ngay trong tuần này", "trên tinh thần tiết kiệm, hiệu quả",
	"với nhiều giải pháp thiết thực", "để người dân dễ dàng tra cứu",
	"trong bối cảnh giá cả biến động", "sau nhiều tháng chuẩn bị", "từ nguồn ngân sách địa phương",
	"ở các huyện miền núi", "tại khu vực trung tâm thành phố", "vào cuối tuần qua",
	"trong thời gian sớm nhất", "với nhiều kết quả tích cực", "theo kế hoạch đã được phê duyệt",
	"khi thời tiết thuận lợi", "dưới sự chỉ đạo của lãnh đạo tỉnh", "kể từ đầu năm",
	"trong suốt mùa khô", "nhằm giảm thiểu thiệt hại", "bằng hình thức trực tuyến",
	"tại hội trường lớn", "với sự đồng thuận cao của nhân dân",
}

var connectors = []string{
	"Theo đó,", "Bên cạnh đó,", "Ngoài ra,", "Đồng thời,", "Cụ thể,", "Trước đó,",
	"Trong khi đó,", "Tuy nhiên,", "Hiện nay,", "Theo kế hoạch,", "Năm nay,", "Thời gian tới,",
	"Qua đó,", "Nhờ vậy,", "Để làm được điều này,", "Được biết,", "Theo thống kê,",
	"Tại buổi làm việc,", "Phát biểu tại hội nghị,", "Cũng trong dịp này,",
}

var goals = []string{
	"nâng cao đời sống vật chất và tinh thần của nhân dân", "thúc đẩy phát triển kinh tế – xã hội",
	"bảo vệ môi trường sinh thái", "giữ gìn bản sắc văn hóa dân tộc", "bảo đảm an sinh xã hội",
	"kéo giảm tai nạn giao thông", "thu hút thêm nhiều nhà đầu tư", "tạo việc làm cho lao động địa phương",
	"cải thiện chất lượng giáo dục", "nâng cao năng lực y tế cơ sở", "ứng phó với biến đổi khí hậu",
	"xây dựng chính quyền điện tử", "giảm nghèo bền vững", "phát triển du lịch cộng đồng",
	"bảo đảm trật tự an toàn xã hội", "rút ngắn thời gian giải quyết hồ sơ",
	"khơi dậy tinh thần tự lực của người dân", "lan tỏa những giá trị tốt đẹp trong cộng đồng",
}

var evaluations = []string{
	"Đây là bước đi quan trọng", "Đây là việc làm thiết thực", "Đây là nhiệm vụ trọng tâm",
	"Đây là giải pháp lâu dài", "Đây là chủ trương đúng đắn", "Đây là kết quả đáng ghi nhận",
	"Mô hình này được đánh giá cao", "Cách làm này mang lại hiệu quả rõ rệt",
}

var reports = []string{
	"cho biết", "nhấn mạnh", "khẳng định", "chia sẻ", "thông tin", "đề nghị", "nhận định",
}

var roles = []string{
	"Giám đốc Sở", "Phó Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Ủy ban nhân dân xã",
	"Trưởng phòng Quản lý đô thị", "Bí thư Đoàn xã", "Trưởng thôn", "Hiệu trưởng nhà trường",
	"Giám đốc bệnh viện", "Chủ nhiệm hợp tác xã", "một người dân địa phương",
}

var familyNames = []string{
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
	"Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
}

var maleNames = []string{
	"Văn Bình", "Minh Cường", "Quốc Dũng", "Hữu Hùng", "Đức Khánh", "Thanh Long", "Văn Nam",
	"Công Phong", "Minh Quang", "Hữu Sơn", "Đức Thắng", "Anh Tuấn", "Quốc Việt",
}

var femaleNames = []string{
	"Thị Anh", "Ngọc Chi", "Thu Dung", "Thanh Hà", "Hồng Hạnh", "Thị Hoa", "Thu Hương",
	"Ngọc Lan", "Thùy Linh", "Thị Mai", "Thúy Nga", "Minh Phương", "Thu Thảo", "Huyền Trang",
	"Hải Yến",
}

// beneficiaries are counted: "đã có 1.250 hộ dân được hưởng lợi".
var beneficiaries = []string{
	"hộ dân", "học sinh", "lượt người", "hộ gia đình", "doanh nghiệp", "bệnh nhân",
	"người lao động", "hợp tác xã", "người cao tuổi", "trẻ em",
}

var sinceNow = []string{
	"Tính đến nay,", "Đến nay,", "Theo thống kê,", "Sau một năm triển khai,", "Qua đó,",
	"Chỉ riêng năm ngoái,",
}

var headings = []string{
	"Kết quả bước đầu", "Những khó khăn cần tháo gỡ", "Giải pháp trong thời gian tới",
	"Ý kiến của người dân", "Bối cảnh", "Kế hoạch triển khai", "Nguồn lực thực hiện",
	"Vai trò của chính quyền cơ sở", "Tác động đến đời sống", "Những con số nổi bật",
	"Hướng dẫn cho người dân", "Lịch trình cụ thể", "Đánh giá của chuyên gia",
	"Bài học kinh nghiệm", "Thông tin cần biết", "Các bước thực hiện", "Phản hồi từ doanh nghiệp",
	"Chuyển biến tích cực", "Yêu cầu đặt ra", "Nhiệm vụ trọng tâm", "Sự vào cuộc của cộng đồng",
	"Hồ sơ và thủ tục",
}

var statuses = []string{
	"Hoàn thành", "Đang thực hiện", "Chưa triển khai", "Vượt kế hoạch", "Chậm tiến độ",
}

var captions = []string{
	"Quang cảnh buổi lễ khởi công", "Lực lượng chức năng kiểm tra tại hiện trường",
	"Người dân làm thủ tục tại bộ phận một cửa", "Học sinh trong giờ học",
	"Cán bộ y tế khám bệnh cho người cao tuổi", "Tuyến đường mới sau khi hoàn thành",
	"Đại biểu cắt băng khánh thành công trình", "Bà con nông dân thu hoạch lúa",
	"Cánh đồng mẫu lớn vào vụ", "Đoàn viên thanh niên dọn vệ sinh môi trường",
	"Lễ hội thu hút đông đảo du khách", "Toàn cảnh hội nghị",
}

var alts = []string{
	"Ảnh minh họa", "Ảnh tư liệu", "Hình ảnh tại hiện trường", "Ảnh do cơ sở cung cấp",
}
