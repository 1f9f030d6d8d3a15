package build

import (
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
)

// writeAtomic writes a file of the build cache whole or not at all:
// through a temporary NAME.*.tmp beside it and a rename, so that a build
// reading it meanwhile, or after a crash, sees the old file or the new
// one. The cache is never the site's: its root, Options.CacheDir, ignores
// itself in git.
func writeAtomic(root, file string, data []byte) error {
	return writeAtomicWith(root, file, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomicWith is writeAtomic for a file that write streams, so that
// it is never held whole.
func writeAtomicWith(root, file string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	if ignore := filepath.Join(root, ".gitignore"); !exists(ignore) {
		os.WriteFile(ignore, []byte("*\n"), 0o644)
	}
	f, err := os.CreateTemp(filepath.Dir(file), filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// The build cache is the folder build/ of Options.CacheDir (.loa-cache of
// the site): what one build leaves for the next, so that a build after a
// small edit does only the work the edit needs. Every entry is keyed by the
// content of its inputs, never by file times; the folder is git-ignored
// and always safe to delete.

// cacheDir is the folder of the build cache for one part ("pages",
// "proof", "outputs", "search"), or "" when the builder keeps no cache.
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
