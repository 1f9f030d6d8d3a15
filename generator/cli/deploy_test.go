package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// deploySite is a small site whose one target is a folder (file://), as a
// mounted share is.
func deploySite(t *testing.T) (site, host string) {
	t.Helper()
	host = t.TempDir()
	site = writeSite(t, baseConfig+`
[[deploy.targets]]
name = "o-chung"
url = "file://`+filepath.ToSlash(host)+`"
-- content/tin-tuc/_index.md --
+++
title = "Tin tức"
+++
-- content/tin-tuc/hop-ban.md --
+++
title = "Họp Ban Vì sự tiến bộ của Phụ nữ"
date = 2026-11-20T08:00:00
+++
Sáng 20/11, Ban họp.
-- content/tin-tuc/tap-huan.md --
+++
title = "Tập huấn bình đẳng giới"
date = 2026-11-21T08:00:00
+++
Tập huấn cho cán bộ xã.
`)
	return site, host
}

// sameAsPublic fails unless host holds site/public byte for byte, plus the
// manifest.
func sameAsPublic(t *testing.T, site, host string) {
	t.Helper()
	read := func(dir string) map[string]string {
		out := map[string]string{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(dir, p)
				out[filepath.ToSlash(rel)] = string(b)
			}
			return nil
		})
		return out
	}
	want, got := read(filepath.Join(site, "public")), read(host)
	if _, ok := got[".loa-deploy.json"]; !ok {
		t.Error("no manifest on the host")
	}
	delete(got, ".loa-deploy.json")
	if len(want) < 5 || len(got) != len(want) {
		t.Errorf("host has %d files, public/ %d", len(got), len(want))
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s differs on the host", name)
		}
	}
}

func TestDeployToAFolder(t *testing.T) {
	site, host := deploySite(t)
	r := run(t, "deploy", "-s", site)
	if r.code != ExitOK || !strings.Contains(r.stdout, "Đã dựng") || !strings.HasPrefix(lastLine(r.stdout), "Đã gửi ") {
		t.Fatalf("first deploy: %+v", r)
	}
	sameAsPublic(t, site, host)
	if _, err := os.Stat(filepath.Join(site, CacheDir, "deploy", "o-chung.json")); err != nil {
		t.Errorf("no local copy of the manifest: %v", err)
	}

	r = run(t, "deploy", "-s", site)
	if r.code != ExitOK || !strings.HasPrefix(lastLine(r.stdout), "Không có gì thay đổi: ") {
		t.Fatalf("no-op deploy: %+v", r)
	}

	os.WriteFile(filepath.Join(site, "content", "tin-tuc", "hop-ban.md"), []byte("+++\ntitle = \"Họp Ban (sửa)\"\ndate = 2026-11-20T08:00:00\n+++\nSáng 20/11.\n"), 0o644)
	os.Remove(filepath.Join(site, "content", "tin-tuc", "tap-huan.md"))
	r = run(t, "deploy", "-s", site, "--dry-run")
	if r.code != ExitOK || !strings.Contains(r.stdout, "~ tin-tuc/hop-ban/index.html") || !strings.Contains(r.stdout, "- tin-tuc/tap-huan/index.html") ||
		!strings.Contains(r.stdout, "Sẽ gửi ") || !strings.Contains(r.stdout, "Chạy thử") {
		t.Fatalf("dry run: %+v", r)
	}
	if b, _ := os.ReadFile(filepath.Join(host, "tin-tuc", "tap-huan", "index.html")); len(b) == 0 {
		t.Error("the dry run deleted a page")
	}
	r = run(t, "deploy", "-s", site)
	if r.code != ExitOK || !strings.Contains(lastLine(r.stdout), "xoá 1 tệp") {
		t.Fatalf("deploy of a change: %+v", r)
	}
	sameAsPublic(t, site, host)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestDeployErrors(t *testing.T) {
	t.Run("no target", func(t *testing.T) {
		site := writeSite(t, baseConfig)
		r := run(t, "deploy", "-s", site)
		if r.code != ExitError || !strings.Contains(r.stderr, "[[deploy.targets]]") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("unknown target", func(t *testing.T) {
		site, _ := deploySite(t)
		r := run(t, "deploy", "-s", site, "--target", "may-chu")
		if r.code != ExitUsage || !strings.Contains(r.stderr, "o-chung") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("password in config", func(t *testing.T) {
		site := writeSite(t, baseConfig+"[[deploy.targets]]\nname = \"so\"\nurl = \"ftp://bientap:bimat@ftp.example.vn/\"\n")
		r := run(t, "deploy", "-s", site)
		if r.code != ExitError || !strings.Contains(r.stderr, "config.toml:5:8") || strings.Contains(r.stderr, "bimat") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("missing folder", func(t *testing.T) {
		site := writeSite(t, baseConfig+"[[deploy.targets]]\nname = \"o\"\nurl = \"file:///khong/co/thu-muc\"\n")
		r := run(t, "deploy", "-s", site)
		if r.code != ExitError || !strings.Contains(r.stderr, "gợi ý: kiểm tra đường dẫn") {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("no password off a terminal", func(t *testing.T) {
		t.Setenv("LOA_DEPLOY_PASSWORD", "")
		site := writeSite(t, baseConfig+"[[deploy.targets]]\nname = \"so\"\nurl = \"ftps://bientap@127.0.0.1:1/\"\n")
		var out, errb bytes.Buffer
		code := Main([]string{"deploy", "-s", site}, &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
			Theme: os.DirFS("../../themes/default"), Now: fixedNow})
		if code != ExitError || !strings.Contains(errb.String(), "LOA_DEPLOY_PASSWORD") {
			t.Fatalf("%d %s", code, errb.String())
		}
	})
}
