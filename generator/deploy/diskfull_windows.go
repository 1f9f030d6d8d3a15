package deploy

import (
	"errors"
	"syscall"
)

// diskFull reports Windows' disk-full errors, which are not ENOSPC: a
// shared folder on a full disk says ERROR_DISK_FULL or
// ERROR_HANDLE_DISK_FULL.
func diskFull(err error) bool {
	const errorHandleDiskFull, errorDiskFull = syscall.Errno(39), syscall.Errno(112)
	return errors.Is(err, errorHandleDiskFull) || errors.Is(err, errorDiskFull)
}
