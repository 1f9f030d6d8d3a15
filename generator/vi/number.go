package vi

import (
	"math"
	"strconv"
	"strings"
)

// Int formats n with '.' between groups of thousands and a leading '-' when
// negative: 1234567 → "1.234.567", -5 → "-5".
func Int(n int64) string {
	u := uint64(n)
	if n < 0 {
		u = -u // two's complement, so math.MinInt64 works too
	}
	s := group(strconv.FormatUint(u, 10))
	if n < 0 {
		return "-" + s
	}
	return s
}

// Number formats x with a decimal comma, '.' between groups of thousands and
// exactly decimals digits after the comma (none when decimals <= 0), rounded
// half away from zero: (1234.567, 2) → "1.234,57", (0.5, 0) → "1".
//
// Rounding works on the shortest decimal that reads back as x (what
// strconv prints and what the author typed), not on the exact binary value,
// so 1.005 rounds to "1,01" as a reader expects. A result that is zero never
// has a minus sign. NaN prints "NaN" and infinities "∞" and "-∞".
func Number(x float64, decimals int) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "-∞"
	}
	decimals = max(decimals, 0)
	neg := math.Signbit(x)
	intPart, frac, _ := strings.Cut(strconv.FormatFloat(math.Abs(x), 'f', -1, 64), ".")

	roundUp := false
	if len(frac) > decimals {
		roundUp = frac[decimals] >= '5'
		frac = frac[:decimals]
	} else {
		frac += strings.Repeat("0", decimals-len(frac))
	}
	digits := []byte(intPart + frac)
	if roundUp {
		digits = increment(digits)
	}
	if allZero(digits) {
		neg = false
	}

	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(group(string(digits[:len(digits)-decimals])))
	if decimals > 0 {
		b.WriteByte(',')
		b.Write(digits[len(digits)-decimals:])
	}
	return b.String()
}

// Percent is [Number] followed by "%": (79.4, 1) → "79,4%".
func Percent(x float64, decimals int) string {
	return Number(x, decimals) + "%"
}

// byteUnits are the 1024-based units after bytes. Never written.
var byteUnits = [...]string{"KB", "MB", "GB", "TB", "PB", "EB"}

// ByteSize formats a size in bytes with 1024-based units: whole bytes below
// 1024 ("512 B"), otherwise one decimal in the largest unit that keeps the
// value below 1024 after rounding: 1536 → "1,5 KB", 2411724 → "2,3 MB".
func ByteSize(n int64) string {
	u := uint64(n)
	sign := ""
	if n < 0 {
		u = -u
		sign = "-"
	}
	if u < 1024 {
		return sign + group(strconv.FormatUint(u, 10)) + " B"
	}
	v, i := float64(u)/1024, 0
	// Move up while the value would print as 1.024,0 or more: 1023,96 KB
	// reads better as "1,0 MB".
	for i < len(byteUnits)-1 && (v >= 1024 || Number(v, 1) == "1.024,0") {
		v /= 1024
		i++
	}
	return sign + Number(v, 1) + " " + byteUnits[i]
}

// group puts '.' between groups of three digits, counted from the right.
func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte('.')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// increment adds one to a decimal digit string, growing it on overflow.
func increment(digits []byte) []byte {
	for i := len(digits) - 1; i >= 0; i-- {
		if digits[i] != '9' {
			digits[i]++
			return digits
		}
		digits[i] = '0'
	}
	return append([]byte{'1'}, digits...)
}

func allZero(digits []byte) bool {
	for _, c := range digits {
		if c != '0' {
			return false
		}
	}
	return true
}
