package vi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Before Unicode, Vietnamese was typed in 8-bit fonts that drew Latin-1
// code points as Vietnamese letters. A Word file or a web page keeps those
// code points, so a text typed in .VnTime reads "Ban V× sù tiÕn bé" once the
// font is gone. The converters below read such text as the Windows-1252
// characters it is stored as and give NFC Unicode.

// Encoding names a legacy Vietnamese encoding.
type Encoding int

const (
	Unicode Encoding = iota
	TCVN3            // TCVN 5712:1993 VN3, the ABC fonts .VnTime, .VnArial…
	VNI              // VNI for Windows: a base letter followed by mark characters
	VISCII           // VISCII 1.1, one byte for every letter
)

func (e Encoding) String() string {
	switch e {
	case TCVN3:
		return "TCVN3 (ABC, .VnTime)"
	case VNI:
		return "VNI (VNI-Times)"
	case VISCII:
		return "VISCII"
	}
	return "Unicode"
}

// vowelTones lists the twelve Vietnamese vowels, each followed by its five
// toned forms in the order huyền, sắc, hỏi, ngã, nặng: compose and the
// syllable check index it by (vowel, tone).
const vowelTones = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"

// Tones, in the order of vowelTones.
const (
	toneNone = iota
	toneGrave
	toneAcute
	toneHook
	toneTilde
	toneDot
)

// compose returns the lowercase vowel base (a, ă, â, e, ê, i, o, ô, ơ, u, ư,
// y) with tone, or 0 when base is not a vowel.
func compose(base rune, tone int) rune {
	if tone < toneNone || tone > toneDot {
		return 0
	}
	if i := runeIndex(vowelTones, base); i >= 0 && i%6 == 0 {
		return runeAt(vowelTones, i+tone)
	}
	return 0
}

// splitVowel is the inverse of compose: the vowel base and tone of the
// lowercase letter r, or ok false when r is not a Vietnamese vowel. The
// syllable check asks it of every letter, so it reads r by switches, not
// along vowelTones (TestSplitVowel holds them to each other).
func splitVowel(r rune) (base rune, tone int, ok bool) {
	switch r {
	case 'a', 'à', 'á', 'ả', 'ã', 'ạ':
		base = 'a'
	case 'ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ':
		base = 'ă'
	case 'â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ':
		base = 'â'
	case 'e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ':
		base = 'e'
	case 'ê', 'ề', 'ế', 'ể', 'ễ', 'ệ':
		base = 'ê'
	case 'i', 'ì', 'í', 'ỉ', 'ĩ', 'ị':
		base = 'i'
	case 'o', 'ò', 'ó', 'ỏ', 'õ', 'ọ':
		base = 'o'
	case 'ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ':
		base = 'ô'
	case 'ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ':
		base = 'ơ'
	case 'u', 'ù', 'ú', 'ủ', 'ũ', 'ụ':
		base = 'u'
	case 'ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự':
		base = 'ư'
	case 'y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ':
		base = 'y'
	default:
		return 0, 0, false
	}
	switch r {
	case 'à', 'ằ', 'ầ', 'è', 'ề', 'ì', 'ò', 'ồ', 'ờ', 'ù', 'ừ', 'ỳ':
		tone = toneGrave
	case 'á', 'ắ', 'ấ', 'é', 'ế', 'í', 'ó', 'ố', 'ớ', 'ú', 'ứ', 'ý':
		tone = toneAcute
	case 'ả', 'ẳ', 'ẩ', 'ẻ', 'ể', 'ỉ', 'ỏ', 'ổ', 'ở', 'ủ', 'ử', 'ỷ':
		tone = toneHook
	case 'ã', 'ẵ', 'ẫ', 'ẽ', 'ễ', 'ĩ', 'õ', 'ỗ', 'ỡ', 'ũ', 'ữ', 'ỹ':
		tone = toneTilde
	case 'ạ', 'ặ', 'ậ', 'ẹ', 'ệ', 'ị', 'ọ', 'ộ', 'ợ', 'ụ', 'ự', 'ỵ':
		tone = toneDot
	}
	return base, tone, true
}

// tcvn3Letters maps Windows-1252 characters U+00A1…U+00FE to the letters
// the TCVN3 fonts draw at those code points; '-' marks a code point the
// fonts leave as it is. TCVN3 has no upper-case toned vowels: documents set
// them in the upper-case fonts (.VnTimeH), which draw the lower-case code
// points as capitals.
const tcvn3Letters = "ĂÂÊÔƠƯĐăâêôơưđ------àảãáạ-ằẳẵắ-------ặầẩẫấậè-ẻẽéẹềểễếệìỉ---ĩíịò-ỏõóọồổỗốộờởỡớợù-ủũúụừửữứựỳỷỹýỵ"

// FromTCVN3 converts text typed in a TCVN3 (.Vn*) font — stored as the
// Windows-1252/Latin-1 characters those fonts draw as Vietnamese letters —
// to NFC Unicode. Upper-case fonts (.VnTimeH etc.) use the same table; their
// text is upper-cased after conversion by the caller, who knows the font.
func FromTCVN3(s string) string {
	return NFC(mapRunes(s, tcvn3Rune))
}

// tcvn3Rune returns the letter r stands for in TCVN3, or r itself.
func tcvn3Rune(r rune) rune {
	b, ok := latinByte(r)
	if !ok || b < 0xA1 || b > 0xFE {
		return r
	}
	if l := runeAt(tcvn3Letters, int(b-0xA1)); l != '-' {
		return l
	}
	return r
}

// visciiHigh is VISCII 1.1 from 0x80 to 0xFF.
const visciiHigh = "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ" +
	"ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡưàáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"

// FromVISCII converts VISCII text read as Windows-1252 to NFC Unicode.
func FromVISCII(s string) string {
	return NFC(mapRunes(s, visciiRune))
}

func visciiRune(r rune) rune {
	switch r { // the six control codes VISCII gives letters
	case 0x02:
		return 'Ẳ'
	case 0x05:
		return 'Ẵ'
	case 0x06:
		return 'Ẫ'
	case 0x14:
		return 'Ỷ'
	case 0x19:
		return 'Ỹ'
	case 0x1E:
		return 'Ỵ'
	}
	b, ok := latinByte(r)
	if !ok || b < 0x80 {
		return r
	}
	return runeAt(visciiHigh, int(b-0x80))
}

// latinByte returns the byte a Windows-1252 decoder read as r. The five
// bytes Windows-1252 leaves undefined come through as C1 controls, and
// symbol fonts' text sometimes as U+F000+byte: both are taken back too.
func latinByte(r rune) (byte, bool) {
	switch {
	case r < 0x80:
		return byte(r), true
	case 0x80 <= r && r <= 0xFF:
		// Latin-1, or a C1 control standing for a byte Windows-1252
		// leaves undefined.
		return byte(r), true
	case 0xF000 <= r && r <= 0xF0FF:
		return byte(r - 0xF000), true
	}
	b, ok := charmap.Windows1252.EncodeRune(r)
	return b, ok
}

func mapRunes(s string, f func(rune) rune) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for _, r := range s {
		b.WriteRune(f(r))
	}
	return b.String()
}

// VNI marks: the character after a vowel that adds its tone and, for â, ê, ô
// and ă, its circumflex or breve. Lower and upper case alike.
const (
	vniTone   = "øùûõï"  // huyền, sắc, hỏi, ngã, nặng
	vniCirc   = "âàáåãä" // circumflex, then with each tone
	vniBreve  = "êèéúüë" // breve, then with each tone
	vniI      = "ìíæóò"  // i with each tone: a letter of its own
	vniOther  = "îñôö"   // ỵ, đ, ơ, ư
	vniOtherU = "ỵđơư"
)

// FromVNI converts text typed in a VNI font (base letter followed by mark
// characters) to NFC Unicode.
func FromVNI(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		lower := unicode.ToLower(r)
		upper := lower != r
		letter := vniLetter(lower)
		if letter == 0 {
			b.WriteRune(r)
			continue
		}
		if isVNIBase(letter) && i < len(s) {
			m, mn := utf8.DecodeRuneInString(s[i:])
			if v := vniCombine(letter, unicode.ToLower(m)); v != 0 {
				letter = v
				i += mn
			}
		}
		if upper {
			letter = unicode.ToUpper(letter)
		}
		b.WriteRune(letter)
	}
	return NFC(b.String())
}

// vniLetter returns the letter the lowercase character r stands for on its
// own in a VNI font (ơ for ô, ư for ö, ĩ for ó…), r itself for an ASCII
// vowel, or 0 for anything else.
func vniLetter(r rune) rune {
	switch r {
	case 'a', 'e', 'o', 'u', 'y':
		return r
	}
	if i := runeIndex(vniI, r); i >= 0 {
		return compose('i', toneGrave+i)
	}
	if i := runeIndex(vniOther, r); i >= 0 {
		return runeAt(vniOtherU, i)
	}
	return 0
}

func isVNIBase(r rune) bool {
	return strings.ContainsRune("aeouyơư", r)
}

// vniCombine returns base with the mark m (lowercase), or 0 when m is not a
// mark that base takes.
func vniCombine(base, m rune) rune {
	if i := runeIndex(vniTone, m); i >= 0 {
		return compose(base, toneGrave+i)
	}
	if i := runeIndex(vniCirc, m); i >= 0 {
		if j := runeIndex("aeo", base); j >= 0 {
			return compose(runeAt("âêô", j), i)
		}
	}
	if i := runeIndex(vniBreve, m); i >= 0 && base == 'a' {
		return compose('ă', i)
	}
	return 0
}

// runeAt returns the i-th rune of s, or 0.
func runeAt(s string, i int) rune {
	for _, c := range s {
		if i == 0 {
			return c
		}
		i--
	}
	return 0
}

// runeIndex returns the index of r among the runes of s, or -1.
func runeIndex(s string, r rune) int {
	i := 0
	for _, c := range s {
		if c == r {
			return i
		}
		i++
	}
	return -1
}

// LegacyFont reports the encoding a Word font name implies: ".VnTime",
// ".VnTimeH", ".VnArial", any ".Vn…" → TCVN3; "VNI-Times", any "VNI-…" →
// VNI; "VISCII"-named fonts → VISCII; else Unicode.
func LegacyFont(font string) Encoding {
	l := strings.ToLower(strings.TrimSpace(font))
	switch {
	case strings.HasPrefix(l, ".vn"):
		return TCVN3
	case strings.HasPrefix(l, "vni-") || strings.HasPrefix(l, "vni "):
		return VNI
	case strings.Contains(l, "viscii"):
		return VISCII
	}
	return Unicode
}
