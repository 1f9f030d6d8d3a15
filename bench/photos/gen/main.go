// Command gen writes a news site full of phone photos that both Loa and
// Hugo build: N distinct 4000×3000 JPEGs (quality 92, 2–5 MB each, with a
// phone's EXIF: Make, Model, Orientation, DateTime, GPS and a thumbnail;
// half of them stored sideways with Orientation 6) in page bundles of two,
// content/tin-tuc/bai-NNN/{index.md,anh-1.jpg,anh-2.jpg}.
//
//	go run ./bench/photos/gen -n 200 -seed 1 -out DIR
//
// Loa reads DIR/config.toml; Hugo reads DIR/hugo-photos.toml (pass
// --config DIR/hugo-photos.toml: Loa reads a hugo.toml before config.toml)
// and the theme in DIR/themes/photos, whose image render hook does what Loa does: it turns
// the bundle's photo upright (images.AutoOrient, Hugo 0.121 and later) and
// resizes it to 480, 800, 1200 and 1600 pixels wide at quality 80.
// The same seed gives the same bytes.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

const (
	photoW, photoH = 4000, 3000 // as stored: the sensor's landscape frame
	baseURL        = "https://anh.example.gov.vn/"
	siteTitle      = "Cổng thông tin ảnh của huyện Mường Khê"
)

func main() {
	n := flag.Int("n", 200, "number of photos (two per news item)")
	seed := flag.Uint64("seed", 1, "seed: the same seed writes the same bytes")
	out := flag.String("out", "", "folder to write the site into (must not exist or be empty)")
	perItem := flag.Int("per-item", 2, "photos per news item")
	flag.Parse()
	if *out == "" || *n < 1 || *perItem < 1 {
		fmt.Fprintln(os.Stderr, "usage: gen -n 200 [-seed 1] [-per-item 2] -out DIR")
		os.Exit(2)
	}
	if err := generate(*out, *n, *perItem, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// photoJob is one photo to write: its index decides its scene, its noise
// and whether it is stored sideways.
type photoJob struct {
	index int
	path  string
}

func generate(dir string, n, perItem int, seed uint64) error {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	files := map[string]string{
		"config.toml":                                              loaConfig,
		"hugo-photos.toml":                                         hugoConfig,
		"content/_index.md":                                        "+++\ntitle = " + quote(siteTitle) + "\n+++\n\nẢnh hoạt động của các xã, thị trấn.\n",
		"content/tin-tuc/_index.md":                                "+++\ntitle = \"Tin tức\"\n+++\n",
		"themes/photos/layouts/_default/baseof.html":               hugoBaseof,
		"themes/photos/layouts/_default/single.html":               hugoSingle,
		"themes/photos/layouts/_default/list.html":                 hugoList,
		"themes/photos/layouts/index.html":                         hugoList,
		"themes/photos/layouts/_default/_markup/render-image.html": hugoRenderImage,
	}
	var jobs []photoJob
	items := (n + perItem - 1) / perItem
	for i := 1; i <= items; i++ {
		r := newRNG(seed, uint64(i), 0x17e4)
		folder := fmt.Sprintf("content/tin-tuc/bai-%03d", i)
		var names []string
		for k := 1; k <= perItem && len(jobs) < n; k++ {
			name := fmt.Sprintf("anh-%d.jpg", k)
			names = append(names, name)
			jobs = append(jobs, photoJob{index: len(jobs), path: filepath.Join(dir, folder, name)})
		}
		files[folder+"/index.md"] = article(r, i, names)
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}

	// The photos, on all cores; each depends on the seed and its index only.
	work := make(chan photoJob)
	errs := make(chan error, len(jobs))
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				b, err := makePhoto(seed, j.index)
				if err == nil {
					err = os.WriteFile(j.path, b, 0o644)
				}
				if err != nil {
					errs <- fmt.Errorf("%s: %w", j.path, err)
				}
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
	close(errs)
	return <-errs
}

// ---- the photos ------------------------------------------------------------

// rng is SplitMix64: small, fast and the same everywhere.
type rng struct{ s uint64 }

func newRNG(parts ...uint64) *rng {
	r := &rng{s: 0x9e3779b97f4a7c15}
	for _, p := range parts {
		r.s ^= p
		r.next()
	}
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) float() float64               { return float64(r.next()>>11) / (1 << 53) }
func (r *rng) between(a, b float64) float64 { return a + (b-a)*r.float() }
func (r *rng) intn(n int) int               { return int(r.next() % uint64(n)) }

// scene is a picture in upright coordinates: a sky that is always brighter
// than the ground below the horizon (so a check can tell up from down),
// with a sun, hills, houses and trees.
type scene struct {
	w, h     int
	horizon  float64
	skyTop   [3]float64
	skyLow   [3]float64
	ground   [3]float64
	groundLo [3]float64
	shapes   []shape
	wave     [4]float64 // a soft ripple across the ground: fields, rows of rice
}

type shape struct {
	circle         bool
	x0, y0, x1, y1 float64 // box, or centre and radius in x0, y0, x1
	col            [3]float64
}

func newScene(r *rng, w, h int) *scene {
	s := &scene{w: w, h: h, horizon: r.between(0.42, 0.6) * float64(h)}
	s.skyTop = [3]float64{r.between(90, 150), r.between(150, 200), r.between(220, 255)}
	s.skyLow = [3]float64{r.between(200, 240), r.between(215, 245), r.between(230, 255)}
	s.ground = [3]float64{r.between(60, 120), r.between(90, 140), r.between(30, 70)}
	s.groundLo = [3]float64{r.between(30, 70), r.between(50, 90), r.between(20, 50)}
	s.wave = [4]float64{r.between(0.004, 0.02), r.between(0.01, 0.05), r.between(0, 6.3), r.between(6, 18)}
	fw, fh := float64(w), float64(h)
	// the sun, high in the sky
	s.shapes = append(s.shapes, shape{circle: true, x0: r.between(0.1, 0.9) * fw, y0: r.between(0.05, 0.25) * fh,
		x1: r.between(0.03, 0.07) * fw, col: [3]float64{255, 250, 225}})
	// houses and trees standing on the horizon, dark enough not to light up the ground
	for k := 3 + r.intn(8); k > 0; k-- {
		x := r.between(0, 0.95) * fw
		if r.intn(2) == 0 {
			wd, ht := r.between(0.04, 0.12)*fw, r.between(0.05, 0.16)*fh
			s.shapes = append(s.shapes, shape{x0: x, y0: s.horizon - ht, x1: x + wd, y1: s.horizon + 0.02*fh,
				col: [3]float64{r.between(120, 200), r.between(70, 140), r.between(50, 110)}})
		} else {
			rad := r.between(0.02, 0.06) * fw
			s.shapes = append(s.shapes, shape{circle: true, x0: x, y0: s.horizon - rad*0.6, x1: rad,
				col: [3]float64{r.between(20, 60), r.between(70, 120), r.between(20, 50)}})
		}
	}
	// people and things on the ground
	for k := 2 + r.intn(6); k > 0; k-- {
		x, y := r.between(0, 0.9)*fw, r.between(s.horizon/fh+0.1, 0.9)*fh
		s.shapes = append(s.shapes, shape{x0: x, y0: y, x1: x + r.between(0.02, 0.08)*fw, y1: y + r.between(0.05, 0.12)*fh,
			col: [3]float64{r.between(40, 160), r.between(20, 120), r.between(20, 140)}})
	}
	return s
}

// at is the colour of the scene at (x, y), upright.
func (s *scene) at(x, y float64) [3]float64 {
	var c [3]float64
	if y < s.horizon {
		t := y / s.horizon
		for i := range c {
			c[i] = s.skyTop[i] + (s.skyLow[i]-s.skyTop[i])*t
		}
	} else {
		t := (y - s.horizon) / (float64(s.h) - s.horizon)
		rip := 1 + 0.12*math.Sin(x*s.wave[0]+y*s.wave[1]+s.wave[2]+s.wave[3]*t)
		for i := range c {
			c[i] = (s.ground[i] + (s.groundLo[i]-s.ground[i])*t) * rip
		}
	}
	for _, sh := range s.shapes {
		if sh.circle {
			dx, dy := x-sh.x0, y-sh.y0
			if dx*dx+dy*dy <= sh.x1*sh.x1 {
				c = sh.col
			}
		} else if x >= sh.x0 && x < sh.x1 && y >= sh.y0 && y < sh.y1 {
			c = sh.col
		}
	}
	return c
}

func clamp8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// sideways says whether photo i is stored as a phone held upright stores
// it: landscape pixels with Orientation 6 (turn 90° clockwise to view).
func sideways(i int) bool { return i%2 == 1 }

// makePhoto returns photo i as a phone would write it: the JPEG with an
// EXIF APP1 segment right after SOI.
func makePhoto(seed uint64, i int) ([]byte, error) {
	r := newRNG(seed, uint64(i), 0x9407)
	side := sideways(i)
	uw, uh := photoW, photoH // upright size
	if side {
		uw, uh = photoH, photoW
	}
	sc := newScene(r, uw, uh)
	// upright returns the upright coordinates of stored pixel (x, y): with
	// Orientation 6 the stored picture is turned 90° clockwise to be seen,
	// so its top-left corner shows at the top right.
	upright := func(x, y int) (float64, float64) {
		if side {
			return float64(photoH - 1 - y), float64(x)
		}
		return float64(x), float64(y)
	}
	img := image.NewYCbCr(image.Rect(0, 0, photoW, photoH), image.YCbCrSubsampleRatio420)
	// chroma, once per 2×2 block, from the clean scene
	for cy := 0; cy < photoH/2; cy++ {
		for cx := 0; cx < photoW/2; cx++ {
			c := sc.at(upright(2*cx, 2*cy))
			_, cb, cr := color.RGBToYCbCr(clamp8(c[0]), clamp8(c[1]), clamp8(c[2]))
			img.Cb[cy*img.CStride+cx], img.Cr[cy*img.CStride+cx] = cb, cr
		}
	}
	// luma with the sensor's noise: how much decides how heavy the file is
	noise := r.between(6, 16)
	for y := range photoH {
		nr := newRNG(seed, uint64(i), uint64(y), 0x5e45)
		row := img.Y[y*img.YStride : y*img.YStride+photoW]
		var bits uint64
		for x := range row {
			if x%4 == 0 {
				bits = nr.next()
			}
			c := sc.at(upright(x, y))
			luma := 0.299*c[0] + 0.587*c[1] + 0.114*c[2]
			// a sum of two bytes: a rough bell of width about noise
			n := (float64(bits&0xff) + float64(bits>>8&0xff) - 255) / 255 * noise
			bits >>= 16
			row[x] = clamp8(luma + n)
		}
	}
	var body bytes.Buffer
	if err := jpeg.Encode(&body, img, &jpeg.Options{Quality: 92}); err != nil {
		return nil, err
	}
	thumb, err := thumbnail(img)
	if err != nil {
		return nil, err
	}
	app1 := exifSegment(r, i, side, thumb)
	b := body.Bytes()
	out := make([]byte, 0, len(b)+len(app1))
	out = append(out, b[:2]...) // SOI
	out = append(out, app1...)
	return append(out, b[2:]...), nil
}

// thumbnail is the 160×120 preview phones keep in IFD1, stored as the
// picture is (sideways when it is).
func thumbnail(src *image.YCbCr) ([]byte, error) {
	t := image.NewYCbCr(image.Rect(0, 0, 160, 120), image.YCbCrSubsampleRatio420)
	for y := range 120 {
		for x := range 160 {
			sx, sy := x*photoW/160, y*photoH/120
			t.Y[y*t.YStride+x] = src.Y[sy*src.YStride+sx]
			if x%2 == 0 && y%2 == 0 {
				t.Cb[y/2*t.CStride+x/2] = src.Cb[sy/2*src.CStride+sx/2]
				t.Cr[y/2*t.CStride+x/2] = src.Cr[sy/2*src.CStride+sx/2]
			}
		}
	}
	var b bytes.Buffer
	err := jpeg.Encode(&b, t, &jpeg.Options{Quality: 75})
	return b.Bytes(), err
}

// ---- EXIF --------------------------------------------------------------------

// A TIFF field: its tag, type (2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL,
// 7 UNDEFINED) and value bytes, little-endian.
type field struct {
	tag, typ uint16
	count    uint32
	val      []byte
}

func ascii(tag uint16, s string) field {
	return field{tag, 2, uint32(len(s) + 1), append([]byte(s), 0)}
}
func short(tag uint16, v uint16) field {
	return field{tag, 3, 1, binary.LittleEndian.AppendUint16(nil, v)}
}
func long(tag uint16, v uint32) field {
	return field{tag, 4, 1, binary.LittleEndian.AppendUint32(nil, v)}
}
func rationals(tag uint16, vs ...[2]uint32) field {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, v[0])
		b = binary.LittleEndian.AppendUint32(b, v[1])
	}
	return field{tag, 5, uint32(len(vs)), b}
}

// ifdSize is the bytes an IFD takes with its out-of-line values.
func ifdSize(fs []field) int {
	n := 2 + 12*len(fs) + 4
	for _, f := range fs {
		if len(f.val) > 4 {
			n += len(f.val) + len(f.val)%2
		}
	}
	return n
}

// putIFD writes an IFD at offset off of the TIFF structure t (its length).
func putIFD(t []byte, fs []field, next uint32) []byte {
	le := binary.LittleEndian
	off := len(t)
	data := off + 2 + 12*len(fs) + 4
	var tail []byte
	t = le.AppendUint16(t, uint16(len(fs)))
	for _, f := range fs {
		t = le.AppendUint16(t, f.tag)
		t = le.AppendUint16(t, f.typ)
		t = le.AppendUint32(t, f.count)
		if len(f.val) <= 4 {
			v := make([]byte, 4)
			copy(v, f.val)
			t = append(t, v...)
			continue
		}
		t = le.AppendUint32(t, uint32(data+len(tail)))
		tail = append(tail, f.val...)
		if len(f.val)%2 == 1 {
			tail = append(tail, 0)
		}
	}
	t = le.AppendUint32(t, next)
	return append(t, tail...)
}

var phones = [][2]string{
	{"samsung", "SM-A546E"}, {"Apple", "iPhone 13"}, {"OPPO", "CPH2591"},
	{"Xiaomi", "Redmi Note 13"}, {"vivo", "V2247"}, {"samsung", "SM-S918B"},
}

// dms writes degrees as degrees, minutes and seconds (hundredths).
func dms(deg float64) [][2]uint32 {
	d := math.Floor(deg)
	m := math.Floor((deg - d) * 60)
	s := ((deg-d)*60 - m) * 60
	return [][2]uint32{{uint32(d), 1}, {uint32(m), 1}, {uint32(s * 100), 100}}
}

// exifSegment makes the APP1 segment: IFD0 (Make, Model, Orientation,
// DateTime and the pointers), the Exif IFD, the GPS IFD (somewhere in the
// north of Vietnam) and IFD1 with the thumbnail.
func exifSegment(r *rng, i int, side bool, thumb []byte) []byte {
	ph := phones[r.intn(len(phones))]
	orient := uint16(1)
	if side {
		orient = 6
	}
	when := fmt.Sprintf("2025:%02d:%02d %02d:%02d:%02d", 1+r.intn(12), 1+r.intn(28), 7+r.intn(10), r.intn(60), r.intn(60))
	lat, lon := r.between(20.8, 22.5), r.between(103.5, 106.2)

	exif := []field{
		{0x9000, 7, 4, []byte("0232")},
		ascii(0x9003, when), // DateTimeOriginal
		long(0xA002, photoW),
		long(0xA003, photoH),
	}
	gps := []field{
		{0x0000, 1, 4, []byte{2, 2, 0, 0}},
		ascii(0x0001, "N"),
		rationals(0x0002, dms(lat)...),
		ascii(0x0003, "E"),
		rationals(0x0004, dms(lon)...),
	}
	ifd0 := []field{
		ascii(0x010F, ph[0]),
		ascii(0x0110, ph[1]),
		short(0x0112, orient),
		ascii(0x0132, when),
		long(0x8769, 0), // Exif IFD, filled in below
		long(0x8825, 0), // GPS IFD
	}
	ifd1 := []field{
		short(0x0103, 6), // JPEG compression
		long(0x0201, 0),  // thumbnail offset, filled in below
		long(0x0202, uint32(len(thumb))),
	}
	o0 := 8
	oExif := o0 + ifdSize(ifd0)
	oGPS := oExif + ifdSize(exif)
	o1 := oGPS + ifdSize(gps)
	oThumb := o1 + ifdSize(ifd1)
	ifd0[4] = long(0x8769, uint32(oExif))
	ifd0[5] = long(0x8825, uint32(oGPS))
	ifd1[1] = long(0x0201, uint32(oThumb))

	t := []byte("II*\x00\x08\x00\x00\x00")
	t = putIFD(t, ifd0, uint32(o1))
	t = putIFD(t, exif, 0)
	t = putIFD(t, gps, 0)
	t = putIFD(t, ifd1, 0)
	t = append(t, thumb...)

	payload := append([]byte("Exif\x00\x00"), t...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// ---- the pages ------------------------------------------------------------------

var (
	places   = []string{"Đồng Tâm", "Nà Hẩu", "Mường Khê", "Bản Lìm", "Tân Phong", "Phìn Ngan", "Khánh Hòa", "Suối Giàng", "Lũng Cú", "Thượng Lâm"}
	events   = []string{"Ra quân tổng vệ sinh môi trường", "Khánh thành nhà văn hóa thôn", "Tập huấn phòng chống thiên tai", "Trao học bổng cho học sinh nghèo vượt khó", "Ngày hội đại đoàn kết toàn dân tộc", "Tiêm chủng mở rộng cho trẻ em", "Hội thi dân ca các dân tộc", "Sửa đường liên thôn trước mùa mưa", "Trồng cây xanh đầu xuân", "Khám bệnh miễn phí cho người cao tuổi"}
	captions = []string{"Người dân tham gia", "Toàn cảnh buổi lễ", "Cán bộ xã hướng dẫn bà con", "Học sinh trường tiểu học", "Đoàn viên thanh niên", "Các đại biểu dự lễ", "Phụ nữ thôn bản", "Lực lượng dân quân"}
	sentence = []string{
		"Sáng nay, đông đảo cán bộ và nhân dân %s đã tham gia hoạt động với tinh thần trách nhiệm cao.",
		"Ủy ban nhân dân xã %s cho biết chương trình sẽ được duy trì thường xuyên trong những năm tới.",
		"Theo kế hoạch, các thôn, bản trên địa bàn %s phân công người phụ trách từng phần việc cụ thể.",
		"Bà con %s phấn khởi vì được chuẩn bị chu đáo, từ khâu tuyên truyền đến tổ chức thực hiện.",
		"Kinh phí do ngân sách xã %s và sự đóng góp tự nguyện của các hộ gia đình, doanh nghiệp.",
		"Dịp này, Ban tổ chức khen thưởng những tập thể, cá nhân tiêu biểu của %s.",
	}
)

func paragraph(r *rng, place string) string {
	var b strings.Builder
	for k := 3 + r.intn(3); k > 0; k-- {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, sentence[r.intn(len(sentence))], place)
	}
	return b.String()
}

// article is news item i, showing the named photos of its bundle.
func article(r *rng, i int, photos []string) string {
	place := places[r.intn(len(places))]
	title := fmt.Sprintf("%s tại %s (số %d)", events[r.intn(len(events))], place, i)
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %s\ndate = 2025-%02d-%02dT%02d:00:00+07:00\ndescription = %s\n+++\n\n",
		quote(title), 1+i%12, 1+i%28, 7+i%10, quote("Tin ảnh về hoạt động tại "+place+"."))
	b.WriteString(paragraph(r, place) + "\n\n")
	for _, p := range photos {
		alt := captions[r.intn(len(captions))] + " tại " + place
		fmt.Fprintf(&b, "![%s](%s %s)\n\n%s\n\n", alt, p, quote(alt+", ảnh chụp bằng điện thoại"), paragraph(r, place))
	}
	return b.String()
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// ---- the configurations and Hugo's theme --------------------------------------

const loaConfig = `baseURL = "` + baseURL + `"
title = "` + siteTitle + `"
languageCode = "vi"
`

// Hugo's configuration, in a file Loa does not read (Loa, like Hugo, reads
// hugo.toml before config.toml): hugo --config DIR/hugo-photos.toml. A bundle's
// files are all published unless publishResources is false; then only those
// a template asks the link of are: the resized photos, not the originals.
// Hugo before 0.123 spells the key _build, which 0.145 and later refuse:
// bench/photos/run rewrites it for an old Hugo.
const hugoConfig = `baseURL = "` + baseURL + `"
title = "` + siteTitle + `"
theme = "photos"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
enableRobotsTXT = false

[[cascade]]
[cascade.build]
publishResources = false
`

const hugoBaseof = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>
{{ .Content }}
</article>
{{ end }}
`

const hugoList = `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
{{ end }}
`

// hugoRenderImage resizes the bundle's photo a Markdown image names as Loa
// does: upright first (images.AutoOrient exists from Hugo 0.121; older
// Hugo skips it and publishes sideways photos sideways), then 480, 800,
// 1200 and 1600 pixels wide at quality 80. Only the resized versions get a
// RelPermalink, so Hugo publishes them and not the original.
const hugoRenderImage = `{{- $src := .Page.Resources.Get .Destination -}}
{{- if $src -}}
{{- if ge hugo.Version "0.121.0" }}{{ $src = $src.Filter images.AutoOrient }}{{ end -}}
{{- $a := $src.Resize "480x q80" -}}
{{- $b := $src.Resize "800x q80" -}}
{{- $c := $src.Resize "1200x q80" -}}
{{- $d := $src.Resize "1600x q80" -}}
<figure><img src="{{ $b.RelPermalink }}" srcset="{{ $a.RelPermalink }} 480w, {{ $b.RelPermalink }} 800w, {{ $c.RelPermalink }} 1200w, {{ $d.RelPermalink }} 1600w" sizes="(min-width: 46rem) 44rem, calc(100vw - 2rem)" width="{{ $b.Width }}" height="{{ $b.Height }}" alt="{{ .Text }}" decoding="async">
{{- with .Title }}<figcaption>{{ . }}</figcaption>{{ end }}</figure>
{{- else -}}
<img src="{{ .Destination | safeURL }}" alt="{{ .Text }}">
{{- end -}}
`
