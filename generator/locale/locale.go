// Package locale writes what a page shows in its own language: dates,
// numbers and sizes, and the slugs of its addresses in any script. It is
// level 1 of Loa's pipeline, beside vi: Vietnamese stays vi's, and every
// language other than English (Ê Đê, Jrai, Bahnar, H'Mông, Khmer, Chăm are
// read in Vietnam, by readers used to Vietnamese dates and numbers) is
// written the Vietnamese way; English is written here.
//
// It imports vi and golang.org/x/text; nothing else of Loa.
package locale

import (
	"strconv"
	"strings"
	"time"

	"loa/generator/vi"
)

// Locale writes dates and numbers as one language does. The zero value
// writes Vietnamese.
type Locale struct {
	lang    string
	english bool
}

// For returns the locale of a language key or code such as "vi", "en",
// "en-GB" or "km". English is recognised by its primary subtag; every other
// language is written as Vietnamese.
func For(lang string) Locale {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	primary, _, _ = strings.Cut(primary, "_")
	return Locale{lang: lang, english: primary == "en"}
}

// Lang is the language the locale was made for.
func (l Locale) Lang() string { return l.lang }

// Weekday is the name of t's weekday: "Thứ Sáu", "Friday".
func (l Locale) Weekday(t time.Time) string {
	if l.english {
		return t.Weekday().String()
	}
	return vi.Weekday(t)
}

// Date is t's day: "17/02/2023", "17 February 2023".
func (l Locale) Date(t time.Time) string {
	if l.english {
		return strconv.Itoa(t.Day()) + " " + t.Month().String() + " " + strconv.Itoa(t.Year())
	}
	return vi.Date(t)
}

// WeekdayDate is the weekday and the day, as a dateline without the time:
// "Thứ Sáu, 17/02/2023", "Friday, 17 February 2023".
func (l Locale) WeekdayDate(t time.Time) string {
	return l.Weekday(t) + ", " + l.Date(t)
}

// LongDate is the date as running text writes it: "Thứ Sáu, ngày 17 tháng 2
// năm 2023", "Friday, 17 February 2023".
func (l Locale) LongDate(t time.Time) string {
	if l.english {
		return l.WeekdayDate(t)
	}
	return vi.LongDate(t)
}

// DateTime is the dateline of an article: "Thứ Sáu, 17/02/2023 14:45",
// "Friday, 17 February 2023, 14:45".
func (l Locale) DateTime(t time.Time) string {
	if l.english {
		return l.WeekdayDate(t) + ", " + vi.Time(t)
	}
	return vi.DateTime(t)
}

// Time is the 24-hour time, "14:45", in both.
func (l Locale) Time(t time.Time) string { return vi.Time(t) }

// Int is a whole number with its thousands grouped: "1.234", "1,234".
func (l Locale) Int(n int64) string { return l.marks(vi.Int(n)) }

// Number is x with exactly decimals digits after the decimal mark:
// "1.234,5", "1,234.5".
func (l Locale) Number(x float64, decimals int) string { return l.marks(vi.Number(x, decimals)) }

// Percent is Number followed by "%": "79,4%", "79.4%".
func (l Locale) Percent(x float64, decimals int) string { return l.marks(vi.Percent(x, decimals)) }

// ByteSize is a size in 1024-based units: "2,3 MB", "2.3 MB".
func (l Locale) ByteSize(n int64) string { return l.marks(vi.ByteSize(n)) }

// marks swaps the decimal comma and the grouping dot of vi's numbers for
// English, which writes them the other way round; the digits, rounding and
// units are the same.
func (l Locale) marks(s string) string {
	if !l.english {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '.':
			return ','
		case ',':
			return '.'
		}
		return r
	}, s)
}
