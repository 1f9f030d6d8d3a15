// Package serve is level 6 of Loa's pipeline, the preview server: it builds
// the site into a folder of its own (store.go), holding only the outputs'
// names and hashes in memory, serves it over HTTP, watches the site folder,
// rebuilds on every save and tells the open pages over Server-Sent Events,
// which reload, swap a stylesheet, or show the errors of a failed rebuild.
//
// It imports build, publish, diag and vi, and is the only importer of fsnotify.
// The live-reload script and the error overlay are added to HTML responses
// as they are served, never to the stored output, so what it serves equals
// what `loa build` writes.
package serve

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"loa/generator/build"
	"loa/generator/diag"
)

// The live-reload client and the overlay's styles, served as files under
// /__loa/ (see http.go for why they are not inline).
var (
	//go:embed client.js
	clientJS string
	//go:embed overlay.css
	overlayCSS string
)

// Options say what to serve and where.
type Options struct {
	Dir   string        // the site folder, watched; Build.Site defaults to build.DirFS(Dir)
	Build build.Options // BaseURL defaults to the server's own address
	Bind  string        // address to listen on; default 127.0.0.1
	Port  int           // first port to try; 0 takes any free port
	// RenderToDisk, when set, is a folder the site is also published to
	// after every good build (by default nothing is written to disk).
	RenderToDisk string
	Quiet        time.Duration // how long files must be quiet before a rebuild; default 10 ms
	MaxWait      time.Duration // the longest a change waits for quiet; default 300 ms
	Stdout       io.Writer     // one line per rebuild; default os.Stdout
	Stderr       io.Writer     // errors and warnings; default os.Stderr
}

// Server is one preview of one site.
type Server struct {
	opts  Options
	ln    net.Listener
	url   string
	host  hosts // the Host headers that name this server
	b     *build.Builder
	seed  maphash.Seed
	store *store // the bytes of the outputs
	watch *watcher
	hub   *hub
	state atomic.Pointer[state]

	warned string // the warnings last printed, so that each is printed once
	// proofread are the proofreader's findings at the last build, shown
	// with the next build's reload until it has read the site again.
	proofread diag.List
	now       string      // the mark of a preview as of another day, see nowMark
	plan      *build.Plan // the last good assembly, for Refresh; rebuilds run one at a time
	// staging, when set (by tests), runs in a staged render between the
	// reload of the open pages and the render of the rest.
	staging func()
}

// state is what requests see: the last good site and the errors of the
// last rebuild, swapped as one.
type state struct {
	snap *snapshot // nil until a build succeeds
	// pending, while a full render runs after a change of layout: the
	// outputs it made so far, served before snap's (see staged.go).
	pending *pending
	errs    diag.List
	inject  []byte
}

// New listens, starts watching and builds the site once. Errors in the
// site do not stop it: they are shown in the pages and printed.
func New(opts Options) (*Server, error) {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Quiet == 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = 300 * time.Millisecond
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Build.Site == nil {
		opts.Build.Site = build.DirFS(opts.Dir)
	}
	st, err := newStore()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, seed: maphash.MakeSeed(), store: st, hub: newHub()}
	s.state.Store(&state{inject: injection(nil, "")})
	ln, err := s.listen()
	if err != nil {
		st.close()
		return nil, err
	}
	s.ln = ln
	if opts.Build.BaseURL == "" {
		s.opts.Build.BaseURL = s.url
	}
	s.watch, err = newWatcher(opts.Dir)
	if err != nil {
		ln.Close()
		st.close()
		return nil, fmt.Errorf("watch %s: %w", opts.Dir, err)
	}
	s.opts.Build.Rebuilds = true
	s.b = build.New(s.opts.Build)
	s.rebuild(Batch{})
	return s, nil
}

// listen takes the port asked for, or the next free one.
func (s *Server) listen() (net.Listener, error) {
	o := s.opts
	if ip := net.ParseIP(o.Bind); o.Bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(o.Stderr, "Cảnh báo: máy chủ xem trước mở cho các máy khác qua địa chỉ %s; chỉ dùng trong mạng tin cậy.\n", o.Bind)
	}
	var ln net.Listener
	var err error
	for port := o.Port; port < o.Port+100 && port < 65536; port++ {
		ln, err = net.Listen("tcp", net.JoinHostPort(o.Bind, strconv.Itoa(port)))
		if err == nil {
			if port != o.Port {
				fmt.Fprintf(o.Stdout, "Cổng %d đang bận; dùng cổng %d.\n", o.Port, port)
			}
			break
		}
		if !errors.Is(err, syscall.EADDRINUSE) || o.Port == 0 {
			return nil, fmt.Errorf("listen: %w", err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("listen: no free port from %d: %w", o.Port, err)
	}
	host := o.Bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	s.url = "http://" + net.JoinHostPort(host, port) + "/"
	ip := net.ParseIP(o.Bind)
	s.host = hosts{bind: strings.ToLower(o.Bind), port: port, anyIP: ip != nil && ip.IsUnspecified()}
	return ln, nil
}

// URL is the address the site is served at.
func (s *Server) URL() string { return s.url }

// httpServer is the server of Run. A client that never finishes its
// request line and headers is dropped after ReadHeaderTimeout, and an idle
// keep-alive connection after IdleTimeout; there is no write timeout, since
// the live-reload stream stays open for as long as a page is.
func (s *Server) httpServer() *http.Server {
	return &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
}

// Run serves and rebuilds on every change until ctx is done, then shuts
// down cleanly.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := s.httpServer()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.ln) }()

	var wg sync.WaitGroup
	changed := make(chan string)
	batches := make(chan Batch)
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.watch.run(ctx, changed, func(err error) { fmt.Fprintf(s.opts.Stderr, "Lỗi theo dõi tệp: %v\n", err) })
	}()
	go func() {
		defer wg.Done()
		coalesce(ctx, realClock{}, newBatcher(s.opts.Quiet, s.opts.MaxWait), changed, batches)
	}()

	var err error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case err = <-served:
			break loop
		case b := <-batches:
			s.rebuild(b)
		}
	}
	cancel()
	s.hub.close()
	shut, stop := context.WithTimeout(context.Background(), 3*time.Second)
	defer stop()
	if e := srv.Shutdown(shut); e != nil {
		srv.Close()
	}
	wg.Wait()
	s.watch.Close()
	if e := s.store.close(); e != nil && err == nil {
		err = e
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
