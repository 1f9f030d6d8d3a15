package vi

import (
	"math"
	"testing"
)

func TestInt(t *testing.T) {
	tests := []struct {
		name string
		in   int64
		want string
	}{
		{"zero", 0, "0"},
		{"three digits", 999, "999"},
		{"thousand", 1234, "1.234"},
		{"million", 1234567, "1.234.567"},
		{"exact thousands", 1000000, "1.000.000"},
		{"negative small", -5, "-5"},
		{"negative thousands", -1234567, "-1.234.567"},
		{"population of Vietnam", 100_300_000, "100.300.000"},
		{"largest", math.MaxInt64, "9.223.372.036.854.775.807"},
		{"smallest", math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Int(tt.in); got != tt.want {
				t.Errorf("Int(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		name     string
		x        float64
		decimals int
		want     string
	}{
		{"one decimal", 79.4, 1, "79,4"},
		{"half rounds up", 1234.5, 0, "1.235"},
		{"two decimals", 1234.567, 2, "1.234,57"},
		{"zero point five", 0.5, 0, "1"},
		{"two point five rounds away from zero", 2.5, 0, "3"},
		{"negative half rounds away from zero", -2.5, 0, "-3"},
		{"typed decimal 1.005", 1.005, 2, "1,01"},
		{"typed decimal 79.45", 79.45, 1, "79,5"},
		{"below half rounds down", 1.449, 1, "1,4"},
		{"carry through nines", 999.96, 1, "1.000,0"},
		{"carry into new digit", 999999.5, 0, "1.000.000"},
		{"pads decimals", 3, 2, "3,00"},
		{"zero", 0, 0, "0"},
		{"zero with decimals", 0, 2, "0,00"},
		{"negative zero", math.Copysign(0, -1), 0, "0"},
		{"negative rounds to zero", -0.004, 2, "0,00"},
		{"negative", -1234.5678, 2, "-1.234,57"},
		{"small fraction", 0.0625, 3, "0,063"},
		{"negative decimals treated as zero", 12.6, -1, "13"},
		{"large", 12345678901.25, 1, "12.345.678.901,3"},
		{"very large", 1e21, 0, "1.000.000.000.000.000.000.000"},
		{"NaN", math.NaN(), 1, "NaN"},
		{"infinity", math.Inf(1), 1, "∞"},
		{"negative infinity", math.Inf(-1), 1, "-∞"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Number(tt.x, tt.decimals); got != tt.want {
				t.Errorf("Number(%v, %d) = %q, want %q", tt.x, tt.decimals, got, tt.want)
			}
		})
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		x        float64
		decimals int
		want     string
	}{
		{79.4, 1, "79,4%"},
		{100, 0, "100%"},
		{33.333, 2, "33,33%"},
		{-1.25, 1, "-1,3%"},
	}
	for _, tt := range tests {
		if got := Percent(tt.x, tt.decimals); got != tt.want {
			t.Errorf("Percent(%v, %d) = %q, want %q", tt.x, tt.decimals, got, tt.want)
		}
	}
}

func TestByteSize(t *testing.T) {
	tests := []struct {
		name string
		in   int64
		want string
	}{
		{"zero", 0, "0 B"},
		{"bytes", 512, "512 B"},
		{"largest in bytes", 1023, "1.023 B"},
		{"one kilobyte", 1024, "1,0 KB"},
		{"kilobyte and a half", 1536, "1,5 KB"},
		{"photo", 2411724, "2,3 MB"},
		{"rounds up into the next unit", 1024*1024 - 1, "1,0 MB"},
		{"largest in kilobytes", 1023 * 1024, "1.023,0 KB"},
		{"gigabytes", 5 * 1024 * 1024 * 1024, "5,0 GB"},
		{"terabytes", 3 << 40, "3,0 TB"},
		{"largest", math.MaxInt64, "8,0 EB"},
		{"negative", -1536, "-1,5 KB"},
		{"smallest", math.MinInt64, "-8,0 EB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ByteSize(tt.in); got != tt.want {
				t.Errorf("ByteSize(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
