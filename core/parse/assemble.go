package parse

import (
	"bytes"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

// Cell is one table cell as read.
type Cell struct {
	Raw   string
	Span  source.Span
	Num   normalize.Number
	Fused bool // decoded from digits that had lost their separators
	// Settled: among the splits of those digits that the row's total
	// allowed, the table's identities across rows chose this one. Those
	// identities hold by construction and verify nothing.
	Settled bool
	// Unsure: the reader inferred the cell rather than read it (a blank
	// placed by the columns of a space-aligned copy, digits split by the
	// row's identity): a finding that rests on it is the reading's doubt.
	Unsure bool
	// Placed: an Unsure blank placed by the columns of the rows around it
	// (the other Unsure blanks are empty lines read as cells).
	Placed bool
}

// Blank reports whether the cell holds no number (empty or a placeholder).
func (c *Cell) Blank() bool {
	return c.Num.Kind == normalize.Blank || c.Num.Kind == normalize.Placeholder
}

// Known reports whether the cell holds a number usable in arithmetic.
func (c *Cell) Known() bool {
	return c != nil && (c.Num.Kind == normalize.Int || c.Num.Kind == normalize.Decimal || c.Num.Kind == normalize.Negative)
}

// ProblemKind classifies what the table reader could not do.
type ProblemKind uint8

const (
	RowShort     ProblemKind = iota // a row has fewer values than columns
	RowLong                         // a row has more values than columns
	RowMissing                      // a row was not found at all
	RowFusedBad                     // glued digits that do not split in exactly one way
	RowFused                        // glued digits decoded with the row's identity
	Stray                           // values that belong to no row
	Scrambled                       // the reading order mixes rows and columns
	LabelVariant                    // a row label that differs from the official text
	NoValues                        // the table has labels but no values at all
	Unsure                          // rows the text allows several readings of (Text: their ids)
)

// Problem is a fact the reader found, reported by the T rules.
type Problem struct {
	Kind   ProblemKind
	Row    string // row id, or ""
	Span   source.Span
	Count  int    // values found
	Want   int    // values expected
	Text   string // the label as written, for LabelVariant; details otherwise
	Splits int    // for RowFusedBad: how many splits fit
}

// Table is one of 表二/三/四 as read.
//
// Its rows are stored by row index: Rows[i] is row i, and for 表三 the
// sub-total groups follow (Groups[g] is row len(Rows)+g). Index gives a
// row id's index; the accessors take either.
type Table struct {
	ID     string // "active", "applications", "review"
	Start  source.Span
	Rows   []format.Row
	Groups []format.Row // the groups whose printed sub-totals are read apart (表三), after Rows
	// Scrambled: the cells cannot be placed with confidence; no arithmetic
	// may use them.
	Scrambled  bool
	Problems   []Problem
	Style      string // "2021" or "2019" rows (表三 其他处理, 表二 columns)
	HeaderFold string // folded header text before the first row, for T03/T04
	Labels     []Tok  // every label token, in order (for D01 and T08)
	// Delim: how most of the table's values were delimited (a .docx table,
	// tabs, spaces…), which decides whether a shortfall is the report's
	// or the reading's (see Certain); a row's own is in its rowData.
	Delim Delim
	rows  []rowData // by row index (Rows, then Groups)
	tp    *template // the template read (nil for a table made by hand)
}

// rowData is what was read of one row.
type rowData struct {
	cells []*Cell     // in column order; nil: not read
	span  source.Span // where the row's label (or first value) is
	label int32       // 1 + the index in Labels of the label token that named the row; 0: none
	delim Delim       // how its cells were delimited (see RowDelim); DelimNone: not known
}

// Index returns the row index of a row or group id, or -1.
func (t *Table) Index(row string) int {
	if t == nil || t.tp == nil {
		return -1
	}
	if r, ok := t.tp.index[row]; ok {
		return r
	}
	return -1
}

// NumRows is the number of row indices (rows and groups).
func (t *Table) NumRows() int {
	if t == nil {
		return 0
	}
	return len(t.rows)
}

// RowID returns the id of row index r.
func (t *Table) RowID(r int) string {
	if r < len(t.Rows) {
		return t.Rows[r].ID
	}
	return t.Groups[r-len(t.Rows)].ID
}

// CellsAt returns the cells of row index r in column order (nil: not read).
func (t *Table) CellsAt(r int) []*Cell {
	if t == nil || r < 0 || r >= len(t.rows) {
		return nil
	}
	return t.rows[r].cells
}

// RowCells returns the cells of a row in column order (nil: not read).
func (t *Table) RowCells(row string) []*Cell { return t.CellsAt(t.Index(row)) }

// ColumnsAt returns the columns of row index r.
func (t *Table) ColumnsAt(r int) []format.Column {
	if t == nil || t.tp == nil || r < 0 || r >= len(t.tp.cols) {
		return nil
	}
	return t.tp.cols[r]
}

// Columns returns the columns of a row (nil for an id of no row).
func (t *Table) Columns(row string) []format.Column { return t.ColumnsAt(t.Index(row)) }

// CellAt returns the cell at row index r, column index c, or nil.
func (t *Table) CellAt(r, c int) *Cell {
	cells := t.CellsAt(r)
	if c < 0 || c >= len(cells) {
		return nil
	}
	return cells[c]
}

// Cell returns the cell at row/column id, or nil.
func (t *Table) Cell(row, col string) *Cell {
	r := t.Index(row)
	if r < 0 {
		return nil
	}
	cells := t.rows[r].cells
	for i, c := range t.tp.cols[r] {
		if c.ID == col && i < len(cells) {
			return cells[i]
		}
	}
	return nil
}

// HasRow reports whether a row's cells were read.
func (t *Table) HasRow(row string) bool { return t.RowCells(row) != nil }

// ReadRows counts the rows (and groups) whose cells were read.
func (t *Table) ReadRows() int {
	n := 0
	if t != nil {
		for i := range t.rows {
			if t.rows[i].cells != nil {
				n++
			}
		}
	}
	return n
}

// RowSpan returns where a row's label (or first value) is, when read.
func (t *Table) RowSpan(row string) (source.Span, bool) {
	if r := t.Index(row); r >= 0 && t.rows[r].cells != nil {
		return t.rows[r].span, true
	}
	return source.Span{}, false
}

// RowLabel returns the label token that named a row, if any.
func (t *Table) RowLabel(row string) (Tok, bool) {
	if r := t.Index(row); r >= 0 && t.rows[r].label > 0 {
		return t.Labels[t.rows[r].label-1], true
	}
	return Tok{}, false
}

// setCells records the cells read of row index r and where the row is.
func (t *Table) setCells(r int, cells []*Cell, span source.Span) {
	t.rows[r].cells, t.rows[r].span = cells, span
}

// dropCells forgets every cell read (a scrambled table).
func (t *Table) dropCells() {
	for i := range t.rows {
		t.rows[i].cells = nil
	}
}

func (t *Table) problem(p Problem) { t.Problems = append(t.Problems, p) }

// matchRow returns the index of the row a label names, or -1. The label
// is compared folded (normalize), without allocating.
func matchRow(rows []format.Row, label string) int {
	return keysOf(rows).match(label)
}

// rowKeys: the Keys and Exact forms of a list of rows, as bytes, made once
// per list, so that matching a label does not convert them again.
type rowKeys struct {
	rows  int            // how many rows the list has
	exact map[string]int // an Exact form → the first row that has it
	flat  []rowKey       // every key, in row order (and a row's keys in order)
}

// rowKey is one key of row row, with its runeMask.
type rowKey struct {
	key  []byte
	mask uint64
	row  int
}

func keysOf(rows []format.Row) *rowKeys {
	rk := &rowKeys{rows: len(rows), exact: map[string]int{}}
	for i, r := range rows {
		for _, k := range r.Keys {
			b := []byte(k)
			rk.flat = append(rk.flat, rowKey{b, runeMask(b), i})
		}
		for _, e := range r.Exact {
			if _, ok := rk.exact[e]; !ok {
				rk.exact[e] = i
			}
		}
	}
	return rk
}

// runeMask is a 64-bit set of the characters of b (hashed): a text can
// contain b only if its mask holds all of b's bits. It spares most of
// the searches when a label is matched against every row's keys.
func runeMask(b []byte) uint64 {
	var m uint64
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			if c := b[i]; i+2 < len(b) && (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
				// Three bytes that are a character whatever they hold
				// (as normalize.DecodeRune decodes them).
				r, size = rune(c&0x0F)<<12|rune(b[i+1]&0x3F)<<6|rune(b[i+2]&0x3F), 3
			} else {
				r, size = utf8.DecodeRune(b[i:])
			}
		}
		m |= 1 << (uint32(r) * 0x9E3779B1 >> 26)
		i += size
	}
	return m
}

// match: the first row whose Exact form is the label (folded, without a
// trailing colon) or one of whose Keys the folded label contains; -1.
func (rk *rowKeys) match(label string) int {
	// Fold once into a stack buffer, then compare plainly.
	var buf [192]byte
	return rk.matchFold(normalize.AppendLabel(buf[:0], label))
}

// matchFold is match of a label already folded (normalize.AppendLabel).
func (rk *rowKeys) matchFold(fold []byte) int {
	trimmed := bytes.TrimRight(fold, ":：")
	best := rk.rows
	if i, ok := rk.exact[string(trimmed)]; ok {
		best = i
	}
	have := runeMask(fold)
	for _, k := range rk.flat {
		if k.row >= best {
			break
		}
		if k.mask&^have == 0 && len(k.key) <= len(fold) && bytes.Contains(fold, k.key) {
			best = k.row
			break
		}
	}
	if best == rk.rows {
		return -1
	}
	return best
}

// matchRowSuffix returns the row whose official label (or exact form)
// the folded label ends with, or -1.
//
// fold is the label folded (normalize.AppendLabel).
func matchRowSuffix(rows []format.Row, fold []byte) int {
	for i, r := range rows {
		for _, e := range r.Exact {
			if bytes.HasSuffix(fold, []byte(e)) {
				return i
			}
		}
	}
	return -1
}

// containsString is bytes.Contains(b, []byte(s)); keys are short, so the
// conversion stays on the stack and the search uses the vectorised
// bytes.Index.
func containsString(b []byte, s string) bool {
	return len(s) <= len(b) && bytes.Contains(b, []byte(s))
}
