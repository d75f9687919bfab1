//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/wasm/page"
)

// Everything user-derived (report text, agency, cell contents, messages
// quoting the report) reaches the DOM through textContent, title or data
// attributes only: never as markup.

func (a *app) showEmpty() {
	a.have, a.json, a.report, a.checked = false, nil, core.Report{}, ""
	a.body.SetAttribute("data-result", "none")
	a.byID("source").SetTextContent("")
	sum := a.byID("summary")
	sum.SetTextContent("")
	sum.Class().Remove("pass")
	sum.Class().Remove("fail")
	add(sum, a.el("p", "hint", "把报告全文粘贴到左侧（或拖入 .txt / .md / .html 文件），这里会立即列出问题。也可以先看看两个示例。"))
	f := a.byID("panel-findings")
	f.SetTextContent("")
	add(f, a.el("p", "empty", "尚无检查结果。"))
	t := a.byID("panel-tables")
	t.SetTextContent("")
	add(t, a.el("p", "empty", "粘贴报告后，这里按官方表格式样显示检查器从报告中读到的表二、表三、表四。"))
	a.setActions(false)
	a.hideLineMark()
	a.current = ""
	a.tablesStale = false
}

func (a *app) showInputError(e *core.InputError) {
	a.showEmpty()
	a.body.SetAttribute("data-result", "input-error")
	a.setStatus(e.Message, true)
	sum := a.byID("summary")
	sum.SetTextContent("")
	add(sum, a.el("p", "inerr", e.Message))
}

func (a *app) setActions(on bool) {
	for _, id := range []string{"copy", "download", "print"} {
		b := a.byID(id)
		if on {
			b.RemoveAttribute("disabled")
		} else {
			b.SetAttribute("disabled", "")
		}
	}
}

// render shows a.report: summary, findings, tables and the print header.
func (a *app) render() {
	r := a.report
	a.setActions(true)
	src := "来源：" + r.Source
	if r.Source == page.PasteName {
		src = "来源：粘贴的文字"
	}
	a.byID("source").SetTextContent(src)
	a.renderSummary(r)
	a.renderFindings(r)
	a.tablesStale = true
	if a.body.GetAttribute("data-tab") == "tables" {
		a.ensureTables()
	}
	a.renderPrintHead(r)
	result := "pass"
	if r.Summary.Error > 0 {
		result = "fail"
	}
	a.body.SetAttribute("data-result", result)
	a.hideLineMark()
}

// ensureTables draws the "as read" tables if the report changed since
// they were last drawn, and keeps the highlight on the same cell.
func (a *app) ensureTables() {
	if !a.tablesStale {
		return
	}
	a.tablesStale = false
	a.renderTables(a.report)
	if a.current != "" {
		if e := a.doc.GetElementByID(a.current); e != nil {
			e.Class().Add("current")
		} else {
			a.current = ""
			a.body.SetAttribute("data-current", "")
		}
	}
}

func (a *app) renderSummary(r core.Report) {
	s := page.Summarize(r)
	sum := a.byID("summary")
	sum.SetTextContent("")
	verdict := a.el("span", "verdict", "通过")
	sum.Class().Remove("fail")
	sum.Class().Add("pass")
	if !s.Pass {
		verdict.SetTextContent("未通过")
		sum.Class().Remove("pass")
		sum.Class().Add("fail")
	}
	facts := a.el("span", "facts", "")
	for _, kv := range [][2]string{{"格式", s.Format}, {"年度", s.Year}, {"机关", s.Agency}} {
		add(facts, add(a.el("span", "fact", ""), a.el("span", "k", kv[0]), a.el("span", "v", kv[1])))
	}
	counts := a.el("span", "counts", "")
	for _, c := range []struct {
		sev string
		n   int
	}{{"error", s.Error}, {"warning", s.Warning}, {"info", s.Info}} {
		cl := "count c-" + c.sev
		if c.n == 0 {
			cl += " zero"
		}
		add(counts, a.el("span", cl, page.SeverityName(c.sev)+" "+itoa(c.n)))
	}
	if r.Omitted > 0 {
		// Repeated problems are folded: the list stays short and the
		// page responsive whatever the text.
		add(counts, a.el("span", "count omitted", "另有 "+itoa(r.Omitted)+" 处同类问题未逐一列出"))
	}
	add(sum, verdict, counts, facts)
}

func (a *app) renderFindings(r core.Report) {
	panel := a.byID("panel-findings")
	panel.SetTextContent("")
	if len(r.Findings) == 0 {
		add(panel, a.el("p", "empty ok", "没有发现问题。"))
		return
	}
	for _, sev := range page.SeverityOrder {
		var idx []int
		for i, f := range r.Findings {
			if f.Severity == sev {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			continue
		}
		sec := a.el("section", "sev sev-"+sev, "")
		add(sec, add(a.el("h3", "", page.SeverityName(sev)+" "), a.el("span", "n", itoa(len(idx))+" 条")))
		list := a.el("ol", "flist", "")
		for _, i := range idx {
			add(list, a.finding(i, r.Findings[i]))
		}
		add(panel, add(sec, list))
	}
}

func (a *app) finding(i int, f core.Finding) *dom.BasicHTMLElement {
	li := a.el("li", "finding", "")
	li.SetAttribute("data-i", itoa(i))
	li.SetAttribute("data-rule", f.Rule)
	if f.Line > 0 {
		li.SetAttribute("data-line", itoa(f.Line))
	}
	jump := a.el("button", "jump", "")
	jump.SetAttribute("type", "button")
	head := add(a.el("span", "fhead", ""), a.el("span", "rule", f.Rule), a.el("span", "badge b-"+f.Severity, page.SeverityName(f.Severity)), a.el("span", "msg", f.Message))
	place := page.Place(f)
	if place == "" {
		place = "全文（无具体位置）"
	}
	add(jump, head, a.el("span", "place", place))
	if f.Line > 0 {
		jump.SetTitle("跳到原文第 " + itoa(f.Line) + " 行")
	} else {
		jump.SetTitle("此问题没有具体位置")
	}
	add(li, jump)
	dl := a.el("dl", "detail", "")
	item := func(k, v, cl string) {
		if v != "" {
			add(dl, add(a.el("div", cl, ""), a.el("dt", "", k), a.el("dd", "", v)))
		}
	}
	if f.Expected != "" || f.Actual != "" {
		item("期望", orDash(f.Expected), "exp")
		item("实际", orDash(f.Actual), "act")
	}
	item("修改", f.Fix, "fix")
	item("依据", f.Basis, "basis")
	add(li, dl)
	if f.Table != "" && f.Row != "" {
		to := a.el("button", "to-cell", "在表格中查看")
		to.SetAttribute("type", "button")
		add(li, to)
	}
	return li
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// cellID and rowID name the elements of the "as read" tables.
func cellID(table, row, col string) string { return "c-" + table + "-" + row + "-" + col }
func rowID(table, row string) string       { return "r-" + table + "-" + row }

func (a *app) renderTables(r core.Report) {
	panel := a.byID("panel-tables")
	panel.SetTextContent("")
	grids := page.Grids(r)
	add(panel, a.el("p", "legend", "按官方式样重建检查器读到的表格。空白格保持空白（不计为 0），“/”等占位符按原样显示；红框为错误，黄框为警告。点击格子可跳到原文位置。"))
	have := map[string]bool{}
	for _, g := range grids {
		have[g.ID] = true
	}
	for _, id := range page.TableIDs {
		if !have[id] {
			add(panel, a.el("h3", "", page.TableTitle(id)), a.el("p", "missing-table", "未能读到此表。"))
			continue
		}
		for _, g := range grids {
			if g.ID == id {
				add(panel, a.grid(g, r.Findings))
			}
		}
	}
}

func (a *app) grid(g page.Grid, findings []core.Finding) *dom.BasicHTMLElement {
	box := a.el("section", "grid", "")
	box.SetAttribute("id", "t-"+g.ID)
	add(box, a.el("h3", "", g.Title))
	wrap := a.el("div", "tablewrap", "")
	wrap.SetAttribute("tabindex", "0")
	wrap.SetAttribute("role", "region")
	wrap.SetAttribute("aria-label", g.Title)
	table := a.el("table", "asread t-"+g.ID, "")
	for _, s := range g.Sections {
		if s.Caption != "" {
			tr := a.el("tr", "caption", "")
			th := a.el("th", "", s.Caption)
			th.SetAttribute("colspan", itoa(len(s.Cols)+1))
			th.SetAttribute("scope", "colgroup")
			add(table, add(a.el("tbody", "", ""), add(tr, th)))
		}
		head := a.el("tr", "", "")
		corner := a.el("th", "corner", s.Corner)
		corner.SetAttribute("scope", "col")
		add(head, corner)
		for _, c := range s.Cols {
			th := a.el("th", "", c.Label)
			th.SetAttribute("scope", "col")
			add(head, th)
		}
		add(table, add(a.el("thead", "", ""), head))
		body := a.el("tbody", "", "")
		for _, row := range s.Rows {
			add(body, a.gridRow(g.ID, s, row, findings))
		}
		add(table, body)
	}
	return add(box, add(wrap, table))
}

func (a *app) gridRow(table string, s page.Section, row page.Row, findings []core.Finding) *dom.BasicHTMLElement {
	tr := a.el("tr", "", "")
	tr.SetAttribute("id", rowID(table, row.ID))
	th := a.el("th", "", row.Label)
	th.SetAttribute("scope", "row")
	if row.Header {
		tr.Class().Add("group")
	}
	if len(row.Marked) > 0 {
		tr.Class().Add("marked-" + worst(row.Marked, findings))
		var tips []string
		for _, i := range row.Marked {
			tips = append(tips, findings[i].Rule+" "+findings[i].Message)
		}
		th.SetTitle(strings.Join(tips, "\n"))
	}
	add(tr, th)
	if row.Cells == nil { // a group label without sub-totals
		th.SetAttribute("colspan", itoa(len(s.Cols)+1))
		return tr
	}
	for _, gc := range row.Cells {
		td := a.el("td", "", "")
		td.SetAttribute("id", cellID(table, row.ID, gc.Col))
		switch {
		case gc.Cell == nil:
			td.Class().Add("missing")
		case gc.Cell.Value == nil:
			td.Class().Add("blank")
			td.SetTextContent(gc.Cell.Raw)
		default:
			td.SetTextContent(gc.Cell.Raw)
		}
		if gc.Cell != nil {
			td.SetAttribute("data-line", itoa(gc.Cell.Line))
			td.SetAttribute("data-col", itoa(gc.Cell.Col))
			td.SetAttribute("data-len", itoa(len(utf16(gc.Cell.Raw))))
		}
		tip := page.CellTip(gc, findings)
		td.SetTitle(tip)
		if len(gc.Findings) > 0 {
			td.Class().Add("bad-" + worst(gc.Findings, findings))
			td.SetAttribute("tabindex", "0")
			td.SetAttribute("data-tip", tip)
			td.SetAttribute("aria-label", page.ColumnLabel(table, gc.Col)+"："+cellText(gc)+"。"+strings.ReplaceAll(tip, "\n", "；"))
		}
		add(tr, td)
	}
	return tr
}

// worst is the most serious severity among findings.
func worst(idx []int, findings []core.Finding) string {
	w := "info"
	for _, i := range idx {
		switch findings[i].Severity {
		case "error":
			return "error"
		case "warning":
			w = "warning"
		}
	}
	return w
}

func cellText(gc page.GridCell) string {
	if gc.Cell == nil || strings.TrimSpace(gc.Cell.Raw) == "" {
		return "空白"
	}
	return gc.Cell.Raw
}

func utf16(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			out = append(out, 0, 0)
		} else {
			out = append(out, 0)
		}
	}
	return out
}

func (a *app) renderPrintHead(r core.Report) {
	src := r.Source
	if src == page.PasteName {
		src = "粘贴的文字"
	}
	a.byID("print-source").SetTextContent(src)
	// The browser formats the local date and time (and spares the wasm
	// Go's time formatting).
	now := js.Global().Get("Date").New()
	a.byID("print-time").SetTextContent(now.Call("toLocaleString", "zh-CN", map[string]any{"hour12": false}).String())
}

// renderRules fills the rule ledger once: every rule of core.Rules(),
// grouped by letter.
func (a *app) renderRules() {
	panel := a.byID("panel-rules")
	panel.SetTextContent("")
	rules := core.Rules()
	add(panel, a.el("p", "legend", "共 "+itoa(len(rules))+" 条规则（"+page.RulesetStamp()+"）。规则号永不复用；每条问题都注明所依据的规则。"))
	group := ""
	var body *dom.BasicHTMLElement
	for _, r := range rules {
		if g := page.RuleGroup(r.ID); g != group {
			group = g
			add(panel, a.el("h3", "", g))
			table := a.el("table", "ledger", "")
			head := a.el("tr", "", "")
			for _, h := range []string{"规则", "级别", "名称", "检查内容", "依据"} {
				th := a.el("th", "", h)
				th.SetAttribute("scope", "col")
				add(head, th)
			}
			body = a.el("tbody", "", "")
			add(panel, add(table, add(a.el("thead", "", ""), head), body))
		}
		tr := a.el("tr", "", "")
		tr.SetAttribute("id", "rule-"+r.ID)
		id := a.el("th", "rid", r.ID)
		id.SetAttribute("scope", "row")
		sev := add(a.el("td", "rsev", ""), a.el("span", "badge b-"+r.Severity, page.SeverityName(r.Severity)))
		add(body, add(tr, id, sev, a.el("td", "rname", r.Name), a.el("td", "rdoc", r.Doc), a.el("td", "rbasis", r.Basis)))
	}
}
