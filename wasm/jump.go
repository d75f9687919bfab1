//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/wasm/page"
)

func (a *app) wireResults() {
	// Findings: a click anywhere on a finding (or Enter/Space on its
	// button) jumps to its line; "在表格中查看" shows its cell.
	a.byID("panel-findings").AddEventListener("click", false, func(e dom.Event) {
		t := html(e.Target())
		if t == nil {
			return
		}
		li := t.Closest("li.finding")
		if li == nil {
			return
		}
		i, err := strconv.Atoi(li.GetAttribute("data-i"))
		if err != nil || i < 0 || i >= len(a.report.Findings) {
			return
		}
		f := a.report.Findings[i]
		a.selectFinding(li)
		if t.Closest("button.to-cell") != nil {
			a.highlight(f)
			a.showCell(f)
			return
		}
		a.jumpTo(f)
	})
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
	a.ta.AddEventListener("scroll", false, func(dom.Event) { a.placeLineMark() })
	a.win.AddEventListener("resize", false, func(dom.Event) { a.placeLineMark() })
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
}

func (a *app) selectFinding(li dom.Element) {
	for _, e := range a.byID("panel-findings").QuerySelectorAll("li.finding.active") {
		e.Class().Remove("active")
	}
	li.Class().Add("active")
}

// jumpTo selects the finding's line in the paste area, scrolls to it and
// highlights its cell in the table view.
func (a *app) jumpTo(f core.Finding) {
	a.highlight(f)
	if f.Line <= 0 {
		a.setStatus("此问题涉及全文，没有具体位置："+f.Message, false)
		return
	}
	text := a.ta.Value()
	start, end, ok := page.LineRange(text, f.Line)
	if !ok {
		return
	}
	a.selectRange(text, f.Line, start, end)
	a.setStatus("已跳到原文第 "+itoa(f.Line)+" 行："+f.Rule+" "+f.Message, false)
}

// selectCell selects the text of one cell (line, col, length in UTF-16).
func (a *app) selectCell(line, col, n int) {
	text := a.ta.Value()
	start, ok := page.Offset(text, line, col)
	if !ok {
		return
	}
	a.selectRange(text, line, start, start+n)
	a.setStatus("已跳到原文第 "+itoa(line)+" 行第 "+itoa(col)+" 列。", false)
}

func (a *app) selectRange(text string, line, start, end int) {
	// Focus first without scrolling the page to the top of the textarea,
	// then select and bring the line into view.
	opts := js.Global().Get("Object").New()
	opts.Set("preventScroll", true)
	a.ta.Underlying().Call("focus", opts)
	a.ta.SetSelectionRange(start, end, "forward")
	a.markLine = line
	y, h := a.lineBox(text, line)
	ch := float64(a.ta.Underlying().Get("clientHeight").Int())
	top := y - ch/3
	if top < 0 {
		top = 0
	}
	a.ta.Underlying().Set("scrollTop", top)
	a.ta.Underlying().Call("scrollIntoView", map[string]any{"block": "nearest"})
	a.placeLineMarkAt(y, h)
}

// lineBox measures where line n starts inside the textarea's content and
// how tall it is once wrapped, with a hidden mirror element that has the
// textarea's width, font and wrapping.
func (a *app) lineBox(text string, n int) (y, h float64) {
	mirror := a.byID("mirror")
	ta := a.ta.Underlying()
	mirror.Style().SetProperty("width", itoa(ta.Get("clientWidth").Int())+"px", "")
	lines := splitLines(text, n)
	before := strings.Join(lines[:n-1], "\n")
	if n > 1 {
		before += "\n"
	}
	mirror.SetTextContent("")
	pre := a.doc.Underlying().Call("createTextNode", before)
	mirror.Underlying().Call("appendChild", pre)
	mark := a.el("span", "", lines[n-1]+"\u200b")
	add(mirror, mark)
	y = float64(mark.Underlying().Get("offsetTop").Int())
	h = mark.GetBoundingClientRect().Height()
	mirror.SetTextContent("")
	return y, h
}

// splitLines returns the first n lines of text (shorter if it has fewer).
func splitLines(text string, n int) []string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	lines := strings.SplitN(text, "\n", n+1)
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines[:n]
}

func (a *app) placeLineMarkAt(y, h float64) {
	m := a.byID("linemark")
	m.Underlying().Set("_y", y)
	m.Underlying().Set("_h", h)
	m.RemoveAttribute("hidden")
	a.placeLineMark()
}

// placeLineMark keeps the band that marks the selected line in place as
// the textarea scrolls.
func (a *app) placeLineMark() {
	m := a.byID("linemark")
	if a.markLine == 0 || m.HasAttribute("hidden") {
		return
	}
	ta := a.ta.Underlying()
	y := m.Underlying().Get("_y").Float() - ta.Get("scrollTop").Float()
	h := m.Underlying().Get("_h").Float()
	top := float64(ta.Get("offsetTop").Int()) + float64(ta.Get("clientTop").Int())
	ch := float64(ta.Get("clientHeight").Int())
	if y+h < 0 || y > ch {
		m.Style().SetProperty("display", "none", "")
		return
	}
	if y < 0 {
		h += y
		y = 0
	}
	if y+h > ch {
		h = ch - y
	}
	m.Style().SetProperty("display", "block", "")
	m.Style().SetProperty("top", strconv.FormatFloat(top+y, 'f', 1, 64)+"px", "")
	m.Style().SetProperty("height", strconv.FormatFloat(h, 'f', 1, 64)+"px", "")
}

func (a *app) hideLineMark() {
	a.markLine = 0
	if m := a.byID("linemark"); m != nil {
		m.SetAttribute("hidden", "")
	}
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
		a.setStatus("浏览器不允许写入剪贴板，请使用“打印结果”或“下载 JSON”。", true)
	}
}

// download saves exactly Result.JSON() of what is shown.
func (a *app) download() {
	if !a.have {
		return
	}
	out := a.resultJSON()
	arr := js.Global().Get("Uint8Array").New(len(out))
	js.CopyBytesToJS(arr, out)
	opts := js.Global().Get("Object").New()
	opts.Set("type", "application/json")
	blob := js.Global().Get("Blob").New([]any{arr}, opts)
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	link := a.el("a", "offscreen", "")
	link.SetAttribute("href", url.String())
	link.SetAttribute("download", page.DownloadName(a.report.Source))
	add(html(a.body), link)
	link.Click()
	link.Remove()
	a.win.SetTimeout(func() { js.Global().Get("URL").Call("revokeObjectURL", url) }, 10000)
	a.setStatus("已生成 "+page.DownloadName(a.report.Source)+"。", false)
}
