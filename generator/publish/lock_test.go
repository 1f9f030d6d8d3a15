package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSecondBuildWaitsForTheFirst(t *testing.T) {
	if !canLock {
		t.Skip("no file lock on this system")
	}
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, site)
	first, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	first.WriteFile("index.html", []byte("<h1>Lần dựng thứ nhất</h1>"))

	waiting := make(chan string, 1)
	begun := make(chan *Stage)
	go func() {
		s, err := BeginWith(dest, Options{Wait: 10 * time.Second, Waiting: func(d string) { waiting <- d }})
		if err != nil {
			t.Error(err)
		}
		begun <- s
	}()
	select {
	case d := <-waiting:
		if d != dest {
			t.Errorf("Waiting(%q); want %q", d, dest)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second build never said it waits")
	}
	select {
	case <-begun:
		t.Fatal("the second build began while the first was publishing")
	case <-time.After(100 * time.Millisecond):
	}
	// The first build's stage survives the second build's wait.
	if _, err := os.Stat(first.dir); err != nil {
		t.Fatalf("the live stage was touched: %v", err)
	}
	if _, err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	second := <-begun
	if second == nil {
		t.FailNow()
	}
	for rel, data := range site {
		second.WriteFile(rel, []byte(data))
	}
	if _, err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, dest, site)
	noStageLeft(t, dest)
}

func TestWaitIsBounded(t *testing.T) {
	if !canLock {
		t.Skip("no file lock on this system")
	}
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	start := time.Now()
	_, err = BeginWith(dest, Options{Wait: 200 * time.Millisecond})
	want := "publish to " + dest + ": another build is still publishing there after 200ms; try again when it has finished"
	if err == nil || err.Error() != want {
		t.Errorf("Begin while another build publishes = %v; want %q", err, want)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("gave up after %v", d)
	}
	if _, err := os.Stat(first.dir); err != nil {
		t.Errorf("the live stage was touched: %v", err)
	}
}

// TestKilledBuildsAreCleanedUp plays what kill -9 leaves at each step of
// a Commit, then checks that the next build restores or removes it.
func TestKilledBuildsAreCleanedUp(t *testing.T) {
	if !canLock {
		t.Skip("no file lock on this system")
	}
	next := map[string]string{"index.html": "<h1>Mới</h1>"}
	tests := []struct {
		name  string
		leave func(t *testing.T, dest string) // what the killed build left
	}{
		{"stage đang ghi dở", func(t *testing.T, dest string) {
			mkfile(t, filepath.Join(filepath.Dir(dest), ".public.loa-123456/tin-tuc/index.html"), "dở")
		}},
		{"bản cũ đang xoá dở", func(t *testing.T, dest string) {
			mkfile(t, filepath.Join(filepath.Dir(dest), ".public.loa-77.old/css/site.css"), "cũ")
		}},
		{"đã chuyển .git vào stage, chưa đổi chỗ", func(t *testing.T, dest string) {
			stage := filepath.Join(filepath.Dir(dest), ".public.loa-42")
			os.MkdirAll(stage, 0o755)
			if err := os.Rename(filepath.Join(dest, ".git"), filepath.Join(stage, ".git")); err != nil {
				t.Fatal(err)
			}
			mkfile(t, stage+".keep", ".git")
		}},
		{"đổi chỗ kiểu dự phòng, bị ngắt giữa hai lần đổi tên", func(t *testing.T, dest string) {
			stage := filepath.Join(filepath.Dir(dest), ".public.loa-42")
			os.MkdirAll(stage, 0o755)
			os.Rename(filepath.Join(dest, ".git"), filepath.Join(stage, ".git"))
			mkfile(t, stage+".keep", ".git")
			mkfile(t, filepath.Join(stage, "index.html"), next["index.html"])
			if err := os.Rename(dest, stage+".old"); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			build(t, dest, site)
			mkfile(t, filepath.Join(dest, ".git/HEAD"), "ref: refs/heads/main\n")
			// Another site's stage beside it is not ours to remove.
			other := filepath.Join(parent, ".public.loa-x.loa-1")
			mkfile(t, filepath.Join(other, "a"), "")
			tt.leave(t, dest)

			build(t, dest, next)

			want := map[string]string{".git/HEAD": "ref: refs/heads/main\n"}
			for rel, data := range next {
				want[rel] = data
			}
			sameTree(t, dest, want)
			entries, _ := os.ReadDir(parent)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if got := strings.Join(names, " "); got != ".public.loa-x.loa-1 public" {
				t.Errorf("beside the destination: %s; want .public.loa-x.loa-1 public", got)
			}
		})
	}
}

func mkfile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
