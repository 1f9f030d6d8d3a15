package build

import (
	"os"
	"os/exec"
	"testing"
)

// chromium finds Debian's Chromium for the browser tests; without it a test
// is skipped, except under CI, which must have installed it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if found, err := exec.LookPath(p); err == nil {
			return found
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found; CI must install it (apt-get install chromium)")
	}
	t.Skip("chromium not found")
	return ""
}
