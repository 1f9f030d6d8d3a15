package deploy

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"loa/generator/vi"
)

// Progress shows how an upload goes, on one line:
//
//	12/40 tệp · 3,4/9,1 MB · 1,2 MB/s · còn 5 giây
//
// On a terminal the line is rewritten in place (at most ten times a
// second); elsewhere (a CI log) a line is printed at each quarter of the
// bytes, so a log gets at most four.
type Progress struct {
	w        io.Writer
	terminal bool
	now      func() time.Time

	mu           sync.Mutex
	files, total int
	done, bytes  int64
	start, shown time.Time
	quarter      int64 // quarters printed so far, off a terminal
	width        int   // of the last line written in place
}

// NewProgress writes to w, in place when w is a terminal. A nil w shows
// nothing.
func NewProgress(w io.Writer, terminal bool, now func() time.Time) *Progress {
	if now == nil {
		now = time.Now
	}
	return &Progress{w: w, terminal: terminal, now: now}
}

// begin starts counting toward files and bytes.
func (p *Progress) begin(files int, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total, p.bytes = files, bytes
	p.start = p.now()
}

// add counts n more bytes sent, and a file when file is set. A retry
// gives back the bytes of its failed attempt with a negative n.
func (p *Progress) add(n int64, file bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if file {
		p.files++
	}
	if p.w == nil {
		return
	}
	now := p.now()
	if p.terminal {
		if now.Sub(p.shown) < 100*time.Millisecond && p.files < p.total {
			return
		}
		p.shown = now
		line := p.line(now)
		pad := max(p.width-len([]rune(line)), 0)
		p.width = len([]rune(line))
		fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
		return
	}
	if p.bytes <= 0 {
		return
	}
	if q := p.done * 4 / p.bytes; q > p.quarter && q < 4 {
		p.quarter = q
		fmt.Fprintln(p.w, p.line(now))
	}
}

// end clears the line written in place.
func (p *Progress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w != nil && p.terminal && p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

// line formats the state: files, bytes, speed and time left.
func (p *Progress) line(now time.Time) string {
	unit, div := sizeUnit(p.bytes)
	s := fmt.Sprintf("%s/%s tệp · %s/%s %s", vi.Int(int64(p.files)), vi.Int(int64(p.total)),
		vi.Number(float64(p.done)/div, 1), vi.Number(float64(p.bytes)/div, 1), unit)
	elapsed := now.Sub(p.start).Seconds()
	if elapsed < 0.5 || p.done <= 0 {
		return s
	}
	speed := float64(p.done) / elapsed
	s += " · " + vi.ByteSize(int64(speed)) + "/s"
	if left := float64(p.bytes-p.done) / speed; left >= 1 {
		s += " · còn " + duration(time.Duration(left*float64(time.Second)))
	}
	return s
}

// sizeUnit is the unit a size reads best in, and its number of bytes.
func sizeUnit(n int64) (string, float64) {
	switch {
	case n >= 1<<30:
		return "GB", 1 << 30
	case n >= 1<<20:
		return "MB", 1 << 20
	case n >= 1<<10:
		return "KB", 1 << 10
	}
	return "B", 1
}

// duration says a time left in Vietnamese words: "5 giây", "2 phút 10 giây",
// "1 giờ 5 phút".
func duration(d time.Duration) string {
	s := int64(d.Round(time.Second).Seconds())
	switch {
	case s < 60:
		return fmt.Sprintf("%d giây", s)
	case s < 3600:
		if s%60 == 0 {
			return fmt.Sprintf("%d phút", s/60)
		}
		return fmt.Sprintf("%d phút %d giây", s/60, s%60)
	}
	return fmt.Sprintf("%s giờ %d phút", vi.Int(s/3600), s%3600/60)
}
