// Command loa builds Vietnamese public-information websites from Markdown.
// The work is done by the packages under generator/; see generator/cli.
package main

import (
	"embed"
	"io/fs"
	"os"

	"loa/generator/cli"
)

// version is the release version, stamped by release/build with
// -ldflags "-X main.version=…"; empty in development builds.
var version string

// The default theme is part of the binary, so a site folder without
// themes/ builds.
//
//go:embed all:themes/default
var themes embed.FS

// The example site is part of the binary too, for loa init and for a
// double-click in an empty folder. all: keeps content/_index.md.
//
//go:embed config.toml all:content all:static data
var example embed.FS

func main() {
	theme, err := fs.Sub(themes, "themes/default")
	if err != nil {
		panic(err)
	}
	cli.SetupConsole()
	os.Exit(cli.Main(os.Args[1:], &cli.Env{
		Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin,
		Theme: theme, Example: example, Version: version,
	}))
}
