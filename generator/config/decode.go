package config

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"loa/generator/diag"
)

// decoder fills the structs that mirror the configuration (with toml tags)
// from merged settings. Keys match their field case-insensitively, as in
// Hugo; a key without a field goes to unknown, with the names it could
// have meant.
type decoder struct {
	diags   *diag.List
	unknown func(path []string, s *setting, known []string)
}

// fields decodes table t into the struct v.
func (d *decoder) fields(t table, path []string, v reflect.Value) {
	typ := v.Type()
	for _, k := range t.keys() {
		s := t[k]
		p := append(append([]string{}, path...), s.name)
		i := fieldIndex(typ, k)
		if i < 0 {
			d.unknown(p, s, fieldNames(typ))
			continue
		}
		d.decode(s, p, v.Field(i))
	}
}

func fieldIndex(typ reflect.Type, lower string) int {
	for i := range typ.NumField() {
		if tag := typ.Field(i).Tag.Get("toml"); tag != "" && strings.ToLower(tag) == lower {
			return i
		}
	}
	return -1
}

func fieldNames(typ reflect.Type) []string {
	var names []string
	for i := range typ.NumField() {
		if tag := typ.Field(i).Tag.Get("toml"); tag != "" {
			names = append(names, tag)
		}
	}
	return names
}

// decode sets v from s, reporting a value of the wrong type at s.
func (d *decoder) decode(s *setting, path []string, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Struct:
		t, ok := s.val.(table)
		if !ok {
			return d.wrong(s, path, v)
		}
		d.fields(t, path, v)
	case reflect.Map:
		t, ok := s.val.(table)
		if !ok {
			return d.wrong(s, path, v)
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		for _, k := range t.keys() {
			e := reflect.New(v.Type().Elem()).Elem()
			if d.decode(t[k], append(append([]string{}, path...), t[k].name), e) {
				v.SetMapIndex(reflect.ValueOf(t[k].name), e)
			}
		}
	case reflect.Slice:
		list, ok := s.val.([]*setting)
		if !ok {
			if _, isTable := s.val.(table); isTable && v.Type().Elem().Kind() != reflect.Struct {
				return d.wrong(s, path, v)
			}
			list = []*setting{s} // one value where a list is expected, as Hugo allows
		}
		out := reflect.MakeSlice(v.Type(), 0, len(list))
		for _, e := range list {
			ev := reflect.New(v.Type().Elem()).Elem()
			if d.decode(e, path, ev) {
				out = reflect.Append(out, ev)
			}
		}
		v.Set(out)
	case reflect.Pointer: // a setting whose absence differs from its zero value
		e := reflect.New(v.Type().Elem())
		if !d.decode(s, path, e.Elem()) {
			return false
		}
		v.Set(e)
	case reflect.Interface:
		if s.val != nil {
			v.Set(reflect.ValueOf(plain(s.val)))
		}
	case reflect.String:
		str, ok := s.val.(string)
		if !ok {
			return d.wrong(s, path, v)
		}
		v.SetString(str)
	case reflect.Bool:
		b, ok := s.val.(bool)
		if !ok {
			return d.wrong(s, path, v)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, ok := whole(s.val)
		if !ok {
			return d.wrong(s, path, v)
		}
		v.SetInt(n)
	default:
		panic("config: no decoding into " + v.Type().String())
	}
	return true
}

// whole reads a whole number from TOML (int64), YAML (int) or JSON (float64).
func whole(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case uint64:
		return int64(n), n <= math.MaxInt64
	case float64:
		return int64(n), n == math.Trunc(n) && math.Abs(n) < 1<<53
	}
	return 0, false
}

// wrong reports a value of another type than the setting takes.
func (d *decoder) wrong(s *setting, path []string, v reflect.Value) bool {
	want, wantVi, example := "text", "văn bản", `"…"`
	switch v.Kind() {
	case reflect.Bool:
		want, wantVi, example = "true or false", "true hoặc false", "true"
	case reflect.Int, reflect.Int64:
		want, wantVi, example = "a whole number", "một số nguyên", "10"
	case reflect.Slice:
		want, wantVi, example = "a list", "một danh sách", `["…", "…"]`
	case reflect.Struct, reflect.Map:
		want, wantVi, example = "a table", "một bảng", "["+strings.Join(path, ".")+"]"
	}
	key := strings.Join(path, ".")
	d.diags.Errorf(s.pos, "write it as "+example+", without quotes around numbers and true/false",
		"setting %q must be %s, not %s", key, want, describe(s.val)).Vi(
		"ghi dạng "+example+"; số và true/false không đặt trong ngoặc kép",
		"thiết lập %q phải là %s, không phải %s", key, wantVi, describe(s.val))
	return false
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("%q", v)
	case table:
		return "a table"
	case []*setting:
		return "a list"
	case time.Time:
		return v.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}
