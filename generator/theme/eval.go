package theme

import (
	"reflect"
	"text/template/parse"
)

// command evaluates one command of a pipeline; final is the value of the
// commands before it, or missing.
func (s *state) command(dot reflect.Value, cmd *parse.CommandNode, final reflect.Value) (reflect.Value, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return s.fieldChain(dot, dot, n.Ident, cmd.Args, final)
	case *parse.ChainNode:
		return s.chain(dot, n, cmd.Args, final)
	case *parse.IdentifierNode:
		return s.function(dot, n.Ident, cmd.Args, final)
	case *parse.PipeNode:
		if len(cmd.Args) > 1 || !isMissing(final) {
			return reflect.Value{}, errFallback
		}
		return s.pipeline(dot, n)
	case *parse.VariableNode:
		return s.variable(dot, n, cmd.Args, final)
	}
	if len(cmd.Args) > 1 || !isMissing(final) {
		return reflect.Value{}, errFallback
	}
	switch w := cmd.Args[0].(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(w.True), nil
	case *parse.DotNode:
		return dot, nil
	case *parse.NumberNode:
		return idealConstant(w)
	case *parse.StringNode:
		return reflect.ValueOf(w.Text), nil
	}
	return reflect.Value{}, errFallback
}

func (s *state) chain(dot reflect.Value, c *parse.ChainNode, args []parse.Node, final reflect.Value) (reflect.Value, error) {
	if len(c.Field) == 0 {
		return reflect.Value{}, errFallback
	}
	recv, err := s.arg(dot, nil, c.Node) // gives up on a written-out value or nil
	if err != nil {
		return recv, err
	}
	return s.fieldChain(dot, recv, c.Field, args, final)
}

func (s *state) variable(dot reflect.Value, v *parse.VariableNode, args []parse.Node, final reflect.Value) (reflect.Value, error) {
	value, err := s.varValue(v.Ident[0])
	if err != nil {
		return value, err
	}
	if len(v.Ident) == 1 {
		if len(args) > 1 || !isMissing(final) {
			return reflect.Value{}, errFallback
		}
		return value, nil
	}
	return s.fieldChain(dot, value, v.Ident[1:], args, final)
}

func (s *state) fieldChain(dot, recv reflect.Value, ident []string, args []parse.Node, final reflect.Value) (reflect.Value, error) {
	var err error
	for _, name := range ident[:len(ident)-1] {
		if recv, err = s.field(dot, name, nil, missing, recv); err != nil {
			return recv, err
		}
	}
	return s.field(dot, ident[len(ident)-1], args, final, recv)
}

// A way is how a name reads on a type: a method, an exported field of a
// struct, or a key of a map with string keys.
type way struct {
	method int           // in the pointer's method set; -1 for none
	field  []int         // the struct field's index, or nil
	key    reflect.Value // the name as a map key, or invalid
}

type wayKey struct {
	ptr, recv reflect.Type
	name      string
}

func (r *runner) way(ptr, recv reflect.Type, name string) way {
	k := wayKey{ptr, recv, name}
	if w, ok := r.ways.Load(k); ok {
		return w.(way)
	}
	w := way{method: -1}
	if m, ok := ptr.MethodByName(name); ok {
		w.method = m.Index
	} else {
		switch recv.Kind() {
		case reflect.Struct:
			if f, ok := recv.FieldByName(name); ok && f.IsExported() {
				w.field = f.Index
			}
		case reflect.Map:
			if stringType.AssignableTo(recv.Key()) {
				w.key = reflect.ValueOf(name)
			}
		}
	}
	r.ways.Store(k, w)
	return w
}

// field is text/template's evalField: a method called, else a field or a
// map's entry read.
func (s *state) field(dot reflect.Value, name string, args []parse.Node, final, recv reflect.Value) (reflect.Value, error) {
	if !recv.IsValid() {
		return reflect.Value{}, nil // as missingkey=default
	}
	recv, isNil := indirect(recv)
	if isNil {
		return reflect.Value{}, errFallback
	}
	ptr := recv // through a pointer, to see the methods of *T as well as T's
	if recv.CanAddr() {
		ptr = recv.Addr()
	}
	w := s.r.way(ptr.Type(), recv.Type(), name)
	if w.method >= 0 {
		return s.call(dot, ptr.Method(w.method), args, final)
	}
	if len(args) > 1 || !isMissing(final) {
		return reflect.Value{}, errFallback
	}
	switch {
	case w.field != nil:
		f, err := recv.FieldByIndexErr(w.field)
		if err != nil {
			return reflect.Value{}, errFallback
		}
		return f, nil
	case w.key.IsValid():
		return recv.MapIndex(w.key), nil // invalid when absent, as missingkey=default
	}
	return reflect.Value{}, errFallback
}

// function calls a function of the layouts, an escaper or a builtin.
func (s *state) function(dot reflect.Value, name string, args []parse.Node, final reflect.Value) (reflect.Value, error) {
	if fn, ok := s.r.funcs[name]; ok {
		if f := s.r.escapers[name]; f != nil {
			out, err := s.escape(f, dot, args, final)
			return reflect.ValueOf(out), err
		}
		return s.call(dot, fn, args, final)
	}
	return s.builtin(dot, name, args, final)
}

// escape calls an escaper, whose arguments are all ...any.
func (s *state) escape(f func(...any) string, dot reflect.Value, args []parse.Node, final reflect.Value) (out string, err error) {
	start := len(s.scratch)
	if args != nil {
		for _, a := range args[1:] {
			v, err := s.arg(dot, anyType, a)
			if err != nil {
				return "", err
			}
			s.scratch = append(s.scratch, anyOf(v))
		}
	}
	if !isMissing(final) {
		s.scratch = append(s.scratch, anyOf(final))
	}
	xs := s.scratch[start:]
	defer func() {
		clear(xs)
		s.scratch = s.scratch[:start]
		if recover() != nil {
			err = errFallback
		}
	}()
	return f(xs...), nil
}

// anyOf is the interface a value has as an argument of type any.
func anyOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// call is text/template's evalCall for a function or a method other than
// a builtin: args holds the command's words, the first the function's.
func (s *state) call(dot, fn reflect.Value, args []parse.Node, final reflect.Value) (reflect.Value, error) {
	argv, err := s.argv(dot, fn, args, final)
	if err != nil {
		return reflect.Value{}, err
	}
	return invoke(fn, argv)
}

// argv evaluates the arguments of a call of fn, checked against its
// signature.
func (s *state) argv(dot, fn reflect.Value, args []parse.Node, final reflect.Value) ([]reflect.Value, error) {
	if args != nil {
		args = args[1:]
	}
	typ := fn.Type()
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			return nil, errFallback
		}
	} else if numIn != typ.NumIn() {
		return nil, errFallback
	}
	switch {
	case typ.NumOut() == 1:
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
	default:
		return nil, errFallback
	}
	var argv []reflect.Value
	if numIn > 0 {
		argv = make([]reflect.Value, numIn)
	}
	var err error
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		if argv[i], err = s.arg(dot, typ.In(i), args[i]); err != nil {
			return nil, err
		}
	}
	if typ.IsVariadic() {
		t := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			if argv[i], err = s.arg(dot, t, args[i]); err != nil {
				return nil, err
			}
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		if argv[i], err = validate(final, t); err != nil {
			return nil, err
		}
	}
	return argv, nil
}

func invoke(fn reflect.Value, argv []reflect.Value) (v reflect.Value, err error) {
	defer func() {
		if recover() != nil {
			err = errFallback
		}
	}()
	out := fn.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, errFallback
	}
	if out[0].IsValid() && out[0].Type() == valueType {
		return reflect.Value{}, errFallback
	}
	return out[0], nil
}

// arg evaluates an argument for a parameter of type typ (nil: any value),
// as text/template's evalArg.
func (s *state) arg(dot reflect.Value, typ reflect.Type, n parse.Node) (reflect.Value, error) {
	var v reflect.Value
	var err error
	switch a := n.(type) {
	case *parse.DotNode:
		return validate(dot, typ)
	case *parse.NilNode:
		if typ != nil && canBeNil(typ) && typ != valueType {
			return reflect.Zero(typ), nil
		}
		return reflect.Value{}, errFallback
	case *parse.FieldNode:
		v, err = s.fieldChain(dot, dot, a.Ident, nil, missing)
	case *parse.VariableNode:
		v, err = s.variable(dot, a, nil, missing)
	case *parse.PipeNode:
		v, err = s.pipeline(dot, a)
	case *parse.IdentifierNode:
		v, err = s.function(dot, a.Ident, nil, missing)
	case *parse.ChainNode:
		v, err = s.chain(dot, a, nil, missing)
	default:
		return constant(typ, n)
	}
	if err != nil {
		return v, err
	}
	return validate(v, typ)
}

// constant converts a written-out bool, number or string to typ.
func constant(typ reflect.Type, n parse.Node) (reflect.Value, error) {
	if typ == nil {
		return reflect.Value{}, errFallback
	}
	switch c := n.(type) {
	case *parse.BoolNode:
		if typ.Kind() == reflect.Bool {
			v := reflect.New(typ).Elem()
			v.SetBool(c.True)
			return v, nil
		}
		if typ == anyType {
			return reflect.ValueOf(c.True), nil
		}
	case *parse.StringNode:
		if typ == stringType || typ == anyType {
			return reflect.ValueOf(c.Text), nil
		}
		if typ.Kind() == reflect.String {
			v := reflect.New(typ).Elem()
			v.SetString(c.Text)
			return v, nil
		}
	case *parse.NumberNode:
		switch typ.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			if c.IsInt {
				v := reflect.New(typ).Elem()
				v.SetInt(c.Int64)
				return v, nil
			}
		case reflect.Float32, reflect.Float64:
			if c.IsFloat {
				v := reflect.New(typ).Elem()
				v.SetFloat(c.Float64)
				return v, nil
			}
		case reflect.Interface:
			if typ == anyType {
				return idealConstant(c)
			}
		}
	}
	return reflect.Value{}, errFallback
}

// idealConstant is a number written in a layout where no type asks for
// one: a float64 when written with a point or an exponent, else an int.
func idealConstant(c *parse.NumberNode) (reflect.Value, error) {
	switch {
	case c.IsComplex:
	case c.IsFloat && floatText(c.Text):
		return reflect.ValueOf(c.Float64), nil
	case c.IsInt:
		if n := int(c.Int64); int64(n) == c.Int64 {
			return reflect.ValueOf(n), nil
		}
	}
	return reflect.Value{}, errFallback
}

// floatText reports a decimal number written with a point or an exponent;
// hexadecimal and rune constants follow text/template's finer rules.
func floatText(text string) bool {
	point := false
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= '0' && c <= '9', c == '-', c == '+':
		case c == '.', c == 'e', c == 'E':
			point = true
		default:
			return false
		}
	}
	return point
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == valueType
	}
	return false
}

// validate is text/template's validateType: v as an argument of type typ.
func validate(v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		if typ == nil {
			return reflect.Value{}, nil
		}
		if canBeNil(typ) && typ != valueType {
			return reflect.Zero(typ), nil
		}
		return reflect.Value{}, errFallback
	}
	if typ == valueType {
		return reflect.Value{}, errFallback
	}
	if typ == nil || v.Type().AssignableTo(typ) {
		return v, nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
		if v.Type().AssignableTo(typ) {
			return v, nil
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		if v.IsNil() {
			return reflect.Value{}, errFallback
		}
		return v.Elem(), nil
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
		return v.Addr(), nil
	}
	return reflect.Value{}, errFallback
}
