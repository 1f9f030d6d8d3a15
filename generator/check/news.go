package check

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/vi"
)

// The rules of news items: a title (every page), a date and a lead, both
// of a length lists and shares do not cut, and, for information, what is
// dated in the future and so waits for a later build.

const (
	maxTitle = 150 // characters
	maxLead  = 300
)

// news checks every regular page: the title of each, the rest of those
// in sections (mainSections, when set); section pages (_index.md), the
// Markdown files of a bundle and headless bundles are not news.
func news(files []*File, cfg *config.Config, now time.Time) []Finding {
	bundles := map[string]bool{}
	for _, f := range files {
		if f.Page != nil && f.Page.IsBundle {
			bundles[f.Page.Dir] = true
		}
	}
	var out []Finding
	for _, f := range files {
		pg := f.Page
		if pg == nil || pg.IsIndex || pg.Params["headless"] == true || (!pg.IsBundle && inBundle(pg.Dir, bundles)) {
			continue
		}
		top := pg.Section
		if i := strings.IndexByte(top, '/'); i >= 0 {
			top = top[:i]
		}
		item := pg.Section != ""
		if len(cfg.MainSections) > 0 {
			item = slices.Contains(cfg.MainSections, top)
		}
		out = append(out, title(f, item)...)
		if item {
			out = append(out, dated(pg, cfg, now)...)
			out = append(out, lead(pg)...)
		}
	}
	return out
}

func inBundle(dir string, bundles map[string]bool) bool {
	for d := dir; d != ""; {
		if bundles[d] {
			return true
		}
		i := strings.LastIndexByte(d, '/')
		if i < 0 {
			break
		}
		d = d[:i]
	}
	return false
}

func title(f *File, item bool) []Finding {
	pg := f.Page
	if !f.hasTitle {
		what, whatVi := "page", "trang"
		if item {
			what, whatVi = "news item", "bài"
		}
		return []Finding{finding(RuleTitle, diag.Pos{File: f.Name, Line: 1, Col: 1},
			fmt.Sprintf("%s without a title: it would be published as %s, made of its file name", what, quote(pg.Title)),
			fmt.Sprintf("%s chưa có tiêu đề: sẽ được đăng với tiêu đề %s lấy từ tên tệp", whatVi, quote(pg.Title)),
			`add title = "…" to the front matter, between the +++ lines`,
			`thêm dòng title = "…" vào phần đầu bài, giữa hai dòng +++`)}
	}
	if strings.IndexFunc(pg.Title, unicode.IsLetter) < 0 {
		// "05 08 2020": what some content systems made of a file name.
		return []Finding{finding(RuleTitle, pg.KeyPos("title"),
			fmt.Sprintf("the title %s has no words: readers cannot tell what the page is about", quote(pg.Title)),
			fmt.Sprintf("tiêu đề %s không có chữ nào: người đọc không biết bài nói về gì", quote(pg.Title)),
			"write a title that says what happened, where and who",
			"viết tiêu đề nói rõ việc gì, ở đâu, của ai")}
	}
	if n := utf8.RuneCountInString(pg.Title); n > maxTitle && item {
		return []Finding{finding(RuleTitleLength, pg.KeyPos("title"),
			fmt.Sprintf("the title is %d characters long, more than %d: lists, search results and shares cut it", n, maxTitle),
			fmt.Sprintf("tiêu đề dài %d ký tự, quá %d: danh sách bài, kết quả tìm kiếm và khi chia sẻ sẽ bị cắt", n, maxTitle),
			"say it shorter, and keep the details for the lead (description)",
			"viết gọn lại, đưa chi tiết xuống phần sapo (description)")}
	}
	return nil
}

func dated(pg *page.Page, cfg *config.Config, now time.Time) []Finding {
	if pg.Date.IsZero() {
		return []Finding{finding(RuleDate, diag.Pos{File: pg.File, Line: 1, Col: 1},
			"news item without a date: lists show it last, without a date",
			"bài chưa có ngày đăng: bài bị xếp cuối danh sách và không hiện ngày",
			`add date = 2025-03-07T09:00:00+07:00 (or date = "07/03/2025 09:00") to the front matter`,
			`thêm dòng date = 2025-03-07T09:00:00+07:00 (hoặc date = "07/03/2025 09:00") vào phần đầu bài`)}
	}
	if pg.PublishDate.After(now) && !pg.Draft {
		key := "date"
		if pg.KeyPos("publishDate").Line > 1 {
			key = "publishDate"
		}
		when := vi.DateTime(pg.PublishDate.In(cfg.Location))
		return []Finding{finding(RuleScheduled, pg.KeyPos(key),
			fmt.Sprintf("scheduled: published by the first build after %s", when),
			fmt.Sprintf("bài hẹn giờ: sẽ được đăng ở lần dựng trang đầu tiên sau %s", when),
			"nothing to do if that is meant; otherwise correct the date, or add draft = true to hold it back",
			"không cần làm gì nếu đúng ý; nếu không, sửa lại ngày, hoặc thêm draft = true để giữ bài lại")}
	}
	return nil
}

func lead(pg *page.Page) []Finding {
	d := strings.TrimSpace(pg.Description)
	if d == "" {
		return []Finding{finding(RuleLead, diag.Pos{File: pg.File, Line: 1, Col: 1},
			"news item without a lead (description)",
			"bài chưa có sapo (description)",
			`add description = "…" to the front matter: a sentence or two on what happened, which lists, search results and shares show`,
			`thêm dòng description = "…" vào phần đầu bài: một, hai câu tóm tắt sự việc; danh sách bài, kết quả tìm kiếm và khi chia sẻ đều hiện đoạn này`)}
	}
	if n := utf8.RuneCountInString(d); n > maxLead {
		return []Finding{finding(RuleLeadLength, pg.KeyPos("description"),
			fmt.Sprintf("the lead (description) is %d characters long, more than %d: lists, search results and shares cut it", n, maxLead),
			fmt.Sprintf("sapo (description) dài %d ký tự, quá %d: danh sách bài, kết quả tìm kiếm và khi chia sẻ sẽ bị cắt", n, maxLead),
			"keep the lead to the essentials, and move the rest to the body",
			"rút gọn sapo còn những ý chính, đưa phần còn lại xuống thân bài")}
	}
	return nil
}
