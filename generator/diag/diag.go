// Package diag is level 0 of Loa's pipeline: positions in source files and
// lists of diagnostics (errors and warnings) formatted for people.
//
// It imports only the standard library. Every other package reports problems
// through it, building each diagnostic where the fact is known so that the
// position is data, never text parsed out of an error message.
package diag

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Pos is a place in a source file. Line and Col count from 1; a zero Line
// means the whole file and a zero Col the whole line.
type Pos struct {
	File string // slash-separated path relative to the site folder
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells whether a diagnostic stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in the site.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string // what is wrong, one sentence without a final period
	Hint     string // what to do about it, in plain words; may be empty
	// The same in Vietnamese, for editors (the preview's overlay and
	// terminal); empty where no translation was written yet.
	MessageVi string
	HintVi    string
}

// Vi sets the Vietnamese message and hint: diags.Errorf(…).Vi(…).
func (d *Diagnostic) Vi(hint, format string, args ...any) {
	d.HintVi = hint
	d.MessageVi = fmt.Sprintf(format, args...)
}

// Vietnamese returns the message and hint in Vietnamese where they were
// written, else in English.
func (d Diagnostic) Vietnamese() (msg, hint string) {
	msg, hint = d.Message, d.Hint
	if d.MessageVi != "" {
		msg = d.MessageVi
	}
	if d.HintVi != "" {
		hint = d.HintVi
	}
	return msg, hint
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Pos.String())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString("\n    hint: ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// List collects the diagnostics of one build step. The zero value is ready.
type List []Diagnostic

// Errorf adds an error at pos with a hint. It returns the new diagnostic,
// for its Vietnamese text: l.Errorf(…).Vi(…); the pointer is good until the
// next change of l.
func (l *List) Errorf(pos Pos, hint, format string, args ...any) *Diagnostic {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), Hint: hint})
	return &(*l)[len(*l)-1]
}

// Warnf adds a warning at pos with a hint, as Errorf.
func (l *List) Warnf(pos Pos, hint, format string, args ...any) *Diagnostic {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Hint: hint})
	return &(*l)[len(*l)-1]
}

// Append adds all of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders the list by file, line, column and message, so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Message < b.Message
	})
}

// Print writes each diagnostic as its own block.
func (l List) Print(w io.Writer) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
}

// Err returns the errors of l as an error, or nil if there are none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &ListError{List: errs}
}

// ListError carries a list of diagnostics through code that returns error.
type ListError struct{ List List }

func (e *ListError) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// From returns the diagnostics carried by err, if it is (or wraps) a ListError.
func From(err error) (List, bool) {
	var le *ListError
	if errors.As(err, &le) {
		return le.List, true
	}
	return nil, false
}

// LineCol converts a byte offset in src to a 1-based line and column, the
// column counted in characters (runes), as editors show it.
func LineCol(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	line, col = 1, 1
	for _, r := range string(src[:offset]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}
