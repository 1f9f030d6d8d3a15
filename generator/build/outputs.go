package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

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
	// Keep fails unless the folder's file at rel has that size and
	// modification time: another build or program may have written it.
	Keep(rel string, size int64, mod time.Time) error
}

type outKey [16]byte

// published is what the keys file knows of one output: its key, and the
// size and time of the file that the last build left in the folder.
type published struct {
	key  outKey
	size int64
	mod  int64 // Unix nanoseconds
}

// outputs is the output cache of one render.
type outputs struct {
	file   string               // where the keys of dest are kept
	dest   string               // the folder
	old    map[string]published // output → what the last build left in dest
	keeper Keeper

	mu   sync.Mutex
	now  map[string]published // this render's: the key, and the file when kept
	kept int                  // outputs kept from the last build
}

const outputsMagic = "loa-outputs 2\n"

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
	o := &outputs{file: b.outputsFile(k.Dest()), dest: k.Dest(), keeper: k, now: map[string]published{}}
	o.old = readOutputs(o.file)
	os.Remove(o.file)
	return o
}

// readOutputs reads a keys file; a missing or damaged one is empty.
func readOutputs(file string) map[string]published {
	data, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(data, []byte(outputsMagic)) {
		return nil
	}
	data = data[len(outputsMagic):]
	m := map[string]published{}
	for len(data) > 0 {
		n, w := binary.Uvarint(data)
		if w <= 0 || uint64(len(data)-w) < n+16 {
			return nil
		}
		name := string(data[w : w+int(n)])
		var p published
		copy(p.key[:], data[w+int(n):])
		data = data[w+int(n)+16:]
		size, w1 := binary.Varint(data)
		if w1 <= 0 {
			return nil
		}
		mod, w2 := binary.Varint(data[w1:])
		if w2 <= 0 {
			return nil
		}
		p.size, p.mod = size, mod
		m[name] = p
		data = data[w1+w2:]
	}
	return m
}

// keep reports whether the output out, whose inputs hash to key, is the
// one the last build published, and if so keeps it in place.
func (o *outputs) keep(out string, key outKey) bool {
	o.mu.Lock()
	old, ok := o.old[out]
	o.now[out] = published{key: key, size: -1}
	o.mu.Unlock()
	if !ok || old.key != key || o.keeper.Keep(out, old.size, time.Unix(0, old.mod)) != nil {
		return false
	}
	o.mu.Lock()
	o.now[out] = old
	o.kept++
	o.mu.Unlock()
	return true
}

// keepUnder keeps every output under dir that the last build published
// and this render has not asked for yet, each with the key it had: for a
// job that knows, by a key of its own already kept, that its outputs are
// the last build's. all tells whether every one was kept, kept which were
// (a file of them may have been changed or removed since).
func (o *outputs) keepUnder(dir string) (kept map[string]bool, all bool) {
	o.mu.Lock()
	var names []string
	for out := range o.old {
		if _, asked := o.now[out]; !asked && strings.HasPrefix(out, dir) {
			names = append(names, out)
		}
	}
	o.mu.Unlock()
	kept = map[string]bool{}
	for _, out := range names {
		if o.keep(out, o.old[out].key) {
			kept[out] = true
		}
	}
	return kept, len(kept) == len(names)
}

// contentKey is the key of an output by its bytes alone, for a job that
// makes an output's bytes more cheaply than it could tell what they show.
func contentKey(data []byte) outKey {
	sum := sha256.Sum256(data)
	return outKey(sum[:16])
}

// SaveOutputs records the keys of the render just published, for the next
// build into the same folder, with the size and time of each file the
// render wrote. Call it after the output was committed.
func (b *Builder) SaveOutputs() error {
	o := b.outs
	if o == nil {
		return nil
	}
	b.outs = nil
	outs := slices.Sorted(maps.Keys(o.now))
	ps := make([]published, len(outs))
	for i, out := range outs {
		ps[i] = o.now[out]
	}
	parallel(len(outs), func(i int) {
		if ps[i].size >= 0 {
			return // kept: as it was
		}
		info, err := os.Lstat(filepath.Join(o.dest, filepath.FromSlash(outs[i])))
		if err != nil {
			return // not published after all: size -1 never matches
		}
		ps[i].size, ps[i].mod = info.Size(), info.ModTime().UnixNano()
	})
	var buf bytes.Buffer
	buf.WriteString(outputsMagic)
	var n [binary.MaxVarintLen64]byte
	for i, out := range outs {
		p := ps[i]
		buf.Write(n[:binary.PutUvarint(n[:], uint64(len(out)))])
		buf.WriteString(out)
		buf.Write(p.key[:])
		buf.Write(n[:binary.PutVarint(n[:], p.size)])
		buf.Write(n[:binary.PutVarint(n[:], p.mod)])
	}
	return writeAtomic(b.opts.CacheDir, o.file, buf.Bytes())
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
