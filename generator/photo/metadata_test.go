package photo

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// phoneJPEG is laid out the way phones write photos: JFIF, an EXIF APP1 with
// IFD0 (Make, Model, Orientation 6, DateTime, Artist, Copyright), an EXIF IFD
// with DateTimeOriginal and maker notes, a GPS IFD, and IFD1 with a JPEG
// thumbnail that carries a comment of its own; then XMP, IPTC, a comment, an
// MPF segment, an ICC profile over two APP2 segments, and bytes after the
// end of the picture. Every hidden value contains "SECRET".
func phoneJPEG(t *testing.T, bo order, icc []byte) []byte {
	t.Helper()
	thumb := withSegments(encodeJPEG(t, photoLike(16, 12, 2), 80), segment(0xFE, []byte("SECRET thumbnail comment")))
	w := newTIFF(bo)
	ifd0, next0 := w.ifd([]tEntry{
		tASCII(0x010F, "SECRET-Make"), tASCII(0x0110, "SECRET-Model"),
		tShort(bo, 0x0112, 6), tASCII(0x0132, "2026:11:30 10:00:00"),
		tASCII(0x013B, "Nguyễn Văn An"), tASCII(0x8298, "© Ủy ban xã"),
		tLong(bo, 0x8769, 0), tLong(bo, 0x8825, 0),
	})
	w.patch(ifd0[0x8769], uint32(len(w.buf)))
	w.ifd([]tEntry{
		tASCII(0x9003, "2026:11:30 10:00:00"),
		tUndefined(0x927C, []byte("Apple iOS\x00SECRET maker notes, face regions, serial number")),
	})
	w.patch(ifd0[0x8825], uint32(len(w.buf)))
	w.ifd([]tEntry{
		tASCII(0x0001, "N"), tRationals(bo, 0x0002, 21, 1, 1, 1, 4400, 100),
		tASCII(0x0003, "E"), tRationals(bo, 0x0004, 105, 1, 51, 1, 1200, 100),
		tASCII(0x001B, "SECRET-GPS-method"),
	})
	w.patch(next0, uint32(len(w.buf)))
	ifd1, _ := w.ifd([]tEntry{tShort(bo, 0x0103, 6), tLong(bo, 0x0201, 0), tLong(bo, 0x0202, uint32(len(thumb)))})
	w.patch(ifd1[0x0201], uint32(len(w.buf)))
	w.buf = append(w.buf, thumb...)

	segs := [][]byte{
		segment(0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")),
		segment(0xE1, append([]byte("Exif\x00\x00"), w.buf...)),
		segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><rdf:Description photoshop:City=\"SECRET-XMP\"/></x:xmpmeta>")),
		segment(0xED, []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0e\x1c\x02\x5a\x00\x0aSECRET-city")),
		segment(0xFE, []byte("SECRET comment")),
		segment(0xE2, []byte("MPF\x00SECRET multi-picture")),
	}
	segs = append(segs, iccSegments(icc, 60000)...)
	src := withSegments(encodeJPEG(t, stored(upright(), 6), 95), segs...)
	return append(src, "SECRET depth map after the end"...)
}

func TestCleanJPEGKeepsOnlyOrientationAndProfile(t *testing.T) {
	icc := fakeICC(70000)
	for _, bo := range []order{binary.LittleEndian, binary.BigEndian} {
		for _, keep := range []bool{false, true} {
			name := bo.String()
			if keep {
				name += " keep copyright"
			}
			t.Run(name, func(t *testing.T) {
				src := phoneJPEG(t, bo, icc)
				out, err := Clean(src, keep)
				if err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(out, []byte("SECRET")) {
					t.Errorf("hidden metadata left: %q", secretsIn(out))
				}
				if !bytes.Equal(joinedICC(t, out), icc) {
					t.Error("ICC profile lost")
				}
				segs, trailing := jpegSegments(t, out)
				if trailing {
					t.Error("bytes left after the end of the picture")
				}
				var tags map[uint16]bool
				for _, s := range segs {
					if s.marker == 0xE1 {
						if tags != nil {
							t.Error("two APP1 segments")
						}
						tags = tiffTags(s.data[6:])
					}
					if s.marker == 0xE0 && !bytes.HasPrefix(s.data, []byte("JFIF")) || s.marker == 0xED || s.marker == 0xFE {
						t.Errorf("segment 0x%02x kept", s.marker)
					}
				}
				want := map[uint16]bool{0x0112: true}
				if keep {
					want[0x013B], want[0x8298] = true, true
				}
				if !sameTags(tags, want) {
					t.Errorf("EXIF tags = %v, want %v", tags, want)
				}
				if keep && (!bytes.Contains(out, []byte("Nguyễn Văn An")) || !bytes.Contains(out, []byte("© Ủy ban xã"))) {
					t.Error("Artist or Copyright lost")
				}
				info, err := Probe(out, 0)
				if err != nil || info.Orientation != 6 || info.Width != 40 {
					t.Errorf("cleaned Probe = %+v, %v; want upright 40 wide, orientation 6", info, err)
				}
				again, err := Clean(out, keep)
				if err != nil || !bytes.Equal(again, out) {
					t.Error("cleaning a clean file changed it")
				}
				exiftoolCheck(t, out, keep, true)
			})
		}
	}
}

func TestProcessWritesOnlyProfileAndCopyright(t *testing.T) {
	icc := fakeICC(70000)
	for _, keep := range []bool{false, true} {
		src := phoneJPEG(t, binary.BigEndian, icc)
		vs, err := Process(src, Settings{Widths: []int{16, 24}, KeepCopyright: keep})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if bytes.Contains(v.Data, []byte("SECRET")) {
				t.Errorf("%dpx keep=%t: hidden metadata left: %q", v.Width, keep, secretsIn(v.Data))
			}
			if !bytes.Equal(joinedICC(t, v.Data), icc) {
				t.Errorf("%dpx: ICC profile lost", v.Width)
			}
			var tags map[uint16]bool
			segs, _ := jpegSegments(t, v.Data)
			for _, s := range segs {
				if s.marker == 0xE1 {
					tags = tiffTags(s.data[6:])
				}
			}
			want := map[uint16]bool{}
			if keep {
				want = map[uint16]bool{0x013B: true, 0x8298: true}
			}
			if !sameTags(tags, want) {
				t.Errorf("%dpx keep=%t: EXIF tags = %v, want %v", v.Width, keep, tags, want)
			}
			exiftoolCheck(t, v.Data, keep, false)
		}
	}
}

func sameTags(got, want map[uint16]bool) bool {
	if len(got) != len(want) {
		return false
	}
	for k := range want {
		if !got[k] {
			return false
		}
	}
	return true
}

func secretsIn(b []byte) []string {
	var s []string
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("SECRET"))
		if k < 0 {
			return s
		}
		i += k
		s = append(s, string(b[i:min(len(b), i+30)]))
		i++
	}
}

// exiftoolCheck reads the file with exiftool, when there is one, and fails
// on any group or tag that is metadata beyond what Loa keeps. In CI a
// missing exiftool is a failure, so that the check cannot silently vanish.
func exiftoolCheck(t *testing.T, b []byte, keep, orientation bool) {
	t.Helper()
	tool, err := exec.LookPath("exiftool")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("exiftool is not installed (apt-get install libimage-exiftool-perl)")
		}
		t.Log("exiftool not found: skipping its check")
		return
	}
	name := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-j", "-G", name).Output()
	if err != nil {
		t.Fatalf("exiftool: %v", err)
	}
	var got []map[string]any
	if err := json.Unmarshal(out, &got); err != nil || len(got) != 1 {
		t.Fatalf("exiftool output %s: %v", out, err)
	}
	allowed := map[string]bool{}
	if orientation {
		allowed["EXIF:Orientation"] = true
	}
	if keep {
		allowed["EXIF:Artist"], allowed["EXIF:Copyright"] = true, true
	}
	for tag, v := range got[0] {
		group, name, _ := strings.Cut(tag, ":")
		switch {
		case group == "EXIF" && !allowed[tag],
			group == "GPS", group == "XMP", group == "IPTC", group == "MakerNotes", group == "Photoshop",
			group == "MPF", strings.Contains(name, "Comment"), strings.Contains(name, "GPS"),
			strings.Contains(name, "Thumbnail"):
			t.Errorf("exiftool finds %s = %v", tag, v)
		}
		delete(allowed, tag)
	}
	if len(allowed) > 0 {
		t.Errorf("exiftool misses %v", allowed)
	}
	if _, ok := got[0]["ICC_Profile:ProfileFileSignature"]; !ok {
		t.Errorf("exiftool finds no ICC profile in %v", got[0])
	}
}

func TestCleanPNGKeepsPixelsAndProfile(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 7, 5))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 37)
	}
	plain := encodePNG(t, m)
	icc := fakeICC(3000)
	extra := [][]byte{
		pngChunk("iCCP", append([]byte("Display P3\x00\x00"), zlibBytes(icc)...)),
		pngChunk("tEXt", []byte("Comment\x00SECRET text")),
		pngChunk("iTXt", []byte("Author\x00\x00\x00vi\x00\x00SECRET Nguyễn")),
		pngChunk("eXIf", []byte("MM\x00*\x00\x00\x00\x08\x00\x00SECRET")),
		pngChunk("tIME", []byte{0x07, 0xEA, 11, 30, 10, 0, 0}),
		pngChunk("prVt", []byte("SECRET private")),
	}
	src := append([]byte{}, plain[:33]...)
	for _, c := range extra {
		src = append(src, c...)
	}
	src = append(src, plain[33:]...)
	out, err := Clean(src, true)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("SECRET")) {
		t.Errorf("hidden metadata left: %q", secretsIn(out))
	}
	got := strings.Join(pngChunks(t, out), " ")
	if !strings.HasPrefix(got, "IHDR iCCP IDAT") || strings.Contains(got, "tIME") {
		t.Errorf("chunks = %s", got)
	}
	a, b := decodeNRGBA(t, src), decodeNRGBA(t, out)
	if !bytes.Equal(a.Pix, b.Pix) {
		t.Error("pixels changed")
	}
	if again, _ := Clean(out, true); &again[0] != &out[0] {
		t.Error("a clean PNG was copied")
	}
	// The profile goes into variants too.
	vs, err := Process(src, Settings{Widths: []int{4}})
	if err != nil {
		t.Fatal(err)
	}
	if vs[0].Ext != ".png" || !bytes.Equal(pngICC(vs[0].Data), icc) {
		t.Errorf("variant %s lost the profile", vs[0].Ext)
	}
}

func decodeNRGBA(t *testing.T, b []byte) *image.NRGBA {
	t.Helper()
	m, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewNRGBA(m.Bounds())
	for y := m.Bounds().Min.Y; y < m.Bounds().Max.Y; y++ {
		for x := m.Bounds().Min.X; x < m.Bounds().Max.X; x++ {
			out.Set(x, y, color.NRGBAModel.Convert(m.At(x, y)))
		}
	}
	return out
}
