package page

import (
	"strings"

	"github.com/nianbao/nianbao/core"
)

// RuleTitle is the Chinese name of a rule for people: its Title, or while
// a rule has none, the first clause of what it checks.
func RuleTitle(r core.RuleInfo) string {
	if r.Title != "" {
		return r.Title
	}
	doc := r.Doc
	if i := strings.IndexAny(doc, "，；："); i > 0 {
		doc = doc[:i]
	}
	if rs := []rune(doc); len(rs) > 16 {
		doc = string(rs[:15]) + "…"
	}
	return doc
}

// Titles maps rule ids to RuleTitle, for the finding cards.
func Titles() map[string]string {
	m := map[string]string{}
	for _, r := range core.Rules() {
		m[r.ID] = RuleTitle(r)
	}
	return m
}

// severityNotes say when a rule's findings come out at another severity
// than the ledger's: the cases where core/rules reports with ReportAs, so
// that a clerk who sees an 错误 rule give a 提示 knows why. Keep them in
// step with core/rules (TestSeverityNotes checks the ids and that each
// note differs from the rule's usual severity).
var severityNotes = map[string]string{
	"A01": "有空白格或未读到的行、无法核对时为提示",
	"A02": "有空白格或未读到的行、无法核对时为提示",
	"A03": "有空白格或未读到的行、无法核对时为提示",
	"A05": "有空白格或未读到的行、无法核对时为提示",
	"A06": "有空白格或未读到的行、无法核对时为提示",
	"A07": "有空白格或未读到的行、无法核对时为提示",
	"A08": "有空白格或未读到的行、无法核对时为提示",
	"D01": "报告早于统一格式、2019–2020 年度用了 30号表格、或无法确定年度时为提示",
	"D03": "只是未写明统计期限时为提示",
	"D05": "无法判断适用的公布期限时为提示",
	"S03": "标题只是写法与规定不同时为警告或提示",
	"S07": "标题中只是没有机关名称时为提示",
	"S12": "一、五、六部分没有内容时为警告",
	"T02": "表格无法可靠读取（行列错位、数字连在一起）或有多余数字时为警告或提示",
	"T03": "表格无法可靠读取（行列错位、数字连在一起）或有多余数字时为警告或提示",
	"T04": "表格无法可靠读取（行列错位、数字连在一起）或有多余数字时为警告或提示",
	"T07": "小数位过多时为警告",
	"X01": "只有上年结转、无本年新收时为警告",
	"X08": "分项之和小于总数（“其中”可能未列全）时为提示",
	"X11": "第六部分称未发出收费通知（或为0）时为错误",
}

// SeverityNote says when a rule's findings may come out at another
// severity than its usual one; "" when they never do. 2019 reports, whose
// format was only encouraged, have their structure and table errors
// lowered to warnings (see RuleGroupNote).
func SeverityNote(id string) string { return severityNotes[id] }

// RuleGroupNote is said once above a group of rules in the ledger.
func RuleGroupNote(group string) string {
	switch group {
	case "S", "T":
		return "2019 年度报告（国办公开办函〔2019〕60号 试行）中，本组的错误降为警告。"
	}
	return ""
}
