package build

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// denyFS refuses to open one file, as a file system does for a file its
// user may not read.
type denyFS struct {
	fs.FS
	name string
}

func (d denyFS) Open(name string) (fs.File, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.FS.Open(name)
}

// TestUnreadableContentFile: a content file the build may not read is an
// error that names it; the command line then publishes nothing.
func TestUnreadableContentFile(t *testing.T) {
	site := denyFS{FS: fstest.MapFS{
		"config.toml":          {Data: []byte("title = \"T\"\n")},
		"content/tin-tuc/a.md": {Data: []byte("+++\ntitle = \"A\"\n+++\nNội dung.\n")},
		"content/tin-tuc/b.md": {Data: []byte("+++\ntitle = \"B\"\n+++\nNội dung.\n")},
	}, name: "content/tin-tuc/b.md"}
	b := New(Options{Site: site, Theme: os.DirFS("../../themes/default"), Now: func() time.Time { return time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC) }})
	_, diags := b.Assemble()
	if !diags.HasErrors() {
		t.Fatalf("an unreadable file built: %v", diags)
	}
	if got := diags[0].String(); !strings.HasPrefix(got, "content/tin-tuc/b.md: cannot read") || !strings.Contains(got, "permission denied") {
		t.Errorf("diagnostic %q", got)
	}
}
