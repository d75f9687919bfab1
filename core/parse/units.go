package parse

import (
	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

// A template is the fixed shape of one table: its rows in order, how many
// cells each has, and what holds between them. The aligner fits the
// tokens of a table region to it.
type template struct {
	id     string
	rows   []format.Row
	widths []int
	maxW   int
	// sumLast: the last cell of each row is the sum of the others (表三's
	// 总计 column, 表四's 总计 of each group). It is the only identity used
	// to decode digits run together within a row.
	sumLast bool
	// multiRow: one line or run of digits may hold several whole rows
	// (表四 written as one line of fifteen numbers).
	multiRow bool
	// groups: group labels that may carry a printed sub-total (表三's
	// （三）（四）（五）), read apart from the rows.
	groups []format.Row
	// keys, groupKeys: the rows' and groups' keys, for matching labels.
	keys, groupKeys *rowKeys
	index           map[string]int // row or group id → row index (groups after the rows)
	// cols: each row's (and group's) columns by row index, the
	// Table.Columns of every table read with this template (shared, never
	// changed).
	cols [][]format.Column
	// labelFolds: each row's official label, folded (normalize.Label).
	labelFolds []string
}

func (tp *template) width(r int) int { return tp.widths[r] }

func uniform(id string, rows []format.Row, w int) *template {
	tp := &template{id: id, rows: rows, widths: make([]int, len(rows)), maxW: w, keys: keysOf(rows)}
	for i := range tp.widths {
		tp.widths[i] = w
	}
	return tp
}

// unitKind: what the aligner sees. A unit is one token, or the values of
// one row line taken together.
type unitKind uint8

const (
	uLabel    unitKind = iota // a label (row: the row it names, or -1)
	uValue                    // one value on a line of its own (a cell-per-line copy)
	uBlank                    // a line holding only white space (strong: certainly a cell)
	uGroup                    // the values of one line: a row line
	uFused                    // digits run together
	uSubtotal                 // a group label with a full row of values (A05), read apart
)

// unit is one step of the alignment.
type unit struct {
	kind   unitKind
	row    int16 // label: the row it names; group, fused: the row named by the label bound to it
	bound  int32 // group, fused: index in toks of the label before it on the same line, or -1
	first  int32 // tokens [first, first+n) of toks
	n      int32
	trim   int32 // group: cells without the blank ones at its end
	strong bool  // blank: certainly a cell
	tab    bool  // blank: a line of tabs (a cell or a separator, like an empty line)
	// odd: a loose blank where lines of its kind do not otherwise stand
	// (see markOddBlanks): as a separator it is suspect.
	odd bool
	// beforeLabel: a blank line whose next non-blank unit is a label (or
	// that ends the region): where a certain blank may be a spacer.
	beforeLabel bool
	// header: a blank line between two labels (a header, a label's
	// wrapped lines), never a cell.
	header bool
	ph     bool  // group: placeholders and blanks only ("| - | - | - |")
	blanks bool  // group: some cells are placeholders or blanks
	line   int32 // index into the lines of the region
	// splits: for a fused run, the splits into cells that fit, for each
	// number of cells tried (computed once, see aligner.splits).
	splits []splitSet
}

// buildUnits turns the lines of a region into units: a line's values go
// together as a group when there are two or more, or a label stands before
// them on the line, or the line is a Markdown row; the last label before
// them is bound to the group. A single value alone on its line is a unit of
// its own (one cell per line).
//
// The units are appended to buf (the last table's, reused: nothing of
// them outlives the reading of a table).
func buildUnits(lines []LineToks, toks []Tok, tp *template, buf []unit) []unit {
	units := buf[:0]
	if need := min(len(toks), len(lines)+len(lines)/2+8); cap(units) < need {
		units = make([]unit, 0, need)
	}
	// Empty cells at the end of a line are padding when a full row line
	// has them too; otherwise the first of them is a blank last cell.
	padded := false
	for li := range lines {
		ts := lines[li].Toks
		vals, pads := 0, 0
		for _, t := range ts {
			switch {
			case t.Pad:
				pads++
			case t.Kind == TValue || t.Kind == TFused || (t.Kind == TEmpty && t.Strict):
				vals++
			}
		}
		if pads > 0 && vals >= tp.maxW {
			padded = true
			break
		}
	}
	for li := range lines {
		ts := lines[li].Toks
		first := true
		for k := range ts {
			if ts[k].Pad {
				if !padded && first && k > 0 && isCellTok(ts[k-1]) && ts[k-1].Kind != TEmpty {
					ts[k].Strict = true
				}
				first = false
			}
		}
	}
	for li := range lines {
		lt := &lines[li]
		if len(lt.Toks) == 0 {
			continue
		}
		b := lt.first
		if len(lt.Toks) == 1 && lt.Toks[0].Kind == TEmpty && !lt.Toks[0].Pad {
			units = append(units, unit{kind: uBlank, strong: lt.Toks[0].Strict, tab: lt.Toks[0].Tab, first: b, n: 1, line: int32(li), bound: -1, row: -1})
			continue
		}
		ts := lt.Toks
		for i := 0; i < len(ts); {
			if ts[i].Kind == TLabel {
				// A run of labels: all but a label right before values are
				// units of their own.
				j := i
				for j < len(ts) && ts[j].Kind == TLabel {
					j++
				}
				last := j
				if j < len(ts) && isCellTok(ts[j]) {
					last = j - 1
				}
				for k := i; k < last; k++ {
					units = append(units, unit{kind: uLabel, row: ts[k].Row, first: b + int32(k), n: 1, line: int32(li), bound: -1})
				}
				i = last
				if i == j {
					continue
				}
			}
			// ts[i] is a bound label (followed by values) or the first value.
			bound := int32(-1)
			row := int16(-1)
			start := i
			if ts[i].Kind == TLabel {
				bound, row = b+int32(i), ts[i].Row
				start = i + 1
			}
			// Leading empty cells of a tab line are indentation, not cells.
			for start < len(ts) && ts[start].Kind == TEmpty && !ts[start].Strict {
				start++
			}
			end := start
			for end < len(ts) && isCellTok(ts[end]) {
				end++
			}
			i = end
			if end == start {
				if bound >= 0 {
					units = append(units, unit{kind: uLabel, row: row, first: bound, n: 1, line: int32(li), bound: -1})
				}
				continue
			}
			// Loose empty cells inside a tab line are dropped.
			vals := compactCells(ts[start:end])
			n := int32(len(vals))
			first := b + int32(start) // compactCells moved the values to the front
			switch {
			case n == 0:
				if bound >= 0 {
					units = append(units, unit{kind: uLabel, row: row, first: bound, n: 1, line: int32(li), bound: -1})
				}
			case n == 1 && vals[0].Kind == TFused:
				units = append(units, unit{kind: uFused, row: row, bound: bound, first: first, n: 1, line: int32(li)})
			case n == 1 && bound < 0 && !lt.Markdown:
				u := unit{kind: uValue, first: first, n: 1, line: int32(li), bound: -1, row: -1}
				if vals[0].Kind == TEmpty {
					u.kind, u.strong = uBlank, vals[0].Strict
				}
				units = append(units, u)
			default:
				u := unit{kind: uGroup, row: row, bound: bound, first: first, n: n, line: int32(li), ph: true}
				u.trim = n
				for u.trim > 0 && vals[u.trim-1].Kind == TEmpty {
					u.trim--
				}
				for _, v := range vals {
					if v.Kind == TFused || (v.Kind == TValue && v.Num.Kind != normalize.Placeholder) {
						u.ph = false
					} else {
						u.blanks = true
					}
				}
				if bound >= 0 && row < 0 && tp.groups != nil {
					if g := tp.groupKeys.match(toks[bound].Text); g >= 0 && int(n) == tp.maxW {
						u.kind = uSubtotal
						u.row = int16(g)
					}
				}
				units = append(units, u)
			}
		}
	}
	return units
}

// isCellTok: a token that fills a cell (a value, digits run together, or
// an empty cell between two cell marks).
func isCellTok(t Tok) bool {
	return t.Kind == TValue || t.Kind == TFused || t.Kind == TEmpty
}

// compactCells drops the loose empty cells (empty tab cells) from a run of
// cells, in place, keeping the strict ones (Markdown blanks).
func compactCells(ts []Tok) []Tok {
	n := 0
	for _, t := range ts {
		if t.Kind == TEmpty && !t.Strict {
			continue
		}
		ts[n] = t
		n++
	}
	// Keep the dropped tokens' slots harmless: they are never referred to.
	for k := n; k < len(ts); k++ {
		ts[k] = Tok{Kind: TEmpty, Span: source.Span{Start: ts[k].Span.Start, End: ts[k].Span.Start}}
	}
	return ts[:n]
}

// markOddBlanks looks at where the empty lines (and, apart, the lines of
// tabs) of a table stand: between two values, after a label, before a
// label. Where most of them stand they separate cells or rows; one that
// stands where its kind otherwise never does is odd, and reading it as a
// mere separator costs more. So in a copy that ends every row with an
// empty line and puts a lone tab before some labels, a lone tab between a
// label and its values is the row's blank first cell. And a line that
// stands between two values is odd when most values stand next to each
// other with no such line between: lines of that kind do not separate
// cells, so this one is a cell.
func markOddBlanks(units []unit) {
	ctx := func(i int) int {
		c := 0
		for j := i - 1; j >= 0; j-- {
			if units[j].kind != uBlank {
				if units[j].kind == uLabel {
					c |= 1
				}
				break
			}
		}
		for j := i + 1; j < len(units); j++ {
			if units[j].kind != uBlank {
				if units[j].kind == uLabel {
					c |= 2
				}
				break
			}
		}
		return c
	}
	var count [2][4]int
	adjacent := 0 // values that follow a value with nothing between
	for i := 1; i < len(units); i++ {
		if units[i].kind == uValue && units[i-1].kind == uValue {
			adjacent++
		}
	}
	class := func(u *unit) int {
		if u.tab {
			return 1
		}
		return 0
	}
	for i := range units {
		if u := &units[i]; u.kind == uBlank && !u.strong {
			count[class(u)][ctx(i)]++
		}
	}
	lastValue := -1 // the last unit that is not a blank line
	for i := len(units) - 1; i >= 0 && lastValue < 0; i-- {
		if units[i].kind != uBlank {
			lastValue = i
		}
	}
	for i := range units {
		u := &units[i]
		if u.kind == uBlank {
			u.beforeLabel = ctx(i)&2 != 0 || i > lastValue
			u.header = ctx(i) == 3 || !seenValue(units, i)
		}
		if u.kind != uBlank || u.strong {
			continue
		}
		cs := count[class(u)]
		most := max(cs[0], cs[1], cs[2]) // between labels does not count
		c := ctx(i)
		// Between two labels (a header, a label's wrapped lines) a blank
		// line is never a cell: never odd there.
		if n := cs[c]; n < most && 3*n <= most && c != 3 {
			u.odd = true
		}
		if c == 0 && units[max(i-1, 0)].kind == uValue && i+1 < len(units) && units[i+1].kind == uValue && 2*cs[0] < adjacent {
			u.odd = true
		}
	}
}

// seenValue: a unit other than a label or a blank line comes before unit i.
func seenValue(units []unit, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if k := units[j].kind; k != uBlank && k != uLabel {
			return true
		}
	}
	return false
}

// inert drops the units that can play no part in any reading: labels that
// name no row (a header, a wrapped fragment; 表四 keeps them, its header
// words are checked against the cells they stand before) and blank lines
// in a header or after the last value. The programme runs on fewer steps;
// what remains is unchanged.

func inert(units []unit, keepLabels bool) []unit {
	last := len(units) - 1
	for last >= 0 && units[last].kind == uBlank {
		last--
	}
	out := units[:0]
	for i, u := range units {
		switch {
		case u.kind == uLabel && u.row < 0 && !keepLabels:
		case u.kind == uBlank && (u.header || i > last):
		default:
			out = append(out, u)
		}
	}
	return out
}
