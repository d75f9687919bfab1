//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"syscall/js"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/wasm/page"
)

// The paste area is a <textarea>, which cannot hold underlines. Behind it
// (its background is transparent) a mirror holds the same text in the same
// font, padding and wrapping, one element per line: the line numbers are
// drawn in its gutter, the findings underlined in place, the line jumped to
// banded. Both have a vertical scroll bar always, so their text is exactly
// as wide whatever the platform's scroll bars; the mirror scrolls with the
// textarea. Its text is transparent: what the user reads is the textarea.
//
// Very large texts are not mirrored: the mirror costs the browser as much
// layout as the textarea itself (measured in headless Chromium on a busy
// machine: 0.1 s for a report of 400 lines, 2 s for 20 000), so over these
// bounds they get no line numbers nor underlines, and a jump scrolls the
// textarea by measuring. Such a text pasted or opened whole does not go
// into the textarea at all: it is shown in the read-only viewer
// (viewer.go), which draws only the lines in sight; it comes here only
// when the user asks to edit it all the same, or types it.

const (
	maxMirrorBytes = 1 << 20
	maxMirrorLines = 10000
)

// markRange is one underline: UTF-16 offsets in the text (what a textarea's
// selection counts in) and its element.
type markRange struct {
	start, end int
	el         js.Value
	findings   []int
}

type editor struct {
	on       bool         // the mirror holds the text
	text     string       // the text it holds
	gen      int          // the report whose marks it shows (app.gen), 0 none
	lines    []js.Value   // the line elements; lines[0] is line 1
	sigs     []string     // what each shows: its text and its marks
	lmarks   [][]js.Value // the mark elements of each line, in order
	marks    []markRange
	byF      map[int][]js.Value // finding → its mark elements
	cur      int                // line banded (0 none)
	hot      []js.Value         // marks lit by a focused or hovered card
	hotIdx   []int              // their findings (the viewer lights the lines it draws)
	tipFrom  js.Value           // mark the tooltip is showing
	hoverOn  bool
	gutterPx int
	bdTop    float64 // the mirror's scroll position as last set from the textarea
}

func (a *app) wireEditor() {
	a.ed.byF = map[int][]js.Value{}
	// A restarted checker finds the page as the stopped one left it: the
	// mirror's lines are not its own.
	a.byID("mirror").SetTextContent("")
	bd := a.byID("backdrop")
	// The textarea drives; the mirror follows. The mirror scrolls by
	// itself only under the wheel over the line numbers: then the
	// textarea follows.
	a.ta.AddEventListener("scroll", false, func(dom.Event) { a.syncScroll(true) })
	bd.AddEventListener("scroll", false, func(dom.Event) { a.syncScroll(false) })
	// Hover: the textarea covers the marks, so the marks under the pointer
	// are found by position.
	ed := a.byID("editor")
	ed.AddEventListener("mousemove", false, func(e dom.Event) {
		a.hoverAt(e.Underlying().Get("clientX").Float(), e.Underlying().Get("clientY").Float())
	})
	ed.AddEventListener("mouseleave", false, func(dom.Event) {
		a.ed.hoverOn = false
		a.caretTip()
	})
	// Keyboard: the message of the mark the caret is in.
	for _, ev := range []string{"keyup", "click", "focus"} {
		a.ta.AddEventListener(ev, false, func(dom.Event) {
			if !a.ed.hoverOn {
				a.caretTip()
			}
		})
	}
	a.ta.AddEventListener("blur", false, func(dom.Event) {
		if !a.ed.hoverOn {
			a.hideTip()
		}
	})
	// A click on a line number selects the line.
	bd.AddEventListener("click", false, func(e dom.Event) {
		if !a.ed.on {
			return
		}
		if n := a.lineAtY(e.Underlying().Get("clientY").Float()); n > 0 {
			a.jumpLine(n)
		}
	})
}

// editorStale is called on every edit: the marks no longer match the text
// until the next check redraws them.
func (a *app) editorStale() {
	a.byID("backdrop").Class().Add("stale")
	a.clearBand()
	a.hideTip()
}

// drawMirror puts the text into the mirror, with the marks of the report
// shown when it is the text checked. Only the lines that changed are
// redrawn (what each line shows is kept as its signature): a pause in
// typing redraws a line or two, not the report.
func (a *app) drawMirror() {
	text := a.text()
	gen := 0
	if a.have && text == a.checked {
		gen = a.gen
	}
	bd := a.byID("backdrop")
	bd.Class().Remove("stale")
	if a.ed.on && text == a.ed.text && gen == a.ed.gen {
		return
	}
	mirror := a.byID("mirror").Underlying()
	edEl := a.byID("editor")
	a.clearBand()
	a.lightFindings(nil)
	a.hideTip()
	a.ed.marks, a.ed.byF = nil, map[int][]js.Value{}
	if a.view.on {
		// A large text is in the viewer: it draws the lines in sight.
		if a.ed.on || len(a.ed.lines) > 0 {
			a.ed.on, a.ed.text, a.ed.gen = false, "", 0
			a.ed.lines, a.ed.sigs, a.ed.lmarks = nil, nil, nil
			mirror.Set("textContent", "")
		}
		a.drawViewText(gen)
		return
	}
	lineCount := strings.Count(text, "\n") + 1
	if len(text) > maxMirrorBytes || lineCount > maxMirrorLines {
		a.ed.on, a.ed.text, a.ed.gen = false, "", 0
		a.ed.lines, a.ed.sigs, a.ed.lmarks = nil, nil, nil
		mirror.Set("textContent", "")
		// Only when it changes: a new style makes the browser lay out
		// the paste area's text again, seconds for 1 MB.
		if !edEl.Class().Contains("plain") {
			edEl.Class().Add("plain")
			edEl.Style().SetProperty("--gutter", "0px", "")
			a.ed.gutterPx = 0
		}
		return
	}
	a.ed.on, a.ed.text, a.ed.gen = true, text, gen
	edEl.Class().Remove("plain")
	if g := 14 + 8*len(strconv.Itoa(lineCount)); g != a.ed.gutterPx {
		a.ed.gutterPx = g
		edEl.Style().SetProperty("--gutter", itoa(g)+"px", "")
	}
	var lines []string
	if text != "" {
		lines = page.SplitLines(text)
	}
	var marks []page.Mark
	if gen > 0 {
		marks = page.Marks(a.report, lines)
	}
	// What each line shows: its text and its marks.
	onLine := make([][]page.Mark, len(lines))
	for mi := 0; mi < len(marks); {
		mj := mi
		for mj < len(marks) && marks[mj].Line == marks[mi].Line {
			mj++
		}
		onLine[marks[mi].Line-1] = marks[mi:mj]
		mi = mj
	}
	sigs := make([]string, len(lines))
	for k, line := range lines {
		sigs[k] = line
		for _, m := range onLine[k] {
			sigs[k] += "\x00" + itoa(m.Start) + "-" + itoa(m.End) + m.Severity + fmt.Sprint(m.Findings)
		}
	}
	// Keep the lines that are the same at the start and at the end.
	old := a.ed.sigs
	p := 0
	for p < len(old) && p < len(sigs) && old[p] == sigs[p] {
		p++
	}
	q := 0
	for q < len(old)-p && q < len(sigs)-p && old[len(old)-1-q] == sigs[len(sigs)-1-q] {
		q++
	}
	for _, el := range a.ed.lines[p : len(old)-q] {
		mirror.Call("removeChild", el)
	}
	doc := a.doc.Underlying()
	frag := doc.Call("createDocumentFragment")
	made := make([]js.Value, 0, len(sigs)-p-q)
	madeMarks := make([][]js.Value, 0, len(sigs)-p-q)
	for k := p; k < len(sigs)-q; k++ {
		div, mks := a.lineEl(doc, lines[k], onLine[k])
		frag.Call("appendChild", div)
		made = append(made, div)
		madeMarks = append(madeMarks, mks)
	}
	if q > 0 {
		mirror.Call("insertBefore", frag, a.ed.lines[len(old)-q])
	} else {
		mirror.Call("appendChild", frag)
	}
	a.ed.lines = append(append(append([]js.Value(nil), a.ed.lines[:p]...), made...), a.ed.lines[len(old)-q:]...)
	a.ed.lmarks = append(append(append([][]js.Value(nil), a.ed.lmarks[:p]...), madeMarks...), a.ed.lmarks[len(old)-q:]...)
	a.ed.sigs = sigs
	// The findings of each mark and where it is in the text (UTF-16).
	off := 0
	for k, line := range lines {
		for j, m := range onLine[k] {
			el := a.ed.lmarks[k][j]
			rs := []rune(line)
			start, end := off+units(rs[:m.Start]), off+units(rs[:m.End])
			a.ed.marks = append(a.ed.marks, markRange{start, end, el, m.Findings})
			for _, i := range m.Findings {
				a.ed.byF[i] = append(a.ed.byF[i], el)
			}
		}
		off += utf16Len(line) + 1
	}
	// Lines above the view may have changed height: keep the mirror where
	// the textarea is, at the next frame (reading scroll positions now
	// would lay out the whole text at once, for every edit).
	a.win.RequestAnimationFrame(func(time.Duration) { a.syncScroll(true) })
}

// lineEl makes the element of one line with its marks.
func (a *app) lineEl(doc js.Value, line string, marks []page.Mark) (js.Value, []js.Value) {
	div := doc.Call("createElement", "div")
	div.Set("className", "ln")
	var els []js.Value
	switch {
	case len(marks) > 0:
		rs := []rune(line)
		pos := 0
		for _, m := range marks {
			if m.Start == m.End { // an empty line, marked as a whole
				div.Set("className", "ln mk-line s-"+m.Severity)
				div.Call("appendChild", doc.Call("createElement", "br"))
				div.Set("_f", js.ValueOf(intsToAny(m.Findings)))
				els = append(els, div)
				continue
			}
			if m.Start > pos {
				div.Call("appendChild", doc.Call("createTextNode", string(rs[pos:m.Start])))
			}
			mk := doc.Call("createElement", "mark")
			mk.Set("className", "mk s-"+m.Severity)
			mk.Set("textContent", string(rs[m.Start:m.End]))
			mk.Set("_f", js.ValueOf(intsToAny(m.Findings)))
			div.Call("appendChild", mk)
			els = append(els, mk)
			pos = m.End
		}
		if pos < len(rs) {
			div.Call("appendChild", doc.Call("createTextNode", string(rs[pos:])))
		}
	case line == "":
		// An empty line is one line high in the textarea: a <br> gives
		// the div the same single, empty line box.
		div.Call("appendChild", doc.Call("createElement", "br"))
	default:
		div.Set("textContent", line)
	}
	return div, els
}

func intsToAny(v []int) []any {
	out := make([]any, len(v))
	for i, x := range v {
		out[i] = x
	}
	return out
}

func units(rs []rune) int {
	n := 0
	for _, r := range rs {
		n += utf16.RuneLen(r)
	}
	return n
}

func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// syncScroll keeps the mirror where the textarea is (from the textarea) or
// the textarea where the mirror is (after the wheel or a finger over the
// line numbers). The mirror's own scroll events that only echo what was
// set from the textarea are ignored: while the user types new lines at
// the end, the mirror (not yet redrawn) is shorter and stops short, and
// must not pull the textarea back up.
func (a *app) syncScroll(fromText bool) {
	ta := a.ta.Underlying()
	bd := a.byID("backdrop").Underlying()
	if fromText {
		if top := ta.Get("scrollTop").Float(); bd.Get("scrollTop").Float() != top {
			bd.Set("scrollTop", top)
		}
		a.ed.bdTop = bd.Get("scrollTop").Float()
	} else if top := bd.Get("scrollTop").Float(); math.Abs(top-a.ed.bdTop) >= 1 {
		a.ed.bdTop = top
		ta.Set("scrollTop", top)
	}
	if a.ed.tipFrom.Truthy() {
		a.placeTip(a.ed.tipFrom)
	}
}

// lineTop is where line n starts in the textarea's content (scrolled to
// the top) and how tall it is once wrapped, read from the mirror.
func (a *app) lineTop(n int) (y, h float64, ok bool) {
	if !a.ed.on || n < 1 || n > len(a.ed.lines) {
		return 0, 0, false
	}
	r := a.ed.lines[n-1].Call("getBoundingClientRect")
	m := a.byID("mirror").Underlying().Call("getBoundingClientRect")
	return r.Get("top").Float() - m.Get("top").Float(), r.Get("height").Float(), true
}

// lineAtY is the line under a viewport y (0 none).
func (a *app) lineAtY(y float64) int {
	lo, hi := 0, len(a.ed.lines)-1
	if hi < 0 {
		return 0
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if a.ed.lines[mid].Call("getBoundingClientRect").Get("top").Float() <= y {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1
}

// showLine scrolls the textarea so that line n is a third of the way down
// and bands it. Without a mirror (a very large text) it measures where the
// line is with a copy of the text before it.
func (a *app) showLine(n int) {
	if a.view.on {
		a.viewShow(n)
		return
	}
	ta := a.ta.Underlying()
	ch := ta.Get("clientHeight").Float()
	y, h, ok := a.lineTop(n)
	if !ok {
		y = a.measureLine(n)
		h = 0
	}
	top := y - ch/3
	if h > 0 && h > ch*2/3 { // a long paragraph: its start at the top
		top = y - 8
	}
	if top < 0 {
		top = 0
	}
	ta.Set("scrollTop", top)
	a.syncScroll(true)
	a.clearBand()
	if ok {
		a.ed.cur = n
		a.ed.lines[n-1].Get("classList").Call("add", "cur")
	}
}

// measureLine finds where line n starts in a text too large to mirror:
// the text before it, laid out in the (then empty) mirror.
func (a *app) measureLine(n int) float64 {
	text := a.text()
	start, _, ok := page.LineRange(text, n)
	if !ok {
		return 0
	}
	before := string(utf16Prefix(text, start))
	mirror := a.byID("mirror").Underlying()
	doc := a.doc.Underlying()
	mirror.Set("textContent", "")
	mirror.Call("appendChild", doc.Call("createTextNode", before))
	probe := doc.Call("createElement", "span")
	probe.Set("textContent", "\u200b")
	mirror.Call("appendChild", probe)
	y := probe.Call("getBoundingClientRect").Get("top").Float() - mirror.Call("getBoundingClientRect").Get("top").Float()
	mirror.Set("textContent", "")
	return y
}

// utf16Prefix is the text before a UTF-16 offset.
func utf16Prefix(text string, u int) string {
	n := 0
	for i, r := range text {
		if n >= u {
			return text[:i]
		}
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return text
}

func (a *app) clearBand() {
	if a.view.cur > 0 {
		for _, el := range a.view.els {
			el.Get("classList").Call("remove", "cur")
		}
		a.view.cur = 0
	}
	if a.ed.cur > 0 && a.ed.cur <= len(a.ed.lines) {
		a.ed.lines[a.ed.cur-1].Get("classList").Call("remove", "cur")
	}
	a.ed.cur = 0
}

// lightFindings lights the marks of some findings (a card focused or
// hovered); nil puts them out.
func (a *app) lightFindings(idx []int) {
	for _, el := range a.ed.hot {
		el.Get("classList").Call("remove", "hot")
	}
	a.ed.hot = a.ed.hot[:0]
	a.ed.hotIdx = append(a.ed.hotIdx[:0], idx...)
	for _, i := range idx {
		for _, el := range a.ed.byF[i] {
			el.Get("classList").Call("add", "hot")
			a.ed.hot = append(a.ed.hot, el)
		}
	}
}

// hoverAt shows the message of the mark under the pointer.
func (a *app) hoverAt(x, y float64) {
	if len(a.ed.marks) == 0 && !a.view.on {
		return
	}
	var found js.Value
	list := a.doc.Underlying().Call("elementsFromPoint", x, y)
	for i, n := 0, list.Length(); i < n; i++ {
		el := list.Index(i)
		if f := el.Get("_f"); !f.IsUndefined() {
			found = el
			break
		}
		if id := el.Get("id").String(); id == "backdrop" || id == "viewer" {
			break
		}
	}
	if !found.Truthy() {
		if a.ed.hoverOn {
			a.ed.hoverOn = false
			a.caretTip()
		}
		return
	}
	a.ed.hoverOn = true
	if !found.Equal(a.ed.tipFrom) {
		a.showTip(found)
	}
}

// caretTip shows the message of the mark the caret is in, if any.
func (a *app) caretTip() {
	if len(a.ed.marks) == 0 || !a.doc.Underlying().Get("activeElement").Equal(a.ta.Underlying()) {
		a.hideTip()
		return
	}
	c := a.ta.SelectionStart()
	for _, m := range a.ed.marks {
		if m.start <= c && c <= m.end && (m.start < m.end || c == m.start) {
			a.showTip(m.el)
			return
		}
	}
	a.hideTip()
}

// showTip fills the tooltip with the findings of a mark and places it.
func (a *app) showTip(mark js.Value) {
	tip := a.byID("tip")
	tip.SetTextContent("")
	f := mark.Get("_f")
	for k, n := 0, f.Length(); k < n; k++ {
		i := f.Index(k).Int()
		if i < 0 || i >= len(a.report.Findings) {
			continue
		}
		add(tip, a.tipItem(i, a.report.Findings[i]))
	}
	tip.RemoveAttribute("hidden")
	a.ed.tipFrom = mark
	a.placeTip(mark)
}

func (a *app) tipItem(i int, f core.Finding) *dom.BasicHTMLElement {
	p := a.el("p", "tip-f", "")
	head := add(a.el("span", "tip-h", ""), a.el("span", "badge b-"+f.Severity, core.SeverityName(f.Severity)), a.el("span", "rule", f.Rule))
	if t := a.title(f.Rule); t != "" {
		add(head, a.el("span", "", t))
	}
	add(p, head, a.el("span", "tip-m", f.Message))
	if f.ExplainedBy != nil && *f.ExplainedBy >= 0 && *f.ExplainedBy < len(a.report.Findings) {
		c := a.report.Findings[*f.ExplainedBy]
		add(p, a.el("span", "tip-c", "原因在"+page.LinePlace(c)+"（"+c.Rule+"），见问题清单"))
	}
	return p
}

// placeTip puts the tooltip under its mark (over it near the bottom),
// hidden while the mark is scrolled out of sight.
func (a *app) placeTip(mark js.Value) {
	tip := a.byID("tip")
	ed := a.byID("editor").Underlying().Call("getBoundingClientRect")
	r := mark.Call("getBoundingClientRect")
	edTop, edLeft := ed.Get("top").Float(), ed.Get("left").Float()
	edH, edW := ed.Get("height").Float(), ed.Get("width").Float()
	top, bottom, left := r.Get("top").Float()-edTop, r.Get("bottom").Float()-edTop, r.Get("left").Float()-edLeft
	if bottom < 0 || top > edH {
		tip.Style().SetProperty("visibility", "hidden", "")
		return
	}
	tip.Style().SetProperty("visibility", "visible", "")
	th := tip.Underlying().Get("offsetHeight").Float()
	tw := tip.Underlying().Get("offsetWidth").Float()
	y := bottom + 4
	if y+th > edH && top-th-4 >= 0 {
		y = top - th - 4
	}
	x := left
	if x+tw > edW-4 {
		x = edW - 4 - tw
	}
	if x < 4 {
		x = 4
	}
	tip.Style().SetProperty("top", strconv.FormatFloat(y, 'f', 1, 64)+"px", "")
	tip.Style().SetProperty("left", strconv.FormatFloat(x, 'f', 1, 64)+"px", "")
}

func (a *app) hideTip() {
	if t := a.byID("tip"); t != nil {
		t.SetAttribute("hidden", "")
	}
	a.ed.tipFrom = js.Value{}
}
