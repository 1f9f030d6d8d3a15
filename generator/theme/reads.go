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

type reads struct {
	names map[string]bool
	ok    bool
}

// readsOf reads what the layout set runs, from its entry template on.
func readsOf(set *template.Template) reads {
	w := &reader{lookup: func(name string) *parse.Tree {
		if tt := set.Lookup(name); tt != nil {
			return tt.Tree
		}
		return nil
	}, names: map[string]bool{}, seen: map[string]bool{}, ok: true}
	w.tree(set.Name())
	return reads{w.names, w.ok}
}

type reader struct {
	lookup func(name string) *parse.Tree
	names  map[string]bool
	seen   map[string]bool // templates already read
	ok     bool
}

func (w *reader) tree(name string) {
	if w.seen[name] {
		return
	}
	w.seen[name] = true
	t := w.lookup(name)
	if t == nil || t.Root == nil {
		return
	}
	w.node(t.Root)
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
		w.branch(&n.BranchNode)
	case *parse.RangeNode:
		w.branch(&n.BranchNode)
	case *parse.WithNode:
		w.branch(&n.BranchNode)
	case *parse.TemplateNode:
		w.node(n.Pipe)
		w.tree(n.Name)
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

func (w *reader) branch(b *parse.BranchNode) {
	w.node(b.Pipe)
	w.node(b.List)
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
	if !isIdent || (id.Ident != "partial" && id.Ident != "partialCached") {
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
	w.tree("partials/" + strings.TrimPrefix(s.Text, "partials/"))
}

func (w *reader) add(idents []string) {
	w.names[strings.Join(idents, ".")] = true
}
