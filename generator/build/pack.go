package build

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"sync"

	"loa/generator/page"
)

// A pack is one file of the parse cache (pagecache.go). Its integers are
// little-endian:
//
//	packMagic
//	the length of the heads, 8 bytes
//	the heads: for each entry, in the order of their keys, its key (32
//	bytes), the length of its head (uvarint), its head (the page's
//	encoding before its HTML, see page.BodySpan), the length of its HTML
//	(uvarint) and the HTML's page.BodySum (4 bytes)
//	the CRC-32C of all that, 4 bytes
//	the HTML of every entry, in the same order
//	the CRC-32C of the HTML, 4 bytes
//
// The HTML comes apart from the heads so that a one-off build reads only
// the heads into memory: its pages read their HTML from the file when they
// are rendered or indexed (page.Parser.DecodeKept), and a build after a
// small edit renders few. The HTML was 45 of the 63 MB of the packs of the
// 10,000-item benchmark corpus, read, copied into each page and checked
// again at every build. It is still checked, but through a small buffer.
// A pack that does not read back exactly is treated as empty, and written
// again.
const packMagic = "loa page pack 2\n"

// packHeader is the length of the magic line and the heads' length.
const packHeader = len(packMagic) + 8

var errDamagedPack = errors.New("damaged pack")

// pack is one file of the store.
type pack struct {
	mu      sync.Mutex
	known   bool                   // keys are what the file holds, as this process last read or wrote it
	damaged bool                   // the file exists but does not read: write it again
	keys    map[[32]byte]packEntry // what the file holds
	// data is the file as read in this build: its heads, or all of it for
	// a store that holds its pages' HTML; nil after save.
	data   []byte
	loaded bool // read in this build
	// rewritten says the last save wrote the file: its HTML moved.
	rewritten bool
	// failed are the entries whose page could not be encoded: they are
	// never written, and so not missed either.
	failed map[[32]byte]bool
}

// packEntry is where one entry is in a pack.
type packEntry struct {
	head [2]int // its head, in the data read
	body int64  // its HTML, from the start of the file
	size int    // the HTML's length
	sum  uint32 // page.BodySum of the HTML
}

// load reads the pack once a build, whole or only its heads; a pack
// missing, unreadable or damaged holds nothing.
func (p *pack) load(path string, whole bool) {
	if p.loaded {
		return
	}
	p.loaded, p.known, p.damaged = true, true, false
	keys, data, err := readPack(path, whole)
	if err != nil {
		p.damaged = !errors.Is(err, os.ErrNotExist)
		p.keys, p.data = map[[32]byte]packEntry{}, nil
		return
	}
	p.keys, p.data = keys, data
}

// readPack reads the pack at path: its entries and its bytes, all of them
// or those up to the HTML. Every byte is checked either way.
func readPack(path string, whole bool) (map[[32]byte]packEntry, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := info.Size()
	if size < int64(packHeader) {
		return nil, nil, errDamagedPack
	}
	read := size
	if !whole {
		var header [packHeader]byte
		if _, err := f.ReadAt(header[:], 0); err != nil {
			return nil, nil, err
		}
		n := binary.LittleEndian.Uint64(header[len(packMagic):])
		read = min(size, int64(packHeader)+int64(min(n, uint64(size)))+4)
	}
	data := make([]byte, read)
	if _, err := f.ReadAt(data, 0); err != nil {
		return nil, nil, err
	}
	keys, bodies, ok := readHeads(data)
	end := int64(packHeader) + int64(binary.LittleEndian.Uint64(data[len(packMagic):])) + 4
	if !ok || size != end+bodies+4 {
		return nil, nil, errDamagedPack
	}
	var sum uint32
	if whole {
		sum = crc32.Checksum(data[end:size-4], castagnoli)
	} else if sum, err = checksumAt(f, end, bodies); err != nil {
		return nil, nil, err
	}
	var trailer [4]byte
	if _, err := f.ReadAt(trailer[:], size-4); err != nil {
		return nil, nil, err
	}
	if sum != binary.LittleEndian.Uint32(trailer[:]) {
		return nil, nil, errDamagedPack
	}
	return keys, data, nil
}

// readHeads lists the entries of a pack whose start is data, and the
// length of their HTML; ok is false unless every byte of the heads is
// where the format puts it.
func readHeads(data []byte) (keys map[[32]byte]packEntry, bodies int64, ok bool) {
	if len(data) < packHeader+4 || string(data[:len(packMagic)]) != packMagic {
		return nil, 0, false
	}
	n := binary.LittleEndian.Uint64(data[len(packMagic):])
	if n > uint64(len(data)-packHeader-4) {
		return nil, 0, false
	}
	heads := data[:packHeader+int(n)]
	if crc32.Checksum(heads, castagnoli) != binary.LittleEndian.Uint32(data[len(heads):]) {
		return nil, 0, false
	}
	body := int64(len(heads) + 4)
	keys = map[[32]byte]packEntry{}
	for i := packHeader; i < len(heads); {
		if len(heads)-i < 32 {
			return nil, 0, false
		}
		key := [32]byte(heads[i : i+32])
		i += 32
		n, w := binary.Uvarint(heads[i:])
		if w <= 0 || n > uint64(len(heads)-i-w) {
			return nil, 0, false
		}
		i += w
		e := packEntry{head: [2]int{i, i + int(n)}}
		i += int(n)
		size, w := binary.Uvarint(heads[i:])
		if w <= 0 || size > 1<<40 || len(heads)-i-w < 4 {
			return nil, 0, false
		}
		i += w
		e.body, e.size, e.sum = body+bodies, int(size), binary.LittleEndian.Uint32(heads[i:])
		i += 4
		bodies += int64(size)
		keys[key] = e
	}
	return keys, bodies, true
}

// checksumAt is the CRC-32C of the n bytes of f from off, read through a
// small buffer.
func checksumAt(f *os.File, off, n int64) (uint32, error) {
	h := crc32.New(castagnoli)
	if _, err := io.CopyBuffer(h, io.NewSectionReader(f, off, n), make([]byte, 64<<10)); err != nil {
		return 0, err
	}
	return h.Sum32(), nil
}

// packed is one entry to write: its head and its HTML.
type packed struct {
	key        [32]byte
	head, html []byte
	sum        uint32 // page.BodySum(html)
}

// writePack writes the entries in their order and sets where each is in
// keys. It streams them rather than gathering the pack in one buffer
// first: the buffers were the size of the site's HTML, and copying into
// them was 0.13 s of four profiles of a 1,000-item build.
func writePack(w io.Writer, entries []packed, keys map[[32]byte]packEntry) error {
	var n [binary.MaxVarintLen64]byte
	uvarint := func(x int) []byte { return n[:binary.PutUvarint(n[:], uint64(x))] }
	heads := 0
	for _, e := range entries {
		heads += len(e.key) + len(uvarint(len(e.head))) + len(e.head) + len(uvarint(len(e.html))) + 4
	}
	sum := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, sum), 64<<10)
	bw.WriteString(packMagic)
	bw.Write(binary.LittleEndian.AppendUint64(nil, uint64(heads)))
	at, body := packHeader, int64(packHeader+heads+4)
	for _, e := range entries {
		bw.Write(e.key[:])
		bw.Write(uvarint(len(e.head)))
		at += len(e.key) + len(uvarint(len(e.head)))
		bw.Write(e.head)
		keys[e.key] = packEntry{head: [2]int{at, at + len(e.head)}, body: body, size: len(e.html), sum: e.sum}
		at += len(e.head)
		bw.Write(uvarint(len(e.html)))
		bw.Write(binary.LittleEndian.AppendUint32(nil, e.sum))
		at += len(uvarint(len(e.html))) + 4
		body += int64(len(e.html))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if _, err := w.Write(binary.LittleEndian.AppendUint32(nil, sum.Sum32())); err != nil {
		return err
	}
	sum.Reset()
	bw.Reset(io.MultiWriter(w, sum))
	for _, e := range entries {
		bw.Write(e.html)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, sum.Sum32()))
	return err
}

// entryOf splits a page's encoding into what a pack keeps of it.
func entryOf(key [32]byte, enc []byte) (packed, bool) {
	start, end, ok := page.BodySpan(enc)
	if !ok {
		return packed{}, false
	}
	html := enc[start:end]
	return packed{key: key, head: enc[:start], html: html, sum: page.BodySum(html)}, true
}
