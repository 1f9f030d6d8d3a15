package build

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"maps"
	"slices"
	"strconv"
	"time"

	"loa/generator/config"
	"loa/generator/page"
	"loa/generator/theme"
)

// parseVersion names the recipe of parseSum: change it when an ingredient
// is added, so that no older cache entry matches.
const parseVersion = "loa parse 1"

// parseSum identifies everything the parse of a content file reads besides
// the file itself: a page parsed with equal sums and equal bytes is the
// same page. What page.Parser reads: the whole configuration (shortcode
// templates see all of it as .Site) with the flags that change it; every
// language's shortcode templates, the files they come from and the words
// they print; the glossary; and the time zones that give front matter
// dates their instant and their name: the site's, and the computer's
// (TOML and YAML read a date with an offset in it when the offsets match,
// and a TOML date without a zone with its offset).
func (b *Builder) parseSum(cfg *config.Config, res *resources, scs []*theme.Shortcodes, gl page.Glossary) [32]byte {
	h := sha256.New()
	w := func(s string) { fmt.Fprintf(h, "%d:%s", len(s), s) }
	w(parseVersion)
	b.mu.Lock()
	w(string(b.cfgSrc))
	b.mu.Unlock()
	w(b.opts.BaseURL)
	fmt.Fprintf(h, "%t %t %t\n", b.opts.Drafts, b.opts.Future, b.opts.Expired)
	for i, l := range cfg.Languages {
		w(l.Lang)
		d := scs[i].Digest()
		h.Write(d[:])
		words := res.langWords[l.Lang]
		fmt.Fprintf(h, "%d\n", len(words))
		for _, k := range slices.Sorted(maps.Keys(words)) {
			w(k)
			w(words[k])
		}
		zoneSum(h, l.Config().Location)
	}
	fmt.Fprintf(h, "%d\n", len(gl))
	for _, k := range slices.Sorted(maps.Keys(gl)) {
		w(k)
		w(gl[k])
	}
	zoneSum(h, time.Local)
	name, offset := time.Now().Zone()
	w(name)
	fmt.Fprintf(h, "%d\n", offset)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// zoneSum adds a zone's name and rules to h: the name and offset of every
// period from 1800 to 2200, so that an update of the zone database that
// moves a date gives another sum.
func zoneSum(h hash.Hash, loc *time.Location) {
	if loc == nil {
		fmt.Fprint(h, "no zone\n")
		return
	}
	fmt.Fprintf(h, "%d:%s", len(loc.String()), loc.String())
	t := time.Date(1800, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(2200, 1, 1, 0, 0, 0, 0, loc)
	for range 10000 { // far more periods than any zone has
		name, offset := t.Zone()
		fmt.Fprintf(h, "%d %s %d\n", t.Unix(), name, offset)
		_, next := t.ZoneBounds()
		if next.IsZero() || next.After(end) {
			return
		}
		t = next
	}
}

// pageKey is the key of a content file's parse in the cache on disk: the
// program (see toolSum), the parse's other inputs (parseSum), the file's
// name and the SHA-256 of its bytes, which the proofreader's cache is
// keyed with too: the bytes are hashed once.
func pageKey(tool, sum [32]byte, name string, src [32]byte) [32]byte {
	b := make([]byte, 0, 3*32+len(name)+8)
	b = append(b, tool[:]...)
	b = append(b, sum[:]...)
	b = strconv.AppendInt(b, int64(len(name)), 10)
	b = append(b, ':')
	b = append(b, name...)
	b = append(b, src[:]...)
	return sha256.Sum256(b)
}
