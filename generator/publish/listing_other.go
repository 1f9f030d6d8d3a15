//go:build !linux

package publish

// lister reads the folders of dest through the os package.
type lister struct{ dest string }

func openLister(dest string) (*lister, error) { return &lister{dest}, nil }

func (l *lister) close() {}

// folder reads one folder: its entries, and the folders among them to
// read next.
func (l *lister) folder(dir string, skipDotTops bool) (map[string]listed, []string, error) {
	return osFolder(l.dest, dir, skipDotTops)
}
