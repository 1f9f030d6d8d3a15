package cli

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// exampleFS is what main.go embeds: config.toml, content/, static/ and data/ of
// the repository root.
func exampleFS(t *testing.T) fs.FS {
	t.Helper()
	root := os.DirFS("../..")
	m := fstest.MapFS{}
	for _, top := range []string{"config.toml", "content", "static", "data"} {
		err := fs.WalkDir(root, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func runIn(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin), Theme: os.DirFS("../../themes/default"),
		Example: exampleFS(t), Now: fixedNow}
	code := Main(args, env)
	return result{code, out.String(), errb.String()}
}

func TestInitThenBuildWithoutWarnings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "trang-moi")
	r := runIn(t, "", "init", dir)
	if r.code != ExitOK {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	for _, name := range []string{"config.toml", "content/_index.md", "static/favicon.svg"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Errorf("init did not write %s: %v", name, err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	r = runIn(t, "", "build", "-s", dir, "-d", dest)
	if r.code != ExitOK || r.stderr != "" {
		t.Fatalf("build of the new site: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Error(err)
	}
}

func TestInitIntoEmptyExistingFolder(t *testing.T) {
	dir := t.TempDir()
	if r := runIn(t, "", "init", dir); r.code != ExitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
}

func TestInitRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "ghi-chu.txt")
	if err := os.WriteFile(mine, []byte("của tôi"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runIn(t, "", "init", dir)
	if r.code != ExitUsage {
		t.Fatalf("exit %d, want %d", r.code, ExitUsage)
	}
	for _, w := range []string{"không trống", "không ghi đè", "is not empty", "nothing was written"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("message lacks %q:\n%s", w, r.stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("init wrote into a non-empty folder: %d entries", len(entries))
	}
	if b, _ := os.ReadFile(mine); string(b) != "của tôi" {
		t.Errorf("the editor's file changed: %q", b)
	}
	if r := runIn(t, "", "init", mine); r.code != ExitUsage {
		t.Errorf("init into a file: exit %d", r.code)
	}
}

// doubleClickIn runs loa without arguments in dir, answering stdin, with a
// preview that only records that it was asked for.
func doubleClickIn(t *testing.T, dir, stdin string) (code int, out string, previewed []string) {
	t.Helper()
	example := exampleFS(t) // before Chdir: it reads the repository root
	t.Chdir(dir)
	var b bytes.Buffer
	env := &Env{Stdout: &b, Stderr: &b, Example: example, Now: fixedNow}
	code = doubleClick(env, bufio.NewReader(strings.NewReader(stdin)), func(_ *Env, args []string) int {
		previewed = args
		return ExitOK
	})
	return code, b.String(), previewed
}

func TestDoubleClick(t *testing.T) {
	t.Run("thư mục trang: mở bản xem trước", func(t *testing.T) {
		dir := writeSite(t, "-- hugo.toml --\ntitle = \"Trang\"\n")
		code, out, previewed := doubleClickIn(t, dir, "")
		if code != ExitOK || !slices.Equal(previewed, []string{"--open"}) {
			t.Errorf("exit %d, preview %v", code, previewed)
		}
		if !strings.Contains(out, "Ctrl+C") || strings.Contains(out, "Tạo trang mẫu") {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("thư mục có loa.exe, Enter: tạo trang mẫu rồi xem trước", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "loa.exe"), []byte("MZ"), 0o755)
		code, out, previewed := doubleClickIn(t, dir, "\r\n")
		if code != ExitOK || previewed == nil {
			t.Fatalf("exit %d, preview %v\n%s", code, previewed, out)
		}
		if !strings.Contains(out, "Thư mục này chưa có trang web. Tạo trang mẫu ở đây? (C/k)") {
			t.Errorf("no question:\n%s", out)
		}
		if _, err := os.Stat(filepath.Join(dir, "content", "_index.md")); err != nil {
			t.Error(err)
		}
	})
	t.Run("trả lời k: không tạo gì", func(t *testing.T) {
		dir := t.TempDir()
		code, _, previewed := doubleClickIn(t, dir, "k\n")
		entries, _ := os.ReadDir(dir)
		if code != ExitOK || previewed != nil || len(entries) != 0 {
			t.Errorf("exit %d, preview %v, %d entries", code, previewed, len(entries))
		}
	})
	t.Run("đã có content/: không ghi đè, không hỏi", func(t *testing.T) {
		dir := writeSite(t, "-- content/bai.md --\ncủa tôi\n")
		code, out, previewed := doubleClickIn(t, dir, "\n")
		if code != ExitUsage || previewed != nil || strings.Contains(out, "(C/k)") {
			t.Errorf("exit %d, preview %v\n%s", code, previewed, out)
		}
	})
}

func TestYes(t *testing.T) {
	for in, want := range map[string]bool{"\n": true, "": true, "C\r\n": true, "có\n": true, "y": true, "k\n": false, "không": false, "n": false} {
		if got := yes(in); got != want {
			t.Errorf("yes(%q) = %v", in, got)
		}
	}
}
