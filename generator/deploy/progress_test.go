package deploy

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	now := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	var out bytes.Buffer
	p := NewProgress(&out, true, clock)
	p.begin(40, 9_542_042) // 9,1 MB
	now = now.Add(2600 * time.Millisecond)
	for i := 0; i < 12; i++ {
		p.add(0, true)
	}
	now = now.Add(200 * time.Millisecond) // the line is redrawn at most every 100 ms
	p.add(3_565_158, false)               // 3,4 MB in 2,8 s: 1,2 MB/s, 5 s left
	want := "\r12/40 tệp · 3,4/9,1 MB · 1,2 MB/s · còn 5 giây"
	if got := out.String(); !strings.HasSuffix(got, want) {
		t.Errorf("got %q, want the last line %q", got, want)
	}
	p.end()
	if !strings.HasSuffix(out.String(), "\r") {
		t.Error("the line is not cleared at the end")
	}

	var log bytes.Buffer
	p = NewProgress(&log, false, clock)
	p.begin(100, 1000)
	for i := 0; i < 100; i++ {
		now = now.Add(time.Second)
		p.add(10, true)
	}
	if n := strings.Count(log.String(), "\n"); n != 3 {
		t.Errorf("a log got %d lines:\n%s", n, log.String())
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		5 * time.Second:   "5 giây",
		130 * time.Second: "2 phút 10 giây",
		120 * time.Second: "2 phút",
		time.Hour + 5*time.Minute + 10*time.Second: "1 giờ 5 phút",
	} {
		if got := duration(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
