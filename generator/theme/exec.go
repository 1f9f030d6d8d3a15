package theme

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"sync"
	texttemplate "text/template"
	"text/template/parse"
)

// A runner executes the trees html/template has escaped, as text/template
// would, with what text/template looks up by reflection on every action
// kept instead: the functions by name, and each field or method by the
// type and name it is read on. text/template spent 85% of a layout's time
// in its own machinery (method lookup, argument slices, reflect.Call), the
// rest in the escapers and functions the layout calls.
//
// It runs what layouts commonly do and gives up (errFallback) on anything
// else, before writing a byte it would not have written: an error, a panic,
// a builtin it does not have, a value it is unsure of. The layout then runs
// again through html/template, which gives the same output, or its error
// with the template's line.
type runner struct {
	funcs    map[string]reflect.Value       // the layouts' functions and html/template's escapers
	escapers map[string]func(...any) string // the escapers again, called without reflection
	streams  map[string]stream              // functions that can write their HTML to the page themselves
	safeHTML bool                           // safeHTML is Funcs', which content stands for
	ways     sync.Map                       // wayKey → way: how a name is read on a type
	states   sync.Pool                      // *state, with room for variables kept
}

var errFallback = errors.New("theme: left to text/template")

// Control flow out of a range body, as errors through walk.
var (
	errBreak    = errors.New("break")
	errContinue = errors.New("continue")
)

// maxDepth bounds nested template calls; text/template's own limit is
// larger, and the fallback reports going past it.
const maxDepth = 1000

// missingT marks "no value from the pipeline", as text/template's
// missingVal does: a command's final argument is absent, not nil.
type missingT struct{}

var (
	missing     = reflect.ValueOf(missingT{})
	missingType = missing.Type()
	anyType     = reflect.TypeFor[any]()
	stringType  = reflect.TypeFor[string]()
	errorType   = reflect.TypeFor[error]()
	valueType   = reflect.TypeFor[reflect.Value]()
	stringerT   = reflect.TypeFor[fmt.Stringer]()
)

func isMissing(v reflect.Value) bool { return v.IsValid() && v.Type() == missingType }

type variable struct {
	name  string
	value reflect.Value
}

// state is one run: the template whose namespace names the templates
// called, the output, and the variables, those of the template running
// from base on.
type state struct {
	r       *runner
	tmpl    *texttemplate.Template
	w       *bytes.Buffer
	vars    []variable
	base    int
	depth   int
	scratch []any  // arguments of escaper calls, used as a stack
	raw     []byte // a page's HTML as read for content, used again
}

// run executes tmpl's escaped tree with data into w. On errFallback, w
// holds what it held before.
func (r *runner) run(w *bytes.Buffer, tmpl *texttemplate.Template, data any) (err error) {
	if tmpl == nil || tmpl.Tree == nil || tmpl.Root == nil {
		return errFallback
	}
	start := w.Len()
	defer func() {
		if p := recover(); p != nil {
			err = errFallback
		}
		if err != nil {
			w.Truncate(start)
			err = errFallback
		}
	}()
	dot := reflect.ValueOf(data)
	s, _ := r.states.Get().(*state)
	if s == nil {
		s = &state{vars: make([]variable, 0, 16)}
	}
	s.r, s.tmpl, s.w, s.base, s.depth = r, tmpl, w, 0, 0
	s.vars = append(s.vars[:0], variable{"$", dot})
	defer func() {
		clear(s.vars[:cap(s.vars)])
		if cap(s.raw) > 1<<20 {
			s.raw = nil // a page that big is rare: its room is not kept
		}
		s.tmpl, s.w = nil, nil
		r.states.Put(s)
	}()
	return s.walk(dot, tmpl.Root)
}

func (s *state) push(name string, v reflect.Value) { s.vars = append(s.vars, variable{name, v}) }

func (s *state) setVar(name string, v reflect.Value) error {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return nil
		}
	}
	return errFallback
}

func (s *state) varValue(name string) (reflect.Value, error) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, nil
		}
	}
	return reflect.Value{}, errFallback
}

func (s *state) walk(dot reflect.Value, node parse.Node) error {
	switch n := node.(type) {
	case *parse.ActionNode:
		// Variables declared stay until the enclosing end.
		if len(n.Pipe.Decl) == 0 {
			return s.printPipeline(dot, n.Pipe)
		}
		_, err := s.pipeline(dot, n.Pipe)
		return err
	case *parse.BreakNode:
		return errBreak
	case *parse.ContinueNode:
		return errContinue
	case *parse.CommentNode:
	case *parse.IfNode:
		return s.ifOrWith(false, dot, &n.BranchNode)
	case *parse.WithNode:
		return s.ifOrWith(true, dot, &n.BranchNode)
	case *parse.ListNode:
		for _, c := range n.Nodes {
			if err := s.walk(dot, c); err != nil {
				return err
			}
		}
	case *parse.RangeNode:
		return s.walkRange(dot, n)
	case *parse.TemplateNode:
		return s.walkTemplate(dot, n)
	case *parse.TextNode:
		s.w.Write(n.Text)
	default:
		return errFallback
	}
	return nil
}

func (s *state) ifOrWith(with bool, dot reflect.Value, b *parse.BranchNode) error {
	mark := len(s.vars)
	v, err := s.pipeline(dot, b.Pipe)
	if err != nil {
		return err
	}
	truth, ok := isTrue(indirectInterface(v))
	switch {
	case !ok:
		err = errFallback
	case truth && with:
		err = s.walk(v, b.List)
	case truth:
		err = s.walk(dot, b.List)
	case b.ElseList != nil:
		err = s.walk(dot, b.ElseList)
	}
	s.vars = s.vars[:mark]
	return err
}

func (s *state) walkRange(dot reflect.Value, r *parse.RangeNode) error {
	outer := len(s.vars)
	defer func() { s.vars = s.vars[:outer] }()
	pv, err := s.pipeline(dot, r.Pipe)
	if err != nil {
		return err
	}
	val, _ := indirect(pv)
	mark := len(s.vars)
	ran := false
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		for i := 0; i < val.Len(); i++ {
			ran = true
			if err := s.iteration(r, mark, i, reflect.Value{}, val.Index(i)); err != nil {
				return endRange(err)
			}
		}
	case reflect.Map:
		if val.Len() == 0 {
			break
		}
		if val.Type().Key().Kind() != reflect.String {
			return errFallback // text/template's order for other keys is fmtsort's
		}
		type entry struct{ k, v reflect.Value }
		entries := make([]entry, 0, val.Len())
		for it := val.MapRange(); it.Next(); {
			entries = append(entries, entry{it.Key(), it.Value()})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].k.String() < entries[j].k.String() })
		for _, e := range entries {
			ran = true
			if err := s.iteration(r, mark, 0, e.k, e.v); err != nil {
				return endRange(err)
			}
		}
	case reflect.Int:
		if len(r.Pipe.Decl) > 1 || val.Type() != reflect.TypeFor[int]() {
			return errFallback
		}
		for i := range int(val.Int()) {
			ran = true
			if err := s.iteration(r, mark, i, reflect.Value{}, reflect.ValueOf(i)); err != nil {
				return endRange(err)
			}
		}
	case reflect.Invalid: // a nil map or the like: as an empty one
	default:
		return errFallback
	}
	if !ran && r.ElseList != nil {
		return s.walk(dot, r.ElseList)
	}
	return nil
}

// iteration runs a range's body once, on elem, the i-th element or the
// value of key, with the range's variables set as text/template sets them.
func (s *state) iteration(r *parse.RangeNode, mark, i int, key, elem reflect.Value) error {
	index := func() reflect.Value {
		if key.IsValid() {
			return key
		}
		return reflect.ValueOf(i)
	}
	decl := r.Pipe.Decl
	if len(decl) > 0 {
		if r.Pipe.IsAssign {
			v := elem
			if len(decl) > 1 {
				v = index()
			}
			if err := s.setVar(decl[0].Ident[0], v); err != nil {
				return err
			}
		} else {
			s.vars[len(s.vars)-1].value = elem
		}
	}
	if len(decl) > 1 {
		if r.Pipe.IsAssign {
			if err := s.setVar(decl[1].Ident[0], elem); err != nil {
				return err
			}
		} else {
			s.vars[len(s.vars)-2].value = index()
		}
	}
	err := s.walk(elem, r.List)
	s.vars = s.vars[:mark]
	if err == errContinue {
		err = nil
	}
	return err
}

func endRange(err error) error {
	if err == errBreak {
		return nil
	}
	return err
}

func (s *state) walkTemplate(dot reflect.Value, t *parse.TemplateNode) error {
	tmpl := s.tmpl.Lookup(t.Name)
	if tmpl == nil || tmpl.Tree == nil || tmpl.Root == nil || s.depth >= maxDepth {
		return errFallback
	}
	// Variables the pipeline declares stay in the caller's scope.
	v, err := s.pipeline(dot, t.Pipe)
	if err != nil {
		return err
	}
	saved, base := s.tmpl, s.base
	s.tmpl, s.base = tmpl, len(s.vars)
	s.depth++
	s.push("$", v)
	err = s.walk(v, tmpl.Root)
	s.vars = s.vars[:s.base]
	s.tmpl, s.base = saved, base
	s.depth--
	return err
}

// pipeline evaluates the commands of a pipeline, each one's value the
// next one's final argument, and declares or assigns its variables.
func (s *state) pipeline(dot reflect.Value, pipe *parse.PipeNode) (reflect.Value, error) {
	if pipe == nil {
		return reflect.Value{}, nil
	}
	if len(pipe.Cmds) == 0 {
		return reflect.Value{}, errFallback
	}
	value, err := s.commands(dot, pipe.Cmds)
	if err != nil {
		return value, err
	}
	for _, d := range pipe.Decl {
		if pipe.IsAssign {
			if err := s.setVar(d.Ident[0], value); err != nil {
				return value, err
			}
		} else {
			s.push(d.Ident[0], value)
		}
	}
	return value, nil
}

// commands evaluates commands in turn, each one's value the next one's
// final argument; missing when there are none.
func (s *state) commands(dot reflect.Value, cmds []*parse.CommandNode) (reflect.Value, error) {
	value := missing
	for _, cmd := range cmds {
		v, err := s.command(dot, cmd, value)
		if err != nil {
			return v, err
		}
		value = settle(v)
	}
	return value, nil
}

// settle digs a value out of an empty interface, as text/template does
// between the commands of a pipeline.
func settle(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		return reflect.ValueOf(v.Interface())
	}
	return v
}

// printPipeline writes what an action without variables gives. When its
// last command is an escaper, as html/template makes nearly every one,
// the escaper's string goes to the output without a reflect.Value.
func (s *state) printPipeline(dot reflect.Value, pipe *parse.PipeNode) error {
	if ok, err := s.stream(dot, pipe); ok {
		return err
	}
	last := len(pipe.Cmds) - 1
	if last >= 0 {
		if id, ok := pipe.Cmds[last].Args[0].(*parse.IdentifierNode); ok {
			if f := s.r.escapers[id.Ident]; f != nil {
				final, err := s.commands(dot, pipe.Cmds[:last])
				if err != nil {
					return err
				}
				out, err := s.escape(f, dot, pipe.Cmds[last].Args, final)
				if err == nil {
					s.w.WriteString(out)
				}
				return err
			}
		}
	}
	v, err := s.pipeline(dot, pipe)
	if err != nil {
		return err
	}
	if v.Kind() == reflect.String && v.Type() == stringType {
		s.w.WriteString(v.String())
		return nil
	}
	p, ok := printable(v)
	if !ok {
		return errFallback
	}
	fmt.Fprint(s.w, p)
	return nil
}

// A stream writes to w what the function of the same name returns, for
// arguments evaluated for that function.
type stream func(w *bytes.Buffer, argv []reflect.Value) error

// htmlEscaper is html/template's escaper for HTML text, the only one that
// leaves HTML (template.HTML) as it is.
const htmlEscaper = "_html_template_htmlescaper"

// stream prints a pipeline that is a function with a stream and the
// escaper for HTML text only by the stream, with no string of the whole
// made: a list of cards written piece by piece. It reports whether it did.
func (s *state) stream(dot reflect.Value, pipe *parse.PipeNode) (ok bool, err error) {
	if len(pipe.Cmds) != 2 || len(pipe.Cmds[1].Args) != 1 {
		return false, nil
	}
	if esc, isID := pipe.Cmds[1].Args[0].(*parse.IdentifierNode); !isID || esc.Ident != htmlEscaper {
		return false, nil
	}
	id, isID := pipe.Cmds[0].Args[0].(*parse.IdentifierNode)
	if isID && id.Ident == "safeHTML" && s.r.safeHTML && len(pipe.Cmds[0].Args) == 2 {
		return s.content(dot, pipe.Cmds[0].Args[1])
	}
	if !isID || s.r.streams[id.Ident] == nil {
		return false, nil
	}
	argv, err := s.argv(dot, s.r.funcs[id.Ident], pipe.Cmds[0].Args, missing)
	if err != nil {
		return true, err
	}
	defer func() {
		if recover() != nil {
			err = errFallback
		}
	}()
	if s.r.streams[id.Ident](s.w, argv) != nil {
		return true, errFallback // html/template says what went wrong
	}
	return true, nil
}

// contentAppender is a page that appends its Content to a buffer
// (site.Node): the page's HTML is the biggest string a layout prints.
type contentAppender interface {
	AppendContent(dst, raw []byte) ([]byte, []byte)
}

// content prints {{ safeHTML X.Content }} by appending the Content of X to
// the page when X can, not making a string of it first. It reports
// whether it did.
func (s *state) content(dot reflect.Value, arg parse.Node) (bool, error) {
	f, ok := arg.(*parse.FieldNode)
	if !ok || f.Ident[len(f.Ident)-1] != "Content" {
		return false, nil
	}
	recv := dot
	if len(f.Ident) > 1 {
		var err error
		if recv, err = s.fieldChain(dot, dot, f.Ident[:len(f.Ident)-1], nil, missing); err != nil {
			return true, err
		}
	}
	for recv.Kind() == reflect.Interface && !recv.IsNil() {
		recv = recv.Elem()
	}
	if recv.Kind() != reflect.Pointer && recv.CanAddr() {
		recv = recv.Addr()
	}
	if !recv.IsValid() || !recv.CanInterface() {
		return false, nil
	}
	c, ok := recv.Interface().(contentAppender)
	if !ok || recv.Kind() == reflect.Pointer && recv.IsNil() {
		return false, nil
	}
	b := s.w.AvailableBuffer()
	b, s.raw = c.AppendContent(b, s.raw)
	s.w.Write(b)
	return true, nil
}

// printable is text/template's printableValue.
func printable(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerT) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerT)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}

// indirect goes through pointers and interfaces to the value, stopping
// at a nil one.
func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth: not the zero value of its type.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}
