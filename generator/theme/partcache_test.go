package theme

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// The cache of partialCached holds a bounded number of entries, keeps the
// ones used again, and tells variants apart.
func TestPartCacheBounded(t *testing.T) {
	c := newPartCache()
	const n = 10 * partShards * partKeep
	hot := partKey("item.html", []any{"/tin-tuc/moi-nhat/", 2})
	c.put(hot, "<article>mới nhất</article>")
	for i := range n {
		c.put(partKey("item.html", []any{fmt.Sprintf("/tin-tuc/%d/", i), 2}), template.HTML(strings.Repeat("x", 10)))
		if i%1000 == 0 { // a card shown on list after list stays
			if h, ok := c.get(hot); !ok || h != "<article>mới nhất</article>" {
				t.Fatalf("after %d others, the card used all along is gone (%q, %v)", i, h, ok)
			}
		}
	}
	held := 0
	for i := range c.shards {
		held += len(c.shards[i].young) + len(c.shards[i].old)
	}
	if held > 2*partShards*partKeep {
		t.Errorf("the cache holds %d entries after %d were put, more than %d", held, n, 2*partShards*partKeep)
	}
	if _, ok := c.get(partKey("item.html", []any{"/tin-tuc/0/", 2})); ok {
		t.Errorf("the first card, never used again, is still held after %d others", n)
	}
	if _, ok := c.get(partKey("item.html", []any{fmt.Sprintf("/tin-tuc/%d/", n-1), 2})); !ok {
		t.Errorf("the last card put is not held")
	}
	c.reset()
	if _, ok := c.get(hot); ok {
		t.Errorf("reset kept a card")
	}
}

// Variants that print differently are cached apart.
func TestPartKeyVariants(t *testing.T) {
	lists := [][]any{
		nil, {nil}, {""}, {"", ""}, {"a"}, {"a", ""}, {"", "a"}, {"a b"}, {"a", "b"}, {1}, {12}, {1, 2}, {true},
		{"/tin-tuc/a/", 2}, {"/tin-tuc/a/", 3}, {"/tin-tuc/a/", "small"}, {[]string{"x"}},
	}
	seen := map[string]int{}
	key := func(v []any) string { return string(partKey("item.html", v)) }
	for i, v := range lists {
		k := key(v)
		if j, ok := seen[k]; ok {
			t.Errorf("variants %#v and %#v share the key %q", lists[j], v, k)
		}
		seen[k] = i
	}
	if string(partKey("a.html", []any{"x"})) == string(partKey("b.html", []any{"x"})) {
		t.Errorf("two partials share a key")
	}
}

func partKey(name string, variants []any) []byte { return appendPartKey(nil, name, variants) }
