package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"loa/generator/build"
	"loa/generator/check"
	"loa/generator/diag"
)

// runCheck is loa check: the editors' proofreader (package check) over the
// site as loa build reads it. It exits 1 when a finding is an error.
func runCheck(env *Env, args []string) int {
	fs := newFlagSet(env, "check", "check [-s DIR] [--format text|json] [--fix] [--external]")
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", "text", "text (for people) or json (for tools)")
	fix := fs.Bool("fix", false, "rewrite what has one right answer: legacy encodings, NFD letters, invisible characters, tone marks (sửa tự động)")
	external := fs.Bool("external", false, "also follow links to other sites (kiểm tra cả liên kết ra ngoài)")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(env.Stderr, "loa check: unexpected argument %q (name the site folder with -s)\n", pos[0])
		return ExitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(env.Stderr, "loa check: --format must be text or json, not %q\n", *format)
		return ExitUsage
	}
	if st, err := os.Stat(sf.source); err != nil || !st.IsDir() {
		fmt.Fprintf(env.Stderr, "loa check: there is no folder %s (name the site folder with -s)\n", filepath.ToSlash(sf.source))
		return ExitUsage
	}
	if *fix {
		if code, done := fixSite(env, sf); done {
			return code
		}
	}
	in, files := proofread(env, sf)
	if *external && in.Config != nil {
		cache := openLinkCache(filepath.Join(sf.source, CacheDir, "links.json"))
		e := &check.External{Client: &http.Client{}, Concurrency: 8, Timeout: 10 * time.Second, Cache: cache, Own: in.Config.BaseURL, Now: env.Now}
		in.External = e.Check(context.Background(), in.Files)
		if err := cache.save(); err != nil {
			fmt.Fprintf(env.Stderr, "loa check: keeping the link cache: %v\n", err)
		}
	}
	findings := check.Run(in)
	if *format == "json" {
		if err := check.WriteJSON(env.Stdout, findings); err != nil {
			fmt.Fprintf(env.Stderr, "loa check: %v\n", err)
		}
	} else {
		check.WriteText(env.Stdout, findings, files)
	}
	if check.Counts(findings).Errors > 0 {
		return ExitError
	}
	return ExitOK
}

// proofread reads the site as loa build does and the proofreader reads
// every content file; it returns what check.Run needs and the number of
// content files read.
func proofread(env *Env, sf siteFlags) (check.Input, int) {
	b := build.New(sf.options(env, false))
	plan, diags := b.Assemble()
	if plan == nil {
		return check.Input{Build: diags}, 0
	}
	in := b.ProofInput(plan)
	in.Build = diags
	return in, len(in.Files)
}

// fixSite rewrites the files with something --fix can do, prints what it
// changed, and lets the check run again on the result. done is true when
// it could not go on.
func fixSite(env *Env, sf siteFlags) (code int, done bool) {
	in, _ := proofread(env, sf)
	if in.Config == nil {
		return 0, false // the check says what is wrong with the site
	}
	edits := check.Edits(in)
	n := 0
	for _, f := range in.Files {
		path := filepath.Join(sf.source, filepath.FromSlash(f.Name))
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(env.Stderr, "loa check: %v\n", err)
			return ExitError, true
		}
		out, changes := check.Fix(f.Name, src, edits[f.Name])
		if len(changes) == 0 {
			continue
		}
		st, err := os.Stat(path)
		if err == nil {
			err = writeFileAtomic(path, out, st.Mode().Perm())
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "loa check: %v\n", err)
			return ExitError, true
		}
		for _, c := range changes {
			fmt.Fprintf(env.Stdout, "đã sửa %s\n", c)
		}
		n += len(changes)
	}
	fmt.Fprintf(env.Stdout, "loa check --fix: %d chỗ đã sửa (%s).\n\n", n, plural(n, "change", "changes"))
	return 0, false
}

// writeFileAtomic replaces a file by a new one written beside it, so that
// an editor's file is never left half written.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".loa-fix-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), perm)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// assemble is the build's assembly with the proofreader's findings as
// warnings (loa build).
func assemble(b *build.Builder) (*build.Plan, diag.List) {
	plan, diags := b.Assemble()
	if plan != nil && !diags.HasErrors() {
		diags.Append(b.ProofWarnings(plan))
		diags.Sort()
	}
	return plan, diags
}

// linkCache keeps the answers of other sites in .loa-cache/links.json
// between runs of loa check --external.
type linkCache struct {
	path string
	mu   sync.Mutex
	m    map[string]check.Result
}

var _ check.Cache = (*linkCache)(nil)

func openLinkCache(path string) *linkCache {
	c := &linkCache{path: path, m: map[string]check.Result{}}
	if data, err := os.ReadFile(path); err == nil {
		json.Unmarshal(data, &c.m) // a damaged cache is an empty one
	}
	return c
}

func (c *linkCache) Get(u string) (check.Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[u]
	return r, ok
}

func (c *linkCache) Put(u string, r check.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[u] = r
}

func (c *linkCache) save() error {
	c.mu.Lock()
	data, err := json.MarshalIndent(c.m, "", "  ")
	c.mu.Unlock()
	if err != nil {
		return err
	}
	dir := filepath.Dir(c.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); err != nil {
		os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("*\n"), 0o644)
	}
	return writeFileAtomic(c.path, data, 0o644)
}
