package photo

import (
	"bytes"
	"encoding/binary"
)

// exifPrefix starts the payload of an EXIF APP1 segment.
const exifPrefix = "Exif\x00\x00"

// TIFF tags Loa reads or writes.
const (
	tagOrientation = 0x0112
	tagArtist      = 0x013B
	tagCopyright   = 0x8298
)

// tiffFacts is the little Loa keeps from EXIF: values are the raw ASCII
// bytes (NUL included) so they are written back unchanged.
type tiffFacts struct {
	orientation       int
	artist, copyright []byte
}

// readTIFF reads IFD0 of a TIFF structure (the body of an EXIF APP1).
// Anything out of bounds is ignored: a damaged EXIF must not stop a photo.
func readTIFF(b []byte) tiffFacts {
	var t tiffFacts
	if len(b) < 8 {
		return t
	}
	var bo binary.ByteOrder
	switch string(b[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return t
	}
	off := int64(bo.Uint32(b[4:]))
	if off+2 > int64(len(b)) {
		return t
	}
	n := int64(bo.Uint16(b[off:]))
	for k := int64(0); k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > int64(len(b)) {
			break
		}
		tag, typ, count := bo.Uint16(b[e:]), bo.Uint16(b[e+2:]), int64(bo.Uint32(b[e+4:]))
		switch {
		case tag == tagOrientation && typ == 3 && count >= 1:
			t.orientation = int(bo.Uint16(b[e+8:]))
		case (tag == tagArtist || tag == tagCopyright) && typ == 2 && count > 0:
			v := b[e+8 : e+12]
			if count > 4 {
				p := int64(bo.Uint32(b[e+8:]))
				if p+count > int64(len(b)) {
					continue
				}
				v = b[p : p+count]
			}
			v = bytes.Clone(v[:min(count, int64(len(v)))])
			if tag == tagArtist {
				t.artist = v
			} else {
				t.copyright = v
			}
		}
	}
	return t
}

// writeEXIF makes the payload of a minimal EXIF APP1 (prefix included)
// holding only the orientation when it is not 1, and the artist and
// copyright when given; nil when there is nothing to say.
func writeEXIF(orientation int, artist, copyright []byte) []byte {
	type entry struct {
		tag, typ uint16
		value    []byte
		short    uint16
	}
	var es []entry
	if orientation > 1 && orientation <= 8 {
		es = append(es, entry{tag: tagOrientation, typ: 3, short: uint16(orientation)})
	}
	if len(artist) > 0 {
		es = append(es, entry{tag: tagArtist, typ: 2, value: artist})
	}
	if len(copyright) > 0 {
		es = append(es, entry{tag: tagCopyright, typ: 2, value: copyright})
	}
	if len(es) == 0 {
		return nil
	}
	bo := binary.BigEndian
	out := append([]byte{}, exifPrefix...)
	out = append(out, "MM\x00*\x00\x00\x00\x08"...)
	out = bo.AppendUint16(out, uint16(len(es)))
	extra := 8 + 2 + 12*len(es) + 4 // where long values go, from the TIFF start
	var tail []byte
	for _, e := range es {
		out = bo.AppendUint16(out, e.tag)
		out = bo.AppendUint16(out, e.typ)
		if e.typ == 3 {
			out = bo.AppendUint32(out, 1)
			out = bo.AppendUint16(out, e.short)
			out = append(out, 0, 0)
			continue
		}
		out = bo.AppendUint32(out, uint32(len(e.value)))
		if len(e.value) <= 4 {
			v := make([]byte, 4)
			copy(v, e.value)
			out = append(out, v...)
			continue
		}
		out = bo.AppendUint32(out, uint32(extra+len(tail)))
		tail = append(tail, e.value...)
		if len(tail)%2 == 1 {
			tail = append(tail, 0) // TIFF values start on word boundaries
		}
	}
	out = bo.AppendUint32(out, 0) // no IFD1: no thumbnail
	return append(out, tail...)
}
