package search

import "strings"

// Postings are written as text, one number per document: the distance to
// the previous document's number, times 16, plus the bits of the fields.
// Each number is base-32 digits, most significant first, from two
// alphabets: the last digit from end, the others from more. Dense lists,
// those of common syllables, so cost one byte a document, and the text
// needs no escaping in JSON.
const (
	end  = "0123456789abcdefghijklmnopqrstuv"
	more = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"
)

func encode(ps []uint32) string {
	var b strings.Builder
	prev := int64(-1)
	var digits [8]byte
	for _, p := range ps {
		id, bits := int64(p>>4), uint64(p&15)
		v := uint64(id-prev)<<4 | bits
		prev = id
		n := 0
		for {
			digits[n] = byte(v & 31)
			n++
			v >>= 5
			if v == 0 {
				break
			}
		}
		for i := n - 1; i > 0; i-- {
			b.WriteByte(more[digits[i]])
		}
		b.WriteByte(end[digits[0]])
	}
	return b.String()
}

// decode reverses encode, for tests.
func decode(s string) []uint32 {
	var out []uint32
	prev := int64(-1)
	var v uint64
	for i := 0; i < len(s); i++ {
		if d := strings.IndexByte(more, s[i]); d >= 0 {
			v = v<<5 | uint64(d)
			continue
		}
		v = v<<5 | uint64(strings.IndexByte(end, s[i]))
		id := prev + int64(v>>4)
		out = append(out, uint32(id)<<4|uint32(v&15))
		prev, v = id, 0
	}
	return out
}

func encodeVariants(vs map[string][]uint32) map[string]string {
	out := make(map[string]string, len(vs))
	for as, ps := range vs {
		out[as] = encode(ps)
	}
	return out
}
