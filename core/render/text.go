// Package render prints check results for people: plain text grouped by
// file, with ANSI colour when the output is a terminal.
package render

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

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
		sev := map[string]string{"error": paint("1;31", "错误"), "warning": paint("33", "警告"), "info": paint("36", "提示")}[f.Severity]
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
	fmt.Fprintf(w, "%s：错误 %d，警告 %d，提示 %d%s\n\n", verdict, r.Summary.Error, r.Summary.Warning, r.Summary.Info, omitted)
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

// Summary prints one line per report, the most errors first: what a
// reviewer of many subordinate units' reports reads first.
func Summary(w io.Writer, reports []core.Report) {
	order := make([]int, len(reports))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := reports[order[a]].Summary, reports[order[b]].Summary
		if ra.Error != rb.Error {
			return ra.Error > rb.Error
		}
		return ra.Warning > rb.Warning
	})
	e, wn, in, failed := 0, 0, 0, 0
	fmt.Fprintln(w, "汇总（按错误数排序）：")
	fmt.Fprintln(w, "  错误  警告  提示  结论    报告")
	for _, i := range order {
		r := reports[i]
		verdict := "通过"
		if r.Summary.Error > 0 {
			verdict = "未通过"
			failed++
		}
		e, wn, in = e+r.Summary.Error, wn+r.Summary.Warning, in+r.Summary.Info
		name := Safe(r.Source)
		if r.Agency != nil {
			name += "（" + Safe(*r.Agency) + "）"
		}
		fmt.Fprintf(w, "  %4d  %4d  %4d  %-6s  %s\n", r.Summary.Error, r.Summary.Warning, r.Summary.Info, verdict, name)
	}
	fmt.Fprintf(w, "共检查 %d 份报告：%d 份有错误；错误 %d，警告 %d，提示 %d\n", len(reports), failed, e, wn, in)
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
