package theme

import (
	"html/template"
	"io"
	"reflect"
	"strings"
	texttemplate "text/template"
	"unsafe"
)

// html/template keeps two things from its callers that a runner needs: the
// text/template underneath a template, which holds the escaped trees and
// the templates derived for other contexts, and its escaper functions,
// named _html_template_… in those trees. Both are read here from their
// unexported fields, checked by name and type first: if a Go release
// renames or retypes them, textOf and escaperFuncs return nil, and every
// layout runs through html/template as before (TestRunnerMatchesHTMLTemplate
// and TestLayoutsStayOnTheRunner fail, to say so).

// textOf returns the text/template underneath t, or nil.
func textOf(t *template.Template) *texttemplate.Template {
	f, ok := reflect.TypeFor[template.Template]().FieldByName("text")
	if !ok || f.Type != reflect.TypeFor[*texttemplate.Template]() {
		return nil
	}
	return *(**texttemplate.Template)(unsafe.Add(unsafe.Pointer(t), f.Offset))
}

// escaperFuncs returns html/template's escapers, read from a template of
// its own once html/template has escaped it and so added them to its
// functions.
func escaperFuncs() map[string]reflect.Value {
	t := template.Must(template.New("").Parse(`{{.}}`))
	if t.Execute(io.Discard, "") != nil {
		return nil
	}
	text := textOf(t)
	if text == nil {
		return nil
	}
	common, ok := reflect.TypeFor[texttemplate.Template]().FieldByName("common")
	if !ok || common.Type.Kind() != reflect.Pointer || len(common.Index) != 1 {
		return nil
	}
	funcs, ok := common.Type.Elem().FieldByName("execFuncs")
	if !ok || funcs.Type != reflect.TypeFor[map[string]reflect.Value]() {
		return nil
	}
	c := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(text), common.Offset))
	if c == nil {
		return nil
	}
	all := *(*map[string]reflect.Value)(unsafe.Add(c, funcs.Offset))
	out := map[string]reflect.Value{}
	for name, f := range all {
		if strings.HasPrefix(name, "_html_template_") || name == "_eval_args_" {
			out[name] = f
		}
	}
	return out
}

// newRunner makes the runner of layouts with the functions funcs, or nil
// when html/template's escapers cannot be had or do not escape.
func newRunner(funcs template.FuncMap) *runner {
	esc := escaperFuncs()
	if esc == nil {
		return nil
	}
	r := &runner{funcs: map[string]reflect.Value{}, escapers: map[string]func(...any) string{}}
	for name, f := range funcs {
		r.funcs[name] = reflect.ValueOf(f)
	}
	for name, f := range esc {
		r.funcs[name] = f
		if e, ok := f.Interface().(func(...any) string); ok {
			r.escapers[name] = e
		}
	}
	if e := r.escapers[htmlEscaper]; e == nil || e("<") != "&lt;" {
		return nil
	}
	_, r.safeHTML = funcs["safeHTML"].(func(string) template.HTML)
	return r
}
