//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/wasm/page"
)

// Everything user-derived (report text, agency, cell contents, messages
// quoting the report) reaches the DOM through textContent, title or data
// attributes only: never as markup.

func (a *app) showEmpty() {
	a.drawSeq++ // a drawing still under way stops
	a.gen++     // and the underlines of the report drawn no more
	a.cardsPending, a.marksPending = false, false
	a.have, a.json, a.report, a.checked = false, nil, core.Report{}, ""
	a.body.SetAttribute("data-result", "none")
	a.byID("source").SetTextContent("")
	sum := a.byID("summary")
	sum.SetTextContent("")
	sum.Class().Remove("pass")
	sum.Class().Remove("fail")
	add(sum, a.el("p", "hint", "把报告全文粘贴到输入框中（或把 .docx / .html / .txt 文件拖进去），这里会立即列出问题。也可以先看看两个示例。"))
	f := a.byID("panel-findings")
	f.SetTextContent("")
	add(f, a.el("p", "empty", "尚无检查结果。"))
	t := a.byID("panel-tables")
	t.SetTextContent("")
	add(t, a.el("p", "empty", "粘贴报告后，这里按官方表格式样显示检查器从报告中读到的表二、表三、表四。"))
	a.setActions(false)
	a.cards = nil
	a.current = ""
	a.tablesStale = false
	a.drawMirror()
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
	a.marksPending = a.slowDraw // drawn last (below), after a stepped check on a task of its own
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
	a.gen++
	if !a.slowDraw {
		a.drawMirror()
		return
	}
	// After a stepped check the underlines are drawn on a task of their
	// own (the lines in sight are laid out again), unless a newer report
	// is shown by then. The check ends when they and the cards are drawn.
	gen := a.gen
	a.body.SetAttribute("data-drawing", "1")
	go func() {
		time.Sleep(time.Millisecond)
		if a.gen != gen {
			return // a newer report is shown: its drawing says when it is done
		}
		a.drawMirror()
		a.marksPending = false
		a.drawDone()
	}()
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
		add(counts, a.el("span", cl, core.SeverityName(c.sev)+" "+itoa(c.n)))
	}
	if s.Reading > 0 {
		// The checker's own doubts: counted apart, never in the verdict.
		add(counts, a.el("span", "count c-reading", "读取提示 "+itoa(s.Reading)))
	}
	if r.Omitted > 0 {
		// Repeated problems are folded: the list stays short and the
		// page responsive whatever the text.
		add(counts, a.el("span", "count omitted", "另有 "+itoa(r.Omitted)+" 处同类问题未逐一列出"))
	}
	add(sum, verdict, counts)
	// The counts count problems as listed (cards: a cause with what it
	// explains is one); say how many findings they hold when they differ.
	if n := len(core.Cards(r)); n < len(r.Findings) {
		add(sum, a.el("span", "ncards", "共 "+itoa(n)+" 处问题（"+itoa(len(r.Findings))+" 条检查结果，相关的已合并）"))
	}
	add(sum, facts)
	add(sum, a.prevLine())
}

func (a *app) renderFindings(r core.Report) {
	a.drawSeq++ // a drawing still under way (renderCards) stops
	a.cardsPending = false
	panel := a.byID("panel-findings")
	panel.SetTextContent("")
	a.cards = core.Cards(r)
	if len(r.Findings) == 0 {
		add(panel, a.el("p", "empty ok", "没有发现问题。"))
		a.drawDone()
		return
	}
	jobs := a.cardSections(panel, "h3", a.cards, r, true)
	if !a.slowDraw || len(jobs) <= firstCards {
		a.drawCards(jobs, a.cards, r, true)
		a.drawDone()
		return
	}
	a.renderCards(jobs, r)
}

// A long report's cards (hundreds, after a stepped check) are drawn in
// slices, each in a task of its own, so that no task of the page runs
// long: the first screenful at once, the rest drawSlice at a time, in
// order, into the lists already in place.
const (
	firstCards = 12
	drawSlice  = 15 * time.Millisecond
)

// cardJob is a card still to draw: card k, into list.
type cardJob struct {
	list *dom.BasicHTMLElement
	k    int
}

// renderCards draws the cards of jobs, the first firstCards now and the
// rest in slices; a newer drawing (drawSeq) ends it.
func (a *app) renderCards(jobs []cardJob, r core.Report) {
	seq := a.drawSeq
	cards := a.cards
	for _, j := range jobs[:firstCards] {
		add(j.list, a.card(j.k, cards[j.k], r, true))
	}
	a.cardsPending = true
	a.body.SetAttribute("data-drawing", "1")
	go func() {
		i := firstCards
		for i < len(jobs) {
			time.Sleep(time.Millisecond) // the browser runs its tasks
			if a.drawSeq != seq {
				return
			}
			t0 := time.Now()
			for i < len(jobs) && time.Since(t0) < drawSlice {
				add(jobs[i].list, a.card(jobs[i].k, cards[jobs[i].k], r, true))
				i++
			}
		}
		a.cardsPending = false
		a.drawDone()
	}()
}

// drawing: the report shown is still being drawn (its cards in slices,
// its underlines on a task of their own).
func (a *app) drawing() bool { return a.cardsPending || a.marksPending }

// drawDone is called when a part of the report shown is drawn: once all
// is, a stepped check ends (data-checking).
func (a *app) drawDone() {
	if a.drawing() {
		return
	}
	a.body.SetAttribute("data-drawing", "0")
	if a.running == 0 {
		a.body.SetAttribute("data-checking", "0")
	}
}

// cardSections lays out one card per problem (a cause with what it explains,
// the same problem on several rows) in the group of its most serious
// member, errors first, each group headed by heading (h3 in the single
// check, h4 under a report of the batch view); then, apart, the reading
// doubts (读取提示): places the checker could not read for certain, with
// what to look at. They are not the report's problems and never among its
// errors. It draws the sections and their lists and returns the cards to
// draw into them, in order (drawCards, renderCards).
func (a *app) cardSections(parent *dom.BasicHTMLElement, heading string, cards []core.Card, r core.Report, inText bool) []cardJob {
	var jobs []cardJob
	for _, sev := range page.SeverityOrder {
		var idx []int
		for k, c := range cards {
			if c.Severity == sev && !c.Reading {
				idx = append(idx, k)
			}
		}
		if len(idx) == 0 {
			continue
		}
		sec := a.el("section", "sev sev-"+sev, "")
		add(sec, add(a.el(heading, "", core.SeverityName(sev)+" "), a.el("span", "n", itoa(len(idx))+" 处")))
		list := a.el("ol", "flist", "")
		for _, k := range idx {
			jobs = append(jobs, cardJob{list, k})
		}
		add(parent, add(sec, list))
	}
	var idx []int
	for k, c := range cards {
		if c.Reading {
			idx = append(idx, k)
		}
	}
	if len(idx) == 0 {
		return jobs
	}
	sec := a.el("section", "sev sev-reading", "")
	add(sec, add(a.el(heading, "", "读取提示 "), a.el("span", "n", itoa(len(idx))+" 处")))
	add(sec, a.el("p", "gnote", "检查器未能确定读对的地方，不是报告的问题，不计入结论，也不进入整改清单。请打开报告原件（.docx 或 PDF 对应页）核对；从 Word 或 WPS 复制整张表格后粘贴，可以读得更准。"))
	list := a.el("ol", "flist", "")
	for _, k := range idx {
		jobs = append(jobs, cardJob{list, k})
	}
	add(parent, add(sec, list))
	return jobs
}

// drawCards draws at once the cards cardSections laid out.
func (a *app) drawCards(jobs []cardJob, cards []core.Card, r core.Report, inText bool) {
	for _, j := range jobs {
		add(j.list, a.card(j.k, cards[j.k], r, inText))
	}
}

// card draws one problem: a single line (severity, rule, title, message,
// line) that opens on click to where it is, what was expected and found,
// what it causes or where else it occurs, the fix and the basis. fs are
// the report's findings; inText: the report's text is in the paste area
// (a click jumps to the line), not so for a report of the batch view.
func (a *app) card(k int, c core.Card, r core.Report, inText bool) *dom.BasicHTMLElement {
	fs := r.Findings
	f := fs[c.Lead]
	li := a.el("li", "card finding", "")
	li.SetAttribute("data-card", itoa(k))
	li.SetAttribute("data-i", itoa(c.Lead))
	li.SetAttribute("data-rule", f.Rule)
	if f.Line > 0 {
		li.SetAttribute("data-line", itoa(f.Line))
	}
	id := "card-" + itoa(k)
	if !inText {
		id = "bcard-" + itoa(k)
	}
	body := a.el("div", "cbody", "")
	body.SetAttribute("id", id)
	body.SetAttribute("hidden", "")
	jump := a.el("button", "jump", "")
	jump.SetAttribute("type", "button")
	jump.SetAttribute("aria-expanded", "false")
	jump.SetAttribute("aria-controls", id)
	where := page.LinePlace(f)
	if len(c.Alike) > 0 {
		where += "等 " + itoa(1+len(c.Alike)) + " 处"
	}
	badge := a.el("span", "badge b-"+c.Severity, core.SeverityName(c.Severity))
	if c.Reading {
		li.Class().Add("reading")
		badge = a.el("span", "badge b-reading", "读取")
	}
	add(jump, badge, a.el("span", "rule", f.Rule),
		a.el("span", "title", a.title(f.Rule)), a.el("span", "msg", f.Message), a.el("span", "where", where))
	switch {
	case !inText:
		jump.SetTitle("展开详情")
	case f.Line > 0:
		jump.SetTitle("跳到原文第 " + itoa(f.Line) + " 行，并展开详情")
	default:
		jump.SetTitle("此问题涉及全文，没有具体位置；点击展开详情")
	}
	add(li, jump)

	place := page.Place(f)
	if place == "" {
		place = "全文（无具体位置）"
	}
	add(body, a.el("p", "place", place))
	if f.Severity != c.Severity && !c.Reading {
		// The cause of errors may itself be a hint (A04): say what it is.
		add(body, a.el("p", "own", "此条本身是"+core.SeverityName(f.Severity)+"，因导致了下列"+core.SeverityName(c.Severity)+"而列在这里。"))
	}
	dl := a.el("dl", "detail", "")
	item := func(dl *dom.BasicHTMLElement, k, v, cl string) {
		if v != "" {
			add(dl, add(a.el("div", cl, ""), a.el("dt", "", k), a.el("dd", "", v)))
		}
	}
	if f.Expected != "" || f.Actual != "" {
		item(dl, "期望", orDash(f.Expected), "exp")
		item(dl, "实际", orDash(f.Actual), "act")
		add(body, dl)
	}
	if len(c.Explained) > 0 {
		box := add(a.el("div", "caused", ""), a.el("p", "sub-h", "由此导致："))
		list := a.el("ul", "subs", "")
		for _, i := range c.Explained {
			add(list, a.sub(i, fs[i], false, inText))
		}
		add(body, add(box, list))
	}
	if len(c.Alike) > 0 {
		head := "同样的问题共 " + itoa(1+len(c.Alike)) + " 行（点击跳到该行）："
		if !inText {
			head = "同样的问题共 " + itoa(1+len(c.Alike)) + " 行："
		}
		box := add(a.el("div", "alike", ""), a.el("p", "sub-h", head))
		list := a.el("ul", "subs rows", "")
		add(list, a.sub(c.Lead, f, true, inText))
		for _, i := range c.Alike {
			add(list, a.sub(i, fs[i], true, inText))
		}
		add(body, add(box, list))
	}
	dl2 := a.el("dl", "detail", "")
	if c.Reading {
		// The person checking must look: not a fix for the unit.
		item(dl2, "核对", core.ReadingAdvice(r, f), "fix")
	} else {
		item(dl2, "修改", f.Fix, "fix")
	}
	item(dl2, "依据", f.Basis, "basis")
	add(body, dl2)
	if f.Table != "" && f.Row != "" && inText {
		to := a.el("button", "to-cell", "在表格中查看")
		to.SetAttribute("type", "button")
		add(body, to)
	}
	return add(li, body)
}

// sub is a finding listed in a card: one it explains (rule, place and
// message, no fix of its own: the card's fix is the one to make), or a row
// with the same problem (row and line). It jumps to its line when the
// text is in the paste area (inText); else it is a plain line.
func (a *app) sub(i int, f core.Finding, row, inText bool) *dom.BasicHTMLElement {
	li := a.el("li", "sub", "")
	li.SetAttribute("data-i", itoa(i))
	li.SetAttribute("data-rule", f.Rule)
	if f.Line > 0 {
		li.SetAttribute("data-line", itoa(f.Line))
	}
	b := a.el("button", "subjump", "")
	b.SetAttribute("type", "button")
	if !inText {
		b = a.el("div", "subjump", "")
	}
	if row {
		add(b, a.el("span", "row", page.RowLabel(f.Table, f.Row)), a.el("span", "where", page.LinePlace(f)))
		// The message of each row stays reachable (it names the numbers read).
		b.SetTitle(f.Message)
		add(b, a.el("span", "msg vh", f.Message))
	} else {
		add(b, a.el("span", "badge b-"+f.Severity, core.SeverityName(f.Severity)), a.el("span", "rule", f.Rule),
			a.el("span", "title", a.title(f.Rule)), a.el("span", "where", page.Place(f)), a.el("span", "msg", f.Message))
	}
	if f.Line > 0 && inText {
		b.SetTitle("跳到原文第 " + itoa(f.Line) + " 行：" + f.Message)
	}
	return add(li, b)
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
	// The table scrolls in its own box, both ways, with its header and its
	// label column kept in view (sticky): on a phone the 总计 column is a
	// swipe away, never squeezed into a sliver.
	wrap := a.el("div", "tablewrap", "")
	wrap.SetAttribute("tabindex", "0")
	wrap.SetAttribute("role", "region")
	wrap.SetAttribute("aria-label", g.Title)
	table := a.el("table", "asread t-"+g.ID, "")
	for _, s := range g.Sections {
		labels := s.Corner != ""
		span := len(s.Cols)
		if labels {
			span++
		}
		if s.Caption != "" {
			tr := a.el("tr", "caption", "")
			th := a.el("th", "", s.Caption)
			th.SetAttribute("colspan", itoa(span))
			th.SetAttribute("scope", "colgroup")
			add(table, add(a.el("tbody", "", ""), add(tr, th)))
		}
		thead := a.el("thead", "", "")
		for _, hr := range s.Head {
			tr := a.el("tr", "", "")
			for _, hc := range hr {
				th := a.el("th", "", hc.Label)
				if hc.ColSpan > 1 {
					th.SetAttribute("colspan", itoa(hc.ColSpan))
					th.SetAttribute("scope", "colgroup")
				} else {
					th.SetAttribute("scope", "col")
				}
				if hc.RowSpan > 1 {
					th.SetAttribute("rowspan", itoa(hc.RowSpan))
				}
				if hc.Corner {
					th.SetClass("corner")
				}
				if hc.Row != "" {
					th.SetAttribute("id", rowID(g.ID, hc.Row))
					a.markRow(th, hc.Marked, findings)
				}
				add(tr, th)
			}
			add(thead, tr)
		}
		add(table, thead)
		body := a.el("tbody", "", "")
		for _, row := range s.Rows {
			add(body, a.gridRow(g.ID, s, row, findings))
		}
		add(table, body)
	}
	return add(box, add(wrap, table))
}

// markRow marks a row label (or 表四's group heading) that findings name as
// a whole, with their messages as its tooltip.
func (a *app) markRow(th *dom.BasicHTMLElement, marked []int, findings []core.Finding) {
	if len(marked) == 0 {
		return
	}
	th.Class().Add("marked-" + page.WorstOf(findings, marked))
	var tips []string
	for _, i := range marked {
		tips = append(tips, findings[i].Rule+" "+findings[i].Message)
	}
	th.SetTitle(strings.Join(tips, "\n"))
}

func (a *app) gridRow(table string, s page.Section, row page.Row, findings []core.Finding) *dom.BasicHTMLElement {
	tr := a.el("tr", "", "")
	if row.ID != "" {
		tr.SetAttribute("id", rowID(table, row.ID))
	}
	if row.Header {
		tr.Class().Add("group")
	}
	if s.Corner != "" {
		th := a.el("th", "lbl", row.Label)
		th.SetAttribute("scope", "row")
		if len(row.Marked) > 0 {
			tr.Class().Add("marked-" + page.WorstOf(findings, row.Marked))
			a.markRow(th, row.Marked, findings)
		}
		add(tr, th)
	}
	if row.Cells == nil { // a group label without sub-totals
		fill := a.el("td", "gfill", "")
		fill.SetAttribute("colspan", itoa(len(s.Cols)))
		return add(tr, fill)
	}
	for _, gc := range row.Cells {
		td := a.el("td", "", "")
		td.SetAttribute("id", cellID(table, gc.Row, gc.Col))
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
			td.SetAttribute("data-len", itoa(units([]rune(gc.Cell.Raw))))
		}
		tip := page.CellTip(gc, findings)
		td.SetTitle(tip)
		if len(gc.Findings) > 0 {
			td.Class().Add("bad-" + page.WorstOf(findings, gc.Findings))
			td.SetAttribute("tabindex", "0")
			td.SetAttribute("data-tip", tip)
			td.SetAttribute("aria-label", page.ColumnLabel(table, gc.Col)+"："+cellText(gc)+"。"+strings.ReplaceAll(tip, "\n", "；"))
		}
		add(tr, td)
	}
	return tr
}

// stickHeads sets where each header row of the tables sticks: below the
// rows above it, as tall as they are drawn (labels may wrap). It measures,
// so it runs while the tables are shown.
func (a *app) stickHeads() {
	for _, t := range a.byID("panel-tables").QuerySelectorAll("table.asread") {
		for _, tr := range html(t).QuerySelectorAll("thead tr") {
			top := tr.Underlying().Get("offsetTop").Int()
			for _, th := range html(tr).QuerySelectorAll("th") {
				html(th).Style().SetProperty("top", itoa(top)+"px", "")
			}
		}
	}
}

func cellText(gc page.GridCell) string {
	if gc.Cell == nil || strings.TrimSpace(gc.Cell.Raw) == "" {
		return "空白"
	}
	return gc.Cell.Raw
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
// grouped by letter, by its Chinese name, with when its findings may come
// out at another severity.
func (a *app) renderRules() {
	panel := a.byID("panel-rules")
	panel.SetTextContent("")
	rules := core.Rules()
	add(panel, a.el("p", "legend", "共 "+itoa(len(rules))+" 条规则。每条问题都标有规则号（如 A02），可在这里查到它检查什么、依据什么。"))
	group := ""
	var body *dom.BasicHTMLElement
	for _, r := range rules {
		if g := page.RuleGroup(r.ID); g != group {
			group = g
			add(panel, a.el("h3", "", g))
			if note := page.RuleGroupNote(r.ID[:1]); note != "" {
				add(panel, a.el("p", "gnote", note))
			}
			table := a.el("table", "ledger", "")
			head := a.el("tr", "", "")
			for _, h := range []string{"规则", "名称", "级别", "检查内容", "依据"} {
				th := a.el("th", "", h)
				th.SetAttribute("scope", "col")
				add(head, th)
			}
			body = a.el("tbody", "", "")
			add(panel, add(table, add(a.el("thead", "", ""), head), body))
		}
		tr := a.el("tr", "", "")
		tr.SetAttribute("id", "rule-"+r.ID)
		tr.SetAttribute("data-name", r.Name) // the JSON's "name", for whoever reads both
		id := a.el("th", "rid", r.ID)
		id.SetAttribute("scope", "row")
		sev := add(a.el("td", "rsev", ""), a.el("span", "badge b-"+r.Severity, core.SeverityName(r.Severity)))
		doc := a.el("td", "rdoc", r.Doc)
		if note := page.SeverityNote(r); note != "" {
			add(doc, a.el("span", "snote", "级别例外："+note+"。"))
		}
		add(body, add(tr, id, a.el("td", "rname", page.RuleTitle(r)), sev, doc, a.el("td", "rbasis", r.Basis)))
	}
}
