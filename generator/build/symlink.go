package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"loa/generator/diag"
)

// A site folder may hold symbolic links, to share a folder of photos
// between sites for example. A link is followed only where it stays inside
// the site folder or enters a folder listed under [security] allowOutside:
// otherwise a link static/passwd.txt → /etc/passwd would publish the
// machine's password file. Links are read through io/fs (fs.ReadLinkFS,
// which os.DirFS implements); only a target that is itself an absolute
// path of the machine is resolved with the operating system.

// maxHops bounds the links followed to resolve one path, as the kernel does
// (40 on Linux): a cycle of links is an error, never a hang.
const maxHops = 40

// links resolves the symbolic links of one folder tree.
type links struct {
	fsys  fs.FS
	root  string   // real absolute path of the tree on disk; "" when it is not on disk
	allow []string // real absolute folders links may point into
}

// place is where a path really is, all links resolved: inside the tree
// (rel, slash-separated, "" for the root) or in an allowed outside folder.
type place struct {
	rel string
	abs string // set when outside the tree
}

func (p place) join(name string) place {
	if p.abs != "" {
		return place{abs: filepath.Join(p.abs, name)}
	}
	return place{rel: path.Join(p.rel, name)}
}

// refusal says why a link is not followed.
type refusal struct {
	kind   int // outside, missing or loop
	target string
}

const (
	outside = iota
	missing
	loop
)

func newLinks(fsys fs.FS, allow []string) *links {
	l := &links{fsys: fsys, root: diskRoot(fsys)}
	for _, a := range allow {
		if real, err := filepath.EvalSymlinks(a); err == nil {
			a = real
		}
		l.allow = append(l.allow, a)
	}
	return l
}

// diskRoot finds where an os.DirFS (or fs.Sub of one) lies on disk: the
// folder it opens is an *os.File, which knows its name.
func diskRoot(fsys fs.FS) string {
	f, err := fsys.Open(".")
	if err != nil {
		return ""
	}
	defer f.Close()
	named, ok := f.(interface{ Name() string })
	if !ok {
		return ""
	}
	abs, err := filepath.Abs(named.Name())
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return ""
}

// key names a place so that a folder and those inside it share a prefix.
func (l *links) key(p place) string {
	switch {
	case p.abs != "":
		return p.abs
	case l.root != "":
		return filepath.Join(l.root, filepath.FromSlash(p.rel))
	}
	return "\x00/" + p.rel
}

// link resolves the link name (a path of fsys) found in the folder at dir.
func (l *links) link(dir place, name string, hops *int) (place, *refusal) {
	target, err := fs.ReadLink(l.fsys, name)
	if err != nil {
		return place{}, &refusal{missing, "?"}
	}
	*hops++
	if *hops > maxHops {
		return place{}, &refusal{loop, target}
	}
	var p place
	var ref *refusal
	switch {
	case filepath.IsAbs(target):
		p, ref = l.classify(target)
	case dir.abs != "":
		p, ref = l.classify(filepath.Join(dir.abs, filepath.FromSlash(target)))
	default:
		p, ref = l.within(dir.rel, target, hops)
	}
	if ref != nil && ref.target == "" {
		ref.target = target
	}
	return p, ref
}

// within resolves the relative path rel from the folder base inside the
// tree, one element at a time as the kernel does, so that ".." after a link
// leaves the folder the link points to.
func (l *links) within(base, rel string, hops *int) (place, *refusal) {
	cur := base
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		switch part {
		case "", ".":
			continue
		case "..":
			if cur == "" {
				if l.root == "" {
					return place{}, &refusal{kind: outside}
				}
				return l.classify(filepath.Join(filepath.Dir(l.root), filepath.FromSlash(strings.Join(parts[i+1:], "/"))))
			}
			cur = path.Dir(cur)
			if cur == "." {
				cur = ""
			}
			continue
		}
		next := path.Join(cur, part)
		info, err := fs.Lstat(l.fsys, next)
		if err != nil {
			return place{}, &refusal{kind: missing}
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		p, ref := l.link(place{rel: cur}, next, hops)
		if ref != nil {
			return place{}, ref
		}
		rest := strings.Join(parts[i+1:], "/")
		if p.abs != "" {
			return l.classify(filepath.Join(p.abs, filepath.FromSlash(rest)))
		}
		return l.within(p.rel, rest, hops)
	}
	return place{rel: cur}, nil
}

// classify places an absolute path of the machine: inside the tree, in an
// allowed folder, or refused.
func (l *links) classify(abs string) (place, *refusal) {
	real, err := filepath.EvalSymlinks(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return place{}, &refusal{kind: missing}
	case err != nil:
		return place{}, &refusal{kind: loop}
	}
	if l.root != "" && inFolder(real, l.root) {
		rel, err := filepath.Rel(l.root, real)
		if err == nil {
			if rel == "." {
				rel = ""
			}
			return place{rel: filepath.ToSlash(rel)}, nil
		}
	}
	for _, a := range l.allow {
		if inFolder(real, a) {
			return place{abs: real}, nil
		}
	}
	return place{}, &refusal{kind: outside, target: real}
}

// inFolder reports whether p is dir or lies inside it.
func inFolder(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// report turns a refusal into the diagnostic at the link.
func (r *refusal) report(diags *diag.List, name, written string) {
	shown := written
	if r.target != "" && r.target != written && filepath.IsAbs(r.target) {
		shown = fmt.Sprintf("%s (%s)", written, r.target)
	}
	pos := diag.Pos{File: name}
	switch r.kind {
	case outside:
		diags.Errorf(pos, "copy the file into the site folder, or list its folder under [security] allowOutside in config.toml",
			"symbolic link to %s points outside the site folder", shown).Vi(
			"chép tệp vào thư mục trang, hoặc ghi thư mục của nó vào [security] allowOutside trong config.toml",
			"liên kết tượng trưng tới %s trỏ ra ngoài thư mục trang", shown)
	case missing:
		diags.Errorf(pos, "correct the link's target, or delete the link",
			"symbolic link to %s points to nothing", shown).Vi(
			"sửa đích của liên kết, hoặc xoá liên kết", "liên kết tượng trưng tới %s trỏ tới tệp không có", shown)
	default:
		diags.Errorf(pos, "delete the link, or point it at a folder that does not hold it",
			"symbolic link to %s makes a loop", shown).Vi(
			"xoá liên kết, hoặc trỏ nó tới một thư mục không chứa chính nó", "liên kết tượng trưng tới %s tạo thành vòng lặp", shown)
	}
}

// walk calls fn for every file below dir, in sorted order, skipping hidden
// files and editors' temporary files, and following the links the rule
// allows into folders. fs.WalkDir would not enter a linked folder. A missing
// dir is no error. info gives the file's size when fn wants it: listing a
// folder costs no call per file.
func (l *links) walk(dir string, fn func(name string, info func() (fs.FileInfo, error))) diag.List {
	var diags diag.List
	if _, err := fs.Lstat(l.fsys, dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	hops := 0
	start, ref := l.within("", dir, &hops)
	if ref != nil {
		written, _ := fs.ReadLink(l.fsys, dir)
		ref.report(&diags, dir, written)
		return diags
	}
	if st, err := fs.Stat(l.fsys, dir); err != nil || !st.IsDir() {
		return nil
	}
	l.walkDir(&diags, dir, start, nil, fn)
	return diags
}

func (l *links) walkDir(diags *diag.List, name string, at place, above []string, fn func(string, func() (fs.FileInfo, error))) {
	entries, err := fs.ReadDir(l.fsys, name)
	if err != nil {
		diags.Errorf(diag.Pos{File: name}, "", "cannot read: %v", err)
		return
	}
	above = append(above, l.key(at))
	for _, e := range entries {
		if Ignored(e.Name()) {
			continue
		}
		child := path.Join(name, e.Name())
		if e.Type()&fs.ModeSymlink == 0 {
			if e.IsDir() {
				l.walkDir(diags, child, at.join(e.Name()), above, fn)
			} else {
				fn(child, e.Info)
			}
			continue
		}
		hops := 0
		p, ref := l.link(at, child, &hops)
		if ref != nil {
			written, _ := fs.ReadLink(l.fsys, child)
			ref.report(diags, child, written)
			continue
		}
		st, err := fs.Stat(l.fsys, child)
		if err != nil {
			diags.Errorf(diag.Pos{File: child}, "", "cannot read: %v", err)
			continue
		}
		if !st.IsDir() {
			fn(child, func() (fs.FileInfo, error) { return st, nil })
			continue
		}
		if k := l.key(p); holdsAny(k, above) {
			written, _ := fs.ReadLink(l.fsys, child)
			(&refusal{kind: loop}).report(diags, child, written)
			continue
		}
		l.walkDir(diags, child, p, above, fn)
	}
}

// holdsAny reports whether the folder k is one of dirs or holds one: walking
// it would walk the link again.
func holdsAny(k string, dirs []string) bool {
	for _, d := range dirs {
		if d == k || strings.HasPrefix(d, k+"/") || strings.HasPrefix(d, k+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// followFS lists a symbolic link as what it points to, so that fs.WalkDir
// in the config and theme packages enters linked folders of data/ and
// layouts/. Only trees that links.walk checked are read through it.
type followFS struct{ fs.FS }

func (f followFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(f.FS, name)
	for i, e := range entries {
		if e.Type()&fs.ModeSymlink == 0 {
			continue
		}
		if st, err := fs.Stat(f.FS, path.Join(name, e.Name())); err == nil {
			entries[i] = followed{e.Name(), st}
		}
	}
	return entries, err
}

func (f followFS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.FS, name) }

func (f followFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.FS, name) }

// followed is the directory entry of a link, describing its target.
type followed struct {
	name string
	info fs.FileInfo
}

func (e followed) Name() string               { return e.name }
func (e followed) IsDir() bool                { return e.info.IsDir() }
func (e followed) Type() fs.FileMode          { return e.info.Mode().Type() }
func (e followed) Info() (fs.FileInfo, error) { return e.info, nil }

var (
	_ fs.ReadDirFS  = followFS{}
	_ fs.ReadFileFS = followFS{}
	_ fs.StatFS     = followFS{}
)
