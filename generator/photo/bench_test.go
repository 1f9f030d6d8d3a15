package photo

import (
	"encoding/binary"
	"testing"
)

// phonePhoto is a 4000×3000 JPEG at quality 92 that compresses like a photo
// (smooth gradients and noise), stored sideways with orientation 6 and an
// ICC profile, as phones write them.
func phonePhoto(b *testing.B) []byte {
	b.Helper()
	src := encodeJPEG(b, photoLike(4000, 3000, 7), 92)
	segs := append([][]byte{orientationEXIF(binary.BigEndian, 6)}, iccSegments(fakeICC(3000), 60000)...)
	return withSegments(src, segs...)
}

var defaultWidths = []int{480, 800, 1200, 1600}

func BenchmarkProcessPhone(b *testing.B) {
	src := phonePhoto(b)
	b.Logf("source: %.1f MB", float64(len(src))/1e6)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Process(src, Settings{Widths: defaultWidths, Quality: 80}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProbe(b *testing.B) {
	src := phonePhoto(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Probe(src, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClean(b *testing.B) {
	src := phonePhoto(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Clean(src, false); err != nil {
			b.Fatal(err)
		}
	}
}
