package page

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/BurntSushi/toml"

	"loa/generator/diag"
)

// A parse is kept between builds as bytes (see Encode): the builder's
// cache stores them by the hash of everything the parse read. Decode must
// give back exactly what Parse returned, down to the time zone of every
// date and the difference between a nil and an empty list, since a page
// from the cache is rendered as if it had been parsed.

// codecVersion starts every encoding: bytes of another layout are refused.
const codecVersion = 2

// An encoding ends with the page's HTML and its length as four bytes, so
// that the HTML can be found in it without decoding the rest (BodySpan).
const bodyTrailer = 4

// errDamaged is the answer to bytes Encode did not make.
var errDamaged = errors.New("damaged page encoding")

// Encode returns the bytes of a parse: the page (nil when Parse found
// errors) and the diagnostics Parse returned, for Decode. It fails only for
// a value front matter cannot hold, never for a page Parse made.
func (p *Parser) Encode(pg *Page, diags diag.List) ([]byte, error) {
	return p.AppendEncode(nil, pg, diags)
}

// AppendEncode is Encode into the room of dst, which it extends when the
// encoding fits, for a caller that gathers many in one buffer: the
// encoding is the slice returned, from its first byte to its last.
func (p *Parser) AppendEncode(dst []byte, pg *Page, diags diag.List) ([]byte, error) {
	e := encoder{b: dst[len(dst):], loc: p.cfg.Location, zones: p.zones}
	if need := 2048; pg != nil {
		// All of it, in one allocation for nearly every page. With the
		// HTML, the summary and 1,024 bytes it fell short for 199 of 200
		// items of the benchmark corpus (a head of 1,589 bytes with a
		// summary of 451, for one), and for every packed page, whose
		// Content is empty: the buffer grown held the HTML twice.
		if need += pg.BodyLen() + len(pg.Summary) + len(pg.Description); cap(e.b) < need {
			e.b = make([]byte, 0, need)
		}
	}
	e.uint(codecVersion)
	e.diags(diags)
	e.bool(pg != nil)
	start := len(e.b) // of the HTML
	if pg != nil {
		e.page(pg)
		start = len(e.b)
		e.b = pg.AppendBody(e.b) // not Body: a page kept or packed would make a string of it first
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, uint32(len(e.b)-start))
	return e.b, e.err
}

// BodySpan is where the page's HTML is in an encoding Encode made: from
// start to end. It fails for bytes too short to hold what they say.
func BodySpan(data []byte) (start, end int, ok bool) {
	if len(data) < bodyTrailer {
		return 0, 0, false
	}
	end = len(data) - bodyTrailer
	n := binary.LittleEndian.Uint32(data[end:])
	if uint64(n) > uint64(end) {
		return 0, 0, false
	}
	return end - int(n), end, true
}

// Decode returns the parse Encode encoded, with this parser's time zones.
// Damaged bytes are an error, never a panic.
func (p *Parser) Decode(data []byte) (pg *Page, diags diag.List, err error) {
	start, end, ok := BodySpan(data)
	if !ok {
		return nil, nil, errDamaged
	}
	return p.DecodeParts(data[:start], data[start:end])
}

// DecodeParts is Decode for an encoding kept in two parts: its head, the
// bytes before BodySpan's start, and the HTML.
func (p *Parser) DecodeParts(head, html []byte) (pg *Page, diags diag.List, err error) {
	pg, diags, err = p.decodeHead(head, len(html))
	if pg != nil {
		pg.Content = string(html)
	}
	return pg, diags, err
}

// DecodeKept is Decode for an encoding whose HTML is left in a file: the
// page reads it from there when rendered or indexed, as a page KeptIn does.
func (p *Parser) DecodeKept(head []byte, r io.ReaderAt, off int64, size int, key [32]byte, sum uint32) (pg *Page, diags diag.List, err error) {
	pg, diags, err = p.decodeHead(head, size)
	if pg != nil {
		pg.kept = &kept{r: r, off: off, size: size, key: key, sum: sum}
	}
	return pg, diags, err
}

// decodeHead decodes the head of an encoding whose HTML is size bytes.
func (p *Parser) decodeHead(head []byte, size int) (pg *Page, diags diag.List, err error) {
	// The fields are substrings of one copy of the head, and the HTML a
	// copy of its own, or none: a build that then reads the HTML from the
	// cache (KeptIn) lets it go, which one copy of both would hold as long
	// as the page's title (a warm 10,000-item site assembled with 111 MB
	// live that way, 66 MB now).
	d := decoder{b: head, s: string(head), loc: p.cfg.Location, zones: p.zones}
	if d.uint() != codecVersion {
		return nil, nil, errDamaged
	}
	diags = d.diagList()
	if d.bool() {
		pg = d.page()
	} else if size != 0 {
		return nil, nil, errDamaged
	}
	if d.err != nil || d.i != len(d.b) {
		return nil, nil, errDamaged
	}
	return pg, diags, nil
}

// tomlZones are the zones BurntSushi/toml gives dates written without one
// (1979-05-27T07:32:00, 1979-05-27, 07:32:00): their offset is the
// computer's at the start of the program, so a cached date is rebuilt from
// its wall clock in them, as a fresh parse would read it.
type tomlZones struct {
	datetime, date, clock *time.Location
}

// newTOMLZones asks the decoder for its zones: they are not exported.
func newTOMLZones() *tomlZones {
	var v struct{ A, B, C time.Time }
	if _, err := toml.Decode("A = 2000-01-01T00:00:00\nB = 2000-01-01\nC = 00:00:00", &v); err != nil {
		panic(err) // a constant document
	}
	return &tomlZones{v.A.Location(), v.B.Location(), v.C.Location()}
}

// The kinds of time zone a date of a page can have, by where it comes from.
const (
	zoneUTC      = iota // written with Z, or the zero time
	zoneLocal           // written with the computer's offset (time.Parse)
	zoneSite            // the site's zone (Date, campaign dates)
	zoneFixed           // written with another offset
	zoneDatetime        // TOML local date and time
	zoneDate            // TOML local date
	zoneClock           // TOML local time
)

// The kinds of value front matter holds (see value).
const (
	valNil = iota
	valString
	valFalse
	valTrue
	valInt64
	valInt
	valUint64
	valFloat
	valTime
	valList
	valTables
	valTable
	valAnyTable
)

// maxValueDepth bounds the nesting Decode follows: front matter nests at most
// maxDepth (checked by Parse), damaged bytes any deeper.
const maxValueDepth = maxDepth + 8

// encoder appends a parse to b. Lists and maps are written as their length
// plus one, 0 standing for nil.
type encoder struct {
	b     []byte
	err   error
	loc   *time.Location
	zones *tomlZones
}

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// length writes how many elements follow, or that the list is nil.
func (e *encoder) length(n int, isNil bool) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(uint64(n) + 1)
}

func (e *encoder) strs(s []string) {
	e.length(len(s), s == nil)
	for _, v := range s {
		e.str(v)
	}
}

func (e *encoder) pos(p diag.Pos) {
	e.str(p.File)
	e.int(int64(p.Line))
	e.int(int64(p.Col))
}

func (e *encoder) diags(l diag.List) {
	e.length(len(l), l == nil)
	for _, d := range l {
		e.pos(d.Pos)
		e.int(int64(d.Severity))
		e.str(d.Message)
		e.str(d.Hint)
		e.str(d.MessageVi)
		e.str(d.HintVi)
	}
}

// time writes the instant and where its zone comes from; a TOML local
// date is written as its wall clock instead, which is what it means.
func (e *encoder) time(t time.Time) {
	loc := t.Location()
	switch loc {
	case time.UTC:
		e.instant(zoneUTC, t)
	case time.Local:
		e.instant(zoneLocal, t)
	case e.loc:
		e.instant(zoneSite, t)
	case e.zones.datetime:
		e.wall(zoneDatetime, t)
	case e.zones.date:
		e.wall(zoneDate, t)
	case e.zones.clock:
		e.wall(zoneClock, t)
	default:
		name, offset := t.Zone()
		start, end := t.ZoneBounds()
		if name != loc.String() || !start.IsZero() || !end.IsZero() {
			// A zone with rules of its own, which FixedZone cannot rebuild.
			e.fail(fmt.Errorf("cannot cache a date in zone %q", loc))
		}
		e.instant(zoneFixed, t)
		e.str(name)
		e.int(int64(offset))
	}
}

func (e *encoder) instant(kind int, t time.Time) {
	e.uint(uint64(kind))
	e.int(t.Unix())
	e.int(int64(t.Nanosecond()))
}

func (e *encoder) wall(kind int, t time.Time) {
	e.uint(uint64(kind))
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	for _, v := range [...]int{y, int(mo), d, h, mi, s, t.Nanosecond()} {
		e.int(int64(v))
	}
}

func (e *encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// value writes a front matter value of the types the TOML and YAML
// decoders make.
func (e *encoder) value(v any) {
	switch v := v.(type) {
	case nil:
		e.uint(valNil)
	case string:
		e.uint(valString)
		e.str(v)
	case bool:
		if v {
			e.uint(valTrue)
		} else {
			e.uint(valFalse)
		}
	case int64:
		e.uint(valInt64)
		e.int(v)
	case int:
		e.uint(valInt)
		e.int(int64(v))
	case uint64:
		e.uint(valUint64)
		e.uint(v)
	case float64:
		e.uint(valFloat)
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v))
	case time.Time:
		e.uint(valTime)
		e.time(v)
	case []any:
		e.uint(valList)
		e.length(len(v), v == nil)
		for _, x := range v {
			e.value(x)
		}
	case []map[string]any:
		e.uint(valTables)
		e.length(len(v), v == nil)
		for _, x := range v {
			e.table(x)
		}
	case map[string]any:
		e.uint(valTable)
		e.table(v)
	case map[any]any:
		e.uint(valAnyTable)
		e.anyTable(v)
	default:
		e.fail(fmt.Errorf("cannot cache a front matter value of type %T", v))
	}
}

// anyTable writes a YAML mapping whose keys are not all text, in the order
// of the keys' bytes.
func (e *encoder) anyTable(m map[any]any) {
	e.length(len(m), m == nil)
	type pair struct{ k, v []byte }
	pairs := make([]pair, 0, len(m))
	for k, v := range m {
		ke, ve := encoder{loc: e.loc, zones: e.zones}, encoder{loc: e.loc, zones: e.zones}
		ke.value(k)
		ve.value(v)
		e.fail(errors.Join(ke.err, ve.err))
		pairs = append(pairs, pair{ke.b, ve.b})
	}
	slices.SortFunc(pairs, func(a, b pair) int { return bytes.Compare(a.k, b.k) })
	for _, p := range pairs {
		e.b = append(append(e.b, p.k...), p.v...)
	}
}

// table writes a map in the order of its keys, so that equal pages have
// equal bytes.
func (e *encoder) table(m map[string]any) {
	e.length(len(m), m == nil)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		e.str(k)
		e.value(m[k])
	}
}

// decoder reads what encoder wrote. Every string of a page is a slice of
// one copy of the bytes (s): one allocation for all of them.
type decoder struct {
	b     []byte
	s     string // the same bytes as b
	i     int    // the next byte to read
	err   error
	loc   *time.Location
	zones *tomlZones
	depth int // of the value being read
}

func (d *decoder) fail() {
	d.err = errDamaged
	d.i = len(d.b) // nothing more to read: every reader returns at once
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b[d.i:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.b[d.i:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.i += n
	return v
}

func (d *decoder) bool() bool {
	switch d.uint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

func (d *decoder) str() string {
	n := d.uint()
	if n > uint64(len(d.b)-d.i) {
		d.fail()
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

// length reads how many elements follow; ok is false for nil. Every
// element takes a byte at least, so damaged bytes cannot ask for more
// elements than there are bytes left.
func (d *decoder) length() (n int, ok bool) {
	v := d.uint()
	if v == 0 {
		return 0, false
	}
	if v-1 > uint64(len(d.b)-d.i) {
		d.fail()
		return 0, false
	}
	return int(v - 1), true
}

func (d *decoder) strs() []string {
	n, ok := d.length()
	if !ok {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) pos() diag.Pos {
	return diag.Pos{File: d.str(), Line: int(d.int()), Col: int(d.int())}
}

func (d *decoder) diagList() diag.List {
	n, ok := d.length()
	if !ok {
		return nil
	}
	out := make(diag.List, n)
	for i := range out {
		out[i] = diag.Diagnostic{Pos: d.pos(), Severity: diag.Severity(d.int()),
			Message: d.str(), Hint: d.str(), MessageVi: d.str(), HintVi: d.str()}
	}
	return out
}

func (d *decoder) time() time.Time {
	switch d.uint() {
	case zoneUTC:
		return d.instant(time.UTC)
	case zoneLocal:
		return d.instant(time.Local)
	case zoneSite:
		return d.instant(d.loc)
	case zoneFixed:
		t := d.instant(time.UTC)
		name, offset := d.str(), d.int()
		return t.In(time.FixedZone(name, int(offset)))
	case zoneDatetime:
		return d.wall(d.zones.datetime)
	case zoneDate:
		return d.wall(d.zones.date)
	case zoneClock:
		return d.wall(d.zones.clock)
	}
	d.fail()
	return time.Time{}
}

func (d *decoder) instant(loc *time.Location) time.Time {
	sec, nsec := d.int(), d.int()
	if nsec < 0 || nsec >= 1e9 || loc == nil {
		d.fail()
		return time.Time{}
	}
	return time.Unix(sec, nsec).In(loc)
}

func (d *decoder) wall(loc *time.Location) time.Time {
	var f [7]int
	for i := range f {
		f[i] = int(d.int())
	}
	return time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], f[6], loc)
}

func (d *decoder) value() any {
	if d.depth++; d.depth > maxValueDepth {
		d.fail()
	}
	defer func() { d.depth-- }()
	switch d.uint() {
	case valNil:
		return nil
	case valString:
		return d.str()
	case valFalse:
		return false
	case valTrue:
		return true
	case valInt64:
		return d.int()
	case valInt:
		return int(d.int())
	case valUint64:
		return d.uint()
	case valFloat:
		if len(d.b)-d.i < 8 {
			d.fail()
			return nil
		}
		d.i += 8
		return math.Float64frombits(binary.LittleEndian.Uint64(d.b[d.i-8:]))
	case valTime:
		return d.time()
	case valList:
		return d.list()
	case valTables:
		n, ok := d.length()
		if !ok {
			return []map[string]any(nil)
		}
		out := make([]map[string]any, n)
		for i := range out {
			out[i] = d.table()
		}
		return out
	case valTable:
		return d.table()
	case valAnyTable:
		return d.anyTable()
	}
	d.fail()
	return nil
}

func (d *decoder) list() []any {
	n, ok := d.length()
	if !ok {
		return nil
	}
	out := make([]any, n)
	for i := range out {
		out[i] = d.value()
	}
	return out
}

func (d *decoder) table() map[string]any {
	n, ok := d.length()
	if !ok {
		return nil
	}
	m := make(map[string]any, n)
	for range n {
		k := d.str()
		m[k] = d.value()
	}
	return m
}

// anyTable reads a YAML mapping whose keys are not all text. Its keys are
// scalars: damaged bytes offering a list as a key are refused.
func (d *decoder) anyTable() map[any]any {
	n, ok := d.length()
	if !ok {
		return nil
	}
	m := make(map[any]any, n)
	for range n {
		k := d.value()
		switch k.(type) {
		case nil, string, bool, int, int64, uint64, float64, time.Time:
		default:
			d.fail()
			return nil
		}
		m[k] = d.value()
	}
	return m
}
