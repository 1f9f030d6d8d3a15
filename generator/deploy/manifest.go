package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// The files deploy keeps in the target's folder, beside the site. Web
// servers serve them like any file; they hold only the paths and hashes
// of files that are public anyway.
const (
	// ManifestName is the manifest: every file deployed, with its hash.
	// It is written last, so it describes a complete deploy.
	ManifestName = ".loa-deploy.json"
	// JournalName lists what a deploy under way is changing; it exists
	// only while one runs, or after one was cut, for the next to resume.
	JournalName = ".loa-deploy-journal.json"
	// tmpMark is in the name of every file uploaded and not yet renamed.
	tmpMark = ".loa-tmp-"
)

// Entry is what the manifest knows of one file.
type Entry struct {
	Sum  string `json:"sha256"` // hex
	Size int64  `json:"size"`
}

// Files maps slash-separated paths to their entries.
type Files map[string]Entry

// manifest is the JSON of ManifestName.
type manifest struct {
	Version int   `json:"version"`
	Files   Files `json:"files"`
}

const manifestVersion = 1

func encodeManifest(files Files) []byte {
	b, err := json.MarshalIndent(manifest{Version: manifestVersion, Files: files}, "", " ")
	if err != nil {
		panic(err) // strings and numbers always encode
	}
	return append(b, '\n')
}

func decodeManifest(b []byte) (Files, error) {
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("manifest version %d, this loa reads %d", m.Version, manifestVersion)
	}
	for p := range m.Files {
		if !validName(p) {
			return nil, fmt.Errorf("manifest names %q", p)
		}
	}
	if m.Files == nil {
		m.Files = Files{}
	}
	return m.Files, nil
}

// journal is the JSON of JournalName: the files a deploy puts in place,
// each with its temporary name.
type journal struct {
	Version int                `json:"version"`
	Files   map[string]pending `json:"files"`
}

type pending struct {
	Entry
	Tmp string `json:"tmp"` // the temporary name it is uploaded under
	// Renaming is set once every upload of its deploy succeeded: from
	// then on, a temporary file that is gone was renamed into place.
	Renaming bool `json:"renaming,omitempty"`
}

func encodeJournal(files map[string]pending) []byte {
	b, err := json.MarshalIndent(journal{Version: manifestVersion, Files: files}, "", " ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

func decodeJournal(b []byte) (map[string]pending, error) {
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, err
	}
	if j.Version != manifestVersion {
		return nil, fmt.Errorf("journal version %d, this loa reads %d", j.Version, manifestVersion)
	}
	for p, e := range j.Files {
		if !validName(p) || !validName(e.Tmp) || !strings.Contains(path.Base(e.Tmp), tmpMark) {
			return nil, fmt.Errorf("journal names %q", p)
		}
	}
	return j.Files, nil
}

// validName keeps what a manifest or journal on the host says inside the
// target's folder: a host that was tampered with must not make deploy
// remove ../../etc/passwd.
func validName(p string) bool {
	return p != "" && fs.ValidPath(p) && p != "." && !strings.Contains(p, "\\")
}

// tmpName is the temporary name of a file with the given hash: in its own
// folder, so that the rename stays on one disk, and named by the content,
// so that a resumed deploy knows what an upload left there holds.
func tmpName(p, sum string) string {
	dir, base := path.Split(p)
	return dir + base + tmpMark + sum[:12]
}

// skipped are names never deployed: version control and the litter of
// desktop file managers.
func skipped(name string, dir bool) bool {
	switch strings.ToLower(name) {
	case ".git", ".hg", ".svn":
		return dir
	case ".ds_store", "thumbs.db", "desktop.ini":
		return !dir
	}
	return strings.Contains(name, tmpMark) || name == ManifestName || name == JournalName
}

// Scan hashes every file under dir (the built site), by slash-separated
// path.
func Scan(dir string) (Files, error) {
	files := Files{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		isDir := d.IsDir()
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil {
				return err
			}
			if isDir = st.IsDir(); isDir {
				return nil // a linked folder is not followed: it could lead anywhere
			}
		}
		if skipped(d.Name(), isDir) {
			if isDir {
				return filepath.SkipDir
			}
			return nil
		}
		if isDir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		e, err := hashFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = e
		return nil
	})
	return files, err
}

func hashFile(name string) (Entry, error) {
	f, err := os.Open(name)
	if err != nil {
		return Entry{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return Entry{}, err
	}
	return Entry{Sum: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}
