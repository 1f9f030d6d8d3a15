package serve

import (
	"strings"

	"loa/generator/build"
	"loa/generator/diag"
)

// A change of layout renders every page again, which takes seconds on a
// big site. The pages open in a browser are rendered first and reloaded
// as soon as they are; the rest of the site follows, and a page asked for
// meanwhile is rendered at once, or waited for. Every page served is of
// one build, the old one or the new one, never a mix: the new outputs are
// served only from the memory the new render fills.

// pending is a full render under way.
type pending struct {
	mem    *memory
	staged *build.Staged
	done   chan struct{} // closed once the render's state is in place
}

// get returns the output rel of the render, making it now if it is a page
// or a published file, or waiting for it; false when the render ended
// without it.
func (p *pending) get(rel string) (file, bool) {
	p.staged.Now(rel)
	return p.mem.wait(rel)
}

// end lets every request that waits on p go on with the state now in place.
func (p *pending) end() {
	if p != nil {
		p.mem.close()
		close(p.done)
	}
}

// renderStaged renders plan into mem, the pages open in a browser first:
// those that changed are reloaded at once, and returned. It serves the
// outputs of the render as they are made, through a state with pending,
// which the caller replaces and ends.
func (s *Server) renderStaged(plan *build.Plan, mem *memory, old *state) (*pending, []string, diag.List) {
	staged, diags := s.b.Begin(plan, mem)
	if diags.HasErrors() {
		return nil, nil, diags
	}
	// A stylesheet or script renamed by an edit is swapped in the open
	// pages, not reloaded, once the whole site is rendered (see diff).
	renamed := false
	mem.mu.Lock()
	for rel := range mem.files { // the assets only, by now
		_, had := old.snap.files[rel]
		renamed = renamed || !had
	}
	mem.mu.Unlock()
	p := &pending{mem: mem, staged: staged, done: make(chan struct{})}
	s.state.Store(&state{snap: old.snap, errs: old.errs, pending: p, inject: old.inject})
	var open []string
	failed := false
	for _, page := range s.hub.pages() {
		rel := outputOf(page)
		ok, d := staged.Now(rel)
		failed = failed || d.HasErrors()
		if ok {
			open = append(open, rel)
		}
	}
	var early []string
	for _, rel := range open {
		f, _ := mem.wait(rel)
		if o, had := old.snap.files[rel]; !had || o.sum != f.sum || o.name != f.name {
			early = append(early, rel)
		}
	}
	if len(early) > 0 && !failed && !renamed {
		s.hub.broadcast(message{Pages: urlPaths(early), Errors: []errorJSON{}})
	} else {
		early = nil
	}
	if s.staging != nil {
		s.staging()
	}
	_, d := staged.Finish()
	diags.Append(d)
	return p, early, diags
}

// outputOf is the output served at the address page, as the client gives
// it ("/tin-tuc/a/").
func outputOf(page string) string {
	rel := strings.TrimPrefix(page, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}
