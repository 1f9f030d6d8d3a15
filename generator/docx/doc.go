// Package docx reads a Word document (.docx, WordprocessingML) into a small
// model of what a news item needs — paragraphs with their style,
// alignment and runs, lists, tables, pictures, footnotes and the
// document's properties — and converts that model into the Markdown and
// front matter of a Loa page.
//
// It sits beside page at level 2 of the pipeline and serves the command
// line (loa import). It imports the standard library (archive/zip and
// encoding/xml, nothing third-party), vi (text, legacy encodings, slugs)
// and diag; never build, site or page. The reader refuses hostile input
// within fixed limits: entries in the archive, bytes unpacked, XML
// nesting, and names that climb out of the archive with "..".
package docx

import (
	"time"

	"loa/generator/diag"
)

// Document is a Word document read into what an article needs.
type Document struct {
	Body []Block
	// Notes holds footnotes ("f" + w:id) and endnotes ("e" + w:id).
	Notes map[string][]Block
	Props Props
	// Tracked changes and comments, counted with a sample of their text:
	// the converter keeps insertions, drops deletions and comments, and
	// says so.
	Insertions, Deletions, Comments int
	InsertedText, DeletedText       string
	// Warnings about the reading (an equation, a linked picture…), at no
	// position: the converter adds the file's name.
	Warnings diag.List
}

// Props are the document's properties (docProps/core.xml).
type Props struct {
	Title, Creator    string
	Created, Modified time.Time
}

// Block is a *Paragraph or a *Table.
type Block interface{ block() }

// Paragraph is one w:p.
type Paragraph struct {
	Style   string // the style's name in lower case: "title", "heading 1", "caption", "normal"
	Heading int    // 1–9 for a heading (by style or outline level), else 0
	Align   string // "center", "right", "both", "left" or ""
	List    *ListItem
	Inlines []Inline
}

// ListItem places a paragraph in a numbered or bulleted list.
type ListItem struct {
	ID      string // w:numId: the items of one list share it
	Level   int    // 0 for the outermost
	Ordered bool
	Start   int // the number of the level's first item
}

// Table is one w:tbl.
type Table struct {
	Rows [][]Cell
}

// Cell is one w:tc.
type Cell struct {
	Blocks []Block
	Span   int       // grid columns it covers (w:gridSpan), at least 1
	Merge  MergeKind // vertical merge with the cells above (w:vMerge)
}

// MergeKind tells a cell's part in a vertical merge.
type MergeKind int

const (
	NoMerge       MergeKind = iota
	MergeStart              // the first cell of a vertical merge
	MergeContinue           // covered by the cell above
)

func (*Paragraph) block() {}
func (*Table) block()     {}

// InlineKind tells what an Inline is.
type InlineKind int

const (
	Text    InlineKind = iota
	Break              // a line break inside the paragraph
	Picture            // an image
	NoteRef            // a reference to a footnote or endnote
)

// Inline is a piece of a paragraph. Text is NFC Unicode, converted from
// legacy fonts (.VnTime, VNI-Times) where the run used one.
type Inline struct {
	Kind                            InlineKind
	Text                            string
	Bold, Italic, Underline, Strike bool
	Link                            string // the target of a hyperlink, as written
	Image                           *Image
	Note                            string // the key of Document.Notes
}

// Image is a picture of the document.
type Image struct {
	Part         string // its name in the archive: one file for a picture shown twice
	Data         []byte
	Descr, Title string // alternative text and title (wp:docPr)
}

// Plain returns the text of p's inlines, line breaks as spaces.
func (p *Paragraph) Plain() string {
	b := make([]byte, 0, 64)
	for _, in := range p.Inlines {
		switch in.Kind {
		case Text:
			b = append(b, in.Text...)
		case Break:
			b = append(b, ' ')
		}
	}
	return string(b)
}
