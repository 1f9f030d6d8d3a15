package build

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"sync"
	"time"

	"loa/generator/diag"
	"loa/generator/site"
)

// zipCache keeps each campaign's zip between renders of one builder, with
// the identity of the files it was made of: a preview rebuild makes it
// again only when a material changed.
type zipCache struct {
	mu    sync.Mutex
	byOut map[string]zipMade
	made  int // zips made, not reused: for tests
}

type zipMade struct {
	stamp string
	data  []byte
}

// zipSource is a file as it goes into a zip: a picture cleaned of its
// metadata (dir/name or data), any other file as it is.
type zipSource struct {
	fsys fs.FS
	name string
	data []byte
}

// makeZips makes the zip of every campaign that has materials, before any
// page renders: the landing page shows its size. Each is the same bytes for
// the same files: entries sorted by name, stored (the files are PDFs,
// pictures and videos, already compressed), each with the campaign's
// start as its time and no extra fields.
func (r *renderer) makeZips() diag.List {
	var diags diag.List
	for _, c := range r.site.Campaigns {
		if c.Zip == nil {
			continue
		}
		diags.Append(r.makeZip(c.Zip))
	}
	return diags
}

func (r *renderer) makeZip(z *site.Zip) diag.List {
	var diags diag.List
	srcs := make([]zipSource, len(z.Entries))
	var stamp bytes.Buffer
	fmt.Fprintf(&stamp, "%s\x00", z.Modified.Format(time.RFC3339))
	for i, e := range z.Entries {
		src, id, err := r.zipSource(e.File)
		if err != nil {
			diags.Errorf(diag.Pos{File: e.File.Name}, "check that the file can be read",
				"zip of the campaign's materials: %v", err).Vi("kiểm tra xem tệp có đọc được không",
				"tệp nén tài liệu của chiến dịch: %v", err)
			return diags
		}
		srcs[i] = src
		fmt.Fprintf(&stamp, "%s\x00%s\x00", e.Name, id)
	}
	zc := r.b.zipCache()
	zc.mu.Lock()
	made, ok := zc.byOut[z.Out]
	zc.mu.Unlock()
	if !ok || made.stamp != stamp.String() {
		data, err := writeZip(z, srcs)
		if err != nil {
			diags.Errorf(diag.Pos{File: z.Entries[0].File.Name}, "check that the files of the materials can be read",
				"zip of the campaign's materials: %v", err).Vi("kiểm tra xem các tệp tài liệu có đọc được không",
				"tệp nén tài liệu của chiến dịch: %v", err)
			return diags
		}
		made = zipMade{stamp: stamp.String(), data: data}
		zc.mu.Lock()
		zc.byOut[z.Out] = made
		zc.made++
		zc.mu.Unlock()
	}
	z.SetSize(int64(len(made.data)))
	if r.reuse(z.Out, maphash.String(r.b.seed, made.stamp)) {
		return nil
	}
	return r.writeRaw(z.Out, made.data)
}

// zipSource finds what goes into the zip for a file, and a stamp that
// changes when it does: a picture's cleaned copy is named by its content;
// another file is known by its size and time, as the preview knows files.
func (r *renderer) zipSource(f site.File) (zipSource, string, error) {
	fsys, name := r.source(f)
	if f.Picture != nil {
		dir, file, data, err := r.plan.photos.Cleaned(fsys, name)
		if err != nil {
			return zipSource{}, "", err
		}
		if data != nil {
			sum := sha256.Sum256(data)
			return zipSource{data: data}, fmt.Sprintf("%x", sum), nil
		}
		return zipSource{fsys: dir, name: file}, "clean:" + file, nil
	}
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return zipSource{}, "", err
	}
	return zipSource{fsys: fsys, name: name}, fmt.Sprintf("%d\x00%d", st.Size(), st.ModTime().UnixNano()), nil
}

// writeZip writes the entries of z from srcs.
func writeZip(z *site.Zip, srcs []zipSource) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	date, clock := msDOSTime(z.Modified)
	for i, e := range z.Entries {
		// Modified stays zero: set, it adds a field of the Unix time, which
		// depends on the zone of the machine that reads it back.
		fh := &zip.FileHeader{Name: e.Name, Method: zip.Store, ModifiedDate: date, ModifiedTime: clock}
		fh.SetMode(0o644)
		w, err := zw.CreateHeader(fh)
		if err != nil {
			return nil, err
		}
		if err := srcs[i].copyTo(w); err != nil {
			return nil, fmt.Errorf("%s: %w", e.File.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s zipSource) copyTo(w io.Writer) error {
	if s.fsys == nil {
		_, err := w.Write(s.data)
		return err
	}
	f, err := s.fsys.Open(s.name)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// msDOSTime is t's wall time in the form zip headers keep: two seconds
// apart, from 1980.
func msDOSTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// zipCache returns the builder's cache of zips, made on first use.
func (b *Builder) zipCache() *zipCache {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.zips == nil {
		b.zips = &zipCache{byOut: map[string]zipMade{}}
	}
	return b.zips
}
