package build

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"loa/generator/check"
)

// The proofreader's findings are the build's warnings, and a file that
// did not change is not read again for them.
func TestProofWarnings(t *testing.T) {
	for _, proofread := range []bool{false, true} {
		t.Run(fmt.Sprintf("parse proofreads %v", proofread), func(t *testing.T) { testProofWarnings(t, proofread) })
	}
}

func testProofWarnings(t *testing.T, proofread bool) {
	site := fstest.MapFS{
		"config.toml":               {Data: []byte("title = \"Thử\"\n")},
		"content/tin-tuc/a.md":      {Data: []byte("+++\ndate = 2025-01-02\ndescription = \"Sapo.\"\n+++\nHội nghị  tổng kết.\n")},
		"content/tin-tuc/b.md":      {Data: []byte("+++\ntitle = \"Tin\"\ndate = 2025-01-02\ndescription = \"Sapo.\"\n+++\nBình thường.\n")},
		"content/tin-tuc/_index.md": {Data: []byte("+++\ntitle = \"Tin tức\"\n+++\n")},
	}
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	b := New(Options{Site: site, Theme: fstest.MapFS{}, Now: now, Rebuilds: true, Proofread: proofread})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range b.ProofWarnings(plan) {
		got = append(got, d.String())
	}
	want := []string{
		"content/tin-tuc/a.md:1:1: warning: news item without a title: it would be published as “a”, made of its file name [check:title]\n    hint: add title = \"…\" to the front matter, between the +++ lines",
		"content/tin-tuc/a.md:5:9: warning: 2 spaces in a row [check:doubleSpace]\n    hint: keep one space between words",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	first := b.proof.files["content/tin-tuc/b.md"].file
	if first == nil {
		t.Fatal("a builder that rebuilds keeps no reading of b.md")
	}
	site["content/tin-tuc/a.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Tin\"\ndate = 2025-01-02\ndescription = \"Sapo.\"\n+++\nHội nghị tổng kết.\n")}
	plan, _ = b.Assemble()
	if w := b.ProofWarnings(plan); len(w) != 0 {
		t.Errorf("fixed, the site still has warnings: %v", w)
	}
	if b.proof.files["content/tin-tuc/b.md"].file != first {
		t.Error("an unchanged file was proofread again")
	}
	if b.proof.fresh != 1 {
		t.Errorf("a save proofread %d files, not the saved one alone", b.proof.fresh)
	}
}

// The preview starts from the readings a build left in the cache, keeps
// them in memory, and a save proofreads the saved file alone.
func TestProofWarningsServeFromCache(t *testing.T) {
	for _, proofread := range []bool{false, true} {
		site, cache := proofCacheSite(), t.TempDir()
		proofSite(t, site, cache, proofread) // loa build
		now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
		serve := New(Options{Site: site, Theme: fstest.MapFS{}, Now: now, CacheDir: cache, Rebuilds: true, Proofread: proofread})
		for i, body := range []string{"", "Hoà giải, thuỷ điện, khoẻ mạnh.\n", "Hoà giải  thành.\n"} {
			if body != "" {
				site["content/tin-tuc/b.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Tin\"\n+++\n" + body)}
			}
			var got [2][]check.Finding
			for k, b := range []*Builder{serve, New(Options{Site: site, Theme: fstest.MapFS{}, Now: now})} {
				plan, diags := b.Assemble()
				if diags.HasErrors() {
					t.Fatal(diags)
				}
				got[k] = b.Proofread(plan)
			}
			sameFindings(t, fmt.Sprintf("build %d of the preview, parse proofreads %v", i+1, proofread), got[0], got[1])
			if want := min(i, 1); serve.proof.fresh != want {
				t.Errorf("build %d of the preview, parse proofreads %v: proofread %d files, not %d", i+1, proofread, serve.proof.fresh, want)
			}
		}
	}
}

// readCounter counts how many times each file of a site is read whole.
type readCounter struct {
	fstest.MapFS
	mu    sync.Mutex
	reads map[string]int
}

func (c *readCounter) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
	return c.MapFS.ReadFile(name)
}

// A build whose parse proofreads reads each content file once, and finds
// what ProofInput finds reading every file itself: the same reading of
// every file, byte for byte, whatever the file holds.
func TestProofreadWhileParsing(t *testing.T) {
	front := "+++\ntitle = \"Tin\"\ndate = 2025-01-02\ndescription = \"Sapo  có hai dấu cách.\"\n+++\n"
	files := map[string]string{
		"content/tin-tuc/_index.md": "+++\ntitle = \"Tin tức\"\n+++\n",
		"content/tin-tuc/chu.md": front + "## Kết quả  năm 2022\n\nBan **Vì sự tiến bộ** của _Phụ nữ_ tỉnh: hòa bình, thủy lợi, UBND và HĐND họp.\n\n" +
			"| Xã | Số hộ |\n|:---|---:|\n| Hòa  Bình | 14 |\n\nCó `mã  lệnh`, <span>chữ  thẻ</span>.\n\n```\nkhối  mã\n```\n\n> Trích  dẫn.\n",
		"content/tin-tuc/lien-ket.md": front + "Xem [bài chữ](/tin-tuc/chu/#ket-qua-nam-2022), [mục không có](/tin-tuc/chu/#khong), <https://chinhphu.vn>, " +
			"https://baochinhphu.vn/a và [Sai](/khong-co/). [bấm](javascript:alert(1))\n",
		"content/tin-tuc/anh.md": front + "![Quang cảnh](anh-1.jpg \"Đại biểu dự  hội nghị\")\n\n![](anh-2.jpg)\n\n![ảnh độc](javascript:alert(2))\n\n![một](a.jpg) ![hai](b.jpg)\n",
		"content/tin-tuc/shortcode.md": front + "Ban {{< youtube abc >}} sau  video {{% details \"Xem\" %}}trong  hộp{{% /details %}}\n\n" +
			"{{< figure src=\"anh-3.jpg\" caption=\"Lễ ký  kết\" >}}\nXem {{< highlight go >}}x  := 1{{< /highlight >}}.\n",
		"content/tin-tuc/yaml.md":  "---\r\ntitle: Hoà giải\r\ndescription: Dòng  một.\r\n---\r\nSức khoẻ  tốt, thuỷ điện.\r\n",
		"content/tin-tuc/hong.md":  "+++\ntitle = \n+++\nThân  bài.\n",
		"content/tin-tuc/loi.md":   front + "Chữ  {{< khongco >}} đây.\n",
		"content/tin-tuc/rong.md":  "",
		"content/tin-tuc/utf8.md":  "Chữ \xff hỏng.\n",
		"content/tin-tuc/khong.md": front + "Không có gì  lạ.\n",
	}
	site := func() *readCounter {
		m := fstest.MapFS{
			"config.toml":        {Data: []byte("title = \"Thử\"\n")},
			"data/glossary.toml": {Data: []byte("\"HĐND\" = \"Hội đồng nhân dân\"\n")},
		}
		for name, src := range files {
			m[name] = &fstest.MapFile{Data: []byte(src)}
		}
		return &readCounter{MapFS: m, reads: map[string]int{}}
	}
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	var builders [3]*Builder
	var findings [3][]check.Finding
	// The third is a single build, whose parse keeps its readings as bytes.
	for k, proofread := range []bool{false, true, true} {
		s := site()
		b := New(Options{Site: s, Theme: os.DirFS("../../themes/default"), Now: now, Rebuilds: k < 2, Proofread: proofread})
		plan, diags := b.Assemble()
		if plan == nil {
			t.Fatal(diags)
		}
		in := b.ProofInput(plan)
		in.Build = diags
		builders[k], findings[k] = b, check.Run(in)
		for name := range files {
			if want := 2 - min(k, 1); s.reads[name] != want {
				t.Errorf("parse proofreads %v: %s read %d times, not %d", proofread, name, s.reads[name], want)
			}
		}
		if b.proof.fresh != len(files) {
			t.Errorf("parse proofreads %v: %d files proofread, not %d", proofread, b.proof.fresh, len(files))
		}
	}
	sameFindings(t, "read as the parse reads", findings[1], findings[0])
	sameFindings(t, "read as the parse of a single build reads", findings[2], findings[0])
	if len(findings[0]) < 10 {
		t.Errorf("%d findings: the site tests little", len(findings[0]))
	}
	for name := range files {
		got, want := builders[1].proof.files[name], builders[0].proof.files[name]
		if got.entry.sum != want.entry.sum || !bytes.Equal(got.entry.data, want.entry.data) {
			t.Errorf("%s: the parse's reading differs from ProofInput's", name)
		}
		if got.page != builders[1].parsed[name].page || want.page != builders[0].parsed[name].page {
			t.Errorf("%s: a reading is not of the parse the build uses", name)
		}
	}
}
