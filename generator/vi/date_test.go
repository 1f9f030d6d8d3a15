package vi

import (
	"testing"
	"time"
)

func mustLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := Location(name)
	if err != nil {
		t.Fatalf("Location(%q): %v", name, err)
	}
	return loc
}

func TestLocation(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty means Vietnam", "", "Asia/Ho_Chi_Minh"},
		{"Vietnam by name", "Asia/Ho_Chi_Minh", "Asia/Ho_Chi_Minh"},
		{"old Saigon alias", "Asia/Saigon", "Asia/Saigon"},
		{"UTC", "UTC", "UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustLocation(t, tt.in).String(); got != tt.want {
				t.Errorf("Location(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLocationUnknownZone(t *testing.T) {
	for _, name := range []string{"Mars/Base", "Local", "../../etc/passwd", "Asia/Hà_Nội"} {
		loc, err := Location(name)
		if err == nil {
			t.Errorf("Location(%q) = %v, want an error", name, loc)
			continue
		}
		if want := `unknown time zone "` + name + `"`; err.Error() != want {
			t.Errorf("Location(%q) error = %q, want %q", name, err, want)
		}
	}
}

func TestDateFormats(t *testing.T) {
	hcm := mustLocation(t, "")
	tests := []struct {
		name                                 string
		t                                    time.Time
		weekday, dateTime, date, long, clock string
	}{
		{
			"Friday afternoon", time.Date(2023, 2, 17, 14, 45, 0, 0, hcm),
			"Thứ Sáu", "Thứ Sáu, 17/02/2023 14:45", "17/02/2023", "Thứ Sáu, ngày 17 tháng 2 năm 2023", "14:45",
		},
		{
			"Sunday morning, single digits", time.Date(2023, 2, 5, 8, 5, 0, 0, hcm),
			"Chủ Nhật", "Chủ Nhật, 05/02/2023 08:05", "05/02/2023", "Chủ Nhật, ngày 5 tháng 2 năm 2023", "08:05",
		},
		{
			"Monday at midnight", time.Date(2024, 9, 2, 0, 0, 0, 0, hcm),
			"Thứ Hai", "Thứ Hai, 02/09/2024 00:00", "02/09/2024", "Thứ Hai, ngày 2 tháng 9 năm 2024", "00:00",
		},
		{
			"Saturday, end of year", time.Date(2022, 12, 31, 23, 59, 59, 0, hcm),
			"Thứ Bảy", "Thứ Bảy, 31/12/2022 23:59", "31/12/2022", "Thứ Bảy, ngày 31 tháng 12 năm 2022", "23:59",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(fn, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", fn, got, want)
				}
			}
			check("Weekday", Weekday(tt.t), tt.weekday)
			check("DateTime", DateTime(tt.t), tt.dateTime)
			check("Date", Date(tt.t), tt.date)
			check("LongDate", LongDate(tt.t), tt.long)
			check("Time", Time(tt.t), tt.clock)
		})
	}
}

func TestWeekdayNamesWholeWeek(t *testing.T) {
	want := []string{"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"}
	monday := time.Date(2023, 2, 13, 12, 0, 0, 0, time.UTC)
	for i, w := range want {
		if got := Weekday(monday.AddDate(0, 0, i)); got != w {
			t.Errorf("Weekday(%s) = %q, want %q", monday.AddDate(0, 0, i).Format(time.DateOnly), got, w)
		}
	}
}

func TestUTCConvertedToVietnamIsSevenHoursLater(t *testing.T) {
	hcm := mustLocation(t, DefaultZone)
	utc := time.Date(2023, 2, 17, 20, 30, 0, 0, time.UTC)
	local := utc.In(hcm)
	if got, want := DateTime(local), "Thứ Bảy, 18/02/2023 03:30"; got != want {
		t.Errorf("DateTime(%v in %v) = %q, want %q", utc, hcm, got, want)
	}
	if _, offset := local.Zone(); offset != 7*60*60 {
		t.Errorf("offset = %ds, want +7h", offset)
	}
}
