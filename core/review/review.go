// Package review turns check results into what a reviewer of many reports
// reads: one summary row per report (counts, verdict, the first serious
// problems, key figures from the tables), places named in Chinese, and
// sheet names for the per-unit 整改清单. Pure code, no I/O: the command
// line's `nianbao review` and the page's batch view share it.
package review

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/render"
)

// Figures are the key figures of one report, as printed in its tables,
// or, where the table's own identities show a printed cell wrong, as they
// confirm it (Fixed says which, and what was printed). A nil field is a
// figure the report does not give (table not read, cell blank, or a share
// with nothing to divide by): never shown as 0.
type Figures struct {
	New       *float64 // 表三 一、本年新收 总计
	OpenShare *float64 // （（一）予以公开 + （二）部分公开）/（七）总计, a ratio (0.595 = 59.5%)
	Review    *float64 // 表四 行政复议 总计
	ReviewFix *float64 // 行政复议 结果纠正 / 总计 (纠错率), a ratio
	Suit      *float64 // 表四 行政诉讼 总计 (未经复议直接起诉 + 复议后起诉)
	SuitFix   *float64 // 行政诉讼 结果纠正 / 总计, a ratio
	// Fixed names the printed cells the figures do not take as printed,
	// because the table's identities show them wrong: "表四“行政复议”行
	// “总计”列：报告填 0，按各项之和应为 11". "" when none.
	Fixed string
}

// KeyFigures reads the figures from a report's tables (ids of
// docs/check-json.md; the same in the 2019 and 2021 formats). A cell that
// an arithmetic finding of the report shows wrong, and names as the one
// to change (not explained by another cell: seed 004's （七）总计 is
// right, its （四）1 is not), is taken at the value the identities give.
func KeyFigures(r core.Report) Figures {
	var k Figures
	fixed := confirmed(r)
	var notes []string
	get := func(table, row, col string) *float64 {
		v := value(r.Tables[table], row, col)
		if f, ok := fixed[[3]string{table, row, col}]; ok {
			notes = append(notes, Cell(r.Format, table, row, col)+"：报告填 "+orDash(f.Actual)+"，按勾稽关系应为 "+f.Expected)
			x, _ := strconv.ParseFloat(strings.TrimSpace(f.Expected), 64)
			return &x
		}
		return v
	}
	k.New = get("applications", "new", "c_total")
	k.OpenShare = ratio(sum(get("applications", "disclosed", "c_total"), get("applications", "partial", "c_total")), get("applications", "results_total", "c_total"))
	k.Review = get("review", "review", "total")
	k.ReviewFix = ratio(get("review", "review", "corrected"), k.Review)
	k.Suit = sum(get("review", "suit_direct", "total"), get("review", "suit_after", "total"))
	k.SuitFix = ratio(sum(get("review", "suit_direct", "corrected"), get("review", "suit_after", "corrected")), k.Suit)
	seen := map[string]bool{}
	var uniq []string
	for _, n := range notes {
		if !seen[n] {
			seen[n] = true
			uniq = append(uniq, n)
		}
	}
	k.Fixed = strings.Join(uniq, "\n")
	return k
}

// confirmed maps a cell to the arithmetic finding (A rules, kind report)
// that shows it wrong and is the fix itself: not explained by another
// finding, on that very cell, with a number expected.
func confirmed(r core.Report) map[[3]string]core.Finding {
	out := map[[3]string]core.Finding{}
	for _, f := range r.Findings {
		if f.Reading() || f.ExplainedBy != nil || f.Rule == "" || f.Rule[0] != 'A' || f.Table == "" || f.Row == "" || f.Column == "" {
			continue
		}
		if _, err := strconv.ParseFloat(strings.TrimSpace(f.Expected), 64); err != nil {
			continue
		}
		out[[3]string{f.Table, f.Row, f.Column}] = f
	}
	return out
}

func value(t core.Table, row, col string) *float64 {
	c, ok := t.Cell(row, col)
	if !ok || c.Value == nil {
		return nil
	}
	v := *c.Value
	return &v
}

// sum is nil when either part is unknown: a blank is not 0.
func sum(a, b *float64) *float64 {
	if a == nil || b == nil {
		return nil
	}
	v := *a + *b
	return &v
}

func ratio(a, b *float64) *float64 {
	if a == nil || b == nil || *b == 0 {
		return nil
	}
	v := *a / *b
	return &v
}

// Row is one line of the summary: a report, or a file that could not be
// read (Unreadable holds the reason).
type Row struct {
	Source string
	Agency string // "" when not found
	Year   int    // 0 when not found
	Format string // "2021", "2019", "unknown"; "" for an unreadable file
	// FormatNote says what D01 found of the format the report follows,
	// beside the one that applies: "用了2019版表格", "早于统一格式"; "" when
	// the report follows the format that applies.
	FormatNote string
	Error      int
	Warning    int
	Info       int
	Reading    int // reading doubts (读取提示): the reviewer's to check, never in the verdict or a 整改清单
	Omitted    int
	Unreadable string
	// Other: the file was not checked because it is of another kind (an
	// old .doc, an image; a PDF in the page, which does not read PDF):
	// Unreadable says what it is and what to do. Its verdict is 未检查;
	// it has no 整改清单 (nothing of the report was checked).
	Other bool
	// NotReport: the file was read but is no annual report (a README, a
	// notice: core.Report.NotReport); listed as 无法识别, not as a unit
	// with errors.
	NotReport bool
	Top       []string // the first serious problems, short (at most MaxTop)
	Figures
	Copies []Copy // reports of other units in the batch that share this one's narrative (雷同)
}

// CopiedCell is the summary's 疑似雷同 cell: the other units and shares.
func (r Row) CopiedCell() string {
	var parts []string
	for i, c := range r.Copies {
		if i == MaxCopies {
			parts = append(parts, fmt.Sprintf("等 %d 份", len(r.Copies)))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.0f%%", c.Other(), c.Similarity*100))
	}
	return strings.Join(parts, "\n")
}

// MaxTop is how many problems a summary row names.
const MaxTop = 3

// topRunes clips each named problem: the summary is read at a glance, the
// whole message is in 问题清单.
const topRunes = 48

// SummaryRow makes the summary line of a checked report.
func SummaryRow(r core.Report) Row {
	// The counts are the report's own problems; its reading doubts are
	// counted apart and never make it fail.
	own, reading := core.Counts(r)
	row := Row{Source: r.Source, Format: r.Format, Error: own.Error, Warning: own.Warning, Info: own.Info, Reading: reading, Omitted: r.Omitted, Figures: KeyFigures(r)}
	if r.Agency != nil {
		row.Agency = *r.Agency
	}
	if r.Year != nil {
		row.Year = *r.Year
	}
	if r.NotReport {
		row.NotReport, row.Error, row.Warning, row.Info = true, 0, 0, 0
		for _, f := range r.Findings {
			row.Top = append(row.Top, Clip(f.Message, topRunes))
		}
		return row
	}
	row.FormatNote = formatNote(r)
	// Errors first, then warnings; a card's lead may be a cause (A04, a
	// note) whose card is an error because of what it explains.
	cards := core.ReportCards(Order(r))
	for _, c := range cards {
		if len(row.Top) == MaxTop || c.Severity == "info" {
			break
		}
		f := r.Findings[c.Lead]
		row.Top = append(row.Top, f.Rule+" "+Clip(f.Message, topRunes))
	}
	return row
}

// formatNote reads D01 (格式版本), so that the summary's 格式 says what
// D01 says: the format that applies, and the one the report's tables
// follow when they differ.
func formatNote(r core.Report) string {
	for _, f := range r.Findings {
		if f.Rule != "D01" || f.Reading() {
			continue
		}
		switch {
		case strings.Contains(f.Message, "早于统一格式"):
			return "早于统一格式"
		case strings.Contains(f.Message, "旧版格式") && f.Severity != "info":
			return "用了2019版表格"
		case strings.Contains(f.Message, "30号（2021）格式的表三"):
			return "表三用了2021版"
		}
	}
	return ""
}

// FormatCell is the summary's 格式: the format that applies, with what
// D01 found of the tables when they follow another ("2021版（用了2019版
// 表格）"), or "早于统一格式" for a report of 2018 or before.
func FormatCell(r Row) string {
	switch {
	case r.FormatNote == "早于统一格式":
		return r.FormatNote
	case r.FormatNote != "":
		return FormatName(r.Format) + "（" + r.FormatNote + "）"
	}
	return FormatName(r.Format)
}

// UnreadableRow is the summary line of a file that is not a report that
// can be checked (a scan without text, a .doc, a broken file).
func UnreadableRow(source, reason string) Row {
	return Row{Source: source, Unreadable: reason}
}

// OtherRow is the summary line of a file of another kind, not checked:
// what says what it is and what to do.
func OtherRow(source, what string) Row {
	return Row{Source: source, Unreadable: what, Other: true}
}

// Verdict is the row's verdict, as every summary says it
// (render.VerdictOf).
func (r Row) Verdict() string {
	return render.VerdictOf(r.Unreadable != "", r.Other, r.NotReport, r.Error)
}

// FormatName is the short name of a report's format.
func FormatName(f string) string {
	switch f {
	case "2021":
		return "2021版"
	case "2019":
		return "2019版"
	case "":
		return ""
	}
	return "未识别"
}

// Sort orders the summary as a reviewer works through it: files that
// could not be read first (nothing was checked: the unit must send them
// again), then the most errors, the most warnings, the most notes, then by
// unit and file name so the order is stable.
func Sort(rows []Row) {
	sort.SliceStable(rows, func(i, j int) bool { return Less(rows[i], rows[j]) })
}

// Less is the order of Sort.
func Less(a, b Row) bool {
	if (a.Unreadable != "") != (b.Unreadable != "") {
		return a.Unreadable != ""
	}
	if a.NotReport != b.NotReport {
		return a.NotReport
	}
	if a.Error != b.Error {
		return a.Error > b.Error
	}
	if a.Warning != b.Warning {
		return a.Warning > b.Warning
	}
	if a.Info != b.Info {
		return a.Info > b.Info
	}
	if a.Agency != b.Agency {
		return a.Agency < b.Agency
	}
	return a.Source < b.Source
}

// Order is the report's cards with errors first, then warnings, then
// notes, each in the order of the report: the order of a 整改清单; the
// reading doubts (读取提示, the reviewer's) after all of them.
func Order(r core.Report) []core.Card {
	cards := core.Cards(r)
	sort.SliceStable(cards, func(i, j int) bool {
		if cards[i].Reading != cards[j].Reading {
			return !cards[i].Reading
		}
		return core.SeverityRank(cards[i].Severity) > core.SeverityRank(cards[j].Severity)
	})
	return cards
}

// Titles maps a rule id to its Chinese name for people: the rule's Title,
// or its one-line Doc while a rule has no title.
func Titles() map[string]string {
	m := map[string]string{}
	for _, r := range core.Rules() {
		m[r.ID] = r.Title
		if r.Title == "" {
			m[r.ID] = r.Doc
		}
	}
	return m
}

// Place names where a finding is, in Chinese and in the unit's own terms:
// the place in the file it sent (Word 文档第 12 段, Word 文档表格 2 第 5 行
// 第 3 格, PDF 第 3 页, 网页源文件第 120 行) where the file has one, else the
// line of the text ("原文第 218 行", the text as pasted or sent); and the
// cell of the official table, e.g. "PDF 第 3 页；表三“（四）1.本机关不掌握
// 相关政府信息”行“总计”列".
func Place(r core.Report, f core.Finding) string {
	var parts []string
	if p := filePlace(r, f); p != "" {
		parts = append(parts, p)
	}
	if f.Table != "" {
		parts = append(parts, Cell(r.Format, f.Table, f.Row, f.Column))
	}
	if len(parts) == 0 {
		return "全文"
	}
	return strings.Join(parts, "；")
}

// FilePlace is the place of a finding in the file the unit sent, as the
// unit finds it: a Word paragraph or table cell, a PDF page, a web page's
// source line; the line of the text for a text file; "" when the finding
// has no place (a missing section).
func FilePlace(r core.Report, f core.Finding) string { return filePlace(r, f) }

func filePlace(r core.Report, f core.Finding) string {
	if w := render.WhereName(f.Where); w != "" {
		// Say which file's own places these are.
		if r.Input != nil && f.Where.Page == 0 {
			switch r.Input.Kind {
			case "docx":
				w = "Word 文档" + w
			case "html":
				w = "网页" + w
			}
		}
		return w
	}
	if f.Line > 0 {
		return "原文第 " + strconv.Itoa(f.Line) + " 行"
	}
	return ""
}

// Cell names a table, row or cell by the official labels:
// 表三“（二）部分公开”行“总计”列, 表四“行政复议”行“结果纠正”列.
func Cell(formatVersion, table, row, col string) string {
	s := format.TableName(table)
	if row == "" {
		return s
	}
	label, cols := rowLabel(formatVersion, table, row)
	s += "“" + label + "”行"
	if col == "" {
		return s
	}
	for _, c := range cols {
		if c.ID == col {
			return s + "“" + c.Label + "”列"
		}
	}
	return s + "“" + format.ColumnLabel(format.Version(formatVersion), table, col) + "”列"
}

// rowLabel is a row's official label, a sub-row prefixed with its group
// ("（四）1.本机关不掌握相关政府信息") and （二） without its long note, as
// the rules' messages name rows; and the row's columns.
func rowLabel(v, table, row string) (string, []format.Column) {
	switch table {
	case "applications":
		// The report's format first, then the other's: a 2019 row (（六）
		// 其他处理 undivided) in a 2021 report is named, never by its id.
		rows := append(append([]format.Row{}, format.T3Rows2021...), format.T3Rows2019...)
		if v == string(format.V2019) {
			rows = append(append([]format.Row{}, format.T3Rows2019...), format.T3Rows2021...)
		}
		for _, r := range append(rows, format.T3Groups...) {
			if r.ID == row {
				return r.Short(), format.T3Columns
			}
		}
	case "review":
		for _, r := range format.T4Rows {
			if r.ID == row {
				return r.Label, format.T4Columns
			}
		}
	case "active":
		rows := append(append([]format.T2Row{}, format.T2Rows2021...), format.T2Rows2019...)
		if v == string(format.V2019) {
			rows = append(append([]format.T2Row{}, format.T2Rows2019...), format.T2Rows2021...)
		}
		for _, r := range rows {
			if r.ID == row {
				return r.Label, r.Columns
			}
		}
	}
	return format.RowLabel(format.Version(v), table, row), nil
}

// Clip shortens s to n characters, marking the cut with "…".
func Clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// SheetNames gives each report a worksheet name for its 整改清单: unit and
// year ("区机关事务管理服务中心2024"), the file name when the unit is not
// known; at most 31 characters, none of []:*?/\ and no apostrophe at
// either end (Excel's rules), unique without regard to case, and none of
// reserved (the workbook's other sheets). Names are given in order.
func SheetNames(rows []Row, reserved ...string) []string {
	used := map[string]bool{"history": true} // Excel reserves "History"
	for _, r := range reserved {
		used[strings.ToLower(r)] = true
	}
	out := make([]string, len(rows))
	next := map[string]int{} // base and year → the next number to try
	for i, r := range rows {
		base := r.Agency
		if base == "" {
			base = stem(r.Source)
		}
		base = sheetSafe(base)
		year := ""
		if r.Year > 0 {
			year = strconv.Itoa(r.Year)
		}
		name := ""
		key := base + "\x00" + year
		n := max(next[key], 1)
		for ; ; n++ {
			suffix := year
			if n > 1 {
				suffix += "(" + strconv.Itoa(n) + ")"
			}
			// Excel counts UTF-16 units: a character of CJK Extension B
			// counts two.
			name = strings.Trim(cutUTF16(base, maxSheetName-utf16Len(suffix)), "' ") + suffix
			if name == "" {
				name = "报告"
			}
			if !used[strings.ToLower(name)] {
				break
			}
		}
		next[key] = n + 1
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

func stem(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.LastIndex(path, "."); i > 0 {
		path = path[:i]
	}
	return path
}

func sheetSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`[]:*?/\`, r):
			b.WriteRune('_')
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// ExplainedLine is a finding listed under the cause that explains it
// (由此导致): "A02 错误：表三…：总计应为…（原文第 218 行）".
func ExplainedLine(r core.Report, f core.Finding) string {
	return f.Rule + " " + core.SeverityName(f.Severity) + "：" + f.Message + placeOf(r, f)
}

// AlikeLine is a finding listed under a like one on another row (the same
// rule, table and fix): only its place, and the values when they differ
// from the lead's: "表三“（二）部分公开”行（原文第 55 行）".
func AlikeLine(r core.Report, lead, f core.Finding) string {
	s := Cell(r.Format, f.Table, f.Row, f.Column)
	if f.Row == "" {
		s = f.Message
	}
	if (f.Expected != lead.Expected || f.Actual != lead.Actual) && (f.Expected != "" || f.Actual != "") {
		s += "：应为 " + orDash(f.Expected) + "，现为 " + orDash(f.Actual)
	}
	return s + placeOf(r, f)
}

func placeOf(r core.Report, f core.Finding) string {
	if p := filePlace(r, f); p != "" {
		return "（" + p + "）"
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
