package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestKill9LeavesOldOrNewSite runs the real loa binary and kills it with
// SIGKILL at many moments of a build. After each kill the destination must
// be byte for byte the old site or the new one, and the next build must
// succeed and leave no stage folder behind.
func TestKill9LeavesOldOrNewSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the loa binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("only Linux swaps folders in one step")
	}
	deadline := time.Now().Add(20 * time.Second) // the kills stop there, on a busy machine too
	start := time.Now()
	bin := filepath.Join(t.TempDir(), "loa")
	if out, err := exec.Command("go", "build", "-o", bin, "../..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("go build took %v", time.Since(start))
	sites := [2]string{killSite(t, "cũ"), killSite(t, "mới")}
	dest := filepath.Join(t.TempDir(), "public")
	loa := func(site int) *exec.Cmd { return exec.Command(bin, "build", "-s", sites[site], "-d", dest) }

	// Each site built once in full: their hashes, and how long a build takes.
	var want [2]string
	var took time.Duration
	for i := range sites {
		start := time.Now()
		if out, err := loa(i).CombinedOutput(); err != nil {
			t.Fatalf("build %d: %v\n%s", i, err, out)
		}
		took = max(took, time.Since(start))
		want[i] = hashTree(t, dest)
	}
	if want[0] == want[1] {
		t.Fatal("the two sites build alike")
	}
	t.Logf("a build takes %v", took)

	holds := 1 // the site dest holds now
	swaps := 0
	moments := []time.Duration{0, 20 * time.Millisecond}
	for _, f := range []float64{0.5, 0.8, 0.9, 1, 1.1, 1.25} {
		moments = append(moments, time.Duration(f*float64(took)))
	}
	for i, at := range moments {
		if time.Now().After(deadline) {
			t.Logf("out of time after %d kills", i)
			break
		}
		cmd := loa(1 - holds)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if at == 0 {
			waitForStage(dest, 5*time.Second) // kill as soon as the stage folder appears
		} else {
			time.Sleep(at)
		}
		cmd.Process.Kill()
		cmd.Wait()
		switch got := hashTree(t, dest); got {
		case want[holds]:
		case want[1-holds]:
			holds = 1 - holds
			swaps++
		default:
			t.Fatalf("killed after %v: the destination is neither the old site nor the new one", at)
		}
	}

	t.Logf("%d of %d killed builds had published", swaps, len(moments))
	out, err := loa(1 - holds).CombinedOutput()
	if err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, out)
	}
	if got := hashTree(t, dest); got != want[1-holds] {
		t.Errorf("build after the kills published something else")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".loa-") {
			t.Errorf("%s left beside the destination", e.Name())
		}
	}
}

// killSite writes a site with enough pages that a build takes a while;
// word goes into every page, so two sites differ everywhere.
func killSite(t *testing.T, word string) string {
	t.Helper()
	dir := t.TempDir()
	mkfile(t, filepath.Join(dir, "config.toml"),
		"baseURL = \"https://vi-du.gov.vn/\"\ntitle = \"Thử ngắt\"\nlanguageCode = \"vi\"\ntimeZone = \"Asia/Ho_Chi_Minh\"\n")
	body := strings.Repeat("Ủy ban nhân dân xã thông báo lịch tiếp công dân. ", 40)
	for i := range 150 {
		mkfile(t, filepath.Join(dir, "content", "tin-tuc", fmt.Sprintf("bai-%d.md", i)), fmt.Sprintf(
			"+++\ntitle = \"Bài %d, bản %s\"\ndate = 2025-03-%02dT08:00:00+07:00\ntags = [\"thẻ %d\"]\n+++\n%s\n\n## Phần %s\n\n%s\n",
			i, word, 1+i%28, i%50, body, word, body))
	}
	return dir
}

// waitForStage returns once a stage folder of dest exists, or after limit.
func waitForStage(dest string, limit time.Duration) {
	for end := time.Now().Add(limit); time.Now().Before(end); {
		entries, _ := os.ReadDir(filepath.Dir(dest))
		for _, e := range entries {
			rest, ok := strings.CutPrefix(e.Name(), stagePrefix(dest))
			if ok && e.IsDir() && isStageSuffix(rest) {
				return
			}
		}
		time.Sleep(time.Millisecond)
	}
}

// hashTree hashes every path, kind and byte below dir, in order.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s %v\n", filepath.ToSlash(rel), d.Type())
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d\n", len(b))
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// killAtEnv, when set in the environment, makes TestKillInPlaceCommit the
// killed build: it publishes the edited site to the destination in
// killDestEnv and kills itself at that step of its commit in place.
const (
	killAtEnv   = "LOA_PUBLISH_KILL_AT"
	killDestEnv = "LOA_PUBLISH_KILL_DEST"
)

// killEdits is what the killed build changes in news(): two pages edited,
// one added in a new folder, one removed with its folder.
func killEdits() (old, next map[string]string) {
	old = news()
	next = maps.Clone(old)
	next["index.html"] = "<h1>Trang chủ mới</h1>"
	next["tin-tuc/bai-5/index.html"] = "<p>Bài số 5, đã sửa</p>"
	next["tin-tuc/bai-30/index.html"] = "<p>Bài mới</p>"
	delete(next, "tin-tuc/bai-4/index.html")
	return old, next
}

// TestKillInPlaceCommit kills a build at every step of a commit in place,
// the test binary playing the build. After each kill every file of the
// destination is whole, old or new, the lock is free, and the next Begin
// finishes the commit from its journal; a journal cut short is dropped
// with the destination left as it was.
func TestKillInPlaceCommit(t *testing.T) {
	old, next := killEdits()
	if at := os.Getenv(killAtEnv); at != "" {
		killedBuild(t, os.Getenv(killDestEnv), at, next)
		return
	}
	if !canLock {
		t.Skip("no file lock, so no recovery, on this system")
	}
	for at := 1; ; at++ {
		dest := filepath.Join(t.TempDir(), "public")
		build(t, dest, old)
		mkfile(t, filepath.Join(dest, ".git/HEAD"), "ref: refs/heads/main\n")
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillInPlaceCommit$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", killAtEnv, at), killDestEnv+"="+dest)
		out, err := cmd.CombinedOutput()
		if err == nil {
			if at < 3 {
				t.Fatalf("the build was never killed:\n%s", out)
			}
			t.Logf("killed at each of %d steps", at-1)
			break
		}
		if !strings.Contains(err.Error(), "killed") {
			t.Fatalf("step %d: the build failed: %v\n%s", at, err, out)
		}
		for rel, data := range tree(t, dest) {
			if !strings.HasSuffix(rel, "/") && data != old[rel] && data != next[rel] && rel != ".git/HEAD" {
				t.Errorf("step %d: %s = %q, neither old nor new", at, rel, data)
			}
		}
		want := maps.Clone(next)
		if at == 1 {
			// Killed before any change: cut the journal short, as a kill
			// while saving it would.
			journals, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.loa-*.journal"))
			if len(journals) != 1 {
				t.Fatalf("journals: %v", journals)
			}
			data, _ := os.ReadFile(journals[0])
			os.WriteFile(journals[0], data[:len(data)/2], 0o644)
			want = maps.Clone(old)
		}
		s, err := BeginWith(dest, Options{Wait: 2 * time.Second})
		if err != nil {
			t.Fatalf("step %d: Begin after the kill: %v", at, err)
		}
		s.Abort()
		want[".git/HEAD"] = "ref: refs/heads/main\n"
		sameTree(t, dest, want)
		noStageLeft(t, dest)
	}
}

// killedBuild publishes next to dest and kills its own process at step at
// of the commit in place.
func killedBuild(t *testing.T, dest, at string, next map[string]string) {
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range next {
		if err := s.WriteFile(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	steps := 0
	s.step = func() {
		if steps++; fmt.Sprint(steps) == at {
			p, _ := os.FindProcess(os.Getpid())
			p.Kill()
			select {} // the kill is on its way
		}
	}
	if _, err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}
