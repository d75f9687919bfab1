package rules

import (
	"sort"
	"strings"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/parse"
)

// Arithmetic (勾稽关系), format-spec.md §6.4. A blank cell is unknown, never
// 0: an identity with a blank term is reported as "cannot verify".

const basisT3Note = format.Basis30 + " 表三表头注“" + format.NoteT3 + "”"

var A01 = &Rule{
	ID: "A01", Name: "t3-column-balance", Title: "表三列勾稽关系", Severity: Error,
	Levels: levelsIdentity,
	Doc:    "表三每一列：本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理",
	Basis:  basisT3Note,
	Run:    func(p *Pass) { runIdentities(p, "A01") },
}

var A02 = &Rule{
	ID: "A02", Name: "t3-row-total", Title: "表三行合计", Severity: Error,
	Levels: levelsIdentity,
	Doc:    "表三每一行：总计 = 自然人 + 五类法人或其他组织之和",
	Basis:  format.Basis30 + " 表三 申请人情况“总计”",
	Run:    func(p *Pass) { runIdentities(p, "A02") },
}

var A03 = &Rule{
	ID: "A03", Name: "t3-results-total", Title: "表三办理结果合计", Severity: Error,
	Levels: levelsIdentity,
	Doc:    "表三每一列：（七）总计 = 各项办理结果之和",
	Basis:  format.Basis30 + " 表三“三、本年度办理结果”之“（七）总计”",
	Run:    func(p *Pass) { runIdentities(p, "A03") },
}

var A04 = &Rule{
	ID: "A04", Name: "t3-minimal-fix", Title: "表三最小改动", Severity: Info,
	Doc:   "表三勾稽不平时，找出改一个格子就能使全部等式成立的那一格及其应填值",
	Basis: "由 " + format.Basis30 + " 表三的勾稽关系推算",
	Run:   runA04,
}

var A05 = &Rule{
	ID: "A05", Name: "t3-subtotal", Title: "表三小计", Severity: Error,
	Levels: levelsIdentity,
	Doc:    "表三若在（三）不予公开、（四）无法提供、（五）不予处理上填了小计，小计须等于其下各项之和",
	Basis:  format.Basis30 + " 表三行结构",
	Run:    func(p *Pass) { runIdentities(p, "A05") },
}

var A06 = &Rule{
	ID: "A06", Name: "t4-review-total", Title: "表四行政复议合计", Severity: Error,
	Levels: levelsIdentity,
	Doc:    "表四行政复议：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计",
	Basis:  format.Basis30 + " 表四“行政复议”",
	Run:    func(p *Pass) { runIdentities(p, "A06") },
}

var A07 = &Rule{
	ID: "A07", Name: "t4-direct-total", Title: "表四直接起诉合计", Severity: Error,
	Levels: levelsIdentity,
	Doc:    "表四未经复议直接起诉：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计",
	Basis:  format.Basis30 + " 表四“行政诉讼·未经复议直接起诉”",
	Run:    func(p *Pass) { runIdentities(p, "A07") },
}

var A08 = &Rule{
	ID: "A08", Name: "t4-after-total", Title: "表四复议后起诉合计", Severity: Error,
	Levels: levelsIdentity,
	Doc:    "表四复议后起诉：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计",
	Basis:  format.Basis30 + " 表四“行政诉讼·复议后起诉”",
	Run:    func(p *Pass) { runIdentities(p, "A08") },
}

var A09 = &Rule{
	ID: "A09", Name: "t2-valid-floor", Title: "表二现行有效件数", Severity: Warning,
	Doc:   "表二规章、行政规范性文件：现行有效件数不应少于本年制发件数减本年废止件数",
	Basis: format.Basis30 + " 表二 第二十条第（一）项",
	Run:   runA09,
}

var A10 = &Rule{
	ID: "A10", Name: "t2-2019-total-floor", Title: "表二对外公开总数", Severity: Warning,
	Doc:   "2019/2020 年表二：对外公开总数量不应少于本年新公开数量",
	Basis: format.Basis60 + " 表二 第二十条第（一）项",
	Run:   runA10,
}

// term is one cell of an identity with its sign: by ids, and by its row
// and column index in the table (parse.Table.CellAt; -1: a row the
// table does not have), resolved when the identity's plan is made.
type term struct {
	row, col string
	sign     int
	r, c     int
}

// identity: Σ sign·cell = 0. The first term with sign −1 is the "total"
// where the finding is placed.
type identity struct {
	rule  string
	table *parse.Table
	label string      // the column or group label it is about
	row   *format.Row // for A02: the row (its message label is built only when needed)
	group string      // for A05: the sub-total row id
	terms []term
	at    term // the cell the finding points to
}

// name says what the identity is about, e.g. "“总计”列", for messages.
func (id identity) name() string {
	switch {
	case id.row != nil:
		return "“" + shortLabel(*id.row) + "”行"
	case id.group != "":
		return "“" + rowLabel(id.table, id.group) + "”小计“" + id.label + "”列"
	case id.rule >= "A06":
		return "“" + id.label + "”"
	}
	return "“" + id.label + "”列"
}

// key tells identities apart within one report: rule, table and the
// cell the identity's finding points to.
func (id identity) key() string {
	return id.rule + "|" + id.table.ID + "|" + id.at.row + "|" + id.at.col
}

// identities of every A rule that the tables allow, in the order the A
// rules report them.
func identities(doc *parse.Doc) []identity {
	var out []identity
	for _, e := range appendEvaluations(nil, doc) {
		out = append(out, e.id)
	}
	return out
}

// appendEvaluations appends to dst every identity that the tables allow,
// in order, each evaluated. The identities of a table's rows are made once
// per edition of the format (identityPlan, package data); here each is
// only given its table, and those whose row or sub-total was not read are
// left out.
func appendEvaluations(dst []evaluation, doc *parse.Doc) []evaluation {
	var t3 *identityPlan
	if t := doc.T3; t != nil && !t.Scrambled {
		t3 = planOf(t.Rows, t.Groups)
	}
	if dst == nil {
		// One array of the size the plans may need.
		n := len(planT4.ids)
		if t3 != nil {
			n += len(t3.ids)
		}
		dst = make([]evaluation, 0, n)
	}
	if t3 != nil {
		dst = t3.appendTo(dst, doc.T3)
	}
	if t := doc.T4; t != nil && !t.Scrambled {
		pl := planT4
		if !pl.fits(t.Rows, t.Groups) {
			pl = makeT4Plan(t.Rows, t.Groups)
		}
		dst = pl.appendTo(dst, t)
	}
	return dst
}

// identityPlan is the identities of one table edition's rows, without the
// table (never changed once made).
type identityPlan struct {
	rows, groups []format.Row // the table's rows and groups the indices are of
	ids          []plannedIdentity
}

type plannedIdentity struct {
	identity
	need   int // the index of a row (A02) or sub-total (A05) that must have been read; -1 for none, -2 for a row the table lacks
	rowIdx int // A02: the index of its row in rows, -1 otherwise
}

// fits: the plan's row indices are those of a table of these rows and
// groups.
func (pl *identityPlan) fits(rows, groups []format.Row) bool {
	return sameRows(pl.rows, rows) && sameRows(pl.groups, groups)
}

// rowIndex is a row or group id's index in a table of rows and groups
// (parse.Table.Index), -1 for none.
func rowIndex(rows, groups []format.Row, id string) int {
	for i, r := range rows {
		if r.ID == id {
			return i
		}
	}
	for g, r := range groups {
		if r.ID == id {
			return len(rows) + g
		}
	}
	return -1
}

// colIndex is a column id's index in cols, -1 for none.
func colIndex(cols []format.Column, id string) int {
	for i, c := range cols {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// appendTo appends the plan's identities that t allows, given t and
// evaluated.
func (pl *identityPlan) appendTo(dst []evaluation, t *parse.Table) []evaluation {
	for i := range pl.ids {
		pi := &pl.ids[i]
		if pi.need != -1 && t.CellsAt(pi.need) == nil {
			continue
		}
		dst = append(dst, evaluation{id: pi.identity})
		e := &dst[len(dst)-1]
		e.id.table = t
		if pi.rowIdx >= 0 {
			e.id.row = &t.Rows[pi.rowIdx]
		}
		evaluate(e)
	}
	return dst
}

// The plans of the format's editions, made once, for tables of the
// format's rows and (表三) of the groups whose sub-totals the reader reads
// apart. A table of other rows or groups gets a plan made for it.
var (
	t3Groups    = format.T3Groups[1:4] // （三）（四）（五）
	planT3v2021 = makeT3Plan(format.T3Rows2021, t3Groups)
	planT3v2019 = makeT3Plan(format.T3Rows2019, t3Groups)
	planT4      = makeT4Plan(format.T4Rows, nil)
)

// planOf is the plan of a 表三 of these rows and groups: the edition's
// made at start when they are the format's, else made now.
func planOf(rows, groups []format.Row) *identityPlan {
	for _, pl := range []*identityPlan{planT3v2021, planT3v2019} {
		if pl.fits(rows, groups) {
			return pl
		}
	}
	return makeT3Plan(rows, groups)
}

// sameRows: the rows that the identities depend on (ids and groups) are
// the same, in the same order.
func sameRows(a, b []format.Row) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Group != b[i].Group {
			return false
		}
	}
	return true
}

func makeT3Plan(rows, groups []format.Row) *identityPlan {
	pl := &identityPlan{rows: rows, groups: groups}
	// Every identity's terms in one array (cut with a full slice
	// expression, so that one identity's terms never run into the next's).
	var buf []term
	add := func(id identity, need string, rowIdx int) {
		n := -1
		if need != "" {
			if n = rowIndex(rows, groups, need); n < 0 {
				n = -2 // a row the table lacks
			}
		}
		pl.ids = append(pl.ids, plannedIdentity{identity: id, need: n, rowIdx: rowIdx})
	}
	tm := func(row, col string, sign int) term {
		return term{row: row, col: col, sign: sign, r: rowIndex(rows, groups, row), c: colIndex(format.T3Columns, col)}
	}
	// The terms are cut only after all are appended (the array may move
	// while it grows): record the ranges first.
	type rng struct{ from, to int }
	var ranges []rng
	mark := func(from int) { ranges = append(ranges, rng{from, len(buf)}) }
	applicants := format.T3Columns[:6]
	for _, c := range format.T3Columns {
		from := len(buf)
		buf = append(buf, tm("new", c.ID, 1), tm("carry_in", c.ID, 1), tm("results_total", c.ID, -1), tm("carry_out", c.ID, -1))
		mark(from)
		add(identity{rule: "A01", label: c.Label, at: tm("results_total", c.ID, -1)}, "", -1)
	}
	for i, r := range rows {
		from := len(buf)
		for _, c := range applicants {
			buf = append(buf, tm(r.ID, c.ID, 1))
		}
		buf = append(buf, tm(r.ID, "c_total", -1))
		mark(from)
		// unread rows are reported by T03
		add(identity{rule: "A02", at: tm(r.ID, "c_total", -1)}, r.ID, i)
	}
	for _, c := range format.T3Columns {
		from := len(buf)
		for _, r := range rows {
			if format.IsT3Result(r.ID) {
				buf = append(buf, tm(r.ID, c.ID, 1))
			}
		}
		buf = append(buf, tm("results_total", c.ID, -1))
		mark(from)
		add(identity{rule: "A03", label: c.Label, at: tm("results_total", c.ID, -1)}, "", -1)
	}
	for _, g := range []string{"withheld", "unable", "notproc"} {
		for _, c := range format.T3Columns {
			from := len(buf)
			for _, r := range rows {
				if r.Group == g {
					buf = append(buf, tm(r.ID, c.ID, 1))
				}
			}
			buf = append(buf, tm(g, c.ID, -1))
			mark(from)
			add(identity{rule: "A05", label: c.Label, group: g, at: tm(g, c.ID, -1)}, g, -1)
		}
	}
	for i, r := range ranges {
		pl.ids[i].terms = buf[r.from:r.to:r.to]
	}
	return pl
}

// makeT4Plan is the plan of 表四's rows for a table of rows and groups.
func makeT4Plan(rows, groups []format.Row) *identityPlan {
	pl := &identityPlan{rows: rows, groups: groups}
	tm := func(row, col string, sign int) term {
		return term{row: row, col: col, sign: sign, r: rowIndex(rows, groups, row), c: colIndex(format.T4Columns, col)}
	}
	for i, r := range format.T4Rows {
		rule := []string{"A06", "A07", "A08"}[i]
		terms := make([]term, 0, 5)
		for _, c := range format.T4Columns[:4] {
			terms = append(terms, tm(r.ID, c.ID, 1))
		}
		terms = append(terms, tm(r.ID, "total", -1))
		pl.ids = append(pl.ids, plannedIdentity{identity: identity{rule: rule, label: r.Label, at: tm(r.ID, "total", -1), terms: terms}, need: -1, rowIdx: -1})
	}
	return pl
}

// evaluation of one identity.
type evaluation struct {
	id       identity
	residual float64 // Σ sign·value; 0 when it holds
	blank    []term  // blank or placeholder cells
	unread   bool    // a term's row was not read
	bad      bool    // a term is not a number at all (T06 reports it)
	// settled: the identity was used to read the table (to split digits
	// run together), so it holds by construction and checks nothing.
	settled bool
	// unsure: a term's cell was inferred by the reader, not read (a blank
	// placed by the columns around it, an empty line read as a cell):
	// what the identity says rests on the reading, so a finding of it is
	// the reading's doubt.
	unsure bool
}

func (e evaluation) verifiable() bool {
	return !e.unread && len(e.blank) == 0 && !e.bad && !e.settled
}

// evaluate fills e from the cells of its identity e.id.
func evaluate(e *evaluation) {
	id := &e.id
	for _, tm := range id.terms {
		c := id.table.CellAt(tm.r, tm.c) // nil when the row was not read
		if c != nil && c.Unsure {
			e.unsure = true
		}
		switch {
		case c == nil:
			e.unread = true
		case c.Settled || (c.Fused && (id.rule == "A02" || id.rule >= "A06")):
			e.settled = true
			if c.Known() {
				e.residual += float64(tm.sign) * c.Num.Value
			}
		case c.Blank():
			e.blank = append(e.blank, tm)
		case !c.Known():
			e.bad = true
		default:
			e.residual += float64(tm.sign) * c.Num.Value
		}
	}
}

// sides renders the two sides of an identity for a message.
func sides(e evaluation) (expected, actual float64) {
	for _, tm := range e.id.terms {
		if tm == e.id.at {
			actual = e.id.table.CellAt(tm.r, tm.c).Num.Value
		}
	}
	return actual - e.residual*float64(e.id.at.sign), actual
}

func runIdentities(p *Pass, rule string) {
	var unread []string
	unreadKind := KindReport
	evals := p.evaluations()
	for k := range evals {
		e := &evals[k]
		id := &e.id
		if id.rule != rule {
			continue
		}
		switch {
		case e.unread:
			unread = append(unread, id.name())
			if unreadByReading(*e) {
				unreadKind = KindReading
			}
		case e.bad, e.settled:
			// A cell that is not a number: T06 says so. An identity that
			// chose how to read the table: T03/T04 say so.
		case len(e.blank) > 0:
			var names []string
			for _, b := range e.blank {
				names = append(names, where(id.table, b.row, b.col))
			}
			c := id.table.Cell(e.blank[0].row, e.blank[0].col)
			// identity: the blank's T05 finding explains this note (one
			// cause, one message).
			f := Finding{Span: c.Span, Table: id.table.ID, Row: e.blank[0].row, Column: e.blank[0].col, Kind: kindOf(*e), identity: blankKey(*id),
				Message: "无法核对" + id.name() + "的勾稽关系：" + strings.Join(names, "、") + "为空白（空白不等于0）",
				Fix:     "填入实际数（没有请填0）后再核对"}
			if f.Kind == KindReading {
				f.Message = "无法核对" + id.name() + "的勾稽关系：" + strings.Join(names, "、") + "是读取时推断的空白（见 T05）"
			}
			p.ReportAs(Info, f)
		case e.residual != 0:
			reportBroken(p, *e)
		}
	}
	if len(unread) > 0 {
		t := p.Doc.T3
		if rule >= "A06" {
			t = p.Doc.T4
		}
		msg := TableName(t.ID) + "有行未能读取（见 T03/T04），以下勾稽关系无法核对：" + strings.Join(unread, "、")
		f := Finding{Span: t.Start, Table: t.ID, Kind: unreadKind, Message: msg, Fix: "按规定格式补全该表后再核对", identity: unreadKey(rule)}
		if unreadKind == KindReading {
			f.Message = TableName(t.ID) + "有行未能可靠读取（见 T03/T04），以下勾稽关系无法核对：" + strings.Join(unread, "、")
		}
		p.ReportAs(Info, f)
	}
}

// unreadKey links the note that identities of rule cannot be checked for
// rows not read to the one row problem (T03/T04) that caused it.
func unreadKey(rule string) string { return "unread|" + rule }

// unreadKeys: the notes of a table's identities that a row not read
// leaves unchecked.
func unreadKeys(table string) []string {
	switch table {
	case "applications":
		return []string{unreadKey("A01"), unreadKey("A02"), unreadKey("A03"), unreadKey("A05")}
	case "review":
		return []string{unreadKey("A06"), unreadKey("A07"), unreadKey("A08")}
	}
	return nil
}

// blankKey links the note that an identity cannot be checked for a blank
// to the blank's T05 finding.
func blankKey(id identity) string { return "blank|" + id.key() }

// kindOf: a finding of an identity that uses a cell the reader inferred
// is the reading's doubt.
func kindOf(e evaluation) Kind {
	if e.unsure {
		return KindReading
	}
	return KindReport
}

// unreadByReading: a term of the identity is in a row the reader could
// not read for certain (not a row the report really lacks).
func unreadByReading(e evaluation) bool {
	for _, tm := range e.id.terms {
		if e.id.table.CellsAt(tm.r) == nil && !e.id.table.Certain(tm.row) {
			return true
		}
	}
	return false
}

func reportBroken(p *Pass, e evaluation) {
	id := e.id
	t := id.table
	at := t.Cell(id.at.row, id.at.col)
	want, got := sides(e)
	f := Finding{Span: at.Span, Table: t.ID, Row: id.at.row, Column: id.at.col, Expected: fmtNum(want), Actual: fmtNum(got), identity: id.key(), Kind: kindOf(e)}
	switch id.rule {
	case "A01":
		in := sum(t, "new", id.at.col) + sum(t, "carry_in", id.at.col)
		out := got + sum(t, "carry_out", id.at.col)
		f.Message = TableName(t.ID) + id.name() + "不平：本年新收 " + fmtNum(sum(t, "new", id.at.col)) + " + 上年结转 " + fmtNum(sum(t, "carry_in", id.at.col)) + " = " + fmtNum(in) +
			"，而（七）总计 " + fmtNum(got) + " + 结转下年度 " + fmtNum(sum(t, "carry_out", id.at.col)) + " = " + fmtNum(out) + "，相差 " + fmtNum(in-out)
		f.Fix = "核对该列“本年新收”“上年结转”“（七）总计”“结转下年度继续办理”四个数"
	case "A02":
		f.Message = TableName(t.ID) + id.name() + "：总计应为各申请人列之和 " + fmtNum(want) + "，实为 " + fmtNum(got)
		f.Fix = "将总计改为 " + fmtNum(want) + "，或核对各申请人列"
	case "A03":
		f.Message = TableName(t.ID) + "“（七）总计”行" + id.name() + "：应为各项办理结果之和 " + fmtNum(want) + "，实为 " + fmtNum(got)
		f.Fix = "核对该列各项办理结果是否漏填、错填；若各项无误，将（七）总计改为 " + fmtNum(want)
	case "A05":
		f.Message = TableName(t.ID) + id.name() + "应为其下各项之和 " + fmtNum(want) + "，实为 " + fmtNum(got)
		f.Fix = "将小计改为 " + fmtNum(want) + "，或核对其下各项"
	default: // A06–A08
		var parts []string
		for _, tm := range id.terms[:4] {
			parts = append(parts, colLabel(t, tm.row, tm.col)+" "+fmtNum(t.Cell(tm.row, tm.col).Num.Value))
		}
		f.Message = "表四" + id.name() + "：" + strings.Join(parts, " + ") + " = " + fmtNum(want) + "，总计却填 " + fmtNum(got)
		f.Fix = "将总计改为 " + fmtNum(want) + "，或核对四项结果"
	}
	p.Report(f)
}

func sum(t *parse.Table, row, col string) float64 {
	if c := t.Cell(row, col); c.Known() {
		return c.Num.Value
	}
	return 0
}

// runA04 looks for one cell whose change makes every failing 表三 identity
// hold without breaking one that holds: a cell that appears in all failing
// identities, in no holding one, with the same corrected value from each.
func runA04(p *Pass) {
	t := p.Doc.T3
	if t == nil || t.Scrambled {
		return
	}
	// Most reports balance: nothing to collect then.
	anyFailing := false
	evals := p.evaluations()
	for k := range evals {
		if e := &evals[k]; e.id.table == t && e.id.rule != "A05" && e.verifiable() && e.residual != 0 {
			anyFailing = true
			break
		}
	}
	if !anyFailing {
		return
	}
	var failing, holding []evaluation
	for _, e := range p.evaluations() {
		if e.id.table != t || e.id.rule == "A05" {
			continue
		}
		if !e.verifiable() {
			continue
		}
		if e.residual != 0 {
			failing = append(failing, e)
		} else {
			holding = append(holding, e)
		}
	}
	if len(failing) == 0 {
		return
	}
	type cand struct {
		tm    term
		value float64
	}
	var cands []cand
	seen := map[[2]string]bool{}
	for _, tm := range failing[0].id.terms {
		key := [2]string{tm.row, tm.col}
		if seen[key] {
			continue
		}
		seen[key] = true
		cell := t.Cell(tm.row, tm.col)
		if !cell.Known() {
			continue
		}
		value, ok := 0.0, true
		for i, e := range failing {
			s := signIn(e.id, tm.row, tm.col)
			if s == 0 {
				ok = false
				break
			}
			v := cell.Num.Value - e.residual*float64(s)
			if i > 0 && v != value {
				ok = false
				break
			}
			value = v
		}
		for _, e := range holding {
			if signIn(e.id, tm.row, tm.col) != 0 {
				ok = false
			}
		}
		if ok && value >= 0 {
			one := tm
			one.sign = 1
			cands = append(cands, cand{one, value})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		return t.Cell(cands[i].tm.row, cands[i].tm.col).Span.Start < t.Cell(cands[j].tm.row, cands[j].tm.col).Span.Start
	})
	switch len(cands) {
	case 0:
		// Several cells are wrong. The likely ones sit where a failing row
		// identity (A02) crosses a failing column identity (A01/A03).
		var rowsBad, colsBad []string
		for _, e := range failing {
			if e.id.rule == "A02" {
				rowsBad = append(rowsBad, e.id.at.row)
			} else {
				colsBad = append(colsBad, e.id.at.col)
			}
		}
		var names []string
		for _, r := range dedupe(rowsBad) {
			for _, c := range dedupe(colsBad) {
				if t.Cell(r, c).Known() && len(names) < 8 {
					names = append(names, where(t, r, c))
				}
			}
		}
		msg := "表三有 " + itoa(len(failing)) + " 处勾稽不平，改动任何一个格子都不能使其全部成立，应有多个数填错"
		if len(names) > 0 {
			msg += "；最可能出错的格子（不平的行与不平的列相交处）：" + strings.Join(names, "、")
		}
		p.Report(Finding{Span: t.Start, Table: t.ID, Message: msg, Fix: "逐项核对上面列出的不平之处"})
	case 1:
		c := cands[0]
		cell := t.Cell(c.tm.row, c.tm.col)
		explains := make([]string, len(failing))
		for i, e := range failing {
			explains[i] = e.id.key()
		}
		p.Report(Finding{Span: cell.Span, Table: t.ID, Row: c.tm.row, Column: c.tm.col, Expected: fmtNum(c.value), Actual: fmtNum(cell.Num.Value),
			Message:      "只需改一格即可使表三全部勾稽关系成立：" + where(t, c.tm.row, c.tm.col) + "应为 " + fmtNum(c.value) + "，现为 " + fmtNum(cell.Num.Value),
			Fix:          "将表三“" + rowLabel(t, c.tm.row) + "”行的" + colLabel(t, c.tm.row, c.tm.col) + "改为 " + fmtNum(c.value),
			fixExplained: "将表三“" + rowLabel(t, c.tm.row) + "”行的" + colLabel(t, c.tm.row, c.tm.col) + "改为 " + fmtNum(c.value) + "（只改这一格，表三全部勾稽关系即成立，见 A04）",
			explains:     explains})
	default:
		var names []string
		for _, c := range cands {
			names = append(names, where(t, c.tm.row, c.tm.col)+"改为 "+fmtNum(c.value))
		}
		cell := t.Cell(cands[0].tm.row, cands[0].tm.col)
		p.Report(Finding{Span: cell.Span, Table: t.ID, Message: "表三勾稽不平，以下任一处改动都能使其成立，请核对：" + strings.Join(names, "；"),
			Fix: "核对原始台账，确定哪一格填错"})
	}
}

func signIn(id identity, row, col string) int {
	s := 0
	for _, tm := range id.terms {
		if tm.row == row && tm.col == col {
			s += tm.sign
		}
	}
	return s
}

func runA09(p *Pass) {
	t := p.Doc.T2
	if t == nil || t.Style != "2021" {
		return
	}
	for _, row := range []string{"rules", "normative"} {
		is, re, in := t.Cell(row, "issued"), t.Cell(row, "repealed"), t.Cell(row, "in_force")
		if !is.Known() || !re.Known() || !in.Known() {
			continue
		}
		floor := is.Num.Value - re.Num.Value
		switch {
		case in.Num.Value == 0 && floor > 0:
			p.Report(Finding{Span: in.Span, Table: t.ID, Row: row, Column: "in_force", Expected: "≥ " + fmtNum(floor), Actual: "0",
				Message: "表二“" + rowLabel(t, row) + "”本年制发 " + fmtNum(is.Num.Value) + " 件、废止 " + fmtNum(re.Num.Value) + " 件，现行有效件数却为 0",
				Fix:     "核对现行有效件数（上年现行有效 + 本年制发 − 本年废止）"})
		case in.Num.Value < floor:
			p.Report(Finding{Span: in.Span, Table: t.ID, Row: row, Column: "in_force", Expected: "≥ " + fmtNum(floor), Actual: fmtNum(in.Num.Value),
				Message: "表二“" + rowLabel(t, row) + "”现行有效件数 " + fmtNum(in.Num.Value) + " 少于本年制发减废止 " + fmtNum(floor),
				Fix:     "核对现行有效件数（上年现行有效 + 本年制发 − 本年废止）"})
		}
	}
}

func runA10(p *Pass) {
	t := p.Doc.T2
	if t == nil || t.Style != "2019" {
		return
	}
	for _, row := range []string{"rules", "normative"} {
		pub, tot := t.Cell(row, "published"), t.Cell(row, "total_public")
		if pub.Known() && tot.Known() && tot.Num.Value < pub.Num.Value {
			p.Report(Finding{Span: tot.Span, Table: t.ID, Row: row, Column: "total_public", Expected: "≥ " + fmtNum(pub.Num.Value), Actual: fmtNum(tot.Num.Value),
				Message: "表二“" + rowLabel(t, row) + "”对外公开总数量 " + fmtNum(tot.Num.Value) + " 少于本年新公开数量 " + fmtNum(pub.Num.Value),
				Fix:     "核对对外公开总数量"})
		}
	}
}

// levelsIdentity: an identity that cannot be checked (runIdentities) is a note.
const levelsIdentity = "有空白格或有行未能读取、无法核对：提示"
