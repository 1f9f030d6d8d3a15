package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// Plan is the list of variants that Process makes for a picture with this
// header, smallest first, without reading pixels: every configured width
// smaller than the upright width, plus the upright width itself when it is
// smaller than the largest configured width (pictures are never upscaled).
// Heights keep the ratio. JPEG and opaque WebP give JPEG; PNG, GIF and WebP
// with alpha give PNG; an animation is one variant at its own size in its own
// format, which Process fills with the cleaned source.
func Plan(info Info, s Settings) []Size {
	if info.Width <= 0 || info.Height <= 0 {
		return nil
	}
	if info.asIs || info.Animated {
		ext := "." + string(info.Format)
		return []Size{{Width: info.Width, Height: info.Height, Ext: ext}}
	}
	ext := ".png"
	if info.Format == JPEG || (info.Format == WebP && !info.alpha) {
		ext = ".jpg"
	}
	var sizes []Size
	largest := 0
	for _, w := range s.Widths {
		if w > 0 && w < info.Width && (len(sizes) == 0 || w > sizes[len(sizes)-1].Width) {
			sizes = append(sizes, Size{Width: w, Height: scaledHeight(w, info), Ext: ext})
		}
		largest = max(largest, w)
	}
	if info.Width < largest || len(sizes) == 0 {
		sizes = append(sizes, Size{Width: info.Width, Height: info.Height, Ext: ext})
	}
	return sizes
}

func scaledHeight(w int, info Info) int {
	h := int((int64(w)*int64(info.Height)*2 + int64(info.Width)) / (2 * int64(info.Width)))
	return max(h, 1)
}

// Process decodes src once, turns it upright, resizes it to every size of
// Plan and encodes each. The largest variant is resized from the source and
// each smaller one from the next larger, which costs little and looks the
// same at these ratios. Pixels are resized as stored and turned upright only
// when small. The source's ICC profile goes into every variant; no other
// metadata does, except EXIF Artist and Copyright in JPEG variants when
// KeepCopyright (PNG variants carry none).
func Process(src []byte, s Settings) ([]Variant, error) {
	info, err := Probe(src, s.MaxPixels)
	if err != nil {
		return nil, err
	}
	sizes := Plan(info, s)
	if info.asIs {
		data, err := Clean(src, s.KeepCopyright)
		if err != nil {
			return nil, err
		}
		return []Variant{{Size: sizes[0], Data: data}}, nil
	}
	img, err := decode(src, info.Format)
	if err != nil {
		return nil, err
	}
	var exif []byte
	if s.KeepCopyright && info.Format == JPEG {
		exif = copyrightEXIF(src)
	}
	return render(img, info, sizes, encoder{quality: s.quality(), icc: sourceICC(src, info.Format), exif: exif})
}

func decode(src []byte, f Format) (image.Image, error) {
	r := bytes.NewReader(src)
	var img image.Image
	var err error
	switch f {
	case JPEG:
		img, err = jpeg.Decode(r)
	case PNG:
		img, err = png.Decode(r)
	case GIF:
		img, err = gif.Decode(r)
	case WebP:
		img, err = webp.Decode(r)
	}
	if err != nil {
		if errors.Is(err, io.EOF) || (f == JPEG && !bytes.Contains(src[max(0, len(src)-64<<10):], []byte{0xFF, 0xD9})) {
			// A picture cut short, whatever the decoder calls it ("short
			// Huffman data"): a whole JPEG ends with EOI, then at most what
			// phones append after it.
			err = io.ErrUnexpectedEOF
		}
		return nil, corrupt(err)
	}
	if img.Bounds().Empty() {
		return nil, corruptf("%s has no pixels", f)
	}
	return img, nil
}

// render makes the variants of img, largest first. The largest is resized
// from the stored pixels and turned upright as it is written; each smaller
// one is resized from the next larger, already upright.
func render(img image.Image, info Info, sizes []Size, enc encoder) ([]Variant, error) {
	out := make([]Variant, len(sizes))
	b := img.Bounds()
	rows, sw, sh, o := rowsOf(img), b.Dx(), b.Dy(), info.Orientation
	opaque := isOpaque(img)
	for k := len(sizes) - 1; k >= 0; k-- {
		sz := sizes[k]
		dw, dh := sz.Width, sz.Height
		if o >= 5 {
			dw, dh = dh, dw
		}
		var m *image.RGBA
		if dw == sw && dh == sh {
			m = copyRows(rows, sw, sh, o)
		} else if yc, ok := img.(*image.YCbCr); ok {
			if m, ok = resizeYCbCr(yc, dw, dh, o); !ok {
				m = resize(rows, sw, sh, dw, dh, opaque, o)
			}
		} else {
			m = resize(rows, sw, sh, dw, dh, opaque, o)
		}
		rows, sw, sh, o = rowsOf(m), sz.Width, sz.Height, 1
		img = nil // the full-size picture can go before the next encode
		data, err := enc.encode(m, sz.Ext)
		if err != nil {
			return nil, fmt.Errorf("encode %dpx: %w", sz.Width, err)
		}
		out[k] = Variant{Size: sz, Data: data}
	}
	return out, nil
}

// isOpaque says cheaply whether a decoded picture has no alpha at all.
func isOpaque(img image.Image) bool {
	switch img.(type) {
	case *image.YCbCr, *image.Gray, *image.CMYK, *image.Gray16:
		return true
	}
	return false
}

// copyRows turns a picture upright without resizing it.
func copyRows(rows rowFunc, w, h, o int) *image.RGBA {
	m := uprightRGBA(w, h, o)
	row := make([]uint8, w*4)
	for y := 0; y < h; y++ {
		rows(y, row)
		place(m, row, y, w, h, o)
	}
	return m
}

// copyrightEXIF keeps Artist and Copyright of a JPEG's EXIF; nil without them.
func copyrightEXIF(src []byte) []byte {
	var t tiffFacts
	_ = walkJPEG(src, func(m byte, seg []byte) (bool, error) {
		if m == 0xE1 && bytes.HasPrefix(seg, []byte(exifPrefix)) {
			t = readTIFF(seg[len(exifPrefix):])
			return false, nil
		}
		return m != 0xDA && !isSOF(m), nil
	})
	return writeEXIF(1, t.artist, t.copyright)
}

// encoder writes variants with the source's colour profile.
type encoder struct {
	quality int
	icc     []byte
	exif    []byte
}

func (e encoder) encode(m *image.RGBA, ext string) ([]byte, error) {
	var buf bytes.Buffer
	if ext == ".jpg" {
		if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: e.quality}); err != nil {
			return nil, err
		}
		b := buf.Bytes()
		apps := jpegApps(e.exif, e.icc)
		out := make([]byte, 0, len(b)+len(apps))
		out = append(out, b[:2]...)
		out = append(out, apps...)
		return append(out, b[2:]...), nil
	}
	// Default compression: 15–30% smaller than BestSpeed for about the same
	// time on photos and +20 ms on a 1600px screenshot (measured); variants
	// are cached and downloaded many times.
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, m); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if len(e.icc) == 0 {
		return b, nil
	}
	const afterIHDR = 8 + 12 + 13
	iccp := pngICCP(e.icc)
	out := make([]byte, 0, len(b)+len(iccp))
	out = append(out, b[:afterIHDR]...)
	out = append(out, iccp...)
	return append(out, b[afterIHDR:]...), nil
}
