package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"loa/generator/build"
	"loa/generator/publish"
	"loa/generator/vi"
)

// siteFlags are the flags build and serve share.
type siteFlags struct {
	source                  string
	baseURL                 string
	drafts, future, expired bool
	now                     string // --now: the day the site is built as of
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	for _, n := range []string{"s", "source"} {
		fs.StringVar(&f.source, n, ".", "the site folder (thư mục trang)")
	}
	fs.StringVar(&f.baseURL, "baseURL", "", "the site's address, overriding config.toml")
	for _, n := range []string{"D", "buildDrafts"} {
		fs.BoolVar(&f.drafts, n, false, "include drafts (gồm bản nháp)")
	}
	for _, n := range []string{"F", "buildFuture"} {
		fs.BoolVar(&f.future, n, false, "include pages dated in the future (gồm bài hẹn giờ)")
	}
	for _, n := range []string{"E", "buildExpired"} {
		fs.BoolVar(&f.expired, n, false, "include expired pages (gồm bài hết hạn)")
	}
	fs.StringVar(&f.now, "now", "", "build as of this day, in the site's zone: 2025-11-20 or 2025-11-20T08:00 (dựng như vào ngày này)")
}

// checkNow reports a --now that is not a date, as a usage error.
func (f *siteFlags) checkNow(env *Env, cmd string) bool {
	if f.now == "" {
		return true
	}
	if _, err := build.ParseNow(f.now, time.UTC); err != nil {
		fmt.Fprintf(env.Stderr, "loa %s: --now %v\n(--now là ngày xem trước, ghi dạng 2025-11-20 hoặc 2025-11-20T08:00)\n", cmd, err)
		return false
	}
	return true
}

func (f *siteFlags) options(env *Env, minify bool) build.Options {
	return build.Options{
		Site:    build.DirFS(f.source),
		Theme:   env.Theme,
		BaseURL: f.baseURL,
		Drafts:  f.drafts,
		Future:  f.future,
		Expired: f.expired,
		Minify:  minify,
		Now:     env.Now,
		At:      f.now,
		// Processed pictures are kept in the site folder, shared by loa
		// build and loa serve; the folder ignores itself in git.
		CacheDir: filepath.Join(f.source, CacheDir),
		// loa build, check and serve all proofread what they assemble.
		Proofread: true,
	}
}

// CacheDir is the folder of the site where processed pictures are kept. It
// is always safe to delete.
const CacheDir = ".loa-cache"

func runBuild(env *Env, args []string) int {
	fs := newFlagSet(env, "build", "build [-s DIR] [-d OUT] [--baseURL URL] [-D] [-F] [-E] [--now DATE] [--minify=false]")
	var sf siteFlags
	sf.register(fs)
	var dest string
	for _, n := range []string{"d", "destination"} {
		fs.StringVar(&dest, n, "", "where to write the site (default DIR/public)")
	}
	minify := fs.Bool("minify", true, "minify HTML, CSS, JS, SVG, JSON and XML")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (for developers)")
	memprofile := fs.String("memprofile", "", "write an allocation profile of the build to this file (for developers)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if !sf.checkNow(env, "build") {
		return ExitUsage
	}
	stop, err := startProfiles(*cpuprofile, *memprofile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "loa build: %v\n", err)
		return ExitUsage
	}
	defer stop()
	if len(pos) > 0 {
		fmt.Fprintf(env.Stderr, "loa build: unexpected argument %q (name the site folder with -s)\n", pos[0])
		return ExitUsage
	}
	if st, err := os.Stat(sf.source); err != nil || !st.IsDir() {
		fmt.Fprintf(env.Stderr, "loa build: there is no folder %s (name the site folder with -s)\n", filepath.ToSlash(sf.source))
		return ExitUsage
	}
	if dest == "" {
		dest = filepath.Join(sf.source, "public")
	}
	return buildInto(env, "build", sf, dest, *minify)
}

// buildInto builds the site of sf into dest, printing what loa build
// prints, with cmd ("build", "deploy") naming the command in messages. It
// is runBuild after the flags, shared with loa deploy.
func buildInto(env *Env, cmd string, sf siteFlags, dest string, minify bool) int {
	// Messages name folders with / on every OS, as they name the site's files.
	shown := filepath.ToSlash(dest)
	if err := build.CheckDest(sf.source, dest, nil); err != nil {
		fmt.Fprintf(env.Stderr, "loa %s: %v\n", cmd, err)
		return ExitUsage
	}
	start := time.Now()
	b := build.New(sf.options(env, minify))
	// The stage is opened once, early for a site published before, so that
	// it lists the old site while the sources are read; a build that fails
	// leaves the destination as it was (Abort does nothing once committed).
	var stage *publish.Stage
	defer func() {
		if stage != nil {
			stage.Abort()
		}
	}()
	begin := func() bool {
		var err error
		stage, err = publish.BeginWith(dest, publish.Options{Waiting: func(string) {
			fmt.Fprintf(env.Stderr, "loa %s: another build is publishing to %s; waiting… (một lần dựng khác đang ghi vào %s; đang chờ…)\n", cmd, shown, shown)
		}})
		if err != nil {
			fmt.Fprintf(env.Stderr, "loa %s: %v\n", cmd, err)
		}
		return err == nil
	}
	if info, err := os.Stat(dest); err == nil && info.IsDir() && !begin() {
		return ExitError
	}
	plan, diags := assemble(b) // with the proofreader's findings as warnings
	if printDiags(env.Stderr, diags) {
		return ExitError
	}
	if err := plan.CheckDest(sf.source, dest); err != nil {
		fmt.Fprintf(env.Stderr, "loa %s: %v\n", cmd, err)
		return ExitUsage
	}
	// Before anything is written: a path Windows cannot open would leave a
	// half-copied site on the editor's PC or on the host.
	if abs, err := filepath.Abs(dest); err == nil && printDiags(env.Stderr, plan.CheckPathLengths(abs)) {
		return ExitError
	}
	if stage == nil && !begin() {
		return ExitError
	}
	stats, diags := b.Render(plan, stage)
	if err := stage.Err(); err != nil { // a full or read-only disk: one message, not one per file
		fmt.Fprintf(env.Stderr, "loa %s: %v\n", cmd, err)
		return ExitError
	}
	if printDiags(env.Stderr, diags) {
		return ExitError
	}
	if plan.Site.NowFixed {
		fmt.Fprintf(env.Stdout, "Dựng như vào %s (--now), không theo ngày hôm nay.\n", nowText(plan.Site.Now, plan.Config.Location))
	}
	ps, err := stage.Commit()
	if err != nil {
		fmt.Fprintf(env.Stderr, "loa %s: publishing to %s: %v\n", cmd, shown, err)
		return ExitError
	}
	if err := b.SaveOutputs(); err != nil {
		fmt.Fprintf(env.Stderr, "loa %s: keeping the build cache: %v\n", cmd, err)
	}
	if err := b.PruneImages(); err != nil {
		fmt.Fprintf(env.Stderr, "loa %s: cleaning the picture cache: %v\n", cmd, err)
	}
	fmt.Fprintf(env.Stdout, "Đã dựng %s và %s vào %s trong %d ms (%d mới hoặc đổi, %d giữ nguyên, %d xoá).\n",
		plural(stats.Pages, "trang", "trang"), plural(stats.Files-stats.Pages, "tệp khác", "tệp khác"), shown,
		time.Since(start).Milliseconds(), ps.Written, ps.Unchanged, ps.Removed)
	return ExitOK
}

// nowText is the day, and the time when not midnight, a build is made as
// of: "ngày 20/11/2025", "08:00 ngày 20/11/2025".
func nowText(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 {
		return "ngày " + vi.Date(t)
	}
	return vi.Time(t) + " ngày " + vi.Date(t)
}
