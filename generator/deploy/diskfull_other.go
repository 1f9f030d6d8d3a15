//go:build !windows

package deploy

// diskFull reports the platform's own disk-full errors beyond ENOSPC and
// EDQUOT; Unix has none.
func diskFull(error) bool { return false }
