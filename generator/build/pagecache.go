package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
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
// by their key's first byte among shardCount pack files, each read whole
// when a page of its own is looked up and written whole, under a
// temporary name and renamed, when the build's pages in it differ from
// what it holds. Pages the build did not use are left out of what is
// written: a deleted file's page goes the next time its pack is written.
//
// A pack is the magic line, its entries (key, length, encoding) in the
// order of their keys, and the CRC-32C of all that. A pack that does not
// read back exactly is treated as empty, and written again.

const shardCount = 32

const packMagic = "loa page pack 1\n"

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
	root   string // Options.CacheDir, which git is told to ignore
	dir    string // the packs of the builder's options (see flavor)
	shards [shardCount]pack
	// files are the packs opened for kept pages' reads (packFile).
	filesMu sync.Mutex
	files   [shardCount]*os.File
	hits    atomic.Int64 // pages decoded instead of parsed, for tests
}

// pack is one file of the store.
type pack struct {
	mu      sync.Mutex
	known   bool                // keys are what the file holds, as this process last read or wrote it
	damaged bool                // the file exists but does not read: write it again
	keys    map[[32]byte][2]int // entry → where its encoding is in data
	data    []byte              // the file, read in this build; nil after it
	loaded  bool                // read in this build
	sums    map[[32]byte]uint32 // entry → page.BodySum of its HTML, for keep; nil if not known
	// failed are the entries whose page could not be encoded: they are
	// never written, and so not missed either.
	failed map[[32]byte]bool
}

// pageEntry is a page of a build, for save.
type pageEntry struct {
	key    [32]byte
	encode func() ([]byte, error)
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
		b.pages = &pageStore{root: b.opts.CacheDir, dir: filepath.Join(dir, flavor(b.opts))}
	}
	return b.pages
}

func shardOf(key [32]byte) int { return int(key[0]) % shardCount }

func (s *pageStore) path(shard int) string {
	return filepath.Join(s.dir, fmt.Sprintf("%02x.pack", shard))
}

// page returns the page under key as parser decodes it, if the store has
// it. An entry that does not decode is dropped.
func (s *pageStore) page(parser *page.Parser, key [32]byte) (*page.Page, diag.List, bool) {
	if s == nil {
		return nil, nil, false
	}
	enc, ok := s.get(key)
	if !ok {
		return nil, nil, false
	}
	pg, diags, err := parser.Decode(enc)
	if err != nil {
		s.drop(key)
		return nil, nil, false
	}
	s.hits.Add(1)
	return pg, diags, true
}

// get returns the encoding of the page under key, if the store has it.
// The bytes are the pack's, good until save.
func (s *pageStore) get(key [32]byte) ([]byte, bool) {
	i := shardOf(key)
	p := &s.shards[i]
	p.mu.Lock()
	defer p.mu.Unlock()
	p.load(s.path(i))
	span, ok := p.keys[key]
	if !ok {
		return nil, false
	}
	return p.data[span[0]:span[1]], true
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
// those whose pages changed, and lets go of the packs read. With sums, each
// pack keeps the checksum of each page's HTML, for keep.
func (s *pageStore) save(entries []pageEntry, sums bool) {
	s.closeFiles()
	var by [shardCount][]pageEntry
	for _, e := range entries {
		i := shardOf(e.key)
		by[i] = append(by[i], e)
	}
	parallel(shardCount, func(i int) {
		p := &s.shards[i]
		p.mu.Lock()
		defer p.mu.Unlock()
		p.save(s, s.path(i), by[i], sums)
		p.data, p.loaded = nil, false
	})
	s.tidy()
}

// keep returns a copy of pg that reads its HTML from the pack that holds
// it under key (see page.KeptIn), or pg when no pack is known to hold it
// (one that could not be written, or a page that could not be encoded).
// Only a build that saves the store once may keep pages so: the next save
// rewrites packs, and with them where each page's HTML is.
func (s *pageStore) keep(pg *page.Page, key [32]byte) *page.Page {
	i := shardOf(key)
	p := &s.shards[i]
	p.mu.Lock()
	span, ok := p.keys[key]
	sum, summed := p.sums[key]
	ok = ok && summed && p.known
	p.mu.Unlock()
	if !ok || span[1]-span[0] < pg.BodyLen()+4 {
		return pg
	}
	// The HTML ends the encoding, before its four-byte length.
	end := span[1] - 4
	return pg.KeptIn(packFile{s, i}, int64(end-pg.BodyLen()), key, sum)
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

// load reads the pack once a build; a pack missing, unreadable or
// damaged holds nothing.
func (p *pack) load(path string) {
	if p.loaded {
		return
	}
	p.loaded, p.known, p.damaged = true, true, false
	data, err := readFile(path)
	keys, ok := readPack(data)
	if err != nil || !ok {
		p.damaged = err == nil || !os.IsNotExist(err)
		p.keys, p.data = map[[32]byte][2]int{}, nil
		return
	}
	p.keys, p.data = keys, data
}

// readPack lists the entries of a pack; ok is false unless every byte is
// where the format puts it.
func readPack(data []byte) (keys map[[32]byte][2]int, ok bool) {
	if len(data) < len(packMagic)+4 || string(data[:len(packMagic)]) != packMagic {
		return nil, false
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil, false
	}
	keys = map[[32]byte][2]int{}
	for i := len(packMagic); i < len(body); {
		if len(body)-i < 32 {
			return nil, false
		}
		key := [32]byte(body[i : i+32])
		i += 32
		n, w := binary.Uvarint(body[i:])
		if w <= 0 || n > uint64(len(body)-i-w) {
			return nil, false
		}
		i += w
		keys[key] = [2]int{i, i + int(n)}
		i += int(n)
	}
	return keys, true
}

// save writes the pack with the entries, unless it holds exactly them
// already; with sums, it keeps their HTML's checksums.
func (p *pack) save(s *pageStore, path string, entries []pageEntry, sums bool) {
	entries = slices.DeleteFunc(entries, func(e pageEntry) bool { return p.failed[e.key] })
	if !p.known {
		p.load(path)
	}
	p.sums = nil
	if !p.damaged && len(p.keys) == len(entries) && !slices.ContainsFunc(entries, func(e pageEntry) bool {
		_, ok := p.keys[e.key]
		return !ok
	}) {
		if sums && p.data != nil {
			encs := make([][]byte, len(entries))
			for i, e := range entries {
				span := p.keys[e.key]
				encs[i] = p.data[span[0]:span[1]]
			}
			p.sums = bodySums(entries, encs)
		}
		return
	}
	p.load(path) // for the encodings it has
	slices.SortFunc(entries, func(a, b pageEntry) int { return bytes.Compare(a.key[:], b.key[:]) })
	encs := make([][]byte, len(entries))
	for i, e := range entries {
		if enc, err := p.encoding(e); err == nil {
			encs[i] = enc
		}
	}
	keys := map[[32]byte][2]int{} // filled by writePack
	p.known = false               // until the file is as keys say
	if !slices.ContainsFunc(encs, func(enc []byte) bool { return enc != nil }) {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return
		}
	} else if err := s.write(path, func(w io.Writer) error { return writePack(w, entries, encs, keys) }); err != nil {
		return
	}
	p.keys, p.data, p.known, p.damaged = keys, nil, true, false
	if sums {
		p.sums = bodySums(entries, encs)
	}
}

// writePack writes the entries whose encodings are not nil, in their order,
// and sets where each encoding is in keys. It streams them rather than
// gathering the pack in one buffer first: the buffers were the size of the
// site's HTML, and copying into them was 0.13 s of four profiles of a
// 1,000-item build.
func writePack(w io.Writer, entries []pageEntry, encs [][]byte, keys map[[32]byte][2]int) error {
	sum := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	bw := bufio.NewWriterSize(io.MultiWriter(w, sum), 64<<10)
	bw.WriteString(packMagic)
	at := len(packMagic)
	var n [binary.MaxVarintLen64]byte
	for i, e := range entries {
		enc := encs[i]
		if enc == nil {
			continue
		}
		bw.Write(e.key[:])
		size := binary.PutUvarint(n[:], uint64(len(enc)))
		bw.Write(n[:size])
		at += len(e.key) + size
		keys[e.key] = [2]int{at, at + len(enc)}
		bw.Write(enc)
		at += len(enc)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, sum.Sum32()))
	return err
}

// bodySums is the checksum of each entry's HTML, for the pages that keep
// will let read their HTML from the file: a read that does not find those
// bytes stops the build.
func bodySums(entries []pageEntry, encs [][]byte) map[[32]byte]uint32 {
	sums := make(map[[32]byte]uint32, len(entries))
	for i, e := range entries {
		if start, end, ok := page.BodySpan(encs[i]); ok {
			sums[e.key] = page.BodySum(encs[i][start:end])
		}
	}
	return sums
}

// encoding is the bytes of an entry: the pack's own when it has them.
func (p *pack) encoding(e pageEntry) ([]byte, error) {
	if span, ok := p.keys[e.key]; ok {
		return p.data[span[0]:span[1]], nil
	}
	enc, err := e.encode()
	if err != nil {
		if p.failed == nil {
			p.failed = map[[32]byte]bool{}
		}
		p.failed[e.key] = true
	}
	return enc, err
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
