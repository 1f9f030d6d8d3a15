package build

import (
	"fmt"
	"path/filepath"

	"loa/generator/diag"
)

// CheckDest refuses a destination that would swallow the sources: the site
// folder itself or a folder above it, or a folder inside what the build
// reads (the site's folders of sources, wherever their symbolic links lead,
// and the outside folders allowOutside lets links enter). Publishing there
// would replace sources with the output, or feed the output back in as
// input. site and dest are folders on disk; dest need not exist.
func CheckDest(site, dest string, allowOutside []string) error {
	dst := realPath(dest)
	if src := realPath(site); inFolder(src, dst) {
		return fmt.Errorf("destination %s is the site folder or holds it; choose another folder, such as %s",
			dest, filepath.Join(site, "public"))
	}
	var dirs []string
	for _, d := range []string{"content", "static", "layouts", "themes", "assets", "data", "i18n"} {
		dirs = append(dirs, filepath.Join(site, d))
	}
	dirs = append(dirs, allowOutside...)
	for _, d := range dirs {
		if inFolder(dst, realPath(d)) {
			return fmt.Errorf("destination %s is inside %s, which the site reads (the site's sources); choose another folder, such as %s",
				dest, d, filepath.Join(site, "public"))
		}
	}
	return nil
}

// CheckPathLengths reports outputs of every language too long for Windows
// below dest (see site.Site.CheckPathLengths).
func (p *Plan) CheckPathLengths(dest string) diag.List {
	var diags diag.List
	for _, s := range p.Sites {
		diags.Append(s.CheckPathLengths(dest))
	}
	diags.Sort()
	return diags
}

// CheckDest is CheckDest with the plan's [security] allowOutside folders.
func (p *Plan) CheckDest(site, dest string) error {
	return CheckDest(site, dest, p.Config.Security.AllowOutside)
}

// realPath is the absolute path with symbolic links resolved, as far as the
// path exists.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest)
		}
		if cur == filepath.Dir(cur) {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}
