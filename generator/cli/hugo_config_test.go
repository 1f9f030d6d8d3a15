package cli

import (
	"strings"
	"testing"
)

// A Hugo site that keeps its configuration in config/_default/ builds, with
// its title, menu, pager size and permalinks, and a warning for each Hugo
// setting Loa does not use, at its file and line.
func TestBuildHugoConfigDir(t *testing.T) {
	site := writeSite(t, `-- config/_default/hugo.toml --
baseURL = "https://halam.gov.vn/"
title = "Ủy ban nhân dân huyện Hà Lam"
languageCode = "vi-VN"
DefaultContentLanguage = "vi"
enableRobotsTXT = true

[pagination]
  pagerSize = 1

[permalinks]
  tin-tuc = ":section/:year/:slug/"

[privacy.youtube]
  privacyEnhanced = true

[[menu.main]]
  name = "Tin tức"
  pageRef = "/tin-tuc"
  weight = 1
-- content/tin-tuc/_index.md --
+++
title = "Tin tức"
+++
-- content/tin-tuc/hop-bao.md --
+++
title = "Họp báo quý I"
date = 2024-04-02T09:00:00
description = "Họp báo thông tin kết quả quý I."
+++
Nội dung.
-- content/tin-tuc/tiem-chung.md --
+++
title = "Tiêm chủng mở rộng"
date = 2024-03-01T09:00:00
description = "Lịch tiêm chủng mở rộng tháng 3."
+++
Nội dung.
`)
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "config/_default/hugo.toml:13:1: warning: Hugo's setting `privacy` is not used by Loa") {
		t.Errorf("no warning for [privacy]:\n%s", r.stderr)
	}
	if strings.Count(r.stderr, "warning:") != 1 {
		t.Errorf("want one warning:\n%s", r.stderr)
	}
	home := readOut(t, dest, "index.html")
	if !strings.Contains(home, "Ủy ban nhân dân huyện Hà Lam") || !strings.Contains(home, `href=/tin-tuc/`) && !strings.Contains(home, `href="/tin-tuc/"`) {
		t.Errorf("home lacks the title or the menu entry:\n%s", home)
	}
	if !exists(dest, "tin-tuc/2024/hop-bao/index.html") {
		t.Error("the permalink pattern was not applied")
	}
	if !exists(dest, "tin-tuc/page/1/index.html") { // numbered from the oldest
		t.Error("pagerSize = 1 gave no second page of the section")
	}
}
