package deploy

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// hostKeys checks an SSH host's key against known_hosts, as OpenSSH's
// StrictHostKeyChecking does: an unknown host is refused with its
// fingerprint and the way to trust it (or trusted with --trust-host), a
// changed key is refused loudly.
type hostKeys struct {
	file    string
	trust   bool
	stderr  io.Writer
	known   ssh.HostKeyCallback // nil when the file does not exist yet
	checked bool                // the key was accepted: a later failure is the login's
}

func newHostKeys(file string, trust bool, stderr io.Writer) (*hostKeys, error) {
	h := &hostKeys{file: file, trust: trust, stderr: stderr}
	cb, err := knownhosts.New(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, &Error{Kind: Failed, Op: "đọc " + file, Err: err,
			Hint: "sửa hoặc xoá dòng hỏng trong " + file + " (mỗi dòng: tên máy, loại khoá, khoá)"}
	default:
		h.known = cb
	}
	return h, nil
}

// probeKey is a key no host has: checking it returns every key known for
// the host, so the client can ask the host for a key of those types.
type probeKey struct{}

func (probeKey) Type() string                        { return "loa-probe" }
func (probeKey) Marshal() []byte                     { return []byte("loa-probe") }
func (probeKey) Verify([]byte, *ssh.Signature) error { return errors.New("probe") }

// algorithms lists the host key algorithms of the keys known for addr, so
// that a host known by its RSA key is not asked for its ed25519 key and
// then reported as changed. nil when none are known: any will do.
func (h *hostKeys) algorithms(addr string) []string {
	if h.known == nil {
		return nil
	}
	var ke *knownhosts.KeyError
	if err := h.known(addr, &net.TCPAddr{}, probeKey{}); !errors.As(err, &ke) {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, k := range ke.Want {
		algos := []string{k.Key.Type()}
		if k.Key.Type() == ssh.KeyAlgoRSA {
			algos = []string{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA}
		}
		for _, a := range algos {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// check is the ssh.HostKeyCallback.
func (h *hostKeys) check(addr string, remote net.Addr, key ssh.PublicKey) error {
	var ke *knownhosts.KeyError
	var err error
	if h.known != nil {
		err = h.known(addr, remote, key)
		if err == nil {
			h.checked = true
			return nil
		}
	}
	host := knownhosts.Normalize(addr)
	fp := ssh.FingerprintSHA256(key)
	if errors.As(err, &ke) && len(ke.Want) > 0 {
		var was []string
		for _, k := range ke.Want {
			was = append(was, fmt.Sprintf("%s dòng %d: %s", k.Filename, k.Line, ssh.FingerprintSHA256(k.Key)))
		}
		return &Error{Kind: HostChanged, Host: addr,
			Err: fmt.Errorf("host key %s %s, known_hosts has %s", key.Type(), fp, strings.Join(was, "; ")),
			Hint: fmt.Sprintf("chưa gửi gì. Hỏi quản trị máy chủ xem khoá có thật sự được đổi không (dấu vân tay mới: %s). "+
				"Chỉ khi họ xác nhận: xoá khoá cũ bằng `ssh-keygen -R %s -f %s` rồi chạy lại với --trust-host", fp, host, h.file)}
	}
	var revoked *knownhosts.RevokedError
	if errors.As(err, &revoked) {
		return &Error{Kind: HostChanged, Host: addr, Err: err,
			Hint: "khoá này đã bị thu hồi trong known_hosts; hỏi quản trị máy chủ"}
	}
	if err != nil && !errors.As(err, &ke) {
		return &Error{Kind: Failed, Host: addr, Err: err}
	}
	line := knownhosts.Line([]string{host}, key)
	if h.trust {
		if err := appendLine(h.file, line); err != nil {
			return &Error{Kind: Failed, Host: addr, Op: "ghi " + h.file, Err: err}
		}
		fmt.Fprintf(h.stderr, "Đã tin cậy máy chủ %s (khoá %s %s) và ghi vào %s.\n", addr, key.Type(), fp, h.file)
		h.checked = true
		return nil
	}
	port := "22"
	if _, p, err := net.SplitHostPort(addr); err == nil {
		port = p
	}
	name := addr
	if hn, _, err := net.SplitHostPort(addr); err == nil {
		name = hn
	}
	return &Error{Kind: UnknownHost, Host: addr,
		Err: fmt.Errorf("%s key %s", key.Type(), fp),
		Hint: fmt.Sprintf("lần đầu kết nối: hỏi quản trị máy chủ dấu vân tay khoá của máy chủ và so với %s. Nếu khớp, chạy lại với --trust-host, "+
			"hoặc thêm khoá bằng `ssh-keyscan -p %s %s >> %s`, hoặc thêm dòng này vào %s:\n    %s", fp, port, name, h.file, h.file, line)}
}

// appendLine adds a line to known_hosts, creating it (and ~/.ssh) if needed.
func appendLine(file, line string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	old, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if len(old) > 0 && old[len(old)-1] != '\n' {
		line = "\n" + line
	}
	_, err = f.WriteString(line + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
