package rules

import (
	"strings"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

// Table completeness and values, format-spec.md §6.3.

var T01 = &Rule{
	ID: "T01", Name: "table-present", Title: "三张表齐全", Severity: Error,
	Doc:   "表二（主动公开）、表三（依申请公开）、表四（复议诉讼）都应有",
	Basis: format.Basis30 + " 年度报告格式 二、三、四",
	Run:   runT01,
}

var T02 = &Rule{
	ID: "T02", Name: "t2-shape", Title: "表二结构", Severity: Error,
	Levels: levelsShape,
	Doc:    "表二应有第二十条第（一）（五）（六）（八）项四个栏目及其各行各列",
	Basis:  format.Basis30 + " 表二",
	Run:    func(p *Pass) { runShape(p, p.Doc.T2) },
}

var T03 = &Rule{
	ID: "T03", Name: "t3-shape", Title: "表三结构", Severity: Error,
	Levels: levelsShape + "；表头缺少勾稽关系注：提示",
	Doc:    "表三应有7列（自然人、五类法人或其他组织、总计）和25行（2019/2020年为23行），每行7个数",
	Basis:  format.Basis30 + " 表三",
	Run:    func(p *Pass) { runShape(p, p.Doc.T3) },
}

var T04 = &Rule{
	ID: "T04", Name: "t4-shape", Title: "表四结构", Severity: Error,
	Levels: levelsShape,
	Doc:    "表四应有15个数：行政复议5个、未经复议直接起诉5个、复议后起诉5个",
	Basis:  format.Basis30 + " 表四",
	Run:    func(p *Pass) { runShape(p, p.Doc.T4) },
}

var T05 = &Rule{
	ID: "T05", Name: "cell-blank", Title: "表格空白格", Severity: Warning,
	Doc:   "表格中的数不能空白或填“/”“—”：空白不等于0",
	Basis: format.Basis30 + " 表格各项均须填报",
	Run:   runT05,
}

var T06 = &Rule{
	ID: "T06", Name: "count-integer", Title: "件数为非负整数", Severity: Error,
	Doc:   "件数必须是非负整数",
	Basis: format.Basis30 + " 表二至表四（件数）",
	Run:   runT06,
}

var T07 = &Rule{
	ID: "T07", Name: "fee-amount", Title: "表二收费金额", Severity: Error,
	Levels: "超过 4 位小数：警告",
	Doc:    "表二行政事业性收费金额以万元为单位，为非负数，最多4位小数",
	Basis:  format.Basis30 + " 表二“本年收费金额（单位：万元）”",
	Run:    runT07,
}

var T08 = &Rule{
	ID: "T08", Name: "label-text", Title: "表三行标签文字", Severity: Info,
	Doc:   "表格行标签应与规定文字一致",
	Basis: format.Basis30 + " 表格样式",
	Run:   runT08,
}

func runT01(p *Pass) {
	d := p.Doc
	for _, x := range []struct {
		t   *parse.Table
		id  string
		sec int
	}{{d.T2, "active", 2}, {d.T3, "applications", 3}, {d.T4, "review", 4}} {
		if x.t != nil {
			continue
		}
		sp := source.NoSpan
		if part := d.Section(x.sec); part != nil {
			sp = d.Headings[part.Heading].Span
		}
		// identity: a table missing with its whole section is explained
		// by S01's finding on the section (one cause, one fix).
		f := Finding{Span: sp, Table: x.id, identity: headKey("T01", x.sec), Message: "未找到" + TableName(x.id) + "（" + officialTitle(x.sec) + "的统计表）", Fix: "按 30号 格式填报" + TableName(x.id)}
		if p.Doc.PageAt != nil && sp.Valid() {
			// A PDF whose section is there but whose text lacks the
			// table: it is often there as a picture (a scanned or pasted
			// image), which has no text.
			f.Kind = KindReading
			f.Message = "未能在 PDF 的文字中找到" + TableName(x.id) + "（" + officialTitle(x.sec) + "的统计表）：表格可能是图片，本检查无法读取"
		}
		p.Report(f)
	}
}

func runShape(p *Pass, t *parse.Table) {
	if t == nil {
		return
	}
	name := TableName(t.ID)
	scrambled := false
	var missing []string         // rows not found at all
	var fused []parse.Problem    // rows read from digits run together
	var fusedBad []parse.Problem // rows whose run-together digits could not be split
	for _, pr := range t.Problems {
		if pr.Kind == parse.RowMissing {
			missing = append(missing, pr.Row)
		}
	}
	// One row the reader could not read is the one cause of the note
	// that identities through it cannot be checked (A rules): that note
	// is explained by it. With several such rows the note stays apart.
	unreadCauses := 0
	fusedSpans := map[source.Span]bool{}
	for _, pr := range t.Problems {
		switch pr.Kind {
		case parse.RowShort, parse.RowLong, parse.Unsure:
			unreadCauses++
		case parse.RowFusedBad:
			fusedSpans[pr.Span] = true
		}
	}
	unreadCauses += len(fusedSpans)
	if len(missing) > 3 {
		unreadCauses++
	} else {
		unreadCauses += len(missing)
	}
	var explainsUnread []string
	if unreadCauses == 1 {
		explainsUnread = unreadKeys(t.ID)
	}
	for _, pr := range t.Problems {
		f := Finding{Span: pr.Span, Table: t.ID, Row: pr.Row, explains: explainsUnread}
		label := ""
		if pr.Row != "" {
			label = "“" + rowLabel(t, pr.Row) + "”"
		}
		// A shortfall where the reader placed the numbers itself (a PDF,
		// a space-aligned, one-line or converted copy) is its doubt, not
		// the report's error; where the file's writer drew the cells (a
		// .docx or web-page table, tabs of a Word/WPS copy) it is certain.
		certain := t.Certain(pr.Row)
		switch pr.Kind {
		case parse.RowShort, parse.RowLong, parse.RowMissing, parse.Stray, parse.NoValues:
			if !certain {
				f.Kind = KindReading
			}
		}
		switch pr.Kind {
		case parse.Scrambled:
			scrambled = true
			f.Kind = KindReading
			f.Message = name + "无法可靠读取：" + pr.Text + "。文字可能是从 PDF 按阅读顺序复制的，行列已错位；为免误报，未对该表做勾稽检查"
			p.ReportAs(Warning, f)
		case parse.RowShort:
			f.Expected, f.Actual = itoa(pr.Want)+" 个数", itoa(pr.Count)+" 个数"
			if !certain {
				f.Message = name + label + "只读到 " + itoa(pr.Count) + " 个数（" + pr.Text + "），应有 " + itoa(pr.Want) + " 个。" + readFrom(t, pr.Row) + "，本检查无法确定缺的是哪一格，也可能是复制或转换时丢了数字，不一定是报告本身的问题；该行未参与核对"
				p.Report(f)
				continue
			}
			f.Message = name + label + "只读到 " + itoa(pr.Count) + " 个数（" + pr.Text + "），应有 " + itoa(pr.Want) + " 个；无法确定缺的是哪一列，该行不参与核对"
			f.Fix = "补全该行缺失的格子（没有请填0）"
			p.Report(f)
		case parse.RowLong:
			f.Expected, f.Actual = itoa(pr.Want)+" 个数", itoa(pr.Count)+" 个数"
			if !certain {
				f.Message = name + label + "读到 " + itoa(pr.Count) + " 个数（" + pr.Text + "），应为 " + itoa(pr.Want) + " 个。" + readFrom(t, pr.Row) + "，本检查无法确定各数所在的列，不一定是报告本身的问题；该行未参与核对"
				p.Report(f)
				continue
			}
			f.Message = name + label + "读到 " + itoa(pr.Count) + " 个数（" + pr.Text + "），应为 " + itoa(pr.Want) + " 个；无法确定各数所在的列，该行不参与核对"
			f.Fix = "核对该行是否多出或错入了格子"
			p.Report(f)
		case parse.Unsure:
			var names []string
			ids := strings.Fields(pr.Text)
			for _, id := range ids {
				names = append(names, "“"+rowLabel(t, id)+"”")
			}
			if len(ids) == 1 {
				f.Row = ids[0]
			}
			f.Kind = KindReading
			f.Message = name + "无法可靠读取" + strings.Join(names, "、") + "：文字可以按不止一种方式对应到表格的行列（空行是空白格还是分隔、数字连在一起时如何拆分），为免误报，这些行未读取、未做勾稽检查"
			p.ReportAs(Warning, f)
		case parse.RowMissing:
			if scrambled {
				continue
			}
			if len(missing) > 3 {
				// Half a table: one finding naming every missing row, not a
				// screenful of them.
				if pr.Row == missing[0] {
					var names []string
					for _, id := range missing {
						names = append(names, "“"+rowLabel(t, id)+"”")
					}
					f.Message = name + "缺少 " + itoa(len(missing)) + " 行：" + strings.Join(names, "、") + "。表格可能只复制了一部分"
					f.Expected = itoa(len(t.Rows)) + " 行"
					f.Fix = "按规定格式补全表格（没有的数请填0）"
					if !certain {
						f.Message = name + "有 " + itoa(len(missing)) + " 行未能读到：" + strings.Join(names, "、") + "。" + readFrom(t, "") + "，这些行可能在原件中只是未能读出，也可能只复制了表格的一部分"
					}
					p.Report(f)
				}
				continue
			}
			f.Message = name + "缺少" + label + "一行"
			f.Expected = rowLabel(t, pr.Row)
			f.Fix = "按规定格式补上该行（没有请填0）"
			if !certain {
				f.Message = name + "未能读到" + label + "一行。" + readFrom(t, pr.Row) + "，该行可能在原件中只是未能读出"
			}
			p.Report(f)
		case parse.RowFusedBad:
			fusedBad = append(fusedBad, pr)
		case parse.RowFused:
			fused = append(fused, pr)
		case parse.Stray:
			f.Actual = pr.Text
			f.Message = name + "中有无法归属任何一行的数字“" + pr.Text + "”，已忽略"
			f.Fix = "核对该处是否多出了数字（如页码、序号）"
			if !certain {
			}
			p.ReportAs(Warning, f)
		case parse.NoValues:
			f.Message = name + "只有表头，没有读到任何数字"
			f.Fix = "填报表中各项数字"
			if !certain {
				f.Message = name + "只读到表头，没有读到任何数字（" + readFrom(t, "") + "）"
			}
			p.Report(f)
		case parse.LabelVariant:
			want := rowLabel(t, pr.Row)
			f.Expected, f.Actual = want, pr.Text
			f.Message = name + "行标签“" + pr.Text + "”与规定的“" + want + "”不同"
			f.Fix = "改为“" + want + "”"
			p.ReportAs(Warning, f)
		}
	}
	reportFused(p, t, fused)
	reportFusedBad(p, t, fusedBad, explainsUnread)
	switch t.ID {
	case "applications":
		if !strings.Contains(t.HeaderFold, "勾稽") && !strings.Contains(t.HeaderFold, "第一项加第二项") {
			p.ReportAs(Info, Finding{Span: t.Start, Table: t.ID, Message: "表三表头缺少勾稽关系注“" + format.NoteT3 + "”", Fix: "按规定格式保留表头注"})
		}
	case "review":
		// 行政诉讼 may be named by its two groups only (未经复议直接起诉, 复议后起诉).
		for _, k := range [][]string{{"行政复议"}, {"行政诉讼", "起诉"}} {
			found := false
			for _, w := range k {
				found = found || strings.Contains(t.HeaderFold, w)
			}
			if !found {
				p.Report(Finding{Span: t.Start, Table: t.ID, Message: "表四表头缺少“" + k[0] + "”", Fix: "按规定格式补全表头"})
			}
		}
	case "active":
		if t.Style == "2021" {
			var last int = -1
			for _, l := range t.Labels {
				for i, b := range format.T2Blocks2021 {
					if normalize.ContainsLoose(l.Text, b) {
						if i < last {
							p.Report(Finding{Span: l.Span, Table: t.ID, Message: "表二栏目“" + l.Text + "”顺序不对，应按第二十条第（一）（五）（六）（八）项排列", Fix: "调整栏目顺序"})
						}
						last = i
					}
				}
			}
		}
	}
}

// eachCell visits the cells read, table by table, in row and column order.
func eachCell(d *parse.Doc, fn func(t *parse.Table, row, col string, c *parse.Cell)) {
	for _, t := range []*parse.Table{d.T2, d.T3, d.T4} {
		if t == nil {
			continue
		}
		for r := range t.NumRows() {
			cells, cols, id := t.CellsAt(r), t.ColumnsAt(r), t.RowID(r)
			for i, c := range cells {
				fn(t, id, cols[i].ID, c)
			}
		}
	}
}

func runT05(p *Pass) {
	// One finding per row: a row of seven blanks is one problem, not seven.
	type key struct{ t, row string }
	blanks := map[key][]string{}
	first := map[key]*parse.Cell{}
	sure := map[key]bool{} // some blank of the row was seen, not inferred
	var order []key
	eachCell(p.Doc, func(t *parse.Table, row, col string, c *parse.Cell) {
		if !c.Blank() {
			return
		}
		k := key{t.ID, row}
		if _, ok := blanks[k]; !ok {
			order = append(order, k)
			first[k] = c
		}
		sure[k] = sure[k] || !c.Unsure
		what := colLabel(t, row, col)
		if c.Raw != "" {
			what += "（填“" + c.Raw + "”）"
		}
		blanks[k] = append(blanks[k], what)
	})
	for _, k := range order {
		t := tableOf(p.Doc, k.t)
		c := first[k]
		cols := blanks[k]
		f := Finding{Span: c.Span, Table: k.t, Row: k.row, Actual: "空白",
			Message: TableName(k.t) + "“" + rowLabel(t, k.row) + "”行 " + strings.Join(cols, "、") + " 为空白。空白不等于0，请填写0或实际数",
			Fix:     "填写0或实际数"}
		if len(cols) == 1 {
			for i, cl := range t.Columns(k.row) {
				if cells := t.RowCells(k.row); i < len(cells) && cells[i] == c {
					f.Column = cl.ID
				}
			}
			if c.Raw != "" {
				f.Actual = c.Raw
			}
		}
		// The notes that identities cannot be checked for these blanks
		// (A01–A03, A05–A08) are explained by this finding.
		evals := p.evaluations()
		for j := range evals {
			if e := &evals[j]; len(e.blank) > 0 && e.id.table.ID == k.t && e.blank[0].row == k.row && !e.unread && !e.bad && !e.settled {
				f.explains = append(f.explains, blankKey(e.id))
			}
		}
		if !sure[k] {
			// Blanks the reader inferred (placed by the columns of the rows
			// around them, or an empty line read as a cell): not seen.
			f.Kind = KindReading
			f.Message = TableName(k.t) + "“" + rowLabel(t, k.row) + "”行 " + strings.Join(cols, "、") + " 为空白（读取时推断：" + inferredWhy(c) + "）。空白不等于0；若原件该格确实空白，请填写0或实际数"
		}
		p.Report(f)
	}
}

func tableOf(d *parse.Doc, id string) *parse.Table {
	switch id {
	case "active":
		return d.T2
	case "applications":
		return d.T3
	}
	return d.T4
}

func signedCol(t *parse.Table, row, col string) bool {
	if t.ID != "active" || t.Style != "2019" {
		return false
	}
	for _, r := range format.T2Rows2019 {
		if r.ID == row {
			for _, s := range r.Signed {
				if s == col {
					return true
				}
			}
		}
	}
	return false
}

func isAmount(t *parse.Table, row, col string) bool {
	return t.ID == "active" && (col == "amount_wan" || col == "amount")
}

func runT06(p *Pass) {
	eachCell(p.Doc, func(t *parse.Table, row, col string, c *parse.Cell) {
		if isAmount(t, row, col) || c.Blank() {
			return
		}
		n := c.Num
		bad := ""
		switch n.Kind {
		case normalize.Int:
			if n.Unit == normalize.UnitYuan || n.Unit == normalize.UnitWan {
				bad = "带有金额单位"
			}
		case normalize.Decimal:
			bad = "是小数"
		case normalize.Negative:
			if signedCol(t, row, col) {
				return
			}
			bad = "是负数或带正负号"
		case normalize.Text:
			bad = "不是数字"
		}
		if bad == "" {
			return
		}
		p.Report(Finding{Span: c.Span, Table: t.ID, Row: row, Column: col, Actual: c.Raw, Expected: "非负整数",
			Message: where(t, row, col) + "填的“" + c.Raw + "”" + bad + "，件数应为非负整数", Fix: "改为非负整数"})
	})
}

func runT07(p *Pass) {
	t := p.Doc.T2
	if t == nil {
		return
	}
	c := t.Cell("fees", "amount_wan")
	if c == nil || c.Blank() {
		return
	}
	n := c.Num
	f := Finding{Span: c.Span, Table: t.ID, Row: "fees", Column: "amount_wan", Actual: c.Raw}
	switch {
	case n.Kind == normalize.Text:
		f.Message, f.Expected, f.Fix = "表二行政事业性收费金额“"+c.Raw+"”不是数字", "非负数（万元）", "填写以万元为单位的金额"
		p.Report(f)
	case n.Kind == normalize.Negative:
		f.Message, f.Expected, f.Fix = "表二行政事业性收费金额“"+c.Raw+"”为负数", "非负数（万元）", "核对收费金额"
		p.Report(f)
	case n.Unit == normalize.UnitYuan:
		f.Message, f.Expected, f.Fix = "表二行政事业性收费金额以“元”填写，表头单位为万元", "以万元为单位", "换算为万元（除以10000）后填写"
		p.Report(f)
	case n.Decimals > 4:
		f.Message, f.Expected, f.Fix = "表二行政事业性收费金额“"+c.Raw+"”有 "+itoa(int(n.Decimals))+" 位小数，以万元计最多4位（即精确到元）", "最多4位小数", "四舍五入到4位小数"
		p.ReportAs(Warning, f)
	}
}

func runT08(p *Pass) {
	t := p.Doc.T3
	if t == nil {
		return
	}
	for _, r := range t.Rows {
		tok, ok := t.RowLabel(r.ID)
		if !ok {
			continue
		}
		got := tok.Fold()
		// Start at the row's own number: a copy may glue a group label
		// fragment in front ("予处理4.无正当理由大量反复").
		want, ok := foldedT3Labels[r.Label]
		if !ok {
			want = normalize.Label(r.Label)
		}
		if n := numberPrefix(want); n != "" {
			if i := strings.Index(got, n); i > 0 {
				got = got[i:]
			}
		}
		if strings.HasPrefix(got, want) || strings.Contains(got, want) {
			continue
		}
		if strings.HasPrefix(want, got) {
			// A shortened label. In a copy split into cells the cell holds
			// the whole label, so "（二）部分公开" lacks its parenthetical;
			// in running PDF text the rest may be on the next line.
			line, _ := p.Doc.Src.Position(tok.Span.Start)
			if r.ID == "partial" && strings.ContainsAny(p.Doc.Src.Line(line), "\t|") && !strings.Contains(got, "区分") {
				p.Report(Finding{Span: tok.Span, Table: t.ID, Row: r.ID, Expected: r.Label, Actual: tok.Text,
					Message: "表三行标签“" + tok.Text + "”缺少规定的说明“（区分处理的，只计这一情形，不计其他情形）”", Fix: "改为“" + r.Label + "”"})
			}
			continue
		}
		// Only a label that starts like the official one is a typo; a
		// fragment of a wrapped label is not.
		if !strings.HasPrefix(got, want[:len(want)/3]) {
			continue
		}
		p.Report(Finding{Span: tok.Span, Table: t.ID, Row: r.ID, Expected: r.Label, Actual: tok.Text,
			Message: "表三行标签“" + tok.Text + "”与规定文字“" + r.Label + "”不一致", Fix: "改为“" + r.Label + "”"})
	}
}

// foldedT3Labels: the official 表三 row labels folded (normalize.Label),
// made once from the format's rows (never changed).
var foldedT3Labels = func() map[string]string {
	m := map[string]string{}
	for _, rows := range [][]format.Row{format.T3Rows2021, format.T3Rows2019} {
		for _, r := range rows {
			m[r.Label] = normalize.Label(r.Label)
		}
	}
	return m
}()

// numberPrefix returns "4." of "4.无正当理由…", or "".
func numberPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && s[i] == '.' {
		return s[:i+1]
	}
	return ""
}

// reportFused: one note for all the rows read from digits run together
// (a page scraped to one line loses every cell separator), saying which
// identities chose the split and so can no longer check it.
func reportFused(p *Pass, t *parse.Table, fused []parse.Problem) {
	if len(fused) == 0 {
		return
	}
	name := TableName(t.ID)
	var rows, settled []string
	for _, pr := range fused {
		label := "“" + rowLabel(t, pr.Row) + "”"
		if pr.Row == "" {
			label = "全表"
		}
		rows = append(rows, label)
		if cells := t.RowCells(pr.Row); len(cells) > 0 && cells[0].Settled {
			settled = append(settled, label)
		}
	}
	f := Finding{Span: fused[0].Span, Table: t.ID, Kind: KindReading}
	if len(fused) == 1 {
		f.Row = fused[0].Row
		f.Actual = fused[0].Text
	}
	how := "已按该行总计等于各项之和唯一拆分读取，该行的合计关系因此不能再作核对"
	switch t.ID {
	case "review":
		how = "已按各组总计等于各项之和唯一拆分读取，这些合计关系因此不能再作核对"
	case "active":
		how = "只有一种拆法，已按此读取"
	}
	f.Message = name + rows[0] + "的数字连在一起（“" + fused[0].Text + "”），格子间的分隔丢失；" + how
	if len(fused) > 1 {
		f.Message = name + "有 " + itoa(len(fused)) + " 行的数字连在一起（格子间的分隔丢失）：" + strings.Join(rows, "、") + "；" + how
	}
	if len(settled) > 0 {
		f.Message += "。其中" + strings.Join(settled, "、") + "有几种拆法都满足该行合计，已按表三各列的勾稽关系选定唯一一种，这些列的勾稽关系也不能再作核对"
	}
	p.ReportAs(Info, f)
}

// reportFusedBad: digits run together that no split, or more than one,
// fits. The copy lost the cell separators, so the report itself may well
// be right: a warning that the rows were not read, never a guessed value.
// One finding per run of digits, naming the rows it covers.
func reportFusedBad(p *Pass, t *parse.Table, bad []parse.Problem, explains []string) {
	name := TableName(t.ID)
	for i := 0; i < len(bad); {
		j := i + 1
		for j < len(bad) && bad[j].Span == bad[i].Span {
			j++
		}
		var rows []string
		for _, pr := range bad[i:j] {
			rows = append(rows, "“"+rowLabel(t, pr.Row)+"”")
		}
		pr := bad[i]
		what := "有多种拆法都能满足合计关系"
		switch {
		case t.ID == "active":
			what = "可以有多种拆法"
		case pr.Splits == 0:
			what = "没有一种拆法能满足合计关系（可能该行本身不平，也可能复制时丢了数字）"
		}
		f := Finding{Span: pr.Span, Table: t.ID, Actual: pr.Text, Kind: KindReading, explains: explains}
		if j-i == 1 {
			f.Row = pr.Row
		}
		f.Message = name + strings.Join(rows, "、") + "的数字连在一起（“" + pr.Text + "”），格子间的分隔丢失；" + what + "，无法可靠读出，未参与核对"
		p.ReportAs(Warning, f)
		i = j
	}
}

// levelsShape: the severities of T02–T04 (runShape) other than error.
const levelsShape = "格子由读取按位置划分（PDF、按空格对齐、一格一行、连成一行、转换工具生成的 Markdown）时的缺格、多格、缺行，表格无法可靠读取、有无法归属任何一行的数字、行标签与规定不同、数字连在一起无法拆开：警告；数字连在一起而拆法唯一：提示"

// readFrom says where the cells of a row ("" for the whole table) came
// from, for a reading doubt: "该表的格子来自按空格对齐的文字（…）".
func readFrom(t *parse.Table, row string) string {
	d := t.Delim
	if row != "" {
		d = t.RowDelim(row)
	}
	return "这部分表格读自" + d.How()
}

// inferredWhy says how the reader came to a blank it did not see.
func inferredWhy(c *parse.Cell) string {
	if c.Placed {
		return "按空格对齐的文字不留空格子的痕迹，按上下行的列位置推断该处为空格子"
	}
	return "原文此处只有一个空行（或只有制表符的行），按整张表的读法读作空格子，也可能只是分隔"
}
