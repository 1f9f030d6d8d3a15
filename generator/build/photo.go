package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/photo"
	"loa/generator/site"
)

// A picture's header is read from this much of its start; a file whose
// header lies further in (a long EXIF thumbnail, a big ICC profile) is
// read whole.
const headerBytes = 256 << 10

// probed is a picture's header as last read, with the file's size and time
// it was read at, so that the preview reads unchanged pictures once.
type probed struct {
	stamp string
	info  photo.Info
	err   error
}

// pictureExt lists the raster formats: the photo pipeline publishes them,
// and the ones it cannot read are refused rather than published with their
// metadata.
func pictureExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp",
		".heic", ".heif", ".avif", ".tif", ".tiff", ".bmp", ".jfif":
		return true
	}
	return false
}

func photoSettings(im config.Images) photo.Settings {
	return photo.Settings{Widths: im.Widths, Quality: im.Quality, KeepCopyright: im.KeepCopyright, MaxPixels: im.MaxPixels}
}

// processor returns the photo processor for the site's settings; a change
// of settings starts a new one (its cache entries are keyed by settings).
func (b *Builder) processor(cfg *config.Config) *photo.Processor {
	key := cfg.Images.String()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.photos == nil || b.photoKey != key {
		b.photos = photo.NewProcessor(photoSettings(cfg.Images), b.opts.CacheDir, 0)
		b.photoKey = key
	}
	return b.photos
}

// PruneImages removes processed pictures that the last build did not use
// from the cache. Call it after a complete, successful build only.
func (b *Builder) PruneImages() error {
	b.mu.Lock()
	p := b.photos
	b.mu.Unlock()
	if p == nil {
		return nil
	}
	return p.Prune()
}

// picture reads a raster file's header and plans its versions. A fresh
// Picture is made for every build: Assemble marks it.
func (b *Builder) picture(cfg *config.Config, fsys fs.FS, fsName, name string, st fs.FileInfo) *site.Picture {
	stamp := fmt.Sprint(st.ModTime().UnixNano(), "/", st.Size(), "/", cfg.Images.MaxPixels)
	b.mu.Lock()
	c, ok := b.probes[name]
	b.mu.Unlock()
	if !ok || c.stamp != stamp {
		c = probed{stamp: stamp}
		c.info, c.err = probeFile(fsys, fsName, st.Size(), cfg.Images.MaxPixels)
		b.mu.Lock()
		b.probes[name] = c
		b.mu.Unlock()
	}
	if c.err != nil {
		return &site.Picture{Problem: problem(c.err)}
	}
	pic := &site.Picture{Width: c.info.Width, Height: c.info.Height}
	for _, sz := range photo.Plan(c.info, photoSettings(cfg.Images)) {
		pic.Variants = append(pic.Variants, site.Variant{Width: sz.Width, Height: sz.Height, Ext: sz.Ext})
	}
	return pic
}

// probeFile reads the header of a picture from the start of its file.
func probeFile(fsys fs.FS, name string, size, maxPixels int64) (photo.Info, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return photo.Info{}, err
	}
	defer f.Close()
	buf := make([]byte, min(size, headerBytes))
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return photo.Info{}, err
	}
	info, err := photo.Probe(buf[:n], maxPixels)
	var pe *photo.Error
	if errors.As(err, &pe) && pe.Kind == photo.Corrupt && size > int64(n) {
		all, rerr := io.ReadAll(f)
		if rerr != nil {
			return photo.Info{}, rerr
		}
		info, err = photo.Probe(append(buf[:n], all...), maxPixels)
	}
	return info, err
}

// problem puts an error reading a picture in words for people.
func problem(err error) *site.Problem {
	var pe *photo.Error
	if errors.As(err, &pe) {
		msg, hint := pe.Vi()
		return &site.Problem{Msg: pe.Error(), Hint: pe.Hint(), MsgVi: msg, HintVi: hint}
	}
	return &site.Problem{
		Msg: fmt.Sprintf("cannot read the picture: %v", err), Hint: "check that the file can be opened",
		MsgVi: fmt.Sprintf("không đọc được ảnh: %v", err), HintVi: "kiểm tra xem tệp có mở được không",
	}
}

// picture publishes a picture: its resized versions when something shows
// it, and its original, cleaned of metadata, when that goes out too.
func (r *renderer) picture(f site.File) diag.List {
	pic := f.Picture
	fsys, name := r.source(f)
	var diags diag.List
	fail := func(err error) {
		pos := pic.ShownAt
		if pos.File == "" {
			pos = diag.Pos{File: f.Name}
		}
		p := problem(err)
		diags.Errorf(pos, p.Hint, "%s: %s", f.Name, p.Msg).Vi(p.HintVi, "%s: %s", f.Name, p.MsgVi)
	}
	if pic.Shown {
		vs, err := r.plan.photos.Process(fsys, name)
		if err != nil {
			fail(err)
			return diags
		}
		for i, v := range vs {
			if i >= len(pic.Variants) {
				break
			}
			diags.Append(r.writeRaw(pic.Variants[i].Out, v.Data))
		}
	}
	if pic.Original {
		dir, file, data, err := r.plan.photos.Cleaned(fsys, name)
		switch {
		case err != nil:
			fail(err)
		case data != nil:
			diags.Append(r.writeRaw(f.Out, data))
		default:
			diags.Append(r.copy(site.File{Name: f.Name, Out: f.Out}, dir, file))
		}
	}
	return diags
}

// source is where a published file is read from: the site folder, or the
// layer of static/ that wins.
func (r *renderer) source(f site.File) (fs.FS, string) {
	if strings.HasPrefix(f.Name, "static/") {
		src := r.plan.res.static[strings.TrimPrefix(f.Name, "static/")]
		return src.fsys, src.name
	}
	return r.plan.res.site, f.Name
}
