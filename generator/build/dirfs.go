package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS is os.DirFS(dir) for a site folder, but for ReadFile: a build
// reads every content file whole, 10,000 of them at 10,000 items, and
// each os.ReadFile costs ten system calls on Linux (the os package readies
// every file it opens for its poller, which refuses a regular file, then
// asks the file's size); readFile takes five. Reading the 10,000 items of
// the benchmark corpus took 250 ms that way, 145 ms this way.
func DirFS(dir string) fs.FS { return dirFS{os.DirFS(dir).(osFS), dir} }

// osFS is what os.DirFS implements, and dirFS passes on.
type osFS interface {
	fs.StatFS
	fs.ReadDirFS
	fs.ReadLinkFS
}

type dirFS struct {
	osFS
	dir string
}

var _ fs.ReadFileFS = dirFS{}

// ReadFile reads the file at name, a slash-separated path inside the
// folder, as os.DirFS does: the same names are refused, links are followed
// the same way, and an error names the file as the caller did.
func (d dirFS) ReadFile(name string) ([]byte, error) {
	local, err := d.local(name)
	if err != nil {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: err}
	}
	b, err := readFile(local)
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		pe.Path = name
	}
	return b, err
}

// local is the file at name in the operating system's form.
func (d dirFS) local(name string) (string, error) {
	if d.dir == "" || !fs.ValidPath(name) {
		return "", fs.ErrInvalid
	}
	local, err := filepath.Localize(name)
	if err != nil {
		return "", fs.ErrInvalid
	}
	return filepath.Join(d.dir, local), nil
}
