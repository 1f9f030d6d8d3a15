// Package check is the editors' proofreader: it reads what a build cannot
// see is wrong (text in an old Vietnamese font encoding, decomposed
// letters, invisible characters, two tone-mark styles in one site,
// pictures without descriptions, news items without a title or a lead,
// undefined abbreviations) and reports each finding at its file, line
// and column, with a hint in Vietnamese. One file per family of rules.
//
// It is level 4 of Loa's pipeline, beside theme: it reads parsed pages,
// their Proof (the prose of the file with places) and the site's
// configuration, and is used by cli (loa check), build (the same findings
// as warnings of loa build) and serve (the preview's terminal and panel).
// It imports diag, config, vi, page and the standard library. It does no
// I/O of its own: sources come as bytes, the glossary through an fs.FS,
// and external links through the HTTP client passed in.
package check

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"loa/generator/config"
	"loa/generator/diag"
	"loa/generator/page"
	"loa/generator/vi"
)

// Level is how much a finding matters. The zero Level is Off.
type Level int

const (
	Off     Level = iota
	Info          // for information: loa check says it, nothing fails
	Warning       // loa check says it and exits 0
	Error         // loa check exits 1; loa build and loa serve still only warn
)

func (l Level) String() string {
	return [...]string{"off", "info", "warning", "error"}[l]
}

// parseLevel reads a level as [check] writes it.
func parseLevel(s string) (Level, bool) {
	for l := Off; l <= Error; l++ {
		if l.String() == s {
			return l, true
		}
	}
	return Off, false
}

// Rule ids, as the keys of [check] name them (config.CheckRules).
const (
	RuleLegacy      = "legacyEncoding"
	RuleNFC         = "nfc"
	RuleInvisible   = "invisible"
	RuleDoubleSpace = "doubleSpace"
	RulePunctuation = "spaceBeforePunctuation"
	RuleTone        = "tone"
	RuleAlt         = "alt"
	RuleCaption     = "caption"
	RuleTitle       = "title"
	RuleDate        = "date"
	RuleLead        = "lead"
	RuleLeadLength  = "leadLength"
	RuleTitleLength = "titleLength"
	RuleScheduled   = "scheduled"
	RuleLinks       = "links"
	RuleAnchors     = "anchors"
	RuleExternal    = "external"
	RuleAbbr        = "abbr"
	// RuleBuild is what the build itself reports (loa check shows it
	// too); [check] does not change it.
	RuleBuild = "build"
)

// Rules lists the rules in the order of [check] (config.CheckRules).
func Rules() []string {
	return []string{RuleLegacy, RuleNFC, RuleInvisible, RuleDoubleSpace, RulePunctuation, RuleTone, RuleAlt, RuleCaption,
		RuleTitle, RuleDate, RuleLead, RuleLeadLength, RuleTitleLength, RuleScheduled, RuleLinks, RuleAnchors, RuleExternal, RuleAbbr}
}

// Default is the level of a rule when [check] does not set it.
func Default(rule string) Level {
	switch rule {
	case RuleLegacy, RuleTitle, RuleLinks:
		return Error
	case RuleScheduled:
		return Info
	case RuleNFC, RuleInvisible, RuleDoubleSpace, RulePunctuation, RuleTone, RuleAlt, RuleCaption, RuleDate,
		RuleLead, RuleLeadLength, RuleTitleLength, RuleAnchors, RuleExternal, RuleAbbr:
		return Warning
	}
	return Off
}

// Finding is one thing the proofreader found.
type Finding struct {
	Rule  string
	Level Level
	Pos   diag.Pos
	// What is wrong and what to do, in English and in Vietnamese.
	Message, Hint, MessageVi, HintVi string
}

// Diagnostic is the finding as the build reports it, with its rule named
// as [check] names it; an error of the proofreader is a warning of the
// build unless asked.
func (f Finding) Diagnostic(severity diag.Severity) diag.Diagnostic {
	tag := " [check:" + f.Rule + "]"
	if f.Rule == RuleBuild {
		tag = ""
	}
	return diag.Diagnostic{Pos: f.Pos, Severity: severity, Message: f.Message + tag, Hint: f.Hint,
		MessageVi: f.MessageVi + tag, HintVi: f.HintVi}
}

// finding starts a finding of rule at pos with its default level.
func finding(rule string, pos diag.Pos, msg, msgVi, hint, hintVi string) Finding {
	return Finding{Rule: rule, Level: Default(rule), Pos: pos, Message: msg, Hint: hint, MessageVi: msgVi, HintVi: hintVi}
}

// File is what the proofreader read in one content file: the findings of
// the file alone, and what rules across the site need (tone marks,
// abbreviations). Apart from Page, it depends only on the file's bytes
// and its Proof, so the build keeps it between builds by content hash,
// in memory and, encoded (encode.go), on disk.
type File struct {
	Name     string
	Page     *page.Page // nil when the file does not parse
	findings []Finding
	tones    []toneUse
	abbrs    []abbrUse // the first use of each abbreviation in the file
	links    []page.Link
	images   []page.Image // every picture, for captions
	hasTitle bool
	edits    []Edit         // what --fix does whatever the site decides
	nfd      map[int]string // the lines not in NFC, as written: places of the prose count in NFC
}

// Read proofreads one content file: src is its bytes as stored, pg and
// proof its parse (either may be nil when it does not parse). The File
// reads its lines from src without a copy: src must not change after.
func Read(name string, src []byte, pg *page.Page, proof *page.Proof) *File {
	f := &File{Name: name, Page: pg}
	// The parser drops a leading byte order mark; editors never see it.
	ls := lines(strings.TrimPrefix(unsafe.String(unsafe.SliceData(src), len(src)), "\ufeff"))
	f.readBytes(ls)
	if proof == nil {
		return f
	}
	for _, t := range proof.Texts {
		if t.Kind == page.TextField && t.Key == "title" {
			f.hasTitle = true
		}
	}
	n := len(f.findings)
	f.readProse(proof.Texts)
	f.readLegacy(ls, proof.Texts)
	f.readImages(proof.Images)
	f.links = proof.Links
	f.readWords(proof.Texts)
	if len(f.nfd) > 0 {
		// Places found in the prose count its characters composed (NFC);
		// editors count the file's as written.
		for i := n; i < len(f.findings); i++ {
			f.findings[i].Pos = f.written(f.findings[i].Pos)
		}
		for i := range f.images {
			f.images[i].Pos = f.written(f.images[i].Pos)
		}
		for i := range f.links {
			f.links[i].Pos = f.written(f.links[i].Pos)
		}
		for i := range f.tones {
			f.tones[i].pos = f.written(f.tones[i].nfc)
		}
		for i := range f.abbrs {
			f.abbrs[i].pos = f.written(f.abbrs[i].pos)
		}
	}
	return f
}

// written is the place in the file as written of a place counted in the
// NFC text: a decomposed letter is several characters of its line.
func (f *File) written(p diag.Pos) diag.Pos {
	line, ok := f.nfd[p.Line]
	if !ok || p.Col < 1 {
		return p
	}
	col, raw := 1, 1 // columns in the NFC text and as written
	for written, composed := range vi.NFCPieces(line) {
		n := utf8.RuneCountInString(composed)
		if p.Col < col+n {
			break
		}
		col += n
		raw += utf8.RuneCountInString(written)
	}
	p.Col = raw + (p.Col - col)
	return p
}

// Input is what a run of the proofreader reads.
type Input struct {
	Config   *config.Config
	Files    []*File
	Glossary page.Glossary
	Now      time.Time
	// Build is the build's own diagnostics. loa check passes them, to
	// report them too, links and anchors under their rules; the build
	// passes nil, since it reports them itself.
	Build diag.List
	// External holds what was found of the files' links to other sites
	// (see Externals); nil when they were not checked.
	External []Finding
}

// Run applies the rules across the site and the levels of [check], and
// returns every finding that is not off, sorted.
func Run(in Input) []Finding {
	if in.Config == nil { // the configuration did not read: the build's errors say why
		in.Config = &config.Config{}
	}
	var out []Finding
	for _, f := range in.Files {
		out = append(out, f.findings...)
		out = append(out, f.imageFindings(in.Config.Check.Captions)...)
	}
	out = append(out, tones(in.Files, in.Config.Check.TonePlacement)...)
	out = append(out, abbreviations(in.Files, in.Glossary)...)
	out = append(out, news(in.Files, in.Config, in.Now)...)
	out = append(out, in.External...)
	out = levels(out, in.Config.Check.Levels)
	out = append(out, fromBuild(in.Build, in.Files, in.Config.Check.Levels)...)
	Sort(out)
	return out
}

// levels sets each finding's level from [check] and drops those off.
func levels(fs []Finding, set map[string]string) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if s, ok := set[f.Rule]; ok {
			f.Level, _ = parseLevel(s)
		}
		if f.Level != Off {
			out = append(out, f)
		}
	}
	return out
}

// Sort orders findings by file, line, column, rule and message.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.Pos.File != b.Pos.File:
			return a.Pos.File < b.Pos.File
		case a.Pos.Line != b.Pos.Line:
			return a.Pos.Line < b.Pos.Line
		case a.Pos.Col != b.Pos.Col:
			return a.Pos.Col < b.Pos.Col
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// Count is how many findings of each level there are.
type Count struct{ Errors, Warnings, Infos int }

// Counts counts findings by level.
func Counts(fs []Finding) Count {
	var c Count
	for _, f := range fs {
		switch f.Level {
		case Error:
			c.Errors++
		case Warning:
			c.Warnings++
		case Info:
			c.Infos++
		}
	}
	return c
}

// at is the place of the i-th byte of a run of prose.
func at(t page.Text, i int) diag.Pos {
	return diag.Pos{File: t.Pos.File, Line: t.Pos.Line, Col: t.Pos.Col + utf8.RuneCountInString(t.Text[:i])}
}

// quote shows a piece of text in a message, cut when long.
func quote(s string) string {
	r := []rune(s)
	if len(r) > 80 {
		s = string(r[:77]) + "…"
	}
	return "“" + s + "”"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// lines splits a file into lines without their ends (LF, CRLF or CR).
func lines(src string) []string {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(src, "\r", "\n"), "\n")
}
