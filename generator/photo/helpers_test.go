package photo

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"
)

// This file writes test pictures and reads them back with code of its own,
// so that the package is not checked against itself.

// order is a byte order that can also append.
type order interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tEntry is one TIFF entry; data is the value in the file's byte order.
type tEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte
}

func tASCII(tag uint16, s string) tEntry {
	return tEntry{tag: tag, typ: 2, count: uint32(len(s) + 1), data: append([]byte(s), 0)}
}

func tShort(bo order, tag uint16, v uint16) tEntry {
	return tEntry{tag: tag, typ: 3, count: 1, data: bo.AppendUint16(nil, v)}
}

func tLong(bo order, tag uint16, v uint32) tEntry {
	return tEntry{tag: tag, typ: 4, count: 1, data: bo.AppendUint32(nil, v)}
}

func tRationals(bo order, tag uint16, v ...uint32) tEntry {
	var d []byte
	for _, x := range v {
		d = bo.AppendUint32(d, x)
	}
	return tEntry{tag: tag, typ: 5, count: uint32(len(v) / 2), data: d}
}

func tUndefined(tag uint16, b []byte) tEntry {
	return tEntry{tag: tag, typ: 7, count: uint32(len(b)), data: b}
}

// tiffWriter lays out IFDs one after another; pointers are patched later.
type tiffWriter struct {
	bo  order
	buf []byte
}

func newTIFF(bo order) *tiffWriter {
	w := &tiffWriter{bo: bo}
	if bo.String() == binary.LittleEndian.String() {
		w.buf = []byte("II*\x00")
	} else {
		w.buf = []byte("MM\x00*")
	}
	w.buf = bo.AppendUint32(w.buf, 8)
	return w
}

// ifd writes an IFD at the end and returns the offsets of each entry's
// value field (by tag) and of its next-IFD pointer.
func (w *tiffWriter) ifd(es []tEntry) (values map[uint16]int, next int) {
	values = map[uint16]int{}
	start := len(w.buf)
	dataAt := start + 2 + 12*len(es) + 4
	var data []byte
	w.buf = w.bo.AppendUint16(w.buf, uint16(len(es)))
	for _, e := range es {
		w.buf = w.bo.AppendUint16(w.buf, e.tag)
		w.buf = w.bo.AppendUint16(w.buf, e.typ)
		w.buf = w.bo.AppendUint32(w.buf, e.count)
		values[e.tag] = len(w.buf)
		if len(e.data) <= 4 {
			w.buf = append(w.buf, append(append([]byte{}, e.data...), make([]byte, 4-len(e.data))...)...)
			continue
		}
		w.buf = w.bo.AppendUint32(w.buf, uint32(dataAt+len(data)))
		data = append(data, e.data...)
		if len(data)%2 == 1 {
			data = append(data, 0)
		}
	}
	next = len(w.buf)
	w.buf = w.bo.AppendUint32(w.buf, 0)
	w.buf = append(w.buf, data...)
	return values, next
}

func (w *tiffWriter) patch(at int, v uint32) { w.bo.PutUint32(w.buf[at:], v) }

// segment makes a JPEG marker segment.
func segment(marker byte, payload []byte) []byte {
	s := []byte{0xFF, marker}
	s = binary.BigEndian.AppendUint16(s, uint16(len(payload)+2))
	return append(s, payload...)
}

// withSegments puts segments right after SOI of a JPEG.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

type jpegSeg struct {
	marker byte
	data   []byte
}

// jpegSegments lists the segments before the first scan, and reports
// whether anything follows the end of the picture.
func jpegSegments(t *testing.T, b []byte) (segs []jpegSeg, trailing bool) {
	t.Helper()
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			t.Fatalf("no marker at %d", i)
		}
		m := b[i+1]
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		segs = append(segs, jpegSeg{m, b[i+4 : i+2+n]})
		i += 2 + n
		if m == 0xDA {
			break
		}
	}
	eoi := bytes.LastIndex(b, []byte{0xFF, 0xD9})
	return segs, eoi+2 != len(b)
}

// tiffTags lists every tag of every IFD reachable from IFD0 (next IFDs, the
// EXIF, GPS and interoperability IFDs).
func tiffTags(b []byte) map[uint16]bool {
	tags := map[uint16]bool{}
	if len(b) < 8 {
		return tags
	}
	var bo binary.ByteOrder = binary.BigEndian
	if b[0] == 'I' {
		bo = binary.LittleEndian
	}
	seen := map[uint32]bool{}
	queue := []uint32{bo.Uint32(b[4:])}
	for len(queue) > 0 {
		off := queue[0]
		queue = queue[1:]
		if off == 0 || seen[off] || int(off)+2 > len(b) {
			continue
		}
		seen[off] = true
		n := int(bo.Uint16(b[off:]))
		for k := 0; k < n; k++ {
			e := int(off) + 2 + 12*k
			if e+12 > len(b) {
				break
			}
			tag := bo.Uint16(b[e:])
			tags[tag] = true
			if tag == 0x8769 || tag == 0x8825 || tag == 0xA005 {
				queue = append(queue, bo.Uint32(b[e+8:]))
			}
		}
		if end := int(off) + 2 + 12*n; end+4 <= len(b) {
			queue = append(queue, bo.Uint32(b[end:]))
		}
	}
	return tags
}

// photoLike is a smooth picture with some noise, like a photo for JPEG.
func photoLike(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 1))
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := r.IntN(24)
			m.Pix[m.PixOffset(x, y)+0] = uint8(min(255, x*200/w+n))
			m.Pix[m.PixOffset(x, y)+1] = uint8(min(255, y*200/h+n))
			m.Pix[m.PixOffset(x, y)+2] = uint8(min(255, (x+y)*100/(w+h)+40+n))
			m.Pix[m.PixOffset(x, y)+3] = 255
		}
	}
	return m
}

func encodeJPEG(t testing.TB, m image.Image, q int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngChunk makes a PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// pngChunks lists the chunk types of a PNG, in order.
func pngChunks(t *testing.T, b []byte) []string {
	t.Helper()
	var types []string
	for i := 8; i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		types = append(types, string(b[i+4:i+8]))
		i += 12 + n
	}
	return types
}

func zlibBytes(b []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

// fakeICC is a profile-shaped blob (header size and 'acsp' signature) big
// enough to need two APP2 segments in a JPEG.
func fakeICC(n int) []byte {
	p := make([]byte, n)
	binary.BigEndian.PutUint32(p, uint32(n))
	p[8] = 2 // version 2
	copy(p[12:], "mntrRGB XYZ ")
	copy(p[36:], "acsp")
	binary.BigEndian.PutUint32(p[128:], 1) // one tag: a copyright text filling the rest
	copy(p[132:], "cprt")
	binary.BigEndian.PutUint32(p[136:], 144)
	binary.BigEndian.PutUint32(p[140:], uint32(n-144))
	copy(p[144:], "text\x00\x00\x00\x00")
	for i := 152; i < n-1; i++ {
		p[i] = 'a' + byte(i%26)
	}
	return p
}

// iccSegments splits a profile into APP2 segments as cameras write them.
func iccSegments(icc []byte, room int) [][]byte {
	var segs [][]byte
	n := (len(icc) + room - 1) / room
	for k := 0; k < n; k++ {
		p := append([]byte("ICC_PROFILE\x00"), byte(k+1), byte(n))
		p = append(p, icc[k*room:min(len(icc), (k+1)*room)]...)
		segs = append(segs, segment(0xE2, p))
	}
	return segs
}

// joinedICC reads back the profile from a JPEG's APP2 segments.
func joinedICC(t *testing.T, b []byte) []byte {
	segs, _ := jpegSegments(t, b)
	var icc []byte
	for _, s := range segs {
		if s.marker == 0xE2 && bytes.HasPrefix(s.data, []byte("ICC_PROFILE\x00")) {
			icc = append(icc, s.data[14:]...)
		}
	}
	return icc
}

// coarse names the colour of a block as one of a few well separated ones.
func coarse(c color.Color) string {
	r, g, b, _ := c.RGBA()
	hi := func(v uint32) bool { return v > 0x8000 }
	switch {
	case hi(r) && hi(g) && hi(b):
		return "white"
	case hi(r) && hi(g):
		return "yellow"
	case hi(r):
		return "red"
	case hi(g):
		return "green"
	case hi(b):
		return "blue"
	}
	return "black"
}
