package build

import (
	"crypto/sha256"
	"hash/maphash"
	"io/fs"
	"sync"
	"sync/atomic"

	"loa/generator/check"
	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
)

// proofreading is what the builder keeps of the proofreader (package
// check) between builds: each content file's reading, with the hash and
// the parse it was read with, so that a preview's save reads and
// proofreads the saved file alone. A new process starts from the
// readings the build cache keeps (proofcache.go).
type proofreading struct {
	mu    sync.Mutex
	key   [32]byte // the proofKey the readings were made with
	files map[string]proofFile
	fresh int // files the last ProofInput proofread anew (or its parse did), for tests
	// started is the start of the next ProofInput, made by the parse
	// before it when the parse proofreads (see proofStart); nil when none
	// is waiting.
	started *proofStarted
}

// proofStarted is what a ProofInput starts from.
type proofStarted struct {
	prev int                   // readings the cache held
	disk map[string]proofEntry // the build cache's, when there were none in memory
	made int                   // files the parse proofread anew
}

type proofFile struct {
	hash  uint64
	page  *page.Page // the parse it was read with: a new parse decodes it again
	file  *check.File
	entry proofEntry // the reading as the cache keeps it
}

// Proofread runs the proofreader over the site of p: every content file,
// drafts included, with the site's [check] levels and glossary. It is
// what loa check reports; loa build and loa serve show the same findings
// as warnings (see ProofWarnings).
func (b *Builder) Proofread(p *Plan) []check.Finding {
	return check.Run(b.ProofInput(p))
}

// ProofInput reads every content file of p for the proofreader, from
// memory or the build cache where the file did not change.
func (b *Builder) ProofInput(p *Plan) check.Input {
	files := p.res.content
	key := b.proofKey()
	start := b.proofStart(key)
	out := make([]*check.File, len(files))
	var fresh atomic.Int64
	fresh.Store(int64(start.made))
	parser := page.NewParser(p.Config)
	parallel(len(files), func(i int) {
		f, anew := b.readProof(files[i], parser, start.disk)
		out[i] = f
		if anew {
			fresh.Add(1)
		}
	})
	b.mu.Lock()
	in := check.Input{Config: p.Config, Glossary: b.glossary, Now: b.opts.Now()}
	b.mu.Unlock()
	var names []string
	for i, f := range out {
		if f != nil {
			in.Files = append(in.Files, f)
			names = append(names, files[i])
		}
	}
	b.proofFinish(key, names, fresh.Load() > 0 || len(names) != start.prev)
	b.proof.mu.Lock()
	b.proof.fresh = int(fresh.Load())
	b.proof.mu.Unlock()
	return in
}

// proofStart readies the readings kept for key: those in memory, else
// (a new builder, or a new configuration) those of the build cache. prev
// is how many readings the cache holds, which a build that proofreads
// nothing anew and removes no file leaves as they are. A parse that
// proofreads starts them before the ProofInput that follows it, which
// takes that start up: the parse has added readings since.
func (b *Builder) proofStart(key [32]byte) *proofStarted {
	b.proof.mu.Lock()
	defer b.proof.mu.Unlock()
	if b.proof.key != key {
		b.proof.files, b.proof.started = nil, nil
		b.proof.key = key
	}
	if b.proof.started != nil {
		return b.proof.started
	}
	s := &proofStarted{prev: len(b.proof.files)}
	if len(b.proof.files) == 0 {
		b.proof.files = map[string]proofFile{}
		s.disk = b.loadProofPack(key)
		s.prev = len(s.disk)
	}
	b.proof.started = s
	return s
}

// proofKept reports whether a reading of the bytes of name, whose sha256
// is sum, is kept in memory or in the build cache of s: the parse leaves
// that file to ProofInput, which reuses the reading.
func (b *Builder) proofKept(s *proofStarted, name string, sum [32]byte) bool {
	if e, ok := s.disk[name]; ok && e.sum == sum {
		return true
	}
	b.proof.mu.Lock()
	defer b.proof.mu.Unlock()
	c, ok := b.proof.files[name]
	return ok && c.entry.sum == sum
}

// proofParsed keeps the reading of a file made from its new parse c and
// the Proof that came with it, for the ProofInput that takes s up: it
// then reads nothing of that file.
func (b *Builder) proofParsed(s *proofStarted, name string, src []byte, c parsedFile, pr *page.Proof) {
	f := check.Read(name, src, c.page, pr)
	e := proofEntry{sum: c.sum, data: f.Encode(nil)}
	if !b.opts.Rebuilds {
		// Until the site is assembled the reading waits as bytes, a few
		// times smaller: a build of 10,000 items peaked 50-80 MB higher
		// holding every reading through the assembly.
		f = nil
	}
	b.proof.mu.Lock()
	b.proof.files[name] = proofFile{hash: c.hash, page: c.page, file: f, entry: e}
	s.made++
	b.proof.mu.Unlock()
}

// readProof returns the reading of one content file: the one in memory
// when neither the file nor its parse changed; else, when its bytes did
// not change, the kept one with the parse of this build; else a new one
// (fresh). It is nil when the file cannot be read.
func (b *Builder) readProof(name string, parser *page.Parser, disk map[string]proofEntry) (f *check.File, fresh bool) {
	b.mu.Lock()
	pf, parsed := b.parsed[name]
	b.mu.Unlock()
	b.proof.mu.Lock()
	c, ok := b.proof.files[name]
	b.proof.mu.Unlock()
	if ok && parsed && c.hash == pf.hash && c.page == pf.page {
		if c.file != nil {
			return c.file, false // read with the parse the build uses: nothing to read again
		}
		// Made by the parse and kept as bytes (see proofParsed); one that
		// does not decode is read again below.
		if f, err := check.Decode(name, c.entry.data, pf.page); err == nil {
			c.file = f
			b.proof.mu.Lock()
			b.proof.files[name] = c
			b.proof.mu.Unlock()
			return f, false
		}
	}
	if !ok && parsed {
		// A new process: the parse knows the file's bytes, so the kept
		// reading needs no second read of the file.
		if e := disk[name]; e.sum == pf.sum {
			if f, err := check.Decode(name, e.data, pf.page); err == nil {
				b.proof.mu.Lock()
				b.proof.files[name] = proofFile{hash: pf.hash, page: pf.page, file: f, entry: e}
				b.proof.mu.Unlock()
				return f, false
			}
		}
	}
	src, err := fs.ReadFile(b.opts.Site, name)
	if err != nil {
		return nil, false // the parse said so
	}
	h := maphash.Bytes(b.seed, src)
	pg := pf.page
	if !parsed || pf.hash != h {
		pg = nil // changed since it was parsed
	}
	e := proofEntry{sum: sha256.Sum256(src)}
	if !ok || c.entry.sum != e.sum {
		c.entry = disk[name]
	}
	if c.entry.sum == e.sum {
		f, err = check.Decode(name, c.entry.data, pg)
		e.data = c.entry.data
	}
	if f == nil { // not kept, or kept damaged
		f, fresh = check.Read(name, src, pg, parser.Proof(name, src)), true
		e.data = f.Encode(nil)
	}
	b.proof.mu.Lock()
	b.proof.files[name] = proofFile{hash: h, page: pg, file: f, entry: e}
	b.proof.mu.Unlock()
	return f, fresh
}

// proofFinish forgets the readings of files gone, saves the readings of
// names when they changed, and lets them go when the builder will not
// build again (see Options.Rebuilds).
func (b *Builder) proofFinish(key [32]byte, names []string, changed bool) {
	b.proof.mu.Lock()
	b.proof.started = nil
	entries := make(map[string]proofEntry, len(names))
	for _, name := range names {
		entries[name] = b.proof.files[name].entry
	}
	switch {
	case !b.opts.Rebuilds:
		// A new map for the next build, if any: one emptied by delete
		// keeps its room (15 MB at 100,000 items, through the render).
		b.proof.files = nil
	case len(b.proof.files) > len(names):
		for name := range b.proof.files {
			if _, keep := entries[name]; !keep {
				delete(b.proof.files, name)
			}
		}
	}
	b.proof.mu.Unlock()
	if changed {
		b.saveProofPack(key, names, entries)
	}
}

// ProofWarnings are the proofreader's findings as warnings of the build,
// with the rule that found each; findings for information only (a
// scheduled item) are left to loa check.
func (b *Builder) ProofWarnings(p *Plan) diag.List {
	if p == nil {
		return nil
	}
	var out diag.List
	for _, f := range b.Proofread(p) {
		if f.Level >= check.Warning {
			out = append(out, f.Diagnostic(diag.Warning))
		}
	}
	return out
}

// loadGlossary reads data/glossary.toml for the page parser.
func (b *Builder) loadGlossary() (page.Glossary, diag.List) {
	g, diags := config.LoadGlossary(b.opts.Site)
	return page.Glossary(g), diags
}
