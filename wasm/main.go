//go:build js && wasm

// Command wasm is nianbao's web page: the core compiled to WebAssembly,
// driving the page through honnef.co/go/js/dom/v2. It checks the text of
// the paste area as the user types, shows the findings, rebuilds the three
// tables "as read", and offers copy, JSON download and print. Nothing
// leaves the machine: the page's Content-Security-Policy forbids every
// connection, and user text only ever reaches the DOM as text.
//
// Besides the page it sets a small global, nianbao, used by the browser
// tests and the benchmark:
//
//	nianbao.check(text, name) → Result.JSON() as a string (no UI)
//	nianbao.result()          → the JSON of what the page shows ("" before any check)
//	nianbao.flush()           → run a pending (debounced) check now
//	nianbao.stop()            → end the Go program (the page restarts it)
//	nianbao.gcStats()         → [collections, pauses ms, heap MB] (benchmark)
//	nianbao.version, nianbao.stamp, nianbao.ready
package main

import (
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao"
	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/wasm/page"
)

// debounce is the pause after the last keystroke before a check. A check
// of a 20 KB report takes a few milliseconds, so this only avoids work
// while the user is typing fast.
const debounce = 150 * time.Millisecond

// A text over yieldAbove bytes is checked in a goroutine that gives the
// browser its thread back after every yieldEvery of work (between the
// check's passes, core.Options.Step), so the page keeps answering while a
// long report is checked: no task over 200 ms for 1 MB (browser test
// TestResponsiveLargeCheck). Shorter texts take a few ms and are checked
// at once, as before. Why not a Web Worker: see README ("The page").
const (
	yieldAbove = 128 << 10
	yieldEvery = 30 * time.Millisecond
)

type app struct {
	win  dom.Window
	doc  dom.Document
	ta   *dom.HTMLTextAreaElement
	body *dom.BasicHTMLElement

	name    string      // source name of the text
	file    *input.Doc  // the file last opened, while the text is still its text as read
	report  core.Report // last result shown
	json    []byte      // its Result.JSON(), made when first asked for
	checked string      // the text last checked
	have    bool        // a report is shown
	timer   *time.Timer
	pending bool
	checks  int
	running int // the check in flight (a.checks when it began), 0 when none

	drawSeq      int  // counts the drawings of findings: a newer one ends an older one in slices
	cardsPending bool // cards are being drawn in slices (renderCards)
	marksPending bool // the underlines are to be drawn on a task of their own (render)
	slowDraw     bool // the report about to be drawn comes from a stepped check: draw it in slices

	tablesStale bool // the table view is drawn when first shown after a change
	rulesDrawn  bool // the rule ledger is drawn when first shown

	current string            // id of the highlighted table cell or row
	cards   []core.Card       // the cards shown, as core.Cards(report)
	gen     int               // counts the reports shown (the mirror's marks name one)
	titles  map[string]string // page.Titles(), made when first needed (title)
	ed      editor            // the mirror behind the paste area
	view    viewer            // the read-only viewer of a large text
	prev    previous          // last year's report, when given
	batch   batchView
}

func main() {
	mark("main")
	// A check allocates about 0.4 MB for a 10 KB report; collecting less
	// often keeps checks fast (WebAssembly has one thread for both). At
	// 400 % a collection comes about every 50 checks of a 9 KB report
	// (nianbao.gcStats in scripts/bench-page: 16 in 800, their pauses
	// about 10 ms in all): the p90 of a check is not the collector's.
	debug.SetGCPercent(400)
	a := &app{win: dom.GetWindow(), name: page.PasteName}
	a.doc = a.win.Document()
	a.ta = &dom.HTMLTextAreaElement{BasicHTMLElement: a.byID("text")}
	a.body = wrap(a.doc.Underlying().Get("body"))

	a.byID("version").SetTextContent(core.Version)
	a.byID("stamp").SetTextContent(page.RulesetStamp())
	mark("app")
	a.wireInput()
	mark("wireInput")
	a.wireEditor()
	mark("wireEditor")
	a.wireViewer()
	mark("wireViewer")
	a.wireResults()
	mark("wireResults")
	a.wirePrev()
	mark("wirePrev")
	a.wireModes()
	mark("wireModes")
	a.wireBatch()
	mark("wireBatch")
	a.exportAPI()
	mark("exportAPI")

	a.ta.SetReadOnly(false)
	a.body.SetAttribute("data-state", "ready")
	switch {
	case js.Global().Get("nianbaoRestarted").Truthy():
		// The checker stopped on the text in the paste area (out of
		// memory on a huge text): it is not checked again by itself.
		a.showEmpty()
		a.setStatus("检查器刚才意外停止（文字可能过大或过于异常），已自动重新启动；当前文字未再检查。请删减后再试，或改用命令行检查。", true)
	case a.ta.Value() != "": // text kept by the browser across a reload
		a.byID("status").SetTextContent("检查器已就绪。")
		a.checkNow()
	default:
		a.showEmpty()
		a.byID("status").SetTextContent("检查器已就绪。粘贴报告或打开文件即开始检查。")
	}
	mark("shown")
	js.Global().Call("dispatchEvent", js.Global().Get("Event").New("nianbao-ready"))
	// Warm up: the first check in a fresh page is several times slower
	// than the next ones (the engine has not optimised the code yet). Run
	// one on an example while the user is still reading the page.
	time.AfterFunc(20*time.Millisecond, func() {
		if !a.have && !a.pending {
			core.CheckText(page.PasteName, nianbao.ExampleErrors, core.Options{})
		}
	})
	select {}
}

// mark notes the time of a step of the start when loader.js times it
// (nianbaoTimings): main as nianbaoTimings.main, then every step in
// nianbaoSteps as "name ms since the previous step" (scripts/bench-page
// -v prints them).
func mark(step string) {
	g := js.Global()
	t := g.Get("nianbaoTimings")
	if !t.Truthy() {
		return
	}
	now := g.Get("performance").Call("now").Float()
	if step == "main" {
		t.Set("main", now)
		g.Set("nianbaoSteps", g.Get("Array").New())
	} else {
		s := g.Get("nianbaoSteps")
		last := t.Get("main").Float()
		if n := s.Length(); n > 0 {
			last = s.Index(n - 1).Index(1).Float()
		}
		s.Call("push", []any{step + " " + strconv.FormatFloat(now-last, 'f', 1, 64), now})
	}
}

// byID finds an element by its id. Not through dom/v2's GetElementByID:
// that picks the element's Go type by comparing its constructor with about
// a hundred globals, two calls into JavaScript each, and the page's start
// finds some fifty elements (issue 20).
func (a *app) byID(id string) *dom.BasicHTMLElement {
	v := a.doc.Underlying().Call("getElementById", id)
	if v.IsNull() {
		return nil
	}
	return wrap(v)
}

// title is the rule's title, as the cards and the marks show it.
func (a *app) title(rule string) string {
	if a.titles == nil {
		a.titles = page.Titles()
	}
	return a.titles[rule]
}

// inputByID finds an <input> by its id, as byID.
func (a *app) inputByID(id string) *dom.HTMLInputElement {
	return &dom.HTMLInputElement{BasicHTMLElement: a.byID(id)}
}

// wrap is the basic wrapper of a DOM element, without dom/v2's search for
// its Go type (see byID and el).
func wrap(v js.Value) *dom.BasicHTMLElement {
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// html unwraps any element to its *BasicHTMLElement.
func html(e dom.Element) *dom.BasicHTMLElement {
	if e == nil {
		return nil
	}
	return wrap(e.Underlying())
}

// el creates an element. dom/v2's CreateElement picks the element's Go
// type by comparing its constructor with about a hundred globals; the page
// builds hundreds of cells per check, so it creates them through the
// underlying document and uses the basic wrapper.
func (a *app) el(tag, class, text string) *dom.BasicHTMLElement {
	v := a.doc.Underlying().Call("createElement", tag)
	e := wrap(v)
	if class != "" {
		e.SetClass(class)
	}
	if text != "" {
		e.SetTextContent(text)
	}
	return e
}

// add appends children to a parent and returns the parent.
func add(parent *dom.BasicHTMLElement, kids ...*dom.BasicHTMLElement) *dom.BasicHTMLElement {
	for _, k := range kids {
		if k != nil {
			parent.AppendChild(k)
		}
	}
	return parent
}

// scheduleCheck runs a check after the user pauses typing.
func (a *app) scheduleCheck() {
	a.pending = true
	a.body.SetAttribute("data-pending", "1")
	if a.timer != nil {
		a.timer.Stop()
	}
	a.timer = time.AfterFunc(debounce, func() {
		if a.pending {
			a.checkNow()
		}
	})
}

// checkNow checks the text of the paste area and shows the result.
func (a *app) checkNow() {
	a.pending = false
	if a.timer != nil {
		a.timer.Stop()
	}
	a.body.SetAttribute("data-pending", "0")
	a.checks++
	a.body.SetAttribute("data-checks", itoa(a.checks))
	text := a.text()
	if isBlank(text) {
		a.running = 0
		a.body.SetAttribute("data-checking", "0")
		a.name = page.PasteName
		a.showEmpty()
		return
	}
	if len(text) > core.MaxInputBytes {
		a.running = 0 // a check still in flight stops at its next step
		a.body.SetAttribute("data-checking", "0")
		a.showInputError(&core.InputError{Code: "too-large", Message: "输入过大：超过 10 MB。请只粘贴一份年度报告的正文。"})
		return
	}
	// core.CheckDoc, not CheckText: it turns a bug in a rule into a
	// message instead of stopping the page's Go program. While the text
	// is still that of an opened file, the findings also name the file's
	// own places (a Word table cell, a web page's source line).
	doc := a.file
	if doc == nil || text != doc.Text {
		a.file, doc = nil, core.TextDoc(text)
	}
	opts := core.Options{Previous: a.prev.text}
	name := a.name
	if len(text) <= yieldAbove {
		a.running = 0
		a.body.SetAttribute("data-checking", "0")
		start := time.Now()
		rep, ierr := core.CheckDoc(name, doc, opts)
		a.showCheck(text, rep, ierr, time.Since(start))
		return
	}
	// A long text: checked in steps (see yieldAbove). A newer check, or
	// any change of what is shown, ends this one at its next step.
	seq := a.checks
	a.running = seq
	if len(text) > maxMirrorBytes || strings.Count(text, "\n") >= maxMirrorLines {
		// Too long to mirror: the paste area takes its plain style now,
		// in the same task as its new text, so that the browser lays the
		// text out once, not again when the results are drawn.
		a.drawMirror()
	}
	a.body.SetAttribute("data-checking", "1")
	a.setStatus("正在检查（文字较长，约 "+itoa(len(text)>>10)+" KB）…", false)
	go func() {
		// Begin on a task of its own: the event that started the check
		// (a paste of 1 MB into the paste area) has cost its task enough.
		time.Sleep(time.Millisecond)
		start, last := time.Now(), time.Now()
		opts.Step = func(int) bool {
			if time.Since(last) >= yieldEvery {
				time.Sleep(time.Millisecond) // the browser runs its tasks
				last = time.Now()
			}
			return a.running == seq
		}
		rep, ierr := core.CheckDoc(name, doc, opts)
		if a.running == seq {
			time.Sleep(time.Millisecond) // the results are drawn on a task of their own
		}
		if a.running != seq {
			return // superseded: the newer check shows its own result
		}
		a.running = 0
		// Its cards are drawn in slices too (renderCards): the check
		// ends (data-checking) when the last one is drawn.
		a.slowDraw = true
		a.showCheck(text, rep, ierr, time.Since(start))
		a.slowDraw = false
		if !a.drawing() {
			a.body.SetAttribute("data-checking", "0")
		}
	}()
}

// showCheck shows the result of checking text (or why it could not be
// checked).
func (a *app) showCheck(text string, rep core.Report, ierr *core.InputError, took time.Duration) {
	if ierr != nil {
		a.showInputError(ierr)
		return
	}
	a.checked = text
	a.setStatus("已检查，用时 "+millis(took)+"。", false)
	if a.have && page.SameReport(rep, a.report) {
		a.drawMirror() // the same findings, the text may have changed
		return         // nothing else changed: keep the lists, the focus and the highlight
	}
	a.report, a.json, a.have = rep, nil, true
	a.render()
}

// resultJSON is exactly core.NewResult(report).JSON() of what is shown.
func (a *app) resultJSON() []byte {
	if a.json == nil && a.have {
		a.json = core.NewResult(a.report).JSON()
	}
	return a.json
}

func isBlank(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u3000', '\ufeff':
		default:
			return false
		}
	}
	return true
}

func (a *app) setStatus(msg string, alert bool) { a.statusIn("status", msg, alert) }

// statusIn says msg in the status line with that id (the single check's,
// the batch view's), marked when it is an alert.
func (a *app) statusIn(id, msg string, alert bool) {
	s := a.byID(id)
	s.SetTextContent(msg)
	if alert {
		s.Class().Add("alert")
	} else {
		s.Class().Remove("alert")
	}
}

// exportAPI sets the nianbao global for tests and the benchmark.
func (a *app) exportAPI() {
	api := js.Global().Get("Object").New()
	api.Set("version", core.Version)
	api.Set("stamp", page.RulesetStamp())
	api.Set("check", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 {
			return ""
		}
		name := page.PasteName
		if len(args) > 1 && args[1].Type() == js.TypeString {
			name = args[1].String()
		}
		return string(core.NewResult(core.CheckText(name, args[0].String(), core.Options{})).JSON())
	}))
	// profile(text) → [check ms, JSON ms] measured in Go, for the benchmark.
	api.Set("profile", js.FuncOf(func(_ js.Value, args []js.Value) any {
		text := args[0].String()
		t0 := time.Now()
		r := core.CheckText(page.PasteName, text, core.Options{})
		t1 := time.Now()
		_ = core.NewResult(r).JSON()
		t2 := time.Now()
		return []any{float64(t1.Sub(t0).Microseconds()) / 1000, float64(t2.Sub(t1).Microseconds()) / 1000}
	}))
	// gcStats() → [collections so far, their stop-the-world pauses in ms,
	// heap in use in MB]; for the benchmark (how many collections fall in
	// the edits it times).
	api.Set("gcStats", js.FuncOf(func(js.Value, []js.Value) any {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return []any{float64(m.NumGC), float64(m.PauseTotalNs) / 1e6, float64(m.HeapAlloc) / (1 << 20)}
	}))
	// checkOnly(text) runs the check the page runs on each edit and
	// returns the number of findings; for the benchmark.
	api.Set("checkOnly", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return len(core.CheckText(page.PasteName, args[0].String(), core.Options{}).Findings)
	}))
	api.Set("result", js.FuncOf(func(js.Value, []js.Value) any {
		return string(a.resultJSON())
	}))
	api.Set("flush", js.FuncOf(func(js.Value, []js.Value) any {
		if a.pending {
			a.checkNow()
		}
		return nil
	}))
	// stop ends the Go program as a fatal runtime error would, for the
	// test that the page restarts its checker.
	api.Set("stop", js.FuncOf(func(js.Value, []js.Value) any {
		go func() { panic("nianbao.stop() called") }()
		return nil
	}))
	api.Set("ready", true)
	js.Global().Set("nianbao", api)
}

func itoa(n int) string { return strconv.Itoa(n) }

func millis(d time.Duration) string {
	us := d.Microseconds()
	if us < 10000 {
		return itoa(int(us/1000)) + "." + itoa(int(us%1000/100)) + " 毫秒"
	}
	return itoa(int(us/1000)) + " 毫秒"
}
