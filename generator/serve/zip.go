package serve

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// zipper compresses the text outputs the preview holds in memory, and
// opens them again. A site's pages are most of its bytes and shrink about
// fivefold at gzip's fastest level, which keeps a big site's preview, old
// and new build side by side during a rebuild, in a few hundred megabytes.
// Writers and readers are pooled: each holds tables of hundreds of
// kilobytes, and the renderer compresses on every core.
type zipper struct {
	writers sync.Pool // *gzip.Writer
	readers sync.Pool // *gzip.Reader
	bufs    sync.Pool // *bytes.Buffer
}

// minZip is the size under which an output is kept as it is: the gzip
// header and the pooled work cost more than they save.
const minZip = 512

// zippable reports whether the output rel is text, worth compressing:
// images, videos and fonts are compressed already.
func zippable(rel string, size int) bool {
	return size >= minZip && strings.HasSuffix(contentType(rel), "charset=utf-8")
}

// zip returns data compressed, in a slice of its own exact size.
func (z *zipper) zip(data []byte) []byte {
	buf, _ := z.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	w, _ := z.writers.Get().(*gzip.Writer)
	if w == nil {
		w, _ = gzip.NewWriterLevel(buf, gzip.BestSpeed)
	} else {
		w.Reset(buf)
	}
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	out := bytes.Clone(buf.Bytes())
	z.writers.Put(w)
	if buf.Cap() <= 1<<20 {
		z.bufs.Put(buf)
	}
	return out
}

// unzip returns the size bytes that zip compressed into gz.
func (z *zipper) unzip(gz []byte, size int) ([]byte, error) {
	r, _ := z.readers.Get().(*gzip.Reader)
	var err error
	if r == nil {
		r, err = gzip.NewReader(bytes.NewReader(gz))
	} else {
		err = r.Reset(bytes.NewReader(gz))
	}
	if err != nil {
		return nil, fmt.Errorf("unzip: %w", err)
	}
	defer z.readers.Put(r)
	out := make([]byte, size)
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, fmt.Errorf("unzip: %w", err)
	}
	return out, nil
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip,
// which every browser's does; "gzip;q=0" refuses it.
func acceptsGzip(r *http.Request) bool {
	for _, h := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(h, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "gzip" && name != "x-gzip" && name != "*" {
				continue
			}
			q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
			if !ok {
				return true
			}
			v, err := strconv.ParseFloat(q, 64)
			return err == nil && v > 0
		}
	}
	return false
}
