package photo

import (
	"encoding/binary"
	"io"
)

// gifBlock is one top-level block of a GIF: an extension (kind 0x21, with
// its label) or an image (kind 0x2C), spanning b[start:end].
type gifBlock struct {
	kind, label byte
	start, end  int
}

// gifScreen is the length of the header, logical screen descriptor and
// global colour table, which come before the first block.
func gifScreen(b []byte) (int, error) {
	if len(b) < 13 {
		return 0, io.ErrUnexpectedEOF
	}
	n := 13
	if b[10]&0x80 != 0 {
		n += 3 << (b[10]&7 + 1)
	}
	if n > len(b) {
		return 0, io.ErrUnexpectedEOF
	}
	return n, nil
}

// walkGIF calls fn for each block until the trailer; fn returns false to stop.
func walkGIF(b []byte, fn func(gifBlock) bool) error {
	i, err := gifScreen(b)
	if err != nil {
		return err
	}
	for {
		if i >= len(b) {
			return io.ErrUnexpectedEOF
		}
		blk := gifBlock{kind: b[i], start: i}
		var j int
		switch b[i] {
		case 0x3B:
			return nil
		case 0x21:
			if i+2 > len(b) {
				return io.ErrUnexpectedEOF
			}
			blk.label = b[i+1]
			j = i + 2
		case 0x2C:
			if i+10 > len(b) {
				return io.ErrUnexpectedEOF
			}
			j = i + 10
			if f := b[i+9]; f&0x80 != 0 {
				j += 3 << (f&7 + 1)
			}
			j++ // LZW minimum code size
		default:
			return corruptf("gif block 0x%02x at byte %d is unknown", b[i], i)
		}
		end, err := skipSubBlocks(b, j)
		if err != nil {
			return err
		}
		blk.end = end
		if !fn(blk) {
			return nil
		}
		i = end
	}
}

// skipSubBlocks returns the index after the chain of data sub-blocks at b[i:].
func skipSubBlocks(b []byte, i int) (int, error) {
	for {
		if i >= len(b) {
			return 0, io.ErrUnexpectedEOF
		}
		n := int(b[i])
		i += 1 + n
		if n == 0 {
			return i, nil
		}
	}
}

func gifHeader(b []byte) (header, error) {
	var h header
	if len(b) < 13 {
		return h, io.ErrUnexpectedEOF
	}
	h.width = int(binary.LittleEndian.Uint16(b[6:]))
	h.height = int(binary.LittleEndian.Uint16(b[8:]))
	frames := 0
	err := walkGIF(b, func(blk gifBlock) bool {
		if blk.kind == 0x2C {
			frames++
		}
		return frames < 2
	})
	if err != nil && frames == 0 {
		return h, err
	}
	h.animated = frames > 1
	h.asIs = h.animated
	return h, nil
}

// gifKeep says whether a GIF block is picture or looping rather than metadata.
func gifKeep(b []byte, blk gifBlock) bool {
	if blk.kind != 0x21 {
		return true
	}
	switch blk.label {
	case 0xFE: // comment
		return false
	case 0xFF: // application: only the looping ones matter to a viewer
		id := b[blk.start+2 : blk.end]
		if len(id) < 12 || id[0] != 11 {
			return false
		}
		s := string(id[1:12])
		return s == "NETSCAPE2.0" || s == "ANIMEXTS1.0"
	}
	return true
}

func cleanGIF(b []byte) ([]byte, error) {
	screen, err := gifScreen(b)
	if err != nil {
		return nil, corrupt(err)
	}
	var keep []gifBlock
	dropped := false
	end := screen
	err = walkGIF(b, func(blk gifBlock) bool {
		if gifKeep(b, blk) {
			keep = append(keep, blk)
		} else {
			dropped = true
		}
		end = blk.end
		return true
	})
	if err != nil {
		return nil, corrupt(err)
	}
	if !dropped && end+1 == len(b) {
		return b, nil
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:screen]...)
	for _, blk := range keep {
		out = append(out, b[blk.start:blk.end]...)
	}
	return append(out, 0x3B), nil
}
