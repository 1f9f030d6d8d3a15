package deploy

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"loa/generator/config"
)

// sshServer is an SSH server with pkg/sftp's server on 127.0.0.1, letting
// in one client key, or the password "dung-mat-khau".
type sshServer struct {
	addr       string
	hostKey    ssh.Signer
	clientKey  string // the client's private key file
	knownHosts string // a known_hosts that knows the host
	home       string

	mu    sync.Mutex
	conns []*ssh.ServerConn
	down  bool // hang up on every new connection
}

const testPassword = "dung-mat-khau"

func startSSH(t *testing.T) *sshServer {
	t.Helper()
	home := t.TempDir()
	_, hostPriv, _ := ed25519.GenerateKey(rand.Reader)
	hostKey, err := ssh.NewSignerFromKey(hostPriv)
	if err != nil {
		t.Fatal(err)
	}
	clientPub, clientPriv, _ := ed25519.GenerateKey(rand.Reader)
	authorized, _ := ssh.NewPublicKey(clientPub)
	s := &sshServer{hostKey: hostKey, home: home, clientKey: writeKey(t, home, "id_bientap", clientPriv)}
	conf := &ssh.ServerConfig{
		PublicKeyCallback: func(_ ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			if bytes.Equal(key.Marshal(), authorized.Marshal()) {
				return nil, nil
			}
			return nil, errors.New("unknown key")
		},
		PasswordCallback: func(_ ssh.ConnMetadata, pass []byte) (*ssh.Permissions, error) {
			if string(pass) == testPassword {
				return nil, nil
			}
			return nil, errors.New("wrong password")
		},
	}
	conf.AddHostKey(hostKey)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = l.Addr().String()
	s.knownHosts = filepath.Join(home, "known_hosts")
	os.WriteFile(s.knownHosts, []byte(knownhosts.Line([]string{knownhosts.Normalize(s.addr)}, hostKey.PublicKey())+"\n"), 0o600)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go s.serve(c, conf)
		}
	}()
	t.Cleanup(func() {
		l.Close()
		s.cut()
	})
	return s
}

func writeKey(t *testing.T, dir, name string, priv ed25519.PrivateKey) string {
	t.Helper()
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func (s *sshServer) serve(c net.Conn, conf *ssh.ServerConfig) {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down {
		c.Close()
		return
	}
	sc, chans, reqs, err := ssh.NewServerConn(c, conf)
	if err != nil {
		c.Close()
		return
	}
	s.mu.Lock()
	s.conns = append(s.conns, sc)
	s.mu.Unlock()
	go ssh.DiscardRequests(reqs)
	for nc := range chans {
		if nc.ChannelType() != "session" {
			nc.Reject(ssh.UnknownChannelType, "session only")
			continue
		}
		ch, creqs, err := nc.Accept()
		if err != nil {
			continue
		}
		go func() {
			for req := range creqs {
				ok := req.Type == "subsystem" && len(req.Payload) > 4 && string(req.Payload[4:]) == "sftp"
				req.Reply(ok, nil)
				if ok {
					go func() {
						srv, err := sftp.NewServer(ch)
						if err == nil {
							srv.Serve()
							srv.Close()
						}
						ch.Close()
					}()
				}
			}
		}()
	}
}

func (s *sshServer) setDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// cut closes every connection, as a network cut does.
func (s *sshServer) cut() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		c.Close()
	}
	s.conns = nil
}

func (s *sshServer) target(dir string) config.DeployTarget {
	return config.DeployTarget{Name: "test", URL: &url.URL{Scheme: "sftp", User: url.User("bientap"), Host: s.addr, Path: filepath.ToSlash(dir)},
		PasswordEnv: "LOA_TEST_PASSWORD", KnownHosts: s.knownHosts, IdentityFile: s.clientKey}
}

func (s *sshServer) creds(env map[string]string, stderr *bytes.Buffer) Credentials {
	return Credentials{Getenv: func(k string) string { return env[k] }, Stderr: stderr, Home: s.home, Site: s.home}
}

func TestSFTPDeployScenarios(t *testing.T) {
	s := startSSH(t)
	base := t.TempDir()
	public, host := filepath.Join(base, "public"), filepath.Join(base, "host")
	os.Mkdir(host, 0o755)
	tg, err := Open(context.Background(), s.target(host), s.creds(nil, &bytes.Buffer{}))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	if !tg.(*sftpTarget).posix {
		t.Error("the server offers posix-rename; the client did not see it")
	}
	scenarios(t, tg, public, host)
}

func TestSFTPNetworkCutIsRetried(t *testing.T) {
	s := startSSH(t)
	base := t.TempDir()
	public, host := filepath.Join(base, "public"), filepath.Join(base, "host")
	os.Mkdir(host, 0o755)
	tg, err := Open(context.Background(), s.target(host), s.creds(nil, &bytes.Buffer{}))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	writeTree(t, public, oldSite)
	waits := &noSleep{}
	var warned []string
	// The cable is pulled once before the deploy starts, and the sleeper
	// pulls it again at every retry after the first.
	s.cut()
	res, err := Run(context.Background(), tg, Options{Public: public, Sleep: waits.sleep, Warn: func(m string) { warned = append(warned, m) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != len(oldSite) || len(waits.waits) != 1 || waits.waits[0] != backoff(0) {
		t.Errorf("sent %d, waited %v", res.Sent, waits.waits)
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "thử lại sau 0,5 giây") {
		t.Errorf("warnings %q", warned)
	}
	sameTree(t, public, host)

	// A host that stays down: four tries, then a clear error.
	writeTree(t, public, newSite)
	waits = &noSleep{}
	s.setDown(true)
	s.cut()
	_, err = Run(context.Background(), tg, Options{Public: public, Sleep: waits.sleep})
	if KindOf(err) != Transient || len(waits.waits) != retries {
		t.Fatalf("got %v (kind %d) after %v", err, KindOf(err), waits.waits)
	}
	s.setDown(false)
	deployOnce(t, tg, public, Options{})
	sameTree(t, public, host)
}

func TestSFTPResumesACutDeploy(t *testing.T) {
	s := startSSH(t)
	base := t.TempDir()
	public, host := filepath.Join(base, "public"), filepath.Join(base, "host")
	os.Mkdir(host, 0o755)
	tg, err := Open(context.Background(), s.target(host), s.creds(nil, &bytes.Buffer{}))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	writeTree(t, public, oldSite)
	deployOnce(t, tg, public, Options{})
	writeTree(t, public, newSite)
	// 2 reads, the journal (put, rename), a stale check, folders, then uploads:
	// cut in the middle of the uploads and again in the renames.
	for _, n := range []int{9, 17} {
		_, err := Run(context.Background(), &cutTarget{Target: tg, n: n}, Options{Public: public})
		if !errors.Is(err, errCut) {
			t.Fatalf("cut after %d: %v", n, err)
		}
		liveConsistent(t, host, n)
	}
	res := deployOnce(t, tg, public, Options{})
	reused := len(res.Placed)
	for _, c := range res.Uploads {
		if c.Ready {
			reused++
		}
	}
	if reused == 0 || res.SentBytes >= deployPlanBytesOf(res) {
		t.Errorf("the resumed deploy sent everything again: %+v", res)
	}
	sameTree(t, public, host)
}

func TestSFTPHostKeys(t *testing.T) {
	s := startSSH(t)
	dir := t.TempDir()
	ctx := context.Background()
	fp := ssh.FingerprintSHA256(s.hostKey.PublicKey())

	t.Run("unknown host", func(t *testing.T) {
		tgt := s.target(dir)
		tgt.KnownHosts = filepath.Join(t.TempDir(), "ssh", "known_hosts")
		_, err := Open(ctx, tgt, s.creds(nil, &bytes.Buffer{}))
		var e *Error
		if !errors.As(err, &e) || e.Kind != UnknownHost || !strings.Contains(err.Error(), fp) ||
			!strings.Contains(e.Advice(), "ssh-keyscan -p ") || !strings.Contains(e.Advice(), "--trust-host") {
			t.Fatalf("got %v\n%s", err, e.Advice())
		}
		var stderr bytes.Buffer
		creds := s.creds(nil, &stderr)
		creds.TrustHost = true
		tg, err := Open(ctx, tgt, creds)
		if err != nil {
			t.Fatal(err)
		}
		tg.Close()
		if !strings.Contains(stderr.String(), fp) {
			t.Errorf("trusting says %q", stderr.String())
		}
		if tg, err := Open(ctx, tgt, s.creds(nil, &bytes.Buffer{})); err != nil {
			t.Errorf("once trusted: %v", err)
		} else {
			tg.Close()
		}
	})

	t.Run("changed key", func(t *testing.T) {
		_, other, _ := ed25519.GenerateKey(rand.Reader)
		otherKey, _ := ssh.NewSignerFromKey(other)
		tgt := s.target(dir)
		tgt.KnownHosts = filepath.Join(t.TempDir(), "known_hosts")
		os.WriteFile(tgt.KnownHosts, []byte(knownhosts.Line([]string{knownhosts.Normalize(s.addr)}, otherKey.PublicKey())+"\n"), 0o600)
		creds := s.creds(nil, &bytes.Buffer{})
		creds.TrustHost = true // never overrides a changed key
		_, err := Open(ctx, tgt, creds)
		var e *Error
		if !errors.As(err, &e) || e.Kind != HostChanged || !strings.Contains(err.Error(), "mạo danh") || !strings.Contains(e.Advice(), "ssh-keygen -R") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestSFTPLogins(t *testing.T) {
	s := startSSH(t)
	dir := t.TempDir()
	ctx := context.Background()
	_, stranger, _ := ed25519.GenerateKey(rand.Reader)
	strangerKey := writeKey(t, t.TempDir(), "id_la", stranger)

	t.Run("wrong key", func(t *testing.T) {
		tgt := s.target(dir)
		tgt.IdentityFile = strangerKey
		_, err := Open(ctx, tgt, s.creds(nil, &bytes.Buffer{}))
		var e *Error
		if !errors.As(err, &e) || e.Kind != Auth || !strings.Contains(e.Advice(), "authorized_keys") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		tgt := s.target(dir)
		tgt.IdentityFile = strangerKey
		_, err := Open(ctx, tgt, s.creds(map[string]string{"LOA_TEST_PASSWORD": "sai"}, &bytes.Buffer{}))
		if KindOf(err) != Auth {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("password from the environment", func(t *testing.T) {
		tgt := s.target(dir)
		tgt.IdentityFile = strangerKey
		tg, err := Open(ctx, tgt, s.creds(map[string]string{"LOA_TEST_PASSWORD": testPassword}, &bytes.Buffer{}))
		if err != nil {
			t.Fatal(err)
		}
		tg.Close()
	})
	t.Run("missing folder", func(t *testing.T) {
		_, err := Open(ctx, s.target(filepath.Join(dir, "khong-co")), s.creds(nil, &bytes.Buffer{}))
		if err == nil || !strings.Contains(KindHint(err), "tạo thư mục") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("closed port", func(t *testing.T) {
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		addr := l.Addr().String()
		l.Close()
		tgt := s.target(dir)
		tgt.URL.Host = addr
		_, err := Open(ctx, tgt, s.creds(nil, &bytes.Buffer{}))
		if KindOf(err) != Unreachable || !strings.Contains(err.Error(), "không kết nối được tới máy chủ "+addr) {
			t.Fatalf("got %v", err)
		}
	})
}

// KindHint is the advice of err, for tests.
func KindHint(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Advice()
	}
	return ""
}

// deployPlanBytesOf is what the uploads of res weigh, sent or reused.
func deployPlanBytesOf(res Result) int64 {
	var n int64
	for _, c := range res.Uploads {
		n += c.Size
	}
	return n
}
