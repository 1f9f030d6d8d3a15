package theme

import (
	"html/template"
	"strings"
	"text/template/parse"
)

// Reads lists the chains of field and method names a layout may use, over
// every template and partial it can run: {{ .Title }}, {{ .Site.Params.logo }}
// and {{ $p.Prev.Title }} give "Title", "Site.Params.logo", "Prev.Title".
// What a chain starts from is not known; the build uses the list to tell a layout
// that shows only a page and its neighbours from one that may show any page
// of the site (.Site.RegularPages, .Pages, .Sections…), which must be
// rendered again whenever any page changes.
//
// ok is false when the layout calls a partial whose name is not written
// out ({{ partial $name . }}): what it reads cannot be known.
// The lists are made when the layouts are loaded, before html/template
// rewrites the trees for escaping as they first run.
func (t *Theme) Reads(layout string) (names map[string]bool, ok bool) {
	r, found := t.reads[layout]
	return r.names, found && r.ok
}

// ReadsAfterFirst is Reads for a list's pagers after the first: what is
// written under {{ if .Paginator.IsFirst }} (or a variable holding it,
// {{ $first := .Paginator.IsFirst }} … {{ if $first }}) is left out, since
// it never runs there. The home shows the sections and the featured news
// on its first pager only; its thousand others show their own pages and
// need not be rendered again when any page of the site changes.
func (t *Theme) ReadsAfterFirst(layout string) (names map[string]bool, ok bool) {
	r, found := t.readsAfter[layout]
	return r.names, found && r.ok
}

type reads struct {
	names map[string]bool
	ok    bool
}

// readsOf reads what the layout set runs, from its entry template on;
// afterFirst leaves out what runs on a list's first pager only.
func readsOf(set *template.Template, afterFirst bool) reads {
	w := &reader{lookup: func(name string) *parse.Tree {
		if tt := set.Lookup(name); tt != nil {
			return tt.Tree
		}
		return nil
	}, names: map[string]bool{}, seen: map[visit]bool{}, ok: true, afterFirst: afterFirst}
	w.tree(set.Name(), true)
	return reads{w.names, w.ok}
}

type reader struct {
	lookup     func(name string) *parse.Tree
	names      map[string]bool
	seen       map[visit]bool // templates already read
	ok         bool
	afterFirst bool // on a pager after the first: .Paginator.IsFirst is false

	// Of the template being read: whether dot is the page's own view,
	// as at its start when called with it, and its variables that hold
	// .Paginator.IsFirst taken there, declared once and never assigned.
	root  bool
	first map[string]bool
}

// visit is a template read with dot the page's view (root) or not.
type visit struct {
	name string
	root bool
}

func (w *reader) tree(name string, root bool) {
	if w.seen[visit{name, root}] {
		return
	}
	w.seen[visit{name, root}] = true
	t := w.lookup(name)
	if t == nil || t.Root == nil {
		return
	}
	saveRoot, saveFirst := w.root, w.first
	w.root, w.first = root, nil
	if w.afterFirst && root {
		w.first = firstVars(t.Root)
	}
	w.node(t.Root)
	w.root, w.first = saveRoot, saveFirst
}

func (w *reader) node(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				w.node(c)
			}
		}
	case *parse.ActionNode:
		w.node(n.Pipe)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				w.command(c)
			}
		}
	case *parse.IfNode:
		w.node(n.Pipe)
		switch v, known := w.known(n.Pipe); {
		case known && v:
			w.node(n.List)
		case known:
			w.node(n.ElseList)
		default:
			w.node(n.List)
			w.node(n.ElseList)
		}
	case *parse.RangeNode:
		w.branch(&n.BranchNode)
	case *parse.WithNode:
		w.branch(&n.BranchNode)
	case *parse.TemplateNode:
		w.node(n.Pipe)
		w.tree(n.Name, w.root && isDot(n.Pipe))
	case *parse.FieldNode:
		w.add(n.Ident)
	case *parse.ChainNode:
		w.node(n.Node)
		w.add(n.Field)
	case *parse.VariableNode:
		if len(n.Ident) > 1 {
			w.add(n.Ident[1:])
		}
	case *parse.CommandNode:
		w.command(n)
	}
}

// branch reads a range or with: dot is something else in its body.
func (w *reader) branch(b *parse.BranchNode) {
	w.node(b.Pipe)
	root := w.root
	w.root = false
	w.node(b.List)
	w.root = root
	w.node(b.ElseList)
}

// command reads a command's arguments and follows a partial it calls.
func (w *reader) command(c *parse.CommandNode) {
	for _, a := range c.Args {
		w.node(a)
	}
	if len(c.Args) == 0 {
		return
	}
	id, isIdent := c.Args[0].(*parse.IdentifierNode)
	if !isIdent || (id.Ident != "partial" && id.Ident != "partialCached" && id.Ident != "partialCachedEach") {
		return
	}
	if len(c.Args) < 2 {
		return
	}
	s, isString := c.Args[1].(*parse.StringNode)
	if !isString {
		w.ok = false
		return
	}
	// partialCachedEach gives its partial a dict, never the page's view.
	root := w.root && id.Ident != "partialCachedEach" && len(c.Args) > 2 && isDotArg(c.Args[2])
	w.tree("partials/"+strings.TrimPrefix(s.Text, "partials/"), root)
}

// known tells, on a pager after the first, the value of a condition made
// of .Paginator.IsFirst (with dot the page's view), the variables holding
// it, not, and, or and parentheses; known is false for anything else.
func (w *reader) known(p *parse.PipeNode) (v, known bool) {
	if !w.afterFirst || p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 {
		return false, false
	}
	args := p.Cmds[0].Args
	if len(args) == 1 {
		return w.knownArg(args[0])
	}
	id, ok := args[0].(*parse.IdentifierNode)
	if !ok {
		return false, false
	}
	switch {
	case id.Ident == "not" && len(args) == 2:
		v, known := w.knownArg(args[1])
		return !v, known
	case id.Ident == "and" || id.Ident == "or":
		all := true
		for _, a := range args[1:] {
			v, known := w.knownArg(a)
			if known && v == (id.Ident == "or") {
				return v, true // one false makes and false; one true makes or true
			}
			all = all && known
		}
		return id.Ident == "and", all
	}
	return false, false
}

func (w *reader) knownArg(n parse.Node) (v, known bool) {
	switch n := n.(type) {
	case *parse.FieldNode:
		return false, w.root && isFirstField(n)
	case *parse.VariableNode:
		return false, len(n.Ident) == 1 && w.first[n.Ident[0]]
	case *parse.PipeNode:
		return w.known(n)
	}
	return false, false
}

func isFirstField(f *parse.FieldNode) bool {
	return len(f.Ident) == 2 && f.Ident[0] == "Paginator" && f.Ident[1] == "IsFirst"
}

// firstVars finds the variables of a template, read with dot the page's
// view, that hold .Paginator.IsFirst: declared once, at its top level or
// under if, from that field alone, and never assigned.
func firstVars(root *parse.ListNode) map[string]bool {
	count := map[string]int{}
	holds := map[string]bool{}
	var walk func(n parse.Node, top bool)
	decl := func(p *parse.PipeNode, top bool) {
		if p == nil {
			return
		}
		for _, v := range p.Decl {
			name := v.Ident[0]
			count[name]++
			if top && !p.IsAssign && len(p.Decl) == 1 && len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 {
				if f, ok := p.Cmds[0].Args[0].(*parse.FieldNode); ok && isFirstField(f) {
					holds[name] = true
				}
			}
		}
	}
	walk = func(n parse.Node, top bool) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c, top)
				}
			}
		case *parse.ActionNode:
			decl(n.Pipe, top)
		case *parse.IfNode:
			decl(n.Pipe, false)
			walk(n.List, top)
			walk(n.ElseList, top)
		case *parse.RangeNode:
			decl(n.Pipe, false)
			walk(n.List, false)
			walk(n.ElseList, top)
		case *parse.WithNode:
			decl(n.Pipe, false)
			walk(n.List, false)
			walk(n.ElseList, top)
		}
	}
	walk(root, true)
	out := map[string]bool{}
	for name := range holds {
		if count[name] == 1 {
			out[name] = true
		}
	}
	return out
}

func isDot(p *parse.PipeNode) bool {
	return p != nil && len(p.Decl) == 0 && len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 && isDotArg(p.Cmds[0].Args[0])
}

func isDotArg(n parse.Node) bool {
	_, ok := n.(*parse.DotNode)
	return ok
}

func (w *reader) add(idents []string) {
	w.names[strings.Join(idents, ".")] = true
}
