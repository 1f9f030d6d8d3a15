package theme

import (
	"fmt"
	"reflect"
	texttemplate "text/template"
	"text/template/parse"
)

// builtin runs the builtins of text/template that layouts use on every
// page; the rest (call, slice and the like) fall back. Each does what
// text/template's does, or falls back where that would be an error.
func (s *state) builtin(dot reflect.Value, name string, args []parse.Node, final reflect.Value) (reflect.Value, error) {
	var words []parse.Node
	if args != nil {
		words = args[1:]
	}
	if name == "and" || name == "or" {
		return s.andOr(name == "or", dot, words, final)
	}
	vals, err := s.values(dot, words, final)
	if err != nil {
		return reflect.Value{}, err
	}
	switch name {
	case "not":
		if len(vals) == 1 {
			return reflect.ValueOf(!truth(vals[0])), nil
		}
	case "eq":
		if len(vals) >= 2 {
			for _, b := range vals[1:] {
				eq, ok := equal(vals[0], b)
				if !ok {
					return reflect.Value{}, errFallback
				}
				if eq {
					return reflect.ValueOf(true), nil
				}
			}
			return reflect.ValueOf(false), nil
		}
	case "ne":
		if len(vals) == 2 {
			if eq, ok := equal(vals[0], vals[1]); ok {
				return reflect.ValueOf(!eq), nil
			}
		}
	case "lt", "le", "gt", "ge":
		if len(vals) == 2 {
			if c, ok := compare(vals[0], vals[1]); ok {
				switch name {
				case "lt":
					return reflect.ValueOf(c < 0), nil
				case "le":
					return reflect.ValueOf(c <= 0), nil
				case "gt":
					return reflect.ValueOf(c > 0), nil
				}
				return reflect.ValueOf(c >= 0), nil
			}
		}
	case "len":
		if len(vals) == 1 {
			v, isNil := indirect(vals[0])
			switch {
			case isNil:
			case v.Kind() == reflect.Array, v.Kind() == reflect.Map, v.Kind() == reflect.Slice, v.Kind() == reflect.String:
				return reflect.ValueOf(v.Len()), nil
			}
		}
	case "index":
		if len(vals) >= 1 {
			return index(vals[0], vals[1:])
		}
	case "print", "println", "html", "js", "urlquery", "printf":
		return printing(name, vals)
	}
	return reflect.Value{}, errFallback
}

// andOr is and (or, with or set): the first argument false (true), else
// the last, evaluating no argument after the one that decides.
func (s *state) andOr(or bool, dot reflect.Value, words []parse.Node, final reflect.Value) (reflect.Value, error) {
	if len(words) == 0 && isMissing(final) {
		return reflect.Value{}, errFallback
	}
	var v reflect.Value
	for _, a := range words {
		var err error
		if v, err = s.value(dot, a); err != nil {
			return v, err
		}
		if truth(v) == or {
			return v, nil
		}
	}
	if !isMissing(final) {
		v = final
	}
	return v, nil
}

// printing runs the builtins that make text of their arguments.
func printing(name string, vals []reflect.Value) (reflect.Value, error) {
	var format reflect.Value
	if name == "printf" {
		if len(vals) == 0 {
			return reflect.Value{}, errFallback
		}
		f, err := validate(vals[0], stringType)
		if err != nil {
			return reflect.Value{}, err
		}
		format, vals = f, vals[1:]
	}
	xs := make([]any, len(vals))
	for i, v := range vals {
		xs[i] = anyOf(v)
	}
	if format.IsValid() {
		return reflect.ValueOf(fmt.Sprintf(format.String(), xs...)), nil
	}
	var out string
	switch name {
	case "print":
		out = fmt.Sprint(xs...)
	case "println":
		out = fmt.Sprintln(xs...)
	case "html":
		out = texttemplate.HTMLEscaper(xs...)
	case "js":
		out = texttemplate.JSEscaper(xs...)
	default:
		out = texttemplate.URLQueryEscaper(xs...)
	}
	return reflect.ValueOf(out), nil
}

// value evaluates an argument of a builtin, which takes any value.
func (s *state) value(dot reflect.Value, n parse.Node) (reflect.Value, error) {
	switch n.(type) {
	case *parse.BoolNode, *parse.StringNode:
		return constant(anyType, n)
	case *parse.NumberNode:
		return idealConstant(n.(*parse.NumberNode))
	case *parse.NilNode:
		return reflect.Value{}, errFallback
	}
	return s.arg(dot, nil, n)
}

func (s *state) values(dot reflect.Value, words []parse.Node, final reflect.Value) ([]reflect.Value, error) {
	vals := make([]reflect.Value, 0, len(words)+1)
	for _, a := range words {
		v, err := s.value(dot, a)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	if !isMissing(final) {
		vals = append(vals, final)
	}
	return vals, nil
}

type kind int

const (
	noKind kind = iota
	boolKind
	intKind
	uintKind
	floatKind
	stringKind
)

func basicKind(v reflect.Value) kind {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.String:
		return stringKind
	}
	return noKind
}

// equal is eq on two basic values; ok is false where text/template would
// compare otherwise or fail.
func equal(a, b reflect.Value) (eq, ok bool) {
	a, b = indirectInterface(a), indirectInterface(b)
	ka, kb := basicKind(a), basicKind(b)
	switch {
	case ka == intKind && kb == uintKind:
		return a.Int() >= 0 && uint64(a.Int()) == b.Uint(), true
	case ka == uintKind && kb == intKind:
		return b.Int() >= 0 && a.Uint() == uint64(b.Int()), true
	case ka == noKind || ka != kb:
		return false, false
	case ka == boolKind:
		return a.Bool() == b.Bool(), true
	case ka == intKind:
		return a.Int() == b.Int(), true
	case ka == uintKind:
		return a.Uint() == b.Uint(), true
	case ka == floatKind:
		return a.Float() == b.Float(), true
	}
	return a.String() == b.String(), true
}

// compare orders two numbers or strings of the same kind.
func compare(a, b reflect.Value) (int, bool) {
	a, b = indirectInterface(a), indirectInterface(b)
	ka := basicKind(a)
	if ka != basicKind(b) {
		return 0, false
	}
	cmp := func(less, same bool) int {
		switch {
		case less:
			return -1
		case same:
			return 0
		}
		return 1
	}
	switch ka {
	case intKind:
		return cmp(a.Int() < b.Int(), a.Int() == b.Int()), true
	case uintKind:
		return cmp(a.Uint() < b.Uint(), a.Uint() == b.Uint()), true
	case floatKind:
		return cmp(a.Float() < b.Float(), a.Float() == b.Float()), true
	case stringKind:
		return cmp(a.String() < b.String(), a.String() == b.String()), true
	}
	return 0, false
}

// index is the builtin on slices, arrays, strings and maps.
func index(item reflect.Value, keys []reflect.Value) (reflect.Value, error) {
	item = indirectInterface(item)
	if !item.IsValid() {
		return reflect.Value{}, errFallback
	}
	for _, k := range keys {
		k = indirectInterface(k)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			return reflect.Value{}, errFallback
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			var x int64
			switch basicKind(k) {
			case intKind:
				x = k.Int()
			case uintKind:
				x = int64(k.Uint())
			default:
				return reflect.Value{}, errFallback
			}
			if x < 0 || x >= int64(item.Len()) {
				return reflect.Value{}, errFallback
			}
			item = item.Index(int(x))
		case reflect.Map:
			if !k.IsValid() || !k.Type().AssignableTo(item.Type().Key()) {
				return reflect.Value{}, errFallback
			}
			if x := item.MapIndex(k); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return reflect.Value{}, errFallback
		}
	}
	return item, nil
}
