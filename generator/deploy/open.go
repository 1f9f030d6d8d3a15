package deploy

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"loa/generator/config"
)

// Credentials is what Open may use besides the target's settings. Secrets
// come from the environment or from the person at the terminal, never
// from config.toml.
type Credentials struct {
	Getenv func(string) string // os.Getenv; nil reads nothing
	// Stdin is asked for a password or passphrase when it is a terminal;
	// otherwise nobody is asked and a missing password is an error.
	Stdin     io.Reader
	Stderr    io.Writer // questions and notices
	Home      string    // the user's home folder: ~/ and the default keys and known_hosts
	Site      string    // the site folder, for relative paths in the settings
	TrustHost bool      // add an unknown SSH host's key to known_hosts
	Timeout   time.Duration
}

// Open connects to the target: logs in, checks the host, and returns it
// ready. The connection is redialled by itself if it breaks later.
func Open(ctx context.Context, t config.DeployTarget, c Credentials) (Target, error) {
	if c.Getenv == nil {
		c.Getenv = func(string) string { return "" }
	}
	if c.Stderr == nil {
		c.Stderr = io.Discard
	}
	if c.Timeout == 0 {
		c.Timeout = 20 * time.Second
	}
	switch t.URL.Scheme {
	case "file":
		return openFile(t.URL)
	case "sftp":
		return openSFTP(ctx, t, c)
	case "ftp", "ftps":
		return openFTP(ctx, t, c)
	}
	return nil, fmt.Errorf("deploy: unknown scheme %q", t.URL.Scheme)
}

// path resolves a path of the settings: ~/ is the home folder, a relative
// path is in the site folder.
func (c Credentials) path(p string) string {
	switch {
	case p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`):
		return filepath.Join(c.Home, p[1:])
	case filepath.IsAbs(p):
		return p
	}
	return filepath.Join(c.Site, p)
}

// user is the login name: the target's user setting, else the URL's, else
// this machine's.
func (c Credentials) user(t config.DeployTarget) string {
	if t.User != "" {
		return t.User
	}
	if n := t.URL.User.Username(); n != "" {
		return n
	}
	if u, err := user.Current(); err == nil {
		name := u.Username
		if i := strings.LastIndexAny(name, `\`); i >= 0 {
			name = name[i+1:] // DOMAIN\name on Windows
		}
		return name
	}
	return ""
}

// terminal returns Stdin as a terminal, if it is one.
func (c Credentials) terminal() (int, bool) {
	f, ok := c.Stdin.(*os.File)
	if !ok || f == nil || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	return int(f.Fd()), true
}

// ask reads a secret from the terminal without echoing it.
func (c Credentials) ask(question string) (string, bool) {
	fd, ok := c.terminal()
	if !ok {
		return "", false
	}
	fmt.Fprint(c.Stderr, question)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(c.Stderr)
	if err != nil {
		return "", false
	}
	return string(b), true
}

// password is the target's password: the environment variable, else asked
// at the terminal, else an error that names the variable.
func (c Credentials) password(t config.DeployTarget, host, user string) (string, error) {
	if p := c.Getenv(t.PasswordEnv); p != "" {
		return p, nil
	}
	if p, ok := c.ask(fmt.Sprintf("Mật khẩu của %s trên %s: ", user, host)); ok {
		return p, nil
	}
	return "", &Error{Kind: Auth,
		Err:  fmt.Errorf("no password for %s on %s: the environment variable %s is not set", user, host, t.PasswordEnv),
		Hint: fmt.Sprintf("đặt mật khẩu vào biến môi trường %s trước khi chạy (trong CI: lấy từ secrets), hoặc chạy loa deploy trong cửa sổ dòng lệnh để được hỏi mật khẩu", t.PasswordEnv)}
}

// IsTerminal reports whether w is a terminal, where the progress line is
// rewritten in place.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && f != nil && term.IsTerminal(int(f.Fd()))
}
