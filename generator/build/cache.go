package build

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
)

// The build cache is the folder build/ of Options.CacheDir (.loa-cache of
// the site): what one build leaves for the next, so that a build after a
// small edit does only the work the edit needs. Every entry is keyed by the
// content of its inputs, never by file times; the folder is git-ignored
// and always safe to delete.

// cacheDir is the folder of the build cache for one part ("pages",
// "proof", "outputs"), or "" when the builder keeps no cache.
func (b *Builder) cacheDir(part string) string {
	if b.opts.CacheDir == "" {
		return ""
	}
	return filepath.Join(b.opts.CacheDir, "build", part)
}

// toolSum identifies the program building: a cache made by another version
// of Loa is not used, since it may have parsed or rendered differently. It
// is the hash of the running executable, read once.
func (b *Builder) toolSum() [32]byte {
	b.toolOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return // zero: no cache entry will match a real sum
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			h.Sum(b.tool[:0])
		}
	})
	return b.tool
}
