package build

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
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
// is read once: the Go build ID the linker wrote in the executable, whose
// last part is a hash of the whole program (what `go build` itself trusts
// to tell two builds apart), else the hash of the executable's bytes,
// which cost 25 ms of CPU a build for its 27 MB.
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
		if id := buildID(f); id != "" {
			b.tool = sha256.Sum256([]byte("go build ID " + id))
			return
		}
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			h.Sum(b.tool[:0])
		}
	})
	return b.tool
}

// buildID returns the Go build ID of an executable, as `go tool buildid`
// reads it: an ELF note on Linux, and near the start of the program text
// elsewhere; "" when there is none (a program linked with an empty
// -buildid).
func buildID(r io.ReaderAt) string {
	if f, err := elf.NewFile(r); err == nil {
		note := f.Section(".note.go.buildid")
		if note == nil {
			return ""
		}
		data, err := note.Data()
		// namesz, descsz, type, then the name "Go\0\0" and the ID.
		if err != nil || len(data) < 16 || string(data[12:16]) != "Go\x00\x00" {
			return ""
		}
		n := f.ByteOrder.Uint32(data[4:8])
		if uint64(n) > uint64(len(data)-16) {
			return ""
		}
		return string(data[16 : 16+n])
	}
	head := make([]byte, 32<<10)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	const start, end = "\xff Go build ID: \"", "\"\n \xff"
	i := bytes.Index(head, []byte(start))
	if i < 0 {
		return ""
	}
	id := head[i+len(start):]
	j := bytes.Index(id, []byte(end))
	if j <= 0 {
		return ""
	}
	return string(id[:j])
}
