package serve

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		kind Kind
		ok   bool
	}{
		{"content/tin-tuc/hop-ban.md", KindContent, true},
		{"content/tin-tuc/anh-1.jpg", KindContent, true},
		{"layouts/_default/single.html", KindLayout, true},
		{"themes/default/layouts/partials/header.html", KindLayout, true},
		{"themes/default/static/logo.svg", KindStatic, true},
		{"themes/default/assets/css/main.css", KindLayout, true},
		{"static/favicon.svg", KindStatic, true},
		{"assets/css/main.css", KindAsset, true},
		{"i18n/vi.toml", KindData, true},
		{"data/don-vi.toml", KindData, true},
		{"config.toml", KindConfig, true},
		// Editors' swap, backup and temporary files.
		{"content/tin-tuc/.hop-ban.md.swp", KindOther, false},
		{"content/tin-tuc/hop-ban.md~", KindOther, false},
		{"content/tin-tuc/4913", KindOther, false},
		{"content/tin-tuc/hop-ban.md.tmp", KindOther, false},
		{"content/tin-tuc/.goutputstream-ABC123", KindOther, false},
		{"content/tin-tuc/.#hop-ban.md", KindOther, false},
		{"content/.git/index", KindOther, false},
		{"public/index.html", KindOther, false},
		{"README.md", KindOther, false},
	}
	for _, tt := range tests {
		k, ok := classify(tt.path)
		if k != tt.kind || ok != tt.ok {
			t.Errorf("classify(%q) = %v, %v; want %v, %v", tt.path, k, ok, tt.kind, tt.ok)
		}
	}
}

func TestBatcherQuietWindowAndCap(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	b := newBatcher(40*time.Millisecond, 300*time.Millisecond)
	if b.pending() {
		t.Fatal("new batcher has pending changes")
	}
	// vim's save: backup by rename, write the new file, chmod, remove backup.
	for i, p := range []string{"content/a.md~", "content/4913", "content/a.md", "content/a.md", "content/a.md~"} {
		b.add(p, ms(i))
	}
	if got := b.due(); !got.Equal(ms(3 + 40)) { // ignored files do not count
		t.Errorf("due = %v, want quiet window after the last event", got.Sub(t0))
	}
	got := b.flush()
	want := Batch{Paths: []string{"content/a.md"}, Kind: KindContent}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("flush = %+v, want %+v", got, want)
	}
	// A steady stream is cut at the cap.
	for i := 0; i < 100; i++ {
		b.add("content/b.md", ms(1000+i*10))
	}
	if got := b.due(); !got.Equal(ms(1300)) {
		t.Errorf("due = %v, want the cap 300 ms after the first", got.Sub(t0))
	}
	// The largest kind wins.
	b.flush()
	b.add("content/c.md", ms(2000))
	b.add("layouts/_default/single.html", ms(2001))
	if got := b.flush(); got.Kind != KindLayout || len(got.Paths) != 2 {
		t.Errorf("flush = %+v, want two paths of kind layout", got)
	}
}

// fakeClock's time moves only when the test says; After hands the test the
// channel to fire.
type fakeClock struct {
	now    time.Time
	timers chan chan time.Time
}

func (c *fakeClock) Now() time.Time { return c.now }
func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.timers <- ch
	return ch
}

func TestCoalesceOneSaveOneBatch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clk := &fakeClock{now: time.Unix(0, 0), timers: make(chan chan time.Time, 100)}
	in := make(chan string)
	out := make(chan Batch)
	done := make(chan struct{})
	go func() {
		coalesce(ctx, clk, newBatcher(40*time.Millisecond, 300*time.Millisecond), in, out)
		close(done)
	}()
	// Several events of one save; the clock does not move, so no timer
	// fired before they are all in.
	in <- "content/.hop-ban.md.swp"
	in <- "content/hop-ban.md"
	in <- "content/hop-ban.md"
	in <- "content/hop-ban.md~"
	// Each event after the first relevant one armed a timer: three in all.
	// Fire the latest after the quiet window.
	var last chan time.Time
	for range 3 {
		last = <-clk.timers
	}
	select {
	case b := <-out:
		t.Fatalf("batch %v sent before the quiet window", b)
	default:
	}
	clk.now = clk.now.Add(40 * time.Millisecond)
	last <- clk.now
	b := <-out
	if want := []string{"content/hop-ban.md"}; !reflect.DeepEqual(b.Paths, want) {
		t.Errorf("batch = %v, want %v", b.Paths, want)
	}
	// Events that arrive while the batch waits to be taken go to the next.
	in <- "layouts/_default/list.html"
	close(in)
	b = <-out
	if b.Kind != KindLayout {
		t.Errorf("second batch = %+v, want a layout change", b)
	}
	<-done
}

func TestCoalesceEarlyTimerWaits(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clk := &fakeClock{now: time.Unix(0, 0), timers: make(chan chan time.Time, 100)}
	in := make(chan string)
	out := make(chan Batch, 1)
	go coalesce(ctx, clk, newBatcher(40*time.Millisecond, time.Second), in, out)
	in <- "content/a.md"
	<-clk.timers
	clk.now = clk.now.Add(30 * time.Millisecond)
	in <- "content/b.md" // resets the quiet window
	second := <-clk.timers
	clk.now = clk.now.Add(20 * time.Millisecond)
	second <- clk.now // early: 20 ms after the last event
	third := <-clk.timers
	if len(out) != 0 {
		t.Fatal("flushed before the quiet window ended")
	}
	clk.now = clk.now.Add(20 * time.Millisecond)
	third <- clk.now
	b := <-out
	if len(b.Paths) != 2 {
		t.Errorf("batch = %v, want both files", b.Paths)
	}
}
