package build

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"loa/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// memory is an Output that keeps files in memory.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memory) WriteFile(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[rel] = append([]byte(nil), data...)
	return nil
}

func (m *memory) CopyFile(rel string, fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	return m.WriteFile(rel, b)
}

func buildFixture(t *testing.T, minify bool) map[string][]byte {
	t.Helper()
	files, _ := buildTestdata(t, "testdata/site", minify)
	return files
}

// buildTestdata builds the site in dir with the default theme, at the
// fixtures' time, into memory; errors end the test, warnings are returned.
func buildTestdata(t *testing.T, dir string, minify bool) (map[string][]byte, diag.List) {
	t.Helper()
	return buildTestdataWith(t, dir, minify, nil)
}

// buildTestdataWith is buildTestdata with set, if not nil, called on the
// builder first: for a limit tests lower.
func buildTestdataWith(t *testing.T, dir string, minify bool, set func(*Builder)) (map[string][]byte, diag.List) {
	t.Helper()
	b := New(Options{
		Site:   os.DirFS(dir),
		Theme:  os.DirFS("../../themes/default"),
		Minify: minify,
		Now:    func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) },
	})
	if set != nil {
		set(b)
	}
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out := &memory{files: map[string][]byte{}}
	_, d := b.Render(plan, out)
	if d.HasErrors() {
		t.Fatal(d)
	}
	diags.Append(d)
	return out.files, diags
}

// TestGolden builds testdata/site without minifying, so the golden files
// read well, and compares every output with testdata/golden. Run
// `go test ./generator/build -run Golden -update` after an intended change.
func TestGolden(t *testing.T) {
	files := buildFixture(t, false)
	golden := "testdata/golden"
	if *update {
		os.RemoveAll(golden)
		for name, data := range files {
			p := filepath.Join(golden, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var want []string
	filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(golden, p)
			want = append(want, filepath.ToSlash(rel))
		}
		return nil
	})
	var got []string
	for name := range files {
		got = append(got, name)
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("outputs differ from golden:\n got: %v\nwant: %v", got, want)
	}
	for _, name := range want {
		g, _ := os.ReadFile(filepath.Join(golden, filepath.FromSlash(name)))
		if string(g) != string(files[name]) {
			t.Errorf("%s differs from golden (run with -update if intended):\n%s", name, firstDiff(string(g), string(files[name])))
		}
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return ""
}

// TestDeterministic: the same input gives byte-identical output.
func TestDeterministic(t *testing.T) {
	a, b := buildFixture(t, true), buildFixture(t, true)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if string(b[name]) != string(data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if !strings.Contains(string(a["tin-tuc/hoi-nghi/index.html"]), `width=2 height=1`) {
		t.Error("the figure's image has no width and height")
	}
	if string(a["robots.txt"]) != "User-agent: *\n" {
		t.Errorf("the site's own robots.txt was not kept: %q", a["robots.txt"])
	}
}

// TestStageGetsWhatMemoryGets: a build published through a stage, which
// is handed each minified page in a pooled buffer, leaves on disk exactly
// what a build into memory produced; a buffer reused too early would show
// as one page's bytes in another's file.
func TestStageGetsWhatMemoryGets(t *testing.T) {
	want, _ := buildTestdata(t, "../..", true)
	dest := filepath.Join(t.TempDir(), "public")
	publishBuild(t, Options{Site: os.DirFS("../.."), Theme: os.DirFS("../../themes/default"), Minify: true,
		Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }}, dest)
	if len(want) < 100 {
		t.Fatalf("%d files built into memory", len(want))
	}
	sameFiles(t, "published through a stage", dest, want, "the build into memory")
}

// TestPackedBodiesBuildTheSame: a builder that keeps the pages' HTML
// compressed (a preview, or a site of packFrom files) writes what one
// that does not writes. The example site's news items are long enough.
func TestPackedBodiesBuildTheSame(t *testing.T) {
	plain, _ := buildTestdata(t, "../..", true)
	b := New(Options{
		Site:     os.DirFS("../.."),
		Theme:    os.DirFS("../../themes/default"),
		Minify:   true,
		Rebuilds: true,
		Now:      func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) },
	})
	plan, diags := b.Assemble()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	packed := 0
	for _, n := range plan.Site.Nodes {
		if n.Page != nil && n.Page.Content == "" && n.Page.Body() != "" {
			packed++
		}
	}
	if packed < 5 {
		t.Fatalf("only %d pages packed", packed)
	}
	out := &memory{files: map[string][]byte{}}
	if _, d := b.Render(plan, out); d.HasErrors() {
		t.Fatal(d)
	}
	if len(out.files) != len(plain) {
		t.Errorf("%d files packed, %d not", len(out.files), len(plain))
	}
	for name, data := range plain {
		if string(out.files[name]) != string(data) {
			t.Errorf("%s differs when bodies are packed: %s", name, firstDiff(string(data), string(out.files[name])))
		}
	}
}

// TestKeptBodiesBuildTheSame: a one-off build, of a site of any size,
// reads its pages' HTML from the parse cache's packs instead of holding
// it, and writes what a build holding it writes; so does a second build
// of the same builder after an edit, which saves the cache again and so
// moves the HTML in the packs.
func TestKeptBodiesBuildTheSame(t *testing.T) {
	dir := t.TempDir()
	for _, part := range []string{"content", "static", "data"} {
		os.CopyFS(filepath.Join(dir, part), os.DirFS(filepath.Join("../..", part)))
	}
	if src, err := os.ReadFile("../../config.toml"); err != nil || os.WriteFile(filepath.Join(dir, "config.toml"), src, 0o644) != nil {
		t.Fatal("the example site's config.toml:", err)
	}
	// A site of packFrom files spools its pages while it parses them; a
	// smaller one holds them as they are until the packs are written.
	for _, packFrom := range []int{1, packFrom} {
		cache := t.TempDir()
		b := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Minify: true, CacheDir: cache,
			Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }})
		b.packFrom = packFrom
		for step, edit := range []func(){
			func() {},
			func() {
				matches, _ := filepath.Glob(filepath.Join(dir, "content", "tin-tuc", "*.md"))
				name := matches[len(matches)/2]
				src, _ := os.ReadFile(name)
				os.WriteFile(name, append(src, "\n\nMột đoạn mới ở cuối bài, để gói của nó được ghi lại.\n"...), 0o644)
			},
		} {
			edit()
			plan, d := b.Assemble()
			if d.HasErrors() {
				t.Fatal(d)
			}
			kept := 0 // reading from the packs, not from the spool
			for _, n := range plan.Site.Nodes {
				for i := range shardCount {
					if n.Page != nil && n.Page.ReadsFrom(packFile{b.pages, i}) {
						kept++
					}
				}
			}
			if kept < 5 {
				t.Fatalf("build %d: only %d pages read their HTML from the cache (packFrom %d)", step+1, kept, packFrom)
			}
			filepath.WalkDir(cache, func(name string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(name, ".tmp") {
					t.Errorf("build %d: %s is left in the cache (packFrom %d)", step+1, name, packFrom)
				}
				return nil
			})
			out := &memory{files: map[string][]byte{}}
			if _, d := b.Render(plan, out); d.HasErrors() {
				t.Fatal(d)
			}
			want, _ := buildTestdata(t, dir, true)
			if len(out.files) != len(want) {
				t.Errorf("build %d: %d files, a build holding the HTML writes %d", step+1, len(out.files), len(want))
			}
			for name, data := range want {
				if string(out.files[name]) != string(data) {
					t.Errorf("build %d: %s differs when the HTML is read from the cache: %s", step+1, name, firstDiff(string(data), string(out.files[name])))
				}
			}
		}
	}
}

// The default theme's layouts run on the theme's runner, never given back
// to html/template, on the fixture, the example site and a site of several
// languages: a layout that made the runner give up would be a third slower
// on every page, with the same output.
func TestLayoutsStayOnTheRunner(t *testing.T) {
	for _, dir := range []string{"testdata/site", "../..", "testdata/lang/site", "testdata/campaign/site"} {
		t.Run(dir, func(t *testing.T) {
			b := New(Options{Site: os.DirFS(dir), Theme: os.DirFS("../../themes/default"), Minify: true,
				Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }})
			plan, diags := b.Assemble()
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			st, d := b.Render(plan, &memory{files: map[string][]byte{}})
			if d.HasErrors() {
				t.Fatal(d)
			}
			if st.Pages < 5 || st.Slow != 0 {
				t.Errorf("%d pages, %d of their layouts run by html/template; want none", st.Pages, st.Slow)
			}
		})
	}
}
