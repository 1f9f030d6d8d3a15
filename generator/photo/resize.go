package photo

import (
	"image"
	"image/color"
	"math"
)

// The resizer is Catmull-Rom, separable, in 14-bit fixed point on 8-bit
// premultiplied RGBA, horizontal pass first into an 8-bit buffer (as Pillow
// does). x/image/draw's kernel scaler keeps its intermediate in float64s,
// which for a 12-megapixel photo is over 150 MB; this one needs a quarter of
// the output width times the source height in bytes, and reads YCbCr rows
// directly so the full-size picture is never converted to RGBA.

const (
	fixBits = 14
	fixOne  = 1 << fixBits
)

// taps are the weights of one resampling direction: output i reads count[i]
// source samples from start[i] with weights w[i*n:].
type taps struct {
	n     int
	start []int
	count []int
	w     []int32
}

func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}

func makeTaps(src, dst int) taps {
	scale := float64(src) / float64(dst)
	fs := max(scale, 1)
	support := 2 * fs
	n := int(math.Ceil(support))*2 + 1
	t := taps{n: n, start: make([]int, dst), count: make([]int, dst), w: make([]int32, dst*n)}
	fw := make([]float64, n)
	for i := 0; i < dst; i++ {
		center := (float64(i) + 0.5) * scale
		lo := max(int(center-support+0.5), 0)
		hi := min(int(center+support+0.5), src, lo+n)
		sum := 0.0
		for j := lo; j < hi; j++ {
			fw[j-lo] = catmullRom((float64(j) - center + 0.5) / fs)
			sum += fw[j-lo]
		}
		w := t.w[i*n : i*n+hi-lo]
		total, big := int32(0), 0
		for j := range w {
			w[j] = int32(math.Round(fw[j] / sum * fixOne))
			total += w[j]
			if w[j] > w[big] {
				big = j
			}
		}
		w[big] += fixOne - total // an exact sum keeps opaque pixels opaque
		// Zero weights at the ends cost time and say nothing.
		for len(w) > 1 && w[len(w)-1] == 0 {
			w = w[:len(w)-1]
		}
		for len(w) > 1 && w[0] == 0 {
			w = w[1:]
			lo++
		}
		copy(t.w[i*n:], w)
		t.start[i], t.count[i] = lo, len(w)
	}
	return t
}

func clamp8(v int32) uint8 {
	v = (v + fixOne/2) >> fixBits
	if uint32(v) > 255 {
		if v < 0 {
			return 0
		}
		return 255
	}
	return uint8(v)
}

// resize scales the picture behind rows (sw×sh, stored) to dw×dh and turns
// it upright from orientation o on the way, so no full-size copy is ever
// turned. Source rows are resampled horizontally into a ring just deep enough
// for the vertical taps, which keeps memory to the output and a few rows. For
// an opaque picture alpha is not computed: it stays 255.
func resize(rows rowFunc, sw, sh, dw, dh int, opaque bool, o int) *image.RGBA {
	tx, ty := makeTaps(sw, dw), makeTaps(sh, dh)
	stride := dw * 4
	ring := make([]uint8, ty.n*stride)
	line := make([]uint8, sw*4)
	next := 0 // the next source row to resample
	dst := uprightRGBA(dw, dh, o)
	acc := make([]int32, stride)
	row := make([]uint8, stride)
	for y := 0; y < dh; y++ {
		start, cnt := ty.start[y], ty.count[y]
		// Taps only move forward and span at most n rows, so the row a
		// slot held is never needed again once it is overwritten.
		for ; next < start+cnt; next++ {
			rows(next, line)
			horizontal(ring[next%ty.n*stride:][:stride], line, tx, opaque)
		}
		clear(acc)
		for j, k := range ty.w[y*ty.n : y*ty.n+cnt] {
			src := ring[(start+j)%ty.n*stride:][:stride]
			acc := acc[:len(src)]
			for i, v := range src {
				acc[i] += int32(v) * k
			}
		}
		for i := 0; i+3 < len(row); i += 4 {
			p, a := row[i:i+4:i+4], acc[i:i+4:i+4]
			if opaque {
				p[0], p[1], p[2], p[3] = clamp8(a[0]), clamp8(a[1]), clamp8(a[2]), 255
			} else {
				putPremul(p, a[0], a[1], a[2], a[3])
			}
		}
		place(dst, row, y, dw, dh, o)
	}
	return dst
}

// uprightRGBA makes the picture that w×h stored pixels with orientation o
// fill once upright.
func uprightRGBA(w, h, o int) *image.RGBA {
	if o >= 5 {
		w, h = h, w
	}
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

// place writes stored row sy of a w×h picture with orientation o where an
// upright viewer shows it in dst. Each EXIF orientation says where the
// stored rows and columns go: 6, for one, puts row 0 on the right and
// column 0 at the top.
func place(dst *image.RGBA, row []uint8, sy, w, h, o int) {
	st := dst.Stride
	var off, step int
	switch o {
	case 2:
		off, step = sy*st+(w-1)*4, -4
	case 3:
		off, step = (h-1-sy)*st+(w-1)*4, -4
	case 4:
		off, step = (h-1-sy)*st, 4
	case 5:
		off, step = sy*4, st
	case 6:
		off, step = (h-1-sy)*4, st
	case 7:
		off, step = (w-1)*st+(h-1-sy)*4, -st
	case 8:
		off, step = (w-1)*st+sy*4, -st
	default:
		copy(dst.Pix[sy*st:], row[:w*4])
		return
	}
	for x := 0; x < w; x++ {
		copy(dst.Pix[off+x*step:off+x*step+4], row[x*4:x*4+4])
	}
}

// horizontal resamples one row.
func horizontal(out, line []uint8, tx taps, opaque bool) {
	for x := 0; x < len(out)/4; x++ {
		cnt := tx.count[x]
		w := tx.w[x*tx.n : x*tx.n+cnt]
		src := line[tx.start[x]*4 : (tx.start[x]+cnt)*4]
		p := out[x*4 : x*4+4 : x*4+4]
		var r, g, b, a int32
		if opaque {
			for ; len(w) > 0 && len(src) >= 4; w, src = w[1:], src[4:] {
				k := w[0]
				r += int32(src[0]) * k
				g += int32(src[1]) * k
				b += int32(src[2]) * k
			}
			p[0], p[1], p[2], p[3] = clamp8(r), clamp8(g), clamp8(b), 255
			continue
		}
		for j, k := range w {
			s := src[j*4 : j*4+4 : j*4+4]
			r += int32(s[0]) * k
			g += int32(s[1]) * k
			b += int32(s[2]) * k
			a += int32(s[3]) * k
		}
		putPremul(p, r, g, b, a)
	}
}

// putPremul stores a pixel, keeping colour at most alpha as premultiplied
// RGBA requires (Catmull-Rom overshoots at sharp edges).
func putPremul(p []uint8, r, g, b, a int32) {
	av := clamp8(a)
	p[0], p[1], p[2], p[3] = min(clamp8(r), av), min(clamp8(g), av), min(clamp8(b), av), av
}

// rowFunc writes row y of a picture as premultiplied RGBA into dst.
type rowFunc func(y int, dst []uint8)

// rowsOf reads rows of the decoders' own pixel types without converting the
// whole picture first.
func rowsOf(img image.Image) rowFunc {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.YCbCr:
		return ycbcrRows(m)
	case *image.RGBA:
		return func(y int, dst []uint8) {
			i := m.PixOffset(b.Min.X, b.Min.Y+y)
			copy(dst, m.Pix[i:i+b.Dx()*4])
		}
	case *image.NRGBA:
		return func(y int, dst []uint8) {
			i := m.PixOffset(b.Min.X, b.Min.Y+y)
			src := m.Pix[i : i+b.Dx()*4]
			for x := 0; x+3 < len(src); x += 4 {
				a := uint16(src[x+3])
				dst[x] = uint8((uint16(src[x])*a + 127) / 255)
				dst[x+1] = uint8((uint16(src[x+1])*a + 127) / 255)
				dst[x+2] = uint8((uint16(src[x+2])*a + 127) / 255)
				dst[x+3] = uint8(a)
			}
		}
	case *image.Gray:
		return func(y int, dst []uint8) {
			i := m.PixOffset(b.Min.X, b.Min.Y+y)
			for x, v := range m.Pix[i : i+b.Dx()] {
				dst[x*4], dst[x*4+1], dst[x*4+2], dst[x*4+3] = v, v, v, 255
			}
		}
	case *image.Paletted:
		var pal [256][4]uint8
		for k, c := range m.Palette {
			r, g, bl, a := c.RGBA()
			pal[k] = [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}
		}
		return func(y int, dst []uint8) {
			i := m.PixOffset(b.Min.X, b.Min.Y+y)
			for x, v := range m.Pix[i : i+b.Dx()] {
				copy(dst[x*4:x*4+4], pal[v][:])
			}
		}
	}
	return func(y int, dst []uint8) {
		for x := 0; x < b.Dx(); x++ {
			c := color.RGBA64Model.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.RGBA64)
			dst[x*4], dst[x*4+1], dst[x*4+2], dst[x*4+3] = uint8(c.R>>8), uint8(c.G>>8), uint8(c.B>>8), uint8(c.A>>8)
		}
	}
}

// ycbcrRows converts one row at a time with the same integer arithmetic as
// color.YCbCrToRGB, inlined because this loop runs for every source pixel.
func ycbcrRows(m *image.YCbCr) rowFunc {
	b := m.Rect
	sx, sy, _ := subsampling(m.SubsampleRatio)
	return func(y int, dst []uint8) {
		yy := b.Min.Y + y
		yRow := m.Y[m.YOffset(b.Min.X, yy):]
		c0 := (yy>>sy - b.Min.Y>>sy) * m.CStride
		cbRow, crRow := m.Cb[c0:], m.Cr[c0:]
		for x := 0; x < b.Dx(); x++ {
			cx := (b.Min.X+x)>>sx - b.Min.X>>sx
			y1 := int32(yRow[x]) * 0x10101
			cb1 := int32(cbRow[cx]) - 128
			cr1 := int32(crRow[cx]) - 128
			r := y1 + 91881*cr1
			g := y1 - 22554*cb1 - 46802*cr1
			bl := y1 + 116130*cb1
			p := dst[x*4 : x*4+4 : x*4+4]
			p[0], p[1], p[2], p[3] = clampYCC(r), clampYCC(g), clampYCC(bl), 255
		}
	}
}

func clampYCC(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	return uint8(^(v >> 31))
}

// subsampling gives how many bits a chroma plane's columns and rows are
// shifted by against the luma plane; ok is false for a ratio Go's decoder
// does not make.
func subsampling(r image.YCbCrSubsampleRatio) (sx, sy uint, ok bool) {
	switch r {
	case image.YCbCrSubsampleRatio444:
		return 0, 0, true
	case image.YCbCrSubsampleRatio422:
		return 1, 0, true
	case image.YCbCrSubsampleRatio420:
		return 1, 1, true
	case image.YCbCrSubsampleRatio440:
		return 0, 1, true
	case image.YCbCrSubsampleRatio411:
		return 2, 0, true
	case image.YCbCrSubsampleRatio410:
		return 2, 1, true
	}
	return 0, 0, false
}
