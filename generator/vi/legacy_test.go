package vi

import (
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// viToned is every Vietnamese letter that is not ASCII, lower case: the 60
// toned vowels, ă â ê ô ơ ư, and đ. With their capitals, 134 letters.
func viToned() []rune {
	var out []rune
	for _, r := range viLower {
		if r > unicode.MaxASCII {
			out = append(out, r)
		}
	}
	return out
}

func TestEveryLetterCounted(t *testing.T) {
	if n := 2 * len(viToned()); n != 134 {
		t.Fatalf("%d letters, want 134", n)
	}
}

// tcvn3Chart is the published TCVN3 (VN3) chart, typed in here by code
// point, one row per vowel: the letter with no tone, huyền, sắc, hỏi, ngã,
// nặng. 0 is a letter TCVN3 writes as plain ASCII.
func tcvn3Chart() map[string][6]byte {
	return map[string][6]byte{
		"a": {0, 0xB5, 0xB8, 0xB6, 0xB7, 0xB9}, "ă": {0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6},
		"â": {0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB}, "e": {0, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1},
		"ê": {0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6}, "i": {0, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE},
		"o": {0, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4}, "ô": {0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9},
		"ơ": {0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE}, "u": {0, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4},
		"ư": {0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9}, "y": {0, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE},
	}
}

// tcvn3Capitals are the only capitals TCVN3 has; the others are typed in
// the upper-case fonts (.VnTimeH) with the lower-case code points.
func tcvn3Capitals() map[rune]byte {
	return map[rune]byte{'Ă': 0xA1, 'Â': 0xA2, 'Ê': 0xA3, 'Ô': 0xA4, 'Ơ': 0xA5, 'Ư': 0xA6, 'Đ': 0xA7, 'đ': 0xAE}
}

// encodeTCVN3 writes s as a .VnTime document stores it; capitals with a
// tone come out lower case, as typists' keyboards gave them.
func encodeTCVN3(s string) string {
	chart, capitals := tcvn3Chart(), tcvn3Capitals()
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if c, ok := capitals[r]; ok {
			b.WriteRune(rune(c))
			continue
		}
		base, tone, ok := splitByNFD(unicode.ToLower(r))
		if !ok {
			b.WriteRune(r)
			continue
		}
		code := chart[base][tone]
		if code == 0 {
			b.WriteRune(r)
			continue
		}
		b.WriteRune(rune(code))
	}
	return b.String()
}

// splitByNFD takes a lowercase vowel apart with the Unicode decomposition
// (not the package's table): "ế" → "ê", sắc.
func splitByNFD(r rune) (base string, tone int, ok bool) {
	tones := map[rune]int{0x300: 1, 0x301: 2, 0x309: 3, 0x303: 4, 0x323: 5}
	d := []rune(norm.NFD.String(string(r)))
	if !strings.ContainsRune("aeiouy", d[0]) {
		return "", 0, false
	}
	var rest []rune
	for _, m := range d {
		if tn, ok := tones[m]; ok {
			tone = tn
		} else {
			rest = append(rest, m)
		}
	}
	return norm.NFC.String(string(rest)), tone, true
}

// encodeVNI writes s as typed in a VNI font, built from the published VNI
// chart: the vowel, then its circumflex or breve combined with the tone, or
// the tone alone; i with a tone, ỵ, đ, ơ, ư are one character each.
func encodeVNI(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		lower := unicode.ToLower(r)
		var out string
		switch base, tone, ok := splitByNFD(lower); {
		case lower == 'đ':
			out = "ñ"
		case !ok:
			out = string(r)
		case base == "i" && tone > 0:
			out = string([]rune("ìíæóò")[tone-1])
		case base == "y" && tone == 5:
			out = "î"
		case base == "ơ" || base == "ư":
			out = map[string]string{"ơ": "ô", "ư": "ö"}[base] + vniToneMark(tone)
		case base == "â" || base == "ê" || base == "ô":
			out = string(norm.NFD.String(base)[0]) + string([]rune("âàáåãä")[tone])
		case base == "ă":
			out = "a" + string([]rune("êèéúüë")[tone])
		default:
			out = base + vniToneMark(tone)
		}
		if lower != r {
			out = strings.ToUpper(out)
		}
		b.WriteString(out)
	}
	return b.String()
}

func vniToneMark(tone int) string {
	if tone == 0 {
		return ""
	}
	return string([]rune("øùûõï")[tone-1])
}

// readAs1252 reads bytes as Windows-1252, as Word and browsers do for a
// legacy font's text; undefined bytes become their C1 control.
func readAs1252(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		r := charmap.Windows1252.DecodeByte(c)
		if r == unicode.ReplacementChar {
			r = rune(c)
		}
		s.WriteRune(r)
	}
	return s.String()
}

// encodeVISCII writes s in VISCII read as Windows-1252, from the chart
// glibc's iconv made (testdata/legacy/make.sh).
func encodeVISCII(t *testing.T, s string) string {
	t.Helper()
	letters, bytes := readLegacyFixture(t, "viscii")
	enc := map[rune]rune{}
	for i, r := range letters {
		enc[r] = []rune(readAs1252(bytes[i : i+1]))[0]
	}
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		if c, ok := enc[r]; ok {
			r = c
		}
		b.WriteRune(r)
	}
	return b.String()
}

func readLegacyFixture(t *testing.T, name string) ([]rune, []byte) {
	t.Helper()
	txt, err := os.ReadFile("testdata/legacy/" + name + ".utf8.txt")
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile("testdata/legacy/" + name + ".bin")
	if err != nil {
		t.Fatal(err)
	}
	letters := []rune(strings.TrimSuffix(string(txt), "\n"))
	bin = []byte(strings.TrimSuffix(string(bin), "\n"))
	if len(letters) != len(bin) {
		t.Fatalf("%s: %d letters, %d bytes", name, len(letters), len(bin))
	}
	return letters, bin
}

func TestFromTCVN3EveryLetter(t *testing.T) {
	for _, r := range viToned() {
		lower := string(r)
		legacy := encodeTCVN3(lower)
		if legacy == lower && lower != "ý" { // ý is ý in TCVN3 too
			t.Errorf("%s: not in the chart", lower)
		}
		if got := FromTCVN3(legacy); got != lower {
			t.Errorf("FromTCVN3(%q) = %q, want %q", legacy, got, lower)
		}
		// Capitals: the base letters have code points of their own;
		// the toned ones are the lower-case code points in a .VnTimeH
		// font, which the caller upper-cases.
		upper := strings.ToUpper(lower)
		if got := strings.ToUpper(FromTCVN3(encodeTCVN3(upper))); got != upper {
			t.Errorf("capital %s: got %q", upper, got)
		}
	}
	for r, c := range tcvn3Capitals() {
		if got := FromTCVN3(string(rune(c))); got != string(r) {
			t.Errorf("FromTCVN3(%q) = %q, want %q", rune(c), got, string(r))
		}
	}
}

// The code points glibc's iconv gives for TCVN 5712 agree with the chart.
func TestFromTCVN3MatchesIconv(t *testing.T) {
	letters, bin := readLegacyFixture(t, "tcvn3")
	if got, want := FromTCVN3(readAs1252(bin)), string(letters); got != want {
		t.Errorf("FromTCVN3(iconv's bytes) =\n%q, want\n%q", got, want)
	}
}

func TestFromVNIEveryLetter(t *testing.T) {
	for _, r := range viToned() {
		for _, s := range []string{string(r), strings.ToUpper(string(r))} {
			legacy := encodeVNI(s)
			if legacy == s && s != "ì" && s != "í" && s != "Ì" && s != "Í" {
				t.Errorf("%s: not in the chart", s)
			}
			if got := FromVNI(legacy); got != s {
				t.Errorf("FromVNI(%q) = %q, want %q", legacy, got, s)
			}
		}
	}
}

func TestFromVISCIIEveryLetter(t *testing.T) {
	letters, bin := readLegacyFixture(t, "viscii")
	if len(letters) != 134 {
		t.Fatalf("fixture has %d letters", len(letters))
	}
	if got, want := FromVISCII(readAs1252(bin)), string(letters); got != want {
		t.Errorf("FromVISCII(iconv's bytes) =\n%q, want\n%q", got, want)
	}
	// Word stores an undefined byte of Windows-1252 as its C1 control.
	if got := FromVISCII("\u0081\u008d\u008f\u0090\u009d"); got != "ẮỄỐỒŨ" {
		t.Errorf("C1 controls: got %q", got)
	}
}

func TestLegacySamples(t *testing.T) {
	const want = "Ban Vì sự tiến bộ của Phụ nữ"
	tests := []struct {
		name, in string
		conv     func(string) string
	}{
		{"TCVN3", "Ban V× sù tiÕn bé cña Phô n÷", FromTCVN3},
		{"VNI", "Ban Vì söï tieán boä cuûa Phuï nöõ", FromVNI},
		{"VISCII", "Ban Vì s\u00f1 ti\u00aan b\u00b5 c\u00fca Ph\u00f8 n\u00e6", FromVISCII},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.conv(tt.in); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
	upper := []struct{ in, want string }{
		{"VIEÄT NAM ÑOÀNG TAÂM", "VIỆT NAM ĐỒNG TÂM"},
		{"ÑÖÔØNG DAÂY NOÙNG", "ĐƯỜNG DÂY NÓNG"},
		{"Uyû ban nhaân daân", "Uỷ ban nhân dân"},
	}
	for _, tt := range upper {
		if got := FromVNI(tt.in); got != tt.want {
			t.Errorf("FromVNI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// ASCII, punctuation and typographic quotes pass through.
	for _, s := range []string{"", "Hà Nội, 17/02/2023 – “trích dẫn”", "A+B=C {x}"} {
		if got := FromTCVN3(FromVNI(s)); got != s && !strings.ContainsAny(s, "àộ") {
			t.Errorf("round of %q = %q", s, got)
		}
	}
	if got := FromTCVN3("\u201cV× sù\u201d"); got != "\u201cVì sự\u201d" {
		t.Errorf("quotes: %q", got)
	}
	if got := FromTCVN3("\uf0d7"); got != "ì" {
		t.Errorf("symbol-font code point: %q", got)
	}
}

// legacySentences are news sentences; capitals with a tone are avoided,
// since TCVN3 cannot write them in the ordinary fonts.
var legacySentences = []string{
	"Ban Vì sự tiến bộ của Phụ nữ tỉnh tổ chức hội nghị tổng kết công tác năm 2022",
	"Chiều 17/2, Hội Liên hiệp Phụ nữ huyện đã triển khai nhiệm vụ trọng tâm",
	"Đồng chí Phó Chủ tịch phát biểu chỉ đạo tại hội nghị",
	"Các đại biểu thảo luận về công tác phòng chống bạo lực gia đình",
	"Tập huấn nâng cao năng lực cho cán bộ cơ sở về bình đẳng giới",
	"Đường dây nóng hỗ trợ phụ nữ và trẻ em bị bạo lực hoạt động suốt ngày đêm",
	"Năm 2023, toàn tỉnh có hơn ba nghìn hộ gia đình được vay vốn phát triển kinh tế",
	"Thực hiện kế hoạch của tỉnh về chuyển đổi số trong các cơ quan nhà nước",
	"Lễ mít tinh hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa bạo lực",
	"Mỗi người dân cần chủ động tố giác hành vi bạo lực với chính quyền địa phương",
	"Bà Nguyễn Thị Thu Hà, Chủ tịch Hội Phụ nữ xã, cho biết kết quả rất đáng ghi nhận",
	"Quang cảnh hội nghị tổng kết công tác năm",
	"Đoàn viên, hội viên diễu hành qua các tuyến phố chính của thành phố",
}

func TestDetectLegacyFindsEachEncoding(t *testing.T) {
	encoders := []struct {
		enc    Encoding
		encode func(string) string
	}{
		{TCVN3, encodeTCVN3},
		{VNI, encodeVNI},
		{VISCII, func(s string) string { return encodeVISCII(t, s) }},
	}
	for _, e := range encoders {
		for _, s := range legacySentences {
			legacy := e.encode(s)
			enc, conv, ok := DetectLegacy(legacy)
			if !ok || enc != e.enc || conv != s {
				t.Errorf("%v: DetectLegacy(%q) = %v, %q, %v; want %q", e.enc, legacy, enc, conv, ok, s)
			}
		}
	}
}

func TestDetectLegacyLeavesOtherTextAlone(t *testing.T) {
	others := append([]string{
		// Unicode Vietnamese, including text with Latin-1 letters only.
		"Chào cô, tôi là Hà",
		"Bà có về nhà không?",
		"Tôi yêu Hà Nội và cà phê sữa đá",
		"Ủy ban nhân dân tỉnh Lâm Đồng",
		"Ông Lê Văn Tám, Giám đốc Sở Tư pháp",
		// English.
		"The quick brown fox jumps over the lazy dog",
		"Loa builds Vietnamese sites from Markdown files in seconds",
		"A naïve café owner met Zoë at the rôle-playing soirée",
		// French.
		"Où est la bibliothèque? Je ne sais pas où elle se trouve.",
		"Le garçon a mangé une crème brûlée à côté de l'église",
		"Les élèves étudient à l'école française depuis déjà trois ans",
		"Noël approche, et la forêt est très belle à voir",
		"À bientôt, chère amie; ça va très bien, merci",
		"Où êtes-vous allés? Où sont-ils partis?",
		// German and others.
		"Müller und Schröder fahren über die Brücke nach Köln",
		"Die Straße ist schön, aber das Wetter ist schlecht",
		"Fünf Äpfel für Jürgen, bitte, und zwölf Bücher",
		"Größe und Gewicht spielen keine Rolle für uns",
		"El niño pequeño comió una manzana en el jardín",
		"A educação é fundamental para o país e a nação",
		// Code and symbols.
		`if x := m["café"]; x != nil { return fmt.Sprintf("%v × %v", x, ½) }`,
		"SELECT * FROM users WHERE name = 'José Müller' AND age > 18;",
		"© 2024 · Giá 50.000 đ · ± 5 °C · µg/m³ · § 3",
		"x² + y² = z², ¼ + ¾ = 1, 10 ÷ 2 = 5",
	}, legacySentences...)
	for _, s := range others {
		if enc, conv, ok := DetectLegacy(s); ok || conv != s {
			t.Errorf("DetectLegacy(%q) = %v, %q, true; want false", s, enc, conv)
		}
	}
}

func TestLegacyFont(t *testing.T) {
	tests := []struct {
		font string
		want Encoding
	}{
		{".VnTime", TCVN3}, {".VnTimeH", TCVN3}, {".VnArial", TCVN3}, {".VnArial NarrowH", TCVN3},
		{".vnbook-antiqua", TCVN3}, {"VNI-Times", VNI}, {"VNI-Helve", VNI}, {"vni-aptima", VNI},
		{"VISCII Times", VISCII}, {"Times New Roman", Unicode}, {"Arial", Unicode},
		{"", Unicode}, {"VnTime", Unicode}, {"Vni", Unicode},
	}
	for _, tt := range tests {
		if got := LegacyFont(tt.font); got != tt.want {
			t.Errorf("LegacyFont(%q) = %v, want %v", tt.font, got, tt.want)
		}
	}
	for e, want := range map[Encoding]string{Unicode: "Unicode", TCVN3: "TCVN3 (ABC, .VnTime)", VNI: "VNI (VNI-Times)", VISCII: "VISCII"} {
		if e.String() != want {
			t.Errorf("%d.String() = %q", int(e), e.String())
		}
	}
}

func TestIsSyllable(t *testing.T) {
	for _, w := range strings.Fields("Ban Vì sự tiến bộ của Phụ nữ gì gìn giếng quyết nghiêng khuya ăn ông thuở xoong hoạch người VIỆT được tỉnh kẻ giữa quý khuỷu") {
		if !isSyllable(w) {
			t.Errorf("isSyllable(%q) = false", w)
		}
	}
	for _, w := range strings.Fields("tiõn cña n÷ Müller café naïve ce ka UBND gha ngà2 sưt bàc") {
		if isSyllable(w) {
			t.Errorf("isSyllable(%q) = true", w)
		}
	}
}

// The converters take any text: the result is valid UTF-8 in NFC, and
// DetectLegacy either declines or returns what the named converter gives.
func FuzzLegacy(f *testing.F) {
	for _, s := range []string{"Ban V× sù tiÕn bé cña Phô n÷", "Ban Vì söï tieán boä", "aÙ\xff", "ôøö"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, conv := range []func(string) string{FromTCVN3, FromVNI, FromVISCII} {
			got := conv(s)
			if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
				t.Fatalf("%q → %q: not NFC UTF-8", s, got)
			}
		}
		if enc, conv, ok := DetectLegacy(s); ok && conv != convert(s, enc) {
			t.Fatalf("DetectLegacy(%q) = %v, %q", s, enc, conv)
		}
	})
}
