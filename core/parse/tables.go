package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

func newTable(id string, start source.Span) *Table {
	return &Table{ID: id, Start: start, Columns: map[string][]format.Column{}, Cells: map[string][]*Cell{}, RowSpan: map[string]source.Span{}, RowLabel: map[string]Tok{}}
}

func toCells(toks []Tok) []*Cell {
	cells := make([]*Cell, len(toks))
	backing := make([]Cell, len(toks)) // one allocation for the row
	for i, t := range toks {
		num := t.Num
		if t.Kind == TEmpty {
			num = normalize.Number{Kind: normalize.Blank}
		}
		backing[i] = Cell{Raw: t.Text, Span: t.Span, Num: num}
		cells[i] = &backing[i]
	}
	return cells
}

// labelsOf collects label tokens of a region.
func labelsOf(lines []LineToks) []Tok {
	var out []Tok
	for _, lt := range lines {
		for _, t := range lt.Toks {
			if t.Kind == TLabel {
				out = append(out, t)
			}
		}
	}
	return out
}

// markRows matches every label once against the rows (matching is the
// costly part of reading a table) and keeps the result in Tok.Row.
func markRows(lines []LineToks, rows []format.Row) {
	for li := range lines {
		toks := lines[li].Toks
		for i := range toks {
			if toks[i].Kind == TLabel {
				toks[i].Row = int16(matchRow(rows, toks[i].Text))
			}
		}
	}
}

// headerFold is the folded text of the labels before the first row label.
func headerFold(lines []LineToks, rows []format.Row) string {
	var b []byte
	for _, lt := range lines {
		for _, t := range lt.Toks {
			if t.Kind != TLabel {
				continue
			}
			if t.Row >= 0 {
				return string(b)
			}
			b = normalize.AppendLabel(b, t.Text)
		}
	}
	return string(b)
}

// readT3 reads 表三 from the lines of its region.
func readT3(lines []LineToks, start source.Span, year int, src *source.Source) *Table {
	t := newTable("applications", start)
	// Which 其他处理: three sub-rows (30号) or one row (60号)?
	rows := format.T3Rows2021
	t.Style = "2021"
	has := func(keys ...string) bool {
		for _, lt := range lines {
			for _, l := range lt.Toks {
				if l.Kind != TLabel {
					continue
				}
				for _, k := range keys {
					if normalize.ContainsLoose(l.Text, k) {
						return true
					}
				}
			}
		}
		return false
	}
	if !has("申请人无正当理由", "逾期不补正", "收费通知", "逾期未按") {
		if has("(六)其他处理", "(六)其它处理") || (year > 0 && year < 2021) {
			rows = format.T3Rows2019
			t.Style = "2019"
		}
	}
	t.Rows = rows
	markRows(lines, rows)
	t.Labels = labelsOf(lines)
	t.HeaderFold = headerFold(lines, rows)
	for _, r := range rows {
		t.Columns[r.ID] = format.T3Columns
	}
	for _, g := range format.T3Groups[1:] {
		t.Columns[g.ID] = format.T3Columns
	}
	n := len(format.T3Columns)
	rd := newSequenceReader(t, rows, func(int) int { return n })
	rd.allLabels = make([]bool, len(rows))
	for _, l := range t.Labels {
		if l.Row >= 0 {
			rd.allLabels[l.Row] = true
		}
	}
	rd.fused = func(row int, tok Tok) ([]Tok, int) {
		toks, fits := decodeFused(tok, n, func(v []int) bool {
			s := 0
			for _, x := range v[:n-1] {
				s += x
			}
			return s == v[n-1]
		})
		id := ""
		if row < len(rows) {
			id = rows[row].ID
		}
		if toks == nil {
			t.problem(Problem{Kind: RowFusedBad, Row: id, Span: tok.Span, Text: tok.Text, Splits: fits, Want: n})
		} else {
			t.problem(Problem{Kind: RowFused, Row: id, Span: tok.Span, Text: tok.Text, Want: n})
		}
		return toks, fits
	}
	// Sub-totals printed on group labels (（三）不予公开 …) are read apart:
	// a group label with values right after it on the same line.
	for _, lt := range lines {
		if g, vals, ok := groupSubtotal(lt, rows); ok {
			t.Cells[g.ID] = toCells(vals)
			t.RowSpan[g.ID] = lt.Toks[0].Span
			continue
		}
		rd.line(lt)
	}
	rd.finish()
	if !t.Scrambled {
		placeByColumns(rd.filled, n, src)
	}
	fillRows(t, rows, rd.filled, n)
	return t
}

// groupSubtotal recognises "（三）不予公开 | 5 | 0 | …" (a printed sub-total).
func groupSubtotal(lt LineToks, rows []format.Row) (format.Row, []Tok, bool) {
	if lt.Values() != len(format.T3Columns) {
		return format.Row{}, nil, false
	}
	var group *format.Row
	var vals []Tok
	for _, tok := range lt.Toks {
		switch tok.Kind {
		case TLabel:
			if tok.Row >= 0 {
				return format.Row{}, nil, false
			}
			for i, g := range format.T3Groups[1:] {
				if g.ID != "otherproc" && matchRow(format.T3Groups[1+i:2+i], tok.Text) >= 0 {
					group = &format.T3Groups[1+i]
				}
			}
		case TValue:
			if group == nil {
				return format.Row{}, nil, false
			}
			vals = append(vals, tok)
		case TEmpty:
			if tok.Strict && group != nil {
				vals = append(vals, tok)
			}
		}
	}
	if group == nil || len(vals) != len(format.T3Columns) {
		return format.Row{}, nil, false
	}
	return *group, vals, true
}

// fillRows turns the reader's slots into cells and problems.
func fillRows(t *Table, rows []format.Row, filled []*slot, want int) {
	anyFilled := false
	for _, s := range filled {
		if s != nil && len(s.toks) > 0 {
			anyFilled = true
		}
	}
	if !anyFilled {
		t.problem(Problem{Kind: NoValues, Span: t.Start})
		return
	}
	for i, r := range rows {
		s := filled[i]
		if s == nil {
			t.problem(Problem{Kind: RowMissing, Row: r.ID, Span: t.Start, Want: want})
			continue
		}
		if len(s.toks) == 0 {
			continue // glued digits that did not decode: reported already
		}
		t.RowSpan[r.ID] = s.toks[0].Span
		switch {
		case len(s.toks) < want:
			t.problem(Problem{Kind: RowShort, Row: r.ID, Span: s.toks[0].Span, Count: len(s.toks), Want: want, Text: joinToks(s.toks)})
		case len(s.toks) > want:
			t.problem(Problem{Kind: RowLong, Row: r.ID, Span: s.toks[0].Span, Count: len(s.toks), Want: want, Text: joinToks(s.toks)})
		default:
			if !t.Scrambled {
				t.Cells[r.ID] = toCells(s.toks)
			}
		}
	}
	if t.Scrambled {
		t.Cells = map[string][]*Cell{}
	}
}

// readT4 reads 表四: fifteen values in the order 复议(5) / 直接起诉(5) /
// 复议后起诉(5).
func readT4(lines []LineToks, start source.Span) *Table {
	t := newTable("review", start)
	t.Labels = labelsOf(lines)
	t.Rows = format.T4Rows
	t.Style = "2021"
	for _, r := range format.T4Rows {
		t.Columns[r.ID] = format.T4Columns
	}
	var b []byte
	for _, l := range t.Labels {
		b = normalize.AppendLabel(b, l.Text)
	}
	t.HeaderFold = string(b)
	// Collect values in order; note labels that fall between them.
	var vals []Tok
	var fused []Tok
	type between struct {
		tok Tok
		at  int // number of values before it
	}
	var inside []between
	for _, lt := range lines {
		for _, tok := range lt.Toks {
			switch tok.Kind {
			case TValue:
				vals = append(vals, tok)
			case TFused:
				fused = append(fused, tok)
				vals = append(vals, tok)
			case TEmpty:
				if tok.Strict && lt.Values() >= 2 {
					vals = append(vals, tok)
				}
			case TLabel:
				if len(vals) > 0 {
					inside = append(inside, between{tok, len(vals)})
				}
			}
		}
	}
	if len(vals) == 1 && len(fused) == 1 {
		toks, fits := decodeFused(fused[0], 15, func(v []int) bool {
			for g := 0; g < 3; g++ {
				if v[5*g]+v[5*g+1]+v[5*g+2]+v[5*g+3] != v[5*g+4] {
					return false
				}
			}
			return true
		})
		if toks == nil {
			t.problem(Problem{Kind: RowFusedBad, Span: fused[0].Span, Text: fused[0].Text, Splits: fits, Want: 15})
			return t
		}
		t.problem(Problem{Kind: RowFused, Span: fused[0].Span, Text: fused[0].Text, Want: 15})
		vals = toks
	}
	if len(vals) == 0 {
		t.problem(Problem{Kind: NoValues, Span: start})
		return t
	}
	// Header words among the values mean the text came out in reading
	// order with headers and numbers interleaved, unless each stands right
	// before the cell it heads: "总计" before a 总计 cell, "行政诉讼" before
	// the sixth value (a table written as one row per group).
	for _, in := range inside {
		if in.at >= len(vals) {
			continue // after the last value
		}
		if t4HeaderFits(in.tok.Text, in.at) {
			continue
		}
		t.Scrambled = true
		t.problem(Problem{Kind: Scrambled, Span: in.tok.Span, Text: "表头文字“" + in.tok.Text + "”夹在数字中间"})
		return t
	}
	switch {
	case len(vals) < 15:
		t.problem(Problem{Kind: RowShort, Span: vals[0].Span, Count: len(vals), Want: 15, Text: joinToks(vals)})
		return t
	case len(vals) > 15:
		t.problem(Problem{Kind: RowLong, Span: vals[0].Span, Count: len(vals), Want: 15, Text: joinToks(vals)})
		return t
	}
	cells := toCells(vals)
	for g, r := range format.T4Rows {
		t.Cells[r.ID] = cells[5*g : 5*g+5]
		t.RowSpan[r.ID] = vals[5*g].Span
	}
	return t
}

// readT2 reads 表二. Its rows are short and unambiguous, so values go to
// the row whose label is nearest before them; a label with no values after
// it takes the values just before it (reading-order PDF text).
func readT2(lines []LineToks, start source.Span, year int) *Table {
	t := newTable("active", start)
	t.Labels = labelsOf(lines)
	spec := format.T2Rows2021
	t.Style = "2021"
	for _, l := range t.Labels {
		for _, k := range []string{"本年新制作", "本年新公开", "对外公开总数", "上一年项目数量", "其他对外管理服务", "政府集中采购", "第二十条第(九)项"} {
			if normalize.ContainsLoose(l.Text, k) {
				spec = format.T2Rows2019
				t.Style = "2019"
			}
		}
	}
	rows := make([]format.Row, len(spec))
	for i, r := range spec {
		rows[i] = r.Row
		t.Columns[r.ID] = r.Columns
	}
	t.Rows = rows
	t.HeaderFold = headerFold(lines, rows)
	type group struct {
		row  int // -1: no label yet
		toks []Tok
	}
	var groups []*group
	var cur *group
	labelRow := -1
	labelAt := 0
	labelFresh := false // a label was read and no value since
	type pending struct{ row, at int }
	var pendingLabels []pending
	for _, lt := range lines {
		for _, tok := range lt.Toks {
			switch tok.Kind {
			case TLabel:
				j := matchRow(rows, tok.Text)
				if j < 0 {
					// A block banner or header ends the current row.
					if strings.Contains(tok.Text, "第二十条") || normalize.ContainsLoose(tok.Text, "信息内容") {
						cur = nil
						if labelFresh {
							pendingLabels = append(pendingLabels, pending{labelRow, labelAt})
						}
						labelFresh = false
						labelRow = -1
					}
					continue
				}
				if labelFresh {
					pendingLabels = append(pendingLabels, pending{labelRow, labelAt})
				}
				labelRow, labelAt, labelFresh = j, tok.Span.Start, true
				if _, ok := t.RowLabel[rows[j].ID]; !ok {
					t.RowLabel[rows[j].ID] = tok
				}
				t.RowSpan[rows[j].ID] = tok.Span
				cur = nil
				if fold := normalize.Label(tok.Text); rows[j].Label != "" && fold != normalize.Label(rows[j].Label) && !strings.HasSuffix(fold, normalize.Label(rows[j].Label)) {
					t.problem(Problem{Kind: LabelVariant, Row: rows[j].ID, Span: tok.Span, Text: tok.Text})
				}
			case TValue, TFused, TEmpty:
				if tok.Kind == TEmpty && !tok.Strict {
					continue
				}
				if cur == nil {
					cur = &group{row: -1}
					if labelFresh {
						cur.row = labelRow
					}
					groups = append(groups, cur)
					labelFresh = false
				}
				cur.toks = append(cur.toks, tok)
			}
		}
		if lt.Markdown {
			cur = nil
		}
	}
	if labelFresh {
		pendingLabels = append(pendingLabels, pending{labelRow, labelAt})
	}
	// A label that got no values takes the group just before it, if that
	// group has no label of its own and the right number of values.
	for _, p := range pendingLabels {
		var prev *group
		for _, g := range groups {
			if g.toks[0].Span.Start < p.at {
				prev = g
			}
		}
		if prev != nil && prev.row == -1 && len(prev.toks) == len(spec[p.row].Columns) {
			prev.row = p.row
		}
	}
	seen := map[int]bool{}
	for _, g := range groups {
		if g.row < 0 {
			t.problem(Problem{Kind: Stray, Span: g.toks[0].Span, Count: len(g.toks), Text: joinToks(g.toks)})
			continue
		}
		id := rows[g.row].ID
		want := len(spec[g.row].Columns)
		if seen[g.row] {
			t.problem(Problem{Kind: RowLong, Row: id, Span: g.toks[0].Span, Count: len(g.toks), Want: want, Text: joinToks(g.toks)})
			continue
		}
		seen[g.row] = true
		toks := g.toks
		if len(toks) == 1 && toks[0].Kind == TFused {
			dec, fits := decodeFused(toks[0], want, func([]int) bool { return true })
			if dec == nil {
				t.problem(Problem{Kind: RowFusedBad, Row: id, Span: toks[0].Span, Text: toks[0].Text, Splits: fits, Want: want})
				continue
			}
			toks = dec
		}
		for len(toks) > want && toks[len(toks)-1].Kind == TEmpty {
			toks = toks[:len(toks)-1]
		}
		switch {
		case len(toks) < want:
			t.problem(Problem{Kind: RowShort, Row: id, Span: toks[0].Span, Count: len(toks), Want: want, Text: joinToks(toks)})
		case len(toks) > want:
			t.problem(Problem{Kind: RowLong, Row: id, Span: toks[0].Span, Count: len(toks), Want: want, Text: joinToks(toks)})
		default:
			t.Cells[id] = toCells(toks)
		}
	}
	for i, r := range rows {
		if !seen[i] {
			if _, labelled := t.RowSpan[r.ID]; !labelled {
				t.problem(Problem{Kind: RowMissing, Row: r.ID, Span: start, Want: len(spec[i].Columns)})
			}
		}
	}
	return t
}

// t4HeaderPositions: the value positions (0–14) each 表四 header word may
// stand right before.
var t4HeaderPositions = []struct {
	word string
	at   []int
}{
	{"行政复议", []int{0}}, {"行政诉讼", []int{5}}, {"未经复议直接起诉", []int{5}}, {"复议后起诉", []int{10}},
	{"结果维持", []int{0, 5, 10}}, {"结果纠正", []int{1, 6, 11}}, {"其他结果", []int{2, 7, 12}}, {"尚未审结", []int{3, 8, 13}},
	{"总计", []int{4, 9, 14}},
}

// t4HeaderFits: every header word of a label between 表四's values names
// the position it stands at.
func t4HeaderFits(label string, at int) bool {
	fold := normalize.Label(label)
	rest := fold
	for _, h := range t4HeaderPositions {
		if !strings.Contains(rest, h.word) {
			continue
		}
		ok := false
		for _, a := range h.at {
			if a == at {
				ok = true
			}
		}
		if !ok {
			return false
		}
		rest = strings.Replace(rest, h.word, "", 1)
	}
	// Nothing but known header words (a row label such as "行政诉讼").
	return rest == "" && fold != ""
}

// placeByColumns reads a short row of a space-aligned copy (pdftotext
// -layout, where an empty cell leaves no trace) by the columns of the full
// rows nearest to it (alignment drifts from page to page): when every value
// of the short row sits close to a different column, in order, and only
// then, the columns with no value are blank cells. Otherwise the row stays
// unreadable.
func placeByColumns(filled []*slot, width int, src *source.Source) {
	if src == nil {
		return
	}
	spaced := func(s *slot) bool {
		return s != nil && s.line > 0 && len(s.toks) > 0 && s.toks[0].Kind == TValue && !hasCellMark(src.Line(s.line))
	}
	var full []*slot
	for _, s := range filled {
		if spaced(s) && len(s.toks) == width {
			full = append(full, s)
		}
	}
	for _, s := range filled {
		if !spaced(s) || len(s.toks) >= width || len(s.toks) < width/2 {
			continue
		}
		// The nearest full row above and below, within a few lines.
		var refs []*slot
		var above, below *slot
		for _, f := range full {
			switch {
			case f.line < s.line && s.line-f.line <= 8 && (above == nil || f.line > above.line):
				above = f
			case f.line > s.line && f.line-s.line <= 8 && (below == nil || f.line < below.line):
				below = f
			}
		}
		for _, f := range []*slot{above, below} {
			if f != nil {
				refs = append(refs, f)
			}
		}
		if len(refs) == 0 {
			continue
		}
		centres := make([]float64, width)
		for _, f := range refs {
			for i, tok := range f.toks {
				centres[i] += tokCentre(src, tok) / float64(len(refs))
			}
		}
		gap := 1e9
		for i := 1; i < width; i++ {
			gap = min(gap, centres[i]-centres[i-1])
		}
		if gap < 3 {
			continue // columns too close to tell apart
		}
		placed := make([]int, len(s.toks))
		ok := true
		for k, tok := range s.toks {
			c := tokCentre(src, tok)
			best, dist := -1, 1e9
			for i, ctr := range centres {
				if d := abs(c - ctr); d < dist {
					best, dist = i, d
				}
			}
			if dist > gap/3 || (k > 0 && best <= placed[k-1]) {
				ok = false
				break
			}
			placed[k] = best
		}
		if !ok {
			continue
		}
		// A blank cell is placed where its column is on this line.
		line, lineStart := src.Line(s.line), src.LineStart(s.line)
		cells := make([]Tok, width)
		for i := range cells {
			at := lineStart + byteAtColumn(line, int(centres[i]+0.5))
			cells[i] = Tok{Kind: TEmpty, Strict: true, Span: source.Span{Start: at, End: at}}
		}
		for k, tok := range s.toks {
			cells[placed[k]] = tok
		}
		s.toks = cells
	}
}

// byteAtColumn is the byte offset of character column col (1-based) in
// line, or the line's length when it is shorter.
func byteAtColumn(line string, col int) int {
	n := 1
	for i := range line {
		if n == col {
			return i
		}
		n++
	}
	return len(line)
}

// tokCentre is the middle of a token in characters from its line start.
func tokCentre(src *source.Source, tok Tok) float64 {
	_, col := src.Position(tok.Span.Start)
	return float64(col) + float64(utf8.RuneCountInString(tok.Text)-1)/2
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
