package rules

import (
	"strings"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

// Format version and dates, format-spec.md §6.1.

var D01 = &Rule{
	ID: "D01", Name: "format-version", Title: "格式版本", Severity: Error,
	Levels: "2019、2020 年度报告用了 30号 格式的表三，或未能确定年度而出现 60号 表格标签：提示；2018 年度及以前的报告：只给一条提示，说明早于统一格式",
	Doc:    "2021 年及以后的报告须用 30号 格式；出现 2019 年（60号）表格标签为错误",
	Basis:  format.Basis30 + "“修订后的…格式…请认真贯彻执行”；" + format.Basis60,
	Run:    runD01,
}

var D02 = &Rule{
	ID: "D02", Name: "year-detect", Title: "标题写明年度", Severity: Warning,
	Doc:   "标题中应写明报告年度“YYYY年（度）政府信息公开工作年度报告”",
	Basis: format.BasisArt49 + "（年度报告按年度编制）",
	Run:   runD02,
}

var D03 = &Rule{
	ID: "D03", Name: "stat-period", Title: "统计期限", Severity: Error,
	Levels: "未写明统计期限：提示",
	Doc:    "统计期限应为报告年度的1月1日至12月31日",
	Basis:  format.BasisArt49 + "“上一年度政府信息公开工作年度报告”；年度报告惯例（四川省的单位另见 DB51/T 2660—2019 §2.1）",
	Run:    runD03,
}

var D04 = &Rule{
	ID: "D04", Name: "year-consistency", Title: "年份前后一致", Severity: Warning,
	Doc:   "标题年度、统计期限年度与落款年度（次年）应一致，正文不应把上一年当作本年",
	Basis: format.Basis30 + "（四）“发布内容不准确”",
	Run:   runD04,
}

var D05 = &Rule{
	ID: "D05", Name: "deadline", Title: "公布期限", Severity: Warning,
	Levels: "未能从机关名称判断适用的期限（如乡镇、街道，期限由各地规定）：提示",
	Doc:    "部门报告应于次年1月31日前、县级以上地方人民政府报告应于次年3月31日前公布",
	Basis:  format.BasisArt49 + "；" + format.Basis30 + "（四）“不按时发布”",
	Run:    runD05,
}

var D06 = &Rule{
	ID: "D06", Name: "date-too-early", Title: "落款日期过早", Severity: Warning,
	Doc:   "落款日期不应早于报告年度结束（12月31日）",
	Basis: "统计期限为全年（1月1日至12月31日）",
	Run:   runD06,
}

func runD01(p *Pass) {
	y := p.Facts.Year
	doc := p.Doc
	if y > 0 && y <= 2018 {
		p.ReportAs(Info, Finding{Span: p.Facts.YearSpan, Message: itoa(y) + " 年度报告早于统一格式（国办公开办函〔2019〕60号 自2019年度起），只检查日期和正文，不检查结构与表格",
			Basis: "2008年《中华人民共和国政府信息公开条例》第三十一、三十二条（无全国统一表格）", Fix: "无需修改"})
		return
	}
	var old []string
	var at source.Span = source.NoSpan
	var table, row string // where the first sign of the old format is
	note := func(what string, sp source.Span, tab, r string) {
		old = append(old, what)
		if !at.Valid() {
			at, table, row = sp, tab, r
		}
	}
	if t := doc.T2; t != nil {
		for _, l := range t.Labels {
			for _, k := range format.Labels2019Only {
				if normalize.ContainsLoose(l.Text, k) {
					note("表二“"+l.Text+"”", l.Span, t.ID, "")
					break
				}
			}
		}
	}
	if t := doc.T3; t != nil && t.Style == "2019" {
		sp := t.Start
		if tok, ok := t.RowLabel("other"); ok {
			sp = tok.Span
		}
		note("表三“（六）其他处理”只有一行（30号 分为 1–3 三个子项）", sp, t.ID, "other")
	}
	if len(old) == 0 {
		if y == 2019 || y == 2020 {
			if t := doc.T3; t != nil && t.Style == "2021" {
				p.ReportAs(Info, Finding{Span: t.Start, Table: t.ID, Message: itoa(y) + " 年报告使用了 30号（2021）格式的表三，当年适用 60号（试行）格式", Fix: "可保留；如需严格按当年格式，改用 60号 表格"})
			}
		}
		return
	}
	msg := "使用了 2019 年（60号）旧版格式：" + strings.Join(dedupe(old), "；")
	if y >= 2021 {
		p.Report(Finding{Span: at, Table: table, Row: row, Message: itoa(y) + " 年报告" + msg + "。自 2021 年度报告起须用 30号 格式", Fix: "改用 30号 格式的表格（表二四个栏目、表三（六）其他处理分三项）"})
		return
	}
	if y == 0 {
		p.ReportAs(Info, Finding{Span: at, Table: table, Row: row, Message: "报告" + msg + "；未能确定报告年度，无法判断是否适用", Fix: "在标题写明年度"})
	}
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func runD02(p *Pass) {
	f := p.Facts
	switch f.YearSource {
	case "title":
		return
	case "period":
		p.Report(Finding{Span: f.YearSpan, Message: "标题中未找到报告年度，按统计期限推定为 " + itoa(f.Year) + " 年", Fix: "在标题写明“" + itoa(f.Year) + "年政府信息公开工作年度报告”"})
	case "text":
		p.Report(Finding{Span: f.YearSpan, Message: "标题中未找到报告年度，按正文中最常出现的年份推定为 " + itoa(f.Year) + " 年", Fix: "在标题写明“" + itoa(f.Year) + "年政府信息公开工作年度报告”"})
	default:
		p.Report(Finding{Span: source.NoSpan, Message: "无法确定报告年度：标题、统计期限和正文中都没有年份，依年度判断的规则未执行", Fix: "在标题写明“YYYY年政府信息公开工作年度报告”"})
	}
}

// periodBasis is D03's basis for a report: the national one, and a
// provincial standard only for a unit of that province.
func periodBasis(agency string) string {
	b := format.BasisArt49 + "“上一年度政府信息公开工作年度报告”；年度报告惯例"
	for _, s := range format.LocalFor(format.StandardPeriod, agency) {
		b += "；" + s.Cite
	}
	return b
}

func runD03(p *Pass) {
	f := p.Facts
	if f.Year == 0 {
		return
	}
	basis := periodBasis(f.Agency)
	if f.Period == nil {
		p.ReportAs(Info, Finding{Span: source.NoSpan, Message: "未写明统计期限", Basis: basis, Fix: "在引言中写明“本报告所列数据的统计期限为" + itoa(f.Year) + "年1月1日至" + itoa(f.Year) + "年12月31日”"})
		return
	}
	pe := f.Period
	if pe.From.Y == f.Year && pe.From.M == 1 && pe.From.D == 1 && pe.To.Y == f.Year && pe.To.M == 12 && pe.To.D == 31 {
		return
	}
	p.Report(Finding{Span: pe.Span, Expected: itoa(f.Year) + "年1月1日至" + itoa(f.Year) + "年12月31日", Actual: pe.From.String() + "至" + pe.To.String(),
		Message: "统计期限应为" + itoa(f.Year) + "年1月1日至" + itoa(f.Year) + "年12月31日，实为" + pe.From.String() + "至" + pe.To.String(),
		Fix:     "改正统计期限", Basis: basis})
}

func runD04(p *Pass) {
	f := p.Facts
	if f.Year == 0 || f.YearSource != "title" {
		return
	}
	if f.Period != nil && f.Period.From.Y != f.Year {
		p.Report(Finding{Span: f.Period.Span, Expected: itoa(f.Year), Actual: itoa(f.Period.From.Y),
			Message: "标题年度 " + itoa(f.Year) + " 与统计期限年度 " + itoa(f.Period.From.Y) + " 不一致", Fix: "核对标题与统计期限的年份"})
	}
	if s := f.Signed; s != nil && s.Y != f.Year+1 && s.Y != f.Year {
		p.Report(Finding{Span: s.Span, Expected: itoa(f.Year+1) + "年", Actual: itoa(s.Y) + "年",
			Message: "落款日期 " + s.String() + " 与报告年度 " + itoa(f.Year) + " 不符（应在次年）", Fix: "核对落款日期，可能沿用了往年模板"})
	}
	// A sentence that opens with last year as if it were the current one:
	// "2023年，我局共…" in a 2024 report, left over from last year's text.
	prev := itoa(f.Year-1) + "年,"
	prev2 := itoa(f.Year-1) + "年度,"
	for _, n := range []int{1, 2, 3} {
		part := p.Doc.Section(n)
		if part == nil {
			continue
		}
		t := part.Prose.Text
		for _, pre := range []string{prev, prev2} {
			i := strings.Index(t, pre)
			for i >= 0 {
				startOfSentence := i == 0 || strings.HasSuffix(t[:i], "。") || strings.HasSuffix(t[:i], "\n") || strings.HasSuffix(t[:i], ")") || strings.HasSuffix(t[:i], "）")
				if startOfSentence {
					p.Report(Finding{Span: part.Prose.Span(i, i+len(pre)-1), Expected: itoa(f.Year) + "年", Actual: itoa(f.Year-1) + "年",
						Message: itoa(f.Year) + " 年度报告中有以“" + itoa(f.Year-1) + "年，”开头的句子，可能是沿用上年报告未改的内容", Fix: "核对该句的年份"})
					break
				}
				j := strings.Index(t[i+1:], pre)
				if j < 0 {
					break
				}
				i += 1 + j
			}
		}
	}
}

func deadlineOf(f *Facts) (Date, string, bool) {
	switch f.Issuer {
	case IssuerDepartment:
		return Date{Y: f.Year + 1, M: 1, D: 31}, "县级以上人民政府部门应于次年1月31日前公布", true
	case IssuerGovernment:
		return Date{Y: f.Year + 1, M: 3, D: 31}, "县级以上地方人民政府应于次年3月31日前公布", true
	}
	return Date{}, "", false
}

func runD05(p *Pass) {
	f := p.Facts
	s := f.Signed
	if f.Year == 0 || s == nil {
		return
	}
	dl, why, ok := deadlineOf(f)
	if !ok {
		if dl2 := (Date{Y: f.Year + 1, M: 1, D: 31}); dl2.before(*s) {
			p.ReportAs(Info, Finding{Span: s.Span, Message: "落款日期 " + s.String() + " 晚于部门报告的公布期限（次年1月31日）；未能从机关名称判断适用的期限（乡镇、街道由各地规定）", Fix: "核对本地规定的公布期限"})
		}
		return
	}
	if dl.before(*s) {
		p.Report(Finding{Span: s.Span, Expected: "不晚于 " + dl.String(), Actual: s.String(),
			Message: "落款日期 " + s.String() + " 晚于法定公布期限：" + why + "（" + dl.String() + "）", Fix: "按期公布；如落款日期有误请更正"})
	}
}

func runD06(p *Pass) {
	f := p.Facts
	s := f.Signed
	if f.Year == 0 || s == nil {
		return
	}
	if s.Y <= f.Year {
		p.Report(Finding{Span: s.Span, Expected: "晚于 " + itoa(f.Year) + "年12月31日", Actual: s.String(),
			Message: "落款日期 " + s.String() + " 不晚于报告年度结束，报告不能涵盖全年", Fix: "核对落款日期或报告年度"})
	}
}
