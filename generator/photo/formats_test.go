package photo

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/image/webp"
)

func TestCleanGIFDropsCommentsKeepsAnimation(t *testing.T) {
	frames := make([]*image.Paletted, 3)
	for i := range frames {
		frames[i] = image.NewPaletted(image.Rect(0, 0, 8, 6), palette.Plan9)
		frames[i].SetColorIndex(i, i, uint8(i*40+1))
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, &gif.GIF{Image: frames, Delay: []int{10, 10, 10}, LoopCount: 0}); err != nil {
		t.Fatal(err)
	}
	plain := b.Bytes()
	// Insert a comment and XMP right before the first frame's graphic control.
	at := bytes.Index(plain, []byte{0x21, 0xF9})
	comment := append([]byte{0x21, 0xFE, 14}, "SECRET comment"...)
	comment = append(comment, 0)
	xmp := append([]byte{0x21, 0xFF, 11}, "XMP DataXMP"...)
	xmp = append(xmp, 17)
	xmp = append(xmp, "<x>SECRET-XMP</x>"...)
	xmp = append(xmp, 0)
	src := append(append(append(append([]byte{}, plain[:at]...), comment...), xmp...), plain[at:]...)

	out, err := Clean(src, false)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("SECRET")) {
		t.Errorf("hidden metadata left: %q", secretsIn(out))
	}
	if !bytes.Equal(out, plain) {
		t.Error("cleaned GIF differs from the GIF without metadata")
	}
	g, err := gif.DecodeAll(bytes.NewReader(out))
	if err != nil || len(g.Image) != 3 || g.LoopCount != 0 {
		t.Fatalf("cleaned GIF: %v frames, loop %d, %v", len(g.Image), g.LoopCount, err)
	}
	info, err := Probe(src, 0)
	if err != nil || !info.Animated || info.Width != 8 {
		t.Fatalf("Probe = %+v, %v", info, err)
	}
	vs, err := Process(src, Settings{Widths: []int{4}})
	if err != nil || len(vs) != 1 || vs[0].Ext != ".gif" || !bytes.Equal(vs[0].Data, out) {
		t.Errorf("an animated GIF should be published cleaned as it is, got %+v, %v", vs, err)
	}
}

// Tiny WebP files as browsers' feature tests carry them.
const (
	webpLossless = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="
	webpLossy    = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA"
)

func webpFile(t testing.TB, s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// riff wraps chunks in a WebP container.
func riff(chunks ...[]byte) []byte {
	body := []byte("WEBP")
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

func webpChunkBytes(fourcc string, data []byte) []byte {
	c := append([]byte(fourcc), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
	c = append(c, data...)
	if len(data)%2 == 1 {
		c = append(c, 0)
	}
	return c
}

func TestCleanWebPDropsEXIFAndXMP(t *testing.T) {
	lossless := webpFile(t, webpLossless)
	vp8l := lossless[12:]
	icc := fakeICC(400)
	vp8x := []byte{webpEXIF | webpXMP | 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0} // 1×1 canvas, ICC too
	src := riff(webpChunkBytes("VP8X", vp8x), webpChunkBytes("ICCP", icc), vp8l,
		webpChunkBytes("EXIF", []byte("MM\x00*SECRET-GPS")), webpChunkBytes("XMP ", []byte("<x>SECRET-XMP</x>")))
	out, err := Clean(src, true)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("SECRET")) {
		t.Errorf("hidden metadata left: %q", secretsIn(out))
	}
	if out[20]&(webpEXIF|webpXMP) != 0 || out[20]&0x20 == 0 {
		t.Errorf("VP8X flags = %08b", out[20])
	}
	if !bytes.Equal(webpICC(out), icc) {
		t.Error("ICC profile lost")
	}
	if int(binary.LittleEndian.Uint32(out[4:]))+8 != len(out) {
		t.Error("RIFF size is wrong")
	}
	a, err1 := webp.Decode(bytes.NewReader(lossless))
	c, err2 := webp.Decode(bytes.NewReader(out))
	if err1 != nil || err2 != nil || a.At(0, 0) != c.At(0, 0) {
		t.Errorf("pixels differ: %v %v / %v %v", a, err1, c, err2)
	}
}

func TestProcessWebP(t *testing.T) {
	for _, tc := range []struct {
		name, file, ext string
	}{
		{"lossless gives PNG", webpLossless, ".png"},
		{"opaque lossy gives JPEG", webpLossy, ".jpg"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs, err := Process(webpFile(t, tc.file), Settings{Widths: []int{480}})
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != 1 || vs[0].Ext != tc.ext || vs[0].Width != 1 {
				t.Errorf("variants = %+v", vs)
			}
			if _, _, err := image.Decode(bytes.NewReader(vs[0].Data)); err != nil {
				t.Error(err)
			}
		})
	}
}

// bombPNG claims 60000×60000 pixels in a few bytes.
func bombPNG() []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, 60000)
	ihdr = binary.BigEndian.AppendUint32(ihdr, 60000)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	b := append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
	b = append(b, pngChunk("IDAT", zlibBytes(make([]byte, 4000)))...)
	return append(b, pngChunk("IEND", nil)...)
}

func bombJPEG() []byte {
	sof := []byte{8, 0xEA, 0x60, 0xEA, 0x60, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}
	b := append([]byte{0xFF, 0xD8}, segment(0xC0, sof)...)
	return append(b, 0xFF, 0xD9)
}

func TestProbeRefusesPixelBombsWithoutMemory(t *testing.T) {
	for name, src := range map[string][]byte{"png": bombPNG(), "jpeg": bombJPEG()} {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Probe(src, 0)
			_, perr := Process(src, Settings{Widths: []int{480}})
			runtime.ReadMemStats(&after)
			var e *Error
			if !errors.As(err, &e) || e.Kind != TooLarge || e.Width != 60000 || e.Max != 50_000_000 {
				t.Fatalf("Probe error = %v", err)
			}
			if !errors.As(perr, &e) || e.Kind != TooLarge {
				t.Fatalf("Process error = %v", perr)
			}
			if d := after.TotalAlloc - before.TotalAlloc; d > 1<<20 {
				t.Errorf("allocated %d bytes", d)
			}
			want := "picture is 60000×60000 pixels (3600 megapixels), more than the limit of 50 megapixels"
			if e.Error() != want {
				t.Errorf("message %q", e.Error())
			}
			if msg, hint := e.Vi(); !strings.Contains(msg, "3600 megapixel") || !strings.Contains(hint, "maxPixels") {
				t.Errorf("Vietnamese %q / %q", msg, hint)
			}
			if allocs := testing.AllocsPerRun(10, func() { Probe(src, 0) }); allocs > 20 {
				t.Errorf("Probe makes %v allocations", allocs)
			}
		})
	}
}

func TestUnusablePictures(t *testing.T) {
	full := encodeJPEG(t, photoLike(400, 300, 3), 90)
	ftyp := func(brands ...string) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(8+4*len(brands)+4))
		b = append(b, "ftyp"...)
		b = append(b, brands[0]...)
		b = append(b, 0, 0, 0, 0)
		for _, br := range brands[1:] {
			b = append(b, br...)
		}
		return append(b, make([]byte, 64)...)
	}
	random := make([]byte, 500)
	for i := range random {
		random[i] = byte(i*131 + 7)
	}
	for _, tc := range []struct {
		name   string
		src    []byte
		kind   ErrorKind
		format string
	}{
		{"truncated JPEG", full[:len(full)/2], Corrupt, ""},
		{"JPEG cut in its header", full[:40], Corrupt, ""},
		{"truncated PNG", encodePNG(t, photoLike(50, 50, 1))[:300], Corrupt, ""},
		{"HEIC from an iPhone", ftyp("heic", "mif1", "heic"), Unsupported, "HEIC"},
		{"HEIF mif1", ftyp("mif1", "mif1", "heix"), Unsupported, "HEIC"},
		{"HEIC heix", ftyp("heix", "mif1"), Unsupported, "HEIC"},
		{"HEVC sequence", ftyp("hevc", "msf1"), Unsupported, "HEIC"},
		{"AVIF", ftyp("avif", "mif1", "avif"), Unsupported, "AVIF"},
		{"AVIF under mif1", ftyp("mif1", "mif1", "avif"), Unsupported, "AVIF"},
		{"TIFF", []byte("II*\x00\x08\x00\x00\x00"), Unsupported, "TIFF"},
		{"BMP", append([]byte("BM"), make([]byte, 60)...), Unsupported, "BMP"},
		{"SVG", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), Unsupported, "SVG"},
		{"random bytes", random, Unsupported, ""},
		{"empty", nil, Unsupported, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Process(tc.src, Settings{Widths: []int{100}})
			var e *Error
			if !errors.As(err, &e) || e.Kind != tc.kind || e.Format != tc.format {
				t.Fatalf("error = %#v, want kind %d format %q", err, tc.kind, tc.format)
			}
			msg, hint := e.Vi()
			if e.Error() == "" || e.Hint() == "" || msg == "" || hint == "" {
				t.Errorf("missing words: %q %q %q %q", e.Error(), e.Hint(), msg, hint)
			}
		})
	}
	_, err := Process(full[:len(full)/2], Settings{})
	if err.Error() != "picture is damaged or cut short: unexpected EOF" {
		t.Errorf("truncated JPEG says %q", err)
	}
	_, err = Probe([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), 0)
	var e *Error
	errors.As(err, &e)
	if e.Error() != "HEIC pictures (from iPhones) cannot be published" || !strings.Contains(e.Hint(), "Most Compatible") {
		t.Errorf("HEIC says %q / %q", e.Error(), e.Hint())
	}
	if msg, _ := e.Vi(); msg != "ảnh HEIC (từ iPhone) không đăng được" {
		t.Errorf("HEIC in Vietnamese: %q", msg)
	}
}

func TestPlan(t *testing.T) {
	widths := []int{480, 800, 1200, 1600}
	for _, tc := range []struct {
		name string
		info Info
		want string
	}{
		{"phone photo", Info{Format: JPEG, Width: 4000, Height: 3000}, "480x360.jpg 800x600.jpg 1200x900.jpg 1600x1200.jpg"},
		{"smaller than the largest width", Info{Format: JPEG, Width: 1000, Height: 750}, "480x360.jpg 800x600.jpg 1000x750.jpg"},
		{"exactly the largest width", Info{Format: JPEG, Width: 1600, Height: 900}, "480x270.jpg 800x450.jpg 1200x675.jpg"},
		{"narrower than every width", Info{Format: PNG, Width: 300, Height: 100}, "300x100.png"},
		{"portrait", Info{Format: JPEG, Width: 3000, Height: 4000}, "480x640.jpg 800x1067.jpg 1200x1600.jpg 1600x2133.jpg"},
		{"a thin strip keeps one pixel", Info{Format: PNG, Width: 4000, Height: 2}, "480x1.png 800x1.png 1200x1.png 1600x1.png"},
		{"static GIF gives PNG", Info{Format: GIF, Width: 500, Height: 500}, "480x480.png 500x500.png"},
		{"animated GIF as it is", Info{Format: GIF, Width: 500, Height: 400, Animated: true}, "500x400.gif"},
		{"opaque WebP gives JPEG", Info{Format: WebP, Width: 800, Height: 600}, "480x360.jpg 800x600.jpg"},
		{"WebP with alpha gives PNG", Info{Format: WebP, Width: 800, Height: 600, alpha: true}, "480x360.png 800x600.png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Plan(tc.info, Settings{Widths: widths}) {
				got = append(got, sizeString(s))
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("Plan = %s, want %s", strings.Join(got, " "), tc.want)
			}
		})
	}
}

func sizeString(s Size) string { return fmt.Sprintf("%dx%d%s", s.Width, s.Height, s.Ext) }

func TestProcessPNGWithAlpha(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 60, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 60; x++ {
			m.SetNRGBA(x, y, color.NRGBA{200, 30, 30, uint8(x * 4)})
		}
	}
	vs, err := Process(encodePNG(t, m), Settings{Widths: []int{30, 100}})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Ext != ".png" || vs[1].Width != 60 {
		t.Fatalf("variants %+v", vs)
	}
	out := decodeNRGBA(t, vs[0].Data)
	left, right := out.NRGBAAt(1, 10), out.NRGBAAt(28, 10)
	if left.A > 20 || right.A < 200 || right.R < 180 || right.G > 50 {
		t.Errorf("alpha ramp lost: left %v right %v", left, right)
	}
}
