package check

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// encodeSite is a site with something of every kind a reading keeps:
// findings of the file alone, tone marks of both styles, abbreviations,
// links, pictures, figures, edits of --fix and decomposed letters.
func encodeSite(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{
		"content/tin-tuc/a.md": "+++\ntitle = \"Hòa nhập\"\ndate = 2024-01-02\n+++\n" +
			"UBND tỉnh và HĐND  họp về thủy lợi, xem [bài](/tin-tuc/b/#muc) và <https://example.com/x>.\n\n" +
			"![IMG_2034](anh-1.jpg)\n\n{{< figure src=\"anh-2.jpg\" >}}\n\nHoà giải ,văn hoá.\n",
		"content/tin-tuc/b.md": "+++\ndescription = \"Sapo.\"\n+++\nKhoẻ và thuỷ, Ban V\u00d7 s\u00f9 ti\u00d5n b\u00e9.\n",
		"content/_index.md":    "+++\ntitle = \"Trang chủ\"\n+++\n",
		"content/broken.md":    "+++\ntitle = \"Không đóng\"\n",
	}
	for _, name := range []string{"mixed.md", "legacy.md"} {
		src, err := os.ReadFile(filepath.Join("testdata/fix", name))
		if err != nil {
			t.Fatal(err)
		}
		files["content/tin-tuc/"+name] = string(src)
	}
	return files
}

// A decoded reading is the reading: the same File but for what only
// Read itself uses, and the same findings and edits across the site.
func TestEncodeDecode(t *testing.T) {
	cfg := "[check]\ncaptions = true\n"
	want, in := site(t, cfg, nil, encodeSite(t))
	decoded := in
	decoded.Files = nil
	for _, f := range in.Files {
		g, err := Decode(f.Name, f.Encode(nil), f.Page)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		read := *f
		read.nfd = nil // read's own notes on the file's lines, done with once it has read
		if !reflect.DeepEqual(&read, g) {
			t.Errorf("%s decodes as\n%+v\nread:\n%+v", f.Name, g, &read)
		}
		decoded.Files = append(decoded.Files, g)
	}
	var kinds [7]int
	for _, f := range in.Files {
		for i, n := range []int{len(f.findings), len(f.tones), len(f.abbrs), len(f.links), len(f.images), len(f.edits), len(f.nfd)} {
			kinds[i] += n
		}
	}
	if slices.Contains(kinds[:], 0) {
		t.Fatalf("the site lacks a kind of what readings keep (findings, tones, abbreviations, links, pictures, edits, NFD lines): %v", kinds)
	}
	if got := Run(decoded); !reflect.DeepEqual(got, want) {
		t.Errorf("findings of decoded readings:\n%v\nread:\n%v", show(got), show(want))
	}
	if !reflect.DeepEqual(Edits(decoded), Edits(in)) {
		t.Errorf("edits of decoded readings:\n%v\nread:\n%v", Edits(decoded), Edits(in))
	}
}

// Bytes cut short or changed are an error or another reading, never a
// panic; a reading of another layout is an error.
func TestDecodeDamaged(t *testing.T) {
	_, in := site(t, "", nil, encodeSite(t))
	for _, f := range in.Files {
		data := f.Encode(nil)
		for n := range len(data) {
			if _, err := Decode(f.Name, data[:n], nil); err == nil {
				t.Errorf("%s cut to %d of %d bytes decodes", f.Name, n, len(data))
			}
		}
		for i := range data {
			bad := append([]byte(nil), data...)
			bad[i] ^= 0xff
			Decode(f.Name, bad, nil)
		}
		other := append([]byte{layout + 1}, data[1:]...)
		if _, err := Decode(f.Name, other, nil); err == nil {
			t.Errorf("%s: a reading of another layout decodes", f.Name)
		}
	}
}
