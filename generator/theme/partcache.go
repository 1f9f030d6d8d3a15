package theme

import (
	"fmt"
	"hash/maphash"
	"html/template"
	"strconv"
	"sync"
)

// partCache is what partialCached keeps during a render: the HTML of a
// partial for a name and a set of variants. It holds at most
// 2×partShards×partKeep entries, whatever the size of the site: a
// 100,000-item site has a card for each item in two or three variants,
// and keeping them all would hold some 130 MB to the end of the render
// (and make a lookup in a map that big slow). Each shard keeps two
// generations: a lookup finds a key in the young one, or moves it there
// from the old one; when the young one is full it becomes the old one and
// what the old one held is forgotten. A card is used on the list pages
// around its date and next to related pages, soon after each other, so
// a site whose cards all fit keeps all, and a bigger one renders again
// only a card not used for a long time.
type partCache struct {
	seed   maphash.Seed
	shards [partShards]partShard
}

const (
	partShards = 16
	partKeep   = 2048 // entries of a shard's young generation
)

type partShard struct {
	mu         sync.Mutex
	young, old map[string]template.HTML
}

func newPartCache() *partCache { return &partCache{seed: maphash.MakeSeed()} }

func (c *partCache) shard(key []byte) *partShard {
	return &c.shards[maphash.Bytes(c.seed, key)%partShards]
}

// get and put take the key as bytes, made in a buffer of the caller's: a
// lookup that finds the partial makes no string of it (a map indexed with
// string(key) does not copy the key).
func (c *partCache) get(key []byte) (template.HTML, bool) {
	s := c.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if h, ok := s.young[string(key)]; ok {
		return h, true
	}
	h, ok := s.old[string(key)]
	if ok {
		delete(s.old, string(key))
		s.put(string(key), h)
	}
	return h, ok
}

func (c *partCache) put(key []byte, h template.HTML) {
	s := c.shard(key)
	s.mu.Lock()
	s.put(string(key), h)
	s.mu.Unlock()
}

func (s *partShard) put(key string, h template.HTML) {
	if len(s.young) >= partKeep {
		s.old, s.young = s.young, nil
	}
	if s.young == nil {
		s.young = make(map[string]template.HTML, partKeep)
	}
	s.young[key] = h
}

// reset forgets everything, for a new render.
func (c *partCache) reset() {
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		s.young, s.old = nil, nil
		s.mu.Unlock()
	}
}

// appendPartKey appends the cache's key of a partial's name and variants
// to dst; the common variants (addresses, numbers) are written without fmt.
func appendPartKey(dst []byte, name string, variants []any) []byte {
	dst = append(dst, name...)
	for _, v := range variants {
		dst = append(dst, 0)
		switch v := v.(type) {
		case string:
			dst = append(dst, v...)
		case int:
			dst = strconv.AppendInt(dst, int64(v), 10)
		case bool:
			dst = strconv.AppendBool(dst, v)
		case nil:
			dst = append(dst, 1) // not the empty string's key
		default:
			dst = fmt.Append(dst, v)
		}
	}
	return dst
}
