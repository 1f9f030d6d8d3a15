package check

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"loa/generator/diag"
)

func TestReports(t *testing.T) {
	fs := []Finding{
		finding(RuleTitle, diag.Pos{File: "content/a.md", Line: 1, Col: 1}, "page without a title", "bài chưa có tiêu đề", "add a title", "thêm tiêu đề"),
		finding(RuleScheduled, diag.Pos{File: "content/b.md", Line: 3, Col: 1}, "scheduled", "bài hẹn giờ", "nothing", "không cần làm gì"),
		{Rule: RuleBuild, Level: Warning, Pos: diag.Pos{File: "config.toml", Line: 2, Col: 1}, Message: "Hugo's setting", MessageVi: "thiết lập Hugo"},
	}
	var b bytes.Buffer
	WriteText(&b, fs, 7)
	want := `content/a.md:1:1: error: bài chưa có tiêu đề [check:title]
    gợi ý: thêm tiêu đề
content/b.md:3:1: info: bài hẹn giờ [check:scheduled]
    gợi ý: không cần làm gì
config.toml:2:1: warning: thiết lập Hugo
loa check: 7 tệp; 1 lỗi, 1 cảnh báo, 1 ghi chú (1 error, 1 warning, 1 note).
`
	if b.String() != want {
		t.Errorf("text:\n%s", b.String())
	}
	b.Reset()
	WriteText(&b, nil, 3)
	if b.String() != "loa check: 3 tệp, không có lỗi hay cảnh báo nào (no findings in 3 files).\n" {
		t.Errorf("empty text: %q", b.String())
	}

	b.Reset()
	if err := WriteJSON(&b, fs[:1]); err != nil {
		t.Fatal(err)
	}
	wantJSON := `[
  {
    "file": "content/a.md",
    "line": 1,
    "col": 1,
    "rule": "title",
    "level": "error",
    "message": "page without a title",
    "hint": "add a title",
    "messageVi": "bài chưa có tiêu đề",
    "hintVi": "thêm tiêu đề"
  }
]
`
	if b.String() != wantJSON {
		t.Errorf("json:\n%s", b.String())
	}
	b.Reset()
	WriteJSON(&b, nil)
	var empty []any
	if err := json.Unmarshal(b.Bytes(), &empty); err != nil || empty == nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("empty json: %q", b.String())
	}
}
