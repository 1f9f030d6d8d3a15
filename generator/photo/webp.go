package photo

import (
	"encoding/binary"
	"io"
)

// VP8X flags.
const (
	webpAnimation = 0x02
	webpXMP       = 0x04
	webpEXIF      = 0x08
	webpAlpha     = 0x10
)

type webpChunk struct {
	fourcc     string
	data       []byte
	start, end int // the whole chunk with its padding byte
}

// walkWebP calls fn for each chunk inside the RIFF container.
func walkWebP(b []byte, fn func(webpChunk) bool) error {
	if len(b) < 12 {
		return io.ErrUnexpectedEOF
	}
	size := int64(binary.LittleEndian.Uint32(b[4:])) + 8
	if size > int64(len(b)) {
		return io.ErrUnexpectedEOF
	}
	b = b[:size]
	i := 12
	for i < len(b) {
		if i+8 > len(b) {
			return io.ErrUnexpectedEOF
		}
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		if n < 0 || n > len(b)-i-8 {
			return io.ErrUnexpectedEOF
		}
		end := i + 8 + n + n&1
		c := webpChunk{fourcc: string(b[i : i+4]), data: b[i+8 : i+8+n], start: i, end: min(end, len(b))}
		if !fn(c) {
			return nil
		}
		i = end
	}
	return nil
}

func webpHeader(b []byte) (header, error) {
	var h header
	first := true
	frames := 0
	var err error
	werr := walkWebP(b, func(c webpChunk) bool {
		if c.fourcc == "ANMF" {
			frames++
		}
		if !first {
			return true
		}
		first = false
		d := c.data
		switch c.fourcc {
		case "VP8 ":
			if len(d) < 10 || d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a {
				err = corruptf("webp lossy header is damaged")
				return false
			}
			h.width = int(binary.LittleEndian.Uint16(d[6:]) & 0x3fff)
			h.height = int(binary.LittleEndian.Uint16(d[8:]) & 0x3fff)
			return false
		case "VP8L":
			if len(d) < 5 || d[0] != 0x2f {
				err = corruptf("webp lossless header is damaged")
				return false
			}
			bits := binary.LittleEndian.Uint32(d[1:])
			h.width, h.height = int(bits&0x3fff)+1, int(bits>>14&0x3fff)+1
			h.alpha = true // lossless output suits a lossless source, alpha or not
			return false
		case "VP8X":
			if len(d) < 10 {
				err = corruptf("webp extended header is damaged")
				return false
			}
			h.width = int(uint32(d[4])|uint32(d[5])<<8|uint32(d[6])<<16) + 1
			h.height = int(uint32(d[7])|uint32(d[8])<<8|uint32(d[9])<<16) + 1
			h.alpha = d[0]&webpAlpha != 0
			h.asIs = d[0]&webpAnimation != 0
			return h.asIs // count the frames only when there can be several
		}
		err = corruptf("webp starts with an unknown chunk %q", c.fourcc)
		return false
	})
	if err != nil {
		return h, err
	}
	if werr != nil && h.width == 0 {
		return h, werr
	}
	// x/image/webp cannot decode animations at all, so a one-frame animation
	// is kept as it is too (asIs); frames only tell whether it really moves.
	h.animated = h.asIs && frames > 1
	return h, nil
}

// cleanWebP drops the EXIF and XMP chunks and clears their VP8X flags.
func cleanWebP(b []byte) ([]byte, error) {
	var keep []webpChunk
	dropped := false
	err := walkWebP(b, func(c webpChunk) bool {
		if c.fourcc == "EXIF" || c.fourcc == "XMP " {
			dropped = true
		} else {
			keep = append(keep, c)
		}
		return true
	})
	if err != nil {
		return nil, corrupt(err)
	}
	size := int(binary.LittleEndian.Uint32(b[4:])) + 8
	if !dropped && size == len(b) {
		return b, nil
	}
	out := make([]byte, 12, len(b))
	copy(out, b[:12])
	for _, c := range keep {
		start := len(out)
		out = append(out, b[c.start:c.end]...)
		if c.fourcc == "VP8X" && len(c.data) > 0 {
			out[start+8] &^= webpEXIF | webpXMP
		}
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}
