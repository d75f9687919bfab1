package review

import (
	"fmt"

	"github.com/nianbao/nianbao/core"
)

// Item is one numbered entry of a unit's 整改清单: a problem in plain
// words, labelled lines (位置, 期望与实际, 修改, 依据…) and lists under it
// (由此导致, 另有 N 处, 相同段落). The workbook and the static page render
// the same items.
type Item struct {
	Severity string // "error", "warning", "info"
	Problem  string
	Lines    [][2]string // label, text
	Lists    []List
}

// List is a labelled list of lines under an item.
type List struct {
	Label string
	Lines []string
}

// Items is a unit's 整改清单: one item per card (a cause with what it
// explains, one problem on several rows), errors first; an unreadable file
// is one item; reading doubts (读取提示) are never an item; a report copied from another unit's (雷同) is a warning
// item after the errors, with the shared passages.
func Items(r core.Report, row Row) []Item {
	var list []Item
	if row.Other {
		// Not checked (a file of another kind, a PDF in the page):
		// nothing to ask of the unit; the summary says what it is.
		return nil
	}
	if row.Unreadable != "" {
		list = append(list, Item{Severity: "error", Problem: "报告文件无法读取：" + row.Unreadable,
			Lines: [][2]string{{"修改", "请重新提交可以读取的报告文件（.docx、.pdf 文字版、.html 或 .txt）"}, {"依据", "《中华人民共和国政府信息公开条例》第五十条"}}})
	}
	// Reading doubts are the reviewer's to check, never the unit's to fix.
	for _, c := range core.ReportCards(Order(r)) {
		fd := r.Findings[c.Lead]
		it := Item{Severity: c.Severity, Problem: fd.Message}
		it.Lines = append(it.Lines, [2]string{"位置", Place(r, fd)})
		if fd.Expected != "" || fd.Actual != "" {
			it.Lines = append(it.Lines, [2]string{"期望与实际", "应为：" + dash(fd.Expected) + "；现为：" + dash(fd.Actual)})
		}
		if fd.Fix != "" {
			it.Lines = append(it.Lines, [2]string{"修改", fd.Fix})
		}
		it.Lines = append(it.Lines, [2]string{"依据", fd.Basis})
		if len(c.Explained) > 0 {
			l := List{Label: "由此导致"}
			for _, i := range c.Explained {
				l.Lines = append(l.Lines, ExplainedLine(r, r.Findings[i]))
			}
			it.Lists = append(it.Lists, l)
		}
		if len(c.Alike) > 0 {
			l := List{Label: fmt.Sprintf("另有 %d 处", len(c.Alike))}
			for _, i := range c.Alike {
				l.Lines = append(l.Lines, AlikeLine(r, fd, r.Findings[i]))
			}
			it.Lists = append(it.Lists, l)
		}
		list = append(list, it)
	}
	var copied []Item
	for i, c := range row.Copies {
		if i == MaxCopies {
			copied = append(copied, Item{Severity: "warning", Problem: fmt.Sprintf("另有 %d 份其他单位的报告与本报告雷同，见汇总的“疑似雷同”表", len(row.Copies)-MaxCopies),
				Lines: [][2]string{{"依据", CopyBasis}}})
			break
		}
		it := Item{Severity: "warning", Problem: c.Summary()}
		it.Lines = append(it.Lines, [2]string{"对方报告", c.OtherSource},
			[2]string{"修改", "根据本单位当年的实际工作撰写正文，不照搬其他单位的报告；确属共同开展的工作，写明本单位承担的部分"},
			[2]string{"依据", CopyBasis})
		if len(c.Passages) > 0 {
			l := List{Label: "相同段落"}
			for _, p := range c.Passages {
				l.Lines = append(l.Lines, p.PassageLine())
			}
			it.Lists = append(it.Lists, l)
		}
		copied = append(copied, it)
	}
	at := 0
	for at < len(list) && list[at].Severity == "error" {
		at++
	}
	return append(list[:at], append(copied, list[at:]...)...)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
