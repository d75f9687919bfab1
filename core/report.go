package core

import (
	"fmt"
	"hash/fnv"
	"sort"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/rules"
	"github.com/nianbao/nianbao/core/source"
)

// buildReport turns the parsed report and the findings into the JSON
// contract: positions become 1-based line and character column here, once.
func buildReport(src *source.Source, in *input.Doc, doc *parse.Doc, found []rules.Finding, facts *rules.Facts, opts Options) Report {
	// The input, year and agency, which the report points to, in one
	// allocation.
	head := &struct {
		in   Input
		year int
		name string
	}{Input{Kind: string(in.Kind), Encoding: in.Encoding, PDFTables: in.PDFTables}, facts.Year, facts.Agency}
	r := Report{Source: src.Name, Input: &head.in, Format: string(facts.Format), Tables: make(map[string]Table, 3)}
	if facts.Format == "" {
		r.Format = string(format.VUnknown)
	}
	if facts.Year > 0 {
		r.Year = &head.year
	}
	if facts.Agency != "" {
		r.Agency = &head.name
	}
	// The values of all cells in one array: one allocation, not one per
	// cell (Cell.Value points into it).
	// Their lines and columns in one forward sweep over the sorted offsets
	// (a column counted from the line start for every cell is slow on a
	// report scraped to one line).
	known, nrows := 0, 0
	offs := make([]int, 0, 256)
	for _, t := range []*parse.Table{doc.T2, doc.T3, doc.T4} {
		if t == nil || facts.NotReport {
			continue
		}
		for r := range t.NumRows() {
			cols := t.ColumnsAt(r)
			cells := t.CellsAt(r)
			if cells != nil {
				nrows++
			}
			for i, c := range cells {
				if c.Known() {
					known++
				}
				if written(c, i, cols) {
					offs = append(offs, c.Span.Start)
				}
			}
		}
	}
	values := make([]float64, 0, known)
	// All tables' rows in one array and all their cells in another, each
	// table and row a part of them (the JSON contract's object of objects
	// was a map per row: a third of a check's allocations).
	rows := make([]TableRow, 0, nrows)
	cellsOut := make([]TableCell, 0, len(offs))
	var places wheres
	// The offsets are in the order the cells are walked below, and that is
	// mostly text order: sorted then only when they are not.
	inOrder := sort.IntsAreSorted(offs)
	if !inOrder {
		sort.Ints(offs)
	}
	var posBuf [256]source.Pos // on the stack for a report's usual cells
	pos := src.Positions(offs, posBuf[:0])
	position := func(k, off int) (line, col int) {
		if !inOrder {
			k = sort.SearchInts(offs, off)
		}
		return pos[k].Line, pos[k].Col
	}
	for _, t := range []*parse.Table{doc.T2, doc.T3, doc.T4} {
		if t == nil || facts.NotReport {
			continue // a file that is no report has no report tables
		}
		first := len(rows)
		for r := range t.NumRows() {
			cells := t.CellsAt(r)
			if cells == nil {
				continue // not read
			}
			cols := t.ColumnsAt(r)
			start := len(cellsOut)
			for i, c := range cells {
				if !written(c, i, cols) {
					continue // the offsets above skipped it too
				}
				n := len(cellsOut)
				cellsOut = cellsOut[:n+1] // made with room for every cell
				out := &cellsOut[n]
				out.Column, out.Raw = cols[i].ID, c.Raw
				out.Line, out.Col = position(n, c.Span.Start)
				out.Where = places.at(in, c.Span.Start, len(offs))
				if c.Known() {
					values = append(values, c.Num.Value)
					out.Value = &values[len(values)-1]
				}
			}
			rows = append(rows, TableRow{ID: t.RowID(r), Cells: cellsOut[start:len(cellsOut):len(cellsOut)]})
		}
		r.Tables[t.ID] = Table{Rows: rows[first:len(rows):len(rows)]}
	}
	r.Omitted = facts.Omitted
	r.NotReport = facts.NotReport
	min, _ := rules.ParseSeverity(opts.MinSeverity)
	if min > rules.Info {
		r.MinSeverity = min.String()
	}
	// A cause below the minimum stays when a finding it explains is kept:
	// "--severity error" shows the errors and the one cell behind them.
	var keepBuf [64]bool // most reports have fewer findings: no allocation
	keep := keepBuf[:0]
	if len(found) <= len(keepBuf) {
		keep = keepBuf[:len(found)]
	} else {
		keep = make([]bool, len(found))
	}
	for i, f := range found {
		if f.Severity >= min {
			keep[i] = true
			if f.ExplainedBy > 0 {
				keep[f.ExplainedBy-1] = true
			}
		}
	}
	// A kept cause is shown whole, with everything it explains: one card,
	// counted once whatever the minimum ("警告" under an S03 card is part of
	// that card, not a hidden warning of its own).
	for i, f := range found {
		if f.ExplainedBy > 0 && keep[f.ExplainedBy-1] {
			keep[i] = true
		}
	}
	kept := 0
	for _, k := range keep {
		if k {
			kept++
		}
	}
	r.Findings = make([]Finding, 0, kept)
	var indexBuf [64]int
	index := indexBuf[:0] // found index → r.Findings index
	if len(found) <= len(indexBuf) {
		index = indexBuf[:len(found)]
	} else {
		index = make([]int, len(found))
	}
	for i, f := range found {
		if !keep[i] {
			// Left out by the minimum severity: counted, so that the
			// summary can say what was not shown ("另有警告 2、提示 4 未显示").
			r.Hidden = count(r.Hidden, f.Severity)
			continue
		}
		index[i] = len(r.Findings)
		out := Finding{
			Rule: f.Rule.ID, Name: f.Rule.Name, Severity: f.Severity.String(), Kind: f.Kind.String(), Message: f.Message,
			Table: f.Table, Row: f.Row, Column: f.Column, Expected: f.Expected, Actual: f.Actual,
			Basis: f.Rule.Basis, Fix: f.Fix, Count: f.Count,
		}
		if f.Basis != "" {
			out.Basis = f.Basis
		}
		if f.Span.Valid() {
			out.Line, out.Col = src.Position(f.Span.Start)
			out.Where = whereAt(in, f.Span.Start)
		}
		if f.Kind == rules.KindReading {
			// What the person checking should do: said in one place, by
			// what the report was read from.
			out.Fix = readingAdvice(r.Input.Kind, out.Where)
		}
		r.Summary = *count(&r.Summary, f.Severity)
		r.Findings = append(r.Findings, out)
	}
	for i, f := range found {
		if keep[i] && f.ExplainedBy > 0 {
			cause := index[f.ExplainedBy-1]
			r.Findings[index[i]].ExplainedBy = &cause
		}
	}
	return r
}

// count adds one finding of severity sev to s (a new Summary when s is nil).
func count(s *Summary, sev rules.Severity) *Summary {
	if s == nil {
		s = &Summary{}
	}
	switch sev {
	case rules.Error:
		s.Error++
	case rules.Warning:
		s.Warning++
	default:
		s.Info++
	}
	return s
}

// RuleInfo describes one rule for the ledger (`nianbao rules`, the page's
// rule list, GET /v1/rules).
type RuleInfo struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	// Levels: when a finding of the rule has another severity ("未写明统计期限：提示").
	Levels string `json:"levels,omitempty"`
	Doc    string `json:"doc"`
	Basis  string `json:"basis"`
}

// Rules returns the rule ledger in order.
func Rules() []RuleInfo {
	out := make([]RuleInfo, 0, len(rules.All))
	for _, r := range rules.All {
		out = append(out, RuleInfo{ID: r.ID, Name: r.Name, Title: r.Title, Severity: r.Severity.String(), Levels: r.Levels, Doc: r.Doc, Basis: r.Basis})
	}
	return out
}

// RulesetStamp identifies the rule set a result was made with: the number
// of rules and a short hash of their ids, severities, names, docs and
// bases ("规则集 52 条 #1a2b3c4d"); not of titles, which name a rule and
// change no result. The page prints it on every result and
// the command line with `nianbao version`, so a finding can be traced to
// the rules that made it.
func RulesetStamp() string {
	h := fnv.New64a()
	ledger := Rules()
	for _, r := range ledger {
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\n", r.ID, r.Severity, r.Name, r.Doc, r.Basis)
	}
	return fmt.Sprintf("规则集 %d 条 #%08x", len(ledger), uint32(h.Sum64()>>32))
}

// written tells whether the i-th cell of a row goes into the report: one
// its template has a column for, and not an empty text. buildReport walks
// the cells twice (their offsets, then the cells) and the two walks must
// agree cell for cell.
func written(c *parse.Cell, i int, cols []format.Column) bool {
	return i < len(cols) && !(c.Num.Kind == normalize.Text && c.Raw == "")
}

// whereAt is the file's own place of a text offset, nil when the file has
// none (plain text: line and column are its places).
func whereAt(in *input.Doc, off int) *Where {
	var one wheres
	return one.at(in, off, 1)
}

// wheres hands out the file's places of a report's cells from one array,
// made at the first cell that has one (plain text has none).
type wheres struct {
	buf []whereXY
}

// whereXY is a Where with room for its X and Y.
type whereXY struct {
	w    Where
	x, y float64
}

// at is whereAt(in, off) from the array, with room for n places in all.
func (p *wheres) at(in *input.Doc, off, n int) *Where {
	w, ok := in.At(off)
	if !ok {
		return nil
	}
	if len(p.buf) == cap(p.buf) {
		p.buf = make([]whereXY, 0, max(n, 1))
	}
	p.buf = append(p.buf, whereXY{w: Where{Paragraph: w.Paragraph, Table: w.Table, Row: w.Row, Cell: w.Cell, SourceLine: w.SourceLine, Page: w.Page}, x: w.X, y: w.Y})
	e := &p.buf[len(p.buf)-1]
	if w.Page > 0 {
		e.w.X, e.w.Y = &e.x, &e.y
	}
	return &e.w
}
