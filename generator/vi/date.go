package vi

import (
	"fmt"
	"strconv"
	"time"
	_ "time/tzdata" // zones resolve even on hosts without a zoneinfo database
)

// DefaultZone is the zone of Vietnam, used when a site names none.
const DefaultZone = "Asia/Ho_Chi_Minh"

// Location loads the IANA time zone name; "" means [DefaultZone]. The zone
// database embedded in the binary (time/tzdata) is used when the host has
// none, so zones resolve on any machine. "Local" is refused, because a site
// must not be built differently depending on the machine's settings.
func Location(name string) (*time.Location, error) {
	if name == "" {
		name = DefaultZone
	}
	if name == "Local" {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	return loc, nil
}

// weekdays is indexed by time.Weekday (Sunday is 0). Never written.
var weekdays = [7]string{
	"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy",
}

// Weekday returns the Vietnamese name of t's weekday: "Thứ Hai" … "Thứ Bảy",
// "Chủ Nhật".
func Weekday(t time.Time) string {
	return weekdays[t.Weekday()]
}

// DateTime formats t as "Thứ Sáu, 17/02/2023 14:45": weekday, day/month/year
// and 24-hour time, in t's own location (convert with t.In first).
func DateTime(t time.Time) string {
	return Weekday(t) + ", " + t.Format("02/01/2006 15:04")
}

// Date formats t as "17/02/2023".
func Date(t time.Time) string {
	return t.Format("02/01/2006")
}

// LongDate formats t as "Thứ Sáu, ngày 17 tháng 2 năm 2023", with day and
// month written without a leading zero as in running text.
func LongDate(t time.Time) string {
	return Weekday(t) + ", ngày " + strconv.Itoa(t.Day()) +
		" tháng " + strconv.Itoa(int(t.Month())) +
		" năm " + strconv.Itoa(t.Year())
}

// Time formats t as 24-hour "14:45".
func Time(t time.Time) string {
	return t.Format("15:04")
}
