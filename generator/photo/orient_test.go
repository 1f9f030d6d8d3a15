package photo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// upright is 40×30 with a distinct colour in each quadrant, as a viewer
// should show it: red top left, green top right, blue bottom left, yellow
// bottom right.
func upright() *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := 0; y < 30; y++ {
		for x := 0; x < 40; x++ {
			c := map[[2]bool]color.RGBA{
				{false, false}: {255, 0, 0, 255}, {true, false}: {0, 255, 0, 255},
				{false, true}: {0, 0, 255, 255}, {true, true}: {255, 255, 0, 255},
			}[[2]bool{x >= 20, y >= 15}]
			m.Set(x, y, c)
		}
	}
	return m
}

func flipH(m *image.RGBA) *image.RGBA {
	b := m.Bounds()
	out := image.NewRGBA(b)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			out.Set(b.Dx()-1-x, y, m.At(x, y))
		}
	}
	return out
}

// rotCW turns a picture a quarter clockwise: its left column becomes the top row.
func rotCW(m *image.RGBA) *image.RGBA {
	b := m.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			out.Set(b.Dy()-1-y, x, m.At(x, y))
		}
	}
	return out
}

func rotN(m *image.RGBA, n int) *image.RGBA {
	for ; n > 0; n-- {
		m = rotCW(m)
	}
	return m
}

// stored undoes what a viewer does for each orientation, in exiftool's words:
// 2 mirror horizontal, 3 rotate 180, 4 mirror vertical, 5 mirror horizontal
// and rotate 270 CW, 6 rotate 90 CW, 7 mirror horizontal and rotate 90 CW,
// 8 rotate 270 CW.
func stored(u *image.RGBA, o int) *image.RGBA {
	switch o {
	case 2:
		return flipH(u)
	case 3:
		return rotN(u, 2)
	case 4:
		return flipH(rotN(u, 2))
	case 5:
		return flipH(rotN(u, 1))
	case 6:
		return rotN(u, 3)
	case 7:
		return flipH(rotN(u, 3))
	case 8:
		return rotN(u, 1)
	}
	return u
}

func orientationEXIF(bo order, o int) []byte {
	w := newTIFF(bo)
	w.ifd([]tEntry{tShort(bo, 0x0112, uint16(o))})
	return segment(0xE1, append([]byte("Exif\x00\x00"), w.buf...))
}

func TestProcessTurnsEveryOrientationUpright(t *testing.T) {
	for o := 1; o <= 8; o++ {
		for _, bo := range []order{binary.LittleEndian, binary.BigEndian} {
			t.Run(fmt.Sprintf("orientation %d %s", o, bo), func(t *testing.T) {
				src := withSegments(encodeJPEG(t, stored(upright(), o), 95), orientationEXIF(bo, o))
				info, err := Probe(src, 0)
				if err != nil {
					t.Fatal(err)
				}
				if info.Width != 40 || info.Height != 30 || info.Orientation != o {
					t.Fatalf("Probe = %dx%d orientation %d, want 40x30 orientation %d", info.Width, info.Height, info.Orientation, o)
				}
				vs, err := Process(src, Settings{Widths: []int{20, 80}})
				if err != nil {
					t.Fatal(err)
				}
				if len(vs) != 2 || vs[0].Width != 20 || vs[0].Height != 15 || vs[1].Width != 40 || vs[1].Height != 30 {
					t.Fatalf("sizes = %+v", vs)
				}
				for _, v := range vs {
					m, err := jpeg.Decode(bytes.NewReader(v.Data))
					if err != nil {
						t.Fatal(err)
					}
					w, h := m.Bounds().Dx(), m.Bounds().Dy()
					got := [4]string{coarse(m.At(w/4, h/4)), coarse(m.At(3*w/4, h/4)), coarse(m.At(w/4, 3*h/4)), coarse(m.At(3*w/4, 3*h/4))}
					want := [4]string{"red", "green", "blue", "yellow"}
					if got != want {
						t.Errorf("%dpx: quadrants %v, want %v", v.Width, got, want)
					}
					if segs, _ := jpegSegments(t, v.Data); hasMarker(segs, 0xE1) {
						t.Errorf("%dpx: variant has an EXIF segment, so a viewer would turn it again", v.Width)
					}
				}
			})
		}
	}
}

func hasMarker(segs []jpegSeg, m byte) bool {
	for _, s := range segs {
		if s.marker == m {
			return true
		}
	}
	return false
}
