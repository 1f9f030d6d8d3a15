package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"loa/generator/site"
)

// The output cache: a build into a folder that a previous build published
// renders only the outputs whose inputs changed since, and keeps the rest
// where they are. Each output's key is a hash of everything it shows (see
// keys.go); the keys of the last build into a destination are kept in the
// build cache, in one file per destination, written once the build is
// published and removed while it is being published, so a build that
// failed halfway is never trusted.

// Keeper is an Output that replaces a folder a previous build published:
// Keep says that the folder's file at rel is this build's output too, with
// no bytes to compare; it fails when the folder lacks the file.
type Keeper interface {
	Output
	Dest() string
	Keep(rel string) error
}

type outKey [16]byte

// outputs is the output cache of one render.
type outputs struct {
	file   string            // where the keys of dest are kept
	old    map[string]outKey // output → key, as last published into dest
	keeper Keeper

	mu  sync.Mutex
	now map[string]outKey // this render's keys

	kept int // outputs kept from the last build
}

const outputsMagic = "loa-outputs 1\n"

// ForgetOutputs drops the keys of what the last build published into
// dest, for a writer of dest that does not keep them (loa serve
// --renderToDisk): the next build then compares every page it renders.
func (b *Builder) ForgetOutputs(dest string) {
	if f := b.outputsFile(dest); f != "" {
		os.Remove(f)
	}
}

// outputsFile is where the keys of dest are kept, or "" without a cache.
func (b *Builder) outputsFile(dest string) string {
	dir := b.cacheDir("outputs")
	if dir == "" {
		return ""
	}
	if abs, err := filepath.Abs(dest); err == nil {
		dest = abs
	}
	if real, err := filepath.EvalSymlinks(dest); err == nil {
		dest = real
	}
	sum := sha256.Sum256([]byte(dest))
	return filepath.Join(dir, fmt.Sprintf("%x", sum[:8]))
}

// openOutputs reads the keys of the last build into out's folder, and
// removes them: they are written again by SaveOutputs once this build is
// published. Nil when the build keeps no cache or out replaces no folder.
func (b *Builder) openOutputs(out Output) *outputs {
	k, ok := out.(Keeper)
	if !ok || b.outputsFile(k.Dest()) == "" {
		return nil
	}
	o := &outputs{file: b.outputsFile(k.Dest()), keeper: k, now: map[string]outKey{}}
	o.old = readOutputs(o.file)
	os.Remove(o.file)
	return o
}

// readOutputs reads a keys file; a missing or damaged one is empty.
func readOutputs(file string) map[string]outKey {
	data, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(data, []byte(outputsMagic)) {
		return nil
	}
	data = data[len(outputsMagic):]
	m := map[string]outKey{}
	for len(data) > 0 {
		n, w := binary.Uvarint(data)
		if w <= 0 || uint64(len(data)-w) < n+16 {
			return nil
		}
		var k outKey
		copy(k[:], data[w+int(n):])
		m[string(data[w:w+int(n)])] = k
		data = data[w+int(n)+16:]
	}
	return m
}

// keep reports whether the output out, whose inputs hash to key, is the
// one the last build published, and if so keeps it in place.
func (o *outputs) keep(out string, key outKey) bool {
	o.mu.Lock()
	o.now[out] = key
	old, ok := o.old[out]
	o.mu.Unlock()
	if !ok || old != key || o.keeper.Keep(out) != nil {
		return false
	}
	o.mu.Lock()
	o.kept++
	o.mu.Unlock()
	return true
}

// SaveOutputs records the keys of the render just published, for the next
// build into the same folder. Call it after the output was committed.
func (b *Builder) SaveOutputs() error {
	o := b.outs
	if o == nil {
		return nil
	}
	b.outs = nil
	var buf bytes.Buffer
	buf.WriteString(outputsMagic)
	var n [binary.MaxVarintLen64]byte
	for _, out := range slices.Sorted(maps.Keys(o.now)) {
		buf.Write(n[:binary.PutUvarint(n[:], uint64(len(out)))])
		buf.WriteString(out)
		k := o.now[out]
		buf.Write(k[:])
	}
	return writeAtomic(o.file, buf.Bytes())
}

// writeAtomic writes a cache file whole or not at all.
func writeAtomic(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	_, err = w.Write(data)
	err = errors.Join(err, w.Flush(), f.Close())
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// newKey starts a key.
func newKey() hash.Hash { return sha256.New() }

func sumOf(h hash.Hash) outKey {
	var k outKey
	var full [sha256.Size]byte
	copy(k[:], h.Sum(full[:0]))
	return k
}

// sums are the sums of nodes (see Node.WriteSum), made once.
type sums map[*site.Node]outKey

// of is n's sum; one not made beforehand is made now.
func (m sums) of(n *site.Node) outKey {
	if k, ok := m[n]; ok {
		return k
	}
	h := newKey()
	n.WriteSum(h)
	return sumOf(h)
}

// nodeSums is the sum of every node of every language: those that render,
// the sections, the taxonomies and their terms.
func nodeSums(sites []*site.Site) sums {
	var nodes []*site.Node
	for _, s := range sites {
		nodes = append(nodes, s.Nodes...)
		nodes = append(nodes, s.Home)
		nodes = append(nodes, s.Sections...)
		for _, t := range s.Taxonomies {
			nodes = append(nodes, t.Node)
			for _, term := range t.Terms {
				nodes = append(nodes, term.Node)
			}
		}
	}
	keys := make([]outKey, len(nodes))
	parallel(len(nodes), func(i int) {
		h := newKey()
		nodes[i].WriteSum(h)
		keys[i] = sumOf(h)
	})
	m := make(sums, len(nodes))
	for i, n := range nodes {
		m[n] = keys[i]
	}
	return m
}
