package publish

import "os"

// TEMPORARY until the lazy stage lands.
func (s *Stage) Keep(rel string) error {
	if s.root == nil {
		return os.ErrNotExist
	}
	return s.CopyFile(rel, s.root.FS(), rel)
}
