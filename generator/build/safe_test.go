package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loa/generator/diag"
)

// safeSite writes a tiny site on disk: symbolic links need a real folder.
func safeSite(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":                  "baseURL = \"https://thu.gov.vn/\"\ntitle = \"Thử\"\n" + config,
		"layouts/_default/baseof.html": `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>`,
		"layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ safeHTML .Content }}{{ end }}`,
		"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`,
		"content/_index.md":            "+++\ntitle = \"Trang chủ\"\n+++\n",
		"content/tin-tuc/a.md":         "+++\ntitle = \"Tin\"\n+++\nNội dung.\n",
		"shared/anh.txt":               "ảnh",
	}
	for name, text := range files {
		write(t, filepath.Join(dir, name), text)
	}
	return dir
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

func buildDir(t *testing.T, dir string) (map[string][]byte, diag.List) {
	t.Helper()
	b := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return campaignNow }})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		return nil, diags
	}
	out := &memory{files: map[string][]byte{}}
	_, d := b.Render(plan, out)
	return out.files, append(diags, d...)
}

func TestSymlinksOutsideAreRefused(t *testing.T) {
	outsideDir := t.TempDir()
	secret := filepath.Join(outsideDir, "passwd")
	write(t, secret, "root:x:0:0")
	cases := []struct {
		name   string
		link   string // in the site
		target string // "" for secret
		want   string
	}{
		{"static file", "static/passwd.txt", "", "static/passwd.txt: symbolic link to " + secret + " points outside the site folder"},
		{"content page", "content/tin-tuc/host.md", "", "content/tin-tuc/host.md: symbolic link to " + secret + " points outside the site folder"},
		{"relative way out", "static/a/b.txt", "../../../" + filepath.Base(outsideDir) + "/passwd", "static/a/b.txt: symbolic link to ../../../"},
		{"data file", "data/x.toml", "", "data/x.toml: symbolic link to"},
		{"i18n file", "i18n/vi.toml", "", "i18n/vi.toml: symbolic link to"},
		{"layout", "layouts/partials/x.html", "", "layouts/partials/x.html: symbolic link to"},
		{"assets folder", "assets", outsideDir, "assets: symbolic link to " + outsideDir + " points outside"},
		{"theme", "themes/mau/layouts/index.html", "", "themes/mau/layouts/index.html: symbolic link to"},
		{"config", "config.toml", "", "config.toml: symbolic link to"},
		{"missing target", "static/mat.txt", "khong-co.txt", "static/mat.txt: symbolic link to khong-co.txt points to nothing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := safeSite(t, "")
			target := c.target
			if target == "" {
				target = secret
			}
			if c.name == "relative way out" {
				// The temp folders are siblings: climb out of the site.
				target = filepath.Join("..", "..", "..", filepath.Base(outsideDir), "passwd")
				if rel, err := filepath.Rel(filepath.Join(dir, "static", "a"), secret); err == nil {
					target = rel
				}
			}
			if c.name == "config" {
				os.Remove(filepath.Join(dir, "config.toml"))
			}
			symlink(t, target, filepath.Join(dir, filepath.FromSlash(c.link)))
			files, diags := buildDir(t, dir)
			if !diags.HasErrors() || !strings.Contains(diags.Errors()[0].String(), c.want) {
				t.Fatalf("want an error %q, got %v", c.want, diags)
			}
			e := diags.Errors()[0]
			if e.Hint == "" || e.MessageVi == "" || e.HintVi == "" {
				t.Errorf("no hint or Vietnamese text: %+v", e)
			}
			for name, data := range files {
				if strings.Contains(string(data), "root:x") {
					t.Errorf("%s published the outside file", name)
				}
			}
		})
	}
}

func TestSymlinksInsideAreFollowed(t *testing.T) {
	dir := safeSite(t, "")
	symlink(t, "../shared", filepath.Join(dir, "static", "chung"))                   // a folder
	symlink(t, "../../shared/anh.txt", filepath.Join(dir, "static", "a", "anh.txt")) // a file
	symlink(t, "tin-tuc", filepath.Join(dir, "content", "ban-tin"))                  // a section
	files, diags := buildDir(t, dir)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, want := range []string{"chung/anh.txt", "a/anh.txt", "ban-tin/a/index.html", "tin-tuc/a/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("%s not published", want)
		}
	}
}

func TestSymlinkLoopsAreErrors(t *testing.T) {
	for _, c := range []struct{ link, target, want string }{
		{"static/vong", ".", "static/vong: symbolic link to . makes a loop"},
		{"static/a/len", "../..", "static/a/len: symbolic link to ../.. makes a loop"},
		{"static/x", "y", "static/x: symbolic link to y makes a loop"}, // x → y → x
	} {
		dir := safeSite(t, "")
		symlink(t, c.target, filepath.Join(dir, filepath.FromSlash(c.link)))
		if c.link == "static/x" {
			symlink(t, "x", filepath.Join(dir, "static", "y"))
		}
		done := make(chan diag.List, 1)
		go func() { _, d := buildDir(t, dir); done <- d }()
		select {
		case diags := <-done:
			if !strings.Contains(text(diags.Errors()), c.want) {
				t.Errorf("want %q, got %v", c.want, diags)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the build hangs on a loop", c.link)
		}
	}
}

func TestAllowOutside(t *testing.T) {
	shared := t.TempDir()
	write(t, filepath.Join(shared, "anh", "bien.txt"), "biển")
	dir := safeSite(t, "[security]\nallowOutside = ["+quoteTOML(shared)+"]\n")
	symlink(t, shared, filepath.Join(dir, "static", "chung"))
	files, diags := buildDir(t, dir)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if string(files["chung/anh/bien.txt"]) != "biển" {
		t.Errorf("allowed folder not published: %v", keys(files))
	}
}

func TestContentSizeLimit(t *testing.T) {
	dir := safeSite(t, "[security]\nmaxFileSize = 1000\n")
	write(t, filepath.Join(dir, "content", "tin-tuc", "dai.md"), "+++\ntitle = \"Dài\"\n+++\n"+strings.Repeat("chữ ", 400))
	_, diags := buildDir(t, dir)
	want := "content/tin-tuc/dai.md:1:1: the file is 2 KB, more than the 1000 bytes allowed"
	if !strings.Contains(text(diags.Errors()), want) {
		t.Fatalf("want %q, got %v", want, diags)
	}
	if e := diags.Errors()[0]; !strings.Contains(e.Hint, "maxFileSize") || e.MessageVi == "" {
		t.Errorf("hint: %+v", e)
	}
}

func TestHeadersFile(t *testing.T) {
	dir := safeSite(t, "[security.csp]\nimgSrc = [\"https://cdn.example.vn\"]\n")
	files, diags := buildDir(t, dir)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	h := string(files["_headers"])
	for _, want := range []string{
		"/*\n",
		"  Content-Security-Policy: default-src 'self'; script-src 'self';",
		"img-src 'self' data: https://cdn.example.vn;",
		"object-src 'none'",
		"  X-Content-Type-Options: nosniff\n",
		"  Referrer-Policy: strict-origin-when-cross-origin\n",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("_headers lacks %q:\n%s", want, h)
		}
	}
	write(t, filepath.Join(dir, "static", "_headers"), "/*\n  X-Frame-Options: DENY\n")
	files, _ = buildDir(t, dir)
	if got := string(files["_headers"]); got != "/*\n  X-Frame-Options: DENY\n" {
		t.Errorf("the site's own _headers was replaced:\n%s", got)
	}
}

func quoteTOML(s string) string { return `"` + strings.ReplaceAll(s, `\`, `\\`) + `"` }

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func text(l diag.List) string {
	var b strings.Builder
	l.Print(&b)
	return b.String()
}

func TestCheckDest(t *testing.T) {
	shared := t.TempDir()
	dir := safeSite(t, "[security]\nallowOutside = ["+quoteTOML(shared)+"]\n")
	symlink(t, filepath.Join(shared), filepath.Join(dir, "static", "chung"))
	b := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default")})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, bad := range []string{filepath.Join(shared, "out"), filepath.Join(dir, "static", "chung", "out"), filepath.Join(dir, "data", "out")} {
		if err := plan.CheckDest(dir, bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	if err := plan.CheckDest(dir, filepath.Join(dir, "public")); err != nil {
		t.Error(err)
	}
}
