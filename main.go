// Command loa builds Vietnamese public-information websites from Markdown.
// The work is done by the packages under generator/; see generator/cli.
package main

import (
	"embed"
	"io/fs"
	"os"

	"loa/generator/cli"
)

// The default theme is part of the binary, so a site folder without
// themes/ builds.
//
//go:embed all:themes/default
var themes embed.FS

func main() {
	theme, err := fs.Sub(themes, "themes/default")
	if err != nil {
		panic(err)
	}
	os.Exit(cli.Main(os.Args[1:], &cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Theme: theme}))
}
