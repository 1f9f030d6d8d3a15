package photo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Cleaned gives the picture fsys/name without its metadata (Clean), for an
// original that is published as it is. With a disk cache the cleaned copy
// is kept there, keyed by content like the variants, and Cleaned returns
// where it lies (a folder and a name in it): the build hands the output a
// file to copy, so that a preview holds no originals in memory and a
// rebuild reads nothing but the index. Without a disk cache it returns the
// cleaned bytes instead.
func (p *Processor) Cleaned(fsys fs.FS, name string) (dir fs.FS, file string, data []byte, err error) {
	sum, src, err := p.contentHash(fsys, name)
	if err != nil {
		return nil, "", nil, err
	}
	key := p.cleanKey(sum)
	rel := key[:2] + "/" + key + path.Ext(name)
	if p.disk != nil {
		if st, err := os.Stat(filepath.Join(p.disk.dir, filepath.FromSlash(rel))); err == nil && st.Mode().IsRegular() {
			p.disk.use(key)
			return os.DirFS(p.disk.dir), rel, nil, nil
		}
	}
	if src == nil {
		if src, err = fs.ReadFile(fsys, name); err != nil {
			return nil, "", nil, fmt.Errorf("read picture: %w", err)
		}
		if h := sha256.Sum256(src); hex.EncodeToString(h[:]) != sum {
			// Changed without its size or time showing it: file it anew.
			p.disk.forget(name)
			return p.Cleaned(fsys, name)
		}
	}
	data, err = Clean(src, p.settings.KeepCopyright)
	if err != nil || p.disk == nil {
		return nil, "", data, err
	}
	p.disk.mu.Lock()
	err = p.disk.ensureDir()
	p.disk.mu.Unlock()
	if err == nil {
		err = os.MkdirAll(filepath.Dir(p.disk.path(key, "")), 0o755)
	}
	if err == nil {
		err = writeAtomic(p.disk.path(key, path.Ext(name)), data)
	}
	if err != nil {
		return nil, "", data, nil // a cache that cannot be written only costs memory
	}
	p.disk.use(key)
	return os.DirFS(p.disk.dir), rel, nil, nil
}

// cleanKey names a cleaned original: apart from the variants' keys, and
// with KeepCopyright, the one setting that changes it.
func (p *Processor) cleanKey(sum string) string {
	h := sha256.Sum256(fmt.Appendf(nil, "loa photo v%d clean copyright=%t\x00%s", version, p.settings.KeepCopyright, sum))
	return hex.EncodeToString(h[:])
}
