// Package cli is the top of Loa: the command line. It parses flags, wires
// the pipeline's packages together, prints diagnostics and chooses the exit
// code: 0 on success, 1 on content or template errors, 2 on usage errors.
// One file per subcommand.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"time"

	"loa/generator/diag"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the site has errors
	ExitUsage = 2 // the command line is wrong
)

// Env is what a command may touch besides the file system.
type Env struct {
	Stdout, Stderr io.Writer
	Theme          fs.FS // the embedded default theme
	Example        fs.FS // the embedded example site: config.toml, content/, static/
	Now            func() time.Time
	// Version is the release version stamped into main at link time; ""
	// in development builds (see versionLine).
	Version string
	// Stdin answers the question a double-click asks; nil reads nothing.
	Stdin io.Reader
}

type command struct {
	name  string
	short string
	run   func(env *Env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "dựng trang web vào thư mục public/ (build the site)", runBuild},
		{"deploy", "gửi trang lên máy chủ, chỉ những tệp đã đổi (publish to the host)", runDeploy},
		{"serve", "xem trước trang, tự dựng lại khi lưu tệp (preview with live reload)", runServe},
		{"check", "soát lỗi bài viết: bảng mã cũ, dấu, ảnh thiếu mô tả, chữ viết tắt… (proofread the site)", runCheck},
		{"init", "tạo trang mẫu trong một thư mục trống: loa init [DIR] (create the example site)", runInit},
		{"new", "tạo bài viết mới: loa new tin-tuc \"Tiêu đề\" (new content)", runNew},
		{"import", "nhập bài từ tệp Word: loa import bai-viet.docx (import a Word document)", runImport},
		{"version", "in phiên bản (print the version)", runVersion},
		{"help", "hướng dẫn (help)", runHelp},
	}
}

// Main runs the command line args (without the program name).
func Main(args []string, env *Env) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(args) == 0 {
		return runDoubleClick(env)
	}
	switch args[0] {
	case "-h", "--help", "-help":
		usage(env.Stdout)
		return ExitOK
	case "-v", "--version":
		return runVersion(env, nil)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "loa: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Loa – trình dựng trang tin tiếng Việt / a static site generator for Vietnamese public information")
	fmt.Fprintln(w, "\nUsage: loa COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w, "\nRun 'loa COMMAND -h' for the flags of a command.")
}

func runHelp(env *Env, args []string) int {
	if len(args) == 1 {
		for _, c := range commands() {
			if c.name == args[0] && c.name != "help" {
				return c.run(env, []string{"-h"})
			}
		}
	}
	usage(env.Stdout)
	return ExitOK
}

// parseFlags parses flags mixed with positional arguments, as in
// `loa new tin-tuc "Tiêu đề" -s site`. It returns the positional ones, or
// an exit code when parsing ended the command (-h or a bad flag).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, ExitOK, false
			}
			return nil, ExitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// newFlagSet makes a flag set that prints its usage to env.Stderr.
func newFlagSet(env *Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: loa %s\n\nFlags:\n", synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			dash := "-"
			if len(f.Name) > 1 {
				dash = "--"
			}
			fmt.Fprintf(env.Stderr, "  %s%-16s %s\n", dash, f.Name, f.Usage)
		})
	}
	return fs
}

// printDiags prints the diagnostics and a summary line; it returns whether
// there were errors.
func printDiags(w io.Writer, diags diag.List) bool {
	diags.Print(w)
	errs := len(diags.Errors())
	if errs > 0 {
		word := "errors"
		if errs == 1 {
			word = "error"
		}
		fmt.Fprintf(w, "\nloa: %d %s; nothing was published (Lỗi: chưa xuất bản gì).\n", errs, word)
		return true
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
