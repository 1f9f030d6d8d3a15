package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

func runVersion(env *Env, args []string) int {
	fs := newFlagSet(env, "version", "version")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(env.Stderr, "loa version: unexpected argument %q\n", pos[0])
		return ExitUsage
	}
	info, _ := debug.ReadBuildInfo()
	fmt.Fprintln(env.Stdout, versionLine(env.Version, info))
	return ExitOK
}

// versionLine says which Loa this is: the release version stamped with
// -ldflags "-X main.version=…" (else the module version of go install, else
// "dev"), then the commit, its time and whether the tree had uncommitted
// changes, as go build records them in a git checkout. go run and go test
// record no commit, and the line says so rather than inventing one.
func versionLine(stamped string, info *debug.BuildInfo) string {
	v := stamped
	if v == "" && info != nil && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "dev"
	}
	var rev, when string
	var modified bool
	if info != nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	line := "loa " + v
	switch {
	case rev == "":
		line += " (no commit recorded: built by go run or go test, or outside git)"
	default:
		if len(rev) > 12 {
			rev = rev[:12]
		}
		line += " (commit " + rev
		if when != "" {
			line += ", " + when
		}
		if modified {
			line += ", with uncommitted changes / có thay đổi chưa commit"
		}
		line += ")"
	}
	return line + " " + runtime.GOOS + "/" + runtime.GOARCH
}
