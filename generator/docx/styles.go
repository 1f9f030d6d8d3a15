package docx

import (
	"encoding/xml"
	"io"
	"strings"
)

// tri is a property that may be unset (0), on (1) or off (-1), so a
// style's value can be overridden by a run's.
type tri int8

func triOf(on bool) tri {
	if on {
		return 1
	}
	return -1
}

// runProps are the character properties the converter uses; the rest
// (sizes, colours, spacing) is direct formatting noise.
type runProps struct {
	bold, italic, underline, strike, caps, hidden tri
	// font is the font of non-ASCII Latin text (w:hAnsi, else w:ascii),
	// "" when unset; a theme font is never a legacy one.
	font string
}

// over returns p with the properties set in q replacing its own.
func (p runProps) over(q runProps) runProps {
	for _, f := range []struct{ dst, src *tri }{
		{&p.bold, &q.bold}, {&p.italic, &q.italic}, {&p.underline, &q.underline},
		{&p.strike, &q.strike}, {&p.caps, &q.caps}, {&p.hidden, &q.hidden},
	} {
		if *f.src != 0 {
			*f.dst = *f.src
		}
	}
	if q.font != "" {
		p.font = q.font
	}
	return p
}

// paraProps are the paragraph properties the converter uses.
type paraProps struct {
	style   string // w:pStyle
	numID   string // w:numPr/w:numId; "" unset, "0" no numbering
	ilvl    int
	jc      string
	outline int // w:outlineLvl + 1, 0 unset
}

// style is one w:style.
type style struct {
	name, basedOn, typ string
	para               paraProps
	run                runProps
}

// styles is styles.xml.
type styles struct {
	byID        map[string]*style
	defaults    runProps
	defaultPara string // the style of paragraphs that name none
}

func (p *pkg) readStyles(part string) (*styles, error) {
	s := &styles{byID: map[string]*style{}}
	rc, ok, err := p.open(part)
	if !ok || err != nil {
		return s, err
	}
	defer rc.Close()
	x := newXMLReader(rc)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "rPrDefault":
			err = x.children(func(c xml.StartElement) error {
				if c.Name.Local != "rPr" {
					return x.skip()
				}
				var err error
				s.defaults, _, err = readRPr(x)
				return err
			})
		case "pPrDefault":
			err = x.skip()
		case "style":
			st := &style{typ: attr(se, "type")}
			id := attr(se, "styleId")
			if st.typ == "paragraph" && onOffAttr(se, "default") {
				s.defaultPara = id
			}
			err = x.children(func(c xml.StartElement) error {
				var err error
				switch c.Name.Local {
				case "name":
					st.name = strings.ToLower(strings.TrimSpace(attr(c, "val")))
				case "basedOn":
					st.basedOn = attr(c, "val")
				case "pPr":
					st.para, err = readPPr(x)
					return err
				case "rPr":
					st.run, _, err = readRPr(x)
					return err
				}
				return x.skip()
			})
			if id != "" {
				s.byID[id] = st
			}
		}
		if err != nil {
			return nil, err
		}
	}
}

// onOffAttr reads an on/off attribute such as w:default="1".
func onOffAttr(se xml.StartElement, local string) bool {
	switch attr(se, local) {
	case "1", "true", "on":
		return true
	}
	return false
}

// chain returns the style id and the styles it is based on, the base
// first; a loop of basedOn ends it.
func (s *styles) chain(id string) []*style {
	var out []*style
	seen := map[string]bool{}
	for id != "" && !seen[id] && len(out) < 32 {
		seen[id] = true
		st, ok := s.byID[id]
		if !ok {
			break
		}
		out = append(out, st)
		id = st.basedOn
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// para resolves a paragraph's properties through its style chain: the
// direct ones win. It returns the style's name as well.
func (s *styles) para(direct paraProps) (paraProps, string) {
	id := direct.style
	if id == "" {
		id = s.defaultPara
	}
	var eff paraProps
	name := ""
	for _, st := range s.chain(id) {
		name = st.name
		if st.para.numID != "" {
			eff.numID, eff.ilvl = st.para.numID, st.para.ilvl
		}
		if st.para.jc != "" {
			eff.jc = st.para.jc
		}
		if st.para.outline != 0 {
			eff.outline = st.para.outline
		}
	}
	if direct.numID != "" {
		eff.numID, eff.ilvl = direct.numID, direct.ilvl
	}
	if direct.jc != "" {
		eff.jc = direct.jc
	}
	if direct.outline != 0 {
		eff.outline = direct.outline
	}
	eff.style = id
	return eff, name
}

// run resolves a run's properties: defaults, the paragraph's style chain,
// the run's character style chain, then its own.
func (s *styles) run(pStyle, rStyle string, direct runProps) runProps {
	if pStyle == "" {
		pStyle = s.defaultPara
	}
	p := s.defaults
	for _, st := range s.chain(pStyle) {
		p = p.over(st.run)
	}
	for _, st := range s.chain(rStyle) {
		p = p.over(st.run)
	}
	return p.over(direct)
}

// readRPr reads a w:rPr whose start was just read; it returns the
// character style (w:rStyle) too.
func readRPr(x *xmlReader) (runProps, string, error) {
	var p runProps
	var rStyle string
	err := x.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "b":
			p.bold = triOf(onOff(c))
		case "i":
			p.italic = triOf(onOff(c))
		case "u":
			p.underline = triOf(onOff(c) && attr(c, "val") != "none")
		case "strike", "dstrike":
			p.strike = triOf(onOff(c))
		case "caps":
			p.caps = triOf(onOff(c))
		case "vanish", "specVanish":
			p.hidden = triOf(onOff(c))
		case "rStyle":
			rStyle = attr(c, "val")
		case "rFonts":
			switch {
			case attr(c, "hAnsi") != "":
				p.font = attr(c, "hAnsi")
			case attr(c, "ascii") != "":
				p.font = attr(c, "ascii")
			case attr(c, "hAnsiTheme") != "" || attr(c, "asciiTheme") != "":
				p.font = "(theme)"
			}
		}
		// Everything else, rPrChange (the formatting before a tracked
		// change) included, is skipped.
		return x.skip()
	})
	return p, rStyle, err
}

// readPPr reads a w:pPr whose start was just read.
func readPPr(x *xmlReader) (paraProps, error) {
	var p paraProps
	err := x.children(func(c xml.StartElement) error {
		switch c.Name.Local {
		case "pStyle":
			p.style = attr(c, "val")
		case "jc":
			p.jc = attr(c, "val")
		case "outlineLvl":
			if n := intAttr(c, 9); n < 9 {
				p.outline = n + 1
			}
		case "numPr":
			p.numID = "0"
			return x.children(func(n xml.StartElement) error {
				switch n.Name.Local {
				case "numId":
					p.numID = attr(n, "val")
				case "ilvl":
					p.ilvl = intAttr(n, 0)
				}
				return x.skip()
			})
		}
		return x.skip()
	})
	return p, err
}

// level is one level of a list definition.
type level struct {
	format string // w:numFmt: "bullet", "decimal", "none"…
	start  int
}

// numbering is numbering.xml: each w:num points to an abstract definition
// and may restart its levels.
type numbering struct {
	abstract map[string]map[int]level
	nums     map[string]numDef
}

type numDef struct {
	abstract string
	starts   map[int]int
}

func (p *pkg) readNumbering(part string) (*numbering, error) {
	n := &numbering{abstract: map[string]map[int]level{}, nums: map[string]numDef{}}
	rc, ok, err := p.open(part)
	if !ok || err != nil {
		return n, err
	}
	defer rc.Close()
	x := newXMLReader(rc)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || x.depth != 2 {
			continue
		}
		switch se.Name.Local {
		case "abstractNum":
			levels := map[int]level{}
			err = x.children(func(c xml.StartElement) error {
				if c.Name.Local != "lvl" {
					return x.skip()
				}
				l, err := readLevel(x)
				levels[intAttrNamed(c, "ilvl")] = l
				return err
			})
			n.abstract[attr(se, "abstractNumId")] = levels
		case "num":
			d := numDef{starts: map[int]int{}}
			err = x.children(func(c xml.StartElement) error {
				switch c.Name.Local {
				case "abstractNumId":
					d.abstract = attr(c, "val")
				case "lvlOverride":
					ilvl := intAttrNamed(c, "ilvl")
					return x.children(func(o xml.StartElement) error {
						if o.Name.Local == "startOverride" {
							d.starts[ilvl] = intAttr(o, 1)
						}
						return x.skip()
					})
				}
				return x.skip()
			})
			n.nums[attr(se, "numId")] = d
		default:
			err = x.skip()
		}
		if err != nil {
			return nil, err
		}
	}
}

// readLevel reads a w:lvl. Word 2010 writes custom formats inside
// mc:AlternateContent with a plain fallback; the plain one is kept.
func readLevel(x *xmlReader) (level, error) {
	l := level{start: 1}
	for depth := 1; depth > 0; {
		tok, err := x.next()
		if err != nil {
			return l, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "numFmt":
				if v := attr(t, "val"); v != "custom" && v != "" {
					l.format = v
				}
			case "start":
				l.start = intAttr(t, 1)
			}
		case xml.EndElement:
			depth--
		}
	}
	return l, nil
}

func intAttrNamed(se xml.StartElement, local string) int {
	n := 0
	for _, c := range attr(se, local) {
		if c < '0' || c > '9' || n > 1000 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// item returns the list item of a paragraph numbered with numID at ilvl,
// or nil when it is not in a list.
func (n *numbering) item(numID string, ilvl int) *ListItem {
	if numID == "" || numID == "0" {
		return nil
	}
	d, ok := n.nums[numID]
	if !ok {
		return nil
	}
	l, ok := n.abstract[d.abstract][ilvl]
	if !ok {
		l = level{format: "bullet", start: 1}
	}
	if s, ok := d.starts[ilvl]; ok {
		l.start = s
	}
	if l.format == "none" {
		return nil
	}
	return &ListItem{ID: numID, Level: min(max(ilvl, 0), 8), Ordered: l.format != "bullet", Start: l.start}
}
