package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

var S13 = &Rule{
	ID: "S13", Name: "not-a-report", Title: "不像年度报告", Severity: Error,
	Doc:   "文件应是政府信息公开工作年度报告：有报告标题、规定的部分或统计表；都没有的文件（说明、通知、预算表）只报这一条，不再逐条检查",
	Basis: format.BasisArt50,
	Run:   runS13,
}

// NotReportMessage is S13's message, which batch tools also show.
const NotReportMessage = "这不像政府信息公开工作年度报告（没有标题、六个部分和统计表）"

// runS13 reports a text that is no report (Run calls it alone then).
func runS13(p *Pass) {
	if !p.Facts.NotReport {
		return
	}
	p.Report(Finding{Span: source.NoSpan, Message: NotReportMessage,
		Fix: "核对是否放错了文件。年度报告应有标题“＜机关名称＞＜年度＞政府信息公开工作年度报告”、六个部分（一、总体情况 … 六、其他需要报告的事项）和表二、表三、表四"})
}

// LooksLikeReport tells an annual report, however damaged, from a file
// that is none (a README, a meeting notice, a budget). A report keeps at
// least one of its marks when it loses others — a copy without its
// tables keeps its title and parts, a one-line copy its tables, a report
// without its title its parts and tables — so any one of them is enough:
//
//   - statistics tables (表二, 表三, 表四) found by their own anchors, with
//     numbers read on three rows at least (a README that explains 表三
//     names its anchors, with a row or two of example);
//   - a report title: "…政府信息公开…报告" that is not a notice about one
//     ("关于报送…年度报告的通知");
//   - two of the six parts with some text under them, or three parts, or
//     one part in a text that calls itself a report on 政府信息公开 (a
//     copy cut short, without its title and tables).
//
// A notice about the reports ("关于…年度报告…的通知") is none, even when it
// lists the six parts; a notice that names a part or two ("一、总体情况")
// and has no report title and no table is none.
func LooksLikeReport(d *parse.Doc) bool {
	switch {
	case tableRows(d) >= 3:
		return true
	case noticeTitle(d.Title):
		return false // a notice about the reports, even one that lists the six parts
	case reportTitle(d.Title):
		return true
	}
	parts, text := map[int]bool{}, 0
	named := false // the opening text calls itself a report on 政府信息公开
	for _, p := range d.Parts {
		if p.Section != 0 {
			parts[p.Section] = true
			text += utf8.RuneCountInString(p.Prose.Text)
		}
		if p.Heading < 0 || p.Section == 1 {
			t := p.Prose.Text[:min(len(p.Prose.Text), 1200)]
			named = named || selfNamed(t)
		}
	}
	return len(parts) >= 3 || (len(parts) >= 2 && text >= 40) || (len(parts) >= 1 && named)
}

// noticeTitle: the title is that of a notice or a letter about reports
// ("关于做好2024年度政府信息公开工作年度报告编制工作的通知").
func noticeTitle(t string) bool {
	return t != "" && (strings.HasPrefix(t, "关于") || strings.HasSuffix(t, "通知") || strings.HasSuffix(t, "的函"))
}

// reportTitle: the title found (parse: "…政府信息公开…报告") names a
// report, not a notice or a letter about one.
func reportTitle(t string) bool {
	if t == "" || strings.HasPrefix(t, "关于") {
		return false
	}
	rest := t[strings.LastIndex(t, "报告")+len("报告"):]
	for _, w := range []string{"通知", "函", "的", "意见", "方案", "要求"} {
		if strings.Contains(rest, w) {
			return false
		}
	}
	return true
}

// tableRows counts the rows of the report's tables with a number read.
func tableRows(d *parse.Doc) int {
	n := 0
	for _, t := range []*parse.Table{d.T2, d.T3, d.T4} {
		if t == nil {
			continue
		}
		for r := range t.NumRows() {
			for _, c := range t.CellsAt(r) {
				if c != nil && c.Known() {
					n++
					break
				}
			}
		}
	}
	return n
}

// selfNamed: an opening text that speaks of itself as the report ("本报告
// 由…编制", "报告全文包括…", "本年度报告中所列数据的统计期限…"), as a
// README or a notice about reports does not.
func selfNamed(t string) bool {
	for _, k := range []string{"本报告", "本年度报告", "报告全文"} {
		if strings.Contains(t, k) {
			return true
		}
	}
	return strings.Contains(t, "报告") && (strings.Contains(t, "统计期限") || strings.Contains(t, "统计周期") || strings.Contains(t, "统计时限"))
}
