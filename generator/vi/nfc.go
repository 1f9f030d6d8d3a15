package vi

import (
	"iter"

	"golang.org/x/text/unicode/norm"
)

// IsNFC reports whether s is in Unicode Normalization Form C, as text
// typed with composed letters is: "Hội" is, "Ho\u0302\u0323i" is not.
func IsNFC(s string) bool {
	return isASCII(s) || norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s)
}

// NFCPieces yields s cut where NFC may join characters, each piece as
// written and composed (NFC): "Ho\u0302\u0323i" gives "H" "H", "o\u0302\u0323"
// "ộ", "i" "i". A piece is one character with its marks, or a few that
// compose together; the pieces as written make s again. It lets a place
// counted in the composed text be found in the text as written.
func NFCPieces(s string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		var it norm.Iter
		it.InitString(norm.NFC, s)
		for !it.Done() {
			start := it.Pos()
			nfc := string(it.Next())
			if !yield(s[start:it.Pos()], nfc) {
				return
			}
		}
	}
}
