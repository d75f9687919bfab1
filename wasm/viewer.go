//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao/wasm/page"
)

// A large text is not put into the paste area: the browser lays out the
// whole of a <textarea>'s text in one task (1.1–4.8 s for 1 MB, measured
// in headless Chromium on a busy machine), with or without a mirror
// behind it. Above viewAbove bytes (or maxMirrorLines lines) the text is
// shown read-only in a viewer that draws only the lines in sight and a
// screenful either side (a tall spacer holds the scroll bar; the lines
// drawn sit at their place in it), with their numbers, the findings'
// underlines and the line jumped to, as the mirror shows them. A button
// puts the text into the paste area all the same, for whoever must edit
// it there.
//
// Lines wrap, so their heights differ: each line's height is estimated
// from its characters and the width (a CJK character is one em wide, the
// rest half), and replaced by its measured height once it has been
// drawn; the view is then kept on the line it showed.
const viewAbove = 256 << 10

// viewSlack is how far, in screens, the lines drawn reach beyond the view
// on either side; viewMost bounds how many are drawn.
const (
	viewSlack = 1
	viewMost  = 400
)

type viewer struct {
	on     bool
	text   string
	lines  []string
	h      []float64 // each line's height: estimated, or measured when seen
	seen   []bool
	top    []float64 // where each line starts; top[len(lines)] is the total
	width  float64   // the width the estimates were made for
	em, en float64   // a CJK character's width and another's
	row    float64   // one row's height
	first  int       // lines drawn: [first, last), 0-based
	last   int
	els    []js.Value // their elements
	gen    int        // the report whose marks are shown (app.gen), 0 none
	marks  map[int][]page.Mark
	cur    int // line banded (1-based), 0 none
}

func (a *app) wireViewer() {
	// A restarted checker finds the page as the stopped one left it.
	a.byID("viewer").SetAttribute("hidden", "")
	a.byID("vlines").SetTextContent("")
	a.byID("editor").Class().Remove("viewing")
	sc := a.byID("vscroll")
	sc.AddEventListener("scroll", false, func(dom.Event) {
		a.drawView(false)
		if t := a.ed.tipFrom; t.Truthy() {
			if t.Get("isConnected").Truthy() {
				a.placeTip(t)
			} else {
				a.hideTip()
			}
		}
	})
	sc.AddEventListener("paste", false, a.onPaste)
	a.byID("view-edit").AddEventListener("click", false, func(dom.Event) { a.editAnyway() })
	// A click on a line number selects the line.
	sc.AddEventListener("click", false, func(e dom.Event) {
		t := html(e.Target())
		if t == nil || !t.Class().Contains("ln") {
			return
		}
		if n, err := strconv.Atoi(t.GetAttribute("data-n")); err == nil {
			x := e.Underlying().Get("clientX").Float() - t.Underlying().Call("getBoundingClientRect").Get("left").Float()
			if x < 0 {
				a.jumpLine(n)
			}
		}
	})
	a.win.AddEventListener("resize", false, func(dom.Event) {
		if a.view.on {
			a.view.width = 0 // estimate again for the new width
			a.drawView(true)
		}
	})
}

// text is the text being checked: the viewer's when it shows one, else
// the paste area's.
func (a *app) text() string {
	if a.view.on {
		return a.view.text
	}
	return a.ta.Value()
}

// bigText: a text shown in the viewer rather than the paste area.
func bigText(text string) bool {
	return len(text) > viewAbove || strings.Count(text, "\n") >= maxMirrorLines
}

// setText replaces the whole text: a large one goes to the viewer, the
// paste area is emptied; any other to the paste area, as before.
func (a *app) setText(text string) {
	text = page.UnixNewlines(text)
	if !bigText(text) {
		if a.view.on {
			a.viewOff()
		}
		a.ta.SetValue(text)
		return
	}
	a.ta.SetValue("")
	a.view = viewer{on: true, text: text, lines: page.SplitLines(text)}
	a.byID("view-note").SetTextContent(fmt.Sprintf("文字较大（%.1f MB），以只读方式显示；如需修改请在 Word 中修改后重新粘贴。", float64(len(text))/(1<<20)))
	a.byID("viewer").RemoveAttribute("hidden")
	ed := a.byID("editor")
	ed.Class().Add("viewing")
	ed.Class().Remove("plain")
	a.byID("vscroll").Underlying().Set("scrollTop", 0)
	a.drawMirror()
}

// viewOff hides the viewer (its text is replaced, or goes to the paste
// area).
func (a *app) viewOff() {
	a.view = viewer{}
	a.byID("viewer").SetAttribute("hidden", "")
	a.byID("vlines").SetTextContent("")
	a.byID("editor").Class().Remove("viewing")
}

// editAnyway puts the viewer's text into the paste area, at the line in
// sight (the browser lays the whole text out: seconds for a few MB).
func (a *app) editAnyway() {
	if !a.view.on {
		return
	}
	text := a.view.text
	line := a.view.first + 1
	if n := a.view.lineAt(a.byID("vscroll").Underlying().Get("scrollTop").Float()); n >= 0 {
		line = n + 1
	}
	a.viewOff()
	a.setStatus("正在把文字放入输入框（文字较大，浏览器排版需要几秒）…", false)
	// The status is painted first; the text goes in on a task of its own.
	go func() {
		time.Sleep(20 * time.Millisecond)
		a.ta.SetValue(text)
		a.drawMirror()
		if start, _, ok := page.LineRange(text, line); ok {
			opts := js.Global().Get("Object").New()
			opts.Set("preventScroll", true)
			a.ta.Underlying().Call("focus", opts)
			a.ta.SetSelectionRange(start, start, "none")
			a.showLine(line)
		}
		a.setStatus("文字已放入输入框，可以修改；修改后会重新检查。", false)
	}()
}

// drawViewText takes the report's marks for the viewer's text when it is
// the text checked (gen), and draws the lines in sight again.
func (a *app) drawViewText(gen int) {
	v := &a.view
	if v.gen != gen || v.marks == nil {
		v.gen = gen
		v.marks = map[int][]page.Mark{}
		if gen > 0 {
			for _, m := range page.Marks(a.report, v.lines) {
				v.marks[m.Line] = append(v.marks[m.Line], m)
			}
		}
	}
	// Drawn again: the marks' elements (app.ed.byF, lit from the cards)
	// are the ones drawn now.
	v.first, v.last = 0, 0
	ed := a.byID("editor")
	if g := 14 + 8*len(strconv.Itoa(len(v.lines))); g != a.ed.gutterPx {
		a.ed.gutterPx = g
		ed.Style().SetProperty("--gutter", itoa(g)+"px", "")
	}
	a.drawView(false)
}

// measure reads the width the lines wrap at and the size of characters,
// and estimates every line's height.
func (a *app) measureView() bool {
	v := &a.view
	vl := a.byID("vlines").Underlying()
	st := js.Global().Call("getComputedStyle", vl)
	pad := func(p string) float64 {
		f, _ := strconv.ParseFloat(strings.TrimSuffix(st.Get(p).String(), "px"), 64)
		return f
	}
	w := vl.Get("clientWidth").Float() - pad("paddingLeft") - pad("paddingRight")
	if w <= 0 {
		return false
	}
	if w == v.width && v.top != nil {
		return true
	}
	doc := a.doc.Underlying()
	probe := doc.Call("createElement", "div")
	probe.Set("className", "ln vprobe")
	span := func(s string) js.Value {
		e := doc.Call("createElement", "span")
		e.Set("textContent", s)
		probe.Call("appendChild", e)
		return e
	}
	cjk, other := span(strings.Repeat("国", 20)), span(strings.Repeat("0a,", 10))
	vl.Call("appendChild", probe)
	v.em = cjk.Call("getBoundingClientRect").Get("width").Float() / 20
	v.en = other.Call("getBoundingClientRect").Get("width").Float() / 30
	v.row = probe.Call("getBoundingClientRect").Get("height").Float()
	vl.Call("removeChild", probe)
	if v.em <= 0 || v.row <= 0 {
		return false
	}
	v.width = w
	n := len(v.lines)
	v.h, v.seen, v.top = make([]float64, n), make([]bool, n), make([]float64, n+1)
	for i, line := range v.lines {
		v.h[i] = v.estimate(line)
	}
	v.sum(0)
	v.first, v.last = 0, 0
	return true
}

// estimate is a line's height if it wraps at v.width.
func (v *viewer) estimate(line string) float64 {
	w := 0.0
	for _, r := range line {
		if r >= 0x1100 {
			w += v.em
		} else {
			w += v.en
		}
	}
	rows := math.Ceil(w / v.width)
	if rows < 1 {
		rows = 1
	}
	return rows * v.row
}

// sum sets top from line i on.
func (v *viewer) sum(i int) {
	for ; i < len(v.h); i++ {
		v.top[i+1] = v.top[i] + v.h[i]
	}
}

// lineAt is the line (0-based) at y in the viewer's content.
func (v *viewer) lineAt(y float64) int {
	n := len(v.lines)
	if n == 0 || v.top == nil {
		return -1
	}
	lo, hi := 0, n-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if v.top[mid] <= y {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// drawView draws the lines in sight (and a screenful either side) when
// they are not drawn yet, or all again (force); it then measures them and
// keeps the view on the line it shows.
func (a *app) drawView(force bool) {
	v := &a.view
	if !v.on || !a.measureView() {
		return
	}
	sc := a.byID("vscroll").Underlying()
	y, vh := sc.Get("scrollTop").Float(), sc.Get("clientHeight").Float()
	from, to := v.lineAt(y), v.lineAt(y+vh)+1
	if !force && v.last > v.first && from >= v.first && to <= v.last {
		return // in sight already
	}
	first, last := v.lineAt(y-viewSlack*vh), v.lineAt(y+(1+viewSlack)*vh)+1
	if last-first > viewMost {
		first = max(from-viewMost/4, 0)
		last = min(first+viewMost, len(v.lines))
	}
	anchor := from
	offset := y - v.top[anchor]
	doc := a.doc.Underlying()
	vl := a.byID("vlines").Underlying()
	frag := doc.Call("createDocumentFragment")
	v.els = v.els[:0]
	a.ed.byF = map[int][]js.Value{}
	a.ed.hot = a.ed.hot[:0]
	hot := map[int]bool{}
	for _, i := range a.ed.hotIdx {
		hot[i] = true
	}
	for i := first; i < last; i++ {
		div, mks := a.lineEl(doc, v.lines[i], v.marks[i+1])
		div.Call("setAttribute", "data-n", i+1)
		if v.cur == i+1 {
			div.Get("classList").Call("add", "cur")
		}
		for _, mk := range mks {
			f := mk.Get("_f")
			lit := false
			for k, n := 0, f.Length(); k < n; k++ {
				fi := f.Index(k).Int()
				a.ed.byF[fi] = append(a.ed.byF[fi], mk)
				lit = lit || hot[fi]
			}
			if lit {
				mk.Get("classList").Call("add", "hot")
				a.ed.hot = append(a.ed.hot, mk)
			}
		}
		frag.Call("appendChild", div)
		v.els = append(v.els, div)
	}
	vl.Set("textContent", "")
	vl.Call("appendChild", frag)
	v.first, v.last = first, last
	// Measure what is drawn (one layout of these lines only); where the
	// estimates were off, the lines below move, and the view stays on
	// the line it showed.
	changed := false
	for k, el := range v.els {
		i := first + k
		h := el.Get("offsetHeight").Float()
		if h > 0 && h != v.h[i] {
			v.h[i], changed = h, true
		}
		v.seen[i] = true
	}
	if changed {
		v.sum(first)
	}
	vl.Get("style").Set("top", strconv.FormatFloat(v.top[first], 'f', 1, 64)+"px")
	a.byID("vspace").Style().SetProperty("height", strconv.FormatFloat(v.top[len(v.lines)], 'f', 1, 64)+"px", "")
	if changed {
		if want := v.top[anchor] + offset; math.Abs(want-y) >= 1 {
			sc.Set("scrollTop", want)
		}
	}
}

// viewShow scrolls the viewer so that line n is a third of the way down
// and bands it.
func (a *app) viewShow(n int) {
	v := &a.view
	if !v.on || n < 1 || n > len(v.lines) || !a.measureView() {
		return
	}
	sc := a.byID("vscroll").Underlying()
	band := func() {
		for _, el := range v.els {
			el.Get("classList").Call("remove", "cur")
		}
		v.cur = n
		if n-1 >= v.first && n-1 < v.last {
			v.els[n-1-v.first].Get("classList").Call("add", "cur")
		}
	}
	// Twice: the first drawing measures the lines there, the second
	// places the line by its measured place.
	for k := 0; k < 2; k++ {
		ch := sc.Get("clientHeight").Float()
		top := v.top[n-1] - ch/3
		if v.h[n-1] > ch*2/3 {
			top = v.top[n-1] - 8
		}
		sc.Set("scrollTop", math.Max(top, 0))
		a.drawView(true)
	}
	band()
	opts := js.Global().Get("Object").New()
	opts.Set("preventScroll", true)
	sc.Call("focus", opts)
}
