package build

import (
	"maps"
	"slices"
	"sync"

	"loa/generator/diag"
	"loa/generator/site"
)

// Staged is a full render in two stages, for the preview: Begin prepares
// it and writes the assets; Now makes any page or file at once, such as
// those open in a browser, and Finish makes all the rest. Every output is
// made once, from the one plan, so no page mixes two builds.
type Staged struct {
	r   *renderer
	now map[string]job // output path → its job, for Now

	mu    sync.Mutex
	idle  *sync.Cond // on mu: when busy falls
	busy  int        // calls of Now making an output
	done  bool       // Finish made the rest: Now has nothing left to make
	diags diag.List
}

// pageJob names the render of one node (one pager of a list), which Now
// and the render both may take.
type pageJob struct {
	n  *site.Node
	pg *site.Pager
}

// claim reports whether the caller is the first to take the job key, and
// so makes it. Outside a Staged render every job is the caller's.
func (r *render) claim(key any) bool {
	if r.claimed == nil {
		return true
	}
	_, taken := r.claimed.LoadOrStore(key, true)
	return !taken
}

// Begin starts a full render of p into out, as Render would make it, and
// writes the stylesheets and scripts under assets/: every page links them.
// It fails as Render would when the layouts do not load.
func (b *Builder) Begin(p *Plan, out Output) (*Staged, diag.List) {
	r, diags := b.newRenderer(p, out)
	if diags.HasErrors() {
		return nil, sorted(diags)
	}
	r.claimed = new(sync.Map)
	if d := r.prepare(); d.HasErrors() {
		diags.Append(d)
		return nil, sorted(diags)
	}
	s := &Staged{r: r, now: map[string]job{}}
	s.idle = sync.NewCond(&s.mu)
	add := func(out string, j job) {
		if _, dup := s.now[out]; !dup { // two outputs at one path: Finish reports it
			s.now[out] = j
		}
	}
	for _, l := range r.langs {
		for _, n := range l.site.Nodes {
			if len(n.Pagers) == 0 {
				add(n.OutFile(), func() diag.List { return l.html(n, nil, n.OutFile()) })
			}
			for _, pg := range n.Pagers {
				add(outFile(pg.Path), func() diag.List { return l.html(n, pg, outFile(pg.Path)) })
			}
		}
		for _, f := range l.site.Files {
			add(f.Out, func() diag.List { return l.copyFile(f) })
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.assets)) {
		diags.Append(r.assetJob(r.assets[name])())
	}
	return s, sorted(diags)
}

// Now makes the output rel, if it is a page, a list's page or a published
// file of the render, unless it is made already or being made. It reports
// whether rel is one of those, and the diagnostics of making it; safe to
// call from any goroutine, before or while Finish runs.
func (s *Staged) Now(rel string) (bool, diag.List) {
	j, ok := s.now[rel]
	if !ok {
		return false, nil
	}
	s.mu.Lock()
	if s.done {
		s.mu.Unlock()
		return true, nil
	}
	s.busy++
	s.mu.Unlock()
	d := j()
	s.mu.Lock()
	s.busy--
	s.diags.Append(d)
	s.idle.Broadcast()
	s.mu.Unlock()
	return true, d
}

// Finish makes every output not made yet and returns what Render would.
func (s *Staged) Finish() (Stats, diag.List) {
	jobs, after := s.r.jobs()
	st, diags := s.r.finish(jobs, after)
	s.mu.Lock()
	s.done = true
	for s.busy > 0 { // an output Now took is written before the render ends
		s.idle.Wait()
	}
	diags.Append(s.diags)
	s.mu.Unlock()
	st.Pages = int(s.r.pages.Load())
	st.Files = int(s.r.files.Load())
	return st, sorted(diags)
}
