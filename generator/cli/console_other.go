//go:build !windows

package cli

// SetupConsole has nothing to do outside Windows: terminals there take
// UTF-8 already.
func SetupConsole() {}
