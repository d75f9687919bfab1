package rules_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/rules"
)

var update = flag.Bool("update", false, "rewrite README.md (the rule ledger) from the rule values")

// ledger renders the rule ledger from the rule values, so the text exists
// once (in the rules) and README.md cannot drift from it.
func ledger() string {
	var b strings.Builder
	b.WriteString("# 规则清单 (rule ledger)\n\n")
	b.WriteString("由 `go test ./core/rules -run Ledger -update` 从规则定义生成，请勿手改。Generated from the rule values; do not edit.\n\n")
	b.WriteString("规则号永不复用。Rule ids are never reused. C 组规则需要本单位上一年度的报告（`nianbao check --prev`，或同一目录中相邻两年的报告自动配对）。\n\n")
	groups := map[byte]string{'D': "D 格式版本与日期", 'S': "S 结构", 'T': "T 表格完整性与取值", 'A': "A 勾稽关系", 'X': "X 正文与表格一致", 'C': "C 跨年度（需上年报告）", 'P': "P 合理性提示"}
	sev := map[rules.Severity]string{rules.Error: "错误", rules.Warning: "警告", rules.Info: "提示"}
	var last byte
	for _, r := range rules.All {
		if r.ID[0] != last {
			last = r.ID[0]
			b.WriteString("\n## " + groups[last] + "\n\n| 规则 | 名称 | 级别 | 检查内容 | 依据 |\n|---|---|---|---|---|\n")
		}
		b.WriteString("| " + r.ID + " | " + r.Name + " | " + sev[r.Severity] + " | " + r.Doc + " | " + r.Basis + " |\n")
	}
	return b.String()
}

func TestLedgerIsCurrent(t *testing.T) {
	want := ledger()
	if *update {
		if err := os.WriteFile("README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("README.md")
	if err != nil || string(got) != want {
		t.Fatal("core/rules/README.md is out of date: go test ./core/rules -run Ledger -update")
	}
}
