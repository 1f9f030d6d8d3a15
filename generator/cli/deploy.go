package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"loa/generator/config"
	"loa/generator/deploy"
)

// runDeploy builds the site into DIR/public, as loa build does (a build of
// an unchanged site rewrites nothing, so this costs little and the host
// never gets a stale public/), then sends what changed to a target of
// [[deploy.targets]].
func runDeploy(env *Env, args []string) int {
	fs := newFlagSet(env, "deploy", "deploy [-s DIR] [--target NAME] [--dry-run] [--force] [--trust-host]")
	var source string
	for _, n := range []string{"s", "source"} {
		fs.StringVar(&source, n, ".", "the site folder (thư mục trang)")
	}
	name := fs.String("target", "", "the [[deploy.targets]] name to publish to (needed when there are several)")
	dry := fs.Bool("dry-run", false, "list what would be sent and deleted, change nothing on the host")
	force := fs.Bool("force", false, "send every file again, changed or not")
	trust := fs.Bool("trust-host", false, "sftp: trust a host seen for the first time and add its key to known_hosts")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(env.Stderr, "loa deploy: unexpected argument %q (name the target with --target)\n", pos[0])
		return ExitUsage
	}
	if st, err := os.Stat(source); err != nil || !st.IsDir() {
		fmt.Fprintf(env.Stderr, "loa deploy: there is no folder %s (name the site folder with -s)\n", filepath.ToSlash(source))
		return ExitUsage
	}
	cfg, diags := config.Load(os.DirFS(source))
	if diags.HasErrors() {
		printDiags(env.Stderr, diags) // warnings are printed by the build
		return ExitError
	}
	target, code := pickTarget(env, cfg.Deploy, *name)
	if code != ExitOK {
		return code
	}
	public := filepath.Join(source, "public")
	if code := buildInto(env, "deploy", siteFlags{source: source}, public, true); code != ExitOK {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	home, _ := os.UserHomeDir()
	shown := shownURL(target)
	fmt.Fprintf(env.Stderr, "Xuất bản lên %s (%s)…\n", target.Name, shown)
	tg, err := deploy.Open(ctx, target, deploy.Credentials{Getenv: os.Getenv, Stdin: env.Stdin, Stderr: env.Stderr,
		Home: home, Site: source, TrustHost: *trust})
	if err != nil {
		printDeployError(env.Stderr, err)
		return ExitError
	}
	defer tg.Close()
	res, err := deploy.Run(ctx, tg, deploy.Options{
		Public:    public,
		CacheFile: filepath.Join(source, CacheDir, "deploy", target.Name+".json"),
		DryRun:    *dry,
		Force:     *force,
		Progress:  deploy.NewProgress(env.Stderr, deploy.IsTerminal(env.Stderr), nil),
		Warn:      func(msg string) { fmt.Fprintf(env.Stderr, "loa deploy: %s\n", msg) },
	})
	if err != nil {
		printDeployError(env.Stderr, err)
		return ExitError
	}
	if *dry {
		res.List(env.Stdout)
		fmt.Fprintf(env.Stdout, "%s Chạy thử: chưa gửi hay xoá gì trên %s.\n", res.Summary(), shown)
		return ExitOK
	}
	fmt.Fprintln(env.Stdout, res.Summary())
	return ExitOK
}

// pickTarget finds the target to publish to: the one named, or the only
// one written.
func pickTarget(env *Env, d config.Deploy, name string) (config.DeployTarget, int) {
	names := strings.Join(d.Names(), ", ")
	switch {
	case len(d.Targets) == 0:
		fmt.Fprintf(env.Stderr, "loa deploy: %s has no [[deploy.targets]] (chưa khai báo nơi xuất bản)\n"+
			"    hint: add one, such as\n\n"+
			"        [[deploy.targets]]\n        name = \"may-chu\"\n        url = \"sftp://bientap@web.tinh.gov.vn/var/www/html\"\n\n"+
			"    gợi ý: xem phần \"Xuất bản lên máy chủ\" trong README\n", config.File)
		return config.DeployTarget{}, ExitError
	case name != "":
		t, ok := d.Target(name)
		if !ok {
			fmt.Fprintf(env.Stderr, "loa deploy: no deploy target named %q; the targets are: %s (không có nơi xuất bản %q)\n", name, names, name)
			return t, ExitUsage
		}
		return t, ExitOK
	case len(d.Targets) > 1:
		fmt.Fprintf(env.Stderr, "loa deploy: name the target with --target: %s (chọn nơi xuất bản bằng --target)\n", names)
		return config.DeployTarget{}, ExitUsage
	}
	return d.Targets[0], ExitOK
}

// shownURL is the target's address for messages: never with a password
// (config refuses one anyway), with the user setting applied.
func shownURL(t config.DeployTarget) string {
	u := *t.URL
	if t.User != "" {
		u.User = nil
		if u.Scheme != "file" {
			u.User = url.User(t.User)
		}
	}
	return u.Redacted()
}

// printDeployError prints a failure and its hint, as diagnostics are.
func printDeployError(w io.Writer, err error) {
	fmt.Fprintf(w, "loa deploy: %v\n", err)
	var e *deploy.Error
	if errors.As(err, &e) {
		fmt.Fprintf(w, "    gợi ý: %s\n", e.Advice())
	}
}
