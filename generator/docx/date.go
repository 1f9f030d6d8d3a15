package docx

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date lines as news items write them: "Ngày 17/02/2023", "17/02/2023
// 14:45", "Hà Nội, ngày 17 tháng 2 năm 2023", "Cập nhật lúc 14h45 ngày
// 17-2-2023".
const (
	numericDate = `(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`
	wordDate    = `(?i:ngày)\s+(\d{1,2})\s+(?i:tháng)\s+(\d{1,2})\s*,?\s+(?i:năm)\s+(\d{4})`
	clock       = `(\d{1,2})\s*(?::|h|giờ|g)\s*(\d{2})?(?:\s*(?:phút|')?)`
)

// dateLine reads a paragraph that is a date line: a date, perhaps a time,
// and a few words around them ("Ngày", a place). The time is in loc.
func dateLine(text string, loc *time.Location) (time.Time, bool) {
	if runeLen(text) > 80 {
		return time.Time{}, false
	}
	var day, month, year int
	rest := text
	for _, pattern := range []string{numericDate, wordDate} {
		re := regexp.MustCompile(pattern)
		m := re.FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		day, _ = strconv.Atoi(text[m[2]:m[3]])
		month, _ = strconv.Atoi(text[m[4]:m[5]])
		year, _ = strconv.Atoi(text[m[6]:m[7]])
		rest = text[:m[0]] + " " + text[m[1]:]
		break
	}
	if year == 0 {
		return time.Time{}, false
	}
	hour, minute := 0, 0
	if m := regexp.MustCompile(`(?:^|[^\d/.-])` + clock + `(?:$|[^\d/.-])`).FindStringSubmatchIndex(rest); m != nil {
		h, _ := strconv.Atoi(rest[m[2]:m[3]])
		mi := 0
		if m[4] >= 0 {
			mi, _ = strconv.Atoi(rest[m[4]:m[5]])
		}
		if h < 24 && mi < 60 {
			hour, minute = h, mi
			rest = rest[:m[0]] + " " + rest[m[1]:]
		}
	}
	t := time.Date(year, time.Month(month), day, hour, minute, 0, 0, loc)
	if year < 1990 || year > 2100 || t.Day() != day || int(t.Month()) != month {
		return time.Time{}, false
	}
	// Around the date, only a few words: "Ngày", "Hà Nội,", "Cập nhật lúc".
	words := 0
	for _, w := range strings.Fields(rest) {
		if strings.IndexFunc(w, func(r rune) bool { return r > '9' || r < '0' }) >= 0 && strings.Trim(w, ",.:;-–|()") != "" {
			words++
		}
	}
	return t, words <= 6
}
