package build

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"loa/generator/check"
	"loa/generator/diag"
)

// proofSite proofreads a site as loa check does (the build's own
// diagnostics included, for links and anchors), by a new builder that
// keeps its cache in cache ("" keeps none); fresh is how many files it
// proofread anew rather than take from the cache. With proofread, the
// parse reads the files it parses anew for the proofreader, as in loa
// check (Options.Proofread); else ProofInput reads every file itself.
func proofSite(t *testing.T, site fs.FS, cache string, proofread bool) (findings []check.Finding, fresh int) {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	b := New(Options{Site: site, Theme: os.DirFS("../../themes/default"), Now: now, CacheDir: cache, Proofread: proofread})
	plan, diags := b.Assemble()
	if plan == nil {
		t.Fatal(diags)
	}
	in := b.ProofInput(plan)
	in.Build = diags
	return check.Run(in), b.proof.fresh
}

// sameFindings fails the test when a build from the cache found otherwise
// than one without it.
func sameFindings(t *testing.T, what string, got, want []check.Finding) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: from the cache:\n%s\nwithout:\n%s", what, showFindings(got), showFindings(want))
	}
}

func showFindings(fs []check.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Level.String() + " " + f.Diagnostic(diag.Warning).String() + "\n")
	}
	return b.String()
}

// proofCacheSite has what the rules across files weigh: tone marks in
// both styles (the old one in most words), an abbreviation the glossary
// lacks, and links to another page and its heading.
func proofCacheSite() fstest.MapFS {
	front := "+++\ntitle = \"Tin\"\ndate = 2025-01-02\ndescription = \"Sapo.\"\n+++\n"
	return fstest.MapFS{
		"config.toml":               {Data: []byte("title = \"Thử\"\n")},
		"data/glossary.toml":        {Data: []byte("\"HĐND\" = \"Hội đồng nhân dân\"\n")},
		"content/tin-tuc/_index.md": {Data: []byte("+++\ntitle = \"Tin tức\"\n+++\n")},
		"content/tin-tuc/a.md": {Data: []byte(front + "Hòa bình, thủy lợi và sức khỏe: UBND và HĐND họp, " +
			"xem [bài b](/tin-tuc/b/#muc-tieu).\n")},
		"content/tin-tuc/b.md": {Data: []byte(front + "## Mục tiêu\n\nHoà giải  thành.\n")},
		"content/tin-tuc/c.md": {Data: []byte(front + "Xem [bài b](/tin-tuc/b/).\n")},
	}
}

// A new builder proofreads only the files whose bytes changed since the
// last build, and finds what a builder without the cache finds, however
// the change weighs on the rules across files.
func TestProofCache(t *testing.T) {
	front := "+++\ntitle = \"Tin\"\ndate = 2025-01-02\ndescription = \"Sapo.\"\n+++\n"
	for _, tc := range []struct {
		name  string
		edit  map[string]string // file → new bytes; "" removes it
		fresh int               // files proofread anew after the edit
	}{
		{"nothing changes", nil, 0},
		{"b.md turns the site's tone style to the new one", map[string]string{
			"content/tin-tuc/b.md": front + "## Mục tiêu\n\nHoà giải, thuỷ điện, khoẻ mạnh, hoà nhập.\n"}, 1},
		{"b.md renames the heading a.md links to", map[string]string{
			"content/tin-tuc/b.md": front + "## Mục đích\n\nHoà giải  thành.\n"}, 1},
		{"b.md is removed: the links to it break", map[string]string{"content/tin-tuc/b.md": ""}, 0},
		{"a new file", map[string]string{"content/tin-tuc/d.md": front + "Hoà thuận.\n"}, 1},
		{"the glossary defines UBND", map[string]string{
			"data/glossary.toml": "\"HĐND\" = \"Hội đồng nhân dân\"\nUBND = \"Uỷ ban nhân dân\"\n"}, 0},
		{"[check] asks for the new style", map[string]string{
			"config.toml": "title = \"Thử\"\n[check]\ntonePlacement = \"new\"\n"}, 4},
	} {
		for _, proofread := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, parse proofreads %v", tc.name, proofread), func(t *testing.T) {
				site, cache := proofCacheSite(), t.TempDir()
				cold, _ := proofSite(t, site, "", false)
				if first, fresh := proofSite(t, site, cache, proofread); fresh != 4 {
					t.Fatalf("a build without a cache proofread %d files, not 4", fresh)
				} else {
					sameFindings(t, "the first build", first, cold)
				}
				for name, src := range tc.edit {
					site[name] = &fstest.MapFile{Data: []byte(src)}
					if src == "" {
						delete(site, name)
					}
				}
				warm, fresh := proofSite(t, site, cache, proofread)
				cold, _ = proofSite(t, site, "", false)
				sameFindings(t, "after the edit", warm, cold)
				if fresh != tc.fresh {
					t.Errorf("after the edit, %d files were proofread anew, not %d", fresh, tc.fresh)
				}
				if tc.edit != nil && reflect.DeepEqual(cold, mustFindings(t, proofCacheSite())) {
					t.Error("the edit changed no finding: it tests nothing")
				}
			})
		}
	}
}

func mustFindings(t *testing.T, site fs.FS) []check.Finding {
	t.Helper()
	f, _ := proofSite(t, site, "", false)
	return f
}

// The example site (the repository's content/ and config.toml) finds the
// same from the cache, and after an edit of one of its articles.
func TestProofCacheExampleSite(t *testing.T) {
	site := fstest.MapFS{}
	root := os.DirFS("../..")
	for _, dir := range []string{"content", "data", "static"} {
		fs.WalkDir(root, dir, func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := fs.ReadFile(root, name)
				site[name] = &fstest.MapFile{Data: data}
			}
			return err
		})
	}
	cfg, err := fs.ReadFile(root, "config.toml")
	if err != nil {
		t.Fatal(err)
	}
	site["config.toml"] = &fstest.MapFile{Data: cfg}
	name := "content/tin-tuc/so-ket-chien-luoc-binh-dang-gioi.md"
	src, ok := site[name]
	if !ok {
		t.Fatalf("the example site has no %s", name)
	}
	edited := maps.Clone(site)
	edited[name] = &fstest.MapFile{Data: append(append([]byte(nil), src.Data...), "\nHòa  thuận, UBNDX họp. [Sai](/khong-co/)\n"...)}
	for _, proofread := range []bool{false, true} {
		cache := t.TempDir()
		cold, _ := proofSite(t, site, "", false)
		if first, _ := proofSite(t, site, cache, proofread); proofread {
			sameFindings(t, "the example site, read as it parses", first, cold)
		}
		warm, fresh := proofSite(t, site, cache, proofread)
		sameFindings(t, "the example site", warm, cold)
		if fresh != 0 {
			t.Errorf("the example site unchanged, %d files were proofread again", fresh)
		}
		warm, fresh = proofSite(t, edited, cache, proofread)
		cold, _ = proofSite(t, edited, "", false)
		sameFindings(t, "the example site, edited", warm, cold)
		if fresh != 1 {
			t.Errorf("one file edited, %d were proofread anew", fresh)
		}
	}
}

// A pack cut short, changed or of another program is an empty cache:
// the build proofreads every file and writes a new one.
func TestProofCacheDamaged(t *testing.T) {
	for _, proofread := range []bool{false, true} {
		site, cache := proofCacheSite(), t.TempDir()
		want, _ := proofSite(t, site, cache, proofread)
		pack := filepath.Join(cache, "build", "proof", proofPack)
		data, err := os.ReadFile(pack)
		if err != nil {
			t.Fatal(err)
		}
		for what, bad := range map[string][]byte{
			"cut short":         data[:len(data)/2],
			"empty":             nil,
			"a byte changed":    append(append([]byte(nil), data[:len(data)-10]...), append([]byte{data[len(data)-10] ^ 1}, data[len(data)-9:]...)...),
			"not a pack at all": []byte("hello"),
		} {
			if err := os.WriteFile(pack, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			got, fresh := proofSite(t, site, cache, proofread)
			sameFindings(t, what, got, want)
			if fresh != 4 {
				t.Errorf("%s, parse proofreads %v: %d files proofread anew, not all 4", what, proofread, fresh)
			}
			if _, fresh := proofSite(t, site, cache, proofread); fresh != 0 {
				t.Errorf("%s, parse proofreads %v: the pack was not written again: %d files proofread anew after", what, proofread, fresh)
			}
		}
	}
}

// decodeProofPack reads back what encodeProofPack wrote, and nothing of
// a pack cut short at any byte or with another key.
func TestProofPack(t *testing.T) {
	key := [32]byte{1, 2, 3}
	entries := map[string]proofEntry{
		"content/a.md":  {sum: [32]byte{9}, data: []byte("reading of a")},
		"content/bà.md": {sum: [32]byte{8}, data: nil},
	}
	data := encodeProofPack(key, []string{"content/a.md", "content/bà.md"}, entries)
	got := decodeProofPack(data, key)
	if len(got) != 2 || string(got["content/a.md"].data) != "reading of a" || got["content/bà.md"].sum != entries["content/bà.md"].sum {
		t.Errorf("decoded %v", got)
	}
	for n := range len(data) {
		if got := decodeProofPack(data[:n], key); got != nil {
			t.Errorf("cut to %d of %d bytes, the pack reads %v", n, len(data), got)
		}
	}
	if got := decodeProofPack(data, [32]byte{4}); got != nil {
		t.Error("a pack of another key reads")
	}
}
