// Command pack writes one release archive (zip or tar.gz) of a folder with
// nothing in it that depends on the machine or the moment: entries sorted
// by name, one fixed modification time, fixed owners and modes, no gzip
// name or time. Run by release/build; the same folder gives the same bytes.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "", "the archive to write: NAME.zip or NAME.tar.gz")
	epoch := flag.Int64("mtime", 0, "the modification time of every entry, in seconds since 1970 (the commit's time)")
	crlf := flag.Bool("crlf", false, "write .txt files with CRLF line ends and a UTF-8 byte order mark, for Notepad")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: pack -o OUT.zip|OUT.tar.gz [-mtime SECONDS] [-crlf] DIR")
		os.Exit(2)
	}
	if err := pack(*out, flag.Arg(0), time.Unix(*epoch, 0).UTC(), *crlf); err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

type entry struct {
	name string // slash path inside the archive, with the folder's own name first
	dir  bool
	exec bool
	data []byte
}

func pack(out, dir string, mtime time.Time, crlf bool) error {
	root := path.Base(strings.TrimRight(dir, "/"))
	var entries []entry
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		e := entry{name: path.Join(root, p), dir: d.IsDir()}
		if !e.dir {
			info, err := d.Info()
			if err != nil {
				return err
			}
			e.exec = info.Mode()&0o111 != 0
			if e.data, err = os.ReadFile(dir + "/" + p); err != nil {
				return err
			}
			if crlf && strings.HasSuffix(p, ".txt") {
				e.data = notepad(e.data)
			}
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	var buf bytes.Buffer
	switch {
	case strings.HasSuffix(out, ".zip"):
		err = writeZip(&buf, entries, mtime)
	case strings.HasSuffix(out, ".tar.gz"):
		err = writeTarGz(&buf, entries, mtime)
	default:
		err = fmt.Errorf("%s: the name must end in .zip or .tar.gz", out)
	}
	if err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// notepad gives text CRLF line ends and a byte order mark: Notepad before
// Windows 10 (1903) shows LF files as one line and guesses the wrong
// encoding for UTF-8 without a mark.
func notepad(b []byte) []byte {
	s := strings.TrimPrefix(string(b), "\ufeff")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
	return []byte("\ufeff" + s)
}

func writeZip(buf *bytes.Buffer, entries []entry, mtime time.Time) error {
	zw := zip.NewWriter(buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
		mode := fs.FileMode(0o644)
		switch {
		case e.dir:
			h.Name += "/"
			h.Method = zip.Store
			mode = fs.ModeDir | 0o755
		case e.exec:
			mode = 0o755
		}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := w.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeTarGz(buf *bytes.Buffer, entries []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, ModTime: mtime, Mode: 0o644, Size: int64(len(e.data)),
			Typeflag: tar.TypeReg, Format: tar.FormatPAX, Uname: "loa", Gname: "loa"}
		switch {
		case e.dir:
			h.Name += "/"
			h.Typeflag, h.Mode, h.Size = tar.TypeDir, 0o755, 0
		case e.exec:
			h.Mode = 0o755
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(e.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}
