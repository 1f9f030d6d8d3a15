//go:build !linux

package build

import "os"

// readFile is os.ReadFile: elsewhere the os package does not offer a
// regular file to its poller.
func readFile(name string) ([]byte, error) { return os.ReadFile(name) }
