package config

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"loa/generator/diag"
)

// Deploy holds [[deploy.targets]]: the hosts `loa deploy` publishes to.
type Deploy struct {
	Targets []DeployTarget // in the order written
}

// DeployTarget is one host. Secrets are never part of it: a password comes
// from the environment variable PasswordEnv names (or a prompt), an SSH key
// from IdentityFile, the default keys or the agent.
type DeployTarget struct {
	Name string   // a short name, usable as a file name: "so-tu-phap"
	URL  *url.URL // sftp://, ftp://, ftps:// or file://; never with a password
	// User overrides the user of the URL (the login name of the host).
	User string
	// PasswordEnv names the environment variable holding the password;
	// DefaultPasswordEnv unless set.
	PasswordEnv string
	// KnownHosts, IdentityFile and CAFile are paths as written (relative
	// to the site folder, or starting with ~/); "" means the default.
	KnownHosts   string // sftp: known_hosts (default ~/.ssh/known_hosts)
	IdentityFile string // sftp: a private key (default: the agent, then ~/.ssh/id_*)
	CAFile       string // ftps: PEM certificates to trust besides the system's
	Pos          diag.Pos
}

// DefaultPasswordEnv is the environment variable read for a password when
// a target names none.
const DefaultPasswordEnv = "LOA_DEPLOY_PASSWORD"

// deployFile mirrors [deploy] in config.toml.
type deployFile struct {
	Targets []deployTargetFile `toml:"targets"`
}

type deployTargetFile struct {
	Name         string `toml:"name"`
	URL          string `toml:"url"`
	User         string `toml:"user"`
	PasswordEnv  string `toml:"passwordEnv"`
	KnownHosts   string `toml:"knownHosts"`
	IdentityFile string `toml:"identityFile"`
	CAFile       string `toml:"caFile"`
	// Password is read only to refuse it with a better message than
	// "unknown setting".
	Password any `toml:"password"`
}

var (
	targetName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	envName    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// deploy checks [[deploy.targets]].
func (f deployFile) deploy(root table) (Deploy, diag.List) {
	var diags diag.List
	var d Deploy
	seen := map[string]bool{}
	for i, t := range f.Targets {
		idx := strconv.Itoa(i)
		at := func(key string) diag.Pos {
			if s, exact := root.get("deploy", "targets", idx, key); s != nil && exact {
				return s.vpos
			}
			if s, _ := root.get("deploy", "targets", idx); s != nil {
				return s.pos
			}
			return diag.Pos{File: File}
		}
		dt := DeployTarget{Name: t.Name, User: t.User, PasswordEnv: t.PasswordEnv, KnownHosts: t.KnownHosts,
			IdentityFile: t.IdentityFile, CAFile: t.CAFile, Pos: at("")}
		if dt.PasswordEnv == "" {
			dt.PasswordEnv = DefaultPasswordEnv
		}
		if t.Password != nil {
			diags.Errorf(at("password"), "delete it and set the environment variable "+dt.PasswordEnv+" when deploying (or name another with passwordEnv)",
				"deploy target %q: a password must not be written in the configuration", t.Name).Vi(
				"hãy xoá dòng này và đặt mật khẩu vào biến môi trường "+dt.PasswordEnv+" khi xuất bản (hoặc chọn tên biến khác bằng passwordEnv)",
				"nơi xuất bản %q: không được ghi mật khẩu trong tệp cấu hình", t.Name)
		}
		switch {
		case !targetName.MatchString(t.Name):
			diags.Errorf(at("name"), `give each target a short name of letters, digits and -, such as name = "may-chu-so"`,
				"deploy target %d: name %q must be letters, digits, '.', '_' or '-'", i+1, t.Name).Vi(
				`đặt cho mỗi nơi xuất bản một tên ngắn gồm chữ, số và dấu -, ví dụ name = "may-chu-so"`,
				"nơi xuất bản thứ %d: tên %q chỉ được gồm chữ không dấu, số, '.', '_' hoặc '-'", i+1, t.Name)
		case seen[strings.ToLower(t.Name)]:
			diags.Errorf(at("name"), "give each target its own name", "deploy target %q is named twice", t.Name).Vi(
				"mỗi nơi xuất bản cần một tên riêng", "tên nơi xuất bản %q bị trùng", t.Name)
		}
		seen[strings.ToLower(t.Name)] = true
		if !envName.MatchString(dt.PasswordEnv) {
			diags.Errorf(at("passwordEnv"), "write the name of an environment variable, such as LOA_DEPLOY_PASSWORD",
				"deploy target %q: passwordEnv %q is not the name of an environment variable", t.Name, dt.PasswordEnv).Vi(
				"ghi tên một biến môi trường, ví dụ LOA_DEPLOY_PASSWORD",
				"nơi xuất bản %q: passwordEnv %q không phải tên biến môi trường", t.Name, dt.PasswordEnv)
		}
		u, msg, msgVi := deployURL(t.URL, dt.PasswordEnv)
		if msg != "" {
			diags.Errorf(at("url"), "write the address of the host's folder, such as \"sftp://bientap@web.tinh.gov.vn/var/www/html\", \"ftps://bientap@ftp.tinh.gov.vn/public_html\" or \"file:///mnt/web\"; a password goes in the environment variable "+dt.PasswordEnv,
				"deploy target %q: url %s", t.Name, msg).Vi(
				"ghi địa chỉ thư mục trên máy chủ, ví dụ \"sftp://bientap@web.tinh.gov.vn/var/www/html\", \"ftps://bientap@ftp.tinh.gov.vn/public_html\" hoặc \"file:///mnt/web\"; mật khẩu đặt trong biến môi trường "+dt.PasswordEnv,
				"nơi xuất bản %q: url %s", t.Name, msgVi)
		}
		dt.URL = u
		if u != nil {
			diags.Append(onlyFor(t, u.Scheme, at))
		}
		d.Targets = append(d.Targets, dt)
	}
	return d, diags
}

// deployURL parses a target's address; the messages say what is wrong
// without repeating a password written in it.
func deployURL(raw, env string) (u *url.URL, msg, msgVi string) {
	if raw == "" {
		return nil, "is missing", "còn thiếu"
	}
	u, err := url.Parse(raw)
	if err != nil {
		if i := strings.Index(raw, "@"); i >= 0 && strings.Contains(raw[:i], ":") && strings.Contains(raw, "://") {
			return nil, "holds a password; it must not be written in the configuration",
				"có chứa mật khẩu; không được ghi mật khẩu trong tệp cấu hình"
		}
		return nil, "is not an address", "không phải một địa chỉ"
	}
	if _, has := u.User.Password(); has {
		return nil, "holds a password (user:password@); write only the user and set " + env + " when deploying",
			"có chứa mật khẩu (tên:mật-khẩu@); chỉ ghi tên đăng nhập và đặt " + env + " khi xuất bản"
	}
	switch u.Scheme {
	case "sftp", "ftp", "ftps":
		if u.Hostname() == "" {
			return nil, "names no host", "thiếu tên máy chủ"
		}
		if p := u.Port(); p != "" {
			if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
				return nil, "has a wrong port " + p, "có cổng sai " + p
			}
		}
	case "file":
		if u.Path == "" && u.Opaque == "" {
			return nil, "names no folder", "thiếu thư mục"
		}
	default:
		return nil, "must start with sftp://, ftp://, ftps:// or file://",
			"phải bắt đầu bằng sftp://, ftp://, ftps:// hoặc file://"
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, "must not have ?… or #…", "không được có ?… hay #…"
	}
	return u, "", ""
}

// onlyFor refuses settings that the target's kind of address does not use,
// so that a caFile meant for FTPS is not silently ignored on SFTP.
func onlyFor(t deployTargetFile, scheme string, at func(string) diag.Pos) diag.List {
	var diags diag.List
	for _, s := range []struct {
		key, value string
		schemes    []string
	}{
		{"knownHosts", t.KnownHosts, []string{"sftp"}},
		{"identityFile", t.IdentityFile, []string{"sftp"}},
		{"caFile", t.CAFile, []string{"ftps"}},
		{"user", t.User, []string{"sftp", "ftp", "ftps"}},
	} {
		if s.value == "" || contains(s.schemes, scheme) {
			continue
		}
		want := strings.Join(s.schemes, "://, ") + "://"
		diags.Errorf(at(s.key), "delete it, or change the url", "deploy target %q: %s is used only by %s targets, not %s://", t.Name, s.key, want, scheme).Vi(
			"xoá dòng này, hoặc sửa url", "nơi xuất bản %q: %s chỉ dùng cho địa chỉ %s, không dùng cho %s://", t.Name, s.key, want, scheme)
	}
	return diags
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Target returns the deploy target named name (case-insensitive).
func (d Deploy) Target(name string) (DeployTarget, bool) {
	for _, t := range d.Targets {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return DeployTarget{}, false
}

// Names lists the targets' names in the order written.
func (d Deploy) Names() []string {
	names := make([]string, len(d.Targets))
	for i, t := range d.Targets {
		names[i] = t.Name
	}
	return names
}
