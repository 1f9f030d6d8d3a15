package build

import (
	"fmt"
	"hash/maphash"
	"image"
	_ "image/gif" // image sizes of GIF files
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/site"
)

// parse reads and parses every content file on all cores, reusing the pages
// whose bytes did not change since the last build.
func (b *Builder) parse(cfg *config.Config, files []string) ([]*page.Page, diag.List) {
	parser := page.NewParser(cfg)
	pages := make([]*page.Page, len(files))
	lists := make([]diag.List, len(files))
	parallel(len(files), func(i int) {
		name := files[i]
		src, err := fs.ReadFile(b.opts.Site, name)
		if err != nil {
			lists[i].Errorf(diag.Pos{File: name}, "", "cannot read: %v", err)
			return
		}
		h := maphash.Bytes(b.seed, src)
		b.mu.Lock()
		c, ok := b.parsed[name]
		b.mu.Unlock()
		if !ok || c.hash != h {
			p, d := parser.Parse(name, src)
			c = parsedFile{hash: h, page: p, diags: d}
			b.mu.Lock()
			b.parsed[name] = c
			b.mu.Unlock()
		}
		pages[i], lists[i] = c.page, c.diags
	})
	b.mu.Lock()
	if len(b.parsed) > len(files) {
		keep := map[string]bool{}
		for _, f := range files {
			keep[f] = true
		}
		for name := range b.parsed {
			if !keep[name] {
				delete(b.parsed, name)
			}
		}
	}
	b.mu.Unlock()
	var diags diag.List
	var out []*page.Page
	for i, p := range pages {
		diags.Append(lists[i])
		if p != nil {
			out = append(out, p)
		}
	}
	return out, diags
}

// parallel runs fn(0) … fn(n-1) on every core.
func parallel(n int, fn func(i int)) {
	// More workers than cores: a worker waiting on the disk leaves its core
	// to another instead of idle.
	workers := min(4*runtime.GOMAXPROCS(0), n)
	var next sync.WaitGroup
	ch := make(chan int, workers)
	for w := 0; w < workers; w++ {
		next.Add(1)
		go func() {
			defer next.Done()
			for i := range ch {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
	next.Wait()
}

// imageSize is the size of an image file, with the file's size and time it
// was read at.
type imageSize struct {
	stamp         string
	width, height int
}

// files lists the content and static files to publish, with the sizes of
// images so that pages can reserve their space (width and height).
func (b *Builder) files(r *resources) []site.File {
	var out []site.File
	add := func(fsys fs.FS, fsName, name string) {
		f := site.File{Name: name}
		if st, err := fs.Stat(fsys, fsName); err == nil {
			f.Size = st.Size()
			if isImage(name) {
				f.Width, f.Height = b.imageSize(fsys, fsName, name, st)
			}
		}
		out = append(out, f)
	}
	for _, name := range r.files {
		add(r.site, name, name)
	}
	for _, rel := range slices.Sorted(maps.Keys(r.static)) {
		src := r.static[rel]
		add(src.fsys, src.name, "static/"+rel)
	}
	return out
}

func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif":
		return true
	}
	return false
}

func (b *Builder) imageSize(fsys fs.FS, fsName, name string, st fs.FileInfo) (int, int) {
	stamp := fmt.Sprint(st.ModTime().UnixNano(), "/", st.Size())
	b.mu.Lock()
	c, ok := b.images[name]
	b.mu.Unlock()
	if ok && c.stamp == stamp {
		return c.width, c.height
	}
	f, err := fsys.Open(fsName)
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	ic, _, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0
	}
	b.mu.Lock()
	b.images[name] = imageSize{stamp: stamp, width: ic.Width, height: ic.Height}
	b.mu.Unlock()
	return ic.Width, ic.Height
}
