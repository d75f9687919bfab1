//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/wasm/page"
)

// The 上一年度报告 box: last year's report of the same unit, opened or
// pasted, is given to every check as core.Options.Previous, exactly as
// `nianbao check --prev 上年 本年` does: the cross-year rules (C01–C05) and
// P02 then apply. Its text is kept (it is needed at every check); what the
// box and the summary say of it is the unit and year read from it.

// previous is last year's report in use.
type previous struct {
	text   string // as read (a file) or pasted; "" when none
	name   string // the file's name, or "" for pasted text
	agency string // read from it by core.Identify; "" when not found
	year   int
}

func (a *app) wirePrev() {
	file := a.inputByID("prev-file")
	a.byID("prev-open").AddEventListener("click", false, func(dom.Event) { file.Click() })
	file.AddEventListener("change", false, func(dom.Event) {
		if files := file.Files(); len(files) > 0 {
			go a.openPrev(files[0].Value)
		}
		file.SetValue("")
	})
	box := a.byID("prev-text")
	toggle := a.byID("prev-paste")
	toggle.AddEventListener("click", false, func(dom.Event) {
		a.showPrevBox(box.HasAttribute("hidden"))
	})
	// A paste into the box is read as a paste into the paste area is
	// (tables from Word, WPS or a web page by their cells), and taken at
	// once: the box folds away and the check runs with it.
	box.AddEventListener("paste", false, func(e dom.Event) {
		if dt := e.Underlying().Get("clipboardData"); dt.Truthy() {
			if _, _, refused := clipboardText(dt); refused != "" {
				e.PreventDefault()
				a.setStatus("上一年度报告："+refused, true)
				return
			}
		}
		text := pastedText(e)
		if text == "" {
			return
		}
		e.PreventDefault()
		a.setPrev("", text)
	})
	// Typed or dropped text is taken when the box is left.
	box.AddEventListener("change", false, func(dom.Event) {
		if text := box.Underlying().Get("value").String(); !isBlank(text) {
			a.setPrev("", text)
		}
	})
	prev := a.byID("prev")
	prev.AddEventListener("dragover", false, func(e dom.Event) {
		e.PreventDefault()
		prev.Class().Add("drag")
	})
	prev.AddEventListener("dragleave", false, func(dom.Event) { prev.Class().Remove("drag") })
	prev.AddEventListener("drop", false, func(e dom.Event) {
		prev.Class().Remove("drag")
		files := e.Underlying().Get("dataTransfer").Get("files")
		if files.Truthy() && files.Get("length").Int() > 0 {
			e.PreventDefault()
			go a.openPrev(files.Call("item", 0))
		}
	})
	a.byID("prev-clear").AddEventListener("click", false, func(dom.Event) { a.clearPrev() })
	// The summary repeats it with a button to stop comparing.
	a.byID("summary").AddEventListener("click", false, func(e dom.Event) {
		if t := html(e.Target()); t != nil && t.Closest("button.prev-clear") != nil {
			a.clearPrev()
		}
	})
	a.drawPrev()
}

func (a *app) showPrevBox(open bool) {
	box := a.byID("prev-text")
	toggle := a.byID("prev-paste")
	if open {
		box.RemoveAttribute("hidden")
		toggle.SetAttribute("aria-expanded", "true")
		box.Focus()
		return
	}
	box.SetAttribute("hidden", "")
	toggle.SetAttribute("aria-expanded", "false")
}

// pastedText is what a paste event carries, as the page reads it (the
// same reading as a paste into the report box).
func pastedText(e dom.Event) string {
	dt := e.Underlying().Get("clipboardData")
	if !dt.Truthy() {
		return ""
	}
	text, _, _ := clipboardText(dt)
	if isBlank(text) {
		return ""
	}
	return page.UnixNewlines(text)
}

// openPrev reads last year's report from a file (its own goroutine: it
// waits for the browser).
func (a *app) openPrev(f js.Value) {
	name := f.Get("name").String()
	raw, err := fileBytes(f)
	if err != nil {
		a.setStatus("无法读取上一年度报告 "+name+"："+err.Error(), true)
		return
	}
	doc, ierr := core.Read(name, raw, pageEnv())
	if ierr != nil {
		a.setStatus("上一年度报告 "+name+" 无法读取："+ierr.Message, true)
		return
	}
	a.setPrev(name, doc.Text)
}

// setPrev puts last year's report in use and checks again with it.
func (a *app) setPrev(name, text string) {
	p := previous{text: text, name: name}
	p.agency, p.year = core.Identify(text)
	a.prev = p
	a.byID("prev-text").Underlying().Set("value", "")
	a.showPrevBox(false)
	a.drawPrev()
	a.recheck()
	if a.have {
		a.setStatus("已与上一年度报告 "+a.prevLabel()+" 比对。", false)
	} else {
		a.setStatus("已设置上一年度报告 "+a.prevLabel()+"：粘贴或打开本年度报告即与之比对。", false)
	}
}

func (a *app) clearPrev() {
	if a.prev.text == "" {
		return
	}
	a.prev = previous{}
	a.drawPrev()
	a.recheck()
	a.setStatus("已不再与上一年度报告比对。", false)
}

// recheck checks the text again and redraws everything: the findings may
// be the same, the summary is not.
func (a *app) recheck() {
	if isBlank(a.text()) {
		return
	}
	a.have = false
	a.checkNow()
}

// prevLabel names last year's report: unit, year and where it came from.
func (a *app) prevLabel() string {
	p := a.prev
	from := p.name
	if from == "" {
		from = "粘贴的文字"
	}
	return page.PrevLabel(p.agency, p.year) + "（" + from + "）"
}

// drawPrev shows in the box whether last year's report is in use.
func (a *app) drawPrev() {
	state := a.byID("prev-state")
	box := a.byID("prev")
	clear := a.byID("prev-clear")
	if a.prev.text == "" {
		state.SetTextContent("未给出（可选：核对上年结转等跨年度衔接，规则 C01–C05）")
		box.Class().Remove("on")
		clear.SetAttribute("hidden", "")
		return
	}
	state.SetTextContent("已使用：" + a.prevLabel())
	box.Class().Add("on")
	clear.RemoveAttribute("hidden")
}

// prevLine is the summary's line on last year's report, with a button to
// stop comparing; nil when none is in use.
func (a *app) prevLine() *dom.BasicHTMLElement {
	if a.prev.text == "" {
		return nil
	}
	line := a.el("p", "prevline", "")
	b := a.el("button", "prev-clear link", "不再比对")
	b.SetAttribute("type", "button")
	return add(line, a.el("span", "k", "跨年度比对："), a.el("span", "v", "上一年度报告 "+a.prevLabel()), b)
}

// fileBytes reads a picked or dropped file, at most one byte more than
// the checker takes (it then says the file is too large), as the command
// line does.
func fileBytes(f js.Value) ([]byte, error) {
	// The browser gives the size first: a file over the limit is refused
	// before a byte of it is read.
	if size := f.Get("size").Float(); size > core.MaxInputBytes {
		return nil, errors.New(tooLarge("文件", size))
	}
	buf, err := await(f.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	raw := make([]byte, buf.Get("byteLength").Int())
	js.CopyBytesToGo(raw, js.Global().Get("Uint8Array").New(buf))
	return raw, nil
}
