package vi

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters lists every letter of the Vietnamese alphabet, lower and
// upper case, each vowel with no tone and then huyền, sắc, hỏi, ngã, nặng,
// all precomposed (NFC), with the ASCII letter its slug must be.
var vietnameseLetters = []struct {
	base    string
	letters string
}{
	{"a", "aàáảãạ AÀÁẢÃẠ ăằắẳẵặ ĂẰẮẲẴẶ âầấẩẫậ ÂẦẤẨẪẬ"},
	{"e", "eèéẻẽẹ EÈÉẺẼẸ êềếểễệ ÊỀẾỂỄỆ"},
	{"i", "iìíỉĩị IÌÍỈĨỊ"},
	{"o", "oòóỏõọ OÒÓỎÕỌ ôồốổỗộ ÔỒỐỔỖỘ ơờớởỡợ ƠỜỚỞỠỢ"},
	{"u", "uùúủũụ UÙÚỦŨỤ ưừứửữự ƯỪỨỬỮỰ"},
	{"y", "yỳýỷỹỵ YỲÝỶỸỴ"},
	{"b", "bB"}, {"c", "cC"}, {"d", "dD"}, {"d", "đĐ"}, {"g", "gG"},
	{"h", "hH"}, {"k", "kK"}, {"l", "lL"}, {"m", "mM"}, {"n", "nN"},
	{"p", "pP"}, {"q", "qQ"}, {"r", "rR"}, {"s", "sS"}, {"t", "tT"},
	{"v", "vV"}, {"x", "xX"},
}

func TestSlugifyEveryVietnameseLetter(t *testing.T) {
	count := 0
	for _, tt := range vietnameseLetters {
		for _, r := range strings.ReplaceAll(tt.letters, " ", "") {
			count++
			letter := string(r)
			if !norm.NFC.IsNormalString(letter) {
				t.Fatalf("test table: %q is not NFC", letter)
			}
			if got := Slugify(letter); got != tt.base {
				t.Errorf("Slugify(%q) = %q, want %q", letter, got, tt.base)
			}
			nfd := norm.NFD.String(letter)
			if got := Slugify(nfd); got != tt.base {
				t.Errorf("Slugify(NFD %+q) = %q, want %q", nfd, got, tt.base)
			}
			if got := Fold(letter); got != tt.base {
				t.Errorf("Fold(%q) = %q, want %q", letter, got, tt.base)
			}
		}
	}
	// 12 vowels × 6 tones + 17 consonants, in two cases.
	if want := 2 * (12*6 + 17); count != want {
		t.Errorf("test table has %d letters, want %d", count, want)
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"province with colon", "Đắk Lắk: Hội nghị", "dak-lak-hoi-nghi"},
		{"đ inside a word", "Bình đẳng giới", "binh-dang-gioi"},
		{"acronym and year", "Ban VSTBCPN tỉnh triển khai nhiệm vụ năm 2023", "ban-vstbcpn-tinh-trien-khai-nhiem-vu-nam-2023"},
		{"already a slug", "dak-lak-2023", "dak-lak-2023"},
		{"ascii with capitals", "Hello World", "hello-world"},
		{"punctuation runs", "Thông báo!!! -- (khẩn)...", "thong-bao-khan"},
		{"leading and trailing punctuation", "  «Tin mới»  ", "tin-moi"},
		{"hyphens collapse", "a---b", "a-b"},
		{"underscore and slash", "năm_2023/quý-1", "nam-2023-quy-1"},
		{"tabs and newlines", "Hà\tNội\nSài Gòn", "ha-noi-sai-gon"},
		{"empty", "", ""},
		{"only punctuation", " -–—!?.,;:()[]/ ", ""},
		{"only Han characters", "越南", ""},
		{"Han between words", "Việt 越 Nam", "viet-nam"},
		{"French accents", "Café crème à la française", "cafe-creme-a-la-francaise"},
		{"Spanish ñ", "Año Nuevo en España", "ano-nuevo-en-espana"},
		{"Danish ø by table", "København Ø", "kobenhavn-o"},
		{"German ß", "Straße", "strasse"},
		{"Ê Đê ƀ with a stroke", "Ƀuôn Ma Thuột ƀuôn", "buon-ma-thuot-buon"},
		{"ligature decomposes", "ﬁnal", "final"},
		{"fullwidth letters", "Ｈà Ｎội", "ha-noi"},
		{"invalid UTF-8 separates", "Hà\xffNội", "ha-noi"},
		{"lone combining mark", "\u0301Hà", "ha"},
		{"mark after hyphen", "a-\u0301b", "a-b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slugify(tt.in); got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSlugifyNFDGivesSameSlugAsNFC(t *testing.T) {
	for _, s := range []string{
		"Đắk Lắk: Hội nghị",
		"Tiếng Việt có dấu: ằ ẳ ẵ ặ ổ ỡ ự",
		"Quyết định số 15/QĐ-UBND",
	} {
		nfc, nfd := norm.NFC.String(s), norm.NFD.String(s)
		if nfc == nfd {
			t.Fatalf("test input %q has nothing to decompose", s)
		}
		if Slugify(nfd) != Slugify(nfc) {
			t.Errorf("Slugify(NFD) = %q, Slugify(NFC) = %q", Slugify(nfd), Slugify(nfc))
		}
		// Half decomposed, as text pasted from different sources can be.
		mid := len(nfc) / 2
		for !utf8.RuneStart(nfc[mid]) {
			mid++
		}
		mixed := nfc[:mid] + norm.NFD.String(nfc[mid:])
		if Slugify(mixed) != Slugify(nfc) {
			t.Errorf("Slugify(mixed %+q) = %q, want %q", mixed, Slugify(mixed), Slugify(nfc))
		}
	}
}

func TestSlugTablesMatchDecomposition(t *testing.T) {
	ranges := [][2]rune{{latinFirst, latinLast}, {vietFirst, vietLast}}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			// Write after a letter, so that separators show: ŀ decomposes
			// to l and a middle dot, "aŀa" is "al-a", and ŀ cannot be in
			// the table.
			var b strings.Builder
			b.WriteString("a")
			w := slugWriter{b: &b}
			eachRune(norm.NFKD, string(r), r, w.rune)
			general := b.String()[1:]
			if w.sep {
				general += "-"
			}
			got := tableSlug(r)
			switch {
			case got != 0 && string(got) != general:
				t.Errorf("table: %U %c → %q, decomposition → %q", r, r, got, general)
			case got == 0 && len(general) == 1 && general != "-":
				t.Errorf("table: %U %c missing, decomposition → %q", r, r, general)
			}
		}
	}
}

func TestSlugifyAlreadySlugDoesNotAllocate(t *testing.T) {
	s := "ban-vstbcpn-tinh-2023"
	if n := testing.AllocsPerRun(100, func() { _ = Slugify(s) }); n != 0 {
		t.Errorf("Slugify(%q) allocates %v times, want 0", s, n)
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"keeps spaces and punctuation", "Bình Đẳng Giới!", "binh dang gioi!"},
		{"ascii lowercased", "Hà NỘI, Việt Nam.", "ha noi, viet nam."},
		{"plain ascii unchanged", "ha noi", "ha noi"},
		{"NFD input", norm.NFD.String("Đắk Lắk"), "dak lak"},
		{"other scripts kept", "Việt 越南 Ελλάδα", "viet 越南 ελλαδα"},
		{"invalid UTF-8 replaced", "Hà\xffNội", "ha\ufffdnoi"},
		{"invalid bytes do not join across a dropped mark", "\xcc\u0317\x97", "\ufffd\ufffd"},
		{"Hangul jamo compose", "\u1104\u1166\u11c2", "\ub5d7"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNFC(t *testing.T) {
	const nfd = "Tie\u0302\u0301ng Vie\u0323\u0302t" // e + circumflex + acute, e + dot below + circumflex
	const want = "Tiếng Việt"
	if nfd == want {
		t.Fatal("test input is not decomposed")
	}
	if got := NFC(nfd); got != want {
		t.Errorf("NFC(%+q) = %+q, want %+q", nfd, got, want)
	}
	if got := NFCBytes([]byte(nfd)); string(got) != want {
		t.Errorf("NFCBytes(%+q) = %+q, want %+q", nfd, got, want)
	}
}

func TestNFCAlreadyNormalReturnsInput(t *testing.T) {
	for _, s := range []string{"", "ascii only", "Tiếng Việt", "Đắk Lắk", benchNews} {
		if got := NFC(s); got != s || (s != "" && unsafe.StringData(got) != unsafe.StringData(s)) {
			t.Errorf("NFC(%q) did not return its input", s)
		}
		if n := testing.AllocsPerRun(100, func() { _ = NFC(s) }); n != 0 {
			t.Errorf("NFC(%q) allocates %v times, want 0", s, n)
		}
		b := []byte(s)
		if got := NFCBytes(b); !bytes.Equal(got, b) || (len(b) > 0 && &got[0] != &b[0]) {
			t.Errorf("NFCBytes(%q) did not return its input", s)
		}
		if n := testing.AllocsPerRun(100, func() { _ = NFCBytes(b) }); n != 0 {
			t.Errorf("NFCBytes(%q) allocates %v times, want 0", s, n)
		}
	}
}

// ValidNFCBytes finds the first byte that is not UTF-8 wherever it is,
// after precomposed Vietnamese, ASCII or other text, and composes valid
// text as NFCBytes does.
func TestValidNFCBytes(t *testing.T) {
	tests := []struct {
		name, in, want string
		bad            int
	}{
		{"Vietnamese", "Tiếng Việt", "Tiếng Việt", -1},
		{"decomposed", "Tie\u0302\u0301ng Vie\u0323\u0302t", "Tiếng Việt", -1},
		{"empty", "", "", -1},
		{"bad byte after Vietnamese", "Đắk Lắk \xff rồi", "", len("Đắk Lắk ")},
		{"bad byte in ASCII", "abc\x80", "", 3},
		{"bad byte after a CJK character", "越\xc3", "", len("越")},
		{"cut character at the end", "Hà N\xe1\xbb", "", len("Hà N")},
		{"Latin-1 byte of an old file", "Vi\xeat Nam", "", 2},
		{"surrogate", "a\xed\xa0\x80", "", 1},
	}
	for _, tc := range tests {
		got, bad := ValidNFCBytes([]byte(tc.in))
		if bad != tc.bad {
			t.Errorf("%s: first bad byte at %d, want %d", tc.name, bad, tc.bad)
		}
		if bad < 0 && string(got) != tc.want {
			t.Errorf("%s: %+q, want %+q", tc.name, got, tc.want)
		}
		if utf8.ValidString(tc.in) != (bad < 0) {
			t.Errorf("%s: bad at %d, but utf8.ValidString says %v", tc.name, bad, utf8.ValidString(tc.in))
		}
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{
		"", "-", "Đắk Lắk: Hội nghị", "Bình đẳng giới", norm.NFD.String("Tiếng Việt"),
		"a--b", "--a--", "\xff\xfe", "ﬁ ß Ø", "越南", "\u0301", "A\u0301-",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		for i := 0; i < len(got); i++ {
			c := got[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				t.Fatalf("Slugify(%q) = %q: byte %q not in [a-z0-9-]", s, got, c)
			}
		}
		if strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("Slugify(%q) = %q: stray hyphen", s, got)
		}
		if again := Slugify(got); again != got {
			t.Fatalf("Slugify(%q) = %q, but Slugify of that = %q", s, got, again)
		}
		if utf8.ValidString(s) {
			if nfd := Slugify(norm.NFD.String(s)); nfd != got {
				t.Fatalf("Slugify(%q) = %q, but of its NFD = %q", s, got, nfd)
			}
		}
	})
}

func FuzzNFC(f *testing.F) {
	for _, s := range []string{"", "Tiếng Việt", norm.NFD.String("Tiếng Việt"), "\xff", "a\u0323\u0302", "\u0302\u0323"} {
		f.Add(s)
	}
	for _, tt := range nfcCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkNFC(t, s)
		checkStablePrefix(t, s)
		got := NFC(s)
		if again := NFC(got); again != got {
			t.Fatalf("NFC not idempotent on %+q: %+q then %+q", s, got, again)
		}
		if b := NFCBytes([]byte(s)); string(b) != got {
			t.Fatalf("NFCBytes(%+q) = %+q, NFC = %+q", s, b, got)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Bình Đẳng Giới!", norm.NFD.String("Tiếng Việt"), "\xff", "İ Å ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent on %+q: %+q then %+q", s, got, again)
		}
		if utf8.ValidString(s) {
			if nfd := Fold(norm.NFD.String(s)); nfd != got {
				t.Fatalf("Fold(%+q) = %+q, but of its NFD = %+q", s, got, nfd)
			}
		}
	})
}

func BenchmarkSlugify(b *testing.B) {
	const heading = "Ban Vì sự tiến bộ của phụ nữ tỉnh Đắk Lắk triển khai nhiệm vụ năm 2023"
	b.ReportAllocs()
	for b.Loop() {
		_ = Slugify(heading)
	}
}
