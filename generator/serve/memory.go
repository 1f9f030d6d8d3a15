package serve

import (
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"
	"sync"

	"loa/generator/build"
)

// file is one output of a build: its bytes in the store (see store.go),
// or in memory when small, or, for files the build copies unchanged
// (images, PDFs), a reference to its source.
type file struct {
	data   []byte // a small output's bytes
	stored bool   // the bytes are in the store, under sum
	fsys   fs.FS  // with name, when the file is served from its source
	name   string
	sum    uint64 // content hash of the output, or a stamp of the source (size, time)
}

// memory is a build.Output that keeps the site for the preview: the
// outputs' names and hashes in memory, their bytes in the store. Its
// methods are safe for concurrent use, as the renderer writes from every
// core.
type memory struct {
	seed  maphash.Seed
	store *store
	prev  *snapshot // the last good build, whose files Reuse carries over
	mu    sync.Mutex
	grown *sync.Cond // on mu: a file was put, or the memory was closed
	files map[string]file
	shut  bool // no file comes any more: see close
	// After ReuseAll, the build is prev but for the files in touched.
	base    *snapshot
	touched []string
}

var (
	_ build.Output = (*memory)(nil)
	_ build.Reuser = (*memory)(nil)
)

func newMemory(seed maphash.Seed, st *store, prev *snapshot) *memory {
	size := 0
	if prev != nil {
		size = len(prev.files)
	}
	m := &memory{seed: seed, store: st, prev: prev, files: make(map[string]file, size)}
	m.grown = sync.NewCond(&m.mu)
	return m
}

// wait returns the file rel once it is put, or false once the memory is
// closed or its snapshot taken without it.
func (m *memory) wait(rel string) (file, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for {
		if f, ok := m.files[rel]; ok {
			return f, true
		}
		if m.shut || m.files == nil {
			return file{}, false
		}
		m.grown.Wait()
	}
}

// close wakes every wait: the render is over.
func (m *memory) close() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.shut = true
	m.grown.Broadcast()
}

// ReuseAll carries over every file of the last good build but those in
// except, for a render that changed only those.
func (m *memory) ReuseAll(except map[string]bool) {
	if m.prev == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files = maps.Clone(m.prev.files)
	for rel := range except {
		delete(m.files, rel)
		m.touched = append(m.touched, rel)
	}
	m.base = m.prev
}

// Reuse carries the file rel over from the last good build, when the
// builder found its inputs unchanged.
func (m *memory) Reuse(rel string) bool {
	if m.prev == nil {
		return false
	}
	f, ok := m.prev.files[rel]
	if !ok {
		return false
	}
	return m.put(rel, f) == nil
}

func (m *memory) WriteFile(rel string, data []byte) error {
	if !fs.ValidPath(rel) {
		return fmt.Errorf("invalid output path %q", rel)
	}
	f := file{sum: maphash.Bytes(m.seed, data)}
	if len(data) < inStore {
		f.data = data
	} else if err := m.store.put(f.sum, data); err != nil {
		return err
	} else {
		f.stored = true
	}
	return m.put(rel, f)
}

func (m *memory) CopyFile(rel string, fsys fs.FS, name string) error {
	if !fs.ValidPath(rel) {
		return fmt.Errorf("invalid output path %q", rel)
	}
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return fmt.Errorf("copy %s: %w", name, err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("copy %s: not a regular file", name)
	}
	stamp := fmt.Sprint(name, "\x00", st.Size(), "\x00", st.ModTime().UnixNano())
	return m.put(rel, file{fsys: fsys, name: name, sum: maphash.String(m.seed, stamp)})
}

func (m *memory) put(rel string, f file) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[rel]; dup {
		return fmt.Errorf("two outputs at %s", rel)
	}
	m.files[rel] = f
	if m.base != nil {
		m.touched = append(m.touched, rel)
	}
	m.grown.Broadcast()
	return nil
}

// snapshot is a finished build: never changed once made, so requests read
// it without locks.
type snapshot struct {
	store *store
	files map[string]file
	// When a render changed a few files only: the build it started from
	// and those files, so that diff need not compare every file. Dropped
	// once diffed, so that builds do not hold their predecessors in a chain.
	base    *snapshot
	touched []string
}

func (m *memory) snapshot() *snapshot {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := &snapshot{store: m.store, files: m.files, base: m.base, touched: m.touched}
	m.files = nil
	m.grown.Broadcast()
	return s
}

// read returns the bytes of the output rel.
func (s *snapshot) read(rel string) ([]byte, bool, error) {
	f, ok := s.files[rel]
	if !ok {
		return nil, false, nil
	}
	data, err := s.bytes(f)
	return data, true, err
}

// bytes returns the output f.
func (s *snapshot) bytes(f file) ([]byte, error) { return f.open(s.store) }

// open returns the bytes of the output f, kept in st if not in memory.
func (f file) open(st *store) ([]byte, error) {
	switch {
	case f.fsys != nil:
		return fs.ReadFile(f.fsys, f.name)
	case f.stored:
		return st.read(f.sum)
	}
	return f.data, nil
}

// changes is what a rebuild changed, as output paths.
type changes struct {
	Pages  []string          // HTML pages whose text changed, beyond a renamed stylesheet
	Files  []string          // other outputs added, changed or removed
	Styles map[string]string // fingerprinted stylesheet: old output path → new one
	Quiet  int               // HTML pages whose only change is a renamed stylesheet
}

// diff compares two builds. A stylesheet under assets/ is named by its
// content hash, so editing it renames it and changes the link in every page;
// diff pairs the old and new names, and a page that differs only by that
// link is counted in Quiet, not in Pages: the browser swaps the stylesheet in
// place instead of reloading.
func diff(old, cur *snapshot) changes {
	var c changes
	if old == nil {
		old = &snapshot{}
	}
	var added, removed []string
	if cur.base != nil && cur.base == old {
		return diffTouched(old, cur)
	}
	for rel, f := range cur.files {
		o, ok := old.files[rel]
		switch {
		case !ok:
			added = append(added, rel)
		case o.sum != f.sum || o.name != f.name:
			if isHTML(rel) {
				c.Pages = append(c.Pages, rel)
			} else {
				c.Files = append(c.Files, rel)
			}
		}
	}
	for rel := range old.files {
		if _, ok := cur.files[rel]; !ok {
			removed = append(removed, rel)
		}
	}
	c.Styles = renamedStyles(added, removed)
	for _, rel := range added {
		if isHTML(rel) {
			c.Pages = append(c.Pages, rel)
		} else {
			c.Files = append(c.Files, rel)
		}
	}
	for _, rel := range removed {
		if isHTML(rel) {
			c.Pages = append(c.Pages, rel)
		} else {
			c.Files = append(c.Files, rel)
		}
	}
	if len(c.Styles) > 0 {
		c.Pages, c.Quiet = dropRestyled(old, cur, c.Pages, c.Styles)
	}
	sort.Strings(c.Pages)
	sort.Strings(c.Files)
	return c
}

// diffTouched is diff for a build that differs from old only in the files
// it touched.
func diffTouched(old, cur *snapshot) changes {
	var c changes
	seen := map[string]bool{}
	for _, rel := range cur.touched {
		if seen[rel] {
			continue
		}
		seen[rel] = true
		o, inOld := old.files[rel]
		f, inCur := cur.files[rel]
		if inOld == inCur && (!inOld || (o.sum == f.sum && o.name == f.name)) {
			continue
		}
		if isHTML(rel) {
			c.Pages = append(c.Pages, rel)
		} else {
			c.Files = append(c.Files, rel)
		}
	}
	sort.Strings(c.Pages)
	sort.Strings(c.Files)
	return c
}

// renamedStyles pairs removed and added stylesheets whose names differ only
// by their fingerprint ("css/main.3f9a1c2b7d.css").
func renamedStyles(added, removed []string) map[string]string {
	gone := map[string]string{}
	for _, rel := range removed {
		if base, ok := unfingerprinted(rel); ok {
			gone[base] = rel
		}
	}
	out := map[string]string{}
	for _, rel := range added {
		if base, ok := unfingerprinted(rel); ok {
			if old, ok := gone[base]; ok {
				out[old] = rel
			}
		}
	}
	return out
}

func unfingerprinted(rel string) (string, bool) {
	if path.Ext(rel) != ".css" {
		return "", false
	}
	stem := strings.TrimSuffix(rel, ".css")
	dot := strings.LastIndexByte(stem, '.')
	if dot < 0 || len(stem)-dot-1 != 10 {
		return "", false
	}
	for _, r := range stem[dot+1:] {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return "", false
		}
	}
	return stem[:dot] + ".css", true
}

// dropRestyled removes from pages those that differ from their old text
// only by the renamed stylesheets.
func dropRestyled(old, cur *snapshot, pages []string, styles map[string]string) ([]string, int) {
	var pairs []string
	for o, n := range styles {
		pairs = append(pairs, o, n)
	}
	r := strings.NewReplacer(pairs...)
	var keep []string
	quiet := 0
	for _, rel := range pages {
		o, ok1 := old.files[rel]
		n, ok2 := cur.files[rel]
		if ok1 && ok2 && o.fsys == nil && n.fsys == nil {
			od, err1 := old.bytes(o)
			nd, err2 := cur.bytes(n)
			if err1 == nil && err2 == nil && r.Replace(string(od)) == string(nd) {
				quiet++
				continue
			}
		}
		keep = append(keep, rel)
	}
	return keep, quiet
}

func isHTML(rel string) bool { return path.Ext(rel) == ".html" || path.Ext(rel) == ".htm" }

// urlPath is the address at which the output rel is served.
func urlPath(rel string) string {
	if rel == "index.html" {
		return "/"
	}
	if strings.HasSuffix(rel, "/index.html") {
		return "/" + strings.TrimSuffix(rel, "index.html")
	}
	return "/" + rel
}
