package site

import (
	"fmt"
	"strings"
	"testing"
)

// TestStablePagersKeepTheirPages adds news items one at a time, each the
// newest, and counts the pagers whose address shows other pages or other
// links than before: with stable numbering the first and the newest
// numbered pager change, four when a numbered pager is added (the new one
// and the links of two below it), whatever the list's length; numbered
// from the newest, every pager does.
func TestStablePagersKeepTheirPages(t *testing.T) {
	shown := func(cfg string, n int) map[string]string {
		files := map[string]string{}
		for i := 0; i < n; i++ {
			files[fmt.Sprintf("content/tin/p%03d.md", i)] = fmt.Sprintf("+++\ndate = 2023-%02d-%02dT08:00:00+07:00\n+++\n", 1+i/28, 1+i%28)
		}
		s, errs := fixture(t, cfg, files)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		out := map[string]string{}
		for _, p := range s.Sections[0].Pagers {
			var b strings.Builder
			fmt.Fprintf(&b, "%d %t %s|", p.Number, p.IsFirst(), pagerPaths([]*Pager{p}))
			for _, q := range append([]*Pager{p.Prev(), p.Next()}, p.Window()...) {
				if q == nil {
					b.WriteString("- ")
				} else {
					fmt.Fprintf(&b, "%d %s ", q.Number, q.Path)
				}
			}
			out[p.Path] = b.String()
		}
		return out
	}
	changed := func(cfg string, n int) int {
		before, after := shown(cfg, n), shown(cfg, n+1)
		count := 0
		for path, a := range after {
			if before[path] != a {
				count++
			}
		}
		return count
	}
	for n := 1; n <= 80; n++ {
		if got := changed("pagerSize = 4\n", n); got > 4 {
			t.Errorf("stable: a page added to %d changed %d pagers", n, got)
		}
	}
	if got := changed("pagerSize = 4\n[pagination]\nstable = false\n", 80); got != 21 {
		t.Errorf("numbered from the newest: a page added to 80 changed %d pagers, want all 21", got)
	}
}

// TestStablePagersHoldEveryPageOnce: the pagers of a list show each of its
// pages once, newest first, the first PagerSize of them on the first.
func TestStablePagersHoldEveryPageOnce(t *testing.T) {
	for _, size := range []int{1, 3, 10} {
		for n := 1; n <= 35; n++ {
			files := map[string]string{}
			for i := 0; i < n; i++ {
				files[fmt.Sprintf("content/tin/p%03d.md", i)] = fmt.Sprintf("+++\ndate = 2023-01-%02dT08:00:00+07:00\n+++\n", 1+i%28)
			}
			s, _ := fixture(t, fmt.Sprintf("pagerSize = %d\n", size), files)
			sec := s.Sections[0]
			var all []*Node
			for i, p := range sec.Pagers {
				if got := len(p.Pages); got < 1 || got > size || (i == 0 && got != min(size, n)) {
					t.Errorf("size %d, %d pages: pager %d shows %d", size, n, i, got)
				}
				if want := len(sec.Pagers) - i; p.Number != want && (i > 0 || p.Number != 1) {
					t.Errorf("size %d, %d pages: pager %d is numbered %d", size, n, i, p.Number)
				}
				all = append(all, p.Pages...)
			}
			if paths(all) != paths(sec.Pages) {
				t.Errorf("size %d, %d pages: pagers show %s, the list is %s", size, n, paths(all), paths(sec.Pages))
			}
		}
	}
}
