package build

import (
	"os"
	"sync/atomic"
	"unsafe"

	"loa/generator/page"
)

// spool holds the HTML of the pages that a one-off build of packFrom
// files and more parses, in a temporary file of the parse cache, until the
// packs hold it (pageStore.save) and the pages read it from there
// (keepBodies). Compressed in memory instead (page.Pack), 100,000 news
// items held 280 MB of it until the packs were written, most of the
// peak of memory while the site was read; written to the file, it is
// read back once, to be put in the packs.
type spool struct {
	f   *os.File
	end atomic.Int64 // where the next page's HTML goes
}

// newSpool opens a spool in dir, or returns nil when it cannot: the build
// then compresses its pages in memory. The file is removed at once where
// an open file can be (not on Windows: there by close, or by the parse
// cache's tidying of old temporary files after a build killed).
func newSpool(dir string) *spool {
	if os.MkdirAll(dir, 0o755) != nil {
		return nil
	}
	f, err := os.CreateTemp(dir, "spool-*.tmp")
	if err != nil {
		return nil
	}
	os.Remove(f.Name())
	return &spool{f: f}
}

// keep returns a copy of pg that reads its HTML from the spool, or pg
// compressed (page.Pack) when it cannot be written there. The key is the
// page's key in the parse cache, which stands for the HTML (page.KeptIn).
func (s *spool) keep(pg *page.Page, key [32]byte) *page.Page {
	if s == nil || pg.IsKept() {
		return pg.Pack()
	}
	// The page holds its HTML as a string here (Content): the file is
	// written from its bytes, which WriteAt only reads, rather than from a
	// copy (455 MB of the allocations of a 100,000-item build).
	body := pg.Body()
	html := unsafe.Slice(unsafe.StringData(body), len(body))
	if len(html) < minSpool {
		return pg.Pack()
	}
	off := s.end.Add(int64(len(html))) - int64(len(html))
	if _, err := s.f.WriteAt(html, off); err != nil {
		return pg.Pack()
	}
	return pg.KeptIn(s.f, off, key, page.BodySum(html))
}

// minSpool is the size under which a page's HTML is kept in memory as
// Pack keeps it: a system call costs more than the bytes.
const minSpool = 512

// close lets the file go, once every page reads its HTML from the packs.
func (s *spool) close() {
	if s != nil {
		s.f.Close()
		os.Remove(s.f.Name())
	}
}
