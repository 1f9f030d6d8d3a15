package deploy

import (
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// fileTarget is a folder of this machine: a mounted share, or a folder
// that another program syncs to the host.
type fileTarget struct {
	root string
}

var _ Target = (*fileTarget)(nil)

// openFile opens a file:// target. file:///srv/web is /srv/web; on Windows
// file:///D:/web is D:\web and file://server/share/web is \\server\share\web.
func openFile(u *url.URL) (*fileTarget, error) {
	p := u.Path
	if u.Host != "" && u.Host != "localhost" {
		p = "//" + u.Host + p
	}
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	root := filepath.Clean(filepath.FromSlash(p))
	st, err := os.Stat(root)
	if err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("not a folder")
		}
		return nil, errf(Unreachable, root, "", "kiểm tra đường dẫn trong url và ổ mạng đã được gắn (mount) chưa",
			"không mở được thư mục %s: %v", root, err)
	}
	return &fileTarget{root: root}, nil
}

func (t *fileTarget) String() string { return t.root }

func (t *fileTarget) local(name string) string {
	return filepath.Join(t.root, filepath.FromSlash(name))
}

func (t *fileTarget) ReadFile(name string) ([]byte, error) {
	b, err := os.ReadFile(t.local(name))
	return b, t.wrap(err, "đọc "+name)
}

func (t *fileTarget) Size(name string) (int64, error) {
	st, err := os.Stat(t.local(name))
	if err != nil {
		return 0, t.wrap(err, "xem "+name)
	}
	return st.Size(), nil
}

func (t *fileTarget) MkdirAll(dir string) error {
	return t.wrap(os.MkdirAll(t.local(dir), 0o755), "tạo thư mục "+dir)
}

// Put writes and syncs the file, so that a share's disk holds it before
// the rename makes it visible.
func (t *fileTarget) Put(name string, r io.Reader) error {
	f, err := os.OpenFile(t.local(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return t.wrap(err, "gửi "+name)
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return t.wrap(err, "gửi "+name)
}

func (t *fileTarget) Rename(from, to string) error {
	return t.wrap(os.Rename(t.local(from), t.local(to)), "đổi tên "+from)
}

func (t *fileTarget) Remove(name string) error {
	err := os.Remove(t.local(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return t.wrap(err, "xoá "+name)
}

func (t *fileTarget) RemoveDir(dir string) error {
	return os.Remove(t.local(dir)) // fails unless empty
}

func (t *fileTarget) Close() error { return nil }

// wrap keeps "not exist" recognisable and sorts the rest; the local file
// system's errors are never transient.
func (t *fileTarget) wrap(err error, op string) error {
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	k := classify(err)
	if k == Transient || k == Unreachable {
		k = Failed
	}
	return &Error{Kind: k, Host: t.root, Op: op, Err: trimPathError(err)}
}

// trimPathError drops the full path the error repeats: messages name
// the file by its path in the site.
func trimPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && !strings.Contains(pe.Err.Error(), "/") {
		return pe.Err
	}
	return err
}
