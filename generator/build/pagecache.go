package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"loa/generator/diag"
	"loa/generator/page"
)

// The parse cache keeps every page of the last build, encoded (see
// page.Parser.Encode), under its key (see pageKey). Reading ten thousand
// small files costs more system calls than parsing saves, and rewriting one
// big file for one new page writes the whole site: the entries are split
// by their key's first byte among shardCount pack files (pack.go), each
// read when a page of its own is looked up and written whole, under a
// temporary name and renamed, when the build's pages in it differ from
// what it holds. Pages the build did not use are left out of what is
// written: a deleted file's page goes the next time its pack is written.

const shardCount = 32

// staleTempFile reports whether e is a temporary file of writeAtomic
// older than staleTemp: one a killed build left behind.
func staleTempFile(e os.DirEntry, now time.Time) bool {
	info, err := e.Info()
	return err == nil && strings.HasSuffix(e.Name(), ".tmp") && now.Sub(info.ModTime()) > staleTemp
}

// staleTemp is the age after which a pack left under its temporary name (by
// a build killed while writing) is removed.
const staleTemp = time.Hour

// unusedFlavor is the age after which the packs of options no build uses
// any more (an old --baseURL, a preview server's port) are removed.
const unusedFlavor = 30 * 24 * time.Hour

// pageStore is the parse cache of a builder's site: what it knows of the
// packs outlives a build, so that a preview's rebuild whose pages are all
// in memory reads no pack at all.
type pageStore struct {
	root string // Options.CacheDir, which git is told to ignore
	dir  string // the packs of the builder's options (see flavor)
	// whole says the builder holds its pages' HTML (the preview): packs
	// are read whole, and pages decoded with their HTML. A one-off build
	// reads the heads and leaves the HTML in the packs (keep).
	whole  bool
	shards [shardCount]pack
	// files are the packs opened for kept pages' reads (packFile).
	filesMu sync.Mutex
	files   [shardCount]*os.File
	hits    atomic.Int64 // pages decoded instead of parsed, for tests
}

// pageEntry is a page of a build, for save.
type pageEntry struct {
	key    [32]byte
	encode func(dst []byte) ([]byte, error) // appends to dst as page.Parser.AppendEncode
}

// flavor names the folder of a builder's options: a preview server (whose
// base URL is its own address) and loa build parse the same file into
// different pages, and each keeps its packs instead of replacing the
// other's.
func flavor(o Options) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%d:%s %t %t %t", len(o.BaseURL), o.BaseURL, o.Drafts, o.Future, o.Expired))
	return hex.EncodeToString(sum[:8])
}

// pageStore returns the builder's parse cache, or nil when it keeps none:
// without a cache folder, or when the program cannot tell what it is.
func (b *Builder) pageStore() *pageStore {
	dir := b.cacheDir("pages")
	if dir == "" || b.toolSum() == [32]byte{} {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.pages == nil {
		b.pages = &pageStore{root: b.opts.CacheDir, dir: filepath.Join(dir, flavor(b.opts)), whole: b.opts.Rebuilds}
	}
	return b.pages
}

func shardOf(key [32]byte) int { return int(key[0]) % shardCount }

func (s *pageStore) path(shard int) string {
	return filepath.Join(s.dir, fmt.Sprintf("%02x.pack", shard))
}

// page returns the page under key as parser decodes it, if the store has
// it: with its HTML when the store is whole, else reading it from the pack
// (page.Parser.DecodeKept). An entry that does not decode is dropped.
func (s *pageStore) page(parser *page.Parser, key [32]byte) (*page.Page, diag.List, bool) {
	if s == nil {
		return nil, nil, false
	}
	i := shardOf(key)
	p := &s.shards[i]
	p.mu.Lock()
	p.load(s.path(i), s.whole)
	e, ok := p.keys[key]
	data := p.data
	p.mu.Unlock()
	if !ok {
		return nil, nil, false
	}
	var (
		pg    *page.Page
		diags diag.List
		err   error
	)
	if head := data[e.head[0]:e.head[1]]; s.whole {
		pg, diags, err = parser.DecodeParts(head, data[e.body:e.body+int64(e.size)])
	} else {
		pg, diags, err = parser.DecodeKept(head, packFile{s, i}, e.body, e.size, key, e.sum)
	}
	if err != nil {
		s.drop(key)
		return nil, nil, false
	}
	s.hits.Add(1)
	return pg, diags, true
}

// drop forgets an entry that does not decode, so that the next save
// writes the page parsed instead.
func (s *pageStore) drop(key [32]byte) {
	p := &s.shards[shardOf(key)]
	p.mu.Lock()
	delete(p.keys, key)
	p.damaged = true
	p.mu.Unlock()
}

// save makes the packs hold the pages of the build and no other, writing
// those whose pages changed, and lets go of the packs read.
func (s *pageStore) save(entries []pageEntry) {
	s.closeFiles()
	var by [shardCount][]pageEntry
	for _, e := range entries {
		i := shardOf(e.key)
		by[i] = append(by[i], e)
	}
	free := make(chan *[]byte, 64) // chunks of encodings, for the next pack; dropped with this save
	parallel(shardCount, func(i int) {
		p := &s.shards[i]
		p.mu.Lock()
		defer p.mu.Unlock()
		p.save(s, s.path(i), by[i], free)
		p.data, p.loaded = nil, false
	})
	s.tidy()
}

// keep returns a copy of pg that reads its HTML from the pack that holds
// it under key (see page.KeptIn), or pg when no pack is known to hold it
// (one that could not be written, or a page that could not be encoded),
// or when pg reads it from there already. Only a build that saves the
// store once may keep pages so: the next save rewrites packs, and with
// them where each page's HTML is.
func (s *pageStore) keep(pg *page.Page, key [32]byte) *page.Page {
	i := shardOf(key)
	p := &s.shards[i]
	p.mu.Lock()
	e, ok := p.keys[key]
	ok = ok && p.known
	moved := p.rewritten
	p.mu.Unlock()
	if !ok || e.size != pg.BodyLen() || pg.IsKept() && !moved {
		return pg
	}
	return pg.KeptIn(packFile{s, i}, e.body, key, e.sum)
}

// packFile reads one pack of the store at an offset. The pack is opened
// at the first read and stays open until closeFiles: opening it for each
// read cost a fifth more system time at 100,000 items. The next save
// closes it first, since Windows refuses to replace an open file.
type packFile struct {
	s     *pageStore
	shard int
}

func (f packFile) ReadAt(b []byte, off int64) (int, error) {
	f.s.filesMu.Lock()
	file := f.s.files[f.shard]
	if file == nil {
		var err error
		if file, err = os.Open(f.s.path(f.shard)); err != nil {
			f.s.filesMu.Unlock()
			return 0, err
		}
		f.s.files[f.shard] = file
	}
	f.s.filesMu.Unlock()
	return file.ReadAt(b, off)
}

// closeFiles closes the packs that kept pages read.
func (s *pageStore) closeFiles() {
	s.filesMu.Lock()
	defer s.filesMu.Unlock()
	for i, f := range s.files {
		if f != nil {
			f.Close()
			s.files[i] = nil
		}
	}
}

// save writes the pack with the entries, unless it holds exactly them
// already.
func (p *pack) save(s *pageStore, path string, entries []pageEntry, free chan *[]byte) {
	entries = slices.DeleteFunc(entries, func(e pageEntry) bool { return p.failed[e.key] })
	p.rewritten = false
	if !p.known {
		p.load(path, s.whole)
	}
	if !p.damaged && len(p.keys) == len(entries) && !slices.ContainsFunc(entries, func(e pageEntry) bool {
		_, ok := p.keys[e.key]
		return !ok
	}) {
		return
	}
	p.load(path, s.whole) // for the entries it has
	var file []byte
	if slices.ContainsFunc(entries, func(e pageEntry) bool {
		_, ok := p.keys[e.key]
		return ok
	}) {
		// Not otherwise: after a new version of Loa no entry is kept, and
		// reading every pack for nothing took 600 MB at 100,000 items.
		file = p.bodies(path, s.whole)
	}
	slices.SortFunc(entries, func(a, b pageEntry) int { return bytes.Compare(a.key[:], b.key[:]) })
	var out []packed
	room := encodings{free: free}
	defer room.put()
	for _, e := range entries {
		if pe, ok := p.entry(e, file, &room); ok {
			out = append(out, pe)
		}
	}
	keys := map[[32]byte]packEntry{} // filled by writePack
	p.known = false                  // until the file is as keys say
	if len(out) == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return
		}
	} else if err := s.write(path, func(w io.Writer) error { return writePack(w, out, keys) }); err != nil {
		return
	}
	p.keys, p.data, p.known, p.damaged, p.rewritten = keys, nil, true, false, true
}

// encodings is the room a pack's new entries are encoded into until the
// pack is written: chunks used again from pack to pack of one save, not a
// buffer for each page (0.74 GB of the allocations of a 100,000-item
// build). The chunks are the save's own, not a sync.Pool's: a pool keeps
// them through two collections, 90 MB more at the peak of memory.
type encodings struct {
	chunks []*[]byte    // the last is being filled
	free   chan *[]byte // chunks given back, or nil
}

// chunkSize is the room of a chunk: a few hundred pages' heads and HTML.
const chunkSize = 1 << 20

// chunk returns a chunk given back, or a new one.
func (r *encodings) chunk() *[]byte {
	select {
	case c := <-r.free:
		return c
	default:
		b := make([]byte, 0, chunkSize)
		return &b
	}
}

// encode returns what encode appends, in the room of the chunk being
// filled when it fits, else on its own, and the next encodings in a new
// chunk.
func (r *encodings) encode(encode func([]byte) ([]byte, error)) ([]byte, error) {
	if len(r.chunks) == 0 {
		r.chunks = append(r.chunks, r.chunk())
	}
	last := r.chunks[len(r.chunks)-1]
	enc, err := encode(*last)
	if n := len(*last) + len(enc); n <= cap(*last) && len(enc) > 0 && &enc[0] == &(*last)[:n][len(*last)] {
		*last = (*last)[:n]
	} else {
		r.chunks = append(r.chunks, r.chunk())
	}
	return enc, err
}

// put gives the chunks back, once nothing reads the encodings; those the
// free list has no room for are let go.
func (r *encodings) put() {
	for _, c := range r.chunks {
		*c = (*c)[:0]
		select {
		case r.free <- c:
		default:
		}
	}
	r.chunks = nil
}

// bodies returns the bytes of the pack file the entries' HTML is in: the
// data when read whole, else the file read again now, for the few packs a
// build after an edit writes.
func (p *pack) bodies(path string, whole bool) []byte {
	if whole {
		return p.data
	}
	file, _ := readFile(path)
	return file
}

// entry is what the pack is to keep of e: the bytes it has, when they are
// still what they were, else e encoded. An entry whose page cannot be
// encoded is left out, as one whose HTML the file no longer holds.
func (p *pack) entry(e pageEntry, file []byte, room *encodings) (packed, bool) {
	if pe, ok := p.keys[e.key]; ok {
		if pe.body+int64(pe.size) > int64(len(file)) {
			return packed{}, false // the file changed since it was read
		}
		html := file[pe.body : pe.body+int64(pe.size)]
		if page.BodySum(html) != pe.sum {
			return packed{}, false
		}
		return packed{key: e.key, head: p.data[pe.head[0]:pe.head[1]], html: html, sum: pe.sum}, true
	}
	enc, err := room.encode(e.encode)
	var pe packed
	ok := err == nil
	if ok {
		pe, ok = entryOf(e.key, enc)
	}
	if !ok {
		if p.failed == nil {
			p.failed = map[[32]byte]bool{}
		}
		p.failed[e.key] = true
	}
	return pe, ok
}

// write writes one pack whole (see writeAtomicWith): a build killed while
// writing leaves the old pack, or none, never half of one.
func (s *pageStore) write(path string, write func(io.Writer) error) error {
	return writeAtomicWith(s.root, path, write)
}

// tidy removes what killed builds and options no longer used left behind:
// temporary packs older than staleTemp, and the folders of other flavors
// no build has used for unusedFlavor. The store's own folder is marked as
// used, written or not.
func (s *pageStore) tidy() {
	now := time.Now()
	os.Chtimes(s.dir, now, now)
	entries, _ := os.ReadDir(s.dir)
	for _, e := range entries {
		if staleTempFile(e, now) {
			os.Remove(filepath.Join(s.dir, e.Name()))
		}
	}
	parent := filepath.Dir(s.dir)
	flavors, _ := os.ReadDir(parent)
	for _, e := range flavors {
		if info, err := e.Info(); err == nil && e.IsDir() && e.Name() != filepath.Base(s.dir) && now.Sub(info.ModTime()) > unusedFlavor {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
