package serve

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"loa/generator/build"
	"loa/generator/diag"
	"loa/generator/publish"
	"loa/generator/vi"
)

// rebuild builds the site again after the changes in batch (none for the
// first build), swaps it in if it built, and tells the pages.
func (s *Server) rebuild(batch Batch) {
	start := time.Now()
	old := s.state.Load()
	snap, diags, p, early := s.buildOnce(batch)
	if s.plan != nil {
		s.now = nowMark(s.plan)
	}
	errs := diags.Errors()
	if errs != nil {
		s.printWarnings(diags.Warnings())
		s.state.Store(&state{snap: old.snap, errs: errs, inject: injection(errs, s.now)})
		p.end()
		s.hub.broadcast(message{Errors: toJSON(errs)}.withWarnings(diags.Warnings()))
		s.printErrors(batch, errs)
		if old.snap != nil {
			s.store.sweep(old.snap.files) // what the failed render wrote goes
		}
		return
	}
	c := diff(old.snap, snap)
	snap.base, snap.touched = nil, nil // else every build would hold the one before it
	s.state.Store(&state{snap: snap, inject: injection(nil, s.now)})
	p.end()
	// The pages reload first, with the proofreader's findings of the last
	// save; it reads the site's files after, since its findings change no
	// page and reading thousands of files would hold the reload back.
	// Pages reloaded early, as soon as they were rendered, are not again.
	sent := sortedWith(diags.Warnings(), s.proofread)
	reloaded := map[string]bool{}
	for _, rel := range early {
		reloaded[urlPath(rel)] = true
	}
	rest := message{Pages: urlPaths(without(c.Pages, early)), Files: urlPaths(c.Files), Styles: urlMap(c.Styles), Errors: []errorJSON{}}
	s.hub.broadcastTo(rest.withWarnings(sent), func(page string) bool { return !reloaded[page] })
	took := time.Since(start)
	// The search index and the proofreader follow the reload side by side:
	// both read every page, and the next save waits for them.
	var next *snapshot
	var wg sync.WaitGroup
	wg.Go(func() { next = s.finishSearch(snap) })
	s.proofread = s.b.ProofWarnings(s.plan)
	wg.Wait()
	warnings := sortedWith(diags.Warnings(), s.proofread)
	s.printWarnings(warnings)
	if !slices.EqualFunc(warnings, sent, func(a, b diag.Diagnostic) bool { return a.String() == b.String() }) {
		s.hub.update(message{Errors: []errorJSON{}}.withWarnings(warnings))
	}
	if next != nil {
		snap = next
		s.state.Store(&state{snap: snap, inject: injection(nil, s.now)})
	}
	s.store.sweep(snap.files)
	if err := s.renderToDisk(snap); err != nil {
		fmt.Fprintf(s.opts.Stderr, "Lỗi khi ghi ra đĩa: %v\n", err)
	}
	s.printDone(batch, old, c, took)
}

// sortedWith is the build's warnings and the proofreader's, in order.
func sortedWith(build, proof diag.List) diag.List {
	all := append(append(diag.List(nil), build...), proof...)
	all.Sort()
	return all
}

// buildOnce assembles and renders the site into memory. When the batch
// changed only the bodies of pages, the last plan is refreshed instead of
// assembled again (see build.Builder.Refresh).
//
// A full render after a first good build is staged (see staged.go): it
// returns the pending render, which the caller ends once it has replaced
// the state, and the pages it reloaded early.
func (s *Server) buildOnce(batch Batch) (*snapshot, diag.List, *pending, []string) {
	plan, diags, ok := s.b.Refresh(s.plan, batch.Paths)
	if !ok {
		s.plan = nil
		plan, diags = s.b.Assemble()
	}
	if diags.HasErrors() || plan == nil {
		return nil, diags, nil, nil
	}
	old := s.state.Load()
	mem := newMemory(s.seed, s.store, old.snap)
	var p *pending
	var early []string
	var d diag.List
	if !ok && old.snap != nil {
		p, early, d = s.renderStaged(plan, mem, old)
	} else {
		_, d = s.b.Render(plan, mem)
	}
	diags.Append(d)
	diags.Sort()
	if diags.HasErrors() {
		s.plan = nil
		return nil, diags, p, nil
	}
	s.plan = plan
	return mem.snapshot(), diags, p, early
}

// without is pages but those in drop; both sorted.
func without(pages, drop []string) []string {
	if len(drop) == 0 {
		return pages
	}
	gone := map[string]bool{}
	for _, rel := range drop {
		gone[rel] = true
	}
	var out []string
	for _, rel := range pages {
		if !gone[rel] {
			out = append(out, rel)
		}
	}
	return out
}

// finishSearch writes the search index that a render of body edits left
// for after the reload (see build.Builder.FinishSearch): the edit shows at
// once, and the search follows before the next save is built. It returns
// the build with the new index, or nil when the index was current.
func (s *Server) finishSearch(snap *snapshot) *snapshot {
	if s.plan == nil {
		return nil
	}
	old := map[string]bool{}
	for rel := range snap.files {
		if s.plan.IsSearchIndex(rel) {
			old[rel] = true
		}
	}
	mem := newMemory(s.seed, s.store, snap)
	mem.ReuseAll(old)
	d := s.b.FinishSearch(s.plan, mem)
	if len(mem.touched) == len(old) && len(d) == 0 {
		return nil // nothing was written: the index was current
	}
	if d.HasErrors() {
		s.printWarnings(d)
		return nil
	}
	next := mem.snapshot()
	next.base, next.touched = nil, nil // never diffed: the next build is diffed against it
	return next
}

// nowMark is the mark of a preview as of another day (--now): "Xem trước
// như ngày 20/11/2025", with the time when it is not midnight; "" for a
// preview as of today.
func nowMark(p *build.Plan) string {
	if !p.Site.NowFixed {
		return ""
	}
	t := p.Site.Now.In(p.Config.Location)
	if t.Hour() == 0 && t.Minute() == 0 {
		return "Xem trước như ngày " + vi.Date(t)
	}
	return "Xem trước như lúc " + vi.Time(t) + " ngày " + vi.Date(t)
}

func (s *Server) renderToDisk(snap *snapshot) error {
	if s.opts.RenderToDisk == "" {
		return nil
	}
	stage, err := publish.BeginWith(s.opts.RenderToDisk, publish.Options{Waiting: func(dest string) {
		fmt.Fprintf(s.opts.Stderr, "Một lần dựng khác đang ghi vào %s; đang chờ… (another build is publishing there; waiting…)\n", dest)
	}})
	if err != nil {
		return err
	}
	for _, rel := range sortedKeys(snap.files) {
		f := snap.files[rel]
		if f.fsys != nil {
			err = stage.CopyFile(rel, f.fsys, f.name)
		} else {
			var data []byte
			if data, err = snap.bytes(f); err == nil {
				err = stage.WriteFile(rel, data)
			}
		}
		if err != nil {
			stage.Abort()
			return err
		}
	}
	_, err = stage.Commit()
	return err
}

func (s *Server) printDone(batch Batch, old *state, c changes, took time.Duration) {
	out := s.opts.Stdout
	ms := took.Milliseconds()
	if old.snap == nil && batch.Paths == nil {
		fmt.Fprintf(out, "Đã dựng %d trang trong %d ms. Xem tại %s (Ctrl+C để dừng)\n", countHTML(s.state.Load().snap), ms, s.url)
		return
	}
	var what []string
	if len(old.errs) > 0 {
		what = append(what, "đã hết lỗi")
	}
	if len(c.Files) > 0 {
		what = append(what, fmt.Sprintf("%d tệp khác", len(c.Files)))
	}
	if len(c.Styles) > 0 {
		what = append(what, "đổi kiểu trình bày")
	}
	extra := ""
	if len(what) > 0 {
		extra = "; " + strings.Join(what, ", ")
	}
	if sum := batch.Summary(); sum != "" {
		extra += "; sửa " + sum
	}
	fmt.Fprintf(out, "Đã dựng lại %d trang trong %d ms%s\n", len(c.Pages), ms, extra)
}

func (s *Server) printErrors(batch Batch, errs diag.List) {
	w := s.opts.Stderr
	sum := batch.Summary()
	if sum != "" {
		sum = " sau khi sửa " + sum
	}
	fmt.Fprintf(w, "Lỗi khi dựng trang%s: %d lỗi; vẫn phục vụ bản dựng tốt gần nhất.\n", sum, len(errs))
	for _, d := range errs {
		msg, hint := d.Vietnamese()
		fmt.Fprintf(w, "  %s: %s\n", d.Pos, msg)
		if hint != "" {
			fmt.Fprintf(w, "      gợi ý: %s\n", hint)
		}
	}
}

func (s *Server) printWarnings(ws diag.List) {
	var b strings.Builder
	for _, d := range ws {
		msg, _ := d.Vietnamese()
		fmt.Fprintf(&b, "  %s: cảnh báo: %s\n", d.Pos, msg)
	}
	if b.String() != s.warned {
		s.warned = b.String()
		fmt.Fprint(s.opts.Stderr, s.warned)
	}
}

func toJSON(l diag.List) []errorJSON {
	out := make([]errorJSON, len(l))
	for i, d := range l {
		msg, hint := d.Vietnamese()
		out[i] = errorJSON{Pos: d.Pos.String(), Message: msg, Hint: hint}
	}
	return out
}

func urlPaths(rels []string) []string {
	out := make([]string, len(rels))
	for i, r := range rels {
		out[i] = urlPath(r)
	}
	return out
}

func urlMap(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[urlPath(k)] = urlPath(v)
	}
	return out
}

func countHTML(s *snapshot) int {
	n := 0
	if s != nil {
		for rel := range s.files {
			if isHTML(rel) {
				n++
			}
		}
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
