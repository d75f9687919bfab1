package parse

import (
	"bytes"
	"strconv"
	"strings"

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
type Table struct {
	ID      string // "active", "applications", "review"
	Start   source.Span
	Rows    []format.Row
	Columns map[string][]format.Column // per row id
	Cells   map[string][]*Cell         // row id → cells in column order; nil slice: row not read
	RowSpan map[string]source.Span     // where the row's label (or first value) is
	// Scrambled: the cells cannot be placed with confidence; no arithmetic
	// may use them.
	Scrambled  bool
	Problems   []Problem
	Style      string         // "2021" or "2019" rows (表三 其他处理, 表二 columns)
	HeaderFold string         // folded header text before the first row, for T03/T04
	Labels     []Tok          // every label token, in order (for D01 and T08)
	RowLabel   map[string]Tok // the label token that named each row
}

// Cell returns the cell at row/column id, or nil.
func (t *Table) Cell(row, col string) *Cell {
	if t == nil {
		return nil
	}
	cells := t.Cells[row]
	for i, c := range t.Columns[row] {
		if c.ID == col && i < len(cells) {
			return cells[i]
		}
	}
	return nil
}

// HasRow reports whether a row's cells were read.
func (t *Table) HasRow(row string) bool { return t != nil && t.Cells[row] != nil }

func (t *Table) problem(p Problem) { t.Problems = append(t.Problems, p) }

// matchRow returns the index of the row a label names, or -1. The label
// is compared folded (normalize), without allocating.
func matchRow(rows []format.Row, label string) int {
	// Fold once into a stack buffer, then compare plainly.
	var buf [192]byte
	fold := normalize.AppendLabel(buf[:0], label)
	trimmed := bytes.TrimRight(fold, ":：")
	for i, r := range rows {
		for _, e := range r.Exact {
			if string(trimmed) == e {
				return i
			}
		}
		for _, k := range r.Keys {
			if containsString(fold, k) {
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

// slot is a group of values being collected for one row.
type slot struct {
	row      int
	toks     []Tok
	anchored bool // the row was named by a label
	line     int
}

// sequenceReader places values into rows that come in a fixed order (表三,
// 表四). Each label names a row; values after it fill that row. Values with
// no label fill the next row in order: reading-order PDF text often moves
// labels away from their numbers. Any disagreement between a label and the
// order makes the table Scrambled, so that no arithmetic uses guessed places.
type sequenceReader struct {
	t              *Table
	rows           []format.Row
	size           func(row int) int
	filled         []*slot
	k              int // next row in order
	anchor         int // row named by the latest label, -1 if none
	anchorSameLine bool
	recent         uint64 // rows named by labels since the last values (bit i: row i)
	cur            *slot
	// fused decodes a digit run for a row; nil when unsupported.
	fused     func(row int, tok Tok) ([]Tok, int)
	allLabels []bool // rows whose labels appear anywhere in the table
}

func newSequenceReader(t *Table, rows []format.Row, size func(int) int) *sequenceReader {
	return &sequenceReader{t: t, rows: rows, size: size, filled: make([]*slot, len(rows)), anchor: -1}
}

func (r *sequenceReader) scramble(span source.Span, why string) {
	if !r.t.Scrambled {
		r.t.Scrambled = true
		r.t.problem(Problem{Kind: Scrambled, Span: span, Text: why})
	}
}

// target picks the row for a new group of values.
func (r *sequenceReader) target(span source.Span, sameLine bool) (int, bool) {
	a := r.anchor
	r.anchor = -1
	recent := r.recent
	r.recent = 0
	if a < 0 || a == r.k {
		return r.k, a >= 0
	}
	// A label on another line that disagrees with the order: when the
	// row due next was also named among the labels just read, those labels
	// are a displaced column of labels and the order is right.
	if !sameLine && r.k < 64 && recent&(1<<r.k) != 0 {
		return r.k, true
	}
	if a > r.k {
		// Rows skipped. If their labels appear somewhere, the text is out
		// of order; otherwise the rows are simply missing.
		for j := r.k; j < a; j++ {
			if j < len(r.allLabels) && r.allLabels[j] {
				r.scramble(span, "“"+r.rows[a].Label+"”的数字出现在“"+r.rows[r.k].Label+"”应在的位置")
				return a, true
			}
		}
		return a, true
	}
	r.scramble(span, "“"+r.rows[a].Label+"”的数字在表中出现了两次或顺序颠倒")
	return a, true
}

func (r *sequenceReader) close(s *slot) {
	if s == nil {
		return
	}
	if s.row >= len(r.rows) {
		r.t.problem(Problem{Kind: Stray, Span: s.toks[0].Span, Count: len(s.toks)})
		return
	}
	if r.filled[s.row] != nil {
		r.scramble(s.toks[0].Span, "“"+r.rows[s.row].Label+"”有两组数字")
		return
	}
	r.filled[s.row] = s
	if s.row+1 > r.k {
		r.k = s.row + 1
	}
}

// line feeds one line's tokens.
func (r *sequenceReader) line(lt LineToks) {
	nvals := lt.Values()
	multi := nvals >= 2 || (lt.Markdown && nvals >= 1)
	var lineVals []Tok
	if multi {
		lineVals = make([]Tok, 0, nvals)
	}
	lineAnchor := false
	for _, tok := range lt.Toks {
		switch tok.Kind {
		case TLabel:
			if j := tok.Row; j >= 0 {
				if r.cur != nil && !multi {
					r.close(r.cur)
					r.cur = nil
				}
				r.anchor = int(j)
				if j < 64 {
					r.recent |= 1 << j
				}
				if _, ok := r.t.RowLabel[r.rows[j].ID]; !ok {
					r.t.RowLabel[r.rows[j].ID] = tok
				}
				if len(lineVals) == 0 {
					lineAnchor = true
				}
			}
		case TEmpty:
			if tok.Strict && multi {
				lineVals = append(lineVals, tok)
			}
		case TValue, TFused:
			if multi {
				lineVals = append(lineVals, tok)
				continue
			}
			if tok.Kind == TFused && r.fused != nil {
				row, _ := r.target(tok.Span, lineAnchor)
				toks, _ := r.fused(row, tok)
				if toks != nil {
					r.close(&slot{row: row, toks: toks, anchored: true, line: lt.Line})
				}
				continue
			}
			if r.cur == nil {
				row, anch := r.target(tok.Span, false)
				r.cur = &slot{row: row, anchored: anch, line: lt.Line}
			}
			r.cur.toks = append(r.cur.toks, tok)
			if r.cur.row < len(r.rows) && len(r.cur.toks) >= r.size(r.cur.row) {
				r.close(r.cur)
				r.cur = nil
			}
		}
	}
	if !multi || len(lineVals) == 0 {
		return
	}
	row := -1
	anch := false
	if r.cur != nil {
		// Single numbers read just before a full row line: a stray (a page
		// number, a sub-item number); the row line is the stronger reading.
		r.t.problem(Problem{Kind: Stray, Span: r.cur.toks[0].Span, Count: len(r.cur.toks), Text: joinToks(r.cur.toks)})
		row, anch = r.cur.row, r.cur.anchored
		r.cur = nil
		if r.anchor >= 0 {
			row, anch = r.target(lineVals[0].Span, lineAnchor)
		}
	} else {
		row, anch = r.target(lineVals[0].Span, lineAnchor)
	}
	// Extra blank Markdown cells at the end of a row are padding.
	if row < len(r.rows) {
		want := r.size(row)
		for len(lineVals) > want && lineVals[len(lineVals)-1].Kind == TEmpty {
			lineVals = lineVals[:len(lineVals)-1]
		}
		if len(lineVals) == 1 && lineVals[0].Kind == TFused && r.fused != nil {
			if toks, _ := r.fused(row, lineVals[0]); toks != nil {
				lineVals = toks
			} else {
				r.close(&slot{row: row, anchored: anch, line: lt.Line})
				return
			}
		}
	}
	r.close(&slot{row: row, toks: lineVals, anchored: anch, line: lt.Line})
}

func joinToks(toks []Tok) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.Text)
	}
	return strings.Join(parts, " ")
}

func (r *sequenceReader) finish() {
	if r.cur != nil {
		r.close(r.cur)
		r.cur = nil
	}
}

// decodeFused splits a run of digits into n non-negative integers (no
// leading zeros) that satisfy ok. It returns the cells only when exactly
// one split fits, and the number of fitting splits.
func decodeFused(tok Tok, n int, ok func([]int) bool) ([]Tok, int) {
	d := tok.Text
	// Only runs short enough to try every split: C(len-1, n-1) ≤ 100 000
	// (21 digits for 表三's 7 cells, 20 for 表四's 15). A longer run is
	// reported as unreadable, never guessed.
	if len(d) < n || binomial(len(d)-1, n-1) > 100000 {
		return nil, 0
	}
	var found []int
	count := 0
	cuts := make([]int, 0, n+1)
	vals := make([]int, 0, n)
	var rec func(pos int)
	rec = func(pos int) {
		if count > 1 {
			return
		}
		if len(vals) == n {
			if pos == len(d) && ok(vals) {
				count++
				found = append(found[:0], cuts...)
			}
			return
		}
		remaining := n - len(vals)
		for l := 1; l <= 9 && pos+l <= len(d)-(remaining-1); l++ {
			part := d[pos : pos+l]
			if l > 1 && part[0] == '0' {
				break
			}
			v, _ := strconv.Atoi(part)
			vals = append(vals, v)
			cuts = append(cuts, pos)
			rec(pos + l)
			vals = vals[:len(vals)-1]
			cuts = cuts[:len(cuts)-1]
		}
	}
	rec(0)
	if count != 1 {
		return nil, count
	}
	out := make([]Tok, n)
	for i := 0; i < n; i++ {
		end := len(d)
		if i+1 < n {
			end = found[i+1]
		}
		part := d[found[i]:end]
		out[i] = Tok{Kind: TValue, Text: part, Span: source.Span{Start: tok.Span.Start + found[i], End: tok.Span.Start + end}, Num: normalize.ParseNumber(part)}
	}
	return out, 1
}

// binomial is C(n, k), saturating at a large value.
func binomial(n, k int) int {
	if k < 0 || k > n {
		return 0
	}
	if k > n-k {
		k = n - k
	}
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > 1<<40 {
			return 1 << 40
		}
	}
	return r
}
