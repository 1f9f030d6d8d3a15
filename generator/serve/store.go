package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// store keeps the bytes of the preview's outputs in a folder of files, so
// that the server's memory holds only their names and hashes: a site of
// 10,000 news items has about 18,000 outputs and 280 MB of files,
// which the operating system's file cache holds better than the Go heap,
// and the old and new build of a layout edit share every file that did
// not change. Files are named by the hash of their bytes (a blob): the
// same bytes written again are found, not written again.
//
// Blobs no build uses are removed by sweep, one build late, so that a
// request that took the state just before a swap still finds its files.
type store struct {
	dir string

	mu    sync.Mutex
	blobs map[uint64]*blob
	gen   int // sweeps so far
	seq   int // for blob file names, so that a blob written again never takes the name of one being removed
	dirs  map[string]bool
}

// blob is one file of the store.
type blob struct {
	path string
	gen  int // the last sweep that found it used, or that saw it written
	once sync.Once
	err  error
}

// inStore is the size from which an output goes to the store; smaller ones
// (redirect pages, small feeds) stay in memory, cheaper than a file.
const inStore = 1 << 10

// newStore makes a store in a new folder of the system's temporary folder,
// removed by close. A preview killed before close leaves it to the
// system's cleaning of that folder.
func newStore() (*store, error) {
	dir, err := os.MkdirTemp("", "loa-serve-")
	if err != nil {
		return nil, fmt.Errorf("preview store: %w", err)
	}
	return &store{dir: dir, blobs: map[uint64]*blob{}, dirs: map[string]bool{}}, nil
}

// put keeps data, whose hash is sum, and returns once it is on disk.
// Writers of the same bytes at once write them once.
func (s *store) put(sum uint64, data []byte) error {
	s.mu.Lock()
	b, ok := s.blobs[sum]
	if !ok {
		s.seq++
		name := strconv.FormatUint(sum, 16) + "-" + strconv.Itoa(s.seq)
		sub := name[:2] // 256 folders of a few dozen files each, not one of thousands
		b = &blob{path: filepath.Join(s.dir, sub, name)}
		s.blobs[sum] = b
	}
	b.gen = s.gen
	s.mu.Unlock()
	b.once.Do(func() { b.err = s.write(b.path, data) })
	if b.err != nil {
		s.mu.Lock()
		if s.blobs[sum] == b {
			delete(s.blobs, sum) // the next put tries again
		}
		s.mu.Unlock()
	}
	return b.err
}

func (s *store) write(path string, data []byte) error {
	dir := filepath.Dir(path)
	s.mu.Lock()
	made := s.dirs[dir]
	s.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("preview store: %w", err)
		}
		s.mu.Lock()
		s.dirs[dir] = true
		s.mu.Unlock()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		os.Remove(path)
		return fmt.Errorf("preview store: %w", err)
	}
	return nil
}

// read returns the bytes kept under sum.
func (s *store) read(sum uint64) ([]byte, error) {
	s.mu.Lock()
	b, ok := s.blobs[sum]
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("preview store: no file %x", sum)
	}
	b.once.Do(func() {}) // wait for a write under way
	if b.err != nil {
		return nil, b.err
	}
	return os.ReadFile(b.path)
}

// sweep marks the blobs that the outputs of live use, and removes, in the
// background, those that no sweep before this one found used.
func (s *store) sweep(live map[string]file) {
	s.mu.Lock()
	s.gen++
	for _, f := range live {
		if b, ok := s.blobs[f.sum]; ok && f.stored {
			b.gen = s.gen
		}
	}
	var gone []string
	for sum, b := range s.blobs {
		if b.gen < s.gen-1 {
			gone = append(gone, b.path)
			delete(s.blobs, sum)
		}
	}
	s.mu.Unlock()
	if len(gone) > 0 {
		go func() {
			for _, p := range gone {
				os.Remove(p)
			}
		}()
	}
}

// size is how many blobs the store holds, for tests.
func (s *store) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.blobs)
}

// close removes the store's folder.
func (s *store) close() error { return os.RemoveAll(s.dir) }
