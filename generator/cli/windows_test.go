package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// A page saved by Notepad (a byte order mark and CRLF line ends) or typed
// with Unikey's combining-accent setting (NFD) builds to the same bytes as
// the clean file.
func TestNotepadAndUnikeyBuildTheSame(t *testing.T) {
	const page = "+++\ntitle = \"Hội nghị tổng kết công tác năm 2025\"\ndate = 2025-12-20T08:00:00+07:00\n" +
		"description = \"Sáng 20/12, Ủy ban nhân dân tỉnh Đắk Lắk tổ chức hội nghị.\"\ntags = [\"bình đẳng giới\"]\n+++\n\n" +
		"## Kết quả nổi bật\n\nNăm 2025, toàn tỉnh đã **tuyên truyền** tới hơn 12.000 lượt người.\n\n" +
		"- Tập huấn cán bộ xã\n- Hỗ trợ nạn nhân\n\n| Huyện | Số buổi |\n|---|---|\n| Krông Pắc | 12 |\n"
	const cfg = "title = \"Sở Lao động\"\nbaseURL = \"https://example.gov.vn/\"\n"
	variants := map[string]func(string) string{
		"sạch":      func(s string) string { return s },
		"BOM, CRLF": func(s string) string { return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n") },
		"NFD":       norm.NFD.String,
	}
	if norm.NFD.String(page) == page {
		t.Fatal("the NFD variant is the same text: the test would prove nothing")
	}
	trees := map[string]map[string][]byte{}
	for name, f := range variants {
		site := writeSite(t, "-- config.toml --\n"+f(cfg)+"-- content/tin-tuc/hoi-nghi.md --\n"+f(page))
		r, dest := buildSite(t, site)
		// The decomposed file builds the same, and the proofreader says
		// what loa check --fix would compose.
		stderr := r.stderr
		if name == "NFD" {
			stderr = regexp.MustCompile(`(?m)^content/tin-tuc/hoi-nghi\.md:\d+:\d+: warning: .* \[check:nfc\]\n    hint: .*\n`).ReplaceAllString(stderr, "")
			if !strings.Contains(r.stderr, "[check:nfc]") {
				t.Errorf("NFD: no warning for the decomposed letters")
			}
		}
		if r.code != ExitOK || stderr != "" {
			t.Fatalf("%s: exit %d\n%s", name, r.code, r.stderr)
		}
		trees[name] = readTree(t, dest)
	}
	clean := trees["sạch"]
	if !bytes.Contains(clean["tin-tuc/hoi-nghi/index.html"], []byte("Hội nghị tổng kết")) {
		t.Fatal("the page is not in the output")
	}
	for name, tree := range trees {
		if len(tree) != len(clean) {
			t.Errorf("%s: %d files, the clean file gives %d", name, len(tree), len(clean))
		}
		for out, want := range clean {
			if !bytes.Equal(tree[out], want) {
				t.Errorf("%s: %s differs from the clean build's", name, out)
			}
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		out[p], err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Windows cannot open paths of 260 characters or more: the build refuses
// before writing anything, naming the page.
func TestBuildRefusesPathsTooLongForWindows(t *testing.T) {
	site := writeSite(t, "-- config.toml --\ntitle = \"T\"\n"+
		"-- content/tin-tuc/bai.md --\n+++\ntitle = \"Bài\"\nslug = \""+strings.Repeat("dai-", 19)+"x\"\n+++\nChữ.\n")
	dest := filepath.Join(t.TempDir(), strings.Repeat("thu-muc-sau/", 12), "public")
	r := run(t, "build", "-s", site, "-d", dest)
	if r.code != ExitError {
		t.Fatalf("exit %d, want %d\n%s", r.code, ExitError, r.stderr)
	}
	if !strings.Contains(r.stderr, "content/tin-tuc/bai.md:2:") || !strings.Contains(r.stderr, "Windows opens at most 240") {
		t.Errorf("the message does not name the page:\n%s", r.stderr)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("the destination was written")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) > 0 {
		t.Errorf("something was written beside the destination: %v", entries)
	}
	// The same site into a short folder builds.
	if r, _ := buildSite(t, site); r.code != ExitOK {
		t.Errorf("short destination: exit %d\n%s", r.code, r.stderr)
	}
}

// Two outputs that differ only in letter case are one file on Windows and
// macOS: an error naming both sources.
func TestBuildRefusesCaseClashes(t *testing.T) {
	site := writeSite(t, "-- config.toml --\ntitle = \"T\"\n"+
		"-- content/tin-tuc/a.md --\n+++\ntitle = \"A\"\nurl = \"/tin-tuc/Bai.html\"\n+++\n"+
		"-- content/tin-tuc/b.md --\n+++\ntitle = \"B\"\nurl = \"/tin-tuc/bai.html\"\n+++\n")
	r, dest := buildSite(t, site)
	if r.code != ExitError || !strings.Contains(r.stderr, "content/tin-tuc/a.md") || !strings.Contains(r.stderr, "content/tin-tuc/b.md") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("the destination was written")
	}
}

// Folders in messages are written with / on every OS, as files are.
func TestMessagesUseSlashes(t *testing.T) {
	site := writeSite(t, "-- config.toml --\ntitle = \"T\"\n-- content/a.md --\n+++\ntitle = \"A\"\n+++\n")
	r, dest := buildSite(t, site)
	if r.code != ExitOK || !strings.Contains(r.stdout, filepath.ToSlash(dest)) {
		t.Errorf("exit %d, %q", r.code, r.stdout)
	}
}
