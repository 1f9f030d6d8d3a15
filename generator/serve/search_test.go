package serve

import (
	"os"
	"strings"
	"testing"
)

// TestSearchFollowsBodyEdits: with the default theme, a body edit is sent
// to the page at once (the preview's fast path) and the search index
// follows it right after, before the next save is built.
func TestSearchFollowsBodyEdits(t *testing.T) {
	long := strings.Repeat("Nội dung bài viết về hội nghị. ", 40)
	dir := writeSite(t, map[string]string{
		"config.toml":                "baseURL = \"https://example.gov.vn/\"\ntitle = \"Thử\"\n",
		"content/tin-tuc/hop-ban.md": "+++\ntitle = \"Họp Ban\"\ndate = 2025-03-01T08:00:00+07:00\n+++\n" + long + "\n\nĐoạn cuối về xoáy thuận.\n",
	})
	opts := testOptions(dir)
	opts.Build.Theme = os.DirFS("../../themes/default")
	s := start(t, opts)
	ev := events(t, s.URL())
	index := func() string {
		var b strings.Builder
		for rel := range s.state.Load().snap.files {
			if strings.HasPrefix(rel, "tim-kiem/chi-muc/p/") {
				data, _, _ := s.state.Load().snap.read(rel)
				b.Write(data)
			}
		}
		return b.String()
	}
	if !strings.Contains(index(), `"xoay thuan"`) {
		t.Fatal("the first build's index lacks the page's words")
	}
	writeFile(t, dir, "content/tin-tuc/hop-ban.md", "+++\ntitle = \"Họp Ban\"\ndate = 2025-03-01T08:00:00+07:00\n+++\n"+long+"\n\nĐoạn cuối về áp thấp.\n")
	m := next(t, ev, func(m message) bool { return len(m.Pages) > 0 })
	if len(m.Pages) != 1 || m.Pages[0] != "/tin-tuc/hop-ban/" {
		t.Errorf("pages changed = %v, want the edited page alone (the fast path)", m.Pages)
	}
	waitFor(t, "the index to hold the edited words", func() bool {
		ix := index()
		return strings.Contains(ix, `"ap thap"`) && !strings.Contains(ix, `"xoay thuan"`)
	})
}
