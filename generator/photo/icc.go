package photo

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"io"
	"slices"
)

// iccPrefix starts each APP2 segment that carries part of an ICC profile.
const iccPrefix = "ICC_PROFILE\x00"

// maxICC bounds a profile read from a file: real ones are a few kilobytes to
// a few hundred, and a compressed iCCP chunk must not become a memory bomb.
const maxICC = 4 << 20

// jpegICC joins the ICC profile split over APP2 segments, in their sequence
// order; nil when there is none or its parts do not add up.
func jpegICC(b []byte) []byte {
	type part struct {
		seq  byte
		data []byte
	}
	var parts []part
	count := 0
	_ = walkJPEG(b, func(m byte, seg []byte) (bool, error) {
		if m == 0xE2 && len(seg) >= 14 && bytes.HasPrefix(seg, []byte(iccPrefix)) {
			parts = append(parts, part{seq: seg[12], data: seg[14:]})
			count = int(seg[13])
		}
		return m != 0xDA && !isSOF(m), nil
	})
	if len(parts) == 0 || len(parts) != count {
		return nil
	}
	slices.SortFunc(parts, func(a, b part) int { return int(a.seq) - int(b.seq) })
	var icc []byte
	for _, p := range parts {
		icc = append(icc, p.data...)
	}
	return icc
}

// pngICC inflates the profile of the iCCP chunk.
func pngICC(b []byte) []byte {
	var icc []byte
	_ = walkPNG(b, func(typ string, data []byte) bool {
		if typ == "iCCP" {
			name := bytes.IndexByte(data, 0)
			if name < 0 || name+2 > len(data) {
				return false
			}
			r, err := zlib.NewReader(bytes.NewReader(data[name+2:]))
			if err != nil {
				return false
			}
			p, err := io.ReadAll(io.LimitReader(r, maxICC))
			if err == nil {
				icc = p
			}
		}
		return typ != "IDAT"
	})
	return icc
}

func webpICC(b []byte) []byte {
	var icc []byte
	_ = walkWebP(b, func(c webpChunk) bool {
		if c.fourcc == "ICCP" {
			icc = c.data
		}
		return true
	})
	return icc
}

func sourceICC(src []byte, f Format) []byte {
	switch f {
	case JPEG:
		return jpegICC(src)
	case PNG:
		return pngICC(src)
	case WebP:
		return webpICC(src)
	}
	return nil
}

// jpegApps makes the APP1 EXIF (when exif is not nil) and the APP2 segments
// carrying icc, which go right after SOI.
func jpegApps(exif, icc []byte) []byte {
	var out []byte
	if exif != nil {
		out = append(out, 0xFF, 0xE1)
		out = binary.BigEndian.AppendUint16(out, uint16(len(exif)+2))
		out = append(out, exif...)
	}
	const room = 65535 - 2 - len(iccPrefix) - 2
	n := (len(icc) + room - 1) / room
	if n > 255 {
		return out // too large for JPEG: better no profile than a broken one
	}
	for k := 0; k < n; k++ {
		part := icc[k*room : min(len(icc), (k+1)*room)]
		out = append(out, 0xFF, 0xE2)
		out = binary.BigEndian.AppendUint16(out, uint16(2+len(iccPrefix)+2+len(part)))
		out = append(out, iccPrefix...)
		out = append(out, byte(k+1), byte(n))
		out = append(out, part...)
	}
	return out
}

// pngICCP makes a whole iCCP chunk for icc.
func pngICCP(icc []byte) []byte {
	var z bytes.Buffer
	z.WriteString("ICC Profile\x00\x00")
	w := zlib.NewWriter(&z)
	w.Write(icc)
	w.Close()
	data := z.Bytes()
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, "iCCP"...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
}
