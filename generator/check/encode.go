package check

import (
	"encoding/binary"
	"errors"

	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/vi"
)

// A reading in bytes, so that the build can keep it between runs of the
// program: what Read found in a file alone depends on the file's bytes
// (and the configuration its Proof was parsed with), never on the other
// files, the glossary or [check]; those are applied by Run. The parse
// (File.Page) is not kept: the build has it from its own stage, and
// Decode takes it back.

// layout is the first byte of an encoded reading: a reading written by
// another layout is not read.
const layout = 1

// errDamaged is what Decode says of bytes that are not a whole reading.
var errDamaged = errors.New("damaged reading")

// Encode appends the reading of f to dst, without its parse.
func (f *File) Encode(dst []byte) []byte {
	e := encoder{b: append(dst, layout), name: f.Name}
	e.bool(f.hasTitle)
	e.int(len(f.findings))
	for _, x := range f.findings {
		e.str(x.Rule)
		e.int(int(x.Level))
		e.pos(x.Pos)
		e.str(x.Message)
		e.str(x.Hint)
		e.str(x.MessageVi)
		e.str(x.HintVi)
	}
	e.int(len(f.tones))
	for _, u := range f.tones {
		e.pos(u.pos)
		e.pos(u.nfc)
		e.str(u.word)
		e.int(int(u.style))
	}
	e.int(len(f.abbrs))
	for _, u := range f.abbrs {
		e.pos(u.pos)
		e.str(u.word)
	}
	f.encodeRefs(&e)
	return e.b
}

// encodeRefs writes the links, pictures and edits of f.
func (f *File) encodeRefs(e *encoder) {
	e.int(len(f.links))
	for _, l := range f.links {
		e.pos(l.Pos)
		e.str(l.Dest)
	}
	e.int(len(f.images))
	for _, im := range f.images {
		e.pos(im.Pos)
		e.str(im.Dest)
		e.str(im.Alt)
		e.str(im.Title)
		e.bool(im.Figure)
		e.str(im.Shortcode)
	}
	e.int(len(f.edits))
	for _, x := range f.edits {
		e.pos(x.Pos)
		e.str(x.Old)
		e.str(x.New)
		e.str(x.Rule)
	}
}

// Decode reads back the reading of the file name that Encode wrote, with
// pg, the file's parse in this build (nil when it does not parse). Bytes
// that are not a whole reading are an error, never a partial File.
func Decode(name string, data []byte, pg *page.Page) (*File, error) {
	if len(data) == 0 || data[0] != layout {
		return nil, errDamaged
	}
	d := decoder{b: data[1:], name: name}
	f := &File{Name: name, Page: pg, hasTitle: d.bool()}
	f.findings = list[Finding](d.count())
	for i := range f.findings {
		f.findings[i] = Finding{Rule: d.str(), Level: Level(d.int()), Pos: d.pos(),
			Message: d.str(), Hint: d.str(), MessageVi: d.str(), HintVi: d.str()}
	}
	f.tones = list[toneUse](d.count())
	for i := range f.tones {
		f.tones[i] = toneUse{pos: d.pos(), nfc: d.pos(), word: d.str(), style: vi.ToneStyle(d.int())}
	}
	f.abbrs = list[abbrUse](d.count())
	for i := range f.abbrs {
		f.abbrs[i] = abbrUse{pos: d.pos(), word: d.str()}
	}
	f.decodeRefs(&d)
	if d.bad || len(d.b) != 0 {
		return nil, errDamaged
	}
	return f, nil
}

// decodeRefs reads what encodeRefs wrote.
func (f *File) decodeRefs(d *decoder) {
	f.links = list[page.Link](d.count())
	for i := range f.links {
		f.links[i] = page.Link{Pos: d.pos(), Dest: d.str()}
	}
	f.images = list[page.Image](d.count())
	for i := range f.images {
		f.images[i] = page.Image{Pos: d.pos(), Dest: d.str(), Alt: d.str(), Title: d.str(), Figure: d.bool(), Shortcode: d.str()}
	}
	f.edits = list[Edit](d.count())
	for i := range f.edits {
		f.edits[i] = Edit{Pos: d.pos(), Old: d.str(), New: d.str(), Rule: d.str()}
	}
}

// list makes a list of n items; none is nil, as Read leaves what it
// found none of, so that a decoded File is the value that was read.
func list[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, n)
}

// encoder writes numbers as varints and strings with their length; a
// place in the file itself, nearly all of them, leaves its name out.
type encoder struct {
	b    []byte
	name string
}

func (e *encoder) int(n int) { e.b = binary.AppendVarint(e.b, int64(n)) }

func (e *encoder) str(s string) {
	e.int(len(s))
	e.b = append(e.b, s...)
}

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) pos(p diag.Pos) {
	if p.File == e.name {
		e.int(-1)
	} else {
		e.str(p.File)
	}
	e.int(p.Line)
	e.int(p.Col)
}

// decoder reads what encoder wrote; after the first fault every read
// returns a zero value and bad stays set.
type decoder struct {
	b    []byte
	name string
	bad  bool
}

func (d *decoder) int() int {
	n, k := binary.Varint(d.b)
	if k <= 0 || d.bad {
		d.bad = true
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

// count is the length of a list: a damaged one cannot ask for more items
// than bytes are left, each taking at least one.
func (d *decoder) count() int {
	n := d.int()
	if n < 0 || n > len(d.b) {
		d.bad = true
		return 0
	}
	return n
}

func (d *decoder) str() string {
	n := d.count()
	if d.bad {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) bool() bool {
	if len(d.b) == 0 || d.b[0] > 1 || d.bad {
		d.bad = true
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *decoder) pos() diag.Pos {
	var p diag.Pos
	if n := d.int(); n == -1 {
		p.File = d.name
	} else if n < 0 || n > len(d.b) || d.bad {
		d.bad = true
	} else {
		p.File = string(d.b[:n])
		d.b = d.b[n:]
	}
	p.Line, p.Col = d.int(), d.int()
	return p
}
