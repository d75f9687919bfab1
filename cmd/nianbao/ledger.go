package main

import (
	"fmt"
	"io"

	"github.com/nianbao/nianbao/core/rules"
)

// ledgerMarkdown writes the rule ledger for users (docs/rules.md) from the
// rule values, so that the text exists once, in the rules, and the
// document cannot drift from them (TestRulesMarkdownIsCurrent).
func ledgerMarkdown(w io.Writer) {
	p := func(format string, a ...any) { fmt.Fprintf(w, format, a...) }
	p("# 检查规则一览\n\n")
	p("<!-- 由 `go run ./cmd/nianbao rules --format markdown > docs/rules.md` 从规则定义生成，请勿手改。 -->\n\n")
	p("nianbao 共有 %d 条检查规则。每个问题都注明它的规则号（如 A02）、名称和依据；规则号永不复用。"+
		"命令行中 `nianbao explain A02` 说明一条规则，`nianbao rules` 列出全部规则。"+
		"年度报告的格式（六个部分、三张表及其勾稽关系）见 [年度报告格式摘要](format.md)。\n\n", len(rules.All))
	p("## 级别\n\n")
	p("- **错误**：违反表格中印明的勾稽关系、适用格式的必备结构，或与正文明白写出的事实矛盾。有错误的报告为“未通过”，命令行退出码为 1。\n")
	p("- **警告**：很可能有误，需要人工核对。\n")
	p("- **提示**：建议；或某项无法核对时的说明。\n\n")
	p("每条规则有它通常的级别；个别情形级别不同的，在“级别”一项的括号中写明。\n\n")
	p("## 适用范围\n\n")
	p("- 报告年度依次从标题、统计期限、正文中的年份确定（D02）。2019、2020 年度报告按国办公开办函〔2019〕60号（试行）格式检查，2021 年度起按国办公开办函〔2021〕30号格式检查。\n")
	p("- 2018 年度及以前的报告：当时没有全国统一的表格格式，只执行 D、X 两组规则。\n")
	p("- 2019 年度报告：统一格式为鼓励采用（60号“鼓励按照统一格式发布”），S、T 两组规则的错误降为警告。\n")
	p("- 空白格不等于 0：勾稽关系中有空白格时只说明无法核对，不把空白当作 0 计算。\n")
	p("- C 组（C01–C05，跨年度）需要本单位上一年度的报告：`nianbao check --prev 上年报告 本年报告`，或检查一个目录时同一单位相邻两年的报告自动配对；所给文件不是本单位上一年度的报告时只提示一次“未做跨年度比对”。\n")
	for _, g := range rules.Groups {
		p("\n## %c %s\n", g.Letter, g.Name)
		for _, r := range rules.All {
			if r.ID[0] != g.Letter {
				continue
			}
			p("\n### %s %s\n\n", r.ID, r.Title)
			p("- 级别：%s\n", levels(r))
			p("- 检查：%s\n", r.Doc)
			p("- 依据：%s\n", r.Basis)
			if !rules.Before2019(r) {
				p("- 适用：2019 年度起的报告\n")
			}
			p("- 程序中的名称：`%s`（JSON 结果中的 `name`）\n", r.Name)
		}
	}
}
