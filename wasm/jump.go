//go:build js && wasm

package main

import (
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/wasm/page"
)

func (a *app) wireResults() {
	// Cards: a click on a card's line (or Enter on it) jumps to its line
	// and opens it (a second click on the open card closes it); a finding
	// listed inside jumps to its own line; "在表格中查看" shows the cell.
	panel := a.byID("panel-findings")
	panel.AddEventListener("click", false, func(e dom.Event) {
		t := html(e.Target())
		if t == nil {
			return
		}
		card := html(t.Closest("li.card"))
		if card == nil {
			return
		}
		k, err := strconv.Atoi(card.GetAttribute("data-card"))
		if err != nil || k < 0 || k >= len(a.cards) {
			return
		}
		c := a.cards[k]
		lead := a.report.Findings[c.Lead]
		switch {
		case t.Closest("button.subjump") != nil:
			i, err := strconv.Atoi(t.Closest("li.sub").GetAttribute("data-i"))
			if err != nil || i < 0 || i >= len(a.report.Findings) {
				return
			}
			a.selectCard(card, true)
			a.jumpTo(i, a.report.Findings[i])
		case t.Closest("button.to-cell") != nil:
			a.selectCard(card, true)
			a.highlight(lead)
			a.showCell(lead)
		case t.Closest("button.jump") != nil:
			if card.Class().Contains("active") && card.Class().Contains("open") {
				a.openCard(card, false)
				return
			}
			a.selectCard(card, true)
			a.jumpTo(c.Lead, lead)
		}
	})
	// A card focused or under the pointer lights its marks in the text.
	light := func(e dom.Event) {
		t := html(e.Target())
		if t == nil {
			return
		}
		if card := t.Closest("li.card"); card != nil {
			if k, err := strconv.Atoi(card.GetAttribute("data-card")); err == nil && k >= 0 && k < len(a.cards) {
				a.lightFindings(a.cards[k].Members())
				return
			}
		}
		a.lightFindings(nil)
	}
	panel.AddEventListener("focusin", false, light)
	panel.AddEventListener("mouseover", false, light)
	panel.AddEventListener("mouseleave", false, func(dom.Event) { a.lightFindings(nil) })
	panel.AddEventListener("focusout", false, func(dom.Event) { a.lightFindings(nil) })
	// Tables: a click (or Enter on a marked cell) selects the cell's text in
	// the paste area.
	tables := a.byID("panel-tables")
	cellJump := func(e dom.Event) {
		t := html(e.Target())
		if t == nil {
			return
		}
		td := t.Closest("td[data-line]")
		if td == nil {
			return
		}
		line, _ := strconv.Atoi(td.GetAttribute("data-line"))
		col, _ := strconv.Atoi(td.GetAttribute("data-col"))
		n, _ := strconv.Atoi(td.GetAttribute("data-len"))
		a.setCurrent(td.ID())
		a.selectCell(line, col, n)
	}
	tables.AddEventListener("click", false, cellJump)
	tables.AddEventListener("keydown", false, func(e dom.Event) {
		if k, ok := e.(*dom.KeyboardEvent); ok && k.Key() == "Enter" {
			cellJump(e)
		}
	})

	// Tabs, with the arrow keys moving between them.
	tabs := []string{"findings", "tables", "rules"}
	for i, name := range tabs {
		i, name := i, name
		b := a.byID("tab-" + name)
		b.AddEventListener("click", false, func(dom.Event) { a.showTab(name) })
		b.AddEventListener("keydown", false, func(e dom.Event) {
			k, ok := e.(*dom.KeyboardEvent)
			if !ok {
				return
			}
			next := -1
			switch k.Key() {
			case "ArrowRight":
				next = (i + 1) % len(tabs)
			case "ArrowLeft":
				next = (i + len(tabs) - 1) % len(tabs)
			case "Home":
				next = 0
			case "End":
				next = len(tabs) - 1
			}
			if next >= 0 {
				e.PreventDefault()
				a.showTab(tabs[next])
				a.byID("tab-" + tabs[next]).Focus()
			}
		})
	}

	a.byID("copy").AddEventListener("click", false, func(dom.Event) { a.copyText() })
	a.byID("download").AddEventListener("click", false, func(dom.Event) { a.download() })
	a.byID("print").AddEventListener("click", false, func(dom.Event) {
		if a.have {
			a.renderPrintHead(a.report)
			a.win.Print()
		}
	})
	a.win.AddEventListener("resize", false, func(dom.Event) {
		if a.ed.tipFrom.Truthy() {
			a.placeTip(a.ed.tipFrom)
		}
		if a.body.GetAttribute("data-tab") == "tables" {
			a.stickHeads()
		}
	})
}

func (a *app) showTab(name string) {
	switch name {
	case "tables":
		a.ensureTables()
	case "rules":
		if !a.rulesDrawn {
			a.rulesDrawn = true
			a.renderRules()
		}
	}
	for _, t := range []string{"findings", "tables", "rules"} {
		b := a.byID("tab-" + t)
		p := a.byID("panel-" + t)
		if t == name {
			b.SetAttribute("aria-selected", "true")
			b.SetAttribute("tabindex", "0")
			p.RemoveAttribute("hidden")
		} else {
			b.SetAttribute("aria-selected", "false")
			b.SetAttribute("tabindex", "-1")
			p.SetAttribute("hidden", "")
		}
	}
	a.body.SetAttribute("data-tab", name)
	if name == "tables" {
		a.stickHeads()
	}
}

// selectCard makes a card the active one, and opens it.
func (a *app) selectCard(card *dom.BasicHTMLElement, open bool) {
	for _, e := range a.byID("panel-findings").QuerySelectorAll("li.card.active") {
		e.Class().Remove("active")
	}
	card.Class().Add("active")
	a.openCard(card, open)
}

// (Methods are called on *BasicHTMLElement, never through dom.Element:
// an interface call keeps that method of every element type in the wasm.)
func (a *app) openCard(card *dom.BasicHTMLElement, open bool) {
	body := html(card.QuerySelector(".cbody"))
	jump := html(card.QuerySelector("button.jump"))
	if open {
		card.Class().Add("open")
		body.RemoveAttribute("hidden")
		jump.SetAttribute("aria-expanded", "true")
	} else {
		card.Class().Remove("open")
		body.SetAttribute("hidden", "")
		jump.SetAttribute("aria-expanded", "false")
	}
}

// jumpTo selects finding i's line in the paste area, scrolls to it, shows
// its message there and highlights its cell in the table view.
func (a *app) jumpTo(i int, f core.Finding) {
	a.highlight(f)
	if f.Line <= 0 {
		a.setStatus("此问题涉及全文，没有具体位置："+f.Message, false)
		return
	}
	text := a.text()
	start, end, ok := page.LineRange(text, f.Line)
	if !ok {
		return
	}
	a.selectRange(f.Line, start, end)
	a.lightFindings([]int{i})
	a.setStatus("已跳到原文第 "+itoa(f.Line)+" 行："+f.Rule+" "+f.Message, false)
}

// jumpLine selects line n (a click on its number).
func (a *app) jumpLine(n int) {
	start, end, ok := page.LineRange(a.text(), n)
	if ok {
		a.selectRange(n, start, end)
	}
}

// selectCell selects the text of one cell (line, col, length in UTF-16).
func (a *app) selectCell(line, col, n int) {
	text := a.text()
	start, ok := page.Offset(text, line, col)
	if !ok {
		return
	}
	a.selectRange(line, start, start+n)
	a.caretTip()
	a.setStatus("已跳到原文第 "+itoa(line)+" 行。", false)
}

func (a *app) selectRange(line, start, end int) {
	if a.view.on {
		// The viewer shows the line, banded, and the marks lit.
		a.viewShow(line)
		a.byID("editor").Underlying().Call("scrollIntoView", map[string]any{"block": "nearest"})
		return
	}
	// Focus first without scrolling the page to the top of the textarea,
	// then select and bring the line into view.
	opts := js.Global().Get("Object").New()
	opts.Set("preventScroll", true)
	a.ta.Underlying().Call("focus", opts)
	a.ta.SetSelectionRange(start, end, "forward")
	a.showLine(line)
	a.byID("editor").Underlying().Call("scrollIntoView", map[string]any{"block": "nearest"})
}

// highlight marks the finding's cell (or row) in the table view.
func (a *app) highlight(f core.Finding) {
	a.ensureTables()
	id := ""
	switch {
	case f.Table != "" && f.Row != "" && f.Column != "" && a.doc.GetElementByID(cellID(f.Table, f.Row, f.Column)) != nil:
		id = cellID(f.Table, f.Row, f.Column)
	case f.Table != "" && f.Row != "" && a.doc.GetElementByID(rowID(f.Table, f.Row)) != nil:
		id = rowID(f.Table, f.Row)
	}
	a.setCurrent(id)
}

func (a *app) setCurrent(id string) {
	if a.current != "" {
		if e := a.doc.GetElementByID(a.current); e != nil {
			e.Class().Remove("current")
		}
	}
	a.current = id
	a.body.SetAttribute("data-current", id)
	if id != "" {
		a.doc.GetElementByID(id).Class().Add("current")
	}
}

// showCell switches to the table view and focuses the finding's cell.
func (a *app) showCell(f core.Finding) {
	if a.current == "" {
		return
	}
	a.showTab("tables")
	e := html(a.doc.GetElementByID(a.current))
	if !e.HasAttribute("tabindex") {
		e.SetAttribute("tabindex", "-1")
	}
	e.Focus()
	e.Underlying().Call("scrollIntoView", map[string]any{"block": "center", "inline": "nearest"})
}

// copyText copies the findings as text (the command line's format).
func (a *app) copyText() {
	if !a.have {
		return
	}
	text := page.Text(a.report)
	n := itoa(len(a.report.Findings))
	clip := js.Global().Get("navigator").Get("clipboard")
	if clip.Truthy() {
		go func() {
			if _, err := await(clip.Call("writeText", text)); err == nil {
				a.setStatus("已复制 "+n+" 条问题到剪贴板。", false)
				return
			}
			a.copyFallback(text, n)
		}()
		return
	}
	a.copyFallback(text, n)
}

// copyFallback copies through a hidden textarea where the Clipboard API
// is missing or refused.
func (a *app) copyFallback(text, n string) {
	t := a.el("textarea", "offscreen", "")
	t.Underlying().Set("value", text)
	add(html(a.body), t)
	t.Underlying().Call("select")
	ok := a.doc.Underlying().Call("execCommand", "copy").Bool()
	t.Remove()
	if ok {
		a.setStatus("已复制 "+n+" 条问题到剪贴板。", false)
	} else {
		a.setStatus("浏览器不允许写入剪贴板，请使用“打印结果”或“下载结果文件”。", true)
	}
}

// download saves exactly Result.JSON() of what is shown.
func (a *app) download() {
	if !a.have {
		return
	}
	a.saveFile(a.resultJSON(), "application/json", page.DownloadName(a.report.Source))
	a.setStatus("已保存 "+page.DownloadName(a.report.Source)+"：JSON 格式的检查结果，可存档，或交汇总多份报告的同事用命令行 nianbao 汇总。", false)
}
