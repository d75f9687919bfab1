package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

// Structure, format-spec.md §6.2.

var S01 = &Rule{
	ID: "S01", Name: "sections-present", Title: "六个部分齐全", Severity: Error,
	Doc:   "六个部分（一、总体情况 … 六、其他需要报告的事项）都应有",
	Basis: format.BasisArt50 + "；" + format.Basis30 + "“不能遗漏”",
	Run:   runS01,
}

var S02 = &Rule{
	ID: "S02", Name: "sections-order", Title: "六个部分顺序", Severity: Error,
	Doc:   "六个部分应按一至六的顺序排列",
	Basis: format.Basis30 + " 年度报告格式",
	Run:   runS02,
}

var S03 = &Rule{
	ID: "S03", Name: "sections-numbering", Title: "一级标题序号", Severity: Error,
	Levels: "标题与规定写法略有不同：提示；沿用 2019 年以前的写法（“基本情况”“概述”）：警告；标题有错别字（与规定标题差一两个字，按序号或位置认出该部分）：警告",
	Doc:    "每个部分的序号应与其规定位置一致（如复议诉讼部分应为“四、”）",
	Basis:  format.Basis30 + " 年度报告格式",
	Run:    runS03,
}

var S04 = &Rule{
	ID: "S04", Name: "sections-extra", Title: "多余的一级标题", Severity: Warning,
	Doc:   "不应有规定六部分以外的一级标题",
	Basis: format.Basis30 + "“不能遗漏，也不宜泛化”",
	Run:   runS04,
}

var S05 = &Rule{
	ID: "S05", Name: "subsection-numbering", Title: "二级标题序号", Severity: Warning,
	Doc:   "部分内的（一）（二）…序号应连续，不跳号、不重号",
	Basis: format.Basis30 + " 年度报告格式",
	Run:   runS05,
}

var S06 = &Rule{
	ID: "S06", Name: "intro-part-count", Title: "引言所称部分数", Severity: Warning,
	Doc:   "引言若写“共N部分”，N应为六",
	Basis: format.BasisArt50 + "；" + format.Basis30,
	Run:   runS06,
}

var S07 = &Rule{
	ID: "S07", Name: "title-line", Title: "报告标题行", Severity: Warning,
	Levels: "标题中没有机关名称：提示",
	Doc:    "应有标题行“＜机关名称＞＜年度＞政府信息公开工作年度报告”",
	Basis:  "年度报告惯例；年度与机关名称是判断格式版本和公布期限的依据",
	Run:    runS07,
}

var S08 = &Rule{
	ID: "S08", Name: "sec1-coverage", Title: "总体情况要素", Severity: Warning,
	Doc:   "“一、总体情况”应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障",
	Basis: format.Basis30 + " 一、报告内容（一）；" + format.BasisArt50 + "第（四）项",
	Run:   runS08,
}

var S09 = &Rule{
	ID: "S09", Name: "sec5-substance", Title: "问题与改进内容", Severity: Warning,
	Doc:   "“五、存在的主要问题及改进情况”应写实际问题和改进措施，不能为空或一句话",
	Basis: format.BasisArt50 + "第（四）项",
	Run:   runS09,
}

var S10 = &Rule{
	ID: "S10", Name: "sec6-fee-statement", Title: "信息处理费情况", Severity: Warning,
	Doc:   "“六、其他需要报告的事项”应报告信息处理费：发出收费通知的件数和总金额、实际收取的总金额",
	Basis: format.Basis30 + " 一、报告内容（六）；" + format.BasisFee109,
	Run:   runS10,
}

var S11 = &Rule{
	ID: "S11", Name: "sec6-gov-items", Title: "工作要点与建议提案", Severity: Info,
	Doc:   "人民政府的报告在第六部分宜报告政务公开工作要点落实和建议提案办理结果公开情况",
	Basis: format.Basis30 + " 一、报告内容（六）",
	Run:   runS11,
}

var S12 = &Rule{
	ID: "S12", Name: "section-empty", Title: "部分内容为空", Severity: Error,
	Levels: "一、五、六部分没有内容：警告",
	Doc:    "各部分不能为空：二、三、四须有表格，一、五、六须有内容",
	Basis:  format.BasisArt50,
	Run:    runS12,
}

func officialTitle(n int) string {
	s := format.Sections[n-1]
	return s.Numeral + "、" + s.Title
}

func runS01(p *Pass) {
	have := map[int]bool{}
	for _, h := range p.Doc.Headings {
		have[h.Section] = true
	}
	for _, s := range format.Sections {
		if have[s.N] {
			continue
		}
		msg := "缺少第" + s.Numeral + "部分“" + officialTitle(s.N) + "”"
		sp := source.NoSpan
		// Say where it should have been: before the next section found.
		for _, h := range p.Doc.Headings {
			if h.Section > s.N {
				sp = h.Span
				msg += "（应在“" + h.Title + "”之前）"
				break
			}
		}
		f := Finding{Span: sp, Expected: officialTitle(s.N), Message: msg, Fix: "补写“" + officialTitle(s.N) + "”一节"}
		if id, ok := sectionTable[s.N]; ok {
			// Its table is missing with it (T01): one fix for both.
			f.Fix += "（含" + TableName(id) + "）"
			f.explains = append(f.explains, headKey("T01", s.N))
			f.fixExplained = f.Fix
		}
		// The parts after it numbered as if it were not missing: one
		// cause, one fix for all of them.
		if c := p.missingCause(s.N); c != nil && c.missing[0] == s.N {
			f.Message += "，其后各部分的序号因此依次前移：" + p.numeralRange(*c)
			f.Fix += "，其后各部分序号随之顺延"
			f.explains, f.fixExplained = append(f.explains, explainKeys(*c)...), f.Fix
		}
		p.Report(f)
	}
}

func runS02(p *Pass) {
	last := 0
	lastTitle := ""
	for _, h := range p.Doc.Headings {
		if h.Section == 0 {
			continue
		}
		if h.Section < last {
			p.Report(Finding{Span: h.Span, Message: "“" + h.Title + "”（第" + format.Sections[h.Section-1].Numeral + "部分）排在“" + lastTitle + "”之后，顺序颠倒",
				Fix: "按一至六的顺序排列各部分"})
			continue
		}
		last, lastTitle = h.Section, h.Title
	}
}

func runS03(p *Pass) {
	reportNumberingCauses(p)
	for i, h := range p.Doc.Headings {
		if h.Section == 0 {
			continue
		}
		want := format.Sections[h.Section-1].Numeral
		switch {
		case h.Numeral == "":
			p.Report(Finding{Span: h.Span, Expected: want + "、", Actual: "（无序号）",
				Message: "标题“" + h.Title + "”缺少序号，应为“" + want + "、" + h.Title + "”", Fix: "在标题前加“" + want + "、”"})
		case h.Numeral != want:
			got := h.Numeral
			if !strings.HasPrefix(got, "（") {
				got += "、"
			}
			p.Report(Finding{Span: h.Span, Expected: want + "、", Actual: got, identity: headKey("S03", i),
				Message: "“" + h.Title + "”应为第" + want + "部分，序号写成了“" + got + "”", Fix: "将“" + got + "”改为“" + want + "、”"})
		}
	}
	// Title wording variants are accepted; say which official title they
	// stand for, and by which characters they differ when only by a few.
	// A title that matches no section by its keys and was taken for one
	// as a typo (parse: near.go) is a warning: its section is read, but
	// the title must be corrected.
	for _, h := range p.Doc.Headings {
		if h.Section == 0 || h.Variant == "" {
			continue
		}
		official := officialTitle(h.Section)
		if h.Variant == "typo" {
			p.ReportAs(Warning, Finding{Span: h.Span, Expected: official, Actual: h.Numeral + "、" + h.Title,
				Message: "标题“" + h.Title + "”与规定的“" + h.Official + "”不同：" + h.Typo + "（已按第" + format.Sections[h.Section-1].Numeral + "部分读取）",
				Fix:     "改为“" + official + "”"})
			continue
		}
		sev := Info
		if h.Variant == "old" {
			sev = Warning
		}
		msg := "标题“" + h.Title + "”与规定写法“" + official + "”不同"
		if d := parse.TitleDiff(h.Title, format.Sections[h.Section-1].Title); d != "" {
			msg += "：" + d
		}
		p.ReportAs(sev, Finding{Span: h.Span, Expected: official, Actual: h.Title, Message: msg, Fix: "建议改为“" + official + "”"})
	}
}

func runS04(p *Pass) {
	top := 0
	for _, h := range p.Doc.Headings {
		if h.Numeral != "" {
			top++
		}
	}
	for i, h := range p.Doc.Headings {
		if h.Section != 0 {
			continue
		}
		msg := "“" + h.Numeral + "、" + h.Title + "”不是规定的六部分之一"
		if top > 6 {
			msg = "报告有 " + itoa(top) + " 个一级标题（应为 6 个）：" + msg
		}
		p.Report(Finding{Span: h.Span, Actual: h.Numeral + "、" + h.Title, identity: headKey("S04", i), Message: msg + "，其内容应作为“一、总体情况”的子项或放入“六、其他需要报告的事项”",
			Fix: "将该标题降为子标题（如“（二）…”）并入相应部分，其后各部分序号随之更正"})
	}
}

func runS05(p *Pass) {
	byPart := map[int][]parse.SubHeading{}
	var order []int
	for _, s := range p.Doc.Subs {
		if _, ok := byPart[s.Heading]; !ok {
			order = append(order, s.Heading)
		}
		byPart[s.Heading] = append(byPart[s.Heading], s)
	}
	prev := 0
	for _, hi := range order {
		subs := byPart[hi]
		// An extra top-level heading whose numeral continues the previous
		// part's sub-items ("（一）…" then "二、…" then "（三）…") was meant
		// as a sub-item; S04 reports it, and the numbering goes on through it.
		if hi >= 0 && p.Doc.Headings[hi].Section == 0 && prev > 0 && format.NumeralValue(p.Doc.Headings[hi].Numeral) == prev+1 {
			prev++
			// The numbering goes on through it, but a reader sees (一),
			// 二、, (三): say which sub-item it should have been.
			h := p.Doc.Headings[hi]
			if len(subs) > 0 && subs[0].N == prev+1 {
				p.Report(Finding{Span: subs[0].Span, Expected: "（" + format.Numerals[prev-1] + "）", Actual: h.Numeral + "、", identity: headKey("S05", hi),
					Message: "子标题序号不连续：“" + clip(subs[0].Text, 20) + "”之前的“" + h.Numeral + "、" + clip(h.Title, 16) + "”应是子标题（" + format.Numerals[prev-1] + "）",
					Fix:     "将“" + h.Numeral + "、" + clip(h.Title, 16) + "”改为“（" + format.Numerals[prev-1] + "）" + clip(h.Title, 16) + "”"})
			}
		} else {
			prev = 0
		}
		for _, s := range subs {
			want := prev + 1
			switch {
			case s.N == prev:
				p.Report(Finding{Span: s.Span, Expected: "（" + format.Numerals[want-1] + "）", Actual: "（" + format.Numerals[s.N-1] + "）",
					Message: "子标题序号重复：“" + clip(s.Text, 20) + "”与上一项同为（" + format.Numerals[s.N-1] + "）", Fix: "改为（" + format.Numerals[want-1] + "），其后各项顺延"})
			case s.N > want:
				p.Report(Finding{Span: s.Span, Expected: "（" + format.Numerals[want-1] + "）", Actual: "（" + format.Numerals[s.N-1] + "）",
					Message: "子标题序号跳号：“" + clip(s.Text, 20) + "”前缺少（" + format.Numerals[want-1] + "）", Fix: "核对子标题序号是否连续"})
			case s.N < prev:
				p.Report(Finding{Span: s.Span, Expected: "（" + format.Numerals[want-1] + "）", Actual: "（" + format.Numerals[s.N-1] + "）",
					Message: "子标题序号倒退：“" + clip(s.Text, 20) + "”排在（" + format.Numerals[prev-1] + "）之后", Fix: "核对子标题序号是否连续"})
			}
			if s.N > prev {
				prev = s.N
			}
		}
	}
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func runS06(p *Pass) {
	part := p.Doc.Intro()
	if part == nil {
		if part = p.Doc.Section(1); part == nil {
			return
		}
	}
	t := part.Prose.Text
	i := strings.Index(t, "部分")
	for i > 0 {
		// "…等六部分" / "共五个部分"
		before := strings.TrimSuffix(t[:i], "个")
		r, size := utf8.DecodeLastRuneInString(before)
		n := format.NumeralValue(string(r))
		if n == 0 && r >= '0' && r <= '9' {
			n = int(r - '0')
		}
		ctx := before[:len(before)-size]
		if n > 0 && (strings.HasSuffix(ctx, "等") || strings.HasSuffix(ctx, "共") || strings.HasSuffix(ctx, "包括") || strings.HasSuffix(ctx, "分为") || strings.HasSuffix(ctx, "由")) {
			if n != 6 {
				p.Report(Finding{Span: part.Prose.Span(i-size, i+len("部分")), Expected: "六部分", Actual: string(r) + "部分",
					Message: "引言称报告共“" + string(r) + "部分”，规定的年度报告为六部分", Fix: "改为“六部分”，并核对所列部分与正文一致"})
			}
			return
		}
		j := strings.Index(t[i+1:], "部分")
		if j < 0 {
			return
		}
		i += 1 + j
	}
}

func runS07(p *Pass) {
	d := p.Doc
	if d.Title == "" {
		p.Report(Finding{Span: source.NoSpan, Message: "未找到标题行“＜机关名称＞＜年度＞政府信息公开工作年度报告”", Fix: "在正文前加标题，写明机关名称和年度"})
		return
	}
	if d.Agency == "" {
		p.ReportAs(Info, Finding{Span: d.TitleSpan, Message: "标题中没有机关名称", Fix: "标题写为“＜机关名称＞＜年度＞政府信息公开工作年度报告”"})
	}
}

var sec1Items = []struct {
	name string
	keys []string
}{
	{"主动公开", []string{"主动公开"}},
	{"依申请公开", []string{"依申请"}},
	{"政府信息管理", []string{"信息管理"}},
	{"政府信息公开平台建设", []string{"平台建设", "平台"}},
	{"监督保障", []string{"监督保障", "监督", "保障"}},
}

func runS08(p *Pass) {
	part := p.Doc.Section(1)
	if part == nil {
		return
	}
	t := p.Doc.SectionText(1)
	h := p.Doc.Headings[part.Heading]
	for _, it := range sec1Items {
		found := false
		for _, k := range it.keys {
			if strings.Contains(t, k) {
				found = true
			}
		}
		if !found {
			p.Report(Finding{Span: h.Span, Message: "“一、总体情况”未写" + it.name + "方面的情况", Fix: "补写“" + it.name + "”一项"})
		}
	}
	if p.Facts.Issuer == IssuerGovernment && !(strings.Contains(t, "考核") || strings.Contains(t, "社会评议") || strings.Contains(t, "责任追究")) {
		p.Report(Finding{Span: h.Span, Message: "人民政府的报告“一、总体情况”应包括工作考核、社会评议和责任追究结果情况", Basis: format.BasisArt50 + "第（四）项",
			Fix: "在监督保障部分补写工作考核、社会评议和责任追究结果"})
	}
}

func runS09(p *Pass) {
	part := p.Doc.Section(5)
	if part == nil {
		return
	}
	h := p.Doc.Headings[part.Heading]
	t := strings.TrimSpace(part.Prose.Text)
	sentences := strings.Count(t, "。") + strings.Count(t, "；")
	if t == "" || t == "无" || t == "无。" || (sentences <= 1 && utf8.RuneCountInString(t) < 60) {
		p.Report(Finding{Span: h.Span, Message: "“五、存在的主要问题及改进情况”内容过于简单（" + itoa(utf8.RuneCountInString(t)) + " 字）", Fix: "写明本年度存在的主要问题、上年度问题的改进情况和下一步举措"})
	}
}

func runS10(p *Pass) {
	if p.Facts.Year < 2021 && p.Facts.Year != 0 {
		return
	}
	part := p.Doc.Section(6)
	if part == nil {
		return
	}
	for _, k := range []string{"处理费", "收费", "收取"} {
		if proseHas(&part.Prose, k) {
			return
		}
	}
	h := p.Doc.Headings[part.Heading]
	p.Report(Finding{Span: h.Span, Message: "“六、其他需要报告的事项”未报告政府信息公开信息处理费的收取情况", Fix: "写明发出收费通知的件数和总金额以及实际收取的总金额（没有请写“均为0”）"})
}

func runS11(p *Pass) {
	if p.Facts.Issuer != IssuerGovernment || (p.Facts.Year != 0 && p.Facts.Year < 2021) {
		return
	}
	part := p.Doc.Section(6)
	if part == nil {
		return
	}
	pr := &part.Prose
	h := p.Doc.Headings[part.Heading]
	if !proseHas(pr, "要点") {
		p.Report(Finding{Span: h.Span, Message: "第六部分未提及年度政务公开工作要点的落实情况", Fix: "补写政务公开工作要点落实情况"})
	}
	if !(proseHas(pr, "建议") || proseHas(pr, "提案")) {
		p.Report(Finding{Span: h.Span, Message: "第六部分未提及人大代表建议和政协提案办理结果公开情况", Fix: "补写建议提案办理结果公开情况"})
	}
}

// sectionTable: the statistics table of a section.
var sectionTable = map[int]string{2: "active", 3: "applications", 4: "review"}

func runS12(p *Pass) {
	tables := sectionTable
	for i := range p.Doc.Parts {
		part := &p.Doc.Parts[i]
		if part.Section == 0 {
			continue
		}
		h := p.Doc.Headings[part.Heading]
		// Fewer than two characters (not counted through the whole text).
		_, first := utf8.DecodeRuneInString(part.Prose.Text)
		empty := len(part.Prose.Text) == first
		if id, ok := tables[part.Section]; ok {
			hasTable := false
			for tid, hi := range p.Doc.TableHeading {
				if tid == id && hi == part.Heading {
					hasTable = true
				}
			}
			if !hasTable && empty {
				p.Report(Finding{Span: h.Span, Message: "“" + h.Title + "”部分为空：既无文字也无" + TableName(id), Fix: "按规定格式填报" + TableName(id)})
			}
			continue
		}
		if empty {
			p.ReportAs(Warning, Finding{Span: h.Span, Message: "“" + h.Title + "”部分没有内容", Fix: "补写该部分内容"})
		}
	}
}
