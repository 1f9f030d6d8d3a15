package build

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The program is known by the build ID the Go linker wrote in it, as `go
// tool buildid` reads it: two builds of other sources never share a cache.
func TestBuildIDIsGos(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	f, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := buildID(f)
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); got != want {
		t.Errorf("build ID %q, want go tool buildid's %q", got, want)
	}
}

func TestBuildIDMissing(t *testing.T) {
	tests := map[string]string{
		"no marker":      strings.Repeat("x", 40000),
		"empty build ID": "MZ\xff Go build ID: \"\"\n \xff",
		"marker too far": strings.Repeat("x", 33<<10) + "\xff Go build ID: \"abc\"\n \xff",
		"unterminated":   "\xff Go build ID: \"abc",
	}
	for name, data := range tests {
		if id := buildID(bytes.NewReader([]byte(data))); id != "" {
			t.Errorf("%s: build ID %q, want none (the executable's bytes are hashed instead)", name, id)
		}
	}
}

// Elsewhere than Linux the ID is at the start of the program text.
func TestBuildIDInText(t *testing.T) {
	data := "MZ" + strings.Repeat("\x00", 1000) + "\xff Go build ID: \"a/b/c/d\"\n \xff" + strings.Repeat("\x00", 100)
	if id := buildID(bytes.NewReader([]byte(data))); id != "a/b/c/d" {
		t.Errorf("build ID %q, want a/b/c/d", id)
	}
}

// Every builder of one program knows it by the same sum.
func TestToolSumOnce(t *testing.T) {
	a := New(Options{})
	if a.toolSum() == [32]byte{} {
		t.Fatal("no sum for the running program")
	}
	if a.toolSum() != New(Options{}).toolSum() {
		t.Error("two builders of one program differ")
	}
}
