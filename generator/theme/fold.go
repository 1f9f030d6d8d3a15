package theme

import (
	"html/template"
	"strconv"
	"text/template/parse"
)

// folded are the functions whose call with written-out strings gives the
// same text on every page of a language: interface words ({{ T "share" }}),
// addresses ({{ relLangURL "index.xml" }}, {{ asset "css/main.css" }}) and
// the page's security policy ({{ csp }}).
var folded = map[string]bool{
	"T": true, "relURL": true, "absURL": true, "relLangURL": true, "absLangURL": true,
	"asset": true, "csp": true,
}

// fold replaces each call of a folded function whose arguments are all
// written-out strings by the string it returns, in every template of the
// set, before html/template rewrites the trees for escaping: the string is
// then escaped for where it stands, as the call's result was. The default
// theme writes 116 calls of T with a word alone, many on every page; each
// call is made through reflect: folding them took 5.9% of the allocations
// out of a render of 1,000 items (BenchmarkRenderPages). A call that fails
// (an asset that is missing) is left to fail where it runs, with its line.
func fold(set *template.Template, funcs template.FuncMap) {
	f := folder{funcs: funcs}
	for _, t := range set.Templates() {
		if t.Tree != nil && t.Tree.Root != nil {
			f.list(t.Tree.Root)
		}
	}
}

type folder struct{ funcs template.FuncMap }

func (f folder) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			f.pipe(n.Pipe)
		case *parse.IfNode:
			f.branch(&n.BranchNode)
		case *parse.RangeNode:
			f.branch(&n.BranchNode)
		case *parse.WithNode:
			f.branch(&n.BranchNode)
		case *parse.TemplateNode:
			f.pipe(n.Pipe)
		case *parse.ListNode:
			f.list(n)
		}
	}
}

func (f folder) branch(b *parse.BranchNode) {
	f.pipe(b.Pipe)
	f.list(b.List)
	f.list(b.ElseList)
}

func (f folder) pipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	for i, c := range p.Cmds {
		for _, a := range c.Args {
			switch a := a.(type) {
			case *parse.PipeNode:
				f.pipe(a)
			case *parse.ChainNode:
				if pp, ok := a.Node.(*parse.PipeNode); ok {
					f.pipe(pp)
				}
			}
		}
		// A command after the first is also given the value piped into
		// it: {{ . | T "x" }} is not a call with strings only.
		if i == 0 {
			if s, ok := f.call(c); ok {
				c.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: c.Position(), Quoted: strconv.Quote(s), Text: s}}
			}
		}
	}
}

// call runs the command when it is a folded function called with
// strings only, and returns its text.
func (f folder) call(c *parse.CommandNode) (string, bool) {
	id, ok := c.Args[0].(*parse.IdentifierNode)
	if !ok || !folded[id.Ident] {
		return "", false
	}
	fn, ok := f.funcs[id.Ident]
	if !ok {
		return "", false
	}
	args := make([]string, 0, len(c.Args)-1)
	for _, a := range c.Args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return "", false
		}
		args = append(args, s.Text)
	}
	switch fn := fn.(type) {
	case func() string:
		if len(args) == 0 {
			return fn(), true
		}
	case func(string) string:
		if len(args) == 1 {
			return fn(args[0]), true
		}
	case func(string) (string, error):
		if len(args) == 1 {
			s, err := fn(args[0])
			return s, err == nil
		}
	case func(string, ...any) string:
		if len(args) >= 1 {
			rest := make([]any, len(args)-1)
			for i, a := range args[1:] {
				rest[i] = a
			}
			return fn(args[0], rest...), true
		}
	}
	return "", false
}
