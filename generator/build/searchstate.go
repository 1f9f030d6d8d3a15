package build

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"loa/generator/search"
)

// The search index's state: the index of each language that the last
// build wrote (see search.Index), kept in the build cache, so that the
// next build reads only the pages from the first changed one on: a news
// item added, or the newest edited, is one page. One file per language
// and set of options (see flavor), streamed in and out, marked with the
// program: another version may index differently. Its pages are known by
// their keys (keySearchDocs), which hold everything the index shows of
// them, so a state is never taken for another site's; one that does not
// read back exactly is as none, and the index is made from nothing. The
// preview, which builds again and again, keeps its index in memory
// instead (Builder.searchKept).

// takeSearch returns the index of lang the last render kept, or nil: from
// memory for a render into a Reuser (the preview), from the cache for one
// into a folder. The caller owns it: search.Update changes it, so no
// other render may take it meanwhile.
func (b *Builder) takeSearch(lang string, inMemory bool) *search.Index {
	if inMemory {
		b.mu.Lock()
		defer b.mu.Unlock()
		ix := b.searchKept[lang]
		delete(b.searchKept, lang)
		return ix
	}
	return b.loadSearch(lang)
}

// keepSearch keeps the index of lang for the next render: in memory for
// the preview, whatever its render became (Update's files depend on the
// pages alone); in the cache for a build, written again only when changed.
func (b *Builder) keepSearch(lang string, ix *search.Index, inMemory, changed bool) {
	if !inMemory {
		if changed {
			b.saveSearch(lang, ix)
		}
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.searchKept == nil {
		b.searchKept = map[string]*search.Index{}
	}
	b.searchKept[lang] = ix
}

// searchStateFile is where the state of lang's index is kept, or "" when
// the builder keeps no cache.
func (b *Builder) searchStateFile(lang string) string {
	dir := b.cacheDir("search")
	if dir == "" || b.toolSum() == [32]byte{} {
		return ""
	}
	sum := sha256.Sum256([]byte(flavor(b.opts) + "\x00" + lang))
	return filepath.Join(dir, fmt.Sprintf("%x", sum[:8]))
}

// searchStateID is what a state must have been made by: this program, for
// this language.
func (b *Builder) searchStateID(lang string) []byte {
	tool := b.toolSum()
	return fmt.Appendf(tool[:], "\x00%s", lang)
}

// loadSearch reads the state of lang's index, or nil.
func (b *Builder) loadSearch(lang string) *search.Index {
	file := b.searchStateFile(lang)
	if file == "" {
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	ix, err := search.Decode(f, info.Size(), b.searchStateID(lang))
	if err != nil {
		return nil
	}
	return ix
}

// saveSearch keeps the state of lang's index for the next build. When it
// cannot be written, the old state stays: it is known by its pages, and
// the next build updates it or makes the index from nothing.
func (b *Builder) saveSearch(lang string, ix *search.Index) {
	file := b.searchStateFile(lang)
	if file == "" {
		return
	}
	id := b.searchStateID(lang)
	writeAtomicWith(b.opts.CacheDir, file, func(w io.Writer) error { return ix.Encode(w, id) })
	tidySearch(filepath.Dir(file))
}

// tidySearch removes what killed builds and options no longer used left
// behind: temporary files older than staleTemp, and states no build has
// written for unusedFlavor.
func tidySearch(dir string) {
	now := time.Now()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > unusedFlavor || staleTempFile(e, now) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
