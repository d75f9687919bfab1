package review

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core"
)

// ClerkText is a report's problems as sentences a clerk pastes into an OA
// message or a WeChat chat to the unit: a heading with the verdict and
// the counts, then the 整改清单's items numbered, each one paragraph
// (问题、位置、应为与现为、修改、依据), then, apart and for whoever checks,
// the reading doubts with what to look at. No file paths, line:column
// pairs or rule ids to decode: places are said in words.
func ClerkText(r core.Report) string {
	row := SummaryRow(r)
	var b strings.Builder
	who := "本报告"
	if row.Agency != "" {
		who = row.Agency
		if row.Year > 0 {
			who += strconv.Itoa(row.Year) + "年度"
		}
		who += "政府信息公开工作年度报告"
	} else if row.Year > 0 {
		who = strconv.Itoa(row.Year) + "年度报告"
	}
	counts := fmt.Sprintf("错误 %d 处，警告 %d 处，提示 %d 处", row.Error, row.Warning, row.Info)
	verdict := "通过"
	if row.Error > 0 {
		verdict = "未通过"
	}
	fmt.Fprintf(&b, "%s检查结果：%s（%s）。\n", who, verdict, counts)
	items := Items(r, row)
	if len(items) == 0 {
		b.WriteString("未发现需要整改的问题。\n")
	} else {
		b.WriteString("请逐项核实整改：“错误”必须改正，“警告”请核实后改正或说明，“提示”供参考。\n")
	}
	for n, it := range items {
		fmt.Fprintf(&b, "\n%d.【%s】%s", n+1, core.SeverityName(it.Severity), sentence(it.Problem))
		for _, l := range it.Lines {
			fmt.Fprintf(&b, "%s：%s", l[0], sentence(l[1]))
		}
		for _, l := range it.Lists {
			b.WriteString(l.Label + "：")
			for k, t := range l.Lines {
				if k > 0 {
					b.WriteString("；")
				}
				// "A02 错误：…" → "…": the clerk's reader needs no rule ids.
				b.WriteString(strings.TrimRight(trimRuleHead(t), "。；"))
			}
			b.WriteString("。")
		}
		b.WriteString("\n")
	}
	if row.Omitted > 0 {
		fmt.Fprintf(&b, "\n另有 %d 处同类问题未逐一列出。\n", row.Omitted)
	}
	cards := core.ReadingCards(Order(r))
	if len(cards) > 0 {
		fmt.Fprintf(&b, "\n读取提示 %d 处（检查器未能确定读对的地方，不是报告的问题，不计入结论；请检查的人核对原件，不必转给报告单位）：\n", len(cards))
		for n, c := range cards {
			f := r.Findings[c.Lead]
			fmt.Fprintf(&b, "%d. %s位置：%s。核对：%s。\n", n+1, sentence(f.Message), Place(r, f), core.ReadingAdvice(r, f))
		}
	}
	return b.String()
}

// trimRuleHead drops a leading "A02 错误：" (a capital, two digits, a
// space, the severity and a full-width colon). By hand rather than by
// regexp, which nothing else in the page needs (100 KB of its wasm).
func trimRuleHead(t string) string {
	if len(t) < 4 || t[0] < 'A' || t[0] > 'Z' || t[1] < '0' || t[1] > '9' || t[2] < '0' || t[2] > '9' || t[3] != ' ' {
		return t
	}
	for _, sev := range [...]string{"错误：", "警告：", "提示："} {
		if strings.HasPrefix(t[4:], sev) {
			return t[4+len(sev):]
		}
	}
	return t
}

// sentence ends s with a full stop unless it ends with punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("。！？；：…”）)", last) {
		if last == '”' || last == '）' || last == ')' {
			return s + "。"
		}
		return s
	}
	return s + "。"
}
