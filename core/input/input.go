// Package input turns the files people have into the text the checker
// reads ("the text as read"): plain text in UTF-8, GB18030/GBK or UTF-16,
// saved web pages, Word documents (.docx) and the positioned characters of
// a PDF. Each kind is an adapter; all of them hand the same reader a text,
// and a map from every place in that text back to the file's own places
// (a Word paragraph or table cell, the line of an HTML element, a point on
// a PDF page).
//
// Table cells read from a file are exact, so adapters write each table row
// as one line of cells between pipes ("| 规章 | 0 |  | 3 |"): an empty cell
// is a certain blank, never a guess, and the text read back gives the same
// findings as the file.
//
// The package does no I/O. What differs between the command line and the
// page (how HTML is parsed, how legacy encodings are decoded, whether PDFs
// can be read) comes in through Env.
package input

import (
	"fmt"
	"sort"
	"strings"
)

// Kind is the kind of file a report was read from.
type Kind string

// The kinds of input, as named in the JSON result.
const (
	Text     Kind = "text"
	Markdown Kind = "markdown"
	HTML     Kind = "html"
	Docx     Kind = "docx"
	PDF      Kind = "pdf"
)

// Where is a place in the file a report was read from. Zero fields are
// unknown or do not apply.
type Where struct {
	Paragraph int // 1-based paragraph (body paragraphs outside tables)
	Table     int // 1-based table of the document
	Row       int // 1-based row of that table
	Cell      int // 1-based cell of that row, as the file counts them
	// SourceLine is the line of the HTML element in the file.
	SourceLine int
	// Page is the 1-based PDF page; X and Y are PDF points from the
	// page's bottom-left corner.
	Page int
	X, Y float64
}

// IsZero reports whether w names no place.
func (w Where) IsZero() bool { return w == Where{} }

// Doc is a report as read from its file.
type Doc struct {
	Kind Kind
	// Encoding is the character encoding read ("utf-8", "gb18030",
	// "utf-16le", "utf-16be"), or "" where the file kind has none (.docx,
	// .pdf).
	Encoding string
	// Text is the text as read; all positions of the checker refer to it.
	Text string
	// PDFTables says how a PDF's tables were read: "lattice" when at
	// least one was read from its drawn cell borders, "stream" when all
	// text was laid out by position alone; "" for other kinds.
	PDFTables string
	marks     []mark
}

// mark says that the text from off on (up to the next mark) came from w.
type mark struct {
	off int
	w   Where
}

// At returns the file's place of the text at byte offset off.
func (d *Doc) At(off int) (Where, bool) {
	if len(d.marks) == 0 {
		return Where{}, false // plain text
	}
	i := sort.Search(len(d.marks), func(i int) bool { return d.marks[i].off > off }) - 1
	if i < 0 || d.marks[i].w.IsZero() {
		return Where{}, false
	}
	return d.marks[i].w, true
}

// Error says why a file cannot be read at all. Its message is Chinese and
// says what to do; Line is the 1-based line of the problem when known.
type Error struct {
	Code    string // stable: "empty", "too-large", "binary", "encoding", "format", "unsupported"
	Message string
	Line    int
}

func (e *Error) Error() string { return e.Message }

// Env is what reading needs from the platform it runs on. A nil field
// means the platform cannot do that, and files that need it are refused
// with a message saying where they can be read.
type Env struct {
	// Decode turns bytes in a legacy encoding into UTF-8. label is a
	// WHATWG encoding name ("gb18030", "big5"). It fails on bytes that
	// are not in that encoding rather than replacing them.
	Decode func(label string, b []byte) (string, error)
	// ParseHTML parses an HTML document as a browser does (the WHATWG
	// algorithm) and returns its document node.
	ParseHTML func(src string) (Node, error)
	// PDF extracts the characters of a PDF with their positions.
	PDF func(raw []byte) ([]Page, error)
}

// MaxBytes is the largest file read. Real reports are 6–40 KB as text and
// up to a few MB as .docx or .pdf; 10 MB refuses a wrong file (a video, a
// database dump) before any work.
const MaxBytes = 10 << 20

// maxMarks bounds the places kept for a text as read (about 5 MB of
// them). A report has a few thousand paragraphs and cells; a file that
// unpacks to more is refused as too large, like a text over MaxBytes.
const maxMarks = 1 << 16

// tooLarge is the one refusal of an input over MaxBytes. what names what
// grew too large when it is not the file itself ("网页展开后的文字").
func tooLarge(what string) *Error {
	return overLimit(fmt.Sprintf("%s超过上限 %d MB", what, MaxBytes>>20))
}

// tooMany refuses an input that unpacks to more places (paragraphs,
// lines, cells) than maxMarks.
func tooMany(what string) *Error {
	return overLimit(fmt.Sprintf("%s的段落、行和单元格超过上限 %d 个", what, maxMarks))
}

// overLimit refuses an input past another of the limits: why says which.
func overLimit(why string) *Error {
	return &Error{Code: "too-large", Message: "输入过大：" + why + "。请只提交一份年度报告。"}
}

// builder writes the text as read and its marks.
type builder struct {
	b     strings.Builder
	marks []mark
	paras int
}

func (w *builder) mark(wh Where) {
	off := w.b.Len()
	if n := len(w.marks); n > 0 && w.marks[n-1].off == off {
		w.marks[n-1].w = wh
		return
	}
	w.marks = append(w.marks, mark{off, wh})
}

// markAt marks the text from byte offset off (at or after the end of
// what is written so far) as coming from wh.
func (w *builder) markAt(off int, wh Where) {
	if n := len(w.marks); n > 0 && w.marks[n-1].off == off {
		w.marks[n-1].w = wh
		return
	}
	w.marks = append(w.marks, mark{off, wh})
}

// line writes one line of body text (a paragraph, or a line of it).
func (w *builder) line(s string, wh Where) {
	w.mark(wh)
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

// blank writes an empty line (between paragraphs that a file separates
// visibly, kept at most one in a row).
func (w *builder) blank() {
	s := w.b.String()
	if len(s) == 0 || strings.HasSuffix(s, "\n\n") {
		return
	}
	w.mark(Where{})
	w.b.WriteByte('\n')
}

// row writes a table row as one line of cells between pipes. Cell texts
// are one line already; a pipe inside a cell is written full-width so it
// cannot split the cell. Empty cells before the first filled one are left
// out: they are the label columns of a row whose labels are merged into
// the rows above (a table written without rowspan), not blank values;
// empty cells after it are blank values and are kept.
func (w *builder) row(cells []string, where []Where) {
	for len(cells) > 0 && cells[0] == "" {
		cells, where = cells[1:], where[1:]
	}
	for i, c := range cells {
		if i == 0 {
			w.mark(Where{})
			w.b.WriteString("|")
		}
		w.b.WriteByte(' ')
		w.mark(where[i])
		w.b.WriteString(strings.ReplaceAll(c, "|", "｜"))
		w.b.WriteString(" |")
	}
	w.b.WriteByte('\n')
}

// over says whether the text as read, with pending more bytes not yet
// written and more places not yet marked, is past the input limits.
func (w *builder) over(what string, pending, places int) *Error {
	switch {
	case w.b.Len()+pending > MaxBytes:
		return tooLarge(what + "的文字")
	case len(w.marks)+places > maxMarks:
		return tooMany(what)
	}
	return nil
}

func (w *builder) doc(k Kind, enc string) *Doc {
	return &Doc{Kind: k, Encoding: enc, Text: w.b.String(), marks: w.marks}
}
