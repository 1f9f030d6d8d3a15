package theme

// Candidates lists the layouts that may render a node, the first that exists
// wins, as in Hugo: the front matter layout and type (or the section) first,
// then _default. kind is "home", "section", "page", "taxonomy" or "term";
// typ is the front matter type, else the section; plural names the taxonomy.
func Candidates(kind, typ, layout, plural string) []string {
	var c []string
	add := func(dirs []string, names ...string) {
		for _, d := range dirs {
			for _, n := range names {
				if d != "" && n != "" {
					c = append(c, d+"/"+n+".html")
				}
			}
		}
	}
	dirs := []string{typ, "_default"}
	switch kind {
	case "home":
		c = append(c, "index.html", "home.html")
		add([]string{"_default"}, layout, "home", "list")
	case "page":
		add(dirs, layout, "single")
	case "section":
		add(dirs, layout, "section", "list")
	case "taxonomy":
		add([]string{plural, "_default"}, layout, "taxonomy", "list")
	case "term":
		add([]string{plural, "_default"}, layout, "term", "list")
	}
	return c
}
