package deploy

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"
)

// Options say what Run deploys and how it reports.
type Options struct {
	Public    string // the built site's folder
	CacheFile string // where a copy of the manifest is kept on this machine; "" for none
	DryRun    bool   // plan only: read the host, change nothing
	Force     bool   // send every file, changed or not
	Progress  *Progress
	// Warn receives notices in Vietnamese (a retry, a damaged manifest);
	// nil drops them.
	Warn func(string)
	// Sleep waits between retries; nil waits for real. Tests pass one that
	// returns at once.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Result is what a deploy did, or would do with DryRun.
type Result struct {
	Plan
	DryRun    bool
	Sent      int // files uploaded and renamed into place
	SentBytes int64
	Deleted   int
}

// runner is one Run.
type runner struct {
	ctx   context.Context
	t     Target
	o     Options
	sleep func(context.Context, time.Duration) error
}

func (r *runner) warnf(format string, args ...any) {
	if r.o.Warn != nil {
		r.o.Warn(fmt.Sprintf(format, args...))
	}
}

// Run deploys the built site in o.Public to t. Readers of the host see
// each file old or new, never half-written; the home page, feeds and
// sitemap change last; nothing is deleted before every new file is in
// place. A Run cut at any point leaves a journal on the host, and the next
// Run finishes the work, reusing what was uploaded.
func Run(ctx context.Context, t Target, o Options) (Result, error) {
	r := &runner{ctx: ctx, t: t, o: o, sleep: o.Sleep}
	if r.sleep == nil {
		r.sleep = sleep
	}
	local, err := Scan(o.Public)
	if err != nil {
		return Result{}, &Error{Kind: Failed, Op: "đọc thư mục " + filepath.ToSlash(o.Public), Err: err}
	}
	if _, ok := local["index.html"]; !ok {
		return Result{}, errf(Failed, "", "", "chạy loa build (hoặc loa deploy trong đúng thư mục trang) rồi thử lại",
			"%s không có index.html: đây không phải một trang đã dựng, không gửi gì để khỏi xoá trang trên máy chủ", filepath.ToSlash(o.Public))
	}
	remote, first, err := r.readManifest()
	if err != nil {
		return Result{}, err
	}
	cut, err := r.readJournal()
	if err != nil {
		return Result{}, err
	}
	tmps, err := r.tmpSizes(cut)
	if err != nil {
		return Result{}, err
	}
	res := Result{Plan: makePlan(local, remote, cut, tmps, o.Force), DryRun: o.DryRun}
	if first && o.CacheFile != "" {
		if b, err := os.ReadFile(o.CacheFile); err == nil {
			if cached, err := decodeManifest(b); err == nil && len(cached) > 0 {
				r.warnf("máy chủ không có %s dù lần trước máy này đã gửi %d tệp: gửi lại toàn bộ; tệp cũ trên máy chủ không được xoá", ManifestName, len(cached))
			}
		}
	}
	if o.DryRun {
		return res, nil
	}
	if len(res.Uploads) == 0 && len(res.Deletes) == 0 && cut == nil && !first {
		return res, r.saveCache(local)
	}
	if err := r.apply(&res, local, cut); err != nil {
		return res, err
	}
	return res, r.saveCache(local)
}

// apply carries out the plan; see Run.
func (r *runner) apply(res *Result, local Files, cut map[string]pending) error {
	p := res.Plan
	jour := map[string]pending{}
	for name, j := range cut {
		jour[name] = j
	}
	for _, c := range p.Uploads {
		jour[c.Path] = pending{Entry: c.Entry, Tmp: tmpName(c.Path, c.Sum)}
	}
	// Stale temporary files go before the new journal, which no longer
	// names them: cut in between, the old journal still does.
	for _, tmp := range p.Stale {
		if err := r.retry(func() error { return r.t.Remove(tmp) }); err != nil {
			return err
		}
	}
	if err := r.putFile(JournalName, encodeJournal(jour)); err != nil {
		return err
	}
	if err := r.upload(res); err != nil {
		return err
	}
	for _, c := range p.Uploads {
		j := jour[c.Path]
		j.Renaming = true
		jour[c.Path] = j
	}
	if err := r.putFile(JournalName, encodeJournal(jour)); err != nil {
		return err
	}
	for _, c := range p.Uploads {
		if err := r.rename(tmpName(c.Path, c.Sum), c.Path, c.Size); err != nil {
			return err
		}
		res.Sent++
	}
	for _, c := range p.Deletes {
		if err := r.retry(func() error { return r.t.Remove(c.Path) }); err != nil {
			return err
		}
		res.Deleted++
	}
	r.removeEmptyDirs(p.Deletes, local)
	if err := r.putFile(ManifestName, encodeManifest(local)); err != nil {
		return err
	}
	return r.retry(func() error { return r.t.Remove(JournalName) })
}

// upload sends every upload that is not on the host yet under its
// temporary name, creating folders first.
func (r *runner) upload(res *Result) error {
	made := map[string]bool{}
	var todo []Change
	for _, c := range res.Uploads {
		if c.Ready {
			continue
		}
		todo = append(todo, c)
		if dir := path.Dir(c.Path); dir != "." && !made[dir] {
			made[dir] = true
			if err := r.retry(func() error { return r.t.MkdirAll(dir) }); err != nil {
				return err
			}
		}
	}
	prog := r.o.Progress
	if prog == nil {
		prog = NewProgress(nil, false, nil)
	}
	prog.begin(len(todo), res.Bytes)
	defer prog.end()
	for _, c := range todo {
		local := filepath.Join(r.o.Public, filepath.FromSlash(c.Path))
		err := r.retry(func() error {
			f, err := os.Open(local)
			if err != nil {
				return &Error{Kind: Failed, Op: "đọc " + local, Err: err}
			}
			defer f.Close()
			cr := &countReader{ctx: r.ctx, r: f, prog: prog, size: c.Size}
			err = r.t.Put(tmpName(c.Path, c.Sum), cr)
			if err == nil && cr.n != c.Size {
				err = &Error{Kind: Failed, Op: "gửi " + c.Path, Err: fmt.Errorf("%s changed while it was sent", local)}
			}
			if err != nil {
				prog.add(-cr.n, false)
				return wrap(err, r.t.String(), "gửi "+c.Path)
			}
			return nil
		})
		if err != nil {
			return err
		}
		prog.add(0, true)
		res.SentBytes += c.Size
	}
	return nil
}

// rename moves an upload into place. A rename whose answer was lost with
// the connection may have happened: when the temporary file is gone and
// the file has its size, it did.
func (r *runner) rename(tmp, name string, size int64) error {
	tried := false
	return r.retry(func() error {
		err := r.t.Rename(tmp, name)
		if err != nil && tried && errors.Is(err, fs.ErrNotExist) {
			if n, serr := r.t.Size(name); serr == nil && n == size {
				return nil
			}
		}
		tried = true
		return wrap(err, r.t.String(), "đổi tên "+tmp)
	})
}

// putFile writes a file of deploy's own (manifest, journal) in one step:
// uploaded under a temporary name, then renamed.
func (r *runner) putFile(name string, data []byte) error {
	sum := sha256.Sum256(data)
	tmp := tmpName(name, hex.EncodeToString(sum[:]))
	err := r.retry(func() error { return wrap(r.t.Put(tmp, bytes.NewReader(data)), r.t.String(), "ghi "+name) })
	if err != nil {
		return err
	}
	return r.rename(tmp, name, int64(len(data)))
}

// readManifest reads the host's manifest. A host without one had no
// complete deploy (first is set); a damaged one is reported and ignored,
// so every file is sent again.
func (r *runner) readManifest() (files Files, first bool, err error) {
	var b []byte
	err = r.retry(func() (err error) {
		b, err = r.t.ReadFile(ManifestName)
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return Files{}, true, nil
	}
	if err != nil {
		return nil, false, wrap(err, r.t.String(), "đọc "+ManifestName)
	}
	files, derr := decodeManifest(b)
	if derr != nil {
		r.warnf("%s trên máy chủ bị hỏng (%v): gửi lại toàn bộ", ManifestName, derr)
		return Files{}, true, nil
	}
	return files, false, nil
}

// readJournal reads the journal a cut deploy left, or nil.
func (r *runner) readJournal() (map[string]pending, error) {
	var b []byte
	err := r.retry(func() (err error) {
		b, err = r.t.ReadFile(JournalName)
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap(err, r.t.String(), "đọc "+JournalName)
	}
	cut, derr := decodeJournal(b)
	if derr != nil {
		// Written in one rename, it is whole unless someone edited it.
		r.warnf("%s trên máy chủ bị hỏng (%v): bỏ qua", JournalName, derr)
		return nil, nil
	}
	if cut == nil {
		cut = map[string]pending{}
	}
	r.warnf("lần xuất bản trước bị ngắt giữa chừng: gửi tiếp (%d tệp đang dở)", len(cut))
	return cut, nil
}

// tmpSizes finds which temporary files of a cut deploy are on the host.
func (r *runner) tmpSizes(cut map[string]pending) (map[string]int64, error) {
	tmps := map[string]int64{}
	names := make([]string, 0, len(cut))
	for _, j := range cut {
		names = append(names, j.Tmp)
	}
	sort.Strings(names)
	for _, tmp := range names {
		var n int64
		err := r.retry(func() (err error) {
			n, err = r.t.Size(tmp)
			return err
		})
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, wrap(err, r.t.String(), "xem "+tmp)
		default:
			tmps[tmp] = n
		}
	}
	return tmps, nil
}

// removeEmptyDirs removes the folders that deletions emptied, deepest
// first. A folder that still holds something (another program's files)
// stays: failures are ignored.
func (r *runner) removeEmptyDirs(deleted []Change, local Files) {
	keep := map[string]bool{}
	for name := range local {
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			keep[d] = true
		}
	}
	set := map[string]bool{}
	for _, c := range deleted {
		for d := path.Dir(c.Path); d != "." && !keep[d]; d = path.Dir(d) {
			set[d] = true
		}
	}
	dirs := make([]string, 0, len(set))
	for d := range set {
		dirs = append(dirs, d)
	}
	sort.Slice(dirs, func(i, j int) bool {
		return len(dirs[i]) > len(dirs[j]) || len(dirs[i]) == len(dirs[j]) && dirs[i] < dirs[j]
	})
	for _, d := range dirs {
		_ = r.t.RemoveDir(d)
	}
}

// saveCache keeps a copy of the manifest on this machine.
func (r *runner) saveCache(local Files) error {
	if r.o.CacheFile == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(r.o.CacheFile), 0o755); err != nil {
		return &Error{Kind: Failed, Op: "ghi " + r.o.CacheFile, Err: err}
	}
	tmp := r.o.CacheFile + tmpMark + "local"
	if err := os.WriteFile(tmp, encodeManifest(local), 0o644); err != nil {
		return &Error{Kind: Failed, Op: "ghi " + r.o.CacheFile, Err: err}
	}
	if err := os.Rename(tmp, r.o.CacheFile); err != nil {
		return &Error{Kind: Failed, Op: "ghi " + r.o.CacheFile, Err: err}
	}
	return nil
}

// countReader counts what an upload read, for the progress line, and ends
// it when ctx does (Ctrl-C).
type countReader struct {
	ctx  context.Context
	r    io.Reader
	n    int64
	prog *Progress
	size int64
}

// Size lets SFTP send a file's packets without waiting for each answer.
func (c *countReader) Size() int64 { return c.size }

func (c *countReader) Read(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, &Error{Kind: Interrupted, Err: err}
	}
	n, err := c.r.Read(b)
	c.n += int64(n)
	c.prog.add(int64(n), false)
	return n, err
}
