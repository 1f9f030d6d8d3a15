package page

import (
	"bytes"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"loa/generator/diag"
)

// roundTrip encodes a parse and decodes it again, failing unless the
// decoded parse is deeply equal and encodes to the same bytes.
func roundTrip(t *testing.T, p *Parser, pg *Page, diags diag.List) {
	t.Helper()
	data, err := p.Encode(pg, diags)
	if err != nil {
		t.Fatal(err)
	}
	got, gotDiags, err := p.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, pg) {
		t.Errorf("page differs after a round trip:\n got %#v\nwant %#v", got, pg)
	}
	if !reflect.DeepEqual(gotDiags, diags) {
		t.Errorf("diagnostics differ after a round trip:\n got %v\nwant %v", gotDiags, diags)
	}
	if again, _ := p.Encode(got, gotDiags); !bytes.Equal(again, data) {
		t.Error("the decoded page encodes to other bytes")
	}
}

// Front matter of every kind comes back from the cache as Parse made it:
// dates keep their zones, lists stay nil or empty, YAML keeps its number
// types and its tables with keys that are not text.
func TestCacheRoundTrip(t *testing.T) {
	tests := []struct{ name, src string }{
		{"tin tức TOML với mọi kiểu tham số", "+++\ntitle = \"Hội nghị bình đẳng giới\"\ndate = 2024-11-15T08:00:00+07:00\n" +
			"lastmod = 2024-11-16\npublishDate = \"17/11/2024 14:45\"\nexpiryDate = 2030-01-01T00:00:00Z\n" +
			"draft = false\nweight = -3\nslug = \"hoi-nghi\"\nurl = \"/hoi-nghi/\"\naliases = [\"/cu/\", \"/cu-2/\"]\n" +
			"authors = [\"Nguyễn Thị Hoa\"]\nimages = [\"anh.jpg\"]\ntags = [\"giới\", \"trẻ em\"]\ncategories = []\n" +
			"translationKey = \"hn\"\nsoLuong = 42\nlon = 9223372036854775807\ntiLe = 0.5\nam = -0.0\nvoCuc = inf\n" +
			"co = true\nrong = []\nlich = 1979-05-27T07:32:00\nngay = 1979-05-27\ngio = 07:32:00\n" +
			"utc = 1979-05-27T07:32:00Z\ntay = 1979-05-27T07:32:00-05:00\nhcm = 1979-05-27T07:32:00+07:00\n" +
			"lienHe = { ten = \"Phòng\", so = [1, 2.5, \"ba\", [true]] }\n" +
			"[[menu.main]]\nname = \"Tin\"\nweight = 2\n[[menu.main]]\nname = \"Văn bản\"\n" +
			"[lienHe2]\ndienThoai = \"0123\"\n[lienHe2.con]\nx = 1\n+++\n# Mở đầu\n\nNội dung [liên kết](../a.md) ![ảnh](anh.jpg)\n\n## Phần hai\n"},
		{"YAML với khoá số và số lớn", "---\ntitle: Tin YAML\ndate: 2024-11-15 08:00\ntags: [giới]\n" +
			"so: 7\nlon: 18446744073709551615\nam: -9223372036854775808\nthuc: 1.5\nrong: null\nlist: []\n" +
			"bang:\n  1: một\n  true: đúng\n  2.5: hai rưỡi\n  ~: không\nngay:\n  - 2024-11-15T08:00:00+07:00\n  - 2024-11-15\n" +
			"  - 2024-11-15T08:00:00Z\nnhiPhan: !!binary aGVsbG8=\nlong:\n  a:\n    b: [1, {c: d}]\n---\nNội dung\n"},
		{"chiến dịch", "+++\ntitle = \"Tháng hành động\"\n[campaign]\ntheme = \"Bình đẳng giới\"\nstart = 2025-11-15\nend = 2025-12-15\n" +
			"messages = [\"Một\", \"Hai\"]\n[[campaign.hotlines]]\nname = \"Tổng đài\"\nnumber = \"111\"\nhours = \"24/7\"\n" +
			"[[campaign.activities]]\ntitle = \"Lễ phát động\"\nstart = 2025-11-15T08:00:00\nend = 2025-11-15T11:00:00\nplace = \"Hà Nội\"\n" +
			"[[campaign.activities]]\ntitle = \"Cả ngày\"\nstart = 2025-11-20\n" +
			"[[campaign.materials]]\ntitle = \"Áp phích\"\nfile = \"ap-phich.png\"\nkind = \"poster\"\n" +
			"[[campaign.materials]]\ntitle = \"Video\"\nurl = \"https://www.youtube.com/watch?v=abcdefghijk&t=30s\"\nkind = \"video\"\n+++\n",
		},
		{"lỗi: trang nil và chẩn đoán", "+++\ntitle = 3\ndate = \"không phải ngày\"\n+++\nNội dung"},
		{"cảnh báo HTML", "Chữ <b>đậm</b>\n"},
		{"không có phần đầu", ""},
	}
	p := testParser(t, false)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pg, diags := p.Parse("content/tin-tuc/a/index.md", []byte(tc.src))
			roundTrip(t, p, pg, diags)
		})
	}
}

// A decoded page's HTML is a string of its own: a build that then reads the
// HTML from the cache drops Content, and the HTML must go with it, not stay
// as long as the title that shares its bytes.
func TestCacheDecodeKeepsHTMLApart(t *testing.T) {
	p := testParser(t, false)
	src := "+++\ntitle = \"Hội nghị bình đẳng giới\"\ndescription = \"Sáng 15/11\"\n+++\n" + strings.Repeat("Nội dung của bản tin. ", 200)
	pg, diags := p.Parse("content/tin-tuc/a.md", []byte(src))
	data, err := p.Encode(pg, diags)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := p.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	html := uintptr(unsafe.Pointer(unsafe.StringData(got.Content)))
	for _, field := range []string{got.Title, got.Description, got.Summary} {
		at := uintptr(unsafe.Pointer(unsafe.StringData(field)))
		// One allocation of the head and the HTML would put the fields
		// within a page's length before the HTML.
		if at < html && html-at <= uintptr(len(data)) {
			t.Errorf("%q shares its allocation with the HTML: the HTML stays in memory as long as the page's fields", field)
		}
	}
}

// Every content file of the example site and of the test sites survives a
// round trip: the campaigns, materials, translations and shortcodes they
// use.
func TestCacheRoundTripSites(t *testing.T) {
	p := testParser(t, false).WithShortcodes(loadShortcodes(t, nil)).WithGlossary(Glossary{"BĐG": "bình đẳng giới"})
	n := 0
	for _, root := range []string{"../../content", "../build/testdata", "testdata"} {
		err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(name, ".md") {
				return err
			}
			src, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			file := filepath.ToSlash(name)
			if i := strings.Index(file, "content/"); i >= 0 {
				file = file[i:]
			} else {
				file = "content/" + filepath.Base(name)
			}
			t.Run(file, func(t *testing.T) {
				pg, diags := p.Parse(file, src)
				roundTrip(t, p, pg, diags)
			})
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 50 {
		t.Errorf("only %d files", n)
	}
}

// A field added to Page (or to what it holds) and forgotten by the codec
// fails this test: every field is filled, and must come back.
func TestCacheRoundTripEveryField(t *testing.T) {
	p := testParser(t, false)
	var pg Page
	n := 0
	fill(reflect.ValueOf(&pg).Elem(), p.cfg.Location, &n)
	pg.Params = map[string]any{
		"s": "chữ", "t": true, "f": false, "i": int64(-7), "n": 7, "u": uint64(math.MaxUint64),
		"x": 1.25, "nil": nil, "list": []any{"a", 1, []any{}}, "nilList": []any(nil),
		"tables": []map[string]any{{"a": 1}, nil}, "table": map[string]any{"b": map[string]any{}},
		"anyTable": map[any]any{1: "một", "k": nil, true: 2.5}, "nilTable": map[string]any(nil),
		"dates": []any{time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC), time.Date(2024, 1, 2, 3, 4, 5, 6, time.Local),
			time.Date(2024, 1, 2, 3, 4, 5, 6, time.FixedZone("", -5*3600)), time.Date(2024, 1, 2, 3, 4, 5, 6, time.FixedZone("ICT", 7*3600)),
			time.Date(2024, 1, 2, 3, 4, 5, 6, p.zones.datetime), time.Date(2024, 1, 2, 0, 0, 0, 0, p.zones.date),
			time.Date(0, 1, 1, 3, 4, 5, 0, p.zones.clock), time.Time{}},
	}
	roundTrip(t, p, &pg, diag.List{{Pos: diag.Pos{File: "a", Line: 1, Col: 2}, Severity: diag.Warning,
		Message: "m", Hint: "h", MessageVi: "mv", HintVi: "hv"}})
	roundTrip(t, p, &Page{}, diag.List{})
	roundTrip(t, p, nil, nil)
}

// fill sets every field reachable from v, unexported ones too, to a value
// that is not zero; n makes the values differ.
func fill(v reflect.Value, loc *time.Location, n *int) {
	*n++
	if !v.CanSet() {
		v = reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("chữ " + strings.Repeat("x", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n))
	case reflect.Uint64:
		v.SetUint(uint64(*n) << 40)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), loc, n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, loc, n)
			fill(e, loc, n)
			v.SetMapIndex(k, e)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), loc, n)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2000+*n, 2, 3, 4, 5, 6, 7, loc)))
			return
		}
		for i := range v.NumField() {
			if ft := v.Type().Field(i).Type; ft == reflect.TypeOf(&packed{}) || ft == reflect.TypeOf(&kept{}) {
				continue // Content held otherwise: Pack's and KeptIn's, tested in body_test.go
			}
			fill(v.Field(i), loc, n)
		}
	case reflect.Interface:
		v.Set(reflect.ValueOf(*n))
	default:
		panic("fill: add the kind " + v.Kind().String())
	}
}

// Values front matter cannot hold, and zones with rules that are not the
// site's, are refused rather than cached wrong.
func TestCacheEncodeRefuses(t *testing.T) {
	p := testParser(t, false)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	for name, v := range map[string]any{
		"struct":    struct{ A int }{1},
		"int32":     int32(1),
		"zone":      time.Date(2024, 1, 2, 0, 0, 0, 0, paris),
		"in a list": []any{"a", []string{"b"}},
	} {
		if _, err := p.Encode(&Page{Params: map[string]any{"x": v}}, nil); err == nil {
			t.Errorf("%s: encoded", name)
		}
	}
}

// Damaged bytes are an error, never a panic: every cut of an encoding, and
// every byte changed.
func TestCacheDecodeDamaged(t *testing.T) {
	p := testParser(t, false)
	pg, diags := p.Parse("content/tin-tuc/a.md", []byte("+++\ntitle = \"Tin\"\ndate = 2024-11-15\nx = [1, {a = 2}]\n+++\n# Đầu\n\n[a](b.md)\n"))
	data, err := p.Encode(pg, diags)
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(data) {
		if _, _, err := p.Decode(data[:i]); err == nil {
			t.Errorf("cut at %d of %d: decoded", i, len(data))
		}
		for _, b := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			changed := bytes.Clone(data)
			changed[i] = b
			p.Decode(changed) // must not panic
		}
	}
	if _, _, err := p.Decode(append(bytes.Clone(data), 0)); err == nil {
		t.Error("a byte too many: decoded")
	}
}

func FuzzCacheDecode(f *testing.F) {
	p := testParser(f, false)
	pg, diags := p.Parse("content/a.md", []byte("+++\ntitle = \"Tin\"\nx = [1, 2.5, {a = 1979-05-27}]\n+++\nChữ"))
	data, _ := p.Encode(pg, diags)
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		pg, diags, err := p.Decode(data)
		if err != nil {
			return
		}
		if _, err := p.Encode(pg, diags); err != nil {
			t.Errorf("decoded but cannot encode again: %v", err)
		}
	})
}
