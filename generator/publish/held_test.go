package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// heldRename fails the rename of one folder the first n times, as Windows
// refuses to rename a folder while another program (Explorer, an editor, an
// antivirus scan) holds a handle below it.
type heldRename struct {
	from  string // the folder held open
	n     int
	tries int
}

func (h *heldRename) rename(oldname, newname string) error {
	if oldname == h.from {
		h.tries++
		if h.tries <= h.n {
			return &os.LinkError{Op: "rename", Old: oldname, New: newname, Err: syscall.EACCES}
		}
	}
	return os.Rename(oldname, newname)
}

// Commit's path for systems without an atomic exchange (Windows, macOS),
// forced on Linux, with folders held open.
func TestCommitWithoutExchangeWhileHeld(t *testing.T) {
	unsupported := func(a, b string) error { return fmt.Errorf("%w: test", errors.ErrUnsupported) }
	next := map[string]string{"index.html": "<h1>Trang chủ mới</h1>", "tin-tuc/index.html": site["tin-tuc/index.html"]}
	tests := []struct {
		name    string
		held    func(s *Stage) string // which folder is held
		n       int
		wantErr bool
	}{
		{"đích bị giữ 2 lần rồi nhả: đăng được", func(s *Stage) string { return s.dest }, 2, false},
		{"đích bị giữ mãi: lỗi rõ, đích nguyên vẹn", func(s *Stage) string { return s.dest }, 1000, true},
		{"thư mục tạm bị giữ mãi: trả đích cũ về chỗ", func(s *Stage) string { return s.dir }, 1000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			build(t, dest, site)
			os.WriteFile(filepath.Join(dest, ".nojekyll"), nil, 0o644)
			s, err := Begin(dest)
			if err != nil {
				t.Fatal(err)
			}
			h := &heldRename{from: tt.held(s), n: tt.n}
			s.exchange, s.rename, s.backoff, s.inPlace = unsupported, h.rename, 0, never
			for rel, data := range next {
				if err := s.WriteFile(rel, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			_, err = s.Commit()
			want := map[string]string{".nojekyll": ""}
			if tt.wantErr {
				if err == nil {
					t.Fatal("Commit succeeded")
				}
				for _, w := range []string{"tried 5 times", "another program", dest} {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error lacks %q: %v", w, err)
					}
				}
				if h.tries != renameAttempts {
					t.Errorf("%d attempts, want %d", h.tries, renameAttempts)
				}
				for rel, data := range site {
					want[rel] = data
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if h.tries != tt.n+1 {
					t.Errorf("%d attempts, want %d", h.tries, tt.n+1)
				}
				for rel, data := range next {
					want[rel] = data
				}
			}
			sameTree(t, dest, want)
			noStageLeft(t, dest)
		})
	}
}

// A folder that is gone is not waited for.
func TestRenameRetryGivesUpOnMissing(t *testing.T) {
	calls := 0
	s := &Stage{given: "public", backoff: 0, rename: func(a, b string) error { calls++; return os.Rename(a, b) }}
	if err := s.renameRetry(filepath.Join(t.TempDir(), "khong-co"), "x"); !errors.Is(err, os.ErrNotExist) || calls != 1 {
		t.Errorf("err %v after %d calls", err, calls)
	}
}
