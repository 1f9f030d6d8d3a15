package build

import (
	"hash/maphash"
	"io/fs"
	"sync"

	"loa/generator/check"
	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
)

// proofreading is what the builder keeps of the proofreader (package
// check) between builds: each content file's reading, with the hash and
// the parse it was read with, so that a preview's save reads and
// proofreads the saved file alone.
type proofreading struct {
	mu    sync.Mutex
	files map[string]proofFile
}

type proofFile struct {
	hash uint64
	page *page.Page // the parse it was read with: a new parse reads again
	file *check.File
}

// Proofread runs the proofreader over the site of p: every content file,
// drafts included, with the site's [check] levels and glossary. It is
// what loa check reports; loa build and loa serve show the same findings
// as warnings (see ProofWarnings).
func (b *Builder) Proofread(p *Plan) []check.Finding {
	return check.Run(b.ProofInput(p))
}

// ProofInput reads every content file of p for the proofreader.
func (b *Builder) ProofInput(p *Plan) check.Input {
	files := p.res.content
	out := make([]*check.File, len(files))
	parser := page.NewParser(p.Config)
	b.proof.mu.Lock()
	if b.proof.files == nil {
		b.proof.files = map[string]proofFile{}
	}
	b.proof.mu.Unlock()
	parallel(len(files), func(i int) {
		name := files[i]
		b.mu.Lock()
		pf, parsed := b.parsed[name]
		b.mu.Unlock()
		b.proof.mu.Lock()
		c, ok := b.proof.files[name]
		b.proof.mu.Unlock()
		if ok && parsed && c.hash == pf.hash && c.page == pf.page {
			out[i] = c.file // read with the parse the build uses: nothing to read again
			return
		}
		src, err := fs.ReadFile(b.opts.Site, name)
		if err != nil {
			return // the parse said so
		}
		h := maphash.Bytes(b.seed, src)
		pg := pf.page
		if !parsed || pf.hash != h {
			pg = nil // changed since it was parsed
		}
		c = proofFile{hash: h, page: pg, file: check.Read(name, src, pg, parser.Proof(name, src))}
		b.proof.mu.Lock()
		b.proof.files[name] = c
		b.proof.mu.Unlock()
		out[i] = c.file
	})
	b.mu.Lock()
	in := check.Input{Config: p.Config, Glossary: b.glossary, Now: b.opts.Now()}
	b.mu.Unlock()
	keep := make(map[string]bool, len(files))
	for i, f := range out {
		keep[files[i]] = true
		if f != nil {
			in.Files = append(in.Files, f)
		}
	}
	b.proof.mu.Lock()
	for name := range b.proof.files {
		if !keep[name] || !b.opts.Rebuilds {
			delete(b.proof.files, name)
		}
	}
	b.proof.mu.Unlock()
	return in
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
