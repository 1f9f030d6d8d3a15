package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"

	"loa/generator/serve"
)

func runServe(env *Env, args []string) int {
	fs := newFlagSet(env, "serve", "serve [-s DIR] [--port 1313] [--bind 127.0.0.1] [-D] [-F] [-E] [--now DATE] [--open] [--renderToDisk]")
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "the port to serve on; the next free one if taken (cổng)")
	fs.IntVar(port, "p", 1313, "the port to serve on")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; 0.0.0.0 opens it to other machines")
	open := fs.Bool("open", false, "open the site in the browser (mở trình duyệt)")
	toDisk := fs.Bool("renderToDisk", false, "also write the site to DIR/public after each build")
	minify := fs.Bool("minify", true, "minify as loa build does")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if !sf.checkNow(env, "serve") {
		return ExitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintf(env.Stderr, "loa serve: unexpected argument %q (name the site folder with -s)\n", pos[0])
		return ExitUsage
	}
	if st, err := os.Stat(sf.source); err != nil || !st.IsDir() {
		fmt.Fprintf(env.Stderr, "loa serve: %s is not a site folder\n", filepath.ToSlash(sf.source))
		return ExitUsage
	}
	opts := serve.Options{
		Dir:    sf.source,
		Build:  sf.options(env, *minify),
		Bind:   *bind,
		Port:   *port,
		Stdout: env.Stdout,
		Stderr: env.Stderr,
	}
	if *toDisk {
		opts.RenderToDisk = filepath.Join(sf.source, "public")
	}
	if os.Getenv("GOMEMLIMIT") == "" { // a limit of the user's own is kept
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(previewMemory(sf.source)))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := serve.New(opts)
	if err != nil {
		fmt.Fprintf(env.Stderr, "loa serve: %v\n", err)
		return ExitError
	}
	if *open {
		if err := openBrowser(srv.URL()); err != nil {
			fmt.Fprintf(env.Stderr, "loa serve: không mở được trình duyệt: %v\n", err)
		}
	}
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintf(env.Stderr, "loa serve: %v\n", err)
		return ExitError
	}
	fmt.Fprintln(env.Stdout, "Đã dừng máy chủ xem trước.")
	return ExitOK
}

// previewMemory is the soft memory limit of a preview: it runs for hours
// beside an editor's other programs, and Go's collector, left to itself,
// lets the heap grow to twice what was live at its last collection while a
// layout edit renders every page and builds the search index. Under the
// limit it collects sooner. The limit grows with the site (about 12 KB for
// each content file beyond 256 MB: 373 MB at 10,000 news items), so that a
// big site is not collected over and over; Go never lets collection take
// more than half the CPU to keep to it.
func previewMemory(site string) int64 {
	files := 0
	filepath.WalkDir(filepath.Join(site, "content"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return nil
	})
	return 256<<20 + int64(files)*12<<10
}

func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
