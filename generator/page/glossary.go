package page

import (
	"hash/fnv"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Glossary maps abbreviations to what they stand for, from the site's
// data/glossary.toml: "BĐG" = "bình đẳng giới". In every page, the first
// use of each in the body's text becomes <abbr title="bình đẳng giới">BĐG</abbr>,
// for readers who do not know it and for screen readers; uses in
// headings, links and code are left as they are.
type Glossary map[string]string

// Sum identifies the glossary's content, for caches of parsed pages.
func (g Glossary) Sum() uint64 {
	if len(g) == 0 {
		return 0
	}
	h := fnv.New64a()
	for _, k := range slices.Sorted(maps.Keys(g)) {
		h.Write([]byte(k + "\x00" + g[k] + "\x00"))
	}
	return h.Sum64()
}

// WithGlossary returns a parser that marks the first use of each of g's
// abbreviations in a page.
func (p *Parser) WithGlossary(g Glossary) *Parser {
	q := *p
	q.glossary = g
	return &q
}

// KindAbbr is the node of an abbreviation the glossary explains.
var KindAbbr = ast.NewNodeKind("Abbr")

// abbrNode is an abbreviation in the text, with its meaning.
type abbrNode struct {
	ast.BaseInline
	word, title string
}

func (n *abbrNode) Kind() ast.NodeKind { return KindAbbr }

func (n *abbrNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Word": n.word, "Title": n.title}, nil)
}

// abbreviate replaces the first use of each glossary word in the text of
// doc (headings, links, pictures and code aside) by an abbrNode.
func (p *Parser) abbreviate(doc ast.Node, src []byte) {
	if len(p.glossary) == 0 {
		return
	}
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	left := map[string]bool{}
	for k := range p.glossary {
		left[k] = true
	}
	for _, t := range texts {
		for len(left) > 0 {
			seg := t.Segment
			word, at := firstUse(string(seg.Value(src)), left)
			if word == "" {
				break
			}
			delete(left, word)
			t = p.split(t, seg, at, word)
		}
		if len(left) == 0 {
			return
		}
	}
}

// split puts an abbrNode for word at byte at of t's segment, and returns
// the text after it, which may hold the next abbreviation.
func (p *Parser) split(t *ast.Text, seg text.Segment, at int, word string) *ast.Text {
	parent := t.Parent()
	after := ast.NewTextSegment(text.NewSegment(seg.Start+at+len(word), seg.Stop))
	after.SetSoftLineBreak(t.SoftLineBreak())
	after.SetHardLineBreak(t.HardLineBreak())
	t.Segment = text.NewSegment(seg.Start, seg.Start+at)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	abbr := &abbrNode{word: word, title: p.glossary[word]}
	parent.InsertAfter(parent, t, abbr)
	parent.InsertAfter(parent, abbr, after)
	return after
}

// firstUse finds the earliest whole-word use in s of one of words.
func firstUse(s string, words map[string]bool) (word string, at int) {
	at = -1
	for w := range words {
		from := 0
		for {
			i := strings.Index(s[from:], w)
			if i < 0 || (at >= 0 && from+i > at) {
				break
			}
			i += from
			if wordEdge(s, i, i+len(w)) {
				if at < 0 || i < at || (i == at && len(w) > len(word)) {
					word, at = w, i
				}
				break
			}
			from = i + 1
		}
	}
	return word, at
}

// wordEdge reports whether s[i:j] is not part of a longer word.
func wordEdge(s string, i, j int) bool {
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	return true
}

// abbr writes an abbreviation with its meaning.
func (r *nodeRenderer) abbr(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*abbrNode)
		_, _ = w.WriteString(`<abbr title="`)
		escape(w, n.title)
		_, _ = w.WriteString(`">`)
		escape(w, n.word)
		_, _ = w.WriteString("</abbr>")
	}
	return ast.WalkSkipChildren, nil
}
