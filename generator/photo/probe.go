package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
)

// Probe reads only the header of src: it decodes no pixels and allocates
// nothing in proportion to the pixel count, so a picture that claims
// 60000×60000 pixels in a few kilobytes costs no memory. A picture with more
// than maxPixels pixels (stored width×height) is refused with an *Error of
// kind TooLarge; maxPixels <= 0 means 50 megapixels.
func Probe(src []byte, maxPixels int64) (Info, error) {
	h, err := readHeader(src)
	if err != nil {
		return Info{}, err
	}
	if max := limit(maxPixels); int64(h.width)*int64(h.height) > max {
		return Info{}, &Error{Kind: TooLarge, Width: h.width, Height: h.height, Max: max}
	}
	info := Info{Format: h.format, Width: h.width, Height: h.height, Orientation: 1,
		Animated: h.animated, asIs: h.asIs, alpha: h.alpha}
	if h.orientation >= 2 && h.orientation <= 8 {
		info.Orientation = h.orientation
	}
	if info.Orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// header is what the parsers below find, in stored (not upright) terms.
type header struct {
	format        Format
	width, height int
	orientation   int
	animated      bool // more than one frame
	asIs          bool // an animation (or what claims to be one) that is published unresized
	alpha         bool
}

func readHeader(src []byte) (header, error) {
	f, other := sniff(src)
	var h header
	var err error
	switch f {
	case JPEG:
		h, err = jpegHeader(src)
	case PNG:
		h, err = pngHeader(src)
	case GIF:
		h, err = gifHeader(src)
	case WebP:
		h, err = webpHeader(src)
	default:
		return h, &Error{Kind: Unsupported, Format: other}
	}
	if err != nil {
		var pe *Error
		if errors.As(err, &pe) {
			return h, pe
		}
		return h, corrupt(err)
	}
	if h.width <= 0 || h.height <= 0 {
		return h, corruptf("%s header gives a size of %d×%d", f, h.width, h.height)
	}
	h.format = f
	return h, nil
}

// sniff recognises a format by its magic bytes. For formats Loa cannot read
// it names them, so that the author learns what to export instead.
func sniff(b []byte) (Format, string) {
	switch {
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return JPEG, ""
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, ""
	case bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a")):
		return GIF, ""
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return WebP, ""
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		return "", isoBrand(b)
	case bytes.HasPrefix(b, []byte("II*\x00")) || bytes.HasPrefix(b, []byte("MM\x00*")):
		return "", "TIFF"
	case bytes.HasPrefix(b, []byte("BM")) && len(b) >= 14:
		return "", "BMP"
	case bytes.HasPrefix(b, []byte("8BPS")):
		return "", "PSD"
	case bytes.HasPrefix(b, []byte("%PDF")):
		return "", "PDF"
	case bytes.HasPrefix(b, []byte("\xff\x0a")) || bytes.HasPrefix(b, []byte("\x00\x00\x00\x0cJXL \r\n\x87\n")):
		return "", "JPEG XL"
	case bytes.HasPrefix(b, []byte("\x00\x00\x01\x00")):
		return "", "ICO"
	case looksLikeSVG(b):
		return "", "SVG"
	}
	return "", ""
}

// isoBrand names the format of an ISO base media file (HEIF family) from its
// major and compatible brands.
func isoBrand(b []byte) string {
	size := int(binary.BigEndian.Uint32(b))
	if size < 16 || size > len(b) {
		size = min(len(b), 64)
	}
	var heic bool
	for i := 8; i+4 <= size; i += 4 {
		if i == 12 {
			continue // minor version, not a brand
		}
		switch string(b[i : i+4]) {
		case "avif", "avis":
			return "AVIF"
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
			heic = true
		}
	}
	if heic {
		return "HEIC"
	}
	return ""
}

func looksLikeSVG(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b[:min(len(b), 1024)], " \t\r\n")
	if !bytes.HasPrefix(b, []byte("<")) {
		return false
	}
	return bytes.Contains(b, []byte("<svg"))
}

// jpegHeader walks the segments up to the first frame header (SOFn),
// reading the orientation from the first EXIF APP1 on the way.
func jpegHeader(b []byte) (header, error) {
	var h header
	err := walkJPEG(b, func(marker byte, seg []byte) (bool, error) {
		switch {
		case marker == 0xE1 && h.orientation == 0 && bytes.HasPrefix(seg, []byte(exifPrefix)):
			t := readTIFF(seg[len(exifPrefix):])
			h.orientation = t.orientation
			if h.orientation == 0 {
				h.orientation = 1
			}
		case isSOF(marker):
			if len(seg) < 6 {
				return false, corruptf("jpeg frame header is cut short")
			}
			h.height = int(binary.BigEndian.Uint16(seg[1:]))
			h.width = int(binary.BigEndian.Uint16(seg[3:]))
			return false, nil
		case marker == 0xDA || marker == 0xD9:
			return false, corruptf("jpeg has no frame header")
		}
		return true, nil
	})
	if err == nil && h.width == 0 && h.height == 0 {
		err = io.ErrUnexpectedEOF
	}
	return h, err
}

func isSOF(m byte) bool {
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC
}

// walkJPEG calls fn for each marker segment before the first scan with the
// segment's payload (after the length). fn returns false to stop.
func walkJPEG(b []byte, fn func(marker byte, seg []byte) (bool, error)) error {
	i := 2
	for {
		for i < len(b) && b[i] == 0xFF && i+1 < len(b) && b[i+1] == 0xFF {
			i++ // fill bytes
		}
		if i+2 > len(b) {
			return io.ErrUnexpectedEOF
		}
		if b[i] != 0xFF {
			return corruptf("jpeg marker expected at byte %d", i)
		}
		m := b[i+1]
		if m == 0xD9 || (m >= 0xD0 && m <= 0xD7) || m == 0x01 {
			if ok, err := fn(m, nil); !ok || err != nil {
				return err
			}
			i += 2
			continue
		}
		if i+4 > len(b) {
			return io.ErrUnexpectedEOF
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 {
			return corruptf("jpeg segment length %d at byte %d", n, i)
		}
		end := i + 2 + n
		if end > len(b) {
			return io.ErrUnexpectedEOF
		}
		if ok, err := fn(m, b[i+4:end]); !ok || err != nil {
			return err
		}
		i = end
	}
}

// pngHeader reads IHDR and the chunks before the first IDAT, where PNG puts
// everything that says how to read the pixels (tRNS for alpha, acTL for APNG).
func pngHeader(b []byte) (header, error) {
	var h header
	i := 8
	if i+8+13 > len(b) || string(b[i+4:i+8]) != "IHDR" || binary.BigEndian.Uint32(b[i:]) != 13 {
		return h, corruptf("png does not start with a header chunk")
	}
	w, ht := binary.BigEndian.Uint32(b[i+8:]), binary.BigEndian.Uint32(b[i+12:])
	if w > 1<<31-1 || ht > 1<<31-1 {
		return h, corruptf("png size %d×%d is out of range", w, ht)
	}
	h.width, h.height = int(w), int(ht)
	colourType := b[i+17]
	h.alpha = colourType == 4 || colourType == 6
	err := walkPNG(b, func(typ string, data []byte) bool {
		switch typ {
		case "tRNS":
			h.alpha = true
		case "acTL":
			h.animated = len(data) >= 4 && binary.BigEndian.Uint32(data) > 1
			h.asIs = h.animated
		case "IDAT":
			return false
		}
		return true
	})
	return h, err
}

// walkPNG calls fn with each chunk's type and data until fn returns false or
// IEND is reached. A chunk running past the end is an error.
func walkPNG(b []byte, fn func(typ string, data []byte) bool) error {
	i := 8
	for {
		if i+12 > len(b) {
			return io.ErrUnexpectedEOF
		}
		n := binary.BigEndian.Uint32(b[i:])
		if n > uint32(len(b)-i-12) {
			return io.ErrUnexpectedEOF
		}
		typ := string(b[i+4 : i+8])
		if !fn(typ, b[i+8:i+8+int(n)]) || typ == "IEND" {
			return nil
		}
		i += 12 + int(n)
	}
}
