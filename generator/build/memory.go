package build

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// roomToRender is how much memory a one-off build may use past what is
// live when its render starts (the site model: pages, lists, terms): the
// pages in flight on every core, the partials cached, the search index,
// and the collector's room to work. At 100,000 items, where 656 MB is
// live then, 768 MB of room peaked at 1,487-1,520 MB, 704 MB at 1,416 MB;
// with no limit the heap grew to twice what is live, 1,870-2,030 MB.
const roomToRender = 704 << 20

// limitMemory sets, for a one-off render, the Go runtime's soft memory
// limit to what is live now and roomToRender, unless one is set or the
// user set GOMEMLIMIT (to off, for none), and returns what puts the old
// limit back. The collector
// otherwise lets the heap grow to twice what is live. A smaller site never
// comes near the limit (10,000 items: 53 MB live, a peak of 235 MB), and
// nothing changes for it. The limit is soft: a render that needs more
// gets it, the collector then taking at most half of the CPU.
func limitMemory() (restore func()) {
	old := debug.SetMemoryLimit(-1)
	if old != math.MaxInt64 || os.Getenv("GOMEMLIMIT") != "" { // GOMEMLIMIT=off: none at all
		return func() {}
	}
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	live := int64(s[0].Value.Uint64())
	debug.SetMemoryLimit(live + roomToRender)
	return func() { debug.SetMemoryLimit(old) }
}
