// Package render prints check results for people: plain text grouped by
// file, with ANSI colour when the output is a terminal.
package render

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/format"
)

// Text writes one report as text. Each finding is one line
// "file:line:col: A02 错误 message", then indented lines for 期望/实际,
// basis and fix.
func Text(w io.Writer, r core.Report, color bool) {
	paint := func(code, s string) string {
		if !color {
			return s
		}
		return "\x1b[" + code + "m" + s + "\x1b[0m"
	}
	head := SafeName(r.Source)
	meta := []string{}
	if r.Agency != nil {
		meta = append(meta, Safe(*r.Agency))
	}
	if r.Year != nil {
		meta = append(meta, fmt.Sprintf("%d年度", *r.Year))
	}
	meta = append(meta, "格式 "+formatName(r.Format))
	if in := InputName(r.Input); in != "" {
		meta = append(meta, in)
	}
	fmt.Fprintf(w, "%s  (%s)\n", paint("1", head), strings.Join(meta, "，"))
	line := func(f core.Finding, severity string) string {
		pos := head
		if f.Line > 0 {
			pos = fmt.Sprintf("%s:%d:%d", head, f.Line, f.Col)
		}
		sev := paint(map[string]string{"error": "1;31", "warning": "33", "info": "36"}[severity], core.SeverityName(severity))
		place := ""
		if p := WhereName(f.Where); p != "" {
			place = "（" + p + "）"
		}
		return fmt.Sprintf("%s: %s %s %s%s", pos, paint("1", f.Rule), sev, Safe(f.Message), place)
	}
	// One card, one cause: the findings a cause explains and the same
	// problem on other rows are printed under their lead, each still on a
	// "file:line:col:" line of its own, with one 修改 for all. The
	// report's problems first; the reading's doubts after them, apart
	// (读取提示): the person checking must look, not the unit.
	cards := core.Cards(r)
	printCard := func(c core.Card) {
		f := r.Findings[c.Lead]
		// A card is as serious as the most serious of what it holds: a
		// cause (A04, itself a note) of errors is an error.
		fmt.Fprintln(w, line(f, c.Severity))
		if f.Expected != "" || f.Actual != "" {
			fmt.Fprintf(w, "    期望：%s    实际：%s\n", orDash(Safe(f.Expected)), orDash(Safe(f.Actual)))
		}
		if len(c.Explained) > 0 {
			fmt.Fprintln(w, "    由此导致：")
			for _, i := range c.Explained {
				fmt.Fprintf(w, "      %s\n", line(r.Findings[i], r.Findings[i].Severity))
			}
		}
		if len(c.Alike) > 0 {
			fmt.Fprintf(w, "    同样的问题还有 %d 处：\n", len(c.Alike))
			for _, i := range c.Alike {
				fmt.Fprintf(w, "      %s\n", line(r.Findings[i], r.Findings[i].Severity))
			}
		}
		if c.Reading {
			fmt.Fprintf(w, "    核对：%s\n", core.ReadingAdvice(r, f))
			return
		}
		if f.Fix != "" {
			fmt.Fprintf(w, "    修改：%s\n", Safe(f.Fix))
		}
		fmt.Fprintf(w, "    依据：%s\n", Safe(f.Basis))
	}
	for _, c := range core.ReportCards(cards) {
		printCard(c)
	}
	if rc := core.ReadingCards(cards); len(rc) > 0 {
		fmt.Fprintf(w, "%s（%d 处；检查器未能确定读对的地方，不是报告的问题，不计入结论，请检查的人核对原件）：\n", paint("1", "读取提示"), len(rc))
		for _, c := range rc {
			printCard(c)
		}
	}
	verdict := paint("1;32", "通过")
	if r.Summary.Error > 0 {
		verdict = paint("1;31", "未通过")
	}
	omitted := ""
	if r.Omitted > 0 {
		omitted = fmt.Sprintf("（另有 %d 处同类问题未逐一列出）", r.Omitted)
	}
	fmt.Fprintf(w, "%s：%s%s\n\n", verdict, Counts(r), omitted)
}

var sevNames = [...]string{"错误", "警告", "提示"}

// Counts says how many problems of each severity a report lists (cards,
// as they are listed: a cause with the errors it explains is one), its
// reading doubts apart ("读取提示 2"; never in the verdict), and, when a
// minimum severity left some out, how many and which: "错误 3（只显示错误；
// 另有警告 2、提示 4 未显示）", never "警告 0" for a report that has two.
func Counts(r core.Report) string {
	own, reading := core.Counts(r)
	return countsLine(own, reading, r.MinSeverity, r.Hidden)
}

func countsLine(own core.Summary, reading int, minSeverity string, hidden *core.Summary) string {
	shown := [3]int{own.Error, own.Warning, own.Info}
	min := 2 // index in sevNames of the lowest severity listed
	switch minSeverity {
	case "error":
		min = 0
	case "warning":
		min = 1
	}
	var parts, causes []string
	for i, n := range shown {
		// A severity below the minimum appears only when a cause of a
		// listed finding was kept (A04 under its errors).
		if i <= min || n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", sevNames[i], n))
		}
		if i > min && n > 0 {
			causes = append(causes, sevNames[i])
		}
	}
	out := strings.Join(parts, "，")
	if reading > 0 {
		out += fmt.Sprintf("；读取提示 %d", reading)
	}
	if min == 2 {
		return out
	}
	only := "只显示错误"
	if min == 1 {
		only = "只显示错误和警告"
	}
	if len(causes) > 0 {
		only += "及说明其原因的" + strings.Join(causes, "、")
	}
	var left []string
	if h := hidden; h != nil {
		for i, n := range [3]int{h.Error, h.Warning, h.Info} {
			if n > 0 {
				left = append(left, fmt.Sprintf("%s %d", sevNames[i], n))
			}
		}
	}
	if len(left) == 0 {
		return out + "（" + only + "；没有其他问题）"
	}
	return out + "（" + only + "；另有" + strings.Join(left, "、") + " 未显示）"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func formatName(f string) string {
	switch f {
	case "2021":
		return "国办公开办函〔2021〕30号"
	case "2019":
		return "国办公开办函〔2019〕60号"
	}
	return "未知"
}

// TableName is the Chinese name of a table id ("applications" → "表三").
func TableName(id string) string { return format.TableName(id) }

// Line is one file of the summary table: a report's counts (core.Counts,
// with what a minimum severity left out), or a file that was not checked
// and why. Only counts are kept: a batch of hundreds is never held.
type Line struct {
	Source      string
	Agency      string
	Counts      core.Summary // the report's own problems, as listed
	Reading     int          // reading doubts (读取提示)
	MinSeverity string
	Hidden      *core.Summary
	// NotChecked says why the file was not checked: it could not be read
	// (Unreadable) or is not a kind of file that is checked.
	NotChecked string
	Unreadable bool
	// NotReport: read, but no annual report (core.Report.NotReport).
	NotReport bool
}

// LineOf is the summary line of a checked report.
func LineOf(r core.Report) Line {
	own, reading := core.Counts(r)
	l := Line{Source: r.Source, Counts: own, Reading: reading, MinSeverity: r.MinSeverity, Hidden: r.Hidden, NotReport: r.NotReport}
	if r.Agency != nil {
		l.Agency = *r.Agency
	}
	return l
}

// all counts every problem of a report, listed or left out by a minimum
// severity.
func (l Line) all() core.Summary {
	s := l.Counts
	if h := l.Hidden; h != nil {
		s.Error, s.Warning, s.Info = s.Error+h.Error, s.Warning+h.Warning, s.Info+h.Info
	}
	return s
}

// Verdict: see VerdictOf.
func (l Line) Verdict() string {
	return VerdictOf(l.Unreadable, l.NotChecked != "" && !l.Unreadable, l.NotReport, l.all().Error)
}

// VerdictOf is the one verdict of a file in every summary (the check
// summary, review's rows): 未检查 (a file of another kind), 无法读取,
// 无法识别 (read, but no report), 未通过 (an error of the report; reading
// doubts never count) or 通过.
func VerdictOf(unreadable, otherKind, notReport bool, errors int) string {
	switch {
	case otherKind:
		return "未检查"
	case unreadable:
		return "无法读取"
	case notReport:
		return "无法识别"
	case errors > 0:
		return "未通过"
	}
	return "通过"
}

// Summary prints one line per file given, the most errors first: what a
// reviewer of many subordinate units' reports reads first. Files that
// could not be read or were not checked come first, with the reason: none
// is left out silently. It counts every problem, those a minimum severity
// left out too, and says so; reading doubts in a column of their own.
// Columns are aligned by the width the text takes on a terminal (a
// Chinese character takes two columns), not by bytes or characters.
func Summary(w io.Writer, lines []Line) {
	order := make([]int, len(lines))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		la, lb := lines[order[a]], lines[order[b]]
		if (la.NotChecked != "") != (lb.NotChecked != "") {
			return la.NotChecked != ""
		}
		ra, rb := la.all(), lb.all()
		if ra.Error != rb.Error {
			return ra.Error > rb.Error
		}
		return ra.Warning > rb.Warning
	})
	rows := [][]string{{"错误", "警告", "提示", "读取提示", "结论", "报告"}}
	e, wn, in, rd, failed, checked, unread, other, unknown := 0, 0, 0, 0, 0, 0, 0, 0, 0
	filtered := ""
	for _, i := range order {
		l := lines[i]
		name := SafeName(l.Source)
		if l.Agency != "" {
			name += "（" + Safe(l.Agency) + "）"
		}
		if l.NotChecked != "" {
			if l.Unreadable {
				unread++
			} else {
				other++
			}
			rows = append(rows, []string{"", "", "", "", l.Verdict(), name + "：" + Safe(l.NotChecked)})
			continue
		}
		if l.NotReport {
			// Read, but no report (a README, a notice): not a unit with
			// an error.
			unknown++
			rows = append(rows, []string{"", "", "", "", l.Verdict(), name})
			continue
		}
		checked++
		s := l.all()
		if s.Error > 0 {
			failed++
		}
		if l.MinSeverity != "" {
			filtered = l.MinSeverity
		}
		e, wn, in, rd = e+s.Error, wn+s.Warning, in+s.Info, rd+l.Reading
		rows = append(rows, []string{strconv.Itoa(s.Error), strconv.Itoa(s.Warning), strconv.Itoa(s.Info), strconv.Itoa(l.Reading), l.Verdict(), name})
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for c, cell := range row {
			widths[c] = max(widths[c], Width(cell))
		}
	}
	fmt.Fprintln(w, "汇总（按错误数排序）：")
	for _, row := range rows {
		var b strings.Builder
		for c, cell := range row {
			gap := strings.Repeat(" ", widths[c]-Width(cell))
			switch {
			case c < 4: // counts, right-aligned
				b.WriteString("  " + gap + cell)
			case c == len(row)-1: // the name, last: no padding after it
				b.WriteString("  " + cell)
			default:
				b.WriteString("  " + cell + gap)
			}
		}
		fmt.Fprintln(w, b.String())
	}
	fmt.Fprintf(w, "共检查 %d 份报告：%d 份有错误；错误 %d，警告 %d，提示 %d；读取提示 %d\n", checked, failed, e, wn, in, rd)
	var rest []string
	if unread > 0 {
		rest = append(rest, fmt.Sprintf("%d 个文件无法读取", unread))
	}
	if unknown > 0 {
		rest = append(rest, fmt.Sprintf("%d 份不像年度报告（无法识别）", unknown))
	}
	if other > 0 {
		rest = append(rest, fmt.Sprintf("%d 个其他类型的文件未检查", other))
	}
	if len(rest) > 0 {
		fmt.Fprintf(w, "另有%s（见上表）\n", strings.Join(rest, "、"))
	}
	switch filtered {
	case "error":
		fmt.Fprintln(w, "（表中计入全部问题；上面只逐条显示了错误）")
	case "warning":
		fmt.Fprintln(w, "（表中计入全部问题；上面只逐条显示了错误和警告）")
	}
}

// Pad fills s with spaces to n terminal columns (Width).
func Pad(s string, n int) string {
	if w := Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// Width is the number of terminal columns s takes: two for a wide or
// full-width character (汉字, full-width punctuation such as “（”), none
// for a combining mark, one for the rest.
func Width(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || r == '\u200b':
			// combining marks and zero-width space take no column
		case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// InputName says what a report was read from when it was not plain UTF-8
// text: "读自 Word 文档", "读自网页（GB18030 编码）", "GB18030 编码".
// Line and column numbers then refer to the text as read (nianbao text).
func InputName(in *core.Input) string {
	if in == nil {
		return ""
	}
	enc := ""
	if in.Encoding != "" && in.Encoding != "utf-8" {
		enc = strings.ToUpper(in.Encoding) + " 编码"
	}
	switch in.Kind {
	case "docx":
		return "读自 Word 文档"
	case "pdf":
		return "读自 PDF"
	case "html":
		if enc != "" {
			return "读自网页（" + enc + "）"
		}
		return "读自网页"
	}
	return enc
}

// WhereName names a place in the original file: "Word 第 12 段",
// "Word 表 2 第 5 行第 3 格", "网页源文件第 120 行", "PDF 第 3 页".
func WhereName(p *core.Where) string {
	if p == nil {
		return ""
	}
	var parts []string
	switch {
	case p.Page > 0:
		parts = append(parts, fmt.Sprintf("PDF 第 %d 页", p.Page))
	case p.Table > 0 && p.Cell > 0:
		parts = append(parts, fmt.Sprintf("表格 %d 第 %d 行第 %d 格", p.Table, p.Row, p.Cell))
	case p.Table > 0:
		parts = append(parts, fmt.Sprintf("表格 %d 第 %d 行", p.Table, p.Row))
	case p.Paragraph > 0 && p.SourceLine == 0:
		parts = append(parts, fmt.Sprintf("第 %d 段", p.Paragraph))
	}
	if p.SourceLine > 0 {
		parts = append(parts, fmt.Sprintf("源文件第 %d 行", p.SourceLine))
	}
	return strings.Join(parts, "，")
}

// Safe shows report text on a terminal as text: control characters (C0
// but tab and newline, DEL, C1) and the bidirectional overrides are
// written as escapes (\x1b, \u202e), so that a label in a report cannot
// set the terminal's title, write to its clipboard (OSC 52) or reorder
// what is shown.
func Safe(s string) string { return escape(s, false) }

// SafeName is Safe for what must stay on one line: a file name, a
// message. Newlines and tabs are escaped too, so that a file named
// "a\nb.txt: A01 错误 …" cannot forge a finding line.
func SafeName(s string) string { return escape(s, true) }

func escape(s string, oneLine bool) string {
	bad := func(r rune) bool { return unsafeRune(r) || oneLine && (r == '\n' || r == '\t') }
	clean := true
	for _, r := range s {
		if bad(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !bad(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f || r == 0x061c:
		return true
	}
	return false
}

// CSVCell makes a cell safe to open in Excel or WPS: text beginning with
// =, +, -, @, tab or carriage return would be taken as a formula (CSV
// injection), so it gets a leading apostrophe, as OWASP recommends; a
// plain number ("-1", "+3.5") stays a number.
func CSVCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}
