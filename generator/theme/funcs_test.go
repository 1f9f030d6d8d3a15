package theme

import (
	"html/template"
	"regexp"
	"strings"
	"testing"
)

// The leads of cards and descriptions: plainify and truncate give what
// the regular expression and strings.Fields gave before them.
func TestPlainifyAndTruncate(t *testing.T) {
	tags := regexp.MustCompile(`<[^>]*>`)
	fields := func(n int, s string) string {
		f := strings.Fields(s)
		if len(f) <= n {
			return strings.Join(f, " ")
		}
		return strings.Join(f[:n], " ") + "…"
	}
	texts := []string{
		"", "   ", "Đắk Lắk", "  Ban Vì sự tiến bộ của Phụ nữ  tỉnh\ttriển khai\nnhiệm vụ năm 2023 ",
		"<p>Tháng hành động <b>vì bình đẳng giới</b></p>\n<p>và phòng, chống bạo lực</p>",
		"a<b", "a<b>c<d", "<>x<", "x >y< z", "<p\nclass=lead>dòng\u00a0một\u2003hai</p>", "1 < 2 và 3 > 2",
		"tỷ lệ 79,4% <i>(tăng)</i>", "<script>x</script>y", "\u00a0 đầu\u00a0",
	}
	for _, s := range texts {
		if got, want := plainify(s), strings.TrimSpace(tags.ReplaceAllString(s, "")); got != want {
			t.Errorf("plainify(%q) = %q, want %q", s, got, want)
		}
		if got, want := plainify(template.HTML(s)), strings.TrimSpace(tags.ReplaceAllString(s, "")); got != want {
			t.Errorf("plainify(HTML %q) = %q, want %q", s, got, want)
		}
		for n := range 8 {
			if got, want := truncateWords(n, s), fields(n, s); got != want {
				t.Errorf("truncate %d %q = %q, want %q", n, s, got, want)
			}
		}
	}
	if got := plainify(42); got != "42" {
		t.Errorf("plainify(42) = %q", got)
	}
}

// BenchmarkLead: a card's lead, as the default theme writes it:
// truncate 32 (plainify .Lead).
func BenchmarkLead(b *testing.B) {
	lead := strings.Repeat("Ban Vì sự tiến bộ của Phụ nữ tỉnh triển khai nhiệm vụ năm 2023, ", 5)
	b.ReportAllocs()
	for b.Loop() {
		truncateWords(32, plainify(lead))
	}
}
