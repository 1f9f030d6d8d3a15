package docx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDepth bounds the nesting of XML elements. Word's deepest real nesting
// (tables in tables, drawings in text boxes) stays well below it.
const maxDepth = 256

// xmlReader reads the tokens of one part, keeping count of the depth.
// Elements are matched by local name: WordprocessingML's transitional and
// strict namespaces then read alike.
type xmlReader struct {
	d     *xml.Decoder
	depth int
}

func newXMLReader(r io.Reader) *xmlReader {
	d := xml.NewDecoder(r)
	// Parts declare UTF-8; anything else is refused instead of guessed.
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") {
			return input, nil
		}
		return nil, fmt.Errorf("unsupported XML encoding %q", label)
	}
	return &xmlReader{d: d}
}

// next returns the next start element, end element or character data;
// comments, processing instructions and directives are left out.
func (x *xmlReader) next() (xml.Token, error) {
	for {
		tok, err := x.d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			x.depth++
			if x.depth > maxDepth {
				return nil, errors.New("the XML is nested too deeply")
			}
			return t, nil
		case xml.EndElement:
			x.depth--
			return t, nil
		case xml.CharData:
			return t, nil
		}
	}
}

// skip consumes the rest of the element whose start was just read.
func (x *xmlReader) skip() error {
	for n := 1; n > 0; {
		tok, err := x.next()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			n++
		case xml.EndElement:
			n--
		}
	}
	return nil
}

// text returns the character data of the element whose start was just
// read, consuming it; the text of child elements is included.
func (x *xmlReader) text() (string, error) {
	var b strings.Builder
	for n := 1; n > 0; {
		tok, err := x.next()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n++
		case xml.EndElement:
			n--
		case xml.CharData:
			b.Write(t)
		}
	}
	return b.String(), nil
}

// children calls f for each child element of the element whose start was
// just read, until its end. f must consume the child it is given (read to
// its end, or skip it).
func (x *xmlReader) children(f func(se xml.StartElement) error) error {
	for {
		tok, err := x.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := f(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// attr returns the value of the attribute with the local name, whatever
// its namespace, or "".
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// relAttr returns an attribute in the relationships namespace (r:id,
// r:embed), or "".
func relAttr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && strings.Contains(a.Name.Space, "relationships") {
			return a.Value
		}
	}
	return ""
}

// onOff reads a WordprocessingML on/off property such as <w:b/> or
// <w:b w:val="false"/>.
func onOff(se xml.StartElement) bool {
	switch attr(se, "val") {
	case "false", "0", "off", "none":
		return false
	}
	return true
}

// intAttr returns the integer w:val of se, or def.
func intAttr(se xml.StartElement, def int) int {
	if n, err := strconv.Atoi(attr(se, "val")); err == nil {
		return n
	}
	return def
}
