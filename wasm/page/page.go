// Package page is the logic of nianbao's web page that does not touch the
// DOM: labels for tables, rows and columns (taken from core/format, never
// written twice), the "as read" grids rebuilt from a Report, the place of a
// finding in words, the text copied to the clipboard, the rule-set stamp,
// line positions in the UTF-16 units a <textarea> counts in, and the
// conversion of pasted HTML (Word, WPS, web pages) into the tab-separated
// lines the core reads.
//
// It is plain Go so that its tests run both on the host and under
// GOOS=js GOARCH=wasm in Node; the DOM side lives in package main of
// ../ (build tag js && wasm).
package page

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/render"
	"github.com/nianbao/nianbao/core/review"
)

// PasteName is the source name of text typed or pasted into the page.
const PasteName = "<粘贴>"

// SeverityOrder lists the severities from the most to the least serious.
var SeverityOrder = []string{"error", "warning", "info"}

// FormatName names the format version a report follows.
func FormatName(f string) string {
	switch f {
	case string(format.V2021):
		return "国办公开办函〔2021〕30号"
	case string(format.V2019):
		return "国办公开办函〔2019〕60号"
	}
	return "未能识别"
}

// TableIDs are the table ids in the order of the report.
var TableIDs = []string{"active", "applications", "review"}

// TableShort is "表二", "表三" or "表四".
func TableShort(id string) string { return format.TableName(id) }

// TableTitle is the table's heading: the number and the title of the
// section it belongs to (format.Sections).
func TableTitle(id string) string {
	n := map[string]int{"active": 2, "applications": 3, "review": 4}[id]
	if n == 0 {
		return id
	}
	return TableShort(id) + " " + format.Sections[n-1].Title
}

// Grid is one table rebuilt in its official layout from a report.
type Grid struct {
	ID       string
	Title    string
	Sections []Section
}

// Section is a block of a grid with its own column headings: 表二 has one
// per 第二十条 item, 表三 and 表四 have one.
type Section struct {
	Caption string // "第二十条第（一）项", or ""
	Corner  string // heading of the label column; "" when the rows have no labels (表四)
	Cols    []format.Column
	Head    [][]HeadCell // the header rows, as printed: corner, two-level headings, column labels
	Rows    []Row
}

// HeadCell is one cell of a section's header.
type HeadCell struct {
	Label            string
	ColSpan, RowSpan int
	Corner           bool   // the heading of the label column
	Row              string // 表四: the group (JSON row id) this heading stands for, or ""
	Marked           []int  // 表四: findings on the group as a whole
}

// Row of a grid. A Header row is a group label of 表三 such as
// "（三）不予公开"; it has cells only when the report printed sub-totals.
type Row struct {
	ID     string
	Label  string
	Header bool
	Cells  []GridCell // one per Section.Cols
	Marked []int      // findings (index into Report.Findings) on the row as a whole
}

// GridCell is one cell of a grid.
type GridCell struct {
	Row, Col string
	Cell     *core.Cell // nil when the report has no such cell
	Findings []int      // findings that name this cell
}

// Blank reports whether the cell was read but holds no number (blank or a
// placeholder such as "/"): shown as it was written, never as 0.
func (c GridCell) Blank() bool { return c.Cell != nil && c.Cell.Value == nil }

// Grids rebuilds the tables the report contains, in report order, with the
// official row and column labels. Rows the layout does not know (none
// today) are added at the end of the last section under their id.
func Grids(r core.Report) []Grid {
	var out []Grid
	for _, id := range TableIDs {
		t, ok := r.Tables[id]
		if !ok {
			continue
		}
		g := Grid{ID: id, Title: TableTitle(id)}
		switch id {
		case "active":
			g.Sections = activeSections(r.Format, t)
		case "applications":
			g.Sections = []Section{{Corner: format.NoteT3, Cols: format.T3Columns, Rows: t3Rows(r.Format, t),
				Head: header(format.NoteT3, format.T3Columns, nil, format.T3Headings, nil)}}
		case "review":
			g.Sections = []Section{t4Section()}
		}
		for i := range g.Sections {
			if g.Sections[i].Head == nil {
				g.Sections[i].Head = header(g.Sections[i].Corner, g.Sections[i].Cols, nil, nil, nil)
			}
		}
		fill(&g, t, r.Findings)
		out = append(out, g)
	}
	return out
}

func activeSections(f string, t core.Table) []Section {
	rows := format.T2Rows2021
	if f == string(format.V2019) || f != string(format.V2021) && has2019Columns(t) {
		rows = format.T2Rows2019
	}
	var secs []Section
	for _, fr := range rows {
		n := len(secs)
		// A new section when the 第二十条 item or the columns change.
		if n == 0 || secs[n-1].Caption != fr.Block || !sameCols(secs[n-1].Cols, fr.Columns) {
			secs = append(secs, Section{Caption: fr.Block, Corner: "信息内容", Cols: fr.Columns})
			n++
		}
		secs[n-1].Rows = append(secs[n-1].Rows, Row{ID: fr.ID, Label: fr.Label})
	}
	return secs
}

func has2019Columns(t core.Table) bool {
	for _, row := range t.Rows {
		for _, c := range row.Cells {
			switch c.Column {
			case "made", "published", "total_public", "prev_items", "change", "items", "amount":
				return true
			}
		}
	}
	return false
}

func sameCols(a, b []format.Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// t4Section lays out 表四 as printed: one row of fifteen cells under the
// two-level heads 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉).
func t4Section() Section {
	var cols []format.Column
	var groups []string
	row := Row{}
	for _, g := range format.T4Rows {
		for _, c := range format.T4Columns {
			cols = append(cols, c)
			groups = append(groups, g.ID)
			row.Cells = append(row.Cells, GridCell{Row: g.ID, Col: c.ID})
		}
	}
	return Section{Cols: cols, Head: header("", cols, groups, format.T4Headings, groups), Rows: []Row{row}}
}

// header lays out the header rows of a section: the corner (if any) down
// all of them, each heading over its columns (outer ones higher), and each
// column's own label down the rows below its innermost heading. keys are
// what headings name for each column (its group for 表四; nil: the column
// ids); groups, when set, name each column's group.
func header(corner string, cols []format.Column, keys []string, hs []format.Heading, groups []string) [][]HeadCell {
	if keys == nil {
		for _, c := range cols {
			keys = append(keys, c.ID)
		}
	}
	under := make([][]int, len(cols)) // headings over each column, outer first
	depth := 0
	for c := range cols {
		for h, hd := range hs {
			for _, k := range hd.Cols {
				if k == keys[c] {
					under[c] = append(under[c], h)
				}
			}
		}
		depth = max(depth, len(under[c]))
	}
	rows := make([][]HeadCell, depth+1)
	if corner != "" {
		rows[0] = append(rows[0], HeadCell{Label: corner, ColSpan: 1, RowSpan: depth + 1, Corner: true})
	}
	same := func(c, r, h int) bool { return c >= 0 && c < len(cols) && len(under[c]) > r && under[c][r] == h }
	for r := 0; r <= depth; r++ {
		for c := range cols {
			u := under[c]
			switch {
			case r < len(u):
				if same(c-1, r, u[r]) {
					continue // the heading began to the left
				}
				span := 1
				for same(c+span, r, u[r]) {
					span++
				}
				hc := HeadCell{Label: hs[u[r]].Label, ColSpan: span, RowSpan: 1}
				if groups != nil && len(hs[u[r]].Cols) == 1 {
					hc.Row = groups[c]
				}
				rows[r] = append(rows[r], hc)
			case r == len(u):
				rows[r] = append(rows[r], HeadCell{Label: cols[c].Label, ColSpan: 1, RowSpan: depth + 1 - r})
			}
		}
	}
	return rows
}

// t3Rows lays out 表三 as printed: group labels as header rows before
// their members.
func t3Rows(f string, t core.Table) []Row {
	rows := format.T3Rows2021
	if f == string(format.V2019) {
		rows = format.T3Rows2019
	} else if f != string(format.V2021) {
		if t.HasRow("other") {
			rows = format.T3Rows2019
		}
	}
	groups := map[string]format.Row{}
	for _, g := range format.T3Groups {
		groups[g.ID] = g
	}
	var out []Row
	header := func(id string) {
		g := groups[id]
		out = append(out, Row{ID: g.ID, Label: g.Label, Header: true})
	}
	group := ""
	for _, fr := range rows {
		if fr.ID == "disclosed" {
			header("results")
		}
		if fr.Group != "" && fr.Group != group {
			header(fr.Group)
		}
		if fr.ID == "other" { // 60号: （六）其他处理 is a row of its own
			fr.Label = groups["otherproc"].Label
		}
		group = fr.Group
		out = append(out, Row{ID: fr.ID, Label: fr.Label})
	}
	return out
}

// fill puts the report's cells and findings into the grid.
func fill(g *Grid, t core.Table, findings []core.Finding) {
	seen := map[string]bool{}
	cell := func(gc *GridCell) {
		if c, ok := t.Cell(gc.Row, gc.Col); ok {
			c := c
			gc.Cell = &c
		}
	}
	for si := range g.Sections {
		s := &g.Sections[si]
		for ri := range s.Rows {
			row := &s.Rows[ri]
			if row.Cells != nil { // laid out already (表四)
				for ci := range row.Cells {
					seen[row.Cells[ci].Row] = true
					cell(&row.Cells[ci])
				}
				continue
			}
			seen[row.ID] = true
			if row.Header && !t.HasRow(row.ID) {
				continue // a group label without sub-totals
			}
			row.Cells = make([]GridCell, len(s.Cols))
			for ci, col := range s.Cols {
				row.Cells[ci] = GridCell{Row: row.ID, Col: col.ID}
				cell(&row.Cells[ci])
			}
		}
	}
	// Rows the layout does not know: keep them visible rather than drop them.
	if len(g.Sections) > 0 {
		last := &g.Sections[len(g.Sections)-1]
		for _, id := range rowIDs(t) {
			if seen[id] {
				continue
			}
			row := Row{ID: id, Label: id, Cells: make([]GridCell, len(last.Cols))}
			for ci, col := range last.Cols {
				row.Cells[ci] = GridCell{Row: id, Col: col.ID}
				cell(&row.Cells[ci])
			}
			last.Rows = append(last.Rows, row)
		}
	}
	for fi, f := range findings {
		if f.Table != g.ID || f.Row == "" {
			continue
		}
		placed := false
		for si := range g.Sections {
			s := &g.Sections[si]
			for ri := range s.Rows {
				row := &s.Rows[ri]
				for ci := range row.Cells {
					if row.Cells[ci].Row == f.Row && row.Cells[ci].Col == f.Column {
						row.Cells[ci].Findings = append(row.Cells[ci].Findings, fi)
						placed = true
					}
				}
			}
		}
		if placed {
			continue
		}
		// A finding on a row as a whole: its label, or 表四's group heading.
		for si := range g.Sections {
			s := &g.Sections[si]
			for ri := range s.Rows {
				if s.Rows[ri].ID == f.Row {
					s.Rows[ri].Marked = append(s.Rows[ri].Marked, fi)
				}
			}
			for hi := range s.Head {
				for ci := range s.Head[hi] {
					if s.Head[hi][ci].Row == f.Row {
						s.Head[hi][ci].Marked = append(s.Head[hi][ci].Marked, fi)
					}
				}
			}
		}
	}
}

// rowIDs is the ids of the table's rows, sorted.
func rowIDs(t core.Table) []string {
	keys := make([]string, 0, len(t.Rows))
	for _, r := range t.Rows {
		keys = append(keys, r.ID)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// RowLabel is the official label of a row of a table, 表三's group
// members prefixed with their group number as the core's messages write
// them: "（四）1.本机关不掌握相关政府信息".
func RowLabel(table, row string) string {
	switch table {
	case "active":
		for _, rows := range [][]format.T2Row{format.T2Rows2021, format.T2Rows2019} {
			for _, r := range rows {
				if r.ID == row {
					return r.Label
				}
			}
		}
	case "applications":
		for _, g := range format.T3Groups {
			if g.ID == row {
				return g.Label
			}
		}
		for _, rows := range [][]format.Row{format.T3Rows2021, format.T3Rows2019} {
			for _, r := range rows {
				if r.ID != row {
					continue
				}
				if r.Group != "" {
					for _, g := range format.T3Groups {
						if g.ID == r.Group {
							if i := strings.Index(g.Label, "）"); i >= 0 {
								return g.Label[:i+len("）")] + r.Label
							}
						}
					}
				}
				if r.ID == "other" {
					return "（六）其他处理"
				}
				return r.Label
			}
		}
	case "review":
		for _, r := range format.T4Rows {
			if r.ID == row {
				return r.Label
			}
		}
	}
	return row
}

// ColumnLabel is the official label of a column.
func ColumnLabel(table, col string) string {
	var cols []format.Column
	switch table {
	case "active":
		for _, rows := range [][]format.T2Row{format.T2Rows2021, format.T2Rows2019} {
			for _, r := range rows {
				cols = append(cols, r.Columns...)
			}
		}
	case "applications":
		cols = format.T3Columns
	case "review":
		cols = format.T4Columns
	}
	for _, c := range cols {
		if c.ID == col {
			return c.Label
		}
	}
	return col
}

// Place says where a finding is, in words: "原文第 218 行 · 表三 ·
// （四）1.本机关不掌握相关政府信息 · 总计". "原文" because next to a table a
// bare line number reads like a row of the table. Empty when it has no
// place.
func Place(f core.Finding) string {
	var parts []string
	if f.Line > 0 {
		parts = append(parts, fmt.Sprintf("原文第 %d 行", f.Line))
	}
	if w := render.WhereName(f.Where); w != "" {
		parts = append(parts, "原文件"+w)
	}
	if f.Table != "" {
		parts = append(parts, TableShort(f.Table))
		if f.Row != "" {
			parts = append(parts, RowLabel(f.Table, f.Row))
		}
		if f.Column != "" {
			parts = append(parts, ColumnLabel(f.Table, f.Column))
		}
	}
	return strings.Join(parts, " · ")
}

// LinePlace is the short place of a finding on a card's one line: "原文第
// 218 行", or "全文" when it has none.
func LinePlace(f core.Finding) string {
	if f.Line > 0 {
		return fmt.Sprintf("原文第 %d 行", f.Line)
	}
	return "全文"
}

// CellTip is the tooltip of a cell: where it was read and what the
// findings on it expect.
func CellTip(gc GridCell, findings []core.Finding) string {
	var b strings.Builder
	switch {
	case gc.Cell == nil:
		b.WriteString("未读到此格")
	case gc.Cell.Value == nil && strings.TrimSpace(gc.Cell.Raw) == "":
		fmt.Fprintf(&b, "空白（不计为 0）· 原文第 %d 行", gc.Cell.Line)
	case gc.Cell.Value == nil:
		fmt.Fprintf(&b, "“%s”：占位符，按空白处理（不计为 0）· 原文第 %d 行", gc.Cell.Raw, gc.Cell.Line)
	default:
		fmt.Fprintf(&b, "读作 %s · 原文第 %d 行", Number(*gc.Cell.Value), gc.Cell.Line)
	}
	for _, i := range gc.Findings {
		f := findings[i]
		fmt.Fprintf(&b, "\n%s %s：期望 %s，实际 %s", f.Rule, core.SeverityName(f.Severity), orDash(f.Expected), orDash(f.Actual))
	}
	return b.String()
}

// Number prints a cell value without a needless ".0".
func Number(v float64) string {
	if v == float64(int64(v)) && v < 1e15 && v > -1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// Summary is the one-line result shown above the findings.
type Summary struct {
	Format, Year, Agency string
	// The report's problems as listed (core.Counts: a cause with the
	// errors it explains is one 错误); Reading: its reading doubts, apart.
	Error, Warning, Info, Reading int
	Pass                          bool // no error of the report; reading doubts never count
}

// Summarize reads the summary of a report.
func Summarize(r core.Report) Summary {
	own, reading := core.Counts(r)
	s := Summary{Format: FormatName(r.Format), Year: "未识别", Agency: "未识别",
		Error: own.Error, Warning: own.Warning, Info: own.Info, Reading: reading, Pass: own.Error == 0}
	if r.Year != nil {
		s.Year = fmt.Sprintf("%d 年度", *r.Year)
	}
	if r.Agency != nil {
		s.Agency = *r.Agency
	}
	return s
}

// Text is what "复制问题清单" copies: the problems as sentences a clerk
// pastes into an OA message or a chat to the unit (review.ClerkText: the
// 整改清单's items in words, the reading doubts apart), stamped with the
// checker version and rule set.
func Text(r core.Report) string {
	var b bytes.Buffer
	b.WriteString(review.ClerkText(r))
	fmt.Fprintf(&b, "\n（检查器 nianbao %s · %s）\n", core.Version, RulesetStamp())
	return b.String()
}

// RulesetStamp is core.RulesetStamp: the same stamp on every face.
// It is made once (the page shows it in its footer and in nianbao.stamp).
func RulesetStamp() string { return rulesetStamp() }

var rulesetStamp = sync.OnceValue(core.RulesetStamp)

// RuleGroup names the group of a rule id by its letter (format-spec §6).
func RuleGroup(id string) string {
	if id == "" {
		return ""
	}
	switch id[0] {
	case 'D':
		return "D 格式版本与日期"
	case 'S':
		return "S 结构"
	case 'T':
		return "T 表格完整性与取值"
	case 'A':
		return "A 勾稽关系"
	case 'X':
		return "X 正文与表格一致"
	case 'C':
		return "C 跨年度"
	case 'P':
		return "P 合理性提示"
	}
	return id[:1]
}

// DownloadName is the file name of the JSON download for a source name.
func DownloadName(source string) string {
	base := source
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndex(base, "."); i > 0 {
		base = base[:i]
	}
	base = strings.Map(func(r rune) rune {
		switch r {
		case '<', '>', ':', '"', '|', '?', '*', '/', '\\':
			return -1
		}
		if r < 0x20 {
			return -1
		}
		return r
	}, base)
	if base == "" || base == "粘贴" {
		base = "年报检查结果"
	}
	return base + ".nianbao.json"
}

// SameReport reports whether two reports would print the same JSON: the
// page re-draws its lists only when the result changed. It is much cheaper
// than encoding both.
func SameReport(a, b core.Report) bool {
	if a.Source != b.Source || a.Format != b.Format || a.Summary != b.Summary ||
		!samePtr(a.Year, b.Year) || !samePtr(a.Agency, b.Agency) ||
		len(a.Findings) != len(b.Findings) || len(a.Tables) != len(b.Tables) {
		return false
	}
	for i := range a.Findings {
		if a.Findings[i] != b.Findings[i] {
			return false
		}
	}
	for id, ta := range a.Tables {
		tb, ok := b.Tables[id]
		if !ok || len(ta.Rows) != len(tb.Rows) {
			return false
		}
		for ri, ra := range ta.Rows {
			rb, ok := tb.Rows[ri], true
			if rb.ID != ra.ID {
				rb, ok = tb.Row(ra.ID)
			}
			if !ok || len(ra.Cells) != len(rb.Cells) {
				return false
			}
			for ci, ca := range ra.Cells {
				cb, ok := rb.Cells[ci].Cell, true
				if rb.Cells[ci].Column != ca.Column {
					cb, ok = rb.Cell(ca.Column)
				}
				if !ok || ca.Raw != cb.Raw || ca.Line != cb.Line || ca.Col != cb.Col || !samePtr(ca.Value, cb.Value) {
					return false
				}
			}
		}
	}
	return true
}

func samePtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
