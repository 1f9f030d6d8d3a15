package photo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime"
	"sync"
)

// version changes whenever the output of Process changes for the same input,
// so that old cache entries are no longer found (and are pruned).
const version = 1

// memBudget bounds the bytes of variants kept in memory for a preview server
// that rebuilds again and again.
const memBudget = 64 << 20

// Processor processes pictures with one Settings, keeps the results on disk
// and bounds how many full-size pictures are decoded at once. Safe for
// concurrent use.
type Processor struct {
	settings Settings
	salt     string // the settings and version, hashed into every key
	disk     *diskCache
	sem      chan struct{}

	mu       sync.Mutex
	mem      *memCache
	inflight map[string]*call
	hits     int
	misses   int

	onDecode func() // tests: called while a picture is being decoded
}

// call is one key being processed, so that concurrent requests for the same
// content wait for it instead of decoding it twice.
type call struct {
	done     chan struct{}
	variants []Variant
	err      error
}

// NewProcessor returns a Processor whose cache lives in dir (created on first
// write, with a ".gitignore" inside so git ignores it wherever it is; dir ==
// "" keeps no disk cache). At most decoding pictures are decoded at once
// (<= 0 means runtime.GOMAXPROCS(0)).
func NewProcessor(s Settings, dir string, decoding int) *Processor {
	if decoding <= 0 {
		decoding = runtime.GOMAXPROCS(0)
	}
	s.Widths = append([]int(nil), s.Widths...)
	salt := fmt.Sprintf("loa photo v%d widths=%v quality=%d copyright=%t", version, s.Widths, s.quality(), s.KeepCopyright)
	p := &Processor{
		settings: s,
		salt:     salt,
		sem:      make(chan struct{}, decoding),
		mem:      newMemCache(memBudget),
		inflight: map[string]*call{},
	}
	if dir != "" {
		p.disk = newDiskCache(dir)
	}
	return p
}

// Process returns the variants of the picture fsys/name. Results are keyed by
// the content, so a renamed or copied file hits the same entry; an index of
// name, size and modification time spares reading unchanged sources. The
// returned Data must not be modified: it may be shared with later calls.
func (p *Processor) Process(fsys fs.FS, name string) ([]Variant, error) {
	sum, src, err := p.contentHash(fsys, name)
	if err != nil {
		return nil, err
	}
	key := p.key(sum)
	if v, ok := p.cached(key); ok {
		return v, nil
	}
	if src == nil {
		// The index vouched for the content, but it has to be read now
		// anyway: hash it again rather than file a changed picture under
		// its old content.
		if src, err = fs.ReadFile(fsys, name); err != nil {
			return nil, fmt.Errorf("read picture: %w", err)
		}
		if h := sha256.Sum256(src); hex.EncodeToString(h[:]) != sum {
			sum = hex.EncodeToString(h[:]) // changed without its size or time showing it
			p.disk.forget(name)
			if st, err := fs.Stat(fsys, name); err == nil {
				p.disk.record(name, st, sum)
			}
			key = p.key(sum)
			if v, ok := p.cached(key); ok {
				return v, nil
			}
		}
	}
	p.mu.Lock()
	if c, ok := p.inflight[key]; ok {
		p.mu.Unlock()
		<-c.done
		if c.err == nil {
			p.hit()
		}
		return c.variants, c.err
	}
	c := &call{done: make(chan struct{})}
	p.inflight[key] = c
	p.mu.Unlock()

	c.variants, c.err = p.make(key, src)
	p.mu.Lock()
	delete(p.inflight, key)
	if c.err == nil {
		p.misses++
		p.mem.put(key, c.variants)
	}
	p.mu.Unlock()
	close(c.done)
	return c.variants, c.err
}

// contentHash gives the SHA-256 of the source, from the index when name, size
// and modification time match, else by reading it (and then src is kept).
func (p *Processor) contentHash(fsys fs.FS, name string) (sum string, src []byte, err error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return "", nil, fmt.Errorf("read picture: %w", err)
	}
	if p.disk != nil {
		if sum, ok := p.disk.lookup(name, st); ok {
			return sum, nil, nil
		}
	}
	src, err = fs.ReadFile(fsys, name)
	if err != nil {
		return "", nil, fmt.Errorf("read picture: %w", err)
	}
	h := sha256.Sum256(src)
	sum = hex.EncodeToString(h[:])
	if p.disk != nil {
		p.disk.record(name, st, sum)
	}
	return sum, src, nil
}

func (p *Processor) key(sum string) string {
	h := sha256.Sum256([]byte(p.salt + "\x00" + sum))
	return hex.EncodeToString(h[:])
}

// cached looks in memory, then on disk.
func (p *Processor) cached(key string) ([]Variant, bool) {
	p.mu.Lock()
	v, ok := p.mem.get(key)
	p.mu.Unlock()
	if !ok && p.disk != nil {
		v, ok = p.disk.load(key)
		if ok {
			p.mu.Lock()
			p.mem.put(key, v)
			p.mu.Unlock()
		}
	}
	if ok {
		if p.disk != nil {
			p.disk.use(key)
		}
		p.hit()
	}
	return v, ok
}

func (p *Processor) hit() {
	p.mu.Lock()
	p.hits++
	p.mu.Unlock()
}

// make processes a picture within the bound on decoding and stores the result.
func (p *Processor) make(key string, src []byte) ([]Variant, error) {
	p.sem <- struct{}{}
	if p.onDecode != nil {
		p.onDecode()
	}
	v, err := Process(src, p.settings)
	<-p.sem
	if err != nil {
		return nil, err
	}
	if p.disk != nil {
		p.disk.store(key, v) // a cache that cannot be written only costs time later
		p.disk.use(key)
	}
	return v, nil
}

// Prune removes cache entries (variant files and index entries) that this
// Processor did not use since it was created. Call it only after a complete,
// successful build.
func (p *Processor) Prune() error {
	if p.disk == nil {
		return nil
	}
	return p.disk.prune()
}

// Stats counts Process calls served from the disk or memory cache (hits) and
// processed afresh (misses).
func (p *Processor) Stats() (hits, misses int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits, p.misses
}

// memCache keeps recently returned variants, least recently used dropped
// first once their bytes pass the budget.
type memCache struct {
	budget, used int
	tick         int
	entries      map[string]*memEntry
}

type memEntry struct {
	variants []Variant
	size     int
	last     int
}

func newMemCache(budget int) *memCache {
	return &memCache{budget: budget, entries: map[string]*memEntry{}}
}

func (m *memCache) get(key string) ([]Variant, bool) {
	e, ok := m.entries[key]
	if !ok {
		return nil, false
	}
	m.tick++
	e.last = m.tick
	return e.variants, true
}

func (m *memCache) put(key string, v []Variant) {
	if _, ok := m.entries[key]; ok {
		return
	}
	size := 0
	for _, x := range v {
		size += len(x.Data)
	}
	if size > m.budget {
		return
	}
	for m.used+size > m.budget {
		m.evict()
	}
	m.tick++
	m.entries[key] = &memEntry{variants: v, size: size, last: m.tick}
	m.used += size
}

// evict drops the least recently used entry; a scan is fine for the few
// hundred entries a budget of megabytes holds.
func (m *memCache) evict() {
	oldest, at := "", 0
	for k, e := range m.entries {
		if oldest == "" || e.last < at {
			oldest, at = k, e.last
		}
	}
	m.used -= m.entries[oldest].size
	delete(m.entries, oldest)
}
