//go:build !linux

package publish

import "errors"

// exchange would swap a and b atomically; only Linux offers that, so
// elsewhere Commit renames the old folder aside instead.
func exchange(a, b string) error { return errors.ErrUnsupported }
