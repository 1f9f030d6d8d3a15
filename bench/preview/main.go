// Command preview measures the preview servers of Loa (`loa serve`) and
// Hugo (`hugo server`) on the same site: the time from saving a file to
// the live-reload message, the server's own rebuild time as it prints it,
// for page edits and for template edits, and the peak memory.
//
//	go run ./bench/preview -loa BIN -hugo BIN -site DIR -edits 15
//
// DIR is a site from bench/corpus; each tool gets its own copy, so neither
// sees the other's edits. Run it from the repository root (template edits
// copy Loa's themes/default single.html into the site), or pass -layout.
// Part of the benchmark kit, run by bench/run; CI never runs it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

type options struct {
	loa, hugo    string
	site         string
	layout       string
	edits        int
	timeout      time.Duration
	startTimeout time.Duration
	settle       time.Duration
	keep         bool
}

func main() {
	var o options
	flag.StringVar(&o.loa, "loa", "", "the loa binary (empty: measure Hugo only)")
	flag.StringVar(&o.hugo, "hugo", "hugo", "the hugo binary (empty: measure Loa only)")
	flag.StringVar(&o.site, "site", "", "the site folder, from bench/corpus")
	flag.StringVar(&o.layout, "layout", "themes/default/layouts/_default/single.html", "Loa's single-page layout, copied into the site by template edits")
	flag.IntVar(&o.edits, "edits", 15, "page edits per tool; a third as many template edits")
	flag.DurationVar(&o.timeout, "timeout", 120*time.Second, "the longest one edit may take")
	flag.DurationVar(&o.startTimeout, "start-timeout", 15*time.Minute, "the longest a server may take to start serving")
	flag.DurationVar(&o.settle, "settle", time.Second, "the pause after each edit, before the next")
	flag.BoolVar(&o.keep, "keep", false, "keep the copies of the site")
	flag.Parse()
	if o.site == "" || o.edits < 1 || (o.loa == "" && o.hugo == "") {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "preview:", err)
		stop()
		os.Exit(1)
	}
}

// run measures each tool in turn and prints the table. It fails when a
// tool failed, after printing what the others did.
func run(ctx context.Context, o options, w io.Writer) error {
	page, items, err := pickPage(o.site)
	if err != nil {
		return err
	}
	var layout []byte
	if o.loa != "" {
		if layout, err = os.ReadFile(o.layout); err != nil {
			return fmt.Errorf("read the layout for Loa's template edits (run from the repository root, or pass -layout): %w", err)
		}
	}
	work, err := os.MkdirTemp("", "loa-preview-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(os.Stderr, "preview: copies kept in", work)
	} else {
		defer os.RemoveAll(work)
	}
	var results []result
	for _, name := range []string{"loa", "hugo"} {
		if (name == "loa" && o.loa == "") || (name == "hugo" && o.hugo == "") {
			continue
		}
		fmt.Fprintf(os.Stderr, "preview: %s, %d page edits and %d template edits\n", name, o.edits, max(1, o.edits/3))
		results = append(results, measureCopy(ctx, o, name, work, page, layout))
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	report(w, o, page, items, results)
	for _, r := range results {
		if r.err != nil {
			return fmt.Errorf("%s failed", r.name)
		}
	}
	return nil
}

// measureCopy copies the site for one tool and measures it there. layout
// is Loa's single-page layout.
func measureCopy(ctx context.Context, o options, name, work, page string, layout []byte) result {
	site := filepath.Join(work, name)
	if err := copyTree(o.site, site); err != nil {
		return result{name: name, err: err}
	}
	port, err := freePort()
	if err != nil {
		return result{name: name, err: err}
	}
	var t tool
	switch name {
	case "loa":
		t, err = loaTool(o.loa, site, port, layout)
	case "hugo":
		t, err = hugoTool(o.hugo, site, port, filepath.Join(work, "hugo-cache"))
	}
	if err != nil {
		return result{name: name, err: err}
	}
	return measure(ctx, o, t, site, page)
}

// freePort is a port nobody listens on right now. Both servers move to
// another if it is taken by then; their address line says where.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func report(w io.Writer, o options, page string, items int, results []result) {
	fmt.Fprintf(w, "  %d items; page edits add a line at the end of %s; template edits add a hidden span to single.html\n", items, page)
	fmt.Fprintf(w, "  %-8s %8s %14s %12s %14s %12s %12s %6s\n", "tool", "start s",
		"page event ms", "page own ms", "tmpl event ms", "tmpl own ms", "peak RSS MB", "stray")
	by := map[string]result{}
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(w, "  %-8s failed: %v\n", r.name, r.err)
			continue
		}
		by[r.name] = r
		fmt.Fprintf(w, "  %-8s %8.3f %14.1f %12.0f %14.1f %12.0f %12.0f %6d\n", r.name, r.start.Seconds(),
			ms(median(r.page.event)), ms(median(r.page.own)), ms(median(r.tmpl.event)), ms(median(r.tmpl.own)),
			float64(r.rss)/(1<<20), r.stray)
	}
	for _, r := range results {
		if r.err == nil {
			fmt.Fprintf(w, "  %-8s event min-max ms: page %s, template %s\n", r.name, spread(r.page.event), spread(r.tmpl.event))
		}
	}
	l, lok := by["loa"]
	h, hok := by["hugo"]
	if lok && hok {
		fmt.Fprintf(w, "  Loa/Hugo start %s; page edit: event %s, own %s; template edit: event %s, own %s; memory %s\n",
			ratio(l.start, h.start),
			ratio(median(l.page.event), median(h.page.event)), ratio(median(l.page.own), median(h.page.own)),
			ratio(median(l.tmpl.event), median(h.tmpl.event)), ratio(median(l.tmpl.own), median(h.tmpl.own)),
			ratio(time.Duration(l.rss), time.Duration(h.rss)))
	}
	fmt.Fprintf(w, "  medians of %d page and %d template edits, %v apart. event: from the save to the reload message\n", o.edits, max(1, o.edits/3), o.settle)
	fmt.Fprintln(w, "  (Loa: the SSE message naming the page; Hugo: its livereload websocket's reload, which names none).")
	fmt.Fprintln(w, "  own: the rebuild time each server prints (Loa \"Đã dựng lại … trong N ms\", Hugo \"Total in N ms\").")
}

func spread(d []time.Duration) string {
	if len(d) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f-%.0f", ms(slices.Min(d)), ms(slices.Max(d)))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func ratio(a, b time.Duration) string {
	if a <= 0 || b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}
