package photo

import "image"

// Resizing a JPEG's Y, Cb and Cr planes separately and converting only the
// small result to RGB does about half the work of converting every source
// pixel and resizing three channels: the chroma planes of a phone photo are
// a quarter of its size. Resampling is linear and the conversion affine, so
// the result is the same up to rounding. Chroma samples sit at the centre of
// the luma pixels they cover (JFIF), which is what scaling the smaller plane
// to the full output size assumes.

// resizeYCbCr scales m to dw×dh (stored) and turns it upright from
// orientation o; ok is false for layouts it does not handle.
func resizeYCbCr(m *image.YCbCr, dw, dh, o int) (*image.RGBA, bool) {
	sx, sy, ok := subsampling(m.SubsampleRatio)
	if !ok || sx > 1 {
		return nil, false // 4:1:1 and 4:1:0 take the general path
	}
	if m.Rect.Min != (image.Point{}) {
		return nil, false
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	cw, ch := (w+1<<sx-1)>>sx, (h+1<<sy-1)>>sy
	Y := resizePlane(m.Y, m.YStride, w, h, dw, dh)
	Cb := resizePlane(m.Cb, m.CStride, cw, ch, dw, dh)
	Cr := resizePlane(m.Cr, m.CStride, cw, ch, dw, dh)
	dst := uprightRGBA(dw, dh, o)
	row := make([]uint8, dw*4)
	for y := 0; y < dh; y++ {
		i := y * dw
		ycbcrToRGBA(row, Y[i:i+dw], Cb[i:i+dw], Cr[i:i+dw])
		place(dst, row, y, dw, dh, o)
	}
	return dst, true
}

// ycbcrToRGBA converts one row with the integer arithmetic of
// color.YCbCrToRGB.
func ycbcrToRGBA(dst, ys, cbs, crs []uint8) {
	for x := range ys {
		y1 := int32(ys[x]) * 0x10101
		cb1 := int32(cbs[x]) - 128
		cr1 := int32(crs[x]) - 128
		p := dst[x*4 : x*4+4 : x*4+4]
		p[0] = clampYCC(y1 + 91881*cr1)
		p[1] = clampYCC(y1 - 22554*cb1 - 46802*cr1)
		p[2] = clampYCC(y1 + 116130*cb1)
		p[3] = 255
	}
}

// resizePlane scales one 8-bit plane (sw×sh, rows stride apart) to dw×dh,
// through a ring of horizontally resampled rows as resize does.
func resizePlane(src []uint8, stride, sw, sh, dw, dh int) []uint8 {
	tx, ty := makeTaps(sw, dw), makeTaps(sh, dh)
	ring := make([]uint8, dw*ty.n)
	dst := make([]uint8, dw*dh)
	acc := make([]int32, dw)
	next := 0
	for y := 0; y < dh; y++ {
		start, cnt := ty.start[y], ty.count[y]
		for ; next < start+cnt; next++ {
			planeRow(ring[next%ty.n*dw:][:dw], src[next*stride:next*stride+sw], tx)
		}
		clear(acc)
		for j, k := range ty.w[y*ty.n : y*ty.n+cnt] {
			for i, v := range ring[(start+j)%ty.n*dw:][:dw] {
				acc[i] += int32(v) * k
			}
		}
		for i, a := range acc {
			dst[y*dw+i] = clamp8(a)
		}
	}
	return dst
}

// planeRow resamples one row of a plane horizontally.
func planeRow(out, line []uint8, tx taps) {
	for x := range out {
		cnt := tx.count[x]
		w := tx.w[x*tx.n : x*tx.n+cnt]
		s := line[tx.start[x] : tx.start[x]+cnt]
		var v int32
		for j, k := range w {
			if j < len(s) {
				v += int32(s[j]) * k
			}
		}
		out[x] = clamp8(v)
	}
}
