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
	head := Safe(r.Source)
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
	line := func(f core.Finding) string {
		pos := head
		if f.Line > 0 {
			pos = fmt.Sprintf("%s:%d:%d", head, f.Line, f.Col)
		}
		sev := paint(map[string]string{"error": "1;31", "warning": "33", "info": "36"}[f.Severity], core.SeverityName(f.Severity))
		place := ""
		if p := WhereName(f.Where); p != "" {
			place = "（" + p + "）"
		}
		return fmt.Sprintf("%s: %s %s %s%s", pos, paint("1", f.Rule), sev, Safe(f.Message), place)
	}
	// One card, one cause: the findings a cause explains and the same
	// problem on other rows are printed under their lead, each still on a
	// "file:line:col:" line of its own, with one 修改 for all.
	for _, c := range core.Cards(r) {
		f := r.Findings[c.Lead]
		fmt.Fprintln(w, line(f))
		if f.Expected != "" || f.Actual != "" {
			fmt.Fprintf(w, "    期望：%s    实际：%s\n", orDash(Safe(f.Expected)), orDash(Safe(f.Actual)))
		}
		if len(c.Explained) > 0 {
			fmt.Fprintln(w, "    由此导致：")
			for _, i := range c.Explained {
				fmt.Fprintf(w, "      %s\n", line(r.Findings[i]))
			}
		}
		if len(c.Alike) > 0 {
			fmt.Fprintf(w, "    同样的问题还有 %d 处：\n", len(c.Alike))
			for _, i := range c.Alike {
				fmt.Fprintf(w, "      %s\n", line(r.Findings[i]))
			}
		}
		if f.Fix != "" {
			fmt.Fprintf(w, "    修改：%s\n", Safe(f.Fix))
		}
		fmt.Fprintf(w, "    依据：%s\n", Safe(f.Basis))
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

// Counts says how many findings of each severity a report lists, and, when
// a minimum severity left some out, how many and which: "错误 3（只显示错误；
// 另有警告 2、提示 4 未显示）", never "警告 0" for a report that has two.
func Counts(r core.Report) string {
	shown := [3]int{r.Summary.Error, r.Summary.Warning, r.Summary.Info}
	min := 2 // index in sevNames of the lowest severity listed
	switch r.MinSeverity {
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
	var hidden []string
	if h := r.Hidden; h != nil {
		for i, n := range [3]int{h.Error, h.Warning, h.Info} {
			if n > 0 {
				hidden = append(hidden, fmt.Sprintf("%s %d", sevNames[i], n))
			}
		}
	}
	if len(hidden) == 0 {
		return out + "（" + only + "；没有其他问题）"
	}
	return out + "（" + only + "；另有" + strings.Join(hidden, "、") + " 未显示）"
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

// all counts every finding of a report, listed or left out by a minimum
// severity.
func all(r core.Report) core.Summary {
	s := r.Summary
	if h := r.Hidden; h != nil {
		s.Error, s.Warning, s.Info = s.Error+h.Error, s.Warning+h.Warning, s.Info+h.Info
	}
	return s
}

// Summary prints one line per report, the most errors first: what a
// reviewer of many subordinate units' reports reads first. It counts
// every finding, those a minimum severity left out too, and says so.
// Columns are aligned by the width the text takes on a terminal (a
// Chinese character takes two columns), not by bytes or characters.
func Summary(w io.Writer, reports []core.Report) {
	order := make([]int, len(reports))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := all(reports[order[a]]), all(reports[order[b]])
		if ra.Error != rb.Error {
			return ra.Error > rb.Error
		}
		return ra.Warning > rb.Warning
	})
	rows := [][]string{{"错误", "警告", "提示", "结论", "报告"}}
	e, wn, in, failed, unknown := 0, 0, 0, 0, 0
	filtered := ""
	for _, i := range order {
		r := reports[i]
		s := all(r)
		verdict := "通过"
		switch {
		case r.NotReport:
			// Read, but no report (a README, a notice): not a unit
			// with an error.
			verdict, unknown = "无法识别", unknown+1
			s = core.Summary{}
		case s.Error > 0:
			verdict = "未通过"
			failed++
		}
		if r.MinSeverity != "" {
			filtered = r.MinSeverity
		}
		e, wn, in = e+s.Error, wn+s.Warning, in+s.Info
		name := Safe(r.Source)
		if r.Agency != nil {
			name += "（" + Safe(*r.Agency) + "）"
		}
		rows = append(rows, []string{strconv.Itoa(s.Error), strconv.Itoa(s.Warning), strconv.Itoa(s.Info), verdict, name})
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
			case c < 3: // counts, right-aligned
				b.WriteString("  " + gap + cell)
			case c == len(row)-1: // the name, last: no padding after it
				b.WriteString("  " + cell)
			default:
				b.WriteString("  " + cell + gap)
			}
		}
		fmt.Fprintln(w, b.String())
	}
	notReports := ""
	if unknown > 0 {
		notReports = fmt.Sprintf("（另有 %d 份不像年度报告，列为无法识别）", unknown)
	}
	fmt.Fprintf(w, "共检查 %d 份报告：%d 份有错误；错误 %d，警告 %d，提示 %d%s\n", len(reports)-unknown, failed, e, wn, in, notReports)
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
func Safe(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
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
		case !unsafeRune(r):
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
