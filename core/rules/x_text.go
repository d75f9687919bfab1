package rules

import (
	"strings"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/parse"
)

// Text ↔ table consistency, format-spec.md §6.5. Only sentences with an
// unambiguous subject are used; a false alarm costs users more than a
// missed warning (one peer had to switch a loose version off).

const basisTextTable = format.Basis30 + "（四）“发布内容不准确”；正文与表格应一致"

var X01 = &Rule{ID: "X01", Name: "no-applications", Title: "正文称未收到申请", Severity: Error,
	Levels: "表三本年新收为 0、只有上年结转大于 0：警告",
	Doc:    "正文称未收到政府信息公开申请，表三本年新收却大于0", Basis: basisTextTable, Run: runX01}
var X02 = &Rule{ID: "X02", Name: "applications-count", Title: "正文申请件数", Severity: Error,
	Doc: "正文“收到/受理…申请N件”应等于表三本年新收总计", Basis: basisTextTable, Run: runX02}
var X03 = &Rule{ID: "X03", Name: "results-count", Title: "正文办结件数", Severity: Warning,
	Doc: "正文“办结/答复N件”应等于表三（七）总计", Basis: basisTextTable, Run: runX03}
var X04 = &Rule{ID: "X04", Name: "carryover-count", Title: "正文结转件数", Severity: Error,
	Doc: "正文所述上年结转、结转下年度件数应与表三一致", Basis: basisTextTable, Run: runX04}
var X05 = &Rule{ID: "X05", Name: "outcome-count", Title: "正文办理结果件数", Severity: Warning,
	Doc: "正文所述予以公开、部分公开、不予公开等件数应与表三对应行一致", Basis: basisTextTable, Run: runX05}
var X06 = &Rule{ID: "X06", Name: "no-review-litigation", Title: "正文称无复议诉讼", Severity: Error,
	Doc: "正文称未发生行政复议/行政诉讼，表四总计却大于0", Basis: basisTextTable, Run: runX06}
var X07 = &Rule{ID: "X07", Name: "review-litigation-count", Title: "正文复议诉讼件数", Severity: Warning,
	Doc: "正文“行政复议N件”“行政诉讼N件”应与表四一致", Basis: basisTextTable, Run: runX07}
var X08 = &Rule{ID: "X08", Name: "proactive-sum", Title: "正文分项之和", Severity: Error,
	Levels: "分项之和小于总数（“其中”可能未列全）：提示",
	Doc:    "“共公开信息X条，其中A条、B条…”：各分项之和不能大于总数", Basis: basisTextTable, Run: runX08}
var X09 = &Rule{ID: "X09", Name: "repeated-figure", Title: "正文数字前后一致", Severity: Warning,
	Doc: "同一数量（如主动公开信息条数）在正文中前后不能不一致", Basis: basisTextTable, Run: runX09}
var X10 = &Rule{ID: "X10", Name: "t2-text", Title: "正文与表二一致", Severity: Warning,
	Doc: "正文所述规章、规范性文件件数及许可、处罚、强制、收费事项应与表二一致", Basis: basisTextTable, Run: runX10}
var X11 = &Rule{ID: "X11", Name: "fee-notice", Title: "收费通知报告", Severity: Warning,
	Levels: "第六部分明确称未发出收费通知（或为 0）：错误",
	Doc:    "表三有因逾期未缴费不再处理的申请时，第六部分应报告发出的收费通知", Basis: format.BasisFee109 + "；" + format.Basis30 + " 一、报告内容（六）", Run: runX11}
var X12 = &Rule{ID: "X12", Name: "fee-unit", Title: "收费金额单位", Severity: Warning,
	Doc: "行政事业性收费金额在正文按元、在表二按万元，两者不能是同一个数", Basis: format.Basis30 + " 表二“本年收费金额（单位：万元）”", Run: runX12}
var X13 = &Rule{ID: "X13", Name: "zero-table-with-text", Title: "表三为零正文有申请", Severity: Warning,
	Doc: "表三全为0或空白时，正文不应报告收到申请", Basis: basisTextTable, Run: runX13}

// appCount is a stated count of new applications: "受理政府信息公开申请N件".
type appCount struct {
	stated
	prose *parse.Prose
}

func findAppCounts(ps *Pass) []appCount {
	var out []appCount
	for _, p := range narrative(ps.Doc, -1, 0, 1, 2, 3) {
		t := p.Text
		for _, verb := range []string{"收到", "受理", "新收", "接收", "接到"} {
			ps.eachIn(p, verb, func(i int) {
				// "通过网上平台收到申请15件": a part of the applications, by channel.
				if cs := clauseStart(t, i); containsAny(t[cs:i], channelWords) {
					return
				}
				after := i + len(verb)
				// The first "申请" that names applications: not 申请人 (the
				// applicant), not 依申请公开 (the procedure).
				k := -1
				for off := after; ; {
					x := strings.Index(t[off:], "申请")
					if x < 0 {
						break
					}
					j := off + x + len("申请")
					if !strings.HasPrefix(t[j:], "人") && !strings.HasPrefix(t[j:], "公开") && !strings.HasSuffix(t[:off+x], "依") {
						k = off + x - after
						break
					}
					off = j
				}
				if k < 0 || runesBetween(t, after, after+k) > 16 {
					return
				}
				between := t[after : after+k]
				for _, r := range between {
					if clauseStop(r) {
						return
					}
				}
				if strings.Contains(between, "复议") || strings.Contains(between, "投诉") || strings.Contains(between, "诉讼") || containsAny(between, channelWords) {
					return
				}
				j := after + k + len("申请")
				s, ok := countAfter(p, j, 3, "件")
				if !ok {
					return
				}
				out = append(out, appCount{stated: s, prose: p})
			})
		}
	}
	return out
}

func t3Total(d *parse.Doc, row string) (float64, bool) { return cellValue(d.T3, row, "c_total") }

func runX01(p *Pass) {
	newTotal, ok := t3Total(p.Doc, "new")
	if !ok {
		return
	}
	carry, _ := t3Total(p.Doc, "carry_in")
	for _, pr := range narrative(p.Doc, -1, 0, 1, 2, 3, 5) {
		t := pr.Text
		// Section 五 often explains a problem by it: "由于没有遇到依申请…
		// 的情况，对有关程序掌握不够熟练".
		for _, neg := range []string{"未收到", "没有收到", "无政府信息公开申请", "依申请公开件数为0", "未接到", "未受理", "没有遇到依申请", "未遇到依申请", "没有发生依申请"} {
			p.eachIn(pr, neg, func(i int) {
				end := i + len(neg)
				if !strings.HasSuffix(neg, "申请") && !strings.HasSuffix(neg, "为0") {
					k := strings.Index(t[end:], "申请")
					if k < 0 || runesBetween(t, end, end+k) > 10 {
						return
					}
					between := t[end : end+k]
					for _, r := range between {
						if clauseStop(r) {
							return
						}
					}
					if strings.Contains(between, "投诉") || strings.Contains(between, "复议") || strings.HasPrefix(t[end+k+len("申请"):], "人") || containsAny(between, channelWords) {
						return
					}
				}
				sp := pr.Span(i, end)
				switch {
				case newTotal > 0:
					f := Finding{Span: sp, Table: "applications", Row: "new", Column: "c_total",
						Message: "正文称未收到政府信息公开申请，但表三“本年新收”总计为 " + fmtNum(newTotal)}
					textVsTable(p, &f, p.Doc.T3, []cellRef{{"new", "c_total"}}, newTotal, 0, "0",
						"正文应写明本年新收政府信息公开申请 "+fmtNum(newTotal)+" 件，而不是未收到申请")
					p.Report(f)
				case carry > 0:
					p.ReportAs(Warning, Finding{Span: sp, Table: "applications", Row: "carry_in", Column: "c_total", Actual: fmtNum(carry),
						Message: "正文称未收到申请，表三“上年结转”为 " + fmtNum(carry) + "；若正文只指本年新收则无误，请确认", Fix: "正文可写明“本年未新收申请，上年结转 " + fmtNum(carry) + " 件”"})
				}
			})
		}
	}
}

func runX02(p *Pass) {
	newTotal, ok := t3Total(p.Doc, "new")
	if !ok {
		return
	}
	carry, carryOK := t3Total(p.Doc, "carry_in")
	for _, c := range findAppCounts(p) {
		// Some writers count what was carried over as received too, even
		// without saying so: a count equal to 本年新收 + 上年结转 is not
		// flagged (a false alarm costs more than a missed one).
		v := float64(c.value)
		if v == newTotal || (carryOK && v == newTotal+carry) {
			continue
		}
		f := Finding{Span: c.span, Table: "applications", Row: "new", Column: "c_total",
			Message: "正文称收到（受理）政府信息公开申请 " + itoa(c.value) + " 件，表三“本年新收”总计为 " + fmtNum(newTotal)}
		textVsTable(p, &f, p.Doc.T3, []cellRef{{"new", "c_total"}}, newTotal, v, itoa(c.value), toTable(itoa(c.value), newTotal))
		p.Report(f)
	}
}

func runX03(p *Pass) {
	total, ok := t3Total(p.Doc, "results_total")
	if !ok {
		return
	}
	newT, _ := t3Total(p.Doc, "new")
	carry, _ := t3Total(p.Doc, "carry_in")
	for _, pr := range narrative(p.Doc, -1, 0, 1, 2, 3) {
		t := pr.Text
		for _, verb := range []string{"办结", "答复", "办理完成"} {
			p.eachIn(pr, verb, func(i int) {
				cs := clauseStart(t, i)
				lead := t[cs:i]
				if runesBetween(t, cs, i) > 6 {
					return
				}
				for _, w := range []string{"公开", "不予", "无法", "处理", "部分", "告知", "同意"} {
					if strings.Contains(lead, w) {
						return
					}
				}
				s, ok := countAfter(pr, i+len(verb), 12, "件")
				if !ok {
					return
				}
				// 办理 may count what was carried over too: accept either total.
				v := float64(s.value)
				if v == total || v == newT+carry {
					return
				}
				f := Finding{Span: s.span, Table: "applications", Row: "results_total", Column: "c_total",
					Message: "正文称办结（答复）" + itoa(s.value) + " 件，表三“（七）总计”为 " + fmtNum(total)}
				textVsTable(p, &f, p.Doc.T3, []cellRef{{"results_total", "c_total"}}, total, v, itoa(s.value), toTable(itoa(s.value), total))
				p.Report(f)
			})
		}
	}
}

func runX04(p *Pass) {
	out, outOK := t3Total(p.Doc, "carry_out")
	in, inOK := t3Total(p.Doc, "carry_in")
	for _, pr := range narrative(p.Doc, -1, 0, 1, 2, 3) {
		check := func(s stated, ok bool, row string, want float64, wantOK bool, what string) {
			if !ok || !wantOK || float64(s.value) == want {
				return
			}
			f := Finding{Span: s.span, Table: "applications", Row: row, Column: "c_total",
				Message: "正文称" + what + " " + itoa(s.value) + " 件，表三为 " + fmtNum(want)}
			textVsTable(p, &f, p.Doc.T3, []cellRef{{row, "c_total"}}, want, float64(s.value), itoa(s.value), toTable(itoa(s.value), want))
			p.Report(f)
		}
		for _, kw := range []string{"结转下年度", "结转下一年度", "转入下一年度", "转下一年度", "转入下年度", "顺延到下年度", "顺延至下年度", "结转到下一年度", "结转至下一年度", "结转至下年度"} {
			p.eachIn(pr, kw, func(i int) {
				s, ok := countAfter(pr, i+len(kw), 10, "件")
				if !ok {
					s, ok = countBefore(pr, i, 4, "件")
				}
				check(s, ok, "carry_out", out, outOK, "结转下年度")
			})
		}
		for _, kw := range []string{"上年结转", "上年度结转", "上一年度结转"} {
			p.eachIn(pr, kw, func(i int) {
				s, ok := countAfter(pr, i+len(kw), 12, "件")
				check(s, ok, "carry_in", in, inOK, "上年结转")
			})
		}
	}
}

func runX05(p *Pass) {
	t3 := p.Doc.T3
	if t3 == nil || t3.Scrambled {
		return
	}
	rowsOf := func(group string) []string {
		var out []string
		for _, r := range t3.Rows {
			if r.Group == group || (group == "otherproc" && r.ID == "other") {
				out = append(out, r.ID)
			}
		}
		return out
	}
	outcomes := []struct {
		kws  []string
		what string
		rows []string
	}{
		{[]string{"予以公开及部分公开", "予以公开和部分公开", "予以公开或部分公开"}, "予以公开及部分公开", []string{"disclosed", "partial"}},
		{[]string{"予以公开", "同意公开"}, "予以公开", []string{"disclosed"}},
		{[]string{"部分公开"}, "部分公开", []string{"partial"}},
		{[]string{"不予公开"}, "不予公开", rowsOf("withheld")},
		{[]string{"无法提供"}, "无法提供", rowsOf("unable")},
		{[]string{"不予处理"}, "不予处理", rowsOf("notproc")},
		{[]string{"其他处理"}, "其他处理", rowsOf("otherproc")},
	}
	for _, pr := range narrative(p.Doc, -1, 0, 1, 2, 3) {
		t := pr.Text
		used := map[int]bool{}
		for _, o := range outcomes {
			want, ok := sumRows(t3, "c_total", o.rows...)
			if !ok {
				continue
			}
			for _, kw := range o.kws {
				p.eachIn(pr, kw, func(i int) {
					if used[i] || used[i-len("予以公开及")] {
						return
					}
					// "予以公开及部分公开": the parts are not stated apart.
					if strings.HasPrefix(t[i+len(kw):], "及") || strings.HasPrefix(t[i+len(kw):], "和") || strings.HasPrefix(t[i+len(kw):], "或") {
						return
					}
					for j := i; j < i+len(kw); j++ {
						used[j] = true
					}
					s, ok := countAfter(pr, i+len(kw), 4, "件")
					if !ok || float64(s.value) == want {
						return
					}
					f := Finding{Span: s.span, Table: "applications", Row: o.rows[0], Column: "c_total",
						Message: "正文称" + o.what + " " + itoa(s.value) + " 件，表三对应行总计为 " + fmtNum(want)}
					var cells []cellRef
					for _, r := range o.rows {
						cells = append(cells, cellRef{r, "c_total"})
					}
					textVsTable(p, &f, t3, cells, want, float64(s.value), itoa(s.value), toTable(itoa(s.value), want))
					p.Report(f)
				})
			}
		}
	}
}

// t4Totals: the 行政复议 and 行政诉讼 counts, taking the larger of the
// printed 总计 and the sum of its four parts (the printed 总计 may be wrong).
func t4Totals(d *parse.Doc) (review, suits float64, ok bool) {
	t := d.T4
	if t == nil || t.Scrambled {
		return 0, 0, false
	}
	group := func(row string) (float64, bool) {
		tot, ok := cellValue(t, row, "total")
		if !ok {
			return 0, false
		}
		s := 0.0
		for _, c := range format.T4Columns[:4] {
			v, _ := cellValue(t, row, c.ID)
			s += v
		}
		if s > tot {
			tot = s
		}
		return tot, true
	}
	r, ok1 := group("review")
	a, ok2 := group("suit_direct")
	b, ok3 := group("suit_after")
	return r, a + b, ok1 && ok2 && ok3
}

// nonZeroCell: the cell of 表四 that contradicts "no review/litigation":
// the only non-zero cell of the groups when there is one (a single wrong
// number, the total left 0), else the first group's 总计 with a number.
func nonZeroCell(t *parse.Table, rows ...string) (string, string) {
	var cells [][2]string
	for _, r := range rows {
		for _, c := range format.T4Columns {
			if v, ok := cellValue(t, r, c.ID); ok && v > 0 {
				cells = append(cells, [2]string{r, c.ID})
			}
		}
	}
	if len(cells) == 1 {
		return cells[0][0], cells[0][1]
	}
	for _, r := range rows {
		if v, ok := cellValue(t, r, "total"); ok && v > 0 {
			return r, "total"
		}
	}
	return rows[0], "total"
}

// nonZeroNote names a cell other than a 总计 in the message.
func nonZeroNote(t *parse.Table, row, col string) string {
	if col == "total" {
		return ""
	}
	return "（" + where(t, row, col) + "填了 " + fmtNum(t.Cell(row, col).Num.Value) + "）"
}

func runX06(p *Pass) {
	review, suits, ok := t4Totals(p.Doc)
	if !ok {
		return
	}
	for _, pr := range narrative(p.Doc, -1, 0, 1, 2, 3, 4) {
		t := pr.Text
		for _, neg := range []string{"未发生", "没有发生", "无", "没有", "未收到", "未出现", "不存在", "未有"} {
			p.eachIn(pr, neg, func(i int) {
				end := i + len(neg)
				if neg == "无" && (strings.HasPrefix(t[end:], "法") || strings.HasPrefix(t[end:], "论") || strings.HasPrefix(t[end:], "正当") || strings.HasPrefix(t[end:], "需")) {
					return
				}
				ce := end
				for n := 0; ce < len(t) && n < 30; n++ {
					r, size := decodeRune(t[ce:])
					if clauseStop(r) && r != '、' {
						break
					}
					ce += size
				}
				clause := t[end:ce]
				// "未发生…被行政复议纠错或行政诉讼败诉": about outcomes, not
				// whether there were any.
				if containsAny(clause, []string{"纠错", "纠正", "败诉", "撤销", "确认违法", "被复议机关"}) {
					return
				}
				mentionsReview := strings.Contains(clause, "复议")
				mentionsSuit := strings.Contains(clause, "诉讼")
				if !mentionsReview && !mentionsSuit {
					return
				}
				sp := pr.Span(i, ce)
				if mentionsReview && review > 0 {
					row, col := nonZeroCell(p.Doc.T4, "review")
					f := Finding{Span: sp, Table: "review", Row: row, Column: col,
						Message: "正文称未发生政府信息公开行政复议，但表四行政复议为 " + fmtNum(review) + " 件" + nonZeroNote(p.Doc.T4, row, col)}
					textVsTable(p, &f, p.Doc.T4, groupCells("review"), review, 0, "0", "正文应写明发生政府信息公开行政复议 "+fmtNum(review)+" 件")
					p.Report(f)
				}
				if mentionsSuit && suits > 0 {
					row, col := nonZeroCell(p.Doc.T4, "suit_direct", "suit_after")
					f := Finding{Span: sp, Table: "review", Row: row, Column: col,
						Message: "正文称未发生政府信息公开行政诉讼，但表四行政诉讼为 " + fmtNum(suits) + " 件" + nonZeroNote(p.Doc.T4, row, col)}
					textVsTable(p, &f, p.Doc.T4, append(groupCells("suit_direct"), groupCells("suit_after")...), suits, 0, "0", "正文应写明发生政府信息公开行政诉讼 "+fmtNum(suits)+" 件")
					p.Report(f)
				}
			})
		}
	}
}

func runX07(p *Pass) {
	t := p.Doc.T4
	if t == nil || t.Scrambled {
		return
	}
	review, ok1 := cellValue(t, "review", "total")
	a, ok2 := cellValue(t, "suit_direct", "total")
	b, ok3 := cellValue(t, "suit_after", "total")
	for _, pr := range narrative(p.Doc, -1, 0, 1, 2, 3, 4) {
		check := func(kw string, want float64, ok bool, rows ...string) {
			row := rows[0]
			if !ok {
				return
			}
			p.eachIn(pr, kw, func(i int) {
				s, found := countAfter(pr, i+len(kw), 2, "件", "起", "宗")
				if !found || float64(s.value) == want {
					return
				}
				f := Finding{Span: s.span, Table: "review", Row: row, Column: "total",
					Message: "正文称" + kw + " " + itoa(s.value) + " 件，表四为 " + fmtNum(want)}
				var cells []cellRef
				for _, r := range rows {
					cells = append(cells, cellRef{r, "total"})
				}
				textVsTable(p, &f, t, cells, want, float64(s.value), itoa(s.value), toTable(itoa(s.value), want))
				p.Report(f)
			})
		}
		check("行政复议", review, ok1, "review")
		check("行政诉讼", a+b, ok2 && ok3, "suit_direct", "suit_after")
	}
}

func runX08(p *Pass) {
	for _, pr := range narrative(p.Doc, 1, 2) {
		t := pr.Text
		p.eachIn(pr, "共", func(i int) {
			// "共(主动)公开(政府)信息X条" / "共发布信息X条"
			after := i + len("共")
			k := strings.Index(t[after:], "信息")
			if k < 0 || runesBetween(t, after, after+k) > 6 {
				return
			}
			lead := t[after : after+k]
			if !(strings.Contains(lead, "公开") || strings.Contains(lead, "发布")) {
				return
			}
			s, ok := countAfter(pr, after+k+len("信息"), 1, "条", "件")
			if !ok {
				return
			}
			unit := t[s.j : s.j+len("条")]
			rest := t[s.j+len(unit):]
			if strings.HasPrefix(rest, "次") {
				return // 条次: another unit
			}
			// "。其中，" or "，其中"
			rest = strings.TrimLeft(rest, "。,，")
			if !strings.HasPrefix(rest, "其中") {
				return
			}
			from := len(t) - len(rest)
			_, se := sentenceAt(t, from)
			var parts []stated
			for q := from; q < se; q++ {
				if !isDigit(t[q]) || (q > from && isDigit(t[q-1])) {
					continue
				}
				v, e := num(t, q)
				if strings.HasPrefix(t[e:], unit) && !strings.HasPrefix(t[e+len(unit):], "次") {
					parts = append(parts, stated{value: v, span: pr.Span(q, e)})
				}
			}
			if len(parts) < 2 {
				return
			}
			sum := 0
			for _, x := range parts {
				sum += x.value
			}
			switch {
			case sum > s.value:
				p.Report(Finding{Span: s.span, Expected: "≥ " + itoa(sum), Actual: itoa(s.value),
					Message: "正文称共公开信息 " + itoa(s.value) + " " + unit + "，其中各项之和为 " + itoa(sum) + " " + unit + "，分项之和大于总数", Fix: "核对总数与各分项"})
			case sum < s.value:
				p.ReportAs(Info, Finding{Span: s.span, Expected: itoa(s.value), Actual: itoa(sum),
					Message: "正文称共公开信息 " + itoa(s.value) + " " + unit + "，所列分项之和为 " + itoa(sum) + " " + unit + "（“其中”可能未列全）", Fix: "如分项应列全，请核对"})
			}
		})
	}
}

func runX09(p *Pass) {
	type seen struct {
		s    stated
		part int
	}
	var all []seen
	for pi := range p.Doc.Parts {
		part := &p.Doc.Parts[pi]
		if part.Section != 1 && part.Section != 2 {
			continue
		}
		t := part.Prose.Text
		p.eachIn(&part.Prose, "主动公开", func(i int) {
			j := i + len("主动公开")
			rest := strings.TrimPrefix(t[j:], "政府")
			if !strings.HasPrefix(rest, "信息") {
				return
			}
			j = len(t) - len(rest) + len("信息")
			if s, ok := countAfter(&part.Prose, j, 1, "条", "件"); ok {
				all = append(all, seen{s, part.Section})
			}
		})
	}
	for i := 1; i < len(all); i++ {
		if all[i].s.value != all[0].s.value {
			p.Report(Finding{Span: all[i].s.span, Expected: itoa(all[0].s.value), Actual: itoa(all[i].s.value),
				Message: "主动公开政府信息条数前后不一：前文为 " + itoa(all[0].s.value) + "，此处为 " + itoa(all[i].s.value), Fix: "统一为正确的数字"})
		}
	}
}

func runX10(p *Pass) {
	t2 := p.Doc.T2
	if t2 == nil || t2.Style != "2021" {
		return
	}
	for _, pr := range narrative(p.Doc, -1, 1, 2) {
		t := pr.Text
		// "制发/印发…行政规范性文件N件", "…规章N件"
		for _, item := range []struct{ kw, row string }{{"规范性文件", "normative"}, {"规章", "rules"}} {
			p.eachIn(pr, item.kw, func(i int) {
				cs := clauseStart(t, i)
				lead := t[cs:i]
				verb := false
				for _, v := range []string{"制发", "印发", "出台", "制定"} {
					if strings.Contains(lead, v) {
						verb = true
					}
				}
				if !verb || runesBetween(t, cs, i) > 10 {
					return
				}
				s, ok := countAfter(pr, i+len(item.kw), 1, "件")
				if !ok {
					return
				}
				want, ok := cellValue(t2, item.row, "issued")
				if !ok || float64(s.value) == want {
					return
				}
				f := Finding{Span: s.span, Table: "active", Row: item.row, Column: "issued",
					Message: "正文称制发" + item.kw + " " + itoa(s.value) + " 件，表二本年制发件数为 " + fmtNum(want)}
				textVsTable(p, &f, t2, []cellRef{{item.row, "issued"}}, want, float64(s.value), itoa(s.value), toTable(itoa(s.value), want))
				p.Report(f)
			})
		}
		// "无行政许可、处罚、强制、收费等职责/事项" while the table has numbers.
		for _, neg := range []string{"无", "不涉及", "未涉及", "没有"} {
			p.eachIn(pr, neg, func(i int) {
				end := i + len(neg)
				if neg == "无" && strings.HasPrefix(t[end:], "法") {
					return
				}
				_, se := sentenceAt(t, end)
				clause := t[end:se]
				if k := strings.IndexAny(clause, ",，"); k >= 0 && !strings.Contains(clause[:k], "、") {
					clause = clause[:k]
				}
				// Only "无…许可、处罚…等职责/职能/事项" or "不涉及…": a sentence
				// such as "无行政许可超期情况" says nothing about the count.
				if neg == "无" || neg == "没有" {
					if !(strings.Contains(clause, "职责") || strings.Contains(clause, "职能") || strings.Contains(clause, "权限") || strings.HasSuffix(clause, "等事项") || strings.HasSuffix(clause, "事项")) {
						return
					}
				}
				for _, it := range []struct{ kw, row, col string }{
					{"许可", "license", "decisions"}, {"处罚", "penalty", "decisions"}, {"强制", "coercion", "decisions"}, {"收费", "fees", "amount_wan"},
				} {
					if !strings.Contains(clause, it.kw) {
						continue
					}
					v, ok := cellValue(t2, it.row, it.col)
					if !ok || v == 0 {
						continue
					}
					c := t2.Cell(it.row, it.col)
					f := Finding{Span: pr.Span(i, end), Table: "active", Row: it.row, Column: it.col,
						Message: "正文称无" + rowLabel(t2, it.row) + "事项，表二“" + rowLabel(t2, it.row) + "”却为 " + c.Raw}
					textVsTable(p, &f, t2, []cellRef{{it.row, it.col}}, v, 0, "0", "正文应写明"+rowLabel(t2, it.row)+"的实际数")
					f.Expected = c.Raw
					p.Report(f)
				}
			})
		}
	}
}

func runX11(p *Pass) {
	if p.Facts.Year != 0 && p.Facts.Year < 2021 {
		return
	}
	n, ok := t3Total(p.Doc, "other_2")
	if !ok || n == 0 {
		return
	}
	part := p.Doc.Section(6)
	var t string
	if part != nil {
		t = part.Prose.Text
	}
	i := strings.Index(t, "收费通知")
	if i < 0 {
		sp := p.Doc.T3.Start
		if part != nil {
			sp = p.Doc.Headings[part.Heading].Span
		}
		p.Report(Finding{Span: sp, Table: "applications", Row: "other_2", Column: "c_total", Actual: fmtNum(n),
			Message: "表三“（六）2.申请人逾期未按收费通知要求缴纳费用”为 " + fmtNum(n) + " 件，说明发出过收费通知，但第六部分未报告收费通知的件数和金额", Fix: "在第六部分写明发出收费通知的件数和总金额以及实际收取的总金额"})
		return
	}
	ss, se := sentenceAt(t, i)
	sent := t[ss:se]
	if strings.Contains(sent, "未发出") || strings.Contains(sent, "均为0") || strings.Contains(sent, "为0件") || strings.Contains(sent, "没有发出") {
		f := Finding{Span: part.Prose.Span(ss, se), Table: "applications", Row: "other_2", Column: "c_total",
			Message: "第六部分称未发出收费通知（或为0），但表三“（六）2.申请人逾期未按收费通知要求缴纳费用”为 " + fmtNum(n) + " 件"}
		textVsTable(p, &f, p.Doc.T3, []cellRef{{"other_2", "c_total"}}, n, 0, "0", "第六部分应写明发出收费通知的件数和总金额以及实际收取的总金额")
		p.ReportAs(Error, f)
	}
}

func runX12(p *Pass) {
	t2 := p.Doc.T2
	v, ok := cellValue(t2, "fees", "amount_wan")
	if !ok || v == 0 {
		return
	}
	for _, pr := range narrative(p.Doc, -1, 1, 2, 6) {
		p.eachIn(pr, "行政事业性收费", func(i int) {
			s, ok := countAfter(pr, i+len("行政事业性收费"), 8, "元")
			if !ok || float64(s.value) != v {
				return
			}
			p.Report(Finding{Span: s.span, Table: "active", Row: "fees", Column: "amount_wan", Expected: fmtNum(v/10000) + "（万元）", Actual: fmtNum(v),
				Message: "正文行政事业性收费为 " + itoa(s.value) + " 元，表二（单位：万元）填的是同一个数 " + fmtNum(v) + "，可能把元当成了万元", Fix: "表二按万元填写：" + itoa(s.value) + " 元 = " + fmtNum(float64(s.value)/10000) + " 万元"})
		})
	}
}

func runX13(p *Pass) {
	t3 := p.Doc.T3
	if t3 == nil || t3.Scrambled || t3.ReadRows() == 0 {
		return
	}
	allZero := true
	eachCell(p.Doc, func(t *parse.Table, row, col string, c *parse.Cell) {
		if t == t3 && c.Known() && c.Num.Value != 0 {
			allZero = false
		}
	})
	if !allZero {
		return
	}
	for _, c := range findAppCounts(p) {
		if c.value > 0 {
			p.Report(Finding{Span: c.span, Table: "applications", Actual: itoa(c.value), Expected: "0",
				Message: "表三全部为0或空白，正文却称收到申请 " + itoa(c.value) + " 件", Fix: "核对正文与表三：确有申请的，按实际办理情况填报表三；没有的，改正正文"})
			return
		}
	}
}

// channelWords name how an application arrived: a sentence with one of
// them counts only part of the applications.
var channelWords = []string{"网上", "网络", "在线", "信函", "邮寄", "当面", "现场", "窗口", "传真", "电子邮件", "邮件", "平台", "其中"}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// toTable: the fix of a count in the text when the table is confirmed.
func toTable(text string, table float64) string {
	return "将正文的 " + text + " 件改为 " + fmtNum(table) + " 件"
}

// groupCells: the five cells of a 表四 group.
func groupCells(row string) []cellRef {
	var out []cellRef
	for _, c := range format.T4Columns {
		out = append(out, cellRef{row, c.ID})
	}
	return out
}
