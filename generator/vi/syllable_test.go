package vi

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Every Vietnamese letter with every tone, lower and upper case.
const (
	viLower = "aàáảãạ ăằắẳẵặ âầấẩẫậ b c dđ eèéẻẽẹ êềếểễệ g h iìíỉĩị k l m n oòóỏõọ ôồốổỗộ ơờớởỡợ p q r s t uùúủũụ ưừứửữự v x yỳýỷỹỵ"
	viFold  = "aaaaaa aaaaaa aaaaaa b c dd eeeeee eeeeee g h iiiiii k l m n oooooo oooooo oooooo p q r s t uuuuuu uuuuuu v x yyyyyy"
)

func TestSyllablesSplit(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"spaces", "bạo lực gia đình", "bạo|lực|gia|đình"},
		{"punctuation", "Đường dây nóng: 111! (miễn phí)", "Đường|dây|nóng|111|miễn|phí"},
		{"number with dots", "3.352 người", "3|352|người"},
		{"hyphen and slash", "COVID-19/2021", "COVID|19|2021"},
		{"quotes and dashes", "“Bình đẳng giới” – nay", "Bình|đẳng|giới|nay"},
		{"nbsp and tabs", "a\u00a0b\tc\n", "a|b|c"},
		{"empty", " , ", ""},
		{"every letter lower", viLower, strings.ReplaceAll(viLower, " ", "|")},
		{"every letter upper", strings.ToUpper(viLower), strings.ReplaceAll(strings.ToUpper(viLower), " ", "|")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(Syllables(tt.in), "|")
			if got != tt.want {
				t.Errorf("Syllables(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// A syllable typed in NFD (as some keyboards send it) splits as one.
func TestSyllablesNFD(t *testing.T) {
	nfd := "đu\u031bo\u031b\u0300ng da\u0302y"
	if got := Syllables(nfd); len(got) != 2 {
		t.Fatalf("Syllables(NFD) = %q, want 2 syllables", got)
	}
}

func TestFoldEveryLetter(t *testing.T) {
	for _, in := range []string{viLower, strings.ToUpper(viLower)} {
		got := make([]string, 0)
		for _, s := range Syllables(in) {
			got = append(got, Fold(s))
		}
		if want := strings.Fields(viFold); !slices.Equal(got, want) {
			t.Errorf("fold of %q:\n got %q\nwant %q", in, got, want)
		}
	}
	for _, tt := range [][2]string{{"Bạo Lực Gia Đình", "bao luc gia dinh"}, {"ĐƯỜNG DÂY NÓNG", "duong day nong"}} {
		if got := Fold(tt[0]); got != tt[1] {
			t.Errorf("Fold(%q) = %q, want %q", tt[0], got, tt[1])
		}
	}
}

// TestIsLatinLetter: the quick answer agrees with unicode.IsLetter on
// every character it says yes to.
func TestIsLatinLetter(t *testing.T) {
	for r := rune(0); r <= 0x2FFF; r++ {
		if IsLatinLetter(r) && !unicode.IsLetter(r) {
			t.Errorf("IsLatinLetter(%U) but it is no letter", r)
		}
	}
	for _, r := range "ăâđêôơưạếữỹĐƯ" {
		if !IsLatinLetter(r) {
			t.Errorf("IsLatinLetter(%q) = false", r)
		}
	}
}

// syllablesBefore is Syllables as it was written before NextSyllable, one
// loop over the runes: NextSyllable must split every text as it did.
func syllablesBefore(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		in := r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || start >= 0 && unicode.Is(unicode.Mn, r))
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// Every character up to U+2FFF and the ends of its encoding, between
// letters, after a space and alone, splits as before: letters, digits,
// marks, punctuation, and bytes that are no UTF-8.
func TestSyllablesEveryRune(t *testing.T) {
	for r := rune(0); r <= 0x2FFF; r++ {
		c := string(r)
		for _, in := range []string{c, " " + c + "a", "a" + c + "b", "ạ" + c, c[:len(c)-1], "x" + c[1:] + "y", "ư" + c[:len(c)-1]} {
			if got, want := Syllables(in), syllablesBefore(in); !slices.Equal(got, want) {
				t.Fatalf("Syllables(%+q) = %q, want %q", in, got, want)
			}
		}
	}
}

func FuzzSyllables(f *testing.F) {
	for _, s := range []string{viLower, "Đường dây nóng: 111! (miễn phí)", "“Bình đẳng giới” – nay", "đu\u031bo\u031b\u0300ng", "\u0301a\xe1\xbb", "\xed\xa0\x80ạ\xe0\x80\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Syllables(s), syllablesBefore(s); !slices.Equal(got, want) {
			t.Fatalf("Syllables(%+q) = %q, want %q", s, got, want)
		}
	})
}
