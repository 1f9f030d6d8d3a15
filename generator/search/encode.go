package search

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

// postings is one key's list, kept encoded as it grows: a byte or two a
// document instead of four, which at 10,000 pages is most of the index's
// memory.
type postings struct {
	buf  []byte
	next uint32 // one more than the last document added; 0 before the first
}

// add appends a document, which must come after the last one added.
func (p *postings) add(id uint32, bits uint32) {
	v := uint64(id+1-p.next)<<4 | uint64(bits)
	p.next = id + 1
	var digits [8]byte
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
		p.buf = append(p.buf, more[digits[i]])
	}
	p.buf = append(p.buf, end[digits[0]])
}

// digit is the value of each byte of the two alphabets, with the 32 bit
// set for end's: -1 for a byte of neither.
var digit = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range 32 {
		t[more[i]] = int8(i)
		t[end[i]] = int8(i | 32)
	}
	return t
}()

// readNumber reads the number that starts at b[i]: its value, and where the
// next one starts (truncate reads its own).
func readNumber(b []byte, i int) (v uint64, next int) {
	for ; i < len(b); i++ {
		d := digit[b[i]]
		v = v<<5 | uint64(d&31)
		if d >= 32 {
			return v, i + 1
		}
	}
	return v, i
}

// truncate drops the documents numbered k or more, and tells whether any
// is left.
func (p *postings) truncate(k uint32) bool {
	if p.next > k {
		// The numbers are read in this loop, not by readNumber: it runs over
		// every list of the index after each edit, and a call per number
		// cost a tenth more.
		var next uint32 // as the list is read: one more than the last document
		var v uint64
		start := 0 // of the number being read
		for i, c := range p.buf {
			d := digit[c]
			v = v<<5 | uint64(d&31)
			if d < 32 {
				continue
			}
			id := next + uint32(v>>4) - 1
			if id >= k {
				p.buf = p.buf[:start]
				break
			}
			next, v, start = id+1, 0, i+1
		}
		p.next = next
	}
	return len(p.buf) > 0
}

// extend appends q, the postings of later documents counted on their own
// (from none), to p: q's first number is counted again from p's last
// document, and the rest, distances within q, are copied as they are.
func (p *postings) extend(q postings) {
	if len(q.buf) == 0 {
		return
	}
	if len(p.buf) == 0 {
		*p = q
		return
	}
	v, i := readNumber(q.buf, 0)
	p.add(uint32(v>>4)-1, uint32(v&15))
	p.buf = append(p.buf, q.buf[i:]...)
	p.next = q.next
}

func encode(ps []uint32) string {
	var p postings
	for _, x := range ps {
		p.add(x>>4, x&15)
	}
	return string(p.buf)
}

// decode reverses encode, for tests.
func decode(s string) []uint32 {
	var out []uint32
	prev := int64(-1)
	b := []byte(s)
	for i := 0; i < len(b); {
		var v uint64
		v, i = readNumber(b, i)
		id := prev + int64(v>>4)
		out = append(out, uint32(id)<<4|uint32(v&15))
		prev = id
	}
	return out
}
