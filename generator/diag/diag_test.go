package diag

import (
	"fmt"
	"strings"
	"testing"
)

func TestLineColCountsCharacters(t *testing.T) {
	src := []byte("+++\ntitle = \"Hội nghị\"\n+++\nĐắk Lắk x")
	tests := []struct {
		offset, line, col int
	}{
		{0, 1, 1},
		{4, 2, 1},
		{strings.Index(string(src), "\"H") + 1, 2, 10},
		{strings.Index(string(src), "x"), 4, 9},
		{len(src) + 5, 4, 10},
	}
	for _, tc := range tests {
		if l, c := LineCol(src, tc.offset); l != tc.line || c != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.offset, l, c, tc.line, tc.col)
		}
	}
}

func TestListFormatsSortsAndCarries(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "content/b.md", Line: 2, Col: 1}, "", "raw HTML is not published")
	l.Errorf(Pos{File: "content/a.md", Line: 10, Col: 3}, "write true or false", "draft must be true or false")
	l.Errorf(Pos{File: "content/a.md", Line: 2}, "", "second")
	l.Sort()
	want := "content/a.md:2: second\n" +
		"content/a.md:10:3: draft must be true or false\n    hint: write true or false\n" +
		"content/b.md:2:1: warning: raw HTML is not published\n"
	var b strings.Builder
	l.Print(&b)
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if !l.HasErrors() || len(l.Errors()) != 2 || len(l.Warnings()) != 1 {
		t.Errorf("errors %d warnings %d", len(l.Errors()), len(l.Warnings()))
	}
	err := fmt.Errorf("build: %w", l.Err())
	got, ok := From(err)
	if !ok || len(got) != 2 {
		t.Errorf("From(wrapped) = %v, %v", got, ok)
	}
	if (List{}).Err() != nil || l.Warnings().Err() != nil {
		t.Error("a list without errors must give a nil error")
	}
}

func TestVietnameseText(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "a.md", Line: 3}, "write a date", "date: %q is not a date", "x").Vi("ghi ngày", "date: %q không phải là ngày hợp lệ", "x")
	l.Errorf(Pos{File: "a.md", Line: 4}, "hint", "only English")
	if msg, hint := l[0].Vietnamese(); msg != `date: "x" không phải là ngày hợp lệ` || hint != "ghi ngày" {
		t.Errorf("Vietnamese() = %q, %q", msg, hint)
	}
	if msg, hint := l[1].Vietnamese(); msg != "only English" || hint != "hint" {
		t.Errorf("without a translation: %q, %q", msg, hint)
	}
	if got := l[0].String(); !strings.Contains(got, "is not a date") {
		t.Errorf("the command line keeps English: %s", got)
	}
}
