package locale

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"loa/generator/vi"
)

func TestDates(t *testing.T) {
	hn, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	when := time.Date(2023, 2, 17, 14, 45, 0, 0, hn)
	tests := []struct {
		name, lang                        string
		weekdayDate, date, long, dateTime string
	}{
		{"Vietnamese", "vi", "Thứ Sáu, 17/02/2023", "17/02/2023", "Thứ Sáu, ngày 17 tháng 2 năm 2023", "Thứ Sáu, 17/02/2023 14:45"},
		{"English", "en", "Friday, 17 February 2023", "17 February 2023", "Friday, 17 February 2023", "Friday, 17 February 2023, 14:45"},
		{"English of Britain", "en-GB", "Friday, 17 February 2023", "17 February 2023", "Friday, 17 February 2023", "Friday, 17 February 2023, 14:45"},
		{"Ê Đê is written the Vietnamese way", "rad", "Thứ Sáu, 17/02/2023", "17/02/2023", "Thứ Sáu, ngày 17 tháng 2 năm 2023", "Thứ Sáu, 17/02/2023 14:45"},
		{"Khmer is written the Vietnamese way", "km", "Thứ Sáu, 17/02/2023", "17/02/2023", "Thứ Sáu, ngày 17 tháng 2 năm 2023", "Thứ Sáu, 17/02/2023 14:45"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := For(tt.lang)
			for _, c := range []struct{ what, got, want string }{
				{"WeekdayDate", l.WeekdayDate(when), tt.weekdayDate},
				{"Date", l.Date(when), tt.date},
				{"LongDate", l.LongDate(when), tt.long},
				{"DateTime", l.DateTime(when), tt.dateTime},
				{"Time", l.Time(when), "14:45"},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
	if got := (Locale{}).Date(when); got != "17/02/2023" {
		t.Errorf("the zero Locale writes %q, want Vietnamese", got)
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		name, lang                       string
		num, integer, percent, size, neg string
	}{
		{"Vietnamese", "vi", "1.234,5", "1.234.567", "79,4%", "2,3 MB", "-1.234,50"},
		{"English", "en", "1,234.5", "1,234,567", "79.4%", "2.3 MB", "-1,234.50"},
		{"Jrai", "jra", "1.234,5", "1.234.567", "79,4%", "2,3 MB", "-1.234,50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := For(tt.lang)
			for _, c := range []struct{ what, got, want string }{
				{"Number", l.Number(1234.5, 1), tt.num},
				{"Int", l.Int(1234567), tt.integer},
				{"Percent", l.Percent(79.44, 1), tt.percent},
				{"ByteSize", l.ByteSize(2411724), tt.size},
				{"negative", l.Number(-1234.5, 2), tt.neg},
			} {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"Vietnamese as vi.Slugify", "Đắk Lắk: Hội nghị", "dak-lak-hoi-nghi"},
		{"Ê Đê letters with a breve", "ĕ ŏ ŭ ơ̆", "e-o-u-o"},
		{"Ê Đê title", "Klei bi mtă kơ hdră bruă ƀuôn sang", "klei-bi-mta-ko-hdra-brua-buon-sang"},
		{"Ê Đê ơ̆ written decomposed", norm.NFD.String("Mnuih ơ̆"), "mnuih-o"},
		{"Bahnar ŏ and ĭ", "Pơlei Kŏn Tum hĭ", "polei-kon-tum-hi"},
		{"Jrai with ư̆", "Tơlơi hơdôm ư̆", "toloi-hodom-u"},
		{"H'Mông apostrophe", "Lus H'Moob", "lus-h-moob"},
		{"Khmer keeps its letters", "ព័ត៌មាន", "ព័ត៌មាន"},
		{"Khmer words", "ព័ត៌មាន ថ្មី", "ព័ត៌មាន-ថ្មី"},
		{"Khmer with a year", "ព័ត៌មាន ២០២៥ 2025", "ព័ត៌មាន-២០២៥-2025"},
		{"Khmer beside Vietnamese", "Tin tức ព័ត៌មាន", "tin-tuc-ព័ត៌មាន"},
		{"Khmer punctuation separates", "ថ្មី។ព័ត៌មាន", "ថ្មី-ព័ត៌មាន"},
		{"Chăm script", "ꨌꩌ ꨌꩌ", "ꨌꩌ-ꨌꩌ"},
		{"Cyrillic is lower-cased", "Новости", "новости"},
		{"Han as vi.Slugify would drop it", "越南", "越南"},
		{"empty", "", ""},
		{"only punctuation", " -–— ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Slug(tt.in)
			if got != tt.want {
				t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Slug(got); again != got {
				t.Errorf("Slug(%q) = %q, not a fixed point", got, again)
			}
		})
	}
}

func TestSlugOfLatinIsViSlugify(t *testing.T) {
	for _, s := range []string{"Bình đẳng giới", "Straße København", "a---b", "Quyết định số 15/QĐ-UBND", "\xff x"} {
		if got, want := Slug(s), vi.Slugify(s); got != want {
			t.Errorf("Slug(%q) = %q, vi.Slugify = %q", s, got, want)
		}
	}
}

func TestShortenNeverCutsALetter(t *testing.T) {
	s := Slug("ព័ត៌មានថ្មីពីខេត្ត")
	for max := 1; max <= len(s)+1; max++ {
		got := Shorten(s, max)
		if !utf8.ValidString(got) || len(got) > max {
			t.Fatalf("Shorten(%q, %d) = %q", s, max, got)
		}
	}
	if got := Shorten("hoi-nghi-tong-ket-cong-tac", 20); got != "hoi-nghi-tong-ket" {
		t.Errorf("Shorten Vietnamese = %q", got)
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"", "Đắk Lắk", "ព័ត៌មាន ថ្មី", "ơ̆", "\u17b6ក", "a\u200bក", "越南 Nam"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slug(s)
		if again := Slug(got); again != got {
			t.Fatalf("Slug(%q) = %q, then %q", s, got, again)
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slug(%q) = %q: stray hyphen", s, got)
		}
		if strings.ContainsAny(got, " /?#%") {
			t.Fatalf("Slug(%q) = %q: a character an address cannot hold", s, got)
		}
	})
}
