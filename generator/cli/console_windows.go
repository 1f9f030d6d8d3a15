//go:build windows

package cli

import "golang.org/x/sys/windows"

// utf8CodePage is Windows' number for UTF-8 (CP_UTF8).
const utf8CodePage = 65001

// SetupConsole makes cmd.exe and PowerShell show Loa's Vietnamese: their
// console decodes output with the OEM code page (437 or 1258 on Vietnamese
// Windows) unless told that the bytes are UTF-8. A failure (output
// redirected to a file, no console) changes nothing worth reporting.
func SetupConsole() {
	_ = windows.SetConsoleOutputCP(utf8CodePage)
	_ = windows.SetConsoleCP(utf8CodePage) // the (C/k) answer may be "có"
}
