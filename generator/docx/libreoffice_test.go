package docx

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// testdata/libreoffice/bai-viet.docx was saved by LibreOffice Writer
// (make.sh), not by Word or by these tests: the whole news item comes out
// as an editor would write it.
func TestLibreOfficeDocument(t *testing.T) {
	doc, err := ReadFile("testdata/libreoffice/bai-viet.docx")
	if err != nil {
		t.Fatal(err)
	}
	a, diags := Convert(doc, Options{Name: "bai-viet.docx", Location: hanoi(t), Now: testNow()})
	want := `+++
title = "Ban Vì sự tiến bộ của Phụ nữ tỉnh triển khai nhiệm vụ năm 2023"
date = 2023-02-17T14:45:00+07:00
draft = true
description = "Chiều 17/2, Ban Vì sự tiến bộ của Phụ nữ tỉnh tổ chức hội nghị tổng kết công tác năm 2022 và triển khai nhiệm vụ năm 2023."
author = "Thu Hà"
+++

Dự hội nghị có đại diện các sở, ngành và lãnh đạo các huyện. Đồng chí Trưởng ban *nhấn mạnh* vai trò của *cơ sở*, xem [các văn bản](https://vstbpn.halam.gov.vn/van-ban/) liên quan[^1].

## Kết quả năm 2022

- Tổ chức 12 lớp tập huấn
  - cho cán bộ cấp xã
  - cho tuyên truyền viên
- Hỗ trợ 35 phụ nữ vay vốn

Bảng số liệu theo huyện:\
(đơn vị: người)

| Huyện | Số người được tập huấn |  |
| --- | --- | --- |
| Hà Lâm | 120 | Đạt kế hoạch |
| Đắk Mil | 95 |  |

## Nhiệm vụ năm 2023

1. Nâng cao năng lực cán bộ
   1. ở cấp tỉnh
2. Tuyên truyền về bình đẳng giới

![Các đại biểu ngồi dự hội nghị trong hội trường](anh-1.jpg "Quang cảnh hội nghị tổng kết công tác năm 2022")

Trích văn bản cũ: Ban Vì sự tiến bộ của Phụ nữ; TỈNH; Hội Liên hiệp Phụ nữ.

![Biểu đồ số người được hỗ trợ](anh-2.png "Biểu đồ số người được hỗ trợ")

[^1]: Theo báo cáo của Sở Lao động – Thương binh và Xã hội.
`
	if got := string(a.Page(true)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	contains(t, "warnings", warnings(diags),
		`the table starting "Huyện Số người được tập huấn" has merged cells`,
		`1 tracked insertion was kept as if accepted ("lãnh đạo")`,
		`1 tracked deletion was dropped as if accepted ("hơn 200")`,
		"1 comment was left out")
	for _, d := range diags {
		if d.Pos.File != "bai-viet.docx" || d.MessageVi == "" || d.HintVi == "" {
			t.Errorf("diagnostic %+v: no file or no Vietnamese", d)
		}
	}
	jpg, _ := os.ReadFile("testdata/libreoffice/hoi-nghi.jpg")
	png, _ := os.ReadFile("testdata/libreoffice/bieu-do.png")
	if len(a.Files) != 2 || !bytes.Equal(a.Files[0].Data, jpg) || !bytes.Equal(a.Files[1].Data, png) {
		t.Errorf("pictures: %d, not the bytes LibreOffice was given", len(a.Files))
	}
	if !a.Date.Equal(time.Date(2023, 2, 17, 7, 45, 0, 0, time.UTC)) {
		t.Errorf("date %v", a.Date)
	}
}

func BenchmarkLibreOfficeDocument(b *testing.B) {
	data, err := os.ReadFile("testdata/libreoffice/bai-viet.docx")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		doc, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		Convert(doc, Options{Name: "bai-viet.docx", Now: testNow()})
	}
}
