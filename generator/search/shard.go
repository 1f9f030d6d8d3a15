package search

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Term and pair shards are cut where their keys say, not where a running
// size does (content-defined chunking). A key whose entry is n bytes opens
// a shard, once the one before holds minShard bytes, when the key's hash
// falls below n/cutBytes of its range: every byte past minShard is an
// equal chance of a cut, whatever the sizes of the keys, and shards are
// about minShard + cutBytes. A key of bigKey bytes or more (a common
// syllable's postings) is a shard of its own, so that a query for it
// fetches little else; a shard that would pass maxShard ends anyway.
//
// So a postings list that grows by a document changes its own shard and,
// rarely, moves a cut by a key; a new key rarely opens a shard, since its
// postings are short. Cuts placed by size would all move after it.
const (
	minShard = shardBytes * 2 / 3
	cutBytes = shardBytes - minShard
	bigKey   = shardBytes / 2
	maxShard = 3 * shardBytes
)

// shard cuts the sorted keys into files (see above) and returns the first
// key of each, for the reader to find a key's file by binary search, but
// "" for the first file, which holds every key before the second's: so it
// keeps its name when the smallest key goes. Each file is a JSON object of
// the keys to their values, named by its first key (ShardName); value
// appends the i-th key's value, as JSON, and returns its size as counted
// for the cut. The text is written directly: encoding/json would sort keys
// that are sorted already, through reflection, and was a third of the
// index's cost.
func shard(dir string, keys []string, value func(i int, b *bytes.Buffer) int, write func(File)) []string {
	var heads []string
	named := map[string]bool{}
	var cur, v bytes.Buffer
	size, big := 0, false
	flush := func() {
		cur.WriteByte('}')
		write(File{dir + ShardName(heads[len(heads)-1]) + ".json", bytes.Clone(cur.Bytes())})
		cur.Reset()
		size = 0
	}
	for i, k := range keys {
		v.Reset()
		n := len(k) + 8 + value(i, &v)
		cut := big || n >= bigKey || size+n > maxShard || size >= minShard && opens(k, n)
		// Two first keys of one hash would name one file: the second
		// stays in the shard before it.
		if size > 0 && cut && !named[ShardName(k)] {
			flush()
		}
		if size == 0 {
			head := k
			if len(heads) == 0 {
				head = ""
			}
			heads = append(heads, head)
			named[ShardName(head)] = true
			cur.WriteByte('{')
		} else {
			cur.WriteByte(',')
		}
		jsonString(&cur, k)
		cur.WriteByte(':')
		cur.Write(v.Bytes())
		size += n
		big = n >= bigKey
	}
	if size > 0 {
		flush()
	}
	return heads
}

// opens reports whether key, whose entry is n bytes, may open a shard:
// with chance n/cutBytes, by the top half of the key's FNV-1a hash, the
// better mixed.
func opens(key string, n int) bool {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= 1099511628211
	}
	return h>>32 < uint64(n)<<32/cutBytes
}

// ShardName is the name of the term or pair shard whose first key is head:
// the FNV-1a hash (32 bits) of its UTF-8 bytes, in hex. The theme's
// search.js computes it too, for the shard a binary search of the first
// keys finds. The name depends on that key alone, so a shard that
// neighbours split or merged keeps its name, and its file if unchanged.
func ShardName(head string) string {
	h := uint32(2166136261)
	for i := 0; i < len(head); i++ {
		h ^= uint32(head[i])
		h *= 16777619
	}
	return fmt.Sprintf("%08x", h)
}

// jsonString appends s as a JSON string, escaped as encoding/json escapes
// it (HTML-safe), so that the files are the same as it would write.
func jsonString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
