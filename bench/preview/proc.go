package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// tailLines is how much of a server's output is kept to explain a failure.
const tailLines = 30

// proc is one server process and what its output says.
type proc struct {
	cmd     *exec.Cmd
	started time.Time
	address chan string   // the address the server announces, once
	broken  chan struct{} // closed if the first build fails while the server stays up
	own     chan ownTime  // the server's own rebuild times, in order
	exited  chan struct{} // closed once the process has ended

	mu   sync.Mutex
	tail []string // the last lines of output
}

// ownTime is one rebuild as the server reports it on its terminal.
type ownTime struct {
	took  time.Duration
	pages int // pages rebuilt, or -1 when the line does not say
}

// start runs t's server with stdout and stderr merged, and reads its
// output as t says.
func start(t tool) (*proc, error) {
	argv := t.argv
	cmd := exec.Command(argv[0], argv[1:]...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	p := &proc{
		cmd:     cmd,
		address: make(chan string, 1),
		broken:  make(chan struct{}),
		own:     make(chan ownTime, 4096),
		exited:  make(chan struct{}),
	}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", argv[0], err)
	}
	go p.read(out, t)
	return p, nil
}

func (p *proc) read(out io.Reader, t tool) {
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	announced := false
	for sc.Scan() {
		line := sc.Text()
		p.keep(line)
		if m := t.address.FindStringSubmatch(line); m != nil && !announced {
			announced = true
			p.address <- m[1]
		}
		if !announced && t.broken != nil && t.broken.MatchString(line) {
			select {
			case <-p.broken:
			default:
				close(p.broken)
			}
		}
		if own, ok := parseOwn(t.own, line); ok {
			select {
			case p.own <- own:
			default: // thousands of rebuilds nobody waited for
			}
		}
	}
	io.Copy(io.Discard, out) // after an overlong line: never block the server
	p.cmd.Wait()
	close(p.exited)
}

func (p *proc) keep(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tail = append(p.tail, line)
	if len(p.tail) > tailLines {
		p.tail = p.tail[len(p.tail)-tailLines:]
	}
}

// failure is an error that ends with the server's last lines of output.
func (p *proc) failure(format string, args ...any) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	msg := fmt.Sprintf(format, args...)
	if len(p.tail) == 0 {
		return fmt.Errorf("%s (no output)", msg)
	}
	return fmt.Errorf("%s; its last output:\n    | %s", msg, strings.Join(p.tail, "\n    | "))
}

// parseOwn reads a rebuild time out of one line of output.
func parseOwn(re *regexp.Regexp, line string) (ownTime, bool) {
	m := re.FindStringSubmatch(line)
	if m == nil {
		return ownTime{}, false
	}
	t := ownTime{pages: -1}
	if i := re.SubexpIndex("pages"); i > 0 {
		t.pages, _ = strconv.Atoi(m[i])
	}
	ms, err := strconv.Atoi(m[re.SubexpIndex("ms")])
	if err != nil {
		return ownTime{}, false
	}
	t.took = time.Duration(ms) * time.Millisecond
	return t, true
}

// ready waits for the server to announce its address and answer it with
// 200, and returns the address.
func (p *proc) ready(ctx context.Context, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var base string
	select {
	case base = <-p.address:
	case <-p.exited:
		return "", p.failure("the server stopped before serving")
	case <-p.broken:
		time.Sleep(500 * time.Millisecond) // for the errors to be printed
		return "", p.failure("the site does not build")
	case <-ctx.Done():
		return "", p.failure("the server did not announce its address within %v", timeout)
	}
	client := http.Client{Timeout: 10 * time.Second}
	for {
		if code, err := get(ctx, &client, base); err == nil && code == http.StatusOK {
			return base, nil
		}
		select {
		case <-time.After(50 * time.Millisecond):
		case <-p.exited:
			return "", p.failure("the server stopped before serving")
		case <-ctx.Done():
			return "", p.failure("%s did not answer within %v", base, timeout)
		}
	}
}

func get(ctx context.Context, client *http.Client, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// peakRSS is the process's peak resident set size so far (VmHWM), in bytes.
func (p *proc) peakRSS() (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", p.cmd.Process.Pid)
}

// stop asks the server to end with SIGINT, as Ctrl+C would, and kills it
// if it has not ended within ten seconds.
func (p *proc) stop() {
	select {
	case <-p.exited:
		return
	default:
	}
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.exited:
		return
	case <-time.After(10 * time.Second):
	}
	p.cmd.Process.Kill()
	select {
	case <-p.exited:
	case <-time.After(5 * time.Second):
	}
}
