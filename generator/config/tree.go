package config

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"loa/generator/diag"
)

// setting is one key of the merged configuration with the place it was
// written, so that every message about it names its own file and line.
type setting struct {
	name string   // the key as written, e.g. "DefaultContentLanguage"
	pos  diag.Pos // where the key is written
	vpos diag.Pos // where its value starts, or pos when unknown
	val  any      // table, []*setting, or a scalar (string, bool, int64, float64, a date)
}

// table is a table of settings by lower-case key: Hugo's keys are
// case-insensitive, so "DefaultContentLanguage" and "defaultcontentlanguage"
// are one setting.
type table map[string]*setting

// place tells where a key of one file is written: the key and its value.
type place struct{ key, val diag.Pos }

// tree turns a decoded file (maps, lists and scalars) into settings. at
// gives the place of a key path within the file; path is v's own.
func tree(v any, path []string, at func(path []string) place) any {
	switch v := v.(type) {
	case map[string]any:
		t := table{}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys) // two spellings of one key: the same one wins every time
		for _, k := range keys {
			p := append(append([]string{}, path...), k)
			pl := at(p)
			t[strings.ToLower(k)] = &setting{name: k, pos: pl.key, vpos: pl.val, val: tree(v[k], p, at)}
		}
		return t
	case map[any]any:
		m := map[string]any{}
		for k, x := range v {
			m[toString(k)] = x
		}
		return tree(m, path, at)
	case []map[string]any:
		list := make([]any, len(v))
		for i, m := range v {
			list[i] = m
		}
		return tree(list, path, at)
	case []any:
		list := make([]*setting, len(v))
		for i, x := range v {
			p := append(append([]string{}, path...), strconv.Itoa(i))
			pl := at(p)
			list[i] = &setting{name: strconv.Itoa(i), pos: pl.key, vpos: pl.val, val: tree(x, p, at)}
		}
		return list
	}
	return v
}

func toString(k any) string {
	if s, ok := k.(string); ok {
		return s
	}
	return fmt.Sprint(k)
}

// merge sets every setting of src in dst: tables merge key by key, anything
// else in src replaces what dst had, as Hugo merges its configuration files.
func merge(dst, src table) {
	for k, s := range src {
		if d, ok := dst[k]; ok {
			dt, ok1 := d.val.(table)
			st, ok2 := s.val.(table)
			if ok1 && ok2 {
				merge(dt, st)
				continue
			}
		}
		dst[k] = s
	}
}

// keys returns the keys of t in order, for stable messages.
func (t table) keys() []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// get returns the setting at a key path (case-insensitive; list elements by
// index), or the deepest one found on the way, or nil.
func (t table) get(key ...string) (s *setting, exact bool) {
	var cur any = t
	for i, k := range key {
		var next *setting
		switch v := cur.(type) {
		case table:
			next = v[strings.ToLower(k)]
		case []*setting:
			if n, err := strconv.Atoi(k); err == nil && n >= 0 && n < len(v) {
				next = v[n]
			}
		}
		if next == nil {
			return s, false
		}
		s, cur = next, next.val
		if i == len(key)-1 {
			return s, true
		}
	}
	return s, len(key) == 0
}

// plain turns settings back into maps and lists, for [params] and the
// other values layouts read as they are.
func plain(v any) any {
	switch v := v.(type) {
	case table:
		m := make(map[string]any, len(v))
		for _, s := range v {
			m[s.name] = plain(s.val)
		}
		return m
	case []*setting:
		list := make([]any, len(v))
		for i, s := range v {
			list[i] = plain(s.val)
		}
		return list
	}
	return v
}
