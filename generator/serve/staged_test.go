package serve

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestLayoutEditReloadsOpenPagesFirst: after a layout edit, the open page
// is reloaded before the rest of the site is rendered; a page asked for
// meanwhile is rendered at once with the new layout, and what it links is
// of the same build; the rest follows, and the site equals a fresh build.
func TestLayoutEditReloadsOpenPagesFirst(t *testing.T) {
	dir := writeSite(t, tinySite)
	s := start(t, testOptions(dir))
	hold, release := make(chan struct{}), make(chan struct{})
	s.staging = func() {
		close(hold)
		<-release
	}
	ev := eventsOf(t, s.URL(), "/tin-tuc/hop-ban/")

	writeFile(t, dir, "layouts/_default/single.html", strings.Replace(tinySite["layouts/_default/single.html"], "<h1>", `<h1 class="moi">`, 1))
	m := next(t, ev, func(m message) bool { return len(m.Pages) > 0 })
	if !slices.Equal(m.Pages, []string{"/tin-tuc/hop-ban/"}) {
		t.Errorf("first reload names %v, want the open page alone", m.Pages)
	}
	<-hold // the rest of the site is not rendered yet
	if st := s.state.Load(); st.pending == nil {
		t.Fatal("no render pending while the rest waits")
	}
	for _, p := range []string{"tin-tuc/hop-ban/", "tin-tuc/tap-huan/"} {
		if _, _, body := get(t, s.URL()+p); !strings.Contains(body, `<h1 class=moi>`) {
			t.Errorf("GET /%s while the rest renders: the old layout\n%s", p, body)
		}
	}
	_, _, body := get(t, s.URL()+"tin-tuc/tap-huan/")
	css := regexp.MustCompile(`href="?/(css/main\.[0-9a-f]+\.css)`).FindStringSubmatch(body)
	if css == nil {
		t.Fatalf("no stylesheet linked:\n%s", body)
	}
	if code, _, _ := get(t, s.URL()+css[1]); code != 200 {
		t.Errorf("GET /%s, linked by a page of the new build: %d", css[1], code)
	}
	// A file the render has not made yet is waited for.
	sitemap := make(chan int)
	go func() {
		code, _, _ := get(t, s.URL()+"sitemap.xml")
		sitemap <- code
	}()
	close(release)
	if code := <-sitemap; code != 200 {
		t.Errorf("GET /sitemap.xml during the render: %d", code)
	}
	waitFor(t, "the render to end", func() bool { return s.state.Load().pending == nil })
	if d := sameAsFreshBuild(s.Server); d != "" {
		t.Error(d)
	}
}

// TestBuildsDoNotChain: a build made from the one before (a body edit)
// keeps no reference to it once served, else every save would hold
// another copy of the site's list of files.
func TestBuildsDoNotChain(t *testing.T) {
	dir := writeSite(t, tinySite)
	s := start(t, testOptions(dir))
	ev := events(t, s.URL())
	for i := range 3 {
		writeFile(t, dir, "content/tin-tuc/hop-ban.md", tinySite["content/tin-tuc/hop-ban.md"]+strings.Repeat("\nSửa thêm.\n", i+1))
		next(t, ev, func(m message) bool { return len(m.Pages) > 0 })
		if snap := s.state.Load().snap; snap.base != nil || snap.touched != nil {
			t.Fatalf("edit %d: the served build holds the one before it", i+1)
		}
	}
}
