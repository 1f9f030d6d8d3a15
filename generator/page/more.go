package page

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/text"

	"loa/generator/diag"
)

// isMore reports whether raw HTML is Hugo's summary divider, <!--more-->:
// the summary of the page is what comes before it.
func isMore(segs *text.Segments, src []byte) bool {
	var b []byte
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		b = append(b, seg.Value(src)...)
	}
	return string(bytes.TrimSpace(b)) == "<!--more-->"
}

// rawHTML collects the lines of the raw HTML a page drops: one warning per
// file, not one per fragment, which a page pasted from a word processor
// would otherwise give by the dozen.
type rawHTML struct {
	first diag.Pos
	lines []int
}

func (r *rawHTML) add(pos diag.Pos) {
	if len(r.lines) == 0 {
		r.first = pos
	}
	for _, l := range r.lines {
		if l == pos.Line {
			return
		}
	}
	r.lines = append(r.lines, pos.Line)
}

func (r *rawHTML) warn(diags *diag.List) {
	if len(r.lines) == 0 {
		return
	}
	sort.Ints(r.lines)
	nums := make([]string, len(r.lines))
	for i, l := range r.lines {
		nums[i] = strconv.Itoa(l)
	}
	list := strings.Join(nums, ", ")
	what, whatVi := "line", "dòng"
	if len(nums) > 1 {
		what = "lines"
	}
	diags.Warnf(r.first, "write it in Markdown, or set unsafe = true under [markup] in config.toml to keep HTML",
		"raw HTML is not published (%s %s)", what, list).Vi(
		"viết bằng Markdown, hoặc đặt unsafe = true trong mục [markup] của config.toml để giữ HTML",
		"đoạn HTML viết tay sẽ không được đăng (%s %s)", whatVi, list)
}
