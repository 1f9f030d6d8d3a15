package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// What the servers print: their address once they serve, and a line with
// their own time after each rebuild. Loa keeps serving when its first
// build fails, without an address line; Hugo exits.
const (
	loaAddress  = `Xem tại (\S+)`
	loaBroken   = `^Lỗi khi dựng trang`
	loaOwn      = `Đã dựng lại (?P<pages>\d+) trang trong (?P<ms>\d+) ms`
	hugoAddress = `Web Server is available at (\S+)`
	hugoOwn     = `Total in (?P<ms>\d+) ms`
)

// tool is what the measurement needs to know about one preview server.
type tool struct {
	name    string
	argv    []string
	address *regexp.Regexp                                                      // the line with the server's address, in group 1
	broken  *regexp.Regexp                                                      // a line saying the first build failed, or nil
	own     *regexp.Regexp                                                      // the line with its own rebuild time; see parseOwn
	listen  func(ctx context.Context, base, page string) (<-chan reload, error) // as the page at the address page would
	// named: the server's reloads name the pages that changed, so an
	// edit's reload is the first that names the edited page; otherwise it
	// is the first reload after the save.
	named bool
	// layout is the single-page layout in the site copy that template
	// edits write, and layoutText what they write there, plus a span.
	layout     string
	layoutText []byte
}

// loaTool serves the copy at site with `loa serve`; template edits put
// text (Loa's default single.html) into the site's own layouts/, over the
// theme built into the binary.
func loaTool(bin, site string, port int, text []byte) (tool, error) {
	layout := filepath.Join(site, "layouts", "_default", "single.html")
	// Made before the server starts, so that no edit waits for a new folder.
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		return tool{}, err
	}
	return tool{
		name:       "loa",
		argv:       []string{bin, "serve", "-s", site, "--port", strconv.Itoa(port)},
		address:    regexp.MustCompile(loaAddress),
		broken:     regexp.MustCompile(loaBroken),
		own:        regexp.MustCompile(loaOwn),
		listen:     listenLoa,
		named:      true,
		layout:     layout,
		layoutText: text,
	}, nil
}

// hugoTool serves the copy at site with `hugo server`, rendering every
// page on every change (--disableFastRender: no browser is open to say
// which pages matter) and minifying, as `loa serve` does. Template edits
// change the bench theme's single.html.
func hugoTool(bin, site string, port int, cache string) (tool, error) {
	layout := filepath.Join(site, "themes", "bench", "layouts", "_default", "single.html")
	text, err := os.ReadFile(layout)
	if err != nil {
		return tool{}, err
	}
	argv := []string{bin, "server", "-s", site, "--config", filepath.Join(site, "hugo-bench.toml"), "--port", strconv.Itoa(port),
		"--disableFastRender", "--minify", "--cacheDir", cache}
	if hasFlag(bin, "--renderToMemory") {
		argv = append(argv, "--renderToMemory") // newer Hugo; older ones render to memory anyway
	}
	return tool{
		name:       "hugo",
		argv:       argv,
		address:    regexp.MustCompile(hugoAddress),
		own:        regexp.MustCompile(hugoOwn),
		listen:     listenHugo,
		layout:     layout,
		layoutText: text,
	}, nil
}

// hasFlag reports whether `hugo server --help` lists flag.
func hasFlag(bin, flag string) bool {
	out, _ := exec.Command(bin, "server", "--help").CombinedOutput()
	return strings.Contains(string(out), flag+" ")
}
