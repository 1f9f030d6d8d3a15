package deploy

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"goftp.io/server/v2"
	"goftp.io/server/v2/driver/file"

	"loa/generator/config"
)

// startFTP runs goftp's server on 127.0.0.1 over root, with one user; with
// tlsConf it offers AUTH TLS (explicit FTPS).
func startFTP(t *testing.T, root string, tlsConf *tls.Config) string {
	t.Helper()
	drv, err := file.NewDriver(root)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close() // the server listens itself: it sets up TLS only in ListenAndServe
	opts := &server.Options{Driver: drv, Auth: &server.SimpleAuth{Name: "bientap", Password: testPassword},
		Perm: server.NewSimplePerm("bientap", "bientap"), Hostname: "127.0.0.1", Port: port,
		Logger: &server.DiscardLogger{}}
	if tlsConf != nil {
		opts.TLS, opts.ExplicitFTPS, opts.TLSConfig = true, true, tlsConf
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	go srv.ListenAndServe()
	t.Cleanup(func() { srv.Shutdown() })
	addr := net.JoinHostPort("127.0.0.1", strings.TrimSpace(itoa(port)))
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the FTP server did not start")
	return ""
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// selfSigned makes a certificate for 127.0.0.1 and writes it as caFile.
func selfSigned(t *testing.T, dir string) (*tls.Config, string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ftp.halam.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(dir, "ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, caFile
}

func ftpTargetFor(scheme, addr, dir string) config.DeployTarget {
	return config.DeployTarget{Name: "test", URL: &url.URL{Scheme: scheme, User: url.User("bientap"), Host: addr, Path: dir},
		PasswordEnv: "LOA_TEST_PASSWORD"}
}

func ftpCreds(pass string) Credentials {
	return Credentials{Getenv: func(k string) string {
		if k == "LOA_TEST_PASSWORD" {
			return pass
		}
		return ""
	}, Stderr: &bytes.Buffer{}, Timeout: 5 * time.Second}
}

func TestFTPDeployScenarios(t *testing.T) {
	base := t.TempDir()
	public, root := filepath.Join(base, "public"), filepath.Join(base, "ftp")
	host := filepath.Join(root, "public_html")
	os.MkdirAll(host, 0o755)
	addr := startFTP(t, root, nil)
	tg, err := Open(context.Background(), ftpTargetFor("ftp", addr, "/public_html"), ftpCreds(testPassword))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	scenarios(t, tg, public, host)

	// A cut deploy, then the next one finishes it.
	writeTree(t, public, oldSite)
	deployOnce(t, tg, public, Options{})
	writeTree(t, public, newSite)
	if _, err := Run(context.Background(), &cutTarget{Target: tg, n: 12}, Options{Public: public}); err == nil {
		t.Fatal("the cut deploy succeeded")
	}
	liveConsistent(t, host, 12)
	deployOnce(t, tg, public, Options{})
	sameTree(t, public, host)
}

func TestFTPSDeploy(t *testing.T) {
	base := t.TempDir()
	public, host := filepath.Join(base, "public"), filepath.Join(base, "ftp")
	os.MkdirAll(host, 0o755)
	conf, caFile := selfSigned(t, base)
	addr := startFTP(t, host, conf)
	tgt := ftpTargetFor("ftps", addr, "")
	tgt.CAFile = caFile

	t.Run("untrusted certificate", func(t *testing.T) {
		noCA := tgt
		noCA.CAFile = ""
		_, err := Open(context.Background(), noCA, ftpCreds(testPassword))
		if err == nil || !strings.Contains(KindHint(err), "caFile") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		_, err := Open(context.Background(), tgt, ftpCreds("sai"))
		if KindOf(err) != Auth || !strings.Contains(err.Error(), "từ chối đăng nhập") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("no password", func(t *testing.T) {
		_, err := Open(context.Background(), tgt, ftpCreds(""))
		if KindOf(err) != Auth || !strings.Contains(KindHint(err), "LOA_TEST_PASSWORD") {
			t.Fatalf("got %v", err)
		}
	})

	tg, err := Open(context.Background(), tgt, ftpCreds(testPassword))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	writeTree(t, public, oldSite)
	if res := deployOnce(t, tg, public, Options{}); res.Sent != len(oldSite) {
		t.Errorf("first deploy: %+v", res)
	}
	sameTree(t, public, host)
	if res := deployOnce(t, tg, public, Options{}); res.Sent != 0 || res.Unchanged != len(oldSite) {
		t.Errorf("no-op deploy: %+v", res)
	}
	sameTree(t, public, host)
	writeTree(t, public, newSite)
	deployOnce(t, tg, public, Options{})
	sameTree(t, public, host)
}
