package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
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
