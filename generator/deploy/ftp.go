package deploy

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/textproto"
	"os"
	"path"
	"strings"

	"github.com/jlaffaye/ftp"

	"loa/generator/config"
)

// ftpTarget is a folder on a host reached by FTP, or by FTPS: FTP over TLS
// started with AUTH TLS on the usual port (explicit TLS), with the host's
// certificate checked against the system's roots and the target's caFile.
type ftpTarget struct {
	addr    string
	root    string
	user    string
	pass    string
	options []ftp.DialOption

	conn *ftp.ServerConn // nil after a break, until the next call redials
	dirs map[string]bool
}

var _ Target = (*ftpTarget)(nil)

// FTP reply codes that decide a failure's kind (RFC 959, 2228, 3659).
const (
	ftpClosing      = 421 // service not available, closing the connection
	ftpNoData       = 425 // cannot open the data connection
	ftpDataClosed   = 426 // transfer aborted
	ftpBusy         = 450 // file unavailable (busy)
	ftpLocalError   = 451 // local error in processing
	ftpNoStorage    = 452 // insufficient storage space
	ftpNotLoggedIn  = 530
	ftpNeedAccount  = 532
	ftpUnavailable  = 550 // no such file, or no access
	ftpExceeded     = 552 // exceeded storage allocation (quota)
	ftpNameRejected = 553 // file name not allowed
)

func openFTP(ctx context.Context, t config.DeployTarget, c Credentials) (*ftpTarget, error) {
	port := t.URL.Port()
	if port == "" {
		port = "21"
	}
	addr := net.JoinHostPort(t.URL.Hostname(), port)
	user := c.user(t)
	f := &ftpTarget{addr: addr, root: remoteRoot(t.URL.Path), user: user, dirs: map[string]bool{},
		options: []ftp.DialOption{ftp.DialWithContext(ctx), ftp.DialWithTimeout(c.Timeout)}}
	if t.URL.Scheme == "ftps" {
		conf, err := tlsConfig(t, c)
		if err != nil {
			return nil, err
		}
		f.options = append(f.options, ftp.DialWithExplicitTLS(conf))
	} else {
		fmt.Fprintf(c.Stderr, "Lưu ý: ftp:// gửi mật khẩu và các tệp không mã hoá; nên dùng ftps:// (hoặc sftp://) nếu máy chủ %s hỗ trợ.\n", t.URL.Hostname())
	}
	pass, err := c.password(t, addr, user)
	if err != nil {
		return nil, err
	}
	f.pass = pass
	if _, err := f.ftp(); err != nil {
		return nil, err
	}
	if !path.IsAbs(f.root) {
		// Every connection starts in the login folder; paths are made
		// absolute so that they mean the same after a reconnect.
		wd, err := f.conn.CurrentDir()
		if err != nil {
			f.Close()
			return nil, f.sort(err, "mở thư mục", f.root)
		}
		f.root = path.Join(wd, f.root)
	}
	if f.root != "/" {
		if err := f.conn.ChangeDir(f.root); err != nil {
			f.Close()
			return nil, &Error{Kind: Failed, Host: addr, Op: "mở thư mục " + f.root, Err: err,
				Hint: "kiểm tra đường dẫn trong url (như FileZilla hiện, ví dụ /public_html) và tạo thư mục đó trên máy chủ nếu chưa có"}
		}
	}
	return f, nil
}

// tlsConfig trusts the system's roots and the target's caFile (for a host
// with a certificate of its own authority); verification is never skipped.
func tlsConfig(t config.DeployTarget, c Credentials) (*tls.Config, error) {
	conf := &tls.Config{ServerName: t.URL.Hostname(), MinVersion: tls.VersionTLS12,
		// Hosts such as vsftpd want the data connections to resume the
		// control connection's TLS session.
		ClientSessionCache: tls.NewLRUClientSessionCache(8)}
	if t.CAFile == "" {
		return conf, nil
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	file := c.path(t.CAFile)
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, &Error{Kind: Failed, Op: "đọc caFile " + file, Err: err, Hint: "kiểm tra đường dẫn caFile (tương đối với thư mục trang)"}
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, &Error{Kind: Failed, Op: "đọc caFile " + file, Err: errors.New("no PEM certificate in it"),
			Hint: "caFile phải là chứng chỉ dạng PEM (-----BEGIN CERTIFICATE-----)"}
	}
	conf.RootCAs = pool
	return conf, nil
}

// ftp returns the connection, dialling and logging in (again) if needed.
func (f *ftpTarget) ftp() (*ftp.ServerConn, error) {
	if f.conn != nil {
		return f.conn, nil
	}
	conn, err := ftp.Dial(f.addr, f.options...)
	if err != nil {
		return nil, f.sort(err, "kết nối", "")
	}
	if err := conn.Login(f.user, f.pass); err != nil {
		conn.Quit()
		var te *textproto.Error
		if errors.As(err, &te) && (te.Code == ftpNotLoggedIn || te.Code == ftpNeedAccount) {
			return nil, &Error{Kind: Auth, Host: f.addr, Err: fmt.Errorf("user %s: %w", f.user, err),
				Hint: "kiểm tra tên đăng nhập (user hoặc url) và mật khẩu trong biến môi trường passwordEnv"}
		}
		return nil, f.sort(err, "đăng nhập", "")
	}
	f.conn = conn
	return conn, nil
}

// do runs op with a connection; a broken one is dropped so that the next
// call redials.
func (f *ftpTarget) do(what, name string, op func(c *ftp.ServerConn) error) error {
	c, err := f.ftp()
	if err != nil {
		return err
	}
	if err := op(c); err != nil {
		return f.sort(err, what, name)
	}
	return nil
}

// sort gives an FTP failure its kind from its reply code.
func (f *ftpTarget) sort(err error, what, name string) error {
	var e *Error
	if errors.As(err, &e) || errors.Is(err, fs.ErrNotExist) {
		return err
	}
	op := strings.TrimSpace(what + " " + name)
	var cert *tls.CertificateVerificationError
	var hostname x509.HostnameError
	if errors.As(err, &cert) || errors.As(err, &hostname) {
		f.drop()
		return &Error{Kind: Failed, Host: f.addr, Op: "kiểm tra chứng chỉ TLS", Err: err,
			Hint: "chứng chỉ của máy chủ không được tin cậy: nếu máy chủ dùng chứng chỉ tự ký, xin tệp chứng chỉ (PEM) từ quản trị máy chủ và ghi đường dẫn vào caFile"}
	}
	var te *textproto.Error
	if !errors.As(err, &te) {
		k := classify(err)
		if k == Transient || k == Failed {
			f.drop() // the connection is in an unknown state
		}
		if k == Failed {
			k = Transient // a protocol error mid-transfer: a fresh connection may do
		}
		return &Error{Kind: k, Host: f.addr, Op: op, Err: err}
	}
	k := Failed
	switch te.Code {
	case ftpClosing, ftpNoData, ftpDataClosed, ftpBusy, ftpLocalError:
		f.drop()
		k = Transient
	case ftpNoStorage, ftpExceeded:
		k = DiskFull
	case ftpUnavailable, ftpNameRejected:
		k = Permission
	case ftpNotLoggedIn, ftpNeedAccount:
		k = Auth
	}
	return &Error{Kind: k, Host: f.addr, Op: op, Err: err}
}

// notFound reports a 550 reply, which is how FTP says a file is missing
// (some servers, goftp's among them, say 551).
func notFound(err error) bool {
	var te *textproto.Error
	return errors.As(err, &te) && (te.Code == ftpUnavailable || te.Code == ftpUnavailable+1)
}

// sizeBusy reports a 450 reply to SIZE, which some servers (goftp's) give
// for a missing file. For Size, missing is the safe reading: a deploy then
// sends the file again rather than trust it.
func sizeBusy(err error) bool {
	var te *textproto.Error
	return errors.As(err, &te) && te.Code == ftpBusy
}

func (f *ftpTarget) drop() {
	if f.conn != nil {
		f.conn.Quit()
	}
	f.conn = nil
}

func (f *ftpTarget) abs(name string) string { return path.Join(f.root, name) }

func (f *ftpTarget) String() string { return f.addr }

func (f *ftpTarget) ReadFile(name string) ([]byte, error) {
	var b []byte
	err := f.do("đọc", name, func(c *ftp.ServerConn) error {
		r, err := c.Retr(f.abs(name))
		if notFound(err) {
			return fs.ErrNotExist
		}
		if err != nil {
			return err
		}
		b, err = io.ReadAll(r)
		if cerr := r.Close(); err == nil {
			err = cerr
		}
		return err
	})
	return b, err
}

func (f *ftpTarget) Size(name string) (int64, error) {
	var n int64
	err := f.do("xem", name, func(c *ftp.ServerConn) (err error) {
		n, err = c.FileSize(f.abs(name))
		if notFound(err) || sizeBusy(err) {
			return fs.ErrNotExist
		}
		return err
	})
	return n, err
}

// MkdirAll makes each missing folder; FTP has no "make parents", and a
// folder that exists answers 550 like one that cannot be made, so errors
// are left for the upload into it to report.
func (f *ftpTarget) MkdirAll(dir string) error {
	return f.do("tạo thư mục", dir, func(c *ftp.ServerConn) error {
		var p string
		for _, part := range strings.Split(dir, "/") {
			p = path.Join(p, part)
			if f.dirs[p] {
				continue
			}
			if err := c.MakeDir(f.abs(p)); err != nil && !notFound(err) {
				var te *textproto.Error
				if !errors.As(err, &te) || te.Code/100 != 5 {
					return err
				}
			}
			f.dirs[p] = true
		}
		return nil
	})
}

func (f *ftpTarget) Put(name string, r io.Reader) error {
	return f.do("gửi", name, func(c *ftp.ServerConn) error { return c.Stor(f.abs(name), r) })
}

// Rename replaces the file: most hosts (vsftpd, ProFTPD, Pure-FTPd) rename
// over it in one step; those that refuse (IIS) get delete then rename, and a
// reader may miss the file for that moment.
func (f *ftpTarget) Rename(from, to string) error {
	return f.do("đổi tên", from, func(c *ftp.ServerConn) error {
		err := c.Rename(f.abs(from), f.abs(to))
		if err == nil || !notFound(err) {
			return err
		}
		if _, serr := c.FileSize(f.abs(from)); notFound(serr) {
			return fs.ErrNotExist
		}
		if derr := c.Delete(f.abs(to)); derr != nil {
			return err
		}
		return c.Rename(f.abs(from), f.abs(to))
	})
}

func (f *ftpTarget) Remove(name string) error {
	return f.do("xoá", name, func(c *ftp.ServerConn) error {
		err := c.Delete(f.abs(name))
		if notFound(err) {
			if _, serr := c.FileSize(f.abs(name)); notFound(serr) {
				return nil // already gone
			}
		}
		return err
	})
}

func (f *ftpTarget) RemoveDir(dir string) error {
	delete(f.dirs, dir) // the cache must not outlive the folder
	return f.do("xoá thư mục", dir, func(c *ftp.ServerConn) error { return c.RemoveDir(f.abs(dir)) })
}

func (f *ftpTarget) Close() error {
	f.drop()
	return nil
}
