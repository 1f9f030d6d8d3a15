package config

import (
	"fmt"
	"strings"
	"testing"
)

func TestDeployTargets(t *testing.T) {
	cfg, diags := Parse([]byte(`[[deploy.targets]]
name = "may-chu-so"
url = "sftp://bientap@web.halam.gov.vn:2222/var/www/html"
knownHosts = "~/.ssh/known_hosts_so"

[[deploy.targets]]
name = "du-phong"
url = "ftps://ftp.halam.gov.vn/public_html"
user = "bientap"
passwordEnv = "MAT_KHAU_FTP"
caFile = "ca.pem"

[[deploy.targets]]
name = "o-chung"
url = "file:///mnt/web"
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d := cfg.Deploy
	if got := strings.Join(d.Names(), ","); got != "may-chu-so,du-phong,o-chung" {
		t.Fatalf("names %s", got)
	}
	s, _ := d.Target("MAY-CHU-SO")
	if s.URL.Scheme != "sftp" || s.URL.Port() != "2222" || s.URL.User.Username() != "bientap" || s.PasswordEnv != DefaultPasswordEnv ||
		s.KnownHosts != "~/.ssh/known_hosts_so" || s.Pos.String() != "config.toml:1:1" {
		t.Errorf("sftp target %+v at %s", s, s.Pos)
	}
	f, _ := d.Target("du-phong")
	if f.User != "bientap" || f.PasswordEnv != "MAT_KHAU_FTP" || f.CAFile != "ca.pem" || f.Pos.Line != 6 {
		t.Errorf("ftps target %+v", f)
	}
	if o, _ := d.Target("o-chung"); o.URL.Path != "/mnt/web" {
		t.Errorf("file target %+v", o)
	}
}

func TestDeployErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"password key", "[[deploy.targets]]\nname = \"so\"\nurl = \"ftp://a@h/\"\npassword = \"bimat123\"\n",
			`config.toml:4:13: deploy target "so": a password must not be written`},
		{"password in url", "[[deploy.targets]]\nname = \"so\"\nurl = \"ftp://bientap:bimat123@h/\"\n",
			`config.toml:3:8: deploy target "so": url holds a password (user:password@)`},
		{"unknown scheme", "[[deploy.targets]]\nname = \"so\"\nurl = \"https://h/\"\n",
			`config.toml:3:8: deploy target "so": url must start with sftp://`},
		{"no url", "[[deploy.targets]]\nname = \"so\"\n", `config.toml:1:1: deploy target "so": url is missing`},
		{"no host", "[[deploy.targets]]\nname = \"so\"\nurl = \"sftp:///var/www\"\n", `config.toml:3:8: deploy target "so": url names no host`},
		{"bad name", "[[deploy.targets]]\nname = \"sở tư pháp\"\nurl = \"file:///x\"\n", `config.toml:2:9: deploy target 1: name "sở tư pháp" must be`},
		{"twice", "[[deploy.targets]]\nname = \"so\"\nurl = \"file:///x\"\n[[deploy.targets]]\nname = \"SO\"\nurl = \"file:///y\"\n",
			`config.toml:5:9: deploy target "SO" is named twice`},
		{"caFile on sftp", "[[deploy.targets]]\nname = \"so\"\nurl = \"sftp://h/x\"\ncaFile = \"ca.pem\"\n",
			`config.toml:4:11: deploy target "so": caFile is used only by ftps:// targets`},
		{"unknown key", "[[deploy.targets]]\nname = \"so\"\nurl = \"sftp://h/x\"\nidentity = \"k\"\n",
			`config.toml:4:1: unknown setting "deploy.targets.identity"`},
		{"unknown table key", "[deploy]\ntarget = 1\n", `config.toml:2:1: unknown setting "deploy.target"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Parse([]byte(c.src))
			if len(diags) == 0 || !strings.HasPrefix(diags[0].String(), c.want) {
				t.Fatalf("want %s, got %v", c.want, diags)
			}
			if strings.Contains(fmt.Sprint(diags), "bimat123") {
				t.Errorf("the message repeats the password: %v", diags)
			}
		})
	}
}
