package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
)

// The proofreader's part of the build cache: every content file's reading
// (check.File, encoded) with the sum of the bytes it was read from, so
// that a new process proofreads only the files that changed. The rules
// across files (the site's tone style, the glossary, the news rules and
// [check]'s levels) run on every build from the readings: they are cheap,
// and what they say of one file depends on the others.
//
// All readings are one pack file, read and written whole: a site of
// 10,000 files costs two system calls to load instead of 20,000.
//
//	magic | key (32) | entries | crc32c of all before (4)
//	entry: len(name) name | sum (32) | len(data) data
//
// The key is what every reading depends on besides its file (proofKey);
// a pack with another key, or damaged, or cut short, is an empty one.

// proofEntry is one file's reading as the cache keeps it.
type proofEntry struct {
	sum  [32]byte // sha256 of the file's bytes
	data []byte   // check.File.Encode
}

const proofPack = "readings.pack"

var proofMagic = []byte("loa proof pack 1\n")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// proofKey is what a file's reading depends on besides the file: the
// program, and the configuration its Proof is parsed with (the Markdown
// settings, the taxonomies and the zone of dates). The glossary and
// [check] do not change a reading: Run applies them, on every build.
func (b *Builder) proofKey() [32]byte {
	tool := b.toolSum()
	h := sha256.New()
	h.Write(proofMagic)
	h.Write(tool[:])
	b.mu.Lock()
	h.Write(b.cfgSrc)
	b.mu.Unlock()
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// loadProofPack returns the readings the last build left with key, by file
// name; nil when there are none it can use.
func (b *Builder) loadProofPack(key [32]byte) map[string]proofEntry {
	dir := b.cacheDir("proof")
	if dir == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, proofPack))
	if err != nil {
		return nil
	}
	return decodeProofPack(data, key)
}

// decodeProofPack reads a pack; entries keep slices of data.
func decodeProofPack(data []byte, key [32]byte) map[string]proofEntry {
	head := len(proofMagic) + len(key)
	if len(data) < head+4 || !bytes.Equal(data[:len(proofMagic)], proofMagic) || !bytes.Equal(data[len(proofMagic):head], key[:]) {
		return nil
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return nil
	}
	out := map[string]proofEntry{}
	for rest := body[head:]; len(rest) > 0; {
		name, r, ok := cut(rest)
		if !ok || len(r) < 32 {
			return nil
		}
		var e proofEntry
		copy(e.sum[:], r)
		if e.data, rest, ok = cut(r[32:]); !ok {
			return nil
		}
		out[string(name)] = e
	}
	return out
}

// cut splits a piece written with its length off the front of b.
func cut(b []byte) (piece, rest []byte, ok bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, false
	}
	end := k + int(n)
	return b[k:end:end], b[end:], true
}

// encodeProofPack writes the readings of names, in their order.
func encodeProofPack(key [32]byte, names []string, entries map[string]proofEntry) []byte {
	n := len(proofMagic) + len(key) + 4
	for _, name := range names {
		n += len(name) + 32 + len(entries[name].data) + 2*binary.MaxVarintLen64
	}
	out := make([]byte, 0, n)
	out = append(out, proofMagic...)
	out = append(out, key[:]...)
	for _, name := range names {
		e := entries[name]
		out = binary.AppendUvarint(out, uint64(len(name)))
		out = append(out, name...)
		out = append(out, e.sum[:]...)
		out = binary.AppendUvarint(out, uint64(len(e.data)))
		out = append(out, e.data...)
	}
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

// saveProofPack replaces the pack by one of the readings of names. A pack
// that cannot be written is left as it was, or missing: the next build
// proofreads more, and says nothing, since the site built.
func (b *Builder) saveProofPack(key [32]byte, names []string, entries map[string]proofEntry) {
	dir := b.cacheDir("proof")
	if dir == "" {
		return
	}
	// Renamed whole over the old one: a build that reads the pack
	// meanwhile, or after a crash, sees one pack or the other.
	writeAtomic(b.opts.CacheDir, filepath.Join(dir, proofPack), encodeProofPack(key, names, entries))
}
