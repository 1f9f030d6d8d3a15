package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"loa/generator/config"
)

// sftpTarget is a folder on a host reached by SSH.
type sftpTarget struct {
	addr   string // host:port
	root   string // the folder, absolute or relative to the login folder
	config *ssh.ClientConfig
	keys   *hostKeys
	dial   func() (net.Conn, error)
	// passwordEnv names the password's variable, for the hint of a
	// refused login.
	passwordEnv string

	conn   *ssh.Client // nil after a break, until the next call redials
	client *sftp.Client
	posix  bool            // posix-rename@openssh.com: rename over a file in one step
	dirs   map[string]bool // folders known to exist
}

var _ Target = (*sftpTarget)(nil)

func openSFTP(ctx context.Context, t config.DeployTarget, c Credentials) (*sftpTarget, error) {
	port := t.URL.Port()
	if port == "" {
		port = "22"
	}
	addr := net.JoinHostPort(t.URL.Hostname(), port)
	user := c.user(t)
	khFile := c.path("~/.ssh/known_hosts")
	if t.KnownHosts != "" {
		khFile = c.path(t.KnownHosts)
	}
	keys, err := newHostKeys(khFile, c.TrustHost, c.Stderr)
	if err != nil {
		return nil, err
	}
	auth, err := sshAuth(t, c, addr, user)
	if err != nil {
		return nil, err
	}
	s := &sftpTarget{
		addr: addr,
		root: remoteRoot(t.URL.Path),
		config: &ssh.ClientConfig{User: user, Auth: auth, HostKeyCallback: keys.check,
			HostKeyAlgorithms: keys.algorithms(addr), Timeout: c.Timeout},
		keys:        keys,
		dirs:        map[string]bool{},
		passwordEnv: t.PasswordEnv,
	}
	d := net.Dialer{Timeout: c.Timeout}
	s.dial = func() (net.Conn, error) { return d.DialContext(ctx, "tcp", addr) }
	if _, err := s.sftp(); err != nil {
		return nil, err
	}
	st, err := s.client.Stat(s.root)
	if err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("not a folder")
		}
		s.Close()
		return nil, &Error{Kind: Failed, Host: addr, Op: "mở thư mục " + s.root, Err: err,
			Hint: "kiểm tra đường dẫn trong url (đường dẫn đầy đủ như /var/www/html, hoặc /~/public_html trong thư mục nhà) và tạo thư mục đó trên máy chủ nếu chưa có"}
	}
	return s, nil
}

// remoteRoot reads the folder of an sftp:// or ftp:// URL: /var/www is
// absolute, /~/www and an empty path are in the login folder.
func remoteRoot(p string) string {
	switch {
	case p == "" || p == "/~" || p == "/~/":
		return "."
	case strings.HasPrefix(p, "/~/"):
		return strings.TrimSuffix(p[3:], "/")
	}
	if p != "/" {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// sshAuth lists the ways to log in, in OpenSSH's order: the agent, the
// identity file or the default keys, then a password from the environment
// or the terminal, asked only if the host wants one.
func sshAuth(t config.DeployTarget, c Credentials, addr, user string) ([]ssh.AuthMethod, error) {
	var signers []ssh.Signer
	if sock := c.Getenv("SSH_AUTH_SOCK"); sock != "" && t.IdentityFile == "" {
		if conn, err := net.Dial("unix", sock); err == nil {
			if s, err := agent.NewClient(conn).Signers(); err == nil {
				signers = append(signers, s...)
			}
		}
	}
	if t.IdentityFile != "" {
		s, err := loadKey(c, c.path(t.IdentityFile), true)
		if err != nil {
			return nil, err
		}
		signers = append(signers, s)
	} else {
		for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			if s, err := loadKey(c, filepath.Join(c.Home, ".ssh", name), false); err == nil && s != nil {
				signers = append(signers, s)
			}
		}
	}
	password := func() (string, error) { return c.password(t, addr, user) }
	methods := []ssh.AuthMethod{}
	if len(signers) > 0 {
		methods = append(methods, ssh.PublicKeys(signers...))
	}
	return append(methods, ssh.PasswordCallback(password),
		ssh.KeyboardInteractive(func(_, _ string, questions []string, echos []bool) ([]string, error) {
			answers := make([]string, len(questions))
			for i := range questions {
				if echos[i] {
					return nil, errors.New("the host asks more than a password")
				}
				p, err := password()
				if err != nil {
					return nil, err
				}
				answers[i] = p
			}
			return answers, nil
		})), nil
}

// loadKey reads a private key, asking for its passphrase at the terminal.
// A default key that is missing, or protected when nobody can be asked,
// is skipped (nil); a named one is an error.
func loadKey(c Credentials, file string, named bool) (ssh.Signer, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		if !named {
			return nil, nil
		}
		return nil, &Error{Kind: Auth, Op: "đọc khoá " + file, Err: err,
			Hint: "kiểm tra đường dẫn identityFile; tạo khoá bằng `ssh-keygen -t ed25519 -f " + file + "`"}
	}
	s, err := ssh.ParsePrivateKey(b)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		pass, ok := c.ask("Mật khẩu của khoá " + file + ": ")
		if !ok {
			if !named {
				return nil, nil
			}
			return nil, &Error{Kind: Auth, Op: "đọc khoá " + file, Err: err,
				Hint: "khoá có mật khẩu mà không có ai để hỏi: nạp khoá vào ssh-agent (ssh-add), hoặc dùng một khoá riêng cho việc xuất bản"}
		}
		s, err = ssh.ParsePrivateKeyWithPassphrase(b, []byte(pass))
	}
	if err != nil {
		return nil, &Error{Kind: Auth, Op: "đọc khoá " + file, Err: err,
			Hint: "identityFile phải là khoá riêng (private key) OpenSSH, PEM; không phải tệp .pub hay .ppk của PuTTY"}
	}
	return s, nil
}

// sftp returns the client, connecting (again) if needed.
func (s *sftpTarget) sftp() (*sftp.Client, error) {
	if s.client != nil {
		return s.client, nil
	}
	raw, err := s.dial()
	if err != nil {
		return nil, &Error{Kind: classify(err), Host: s.addr, Op: "kết nối", Err: err}
	}
	s.keys.checked = false
	cc, chans, reqs, err := ssh.NewClientConn(raw, s.addr, s.config)
	if err != nil {
		raw.Close()
		var e *Error
		switch {
		case !s.keys.checked && errors.As(err, &e):
			return nil, e // the host's key was refused, said without "ssh: handshake failed"
		case s.keys.checked && classify(err) != Transient:
			return nil, &Error{Kind: Auth, Host: s.addr, Err: fmt.Errorf("user %s: %w", s.config.User, err),
				Hint: "kiểm tra tên đăng nhập và khoá SSH: khoá công khai (.pub) phải có trong ~/.ssh/authorized_keys của tài khoản trên máy chủ; " +
					"chỉ định khoá bằng identityFile, hoặc nạp khoá vào ssh-agent; nếu máy chủ dùng mật khẩu, đặt nó vào biến môi trường " + s.passwordEnv}
		}
		return nil, &Error{Kind: classify(err), Host: s.addr, Op: "kết nối", Err: err}
	}
	s.conn = ssh.NewClient(cc, chans, reqs)
	s.client, err = sftp.NewClient(s.conn, sftp.UseConcurrentWrites(true))
	if err != nil {
		s.conn.Close()
		s.conn = nil
		return nil, &Error{Kind: Failed, Host: s.addr, Op: "mở SFTP", Err: err,
			Hint: "máy chủ cho đăng nhập SSH nhưng không bật SFTP (Subsystem sftp); hỏi quản trị máy chủ"}
	}
	_, s.posix = s.client.HasExtension("posix-rename@openssh.com")
	return s.client, nil
}

// do runs op with a connected client; when the connection broke, it is
// dropped so that the next call redials.
func (s *sftpTarget) do(what, name string, op func(c *sftp.Client) error) error {
	c, err := s.sftp()
	if err != nil {
		return err
	}
	err = op(c)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return s.sort(err, what, name)
}

// sort gives an SFTP failure its kind.
func (s *sftpTarget) sort(err error, what, name string) error {
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	op := what + " " + name
	var st *sftp.StatusError
	switch {
	case errors.Is(err, fs.ErrPermission):
		return &Error{Kind: Permission, Host: s.addr, Op: op, Err: err}
	case errors.As(err, &st) && (st.FxCode() == sftp.ErrSSHFxFailure) && what == "gửi" && s.full(name):
		return &Error{Kind: DiskFull, Host: s.addr, Op: op, Err: err}
	case errors.As(err, &st) && (st.Code == 14 || st.Code == 15): // no space on file system, quota exceeded (SFTP v5+)
		return &Error{Kind: DiskFull, Host: s.addr, Op: op, Err: err}
	case errors.Is(err, sftp.ErrSSHFxConnectionLost), errors.Is(err, sftp.ErrSSHFxNoConnection), classify(err) == Transient:
		s.drop()
		return &Error{Kind: Transient, Host: s.addr, Op: op, Err: err}
	}
	return &Error{Kind: classify(err), Host: s.addr, Op: op, Err: err}
}

// full asks the host (statvfs@openssh.com) whether its disk is full: SFTP
// reports a full disk only as a "Failure".
func (s *sftpTarget) full(name string) bool {
	if s.client == nil {
		return false
	}
	if _, ok := s.client.HasExtension("statvfs@openssh.com"); !ok {
		return false
	}
	vfs, err := s.client.StatVFS(path.Dir(s.abs(name)))
	return err == nil && vfs.FreeSpace() < 1<<20
}

func (s *sftpTarget) drop() {
	if s.client != nil {
		s.client.Close()
	}
	if s.conn != nil {
		s.conn.Close()
	}
	s.client, s.conn = nil, nil
	s.dirs = map[string]bool{}
}

func (s *sftpTarget) abs(name string) string { return path.Join(s.root, name) }

func (s *sftpTarget) String() string { return s.addr }

func (s *sftpTarget) ReadFile(name string) ([]byte, error) {
	var b []byte
	err := s.do("đọc", name, func(c *sftp.Client) error {
		f, err := c.Open(s.abs(name))
		if err != nil {
			return err
		}
		defer f.Close()
		b, err = io.ReadAll(f)
		return err
	})
	return b, err
}

func (s *sftpTarget) Size(name string) (int64, error) {
	var n int64
	err := s.do("xem", name, func(c *sftp.Client) error {
		st, err := c.Stat(s.abs(name))
		if err == nil {
			n = st.Size()
		}
		return err
	})
	return n, err
}

func (s *sftpTarget) MkdirAll(dir string) error {
	if s.dirs[dir] {
		return nil
	}
	err := s.do("tạo thư mục", dir, func(c *sftp.Client) error { return c.MkdirAll(s.abs(dir)) })
	if err == nil {
		for d := dir; d != "."; d = path.Dir(d) {
			s.dirs[d] = true
		}
	}
	return err
}

func (s *sftpTarget) Put(name string, r io.Reader) error {
	return s.do("gửi", name, func(c *sftp.Client) error {
		f, err := c.OpenFile(s.abs(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
		if err != nil {
			return err
		}
		_, err = f.ReadFrom(r)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// Rename replaces the file in one step with posix-rename; a host without
// it (rare: OpenSSH has had it since 2008) gets remove then rename, and a
// reader may miss the file for that moment.
func (s *sftpTarget) Rename(from, to string) error {
	return s.do("đổi tên", from, func(c *sftp.Client) error {
		if s.posix {
			return c.PosixRename(s.abs(from), s.abs(to))
		}
		if err := c.Remove(s.abs(to)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return c.Rename(s.abs(from), s.abs(to))
	})
}

func (s *sftpTarget) Remove(name string) error {
	err := s.do("xoá", name, func(c *sftp.Client) error { return c.Remove(s.abs(name)) })
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func (s *sftpTarget) RemoveDir(dir string) error {
	delete(s.dirs, dir) // the cache must not outlive the folder
	return s.do("xoá thư mục", dir, func(c *sftp.Client) error { return c.RemoveDirectory(s.abs(dir)) })
}

func (s *sftpTarget) Close() error {
	s.drop()
	return nil
}
