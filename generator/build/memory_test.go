package build

import (
	"math"
	"runtime/debug"
	"testing"
)

// A one-off render runs under a soft memory limit of what is live and
// roomToRender, and leaves the limit as it found it; a limit the user set
// (GOMEMLIMIT, or GOMEMLIMIT=off for none) stays.
func TestLimitMemory(t *testing.T) {
	old := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "") // as if unset, whatever the test runs under

	restore := limitMemory()
	during := debug.SetMemoryLimit(-1)
	restore()
	if during < roomToRender || during >= roomToRender+1<<30 {
		t.Errorf("limit during the render: %d MB, want %d MB and what is live (this test's few MB)", during>>20, roomToRender>>20)
	}
	if after := debug.SetMemoryLimit(-1); after != math.MaxInt64 {
		t.Errorf("limit after the render: %d, want none (%d)", after, int64(math.MaxInt64))
	}

	const users = 3 << 30
	debug.SetMemoryLimit(users)
	restore = limitMemory()
	during = debug.SetMemoryLimit(-1)
	restore()
	if during != users {
		t.Errorf("with GOMEMLIMIT set to 3 GB, the render ran under %d MB", during>>20)
	}
	if after := debug.SetMemoryLimit(-1); after != users {
		t.Errorf("with GOMEMLIMIT set to 3 GB, the limit after the render is %d MB", after>>20)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "off")
	restore = limitMemory()
	during = debug.SetMemoryLimit(-1)
	restore()
	if during != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT=off, the render ran under %d MB", during>>20)
	}
}
