package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"slices"
)

// Clean removes metadata losslessly: it never re-encodes pixels.
//
// JPEG keeps only APP0 JFIF, APP2 ICC_PROFILE and APP14 Adobe among the
// application segments, and drops comments and anything after the end of the
// picture (where phones append depth maps and other pictures). Since the
// pixels stay as stored, it writes a minimal EXIF holding only the
// Orientation when it was not 1, plus Artist and Copyright when keepCopyright.
// PNG keeps only the chunks that say how to show the pixels; GIF drops
// comments and application extensions other than looping; WebP drops its
// EXIF and XMP chunks (and with them Artist and Copyright, whatever
// keepCopyright says). When there is nothing to remove, src is returned.
func Clean(src []byte, keepCopyright bool) ([]byte, error) {
	f, other := sniff(src)
	var out []byte
	var err error
	switch f {
	case JPEG:
		out, err = cleanJPEG(src, keepCopyright)
	case PNG:
		out, err = cleanPNG(src)
	case GIF:
		out, err = cleanGIF(src)
	case WebP:
		out, err = cleanWebP(src)
	default:
		return nil, &Error{Kind: Unsupported, Format: other}
	}
	if err != nil {
		var pe *Error
		if !errors.As(err, &pe) {
			pe = corrupt(err)
		}
		return nil, pe
	}
	return out, nil
}

// jpegKeep says whether a JPEG segment before the end of the picture is
// needed to show it.
func jpegKeep(m byte, seg []byte) bool {
	switch {
	case m == 0xE0:
		return bytes.HasPrefix(seg, []byte("JFIF\x00"))
	case m == 0xE2:
		return bytes.HasPrefix(seg, []byte(iccPrefix))
	case m == 0xEE:
		return bytes.HasPrefix(seg, []byte("Adobe"))
	case m >= 0xE1 && m <= 0xEF, m == 0xFE:
		return false
	}
	return true
}

func cleanJPEG(b []byte, keepCopyright bool) ([]byte, error) {
	out := make([]byte, 2, len(b))
	copy(out, b[:2])
	changed := false
	var facts tiffFacts
	exifAt := -1
	var oldExif []byte
	scans := 0
	i := 2
	for i < len(b) {
		for i+1 < len(b) && b[i] == 0xFF && b[i+1] == 0xFF {
			i++
		}
		if i+2 > len(b) {
			return nil, io.ErrUnexpectedEOF
		}
		if b[i] != 0xFF {
			return nil, corruptf("jpeg marker expected at byte %d", i)
		}
		m := b[i+1]
		if m == 0xD9 {
			out = append(out, 0xFF, 0xD9)
			changed = changed || i+2 != len(b)
			break
		}
		if (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			out = append(out, b[i:i+2]...)
			i += 2
			continue
		}
		if i+4 > len(b) {
			return nil, io.ErrUnexpectedEOF
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		end := i + 2 + n
		if n < 2 || end > len(b) {
			return nil, io.ErrUnexpectedEOF
		}
		seg := b[i+4 : end]
		switch {
		case m == 0xE1 && exifAt < 0 && bytes.HasPrefix(seg, []byte(exifPrefix)):
			facts = readTIFF(seg[len(exifPrefix):])
			exifAt, oldExif = len(out), b[i:end]
			changed = true
		case jpegKeep(m, seg):
			out = append(out, b[i:end]...)
		default:
			changed = true
		}
		i = end
		if m == 0xDA {
			scans++
			j := scanEnd(b, i)
			out = append(out, b[i:j]...)
			i = j
		}
	}
	if scans == 0 {
		return nil, corruptf("jpeg has no picture data")
	}
	return withEXIF(b, out, changed, exifAt, oldExif, facts, keepCopyright), nil
}

// withEXIF puts the minimal EXIF that Clean keeps where the old one was in
// out, and gives back b itself when that changed nothing.
func withEXIF(b, out []byte, changed bool, at int, old []byte, facts tiffFacts, keepCopyright bool) []byte {
	var artist, copyright []byte
	if keepCopyright {
		artist, copyright = facts.artist, facts.copyright
	}
	if payload := writeEXIF(facts.orientation, artist, copyright); payload != nil {
		seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2))
		seg = append(seg, payload...)
		out = slices.Insert(out, at, seg...)
		if bytes.Equal(seg, old) && bytes.Equal(out, b) {
			changed = false
		}
	}
	if !changed {
		return b
	}
	return out
}

// scanEnd finds the end of the entropy-coded data that starts at b[i]: the
// first marker that is neither a stuffed zero, a restart nor fill.
func scanEnd(b []byte, i int) int {
	for {
		k := bytes.IndexByte(b[i:], 0xFF)
		if k < 0 {
			return len(b)
		}
		i += k
		if i+1 >= len(b) {
			return len(b)
		}
		m := b[i+1]
		if m == 0x00 || (m >= 0xD0 && m <= 0xD7) || m == 0xFF {
			i++
			if m != 0xFF {
				i++
			}
			continue
		}
		return i
	}
}

// pngKeep says whether a chunk says how to show the pixels (APNG's included);
// text, EXIF, times and everything unknown are dropped.
func pngKeep(typ string) bool {
	switch typ {
	case "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "cHRM", "gAMA", "iCCP",
		"sBIT", "sRGB", "bKGD", "pHYs", "acTL", "fcTL", "fdAT":
		return true
	}
	return false
}

func cleanPNG(b []byte) ([]byte, error) {
	out := make([]byte, 8, len(b))
	copy(out, b[:8])
	changed := false
	i := 8
	err := walkPNG(b, func(typ string, data []byte) bool {
		end := i + 12 + len(data)
		if pngKeep(typ) {
			out = append(out, b[i:end]...)
		} else {
			changed = true
		}
		i = end
		return true
	})
	if err != nil {
		return nil, err
	}
	if !changed && i == len(b) {
		return b, nil
	}
	return out, nil
}
