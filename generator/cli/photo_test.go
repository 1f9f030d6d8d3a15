package cli

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// phoneJPEG makes a picture laid out as a phone stores it: the pixels as
// the sensor saw them (w×h), an EXIF block with make, model, orientation
// and a GPS position, and a comment. Its top-left quarter is red and the
// rest blue once it is turned upright, so a test can see which way up it
// comes out. Orientation 6 (the phone held upright) stores the picture
// turned a quarter left: the upright top-left is stored bottom-left.
func phoneJPEG(t *testing.T, w, h, orientation int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{0, 0, 200, 255}
			if x < w/2 && (y < h/2) == (orientation != 6) {
				c = color.RGBA{220, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	raw := enc.Bytes()
	var out bytes.Buffer
	out.Write(raw[:2]) // SOI
	writeSegment(&out, 0xE1, append([]byte("Exif\x00\x00"), phoneTIFF(orientation)...))
	writeSegment(&out, 0xFE, []byte("Nhà tạm lánh, thôn 3, xã Mường Khê"))
	out.Write(raw[2:])
	return out.Bytes()
}

func writeSegment(b *bytes.Buffer, marker byte, data []byte) {
	b.Write([]byte{0xFF, marker})
	binary.Write(b, binary.BigEndian, uint16(len(data)+2))
	b.Write(data)
}

// phoneTIFF is a big-endian TIFF block: IFD0 with Make, Model, Orientation
// and a GPS IFD pointer; the GPS IFD with latitude and longitude.
func phoneTIFF(orientation int) []byte {
	var b bytes.Buffer
	be := binary.BigEndian
	b.WriteString("MM\x00\x2a")
	binary.Write(&b, be, uint32(8))
	entry := func(tag, typ uint16, count, value uint32) {
		binary.Write(&b, be, tag)
		binary.Write(&b, be, typ)
		binary.Write(&b, be, count)
		binary.Write(&b, be, value)
	}
	// IFD0 at 8: 4 entries (2+4*12+4 = 54 bytes), then data at 62.
	const data = 8 + 2 + 4*12 + 4
	make_, model := "samsung\x00", "SM-A525F\x00"
	gps := uint32(data + len(make_) + len(model))
	binary.Write(&b, be, uint16(4))
	entry(0x010F, 2, uint32(len(make_)), data)
	entry(0x0110, 2, uint32(len(model)), uint32(data+len(make_)))
	entry(0x0112, 3, 1, uint32(orientation)<<16)
	entry(0x8825, 4, 1, gps)
	binary.Write(&b, be, uint32(0))
	b.WriteString(make_)
	b.WriteString(model)
	// GPS IFD: 2 entries, then two rationals ×3 each.
	rat := gps + 2 + 2*12 + 4
	binary.Write(&b, be, uint16(2))
	entry(0x0002, 5, 3, rat)
	entry(0x0004, 5, 3, rat+24)
	binary.Write(&b, be, uint32(0))
	for _, v := range []uint32{21, 1, 1, 1, 30, 1, 105, 1, 51, 1, 0, 1} {
		binary.Write(&b, be, v)
	}
	return b.Bytes()
}

// metadataOf lists the segments of a JPEG before its image data that
// carry metadata: APP1 (EXIF, XMP), APP13 (IPTC) and COM.
func metadataOf(t *testing.T, data []byte) []string {
	t.Helper()
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		t.Fatalf("not a JPEG")
	}
	var found []string
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			t.Fatalf("broken segment at %d", i)
		}
		marker := data[i+1]
		if marker == 0xDA {
			break
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		seg := data[i+4 : i+2+n]
		switch {
		case marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")):
			found = append(found, "EXIF"+exifTags(seg[6:]))
		case marker == 0xE1:
			found = append(found, "XMP")
		case marker == 0xED:
			found = append(found, "IPTC")
		case marker == 0xFE:
			found = append(found, "COM")
		}
		i += 2 + n
	}
	return found
}

// exifTags names the tags of IFD0 that a test cares about.
func exifTags(tiff []byte) string {
	var order binary.ByteOrder = binary.LittleEndian
	if bytes.HasPrefix(tiff, []byte("MM")) {
		order = binary.BigEndian
	}
	off := int(order.Uint32(tiff[4:]))
	n := int(order.Uint16(tiff[off:]))
	var s strings.Builder
	for i := 0; i < n; i++ {
		tag := order.Uint16(tiff[off+2+12*i:])
		switch tag {
		case 0x0112:
			s.WriteString(" Orientation")
		case 0x8825:
			s.WriteString(" GPS")
		case 0x010F, 0x0110:
			s.WriteString(" Camera")
		default:
			s.WriteString(" other")
		}
	}
	return s.String()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// decodeCorner reports whether the top-left corner of a published picture
// is red, as the upright photo's is.
func redTopLeft(t *testing.T, data []byte) bool {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	r, _, bl, _ := img.At(b.Min.X+b.Dx()/8, b.Min.Y+b.Dy()/8).RGBA()
	return r > bl
}

const photoPage = `-- content/tin-tuc/dia-chi-tin-cay/index.md --
+++
title = "Mô hình Địa chỉ tin cậy"
date = 2026-11-20T08:00:00+07:00
+++
![Ngôi nhà tạm lánh](nha.jpg "Ngôi nhà tạm lánh của mô hình")

Mô hình đã giúp đỡ 12 phụ nữ.

![Buổi sinh hoạt](sinh-hoat.jpg)
-- content/tin-tuc/dia-chi-tin-cay/nha.jpg --
-- content/tin-tuc/dia-chi-tin-cay/sinh-hoat.jpg --
`

// photoSite writes the news item of photoPage with its two phone photos,
// config lines added; it returns the site and the item's folder.
func photoSite(t *testing.T, config string) (site, dir string) {
	t.Helper()
	site = writeSite(t, baseConfig+config+photoPage)
	dir = filepath.Join(site, "content/tin-tuc/dia-chi-tin-cay")
	// Stored 2000×1500 landscape, to be turned to 1500×2000 portrait.
	writeFile(t, filepath.Join(dir, "nha.jpg"), phoneJPEG(t, 2000, 1500, 6))
	writeFile(t, filepath.Join(dir, "sinh-hoat.jpg"), phoneJPEG(t, 1000, 750, 1))
	return site, dir
}

// TestPhonephotoPublishedSmallUprightAndClean is the news item of a phone
// user: a photo stored sideways (orientation 6) with GPS. It comes out in
// every width up to its own, upright, without its metadata, with srcset
// markup; the original stays home.
func TestPhonePhotoPublishedSmallUprightAndClean(t *testing.T) {
	site, _ := photoSite(t, "")
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	page := readOut(t, dest, "tin-tuc/dia-chi-tin-cay/index.html")
	d := "/tin-tuc/dia-chi-tin-cay/"
	wantFig := `<figure><img src=` + d + `nha-800w.jpg srcset="` + d + `nha-480w.jpg 480w, ` + d + `nha-800w.jpg 800w, ` + d + `nha-1200w.jpg 1200w, ` + d + `nha-1500w.jpg 1500w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)" width=1500 height=2000 fetchpriority=high decoding=async alt="Ngôi nhà tạm lánh"><figcaption>Ngôi nhà tạm lánh của mô hình</figcaption></figure>`
	if !strings.Contains(page, wantFig) {
		t.Errorf("first figure:\n%s\nwant\n%s", regexp.MustCompile(`<figure>.*?</figure>`).FindString(page), wantFig)
	}
	wantSecond := `<img src=` + d + `sinh-hoat-800w.jpg srcset="` + d + `sinh-hoat-480w.jpg 480w, ` + d + `sinh-hoat-800w.jpg 800w, ` + d + `sinh-hoat-1000w.jpg 1000w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)" width=1000 height=750 loading=lazy decoding=async alt="Buổi sinh hoạt">`
	if !strings.Contains(page, wantSecond) {
		t.Errorf("second image is not lazy with its srcset:\n%s", page)
	}
	for _, name := range []string{"nha.jpg", "sinh-hoat.jpg"} {
		if exists(dest, "tin-tuc/dia-chi-tin-cay/"+name) {
			t.Errorf("the original %s was published", name)
		}
	}
	sizes := map[string][2]int{"nha-480w.jpg": {480, 640}, "nha-800w.jpg": {800, 1067}, "nha-1200w.jpg": {1200, 1600}, "nha-1500w.jpg": {1500, 2000}, "sinh-hoat-1000w.jpg": {1000, 750}}
	for name, wh := range sizes {
		data := []byte(readOut(t, dest, "tin-tuc/dia-chi-tin-cay/"+name))
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != wh[0] || cfg.Height != wh[1] {
			t.Errorf("%s: %dx%d %v, want %dx%d", name, cfg.Width, cfg.Height, err, wh[0], wh[1])
		}
		if m := metadataOf(t, data); len(m) > 0 {
			t.Errorf("%s carries %v", name, m)
		}
		if !redTopLeft(t, data) {
			t.Errorf("%s is not upright: its top-left corner is not red", name)
		}
		if bytes.Contains(data, []byte("samsung")) || bytes.Contains(data, []byte("Mường Khê")) {
			t.Errorf("%s still holds the camera or the comment", name)
		}
	}
	// Sharing and the list show the picture too, at a size made for them.
	if !strings.Contains(page, `<meta property="og:image" content="https://example.gov.vn/tin-tuc/dia-chi-tin-cay/nha-1200w.jpg">`) {
		t.Errorf("og:image is not the 1200 pixels wide version")
	}
	list := readOut(t, dest, "tin-tuc/index.html")
	if !strings.Contains(list, `<img class=thumb src=/tin-tuc/dia-chi-tin-cay/nha-800w.jpg srcset="/tin-tuc/dia-chi-tin-cay/nha-480w.jpg 480w,`) {
		t.Errorf("the list shows no thumbnail with srcset:\n%s", list)
	}
}

// TestPicturesNobodyShowsArePublishedCleaned covers files copied as they
// are: a photo in static/ and one left in a bundle keep their pixels byte
// for byte and lose their metadata, but keep the orientation they need.
func TestPicturesNobodyShowsArePublishedCleaned(t *testing.T) {
	site := writeSite(t, baseConfig+"-- content/tin-tuc/a/index.md --\n+++\ntitle = \"A\"\n+++\nKhông có ảnh.\n")
	photo := phoneJPEG(t, 64, 48, 6)
	writeFile(t, filepath.Join(site, "static/images/ban-do.jpg"), photo)
	writeFile(t, filepath.Join(site, "content/tin-tuc/a/thua.jpg"), photo)
	var pngBuf bytes.Buffer
	png.Encode(&pngBuf, image.NewGray(image.Rect(0, 0, 4, 4)))
	pngData := pngBuf.Bytes()
	// A tEXt chunk after IHDR, such as a screenshot tool writes.
	chunk := []byte("tEXtLocation\x0021.5N 105.8E")
	var withText bytes.Buffer
	withText.Write(pngData[:33])
	binary.Write(&withText, binary.BigEndian, uint32(len(chunk)-4))
	withText.Write(chunk)
	withText.Write([]byte{0, 0, 0, 0}) // CRC, not checked by Loa's reader
	withText.Write(pngData[33:])
	writeFile(t, filepath.Join(site, "static/images/chup-man-hinh.png"), withText.Bytes())
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, name := range []string{"images/ban-do.jpg", "tin-tuc/a/thua.jpg"} {
		data := []byte(readOut(t, dest, name))
		if m := metadataOf(t, data); len(m) != 1 || m[0] != "EXIF Orientation" {
			t.Errorf("%s carries %v, want only the orientation", name, m)
		}
		sos := bytes.Index(photo, []byte{0xFF, 0xDA})
		if !bytes.HasSuffix(data, photo[sos:]) {
			t.Errorf("%s was re-encoded: its image data differs", name)
		}
	}
	if shot := readOut(t, dest, "images/chup-man-hinh.png"); strings.Contains(shot, "Location") {
		t.Errorf("the PNG keeps its text chunk")
	}
}

// TestOriginalsOnRequest: [images] originals = true publishes the original,
// cleaned, and the figure offers it for download.
func TestOriginalsOnRequest(t *testing.T) {
	site, _ := photoSite(t, "[images]\noriginals = true\n")
	r, dest := buildSite(t, site)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	page := readOut(t, dest, "tin-tuc/dia-chi-tin-cay/index.html")
	if !strings.Contains(page, `<figcaption>Ngôi nhà tạm lánh của mô hình <a class=original href=/tin-tuc/dia-chi-tin-cay/nha.jpg download>Tải ảnh gốc (1500×2000)</a></figcaption>`) {
		t.Errorf("no download link in the caption:\n%s", page)
	}
	if !strings.Contains(page, `<figcaption><a class=original href=/tin-tuc/dia-chi-tin-cay/sinh-hoat.jpg download>Tải ảnh gốc (1000×750)</a></figcaption>`) {
		t.Errorf("no download link for the picture without caption:\n%s", page)
	}
	if m := metadataOf(t, []byte(readOut(t, dest, "tin-tuc/dia-chi-tin-cay/nha.jpg"))); len(m) != 1 || m[0] != "EXIF Orientation" {
		t.Errorf("the original carries %v", m)
	}
}

// TestBadPictures: each picture Loa cannot publish is an error at the line
// that shows it, with a hint, exit 1, and the published folder untouched.
func TestBadPictures(t *testing.T) {
	good := phoneJPEG(t, 64, 48, 1)
	// A PNG header that claims 60000×60000 pixels: a few bytes on disk.
	var bomb bytes.Buffer
	bomb.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := []byte("IHDR\x00\x00\xea\x60\x00\x00\xea\x60\x08\x02\x00\x00\x00")
	binary.Write(&bomb, binary.BigEndian, uint32(13))
	bomb.Write(ihdr)
	binary.Write(&bomb, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	var idat bytes.Buffer
	zw := zlib.NewWriter(&idat)
	zw.Write(make([]byte, 1<<16)) // the first rows: zeros compress to nothing
	zw.Close()
	binary.Write(&bomb, binary.BigEndian, uint32(idat.Len()))
	chunk := append([]byte("IDAT"), idat.Bytes()...)
	bomb.Write(chunk)
	binary.Write(&bomb, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	heic := append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...)
	tests := []struct {
		name string
		file string
		data []byte
		want []string
	}{
		{"truncated JPEG", "anh.jpg", good[:len(good)/2], []string{"content/tin-tuc/a/index.md:6:1: content/tin-tuc/a/anh.jpg: picture is damaged or cut short", "copy it again"}},
		{"iPhone HEIC", "anh.heic", heic, []string{"content/tin-tuc/a/index.md:6:1: content/tin-tuc/a/anh.heic: HEIC pictures (from iPhones) cannot be published", "export it as JPEG"}},
		{"pixel bomb", "anh.png", bomb.Bytes(), []string{"content/tin-tuc/a/index.md:6:1: content/tin-tuc/a/anh.png: picture is 60000×60000 pixels", "maxPixels"}},
		{"missing", "", nil, []string{"content/tin-tuc/a/index.md:6:1: image to \"anh.jpg\": no such file"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ref := tc.file
			if ref == "" {
				ref = "anh.jpg"
			}
			page := "-- content/tin-tuc/a/index.md --\n+++\ntitle = \"A\"\n+++\nMở đầu.\n\n![Ảnh](%s)\n"
			site := writeSite(t, baseConfig+fmt.Sprintf(page, "tot.jpg"))
			writeFile(t, filepath.Join(site, "content/tin-tuc/a/tot.jpg"), good)
			r, dest := buildSite(t, site)
			if r.code != 0 {
				t.Fatalf("good site first: %s", r.stderr)
			}
			writeFile(t, filepath.Join(site, "content/tin-tuc/a/index.md"), []byte(strings.SplitN(fmt.Sprintf(page, ref), "--\n", 2)[1]))
			if tc.file != "" {
				writeFile(t, filepath.Join(site, "content/tin-tuc/a", tc.file), tc.data)
			}
			before := snapshot(t, dest)
			r = run(t, "build", "-s", site, "-d", dest)
			if r.code != ExitError {
				t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			unchanged(t, before, dest)
		})
	}
}

// TestPictureCache: a second build reads its pictures from the cache in
// the site folder; an edit of the text processes nothing again; a picture
// removed from the site leaves the cache after the next build.
func TestPictureCache(t *testing.T) {
	site, dir := photoSite(t, "")
	if r, _ := buildSite(t, site); r.code != 0 {
		t.Fatal(r.stderr)
	}
	cache := filepath.Join(site, CacheDir)
	files := func() map[string]bool {
		m := map[string]bool{}
		filepath.Walk(cache, func(p string, info os.FileInfo, err error) error {
			if err == nil && filepath.Ext(p) == ".jpg" {
				m[p] = true
			}
			return nil
		})
		return m
	}
	first := files()
	if len(first) < 7 {
		t.Fatalf("cache holds %d files, want the 7 versions", len(first))
	}
	if ig, err := os.ReadFile(filepath.Join(cache, ".gitignore")); err != nil || strings.TrimSpace(string(ig)) != "*" {
		t.Errorf("the cache does not ignore itself in git: %q %v", ig, err)
	}
	// Text edit: no picture is processed again, the cache is as it was.
	index := filepath.Join(dir, "index.md")
	src, _ := os.ReadFile(index)
	writeFile(t, index, append(src, []byte("\nThêm một câu.\n")...))
	stamp := map[string]int64{}
	for p := range first {
		st, _ := os.Stat(p)
		stamp[p] = st.ModTime().UnixNano()
	}
	if r, _ := buildSite(t, site); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for p := range first {
		st, err := os.Stat(p)
		if err != nil || st.ModTime().UnixNano() != stamp[p] {
			t.Errorf("cache entry %s was written again or removed", p)
		}
	}
	// A picture taken out of the page and the folder is pruned.
	writeFile(t, index, []byte("+++\ntitle = \"Mô hình Địa chỉ tin cậy\"\n+++\n![Ngôi nhà](nha.jpg)\n"))
	os.Remove(filepath.Join(dir, "sinh-hoat.jpg"))
	if r, _ := buildSite(t, site); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if n := len(files()); n != 4 {
		t.Errorf("after removing a picture the cache holds %d versions, want 4", n)
	}
	// Deleting the cache is safe.
	os.RemoveAll(cache)
	if r, dest := buildSite(t, site); r.code != 0 || !exists(dest, "tin-tuc/dia-chi-tin-cay/nha-1500w.jpg") {
		t.Fatalf("build after deleting the cache: %s", r.stderr)
	}
}
