package parse

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

// One reader for all three tables: the region's lines are tokenized
// (lex.go), grouped into units (units.go) and aligned to the table's
// template (align.go); the best reading fills the Table, and what the
// reader could not do becomes Problems for the T rules.

func newTable(id string, start source.Span, tp *template) *Table {
	return &Table{ID: id, Start: start, tp: tp, Rows: tp.rows, Groups: tp.groups, rows: make([]rowData, len(tp.cols))}
}

// templateT3 picks 表三's rows: three （六）其他处理 sub-rows (30号) or one
// row (60号), by the labels the copy carries, and by the year when the
// labels do not tell. The labels are matched to the 30号 rows on the way
// (and again, rarely, to the 60号 ones).
func templateT3(toks []Tok, fs *folds, year int) (*template, string) {
	markRows(toks, fs, tplT3v2021)
	for _, l := range toks {
		if l.Kind == TLabel && l.Row >= 0 {
			if id := tplT3v2021.rows[l.Row].ID; id == "other_1" || id == "other_2" {
				return tplT3v2021, "2021"
			}
		}
	}
	old := year > 0 && year < 2021
	for _, l := range toks {
		if !old && l.Kind == TLabel && l.Row < 0 && strings.Contains(l.Text, "六") {
			old = normalize.ContainsLoose(l.Text, "(六)其他处理") || normalize.ContainsLoose(l.Text, "(六)其它处理")
		}
	}
	if old {
		// The same rows but （六）: renumber what matched, and match the
		// rest against the one row 60号 has and 30号 has not.
		other := tplT3v2019.keys.matchFold
		for i := range toks {
			tk := &toks[i]
			if tk.Kind != TLabel {
				continue
			}
			if tk.Row >= 0 {
				tk.Row = int16(tplT3v2019.index[tplT3v2021.rows[tk.Row].ID])
			} else if strings.Contains(tk.Text, "六") {
				tk.Row = int16(other(fs.of(i)))
			}
		}
		return tplT3v2019, "2019"
	}
	return tplT3v2021, "2021"
}

func templateT4() *template { return tplT4 }

// tableTemplate chooses the template of table id for its tokens (表三's
// edition by the report year and its own labels, 表二's by its row labels)
// and marks each label token with the template row it names. spec is 表二's
// row specification, nil for the other tables.
//
// fs holds the labels' folds (foldLabels); nil: they are made here.
func tableTemplate(id string, lines []LineToks, toks []Tok, fs *folds, year int) (tp *template, spec []format.T2Row, style string) {
	if fs == nil {
		fs = &folds{}
		fs.make(toks)
	}
	switch id {
	case "applications":
		tp, style = templateT3(toks, fs, year) // marks the labels' rows too
	case "review":
		tp, style = templateT4(), "2021"
		markRows(toks, fs, tp)
	default:
		tp, spec, style = templateT2(toks)
		markRows(toks, fs, tp)
	}
	markBoundSuffix(lines, fs, tp.rows)
	return tp, spec, style
}

// folds: the folded text (normalize.AppendLabel) of each label token of a
// table region, made once: matching the rows, the header and the check of
// the labels' wording all compare these.
type folds struct {
	b  []byte
	at []int32 // token i's fold is b[at[i]:at[i+1]] (empty when no label)
}

// make folds the labels of toks, reusing the memory of the last table.
func (f *folds) make(toks []Tok) {
	n := 0
	for i := range toks {
		if toks[i].Kind == TLabel {
			n += len(toks[i].Text)
		}
	}
	if cap(f.b) < n {
		f.b = make([]byte, 0, n+n/4) // a fold is rarely longer than its text
	}
	f.b = f.b[:0]
	if cap(f.at) < len(toks)+1 {
		f.at = make([]int32, 0, len(toks)+1+len(toks)/4) // 表三 may gain placed blanks
	}
	f.at = append(f.at[:0], 0)
	for i := range toks {
		if toks[i].Kind == TLabel {
			f.b = normalize.AppendLabel(f.b, toks[i].Text)
		}
		f.at = append(f.at, int32(len(f.b)))
	}
}

// of is token i's fold.
func (f *folds) of(i int) []byte { return f.b[f.at[i]:f.at[i+1]] }

// tableUnits turns a region's tokens into the units the aligner reads, and
// for 表三 places values by their columns where the copy kept them (which
// may add tokens to toks, hence returned).
func tableUnits(id string, lines []LineToks, toks []Tok, tp *template, src *source.Source, sc *scratch) ([]unit, []Tok) {
	var buf []unit
	if sc != nil {
		buf = sc.units
	}
	units := buildUnits(lines, toks, tp, buf)
	if sc != nil {
		sc.units = units[:0]
	}
	markOddBlanks(units)
	units = inert(units, id == "review")
	if len(units) > maxUnits {
		units = units[:maxUnits]
	}
	if id == "applications" {
		toks = placeByColumns(units, toks, tp.maxW, src)
	}
	return units, toks
}

// keysT2v2019: words only 表二's 2019 edition has; never changed.
var keysT2v2019 = keys("本年新制作", "本年新公开", "对外公开总数", "上一年项目数量", "其他对外管理服务", "政府集中采购", "第二十条第(九)项")

func templateT2(toks []Tok) (*template, []format.T2Row, string) {
	for _, l := range toks {
		if l.Kind == TLabel && hasAny(l.Text, lineMask(l.Text), keysT2v2019) {
			return tplT2v2019, format.T2Rows2019, "2019"
		}
	}
	return tplT2v2021, format.T2Rows2021, "2021"
}

// The templates, made once from the format's data; never changed.
var (
	tplT3v2021 = makeT3(format.T3Rows2021)
	tplT3v2019 = makeT3(format.T3Rows2019)
	tplT4      = func() *template {
		tp := uniform("review", format.T4Rows, len(format.T4Columns))
		tp.sumLast = true
		tp.multiRow = true
		return finish(tp, func(int) []format.Column { return format.T4Columns })
	}()
	tplT2v2021 = makeT2(format.T2Rows2021)
	tplT2v2019 = makeT2(format.T2Rows2019)
)

func makeT3(rows []format.Row) *template {
	tp := uniform("applications", rows, len(format.T3Columns))
	tp.sumLast = true
	tp.groups = []format.Row{format.T3Groups[1], format.T3Groups[2], format.T3Groups[3]}
	tp.groupKeys = keysOf(tp.groups)
	return finish(tp, func(int) []format.Column { return format.T3Columns })
}

func makeT2(spec []format.T2Row) *template {
	tp := &template{id: "active"}
	for _, r := range spec {
		tp.rows = append(tp.rows, r.Row)
		tp.widths = append(tp.widths, len(r.Columns))
		tp.maxW = max(tp.maxW, len(r.Columns))
	}
	tp.keys = keysOf(tp.rows)
	return finish(tp, func(i int) []format.Column { return spec[i].Columns })
}

// finish makes a template's row index and its tables' columns (cols(i):
// row i's columns; a group's are 表三's).
func finish(tp *template, cols func(i int) []format.Column) *template {
	tp.index = make(map[string]int, len(tp.rows)+len(tp.groups))
	tp.cols = make([][]format.Column, 0, len(tp.rows)+len(tp.groups))
	tp.labelFolds = make([]string, len(tp.rows))
	for i, r := range tp.rows {
		tp.index[r.ID] = i
		tp.cols = append(tp.cols, cols(i))
		tp.labelFolds[i] = normalize.Label(r.Label)
	}
	for _, g := range tp.groups {
		tp.index[g.ID] = len(tp.cols)
		tp.cols = append(tp.cols, format.T3Columns)
	}
	return tp
}

// readTable reads one table region. lines and toks come from tokenizeLine
// (toks is the region's arena; each line's Toks is a slice of it).
func readTable(id string, lines []LineToks, toks []Tok, start source.Span, year int, src *source.Source, sc *scratch) *Table {
	fs := &folds{}
	if sc != nil {
		fs = &sc.folds
	}
	fs.make(toks)
	tp, spec, style := tableTemplate(id, lines, toks, fs, year)
	t := newTable(id, start, tp)
	t.Style = style
	t.Labels = labelsOf(toks)
	t.HeaderFold = headerFold(toks, fs, id == "review")
	i := 0 // t.Labels[i] is toks[k]
	for k := range toks {
		if toks[k].Kind != TLabel {
			continue
		}
		l := t.Labels[i]
		i++
		if l.Row >= 0 {
			if t.rows[l.Row].label == 0 {
				t.rows[l.Row].label = int32(i)
			}
			if spec != nil {
				if fold, want := fs.of(k), tp.labelFolds[l.Row]; string(fold) != want && !(len(fold) >= len(want) && string(fold[len(fold)-len(want):]) == want) {
					t.problem(Problem{Kind: LabelVariant, Row: tp.rows[l.Row].ID, Span: l.Span, Text: l.Text})
				}
			}
		}
	}
	units, toks := tableUnits(id, lines, toks, tp, src, sc)
	al := newAligner(tp, units, toks, sc)
	al.beam = narrowBeam
	p := al.regular()
	if p == nil {
		p = al.run()
	}
	if p != nil && !p.clean() {
		al.beam = wideBeam
		p = al.run()
	}
	if p == nil {
		t.problem(Problem{Kind: NoValues, Span: start})
		return t
	}
	rd := reading{t: t, tp: tp, al: al, p: p, units: units, toks: toks}
	rd.decode()
	return t
}

// maxUnits bounds the work on one table region (a hostile or broken copy
// may make a region of the whole text).
const maxUnits = 6000

// markRows matches every label once against the rows (matching is the
// costly part of reading a table) and keeps the result in Tok.Row.
func markRows(toks []Tok, fs *folds, tp *template) {
	for i := range toks {
		if toks[i].Kind == TLabel {
			toks[i].Row = int16(tp.keys.matchFold(fs.of(i)))
			if toks[i].Row >= 0 {
				if ok, last := swallowedRows(toks[i].Text, fs.of(i), tp.keys); ok {
					// The values after it are the row its text ends
					// with, if it ends with one.
					toks[i].Row = int16(last)
				}
			}
		}
	}
}

// swallowedRows: a label whose text holds two rows' labels with a number
// between them ("（二）部分公开… 44770000454 （三）不予公开1.属于国家秘密":
// a scraped line whose cells stayed in the text) does not name the first:
// the values inside it are the first row's, those after it the second's.
//
// fold is the label folded (normalize.AppendLabel).
func swallowedRows(label string, fold []byte, rk *rowKeys) (bool, int) {
	digits, run := false, 0
	for i := 0; i < len(label); i++ {
		if label[i] >= '0' && label[i] <= '9' {
			run++
			if run >= 2 {
				digits = true
			}
		} else {
			run = 0
		}
	}
	if !digits {
		return false, -1
	}
	type hit struct{ row, at, end int }
	var hits []hit
	have := runeMask(fold)
	found := -1 // the row last found: its other keys are not sought
	for _, k := range rk.flat {
		if k.row == found || k.mask&^have != 0 {
			continue
		}
		if j := bytes.LastIndex(fold, k.key); j >= 0 {
			hits = append(hits, hit{k.row, j, j + len(k.key)})
			found = k.row
		}
	}
	swallowed := false
	for _, a := range hits {
		for _, b := range hits {
			if a.end > b.at {
				continue // overlapping or in the other order
			}
			for k := a.end; k+1 < b.at; k++ {
				if fold[k] >= '0' && fold[k] <= '9' && fold[k+1] >= '0' && fold[k+1] <= '9' {
					swallowed = true
				}
			}
		}
	}
	if !swallowed {
		return false, -1
	}
	last := 0 // the row named last, with no digits after it
	for k, h := range hits {
		if h.at > hits[last].at {
			last = k
		}
	}
	for _, c := range fold[hits[last].end:] {
		if c >= '0' && c <= '9' {
			return true, -1
		}
	}
	return true, hits[last].row
}

// markBoundSuffix: a label right before values on its line names a row
// when it ends with the row's label, even if text is glued before it: a
// page scraped to one line runs the header into the first row
// ("…现行有效件数规章000").
func markBoundSuffix(lines []LineToks, fs *folds, rows []format.Row) {
	for _, lt := range lines {
		for i := 0; i+1 < len(lt.Toks); i++ {
			tk := &lt.Toks[i]
			if tk.Kind == TLabel && tk.Row < 0 && isCellTok(lt.Toks[i+1]) && lt.Toks[i+1].Kind != TEmpty {
				tk.Row = int16(matchRowSuffix(rows, fs.of(int(lt.first)+i)))
			}
		}
	}
}

// labelsOf collects the label tokens of a region.
func labelsOf(toks []Tok) []Tok {
	n := 0
	for _, t := range toks {
		if t.Kind == TLabel {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Tok, 0, n)
	for _, t := range toks {
		if t.Kind == TLabel {
			out = append(out, t)
		}
	}
	return out
}

// headerFold is the folded text of the labels before the first row label
// (all labels, for 表四, whose header names its groups).
func headerFold(toks []Tok, fs *folds, all bool) string {
	var buf [512]byte // most headers: joined on the stack, copied once
	b := buf[:0]
	for i, t := range toks {
		if t.Kind != TLabel {
			continue
		}
		b = append(b, fs.of(i)...)
		if t.Row >= 0 && !all {
			// Its text too: a page scraped to one line glues the header
			// note to the first row's label.
			break
		}
	}
	return string(b)
}

// reading turns the best path into cells and problems.
type reading struct {
	t     *Table
	tp    *template
	al    *aligner
	p     *path
	units []unit
	toks  []Tok
	// per row: the tokens that fill its cells (nil: not filled), and why
	// it was not read.
	slots   [][]*Tok
	filled  []int
	unread  []int // unit index that made the row unreadable, -1
	fused   []int // unit index of the fused run that filled the row, -1
	refused []bool
	// settledRows: rows whose split was chosen by the table's identities.
	settledRows []bool
	firstFill   []int // per row: the unit that began filling it, -1
	// backing, ptrs: what is left of the table's cells, made at once.
	backing []Cell
	ptrs    []*Cell
}

// unordered: 表二's blocks (第二十条第（一）（五）（六）（八）项) come in any
// order in some copies, so values on the line of a row's label belong to
// that row wherever they stand, unless the row was filled by values that a
// label of their own names. What they displace becomes stray. It returns
// the units still stray.
func (rd *reading) unordered(skipped []int) []int {
	tp := rd.tp
	var out []int
	for _, i := range skipped {
		u := &rd.units[i]
		if u.kind != uGroup || u.bound < 0 || u.row < 0 {
			out = append(out, i)
			continue
		}
		r := int(u.row)
		if rd.unread[r] >= 0 {
			out = append(out, i)
			continue
		}
		if f := rd.firstFill[r]; f >= 0 {
			v := &rd.units[f]
			if (v.bound >= 0 && int(v.row) == r) || (r < 64 && rd.al.named[f]&(1<<r) != 0) {
				out = append(out, i) // the row has its own labelled values
				continue
			}
			// Unlabelled values took the row by order: they are stray.
			for j := range rd.units {
				if rl := rd.p.roles[j]; rl.kind == rFill && int(rl.r) == r && rd.units[j].kind != uBlank {
					out = append(out, j)
				}
			}
			for c := range rd.slots[r] {
				rd.slots[r][c] = nil
			}
			rd.filled[r] = 0
		}
		rd.fill(i, u, role{kind: rFill, r: int16(r), k: int16(min(int(u.n), tp.width(r)))})
	}
	sort.Ints(out)
	return out
}

func (rd *reading) decode() {
	t, tp, p := rd.t, rd.tp, rd.p
	R := len(tp.rows)
	rd.slots = make([][]*Tok, R)
	ints := make([]int, 4*R)
	rd.filled, rd.unread, rd.fused, rd.firstFill = ints[:R], ints[R:2*R], ints[2*R:3*R], ints[3*R:]
	rd.refused = make([]bool, R)
	all := make([]*Tok, R*tp.maxW)
	for r := range rd.slots {
		rd.firstFill[r] = -1
		rd.slots[r] = all[r*tp.maxW : r*tp.maxW+tp.width(r)]
		rd.unread[r], rd.fused[r] = -1, -1
	}
	defer rd.setDelims()
	anyValue := false
	var skipped []int
	for i := range rd.units {
		u := &rd.units[i]
		rl := p.roles[i]
		switch rl.kind {
		case rFill:
			anyValue = anyValue || u.kind != uBlank
			rd.fill(i, u, rl)
			if rd.firstFill[rl.r] < 0 {
				rd.firstFill[rl.r] = i
			}
		case rUnread:
			anyValue = true
			for r := int(rl.r); r < int(rl.r)+int(rl.k) && r < R; r++ {
				rd.unread[r] = i
			}
		case rSkip:
			if u.kind == uBlank || (u.kind == uGroup && u.ph) {
				continue
			}
			anyValue = true
			skipped = append(skipped, i)
		}
		if u.kind == uSubtotal {
			cells := rd.toks[u.first : u.first+u.n]
			t.setCells(len(tp.rows)+int(u.row), toCells(cells), rd.toks[u.bound].Span)
		}
	}
	if tp.id == "active" {
		skipped = rd.unordered(skipped)
	}
	// Stray single values one after another (only labels and blank lines
	// between them) are one stray run.
	for k := 0; k < len(skipped); {
		i := skipped[k]
		u := &rd.units[i]
		vals := rd.toks[u.first : u.first+u.n]
		text := joinToks(vals)
		count := int(u.n)
		k++
		for u.kind == uValue && k < len(skipped) && rd.units[skipped[k]].kind == uValue && rd.onlyLabelsBetween(skipped[k-1], skipped[k]) {
			v := &rd.units[skipped[k]]
			text += " " + rd.toks[v.first].Text
			count++
			k++
		}
		t.problem(Problem{Kind: Stray, Span: vals[0].Span, Count: count, Text: text})
	}
	if !anyValue {
		t.problem(Problem{Kind: NoValues, Span: t.Start})
		return
	}
	if tp.id == "review" {
		rd.checkHeaderWords()
	}
	if !t.Scrambled {
		rd.checkOrder()
	}
	if t.Scrambled {
		t.dropCells()
		return
	}
	rd.refuseAmbiguous()
	rd.resolveFused()
	for r, row := range tp.rows {
		W := tp.width(r)
		switch {
		case rd.refused[r]:
		case rd.unread[r] >= 0:
			u := &rd.units[rd.unread[r]]
			tk := rd.toks[u.first]
			if u.kind == uFused {
				t.problem(Problem{Kind: RowFusedBad, Row: row.ID, Span: tk.Span, Text: tk.Text, Splits: rd.splitCount(u, r), Want: W})
			} else {
				t.problem(Problem{Kind: RowLong, Row: row.ID, Span: tk.Span, Count: int(u.n), Want: W, Text: joinToks(rd.toks[u.first : u.first+u.n])})
			}
		case rd.filled[r] == 0:
			t.problem(Problem{Kind: RowMissing, Row: row.ID, Span: t.Start, Want: W})
		case rd.filled[r] < W || slices.Contains(rd.slots[r], nil):
			// (A count that says full with an empty slot is short too: the
			// row is reported, never read with a hole.)
			var got []Tok
			for _, s := range rd.slots[r] {
				if s != nil {
					got = append(got, *s)
				}
			}
			sp := t.Start
			if len(got) > 0 {
				sp = got[0].Span
			}
			t.problem(Problem{Kind: RowShort, Row: row.ID, Span: sp, Count: len(got), Want: W, Text: joinToks(got)})
		default:
			t.setCells(r, rd.cells(rd.slots[r]), rd.slots[r][0].Span)
			if f := rd.fused[r]; f >= 0 {
				for _, c := range t.rows[r].cells {
					c.Fused = true
					c.Settled = rd.settledRows != nil && rd.settledRows[r]
					c.Unsure = c.Unsure || c.Settled
				}
				u := &rd.units[f]
				if int(u.first) < len(rd.toks) && rd.fusedStart(f) == r {
					t.problem(Problem{Kind: RowFused, Row: row.ID, Span: rd.toks[u.first].Span, Text: rd.toks[u.first].Text, Want: W})
				}
			}
		}
	}
}

// onlyLabelsBetween: units i < j have nothing but labels and blank lines
// between them.
func (rd *reading) onlyLabelsBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if u := rd.units[k].kind; u != uLabel && u != uBlank {
			return false
		}
	}
	return true
}

// fill places the cells of unit i (playing role rl) in their slots.
func (rd *reading) fill(i int, u *unit, rl role) {
	r, c, k := int(rl.r), int(rl.c), int(rl.k)
	put := func(tk *Tok) {
		if r >= len(rd.slots) {
			return
		}
		rd.slots[r][c] = tk
		rd.filled[r]++
		c++
		if c == rd.tp.width(r) {
			r, c = r+1, 0
		}
	}
	switch u.kind {
	case uValue, uBlank:
		put(&rd.toks[u.first])
	case uGroup:
		for j := 0; j < k; j++ {
			put(&rd.toks[u.first+int32(j)])
		}
	case uFused:
		sp := rd.al.splits(u, k)
		if k == 1 {
			// One cell: a number glued to its label, not cells run
			// together.
			put(&sp.cands[0][0])
			return
		}
		for j := 0; j < k; j++ {
			rr := r + (c+j)/rd.tp.width(r)
			if rr < len(rd.fused) {
				rd.fused[rr] = i
			}
		}
		// The first split stands in until resolveFused settles them.
		for j := 0; j < k; j++ {
			put(&sp.cands[0][j])
		}
	}
}

// fusedStart: the first row filled by fused unit i.
func (rd *reading) fusedStart(i int) int {
	return int(rd.p.roles[i].r)
}

func (rd *reading) splitCount(u *unit, r int) int {
	n := 0
	for _, sp := range u.splits {
		if sp.many {
			return maxSplits + 1
		}
		n += len(sp.cands)
	}
	return n
}

// checkOrder: the reading must not contradict the labels. A label that
// names a row further on, right before values that the reading gives to
// another row (one whose label stands elsewhere in the table), means the
// copy is out of order (reading-order PDF text, column by column): the
// table cannot be read reliably. So do values on the same line as a label
// that the reading gives to another row.
func (rd *reading) checkOrder() {
	t, tp, p := rd.t, rd.tp, rd.p
	named := make([]bool, len(tp.rows))
	for _, l := range t.Labels {
		if l.Row >= 0 {
			named[l.Row] = true
		}
	}
	scramble := func(span source.Span, why string) {
		if !t.Scrambled {
			t.Scrambled = true
			t.problem(Problem{Kind: Scrambled, Span: span, Text: why})
		}
	}
	for i := range rd.units {
		u := &rd.units[i]
		rl := p.roles[i]
		if (u.kind == uGroup || u.kind == uFused) && rl.kind == rFill && u.bound >= 0 && u.row >= 0 && int(u.row) != int(rl.r) {
			scramble(rd.toks[u.first].Span, "“"+tp.rows[u.row].Label+"”一行的数字被读到了“"+tp.rows[rl.r].Label+"”的位置")
			return
		}
		if u.kind != uLabel || u.row < 0 {
			continue
		}
		b, a := p.before(i), p.after(i)
		m := int(u.row)
		if m <= b.r || a != b {
			continue
		}
		// A label passed over for a row further on. What comes next?
		// The run is the labels (and skipped blanks) around unit i.
		run := map[int]bool{}
		inRun := func(k int) bool {
			v := &rd.units[k]
			switch {
			case v.kind == uLabel:
				if v.row >= 0 {
					run[int(v.row)] = true
				}
				return true
			case v.kind == uBlank && p.roles[k].kind == rSkip:
				return true
			}
			return false
		}
		j := i
		for j < len(rd.units) && inRun(j) {
			j++
		}
		for k := i - 1; k >= 0 && inRun(k); k-- {
		}
		if j >= len(rd.units) || p.roles[j].kind != rFill {
			continue
		}
		if v := &rd.units[j]; v.bound >= 0 && v.row >= 0 {
			continue // the values have a label of their own on their line
		}
		r2 := int(p.roles[j].r)
		if r2 != m && r2 < len(tp.rows) && !run[r2] && named[r2] {
			scramble(rd.toks[rd.units[j].first].Span, "“"+tp.rows[m].Label+"”的数字出现在“"+tp.rows[r2].Label+"”应在的位置")
			return
		}
	}
}

// refuseAmbiguous: rows that an ambiguous unit could belong to are not
// read; one problem names them all.
func (rd *reading) refuseAmbiguous() {
	p := rd.p
	var first source.Span
	found := false
	mark := func(rl role) {
		if rl.kind != rFill && rl.kind != rUnread {
			return
		}
		n := int(rl.k)
		if rl.kind == rFill {
			// Rows touched by k cells from (r, c).
			last := int(rl.r)
			for cells := int(rl.c) + n; last < len(rd.tp.rows) && cells > rd.tp.width(last); last++ {
				cells -= rd.tp.width(last)
			}
			n = last - int(rl.r) + 1
		}
		for r := int(rl.r); r < int(rl.r)+n && r < len(rd.refused); r++ {
			rd.refused[r] = true
		}
	}
	rd.sameBlanks()
	for i := range rd.units {
		if !p.ambiguous[i] {
			continue
		}
		mark(p.roles[i])
		mark(p.alt[i])
		if !found {
			first, found = rd.toks[rd.units[i].first].Span, true
		}
	}
	for _, i := range rd.trailingBlanks() {
		mark(p.roles[i])
		if !found {
			first, found = rd.toks[rd.units[i].first].Span, true
		}
	}
	if !found {
		return
	}
	var names []string
	for r, x := range rd.refused {
		if x {
			names = append(names, rd.tp.rows[r].ID)
		}
	}
	rd.t.problem(Problem{Kind: Unsure, Span: first, Text: strings.Join(names, " ")})
}

// trailingBlanks: loose blank lines (empty, or tabs only) read as the
// last cell of a row although lines of their kind also stand between
// rows in this table, after a full row and before the next label. There
// the blank is a separator as well as it is a cell: the row is one
// number short (a cell lost in the copy) or ends with a blank cell, and
// nothing tells which. Read either way it would be a guess: the row is
// refused.
func (rd *reading) trailingBlanks() []int {
	p := rd.p
	var sep [2]bool // by kind: empty line, tab line
	kind := func(u *unit) int {
		if u.tab {
			return 1
		}
		return 0
	}
	full := false // the last cells filled ended a row
	for i := range rd.units {
		u, rl := &rd.units[i], p.roles[i]
		switch {
		case rl.kind == rFill:
			end := int(rl.c) + int(rl.k)
			full = int(rl.r) < len(rd.tp.rows) && end >= rd.tp.width(int(rl.r))
		case u.kind == uBlank && !u.strong && rl.kind == rSkip:
			if full && u.beforeLabel {
				sep[kind(u)] = true
			}
		case u.kind == uLabel:
		default:
			full = false
		}
	}
	var out []int
	for i := range rd.units {
		u, rl := &rd.units[i], p.roles[i]
		if u.kind != uBlank || u.strong || !u.beforeLabel || rl.kind != rFill || rl.k != 1 || !sep[kind(u)] {
			continue
		}
		if r := int(rl.r); r < len(rd.tp.rows) && int(rl.c) == rd.tp.width(r)-1 {
			out = append(out, i)
		}
	}
	return out
}

// sameBlanks: two blank lines in a row, either of which can be the blank
// cell (the other then only a separator), give the same table either way:
// not an ambiguity about the values.
func (rd *reading) sameBlanks() {
	p := rd.p
	fillOf := func(i int) (role, bool) {
		a, b := p.roles[i], p.alt[i]
		switch {
		case a.kind == rFill && b.kind == rSkip:
			return a, true
		case b.kind == rFill && a.kind == rSkip:
			return b, true
		}
		return role{}, false
	}
	for i := range rd.units {
		if !p.ambiguous[i] || rd.units[i].kind != uBlank {
			continue
		}
		fi, ok := fillOf(i)
		if !ok {
			continue
		}
		for j := i + 1; j < len(rd.units) && rd.units[j].kind == uBlank; j++ {
			if !p.ambiguous[j] {
				continue
			}
			if fj, ok := fillOf(j); ok && fj == fi && p.roles[i].kind != p.roles[j].kind {
				p.ambiguous[i], p.ambiguous[j] = false, false
				break
			}
		}
	}
}

// checkHeaderWords: 表四's header words among its values mean the text came
// out in reading order with headers and numbers interleaved, unless each
// stands before the cells it heads: "总计" before a 总计 cell, "行政诉讼"
// before the sixth value of a table written one row per group, or a whole
// header row ("结果维持 结果纠正 … 总计") before each group's values.
func (rd *reading) checkHeaderWords() {
	t, p := rd.t, rd.p
	pos := func(s state) int { return s.r*rd.tp.maxW + s.c }
	end := len(rd.tp.rows) * rd.tp.maxW
	seen := false
	cursor := -1 // position the header row so far has reached
	for i := range rd.units {
		u := &rd.units[i]
		rl := p.roles[i]
		var lab *Tok
		switch {
		case u.kind == uLabel:
			lab = &rd.toks[u.first]
		case (u.kind == uGroup || u.kind == uFused) && u.bound >= 0:
			lab = &rd.toks[u.bound]
		}
		before := seen
		if rl.kind == rFill || rl.kind == rUnread {
			seen = true
		}
		if lab == nil {
			if u.kind != uBlank {
				cursor = -1
			}
			continue
		}
		at := pos(p.before(i))
		if !before || at >= end {
			continue
		}
		if cursor < at {
			cursor = at
		}
		// The label names the cell at the cursor, or the next one (a header
		// row names the cells of a group in order).
		switch {
		case t4HeaderFits(lab.Text, cursor):
		case t4HeaderFits(lab.Text, cursor+1):
			cursor++
		default:
			t.Scrambled = true
			t.dropCells()
			t.problem(Problem{Kind: Scrambled, Span: lab.Span, Text: "表头文字“" + lab.Text + "”夹在数字中间"})
			return
		}
		if u.kind != uLabel {
			cursor = -1
		}
	}
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

// cells makes the cells of one row, from one backing array for the
// whole table.
func (rd *reading) cells(slots []*Tok) []*Cell {
	if len(rd.backing) < len(slots) {
		rd.backing = make([]Cell, len(rd.tp.rows)*rd.tp.maxW)
		rd.ptrs = make([]*Cell, len(rd.backing))
	}
	cells := rd.ptrs[:len(slots):len(slots)]
	rd.ptrs = rd.ptrs[len(slots):]
	for i, t := range slots {
		num := t.Num
		if t.Kind == TEmpty {
			num = normalize.Number{Kind: normalize.Blank}
		}
		rd.backing[i] = Cell{Raw: t.Text, Span: t.Span, Num: num, Unsure: inferred(t), Placed: t.Placed}
		cells[i] = &rd.backing[i]
	}
	rd.backing = rd.backing[len(slots):]
	return cells
}

func toCells(toks []Tok) []*Cell {
	cells := make([]*Cell, len(toks))
	backing := make([]Cell, len(toks)) // one allocation for the row
	for i, t := range toks {
		num := t.Num
		if t.Kind == TEmpty {
			num = normalize.Number{Kind: normalize.Blank}
		}
		backing[i] = Cell{Raw: t.Text, Span: t.Span, Num: num, Unsure: inferred(&toks[i]), Placed: toks[i].Placed}
		cells[i] = &backing[i]
	}
	return cells
}

func joinToks(toks []Tok) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.Text)
	}
	return strings.Join(parts, " ")
}

// placeByColumns reads a short row line of a space-aligned copy (pdftotext
// -layout, where an empty cell leaves no trace) by the columns of the full
// row lines nearest to it (alignment drifts from page to page): when every
// value of the short row sits close to a different column, in order, and
// only then, the columns with no value become blank cells. Otherwise the
// row stays short (unreadable).
func placeByColumns(units []unit, toks []Tok, width int, src *source.Source) []Tok {
	short := false
	for i := range units {
		if u := &units[i]; u.kind == uGroup && int(u.n) < width && int(u.n) >= width/2 {
			short = true
			break
		}
	}
	if src == nil || !short {
		return toks
	}
	spaced := func(u *unit) bool {
		if u.kind != uGroup {
			return false
		}
		first := toks[u.first]
		if first.Kind != TValue {
			return false
		}
		line, _ := src.Position(first.Span.Start)
		return !hasCellMark(src.Line(line))
	}
	lineOf := func(u *unit) int {
		line, _ := src.Position(toks[u.first].Span.Start)
		return line
	}
	var full []int
	for i := range units {
		if spaced(&units[i]) && int(units[i].n) == width {
			full = append(full, i)
		}
	}
	for i := range units {
		u := &units[i]
		if !spaced(u) || int(u.n) >= width || int(u.n) < width/2 {
			continue
		}
		ln := lineOf(u)
		// The nearest full row above and below, within a few lines.
		above, below := -1, -1
		for _, f := range full {
			fl := lineOf(&units[f])
			switch {
			case fl < ln && ln-fl <= 8 && (above < 0 || fl > lineOf(&units[above])):
				above = f
			case fl > ln && fl-ln <= 8 && (below < 0 || fl < lineOf(&units[below])):
				below = f
			}
		}
		var refs []int
		for _, f := range []int{above, below} {
			if f >= 0 {
				refs = append(refs, f)
			}
		}
		if len(refs) == 0 {
			continue
		}
		centres := make([]float64, width)
		for _, f := range refs {
			for k := 0; k < width; k++ {
				centres[k] += tokCentre(src, toks[units[f].first+int32(k)]) / float64(len(refs))
			}
		}
		gap := 1e9
		for k := 1; k < width; k++ {
			gap = min(gap, centres[k]-centres[k-1])
		}
		if gap < 3 {
			continue // columns too close to tell apart
		}
		n := int(u.n)
		placed := make([]int, n)
		ok := true
		for k := 0; k < n; k++ {
			c := tokCentre(src, toks[u.first+int32(k)])
			best, dist := -1, 1e9
			for col, ctr := range centres {
				if d := abs(c - ctr); d < dist {
					best, dist = col, d
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
		// The row with its blank cells goes to the end of toks, and the
		// unit refers to it there.
		line, lineStart := src.Line(ln), src.LineStart(ln)
		cells := make([]Tok, width)
		for col := range cells {
			at := lineStart + byteAtColumn(line, int(centres[col]+0.5))
			cells[col] = Tok{Kind: TEmpty, Strict: true, Placed: true, Delim: DelimSpaces, Span: source.Span{Start: at, End: at}}
		}
		for k := 0; k < n; k++ {
			cells[placed[k]] = toks[u.first+int32(k)]
		}
		u.first, u.n, u.trim, u.blanks = int32(len(toks)), int32(width), int32(width), true
		toks = append(toks, cells...)
	}
	return toks
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

// inferred: a blank cell the reader did not see as a cell: one placed by
// the columns of the rows around it, or an empty line that a copy with
// no cell marks (one cell per line) may hold for an empty cell or only
// between cells, read as a cell by the whole table's reading.
func inferred(t *Tok) bool {
	return t.Placed || (t.Kind == TEmpty && !t.Strict && !t.Delim.Certain())
}
