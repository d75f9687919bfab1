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

// SeverityNote says when a rule's findings may come out at another
// severity than its usual one ("有空白格…、无法核对：提示"); "" when they
// never do. The text is the rule's own (core/rules Rule.Levels, also in
// docs/rules.md and `nianbao rules`). 2019 reports, whose format was only
// encouraged, have their structure and table errors lowered to warnings
// (see RuleGroupNote).
func SeverityNote(r core.RuleInfo) string { return r.Levels }

// RuleGroupNote is said once above a group of rules in the ledger.
func RuleGroupNote(group string) string {
	switch group {
	case "S", "T":
		return "2019 年度报告（国办公开办函〔2019〕60号 试行）中，本组的错误降为警告。"
	}
	return ""
}
