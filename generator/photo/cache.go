package photo

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// racyWindow: a file changed within this long after the index saw it could
// still change without its size or time showing it (git's "racy" entries),
// so such files are not written into the index.
const racyWindow = 2 * time.Second

// diskCache keeps variants as files, one per variant plus a list per entry
// written last, all atomically; anything missing or damaged is a miss.
//
//	dir/.gitignore        "*"
//	dir/index             lines: sha256 size mtime "name" (appended; later lines win)
//	dir/ab/abcd…-0.jpg    variant files, smallest first
//	dir/ab/abcd….list     lines: width height ext bytes crc32
type diskCache struct {
	dir string

	mu     sync.Mutex
	loaded bool
	index  map[string]indexEntry // by source name
	names  map[string]bool       // names looked up since creation
	used   map[string]bool       // keys used since creation
}

type indexEntry struct {
	sum         string
	size, mtime int64
}

func newDiskCache(dir string) *diskCache {
	return &diskCache{dir: dir, index: map[string]indexEntry{}, names: map[string]bool{}, used: map[string]bool{}}
}

// lookup gives the content hash the index holds for name, if the file's size
// and modification time still match.
func (d *diskCache) lookup(name string, st fs.FileInfo) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.names[name] = true
	if !d.loaded {
		d.loadIndex()
	}
	e, ok := d.index[name]
	if !ok || st.ModTime().IsZero() || e.size != st.Size() || e.mtime != st.ModTime().UnixNano() {
		return "", false
	}
	return e.sum, true
}

func (d *diskCache) loadIndex() {
	d.loaded = true
	b, err := os.ReadFile(filepath.Join(d.dir, "index"))
	if err != nil {
		return
	}
	for line := range bytes.Lines(b) {
		f := strings.SplitN(strings.TrimSuffix(string(line), "\n"), " ", 4)
		if len(f) != 4 || len(f[0]) != 64 || !strings.HasSuffix(string(line), "\n") {
			continue // a line cut short by a killed build
		}
		size, err1 := strconv.ParseInt(f[1], 10, 64)
		mtime, err2 := strconv.ParseInt(f[2], 10, 64)
		name, err3 := strconv.Unquote(f[3])
		if err1 == nil && err2 == nil && err3 == nil {
			d.index[name] = indexEntry{sum: f[0], size: size, mtime: mtime}
		}
	}
}

// record notes name's content hash in the index, unless its time cannot be
// trusted yet.
func (d *diskCache) record(name string, st fs.FileInfo, sum string) {
	t := st.ModTime()
	if t.IsZero() || time.Since(t) < racyWindow {
		return
	}
	e := indexEntry{sum: sum, size: st.Size(), mtime: t.UnixNano()}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.index[name] == e {
		return
	}
	d.index[name] = e
	if d.ensureDir() != nil {
		return
	}
	f, err := os.OpenFile(filepath.Join(d.dir, "index"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	fmt.Fprintf(f, "%s %d %d %s\n", e.sum, e.size, e.mtime, strconv.Quote(name))
	f.Close()
}

// forget drops what the index says of name, for this build.
func (d *diskCache) forget(name string) {
	d.mu.Lock()
	delete(d.index, name)
	d.mu.Unlock()
}

func (d *diskCache) use(key string) {
	d.mu.Lock()
	d.used[key] = true
	d.mu.Unlock()
}

// ensureDir creates the folder with its .gitignore; it is called before
// every write because the folder may be deleted at any time.
func (d *diskCache) ensureDir() error {
	ignore := filepath.Join(d.dir, ".gitignore")
	if _, err := os.Stat(ignore); err == nil {
		return nil
	}
	if err := os.MkdirAll(d.dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(ignore, []byte("*\n"), 0o644)
}

func (d *diskCache) path(key, suffix string) string {
	return filepath.Join(d.dir, key[:2], key+suffix)
}

// load reads an entry back, checking every file against its list.
func (d *diskCache) load(key string) ([]Variant, bool) {
	list, err := os.ReadFile(d.path(key, ".list"))
	if err != nil {
		return nil, false
	}
	var out []Variant
	for i, line := range strings.Split(strings.TrimSuffix(string(list), "\n"), "\n") {
		var v Variant
		var n int
		var sum uint32
		if _, err := fmt.Sscanf(line, "%d %d %s %d %x", &v.Width, &v.Height, &v.Ext, &n, &sum); err != nil {
			return nil, false
		}
		v.Data, err = os.ReadFile(d.path(key, "-"+strconv.Itoa(i)+v.Ext))
		if err != nil || len(v.Data) != n || crc32.Checksum(v.Data, castagnoli()) != sum {
			return nil, false
		}
		out = append(out, v)
	}
	return out, len(out) > 0
}

func castagnoli() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) }

// store writes the variant files, then the list that makes them an entry.
func (d *diskCache) store(key string, vs []Variant) error {
	d.mu.Lock()
	err := d.ensureDir()
	d.mu.Unlock()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(d.path(key, "")), 0o755); err != nil {
		return err
	}
	var list strings.Builder
	for i, v := range vs {
		if err := writeAtomic(d.path(key, "-"+strconv.Itoa(i)+v.Ext), v.Data); err != nil {
			return err
		}
		fmt.Fprintf(&list, "%d %d %s %d %08x\n", v.Width, v.Height, v.Ext, len(v.Data), crc32.Checksum(v.Data, castagnoli()))
	}
	return writeAtomic(d.path(key, ".list"), []byte(list.String()))
}

// writeAtomic writes through a temporary file and a rename, so a killed
// build leaves either the old file, the new one or a stray temporary.
func writeAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// prune keeps only what was used since creation: entries by key, index lines
// by name. Stray temporaries go too.
func (d *diskCache) prune() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	subs, err := os.ReadDir(d.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("prune photo cache: %w", err)
	}
	for _, sub := range subs {
		if !sub.IsDir() || !isShard(sub.Name()) {
			continue // another cache's folder, such as build/
		}
		subdir := filepath.Join(d.dir, sub.Name())
		files, err := os.ReadDir(subdir)
		if err != nil {
			return fmt.Errorf("prune photo cache: %w", err)
		}
		left := len(files)
		for _, f := range files {
			name := f.Name()
			if len(name) >= 64 && d.used[name[:64]] {
				continue
			}
			if err := os.Remove(filepath.Join(subdir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("prune photo cache: %w", err)
			}
			left--
		}
		if left == 0 {
			os.Remove(subdir)
		}
	}
	return d.rewriteIndex()
}

// isShard reports whether a folder of the cache is one of the photo
// cache's own: two hexadecimal digits, the start of its entries' keys.
func isShard(name string) bool {
	if len(name) != 2 {
		return false
	}
	for _, c := range name {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

func (d *diskCache) rewriteIndex() error {
	if !d.loaded {
		d.loadIndex()
	}
	var b strings.Builder
	names := make([]string, 0, len(d.index))
	for name := range d.index {
		if d.names[name] {
			names = append(names, name)
		} else {
			delete(d.index, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		e := d.index[name]
		fmt.Fprintf(&b, "%s %d %d %s\n", e.sum, e.size, e.mtime, strconv.Quote(name))
	}
	if err := d.ensureDir(); err != nil {
		return fmt.Errorf("prune photo cache: %w", err)
	}
	if err := writeAtomic(filepath.Join(d.dir, "index"), []byte(b.String())); err != nil {
		return fmt.Errorf("prune photo cache: %w", err)
	}
	return nil
}
