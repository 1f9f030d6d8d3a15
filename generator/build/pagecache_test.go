package build

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"loa/generator/diag"
)

// cacheSite is a small site in two languages whose pages use what a parse
// reads besides their own bytes: the configuration (through a shortcode
// template that shows the site's title), a template of the site, the
// glossary, dates with and without a zone, and a warning.
func cacheSite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"config.toml": file("baseURL = \"https://thu.gov.vn/\"\ntitle = \"Hội Phụ nữ tỉnh\"\ndefaultContentLanguage = \"vi\"\n" +
			"[params]\ntenDonVi = \"Hội LHPN\"\n[languages.vi]\nweight = 1\n[languages.en]\nweight = 2\ntitle = \"Women's Union\"\n"),
		"data/glossary.toml":                   file("\"BĐG\" = \"bình đẳng giới\"\n"),
		"layouts/shortcodes/loi-chao.html":     file("<b class=\"loi-chao\">{{ .Get 0 }} · {{ .Site.Title }}</b>"),
		"content/_index.md":                    file("+++\ntitle = \"Trang chủ\"\n+++\n"),
		"content/_index.en.md":                 file("+++\ntitle = \"Home\"\n+++\n"),
		"content/tin-tuc/_index.md":            file("+++\ntitle = \"Tin tức\"\n+++\n"),
		"content/tin-tuc/hoi-nghi/index.md":    file("+++\ntitle = \"Hội nghị BĐG\"\ndate = 2025-03-01T08:00:00+07:00\ntags = [\"giới\"]\n[lienHe]\nngay = 2025-03-02\nso = 3\n+++\n{{< loi-chao \"Xin chào\" >}}\n\nCông tác BĐG năm 2025 có <b>nhiều</b> kết quả.\n"),
		"content/tin-tuc/hoi-nghi/index.en.md": file("+++\ntitle = \"Conference\"\ndate = 2025-03-01\n+++\n{{< loi-chao \"Hello\" >}}\n"),
		"content/tin-tuc/tap-huan.md":          file("---\ntitle: Tập huấn\ndate: 2025-02-01 08:00\nso: [1, 2.5]\n---\nNội dung tập huấn về BĐG.\n"),
		"content/gioi-thieu/_index.md":         file("+++\ntitle = \"Giới thiệu\"\n+++\n{{< param \"tenDonVi\" >}}\n"),
	}
}

// buildCached builds site into memory with a new builder keeping its cache
// in dir, and says how many pages came from the cache.
func buildCached(t *testing.T, site fstest.MapFS, dir string) (map[string][]byte, diag.List, int64) {
	t.Helper()
	return buildCachedWith(t, site, Options{CacheDir: dir})
}

// buildCachedWith is buildCached with more options: Rebuilds, as the
// preview, whose store holds the pages' HTML.
func buildCachedWith(t *testing.T, site fstest.MapFS, o Options) (map[string][]byte, diag.List, int64) {
	t.Helper()
	o.Site, o.Theme, o.Now = site, os.DirFS("../../themes/default"), func() time.Time { return campaignNow }
	b := New(o)
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out := &memory{files: map[string][]byte{}}
	_, d := b.Render(plan, out)
	diags = append(diags, d...)
	var hits int64
	if b.pages != nil {
		hits = b.pages.hits.Load()
	}
	return out.files, diags, hits
}

func sameBuild(t *testing.T, what string, files map[string][]byte, diags diag.List, wantFiles map[string][]byte, wantDiags diag.List) {
	t.Helper()
	if !maps.EqualFunc(files, wantFiles, func(a, b []byte) bool { return string(a) == string(b) }) {
		for name := range wantFiles {
			if string(files[name]) != string(wantFiles[name]) {
				t.Errorf("%s: %s differs from a build without the cache:\n%s", what, name, firstDiff(string(wantFiles[name]), string(files[name])))
			}
		}
		if len(files) != len(wantFiles) {
			t.Errorf("%s: %d outputs, want %d", what, len(files), len(wantFiles))
		}
	}
	if !reflect.DeepEqual(diags, wantDiags) {
		t.Errorf("%s: diagnostics\n%v\nwant\n%v", what, diags, wantDiags)
	}
}

// A build that reads its pages from the cache writes the same files and
// says the same things as one that parses them.
func TestPageCacheWarmBuildIsTheColdBuild(t *testing.T) {
	dir := t.TempDir()
	site := cacheSite()
	cold, coldDiags, hits := buildCached(t, site, dir)
	if hits != 0 {
		t.Fatalf("an empty cache gave %d pages", hits)
	}
	if len(coldDiags.Warnings()) == 0 {
		t.Fatal("the site should warn of its raw HTML")
	}
	warm, warmDiags, hits := buildCached(t, site, dir)
	if hits != 7 {
		t.Errorf("%d pages from the cache, want all 7", hits)
	}
	sameBuild(t, "warm", warm, warmDiags, cold, coldDiags)
	// The preview reads the same packs whole, and holds the HTML.
	warm, warmDiags, hits = buildCachedWith(t, site, Options{CacheDir: dir, Rebuilds: true})
	if hits != 7 {
		t.Errorf("the preview took %d pages from the cache, want all 7", hits)
	}
	sameBuild(t, "warm preview", warm, warmDiags, cold, coldDiags)
}

// After an edit, a build with the cache of the site before it equals a
// build without any; an edit of what every page reads parses every page.
func TestPageCacheEdits(t *testing.T) {
	before := t.TempDir()
	buildCached(t, cacheSite(), before)
	tests := []struct {
		name string
		edit func(fstest.MapFS)
		hits int64
	}{
		{"sửa thân một bài", func(s fstest.MapFS) {
			s["content/tin-tuc/tap-huan.md"].Data = []byte("---\ntitle: Tập huấn\ndate: 2025-02-01 08:00\n---\nNội dung mới.\n")
		}, 6},
		{"thêm một bài", func(s fstest.MapFS) {
			s["content/tin-tuc/moi.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Mới\"\ndate = 2025-03-05\n+++\nTin mới.\n")}
		}, 7},
		{"xoá một bài", func(s fstest.MapFS) { delete(s, "content/tin-tuc/tap-huan.md") }, 6},
		{"đổi tên trang trong cấu hình", func(s fstest.MapFS) {
			s["config.toml"].Data = []byte(string(s["config.toml"].Data) + "copyright = \"2025\"\n")
		}, 0},
		{"đổi mẫu shortcode", func(s fstest.MapFS) {
			s["layouts/shortcodes/loi-chao.html"].Data = []byte("<i>{{ .Get 0 }}</i>")
		}, 0},
		{"đổi bảng chú giải", func(s fstest.MapFS) {
			s["data/glossary.toml"].Data = []byte("\"BĐG\" = \"bình đẳng giới (giới nam và nữ)\"\n")
		}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site := cacheSite()
			tc.edit(site)
			want, wantDiags, _ := buildCached(t, site, t.TempDir())
			dir := copyDir(t, before)
			got, diags, hits := buildCached(t, site, dir)
			if hits != tc.hits {
				t.Errorf("%d pages from the cache, want %d", hits, tc.hits)
			}
			sameBuild(t, tc.name, got, diags, want, wantDiags)
			pages := 0
			for name := range site {
				if strings.HasSuffix(name, ".md") {
					pages++
				}
			}
			if n := cachedEntries(t, dir); n != pages {
				t.Errorf("the cache holds %d pages after the build, want the site's %d", n, pages)
			}
		})
	}
}

// A preview server, whose base URL is its own address, keeps its pages
// beside loa build's instead of replacing them.
func TestPageCacheFlavors(t *testing.T) {
	dir := t.TempDir()
	site := cacheSite()
	buildCached(t, site, dir)
	b := New(Options{Site: site, Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return campaignNow },
		CacheDir: dir, BaseURL: "http://localhost:1313/"})
	if _, d := b.Assemble(); d.HasErrors() {
		t.Fatal(d)
	}
	if hits := b.pages.hits.Load(); hits != 0 {
		t.Errorf("the preview took %d pages parsed for another address", hits)
	}
	if _, _, hits := buildCached(t, site, dir); hits != 7 {
		t.Errorf("loa build found %d of its pages after the preview, want 7", hits)
	}
}

// A damaged cache is an empty one: the build succeeds as without it, and
// writes the cache again.
func TestPageCacheDamaged(t *testing.T) {
	site := cacheSite()
	want, wantDiags, _ := buildCached(t, site, t.TempDir())
	damages := map[string]func([]byte) []byte{
		"cut":          func(b []byte) []byte { return b[:len(b)/2] },
		"empty":        func([]byte) []byte { return nil },
		"byte flipped": func(b []byte) []byte { b[len(b)/3] ^= 0x40; return b },
		// A build reads the heads, and checks the HTML without keeping it.
		"head changed": func(b []byte) []byte { b[packHeader+40] ^= 0x01; return b },
		"HTML changed": func(b []byte) []byte { b[len(b)-8] ^= 0x01; return b },
		"HTML cut":     func(b []byte) []byte { return b[:len(b)-6] },
		"header only":  func(b []byte) []byte { return b[:packHeader+2] },
		"garbage":      func([]byte) []byte { return []byte("not a pack at all") },
	}
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			buildCached(t, site, dir)
			packs, _ := filepath.Glob(filepath.Join(dir, "build", "pages", "*", "*.pack"))
			if len(packs) == 0 {
				t.Fatal("no pack written")
			}
			for _, p := range packs {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, damage(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, diags, hits := buildCached(t, site, dir)
			if hits != 0 {
				t.Errorf("%d pages from a damaged cache", hits)
			}
			sameBuild(t, name, got, diags, want, wantDiags)
			if _, _, hits := buildCached(t, site, dir); hits != 7 {
				t.Errorf("the cache was not written again: %d pages from it", hits)
			}
		})
	}
}

// A pack left under its temporary name by a killed build, and the packs of
// options no build has used for a month, are removed; a pack being
// written by another build now is not.
func TestPageCacheTidy(t *testing.T) {
	dir := t.TempDir()
	site := cacheSite()
	buildCached(t, site, dir)
	flavors, _ := filepath.Glob(filepath.Join(dir, "build", "pages", "*"))
	if len(flavors) != 1 {
		t.Fatalf("flavors %v", flavors)
	}
	month := time.Now().Add(-31 * 24 * time.Hour)
	killed, writing := filepath.Join(flavors[0], "00.pack.123.tmp"), filepath.Join(flavors[0], "01.pack.456.tmp")
	unused := filepath.Join(dir, "build", "pages", "0123456789abcdef")
	os.WriteFile(killed, []byte("half"), 0o644)
	os.WriteFile(writing, []byte("half"), 0o644)
	os.Chtimes(killed, month, month)
	os.MkdirAll(unused, 0o755)
	os.WriteFile(filepath.Join(unused, "00.pack"), []byte("old"), 0o644)
	os.Chtimes(unused, month, month)
	os.Chtimes(flavors[0], month, month) // in use, though no build wrote it lately
	if _, _, hits := buildCached(t, site, dir); hits != 7 {
		t.Errorf("%d pages from the cache, want 7", hits)
	}
	for name, want := range map[string]bool{killed: false, writing: true, unused: false} {
		if _, err := os.Stat(name); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", name, err == nil, want)
		}
	}
	if st, err := os.Stat(flavors[0]); err != nil || time.Since(st.ModTime()) > time.Hour {
		t.Error("the packs used are not marked as used")
	}
}

// cachedEntries counts the pages in the packs of dir.
func cachedEntries(t *testing.T, dir string) int {
	t.Helper()
	packs, _ := filepath.Glob(filepath.Join(dir, "build", "pages", "*", "*.pack"))
	n := 0
	for _, p := range packs {
		keys, _, err := readPack(p, true)
		if err != nil {
			t.Fatalf("%s does not read: %v", p, err)
		}
		n += len(keys)
	}
	return n
}

// TestEncodingsShareChunks: entries are encoded one after the other into
// a chunk while they fit, one too big for what is left goes on its own
// and the next start a new chunk, and every encoding keeps its bytes.
func TestEncodingsShareChunks(t *testing.T) {
	var r encodings
	defer r.put()
	sizes := []int{100, 5000, chunkSize - 6000, 2000, 10, chunkSize + 1, 7}
	var got [][]byte
	for i, n := range sizes {
		enc, err := r.encode(func(dst []byte) ([]byte, error) {
			if cap(dst)-len(dst) < n {
				dst = make([]byte, 0, n) // as AppendEncode does when its estimate does not fit
			}
			return append(dst[len(dst):], bytes.Repeat([]byte{byte('a' + i)}, n)...), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, enc)
	}
	for i, enc := range got {
		if len(enc) != sizes[i] || bytes.Count(enc, []byte{byte('a' + i)}) != sizes[i] {
			t.Errorf("encoding %d: %d bytes, %d of its own, want %d", i, len(enc), bytes.Count(enc, []byte{byte('a' + i)}), sizes[i])
		}
	}
	// 100, 5000 and chunkSize-6000 fill the first chunk; 2000 does not
	// fit, so 10 starts a second; the one too big for any chunk goes on its
	// own, and 7 starts a third.
	if len(r.chunks) != 3 || len(*r.chunks[0]) != chunkSize-900 || len(*r.chunks[1]) != 10 || len(*r.chunks[2]) != 7 {
		lens := []int{}
		for _, c := range r.chunks {
			lens = append(lens, len(*c))
		}
		t.Errorf("chunks filled %v", lens)
	}
}
