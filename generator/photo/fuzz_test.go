package photo

import (
	"bytes"
	"encoding/binary"
	"image/gif"
	"testing"
)

// seeds are small valid files of every format, with metadata to remove.
func seeds(f *testing.F) {
	small := photoLike(8, 6, 1)
	f.Add(withSegments(encodeJPEG(f, small, 80), orientationEXIF(binary.LittleEndian, 6), segment(0xFE, []byte("c"))))
	f.Add(encodePNG(f, small))
	png := encodePNG(f, small)
	f.Add(append(append(append([]byte{}, png[:33]...), pngChunk("tEXt", []byte("a\x00b"))...), png[33:]...))
	var g bytes.Buffer
	gif.Encode(&g, small, nil)
	f.Add(g.Bytes())
	f.Add(bombPNG())
	f.Add(bombJPEG())
	f.Add(webpFile(f, webpLossless))
	f.Add(webpFile(f, webpLossy))
	f.Add([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"))
}

func FuzzProbe(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := Probe(b, 1<<20)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if info.Width <= 0 || info.Height <= 0 || info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("Probe = %+v", info)
		}
		for _, s := range Plan(info, Settings{Widths: []int{4, 16}}) {
			if s.Width <= 0 || s.Height <= 0 || s.Width > max(info.Width, 16) {
				t.Fatalf("Plan gives %+v for %+v", s, info)
			}
		}
		// Small pictures can be decoded quickly: Process must not panic either.
		if int64(info.Width)*int64(info.Height) <= 1<<12 {
			Process(b, Settings{Widths: []int{4, 16}, MaxPixels: 1 << 12})
		}
	})
}

func FuzzClean(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, keep := range []bool{false, true} {
			out, err := Clean(b, keep)
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("error of type %T: %v", err, err)
				}
				continue
			}
			again, err := Clean(out, keep)
			if err != nil || !bytes.Equal(again, out) {
				t.Fatalf("cleaning twice differs: %v", err)
			}
		}
	})
}
