//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/wasm/page"
)

func seedText(t *testing.T, prefix string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(root, "testdata/seeds", prefix+"_*.txt"))
	must(t, err)
	if len(m) != 1 {
		t.Fatalf("seed %s: %d files", prefix, len(m))
	}
	raw, err := os.ReadFile(m[0])
	must(t, err)
	return string(raw)
}

func ruleIndex(r core.Report, rule string) int {
	for i, f := range r.Findings {
		if f.Rule == rule {
			return i
		}
	}
	return -1
}

// One cause, one message: seed 004's one wrong cell is one card (A04,
// with A02 and A03 "由此导致" under it, no fix of their own), and nothing
// on the page tells the clerk to write 0 into it; seed 003's thirteen
// rows that each read six numbers are one card listing the rows.
func TestOneCauseOneCard(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	text := seedText(t, "004")
	r, _ := want(page.PasteName, text)
	paste(t, ctx, text, "\x00")
	checkShown(t, ctx, "seed 004", r)
	type cardInfo struct {
		Rules []string `json:"rules"`
		Body  string   `json:"body"`
	}
	cards := eval[[]cardInfo](t, ctx, `[...document.querySelectorAll("#panel-findings li.card")].map(li => ({
		rules: [li.dataset.rule, ...[...li.querySelectorAll("li.sub")].map(s => s.dataset.rule)], body: li.textContent}))`)
	var withA04 []cardInfo
	for _, c := range cards {
		if strings.Contains(strings.Join(c.Rules, " "), "A0") {
			withA04 = append(withA04, c)
		}
	}
	if len(withA04) != 1 || strings.Join(withA04[0].Rules, " ") != "A04 A02 A03" || !strings.Contains(withA04[0].Body, "由此导致") {
		t.Fatalf("seed 004: the table's cards are %+v, want one card A04 with A02 and A03 under 由此导致", withA04)
	}
	if n := strings.Count(withA04[0].Body, "修改"); n != 1 {
		t.Errorf("the A04 card says 修改 %d times, want once (the cause's fix)", n)
	}
	if txt := eval[string](t, ctx, `document.body.textContent + document.body.innerText`); strings.Contains(txt, "改为 0") || strings.Contains(txt, "改为0") {
		t.Errorf("the page tells the clerk to write 0 into the cell")
	}

	text = seedText(t, "003")
	r, _ = want(page.PasteName, text)
	paste(t, ctx, text, "\x00")
	checkShown(t, ctx, "seed 003", r)
	if n := eval[int](t, ctx, `document.querySelectorAll('#panel-findings li.card[data-rule="T03"]').length`); n != 1 {
		t.Fatalf("seed 003: %d T03 cards, want 1", n)
	}
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll('#panel-findings li.card[data-rule="T03"] .rows li.sub')].map(li => li.dataset.line + " " + li.querySelector(".row").textContent)`)
	if len(rows) != 13 {
		t.Errorf("seed 003: the T03 card lists %d rows, want 13: %v", len(rows), rows)
	}
	// A row in the list jumps to its own line.
	must(t, chromedp.Do(ctx, chromedp.Click(`#panel-findings li.card[data-rule="T03"] button.jump`)))
	must(t, chromedp.Do(ctx, chromedp.Click(`#panel-findings li.card[data-rule="T03"] .rows li.sub:nth-child(5) button`)))
	line := 0
	fmt.Sscan(rows[4], &line)
	checkSelection(t, ctx, line)
	if !strings.Contains(eval[string](t, ctx, `document.querySelector("#summary .ncards").textContent`), "处问题") {
		t.Error("the summary does not say how many problems the findings make")
	}
}

// markInfo is one underline in the text.
type markInfo struct {
	F     []int   `json:"f"`
	Class string  `json:"class"`
	Line  int     `json:"line"`
	Text  string  `json:"text"`
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	Color string  `json:"color"`
}

func marks(t *testing.T, ctx context.Context) []markInfo {
	return eval[[]markInfo](t, ctx, `(function(){
		const lines = [...document.querySelectorAll("#mirror .ln")];
		return [...document.querySelectorAll("#mirror .mk, #mirror .mk-line")].map(m => {
			const r = m.getBoundingClientRect();
			return {f: m._f, class: m.className, line: lines.indexOf(m.closest(".ln")) + 1, text: m.textContent,
				x: r.left + Math.min(r.width / 2, 6), y: r.top + r.height / 2, color: getComputedStyle(m).textDecorationColor};
		});})()`)
}

// Marks in the text itself: every finding with a line is underlined where
// it is, coloured by its severity; the message shows on hover, on the
// caret, and a focused card lights its marks.
func TestMarksInText(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	text := seedText(t, "004")
	r, _ := want(page.PasteName, text)
	paste(t, ctx, text, "\x00")
	ms := marks(t, ctx)
	lines := page.SplitLines(text)
	sevColor := map[string]string{"error": "rgb(180, 35, 24)", "warning": "rgb(210, 153, 0)", "info": "rgb(11, 92, 173)"}
	withLine := 0
	for i, f := range r.Findings {
		if f.Line <= 0 {
			continue
		}
		withLine++
		var on []markInfo
		for _, m := range ms {
			for _, j := range m.F {
				if j == i {
					on = append(on, m)
				}
			}
		}
		if len(on) == 0 {
			t.Errorf("%s on line %d: no underline", f.Rule, f.Line)
			continue
		}
		for _, m := range on {
			if m.Line != f.Line {
				t.Errorf("%s: underlined on line %d, want %d", f.Rule, m.Line, f.Line)
			}
			if !strings.Contains(lines[f.Line-1], m.Text) || m.Text == "" && lines[f.Line-1] != "" {
				t.Errorf("%s: underlines %q, not text of line %d", f.Rule, m.Text, f.Line)
			}
		}
		// The first underline of a finding starts at its column.
		if rs := []rune(lines[f.Line-1]); len(rs) > 0 && f.Col-1 < len(rs) && !strings.HasPrefix(strings.TrimLeft(string(rs[f.Col-1:]), " \t"), on[0].Text) {
			t.Errorf("%s: underline %q does not start at column %d of %q", f.Rule, on[0].Text, f.Col, lines[f.Line-1])
		}
	}
	if withLine == 0 {
		t.Fatal("seed 004 has no finding with a line")
	}
	for _, m := range ms {
		sev := ""
		for _, s := range []string{"error", "warning", "info"} {
			if strings.Contains(m.Class, "s-"+s) {
				sev = s
			}
		}
		w := "info"
		for _, i := range m.F {
			switch r.Findings[i].Severity {
			case "error":
				w = "error"
			case "warning":
				if w != "error" {
					w = "warning"
				}
			}
		}
		if sev != w {
			t.Errorf("mark %q on line %d has class %q, its findings' worst is %s", m.Text, m.Line, m.Class, w)
		}
		if m.Color != sevColor[w] {
			t.Errorf("mark %q on line %d is underlined in %s, want %s", m.Text, m.Line, m.Color, sevColor[w])
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#mirror .ln").length`); n != len(lines) {
		t.Errorf("the mirror has %d lines, the text %d", n, len(lines))
	}

	// Hover: the pointer over the S05 underline (line 12) shows its message.
	s05 := ruleIndex(r, "S05")
	var m05 markInfo
	for _, m := range ms {
		if len(m.F) == 1 && m.F[0] == s05 {
			m05 = m
		}
	}
	must(t, chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, m05.X, m05.Y)))
	tip := eval[string](t, ctx, `document.getElementById("tip").hidden ? "" : document.getElementById("tip").textContent`)
	if !strings.Contains(tip, r.Findings[s05].Message) {
		t.Errorf("hovering the S05 underline shows %q, want its message", tip)
	}
	screenshot(t, ctx, "20-seed004-hover")
	must(t, chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5)))
	if !eval[bool](t, ctx, `document.getElementById("tip").hidden`) {
		t.Error("the tooltip stays after the pointer left the underline")
	}

	// Keyboard: the caret moved into the underline shows the message.
	c05 := r.Findings[s05]
	start, _ := page.Offset(text, c05.Line, c05.Col)
	eval[bool](t, ctx, `(function(){const ta=document.getElementById("text"); ta.focus(); ta.setSelectionRange(`+fmt.Sprint(start)+`, `+fmt.Sprint(start)+`); return true;})()`)
	must(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight)))
	tip = eval[string](t, ctx, `document.getElementById("tip").hidden ? "" : document.getElementById("tip").textContent`)
	if !strings.Contains(tip, c05.Message) {
		t.Errorf("the caret in the S05 underline shows %q, want its message", tip)
	}

	// A card focused lights its underlines.
	a04 := ruleIndex(r, "A04")
	must(t, chromedp.Do(ctx, chromedp.Focus(`#panel-findings li.card[data-i="`+fmt.Sprint(a04)+`"] button.jump`)))
	lit := eval[[]int](t, ctx, `[...document.querySelectorAll("#mirror .mk.hot")].map(m => [...document.querySelectorAll("#mirror .ln")].indexOf(m.closest(".ln")) + 1)`)
	if fmt.Sprint(lit) != fmt.Sprint([]int{218, 338}) {
		t.Errorf("the focused A04 card lights underlines on lines %v, want [218 338] (A04 and A02 there, A03)", lit)
	}

	// Typing a new line at the end: the textarea follows the caret down to
	// it, and stays there, though the mirror (redrawn only after the next
	// check) is a line shorter and stops short of it. (Read two frames
	// later, when the scroll events have run; a check that came first
	// could only make this pass.)
	eval[bool](t, ctx, `(function(){const ta = document.getElementById("text"); ta.focus(); ta.setSelectionRange(ta.value.length, ta.value.length); ta.scrollTop = 0; return true;})()`)
	must(t, chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)))
	scrolled, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`new Promise(done => {
		const ta = document.getElementById("text"), s0 = ta.scrollTop;
		requestAnimationFrame(() => requestAnimationFrame(() => done([s0, ta.scrollTop])));
	})`, chromedp.EvalAwaitPromise))
	must(t, err)
	if scrolled[0] <= 0 || scrolled[1] < scrolled[0]-1 {
		t.Errorf("typing at the end scrolled the paste area to %.0f, then it moved to %.0f: pulled back by the mirror", scrolled[0], scrolled[1])
	}

	// Typing makes the marks stale at once; the next check redraws them.
	typeText(t, ctx, "新的一行\n"+text)
	if got := eval[int](t, ctx, `[...document.querySelectorAll("#mirror .ln")].indexOf(document.querySelector("#mirror .mk.s-warning").closest(".ln")) + 1`); got != 13 {
		t.Errorf("after a line was added above it, the S05 underline is on line %d, want 13", got)
	}
}

// lineTopJS measures where line n starts in the paste area (content
// coordinates) and how tall it is, with a textarea of the same style and
// width holding the lines before it: the browser's own textarea layout,
// independent of the page's mirror.
const lineTopJS = `function lineTop(n) {
	const ta = document.getElementById("text"), cs = getComputedStyle(ta);
	const c = document.createElement("textarea");
	// The page's own rules (line-height 1.6 is laid out in whole 1/64 px
	// steps differently from a copied "22.4px"), as wide as the paste area
	// to the fraction of a pixel, with a scroll bar like it: clientWidth is
	// rounded to whole pixels, and 0.4 px less room already wraps a long
	// paragraph one line sooner.
	c.className = ta.className;
	Object.assign(c.style, {position: "absolute", left: "-9999px", top: "0", margin: "0", flex: "none", minHeight: "0", height: "0",
		width: ta.getBoundingClientRect().width + "px"});
	document.body.appendChild(c);
	const lines = ta.value.split("\n"), pt = parseFloat(cs.paddingTop), pb = parseFloat(cs.paddingBottom);
	const h = k => { if (k === 0) return pt; c.value = lines.slice(0, k).join("\n"); return c.scrollHeight - pb; };
	const top = h(n - 1), bottom = h(n);
	c.remove();
	return [top, bottom - top];
}`

// checkBand: the band of the line jumped to sits exactly on line n of the
// textarea as the browser lays it out, and in view.
func checkBand(t *testing.T, ctx context.Context, what string, n int) {
	t.Helper()
	got := eval[[]float64](t, ctx, `(function(){ `+lineTopJS+`
		const ta = document.getElementById("text"), b = document.querySelector("#mirror .ln.cur");
		if (!b) return [];
		const tr = ta.getBoundingClientRect(), br = b.getBoundingClientRect();
		const [top, h] = lineTop(`+fmt.Sprint(n)+`);
		return [br.top - tr.top - ta.clientTop + ta.scrollTop, br.height, top, h, ta.scrollTop, ta.clientHeight];
	})()`)
	if len(got) == 0 {
		t.Errorf("%s: no band", what)
		return
	}
	bandTop, bandH, top, h, scroll, ch := got[0], got[1], got[2], got[3], got[4], got[5]
	if math.Abs(bandTop-top) > 1.5 || math.Abs(bandH-h) > 1.5 {
		t.Errorf("%s: band at %.1f (%.1f high), line %d of the textarea at %.1f (%.1f high)", what, bandTop, bandH, n, top, h)
	}
	if top-scroll < 0 || top-scroll+math.Min(h, 20) > ch {
		t.Errorf("%s: line %d at %.1f is out of view (scrolled %.1f, %.1f high)", what, n, top, scroll, ch)
	}
}

// The jump lands on the exact line: after switching tabs, for S05 (the
// first lines, under long wrapped paragraphs), for a line deep in the
// report, and from a table cell; at desktop and phone widths.
func TestJumpExactLine(t *testing.T) {
	text := seedText(t, "004")
	r, _ := want(page.PasteName, text)
	s05, a03, a04 := ruleIndex(r, "S05"), ruleIndex(r, "A03"), ruleIndex(r, "A04")
	for _, size := range [][2]int{{1366, 768}, {390, 844}} {
		name := fmt.Sprintf("%dx%d", size[0], size[1])
		ctx, _ := openOffline(t, size[0], size[1])
		paste(t, ctx, text, "\x00")
		must(t, chromedp.Do(ctx, chromedp.Click("#tab-tables"), chromedp.Click("#tab-rules"), chromedp.Click("#tab-findings")))
		must(t, chromedp.Do(ctx, chromedp.Click(`#panel-findings li.card[data-i="`+fmt.Sprint(s05)+`"] button.jump`)))
		checkSelection(t, ctx, r.Findings[s05].Line)
		checkBand(t, ctx, name+" S05 after switching tabs", r.Findings[s05].Line)

		must(t, chromedp.Do(ctx, chromedp.Click(`#panel-findings li.card[data-i="`+fmt.Sprint(a04)+`"] button.jump`),
			chromedp.Click(`#panel-findings li.sub[data-i="`+fmt.Sprint(a03)+`"] button.subjump`)))
		checkBand(t, ctx, name+" A03", r.Findings[a03].Line)

		// From the table view: a cell's line.
		must(t, chromedp.Do(ctx, chromedp.Click("#tab-tables")))
		c := r.Tables["applications"].Map()["carry_in"]["c_total"]
		eval[bool](t, ctx, `(document.getElementById("c-applications-carry_in-c_total").scrollIntoView({block: "center"}), true)`)
		must(t, chromedp.Do(ctx, chromedp.Click("#c-applications-carry_in-c_total")))
		checkBand(t, ctx, name+" cell", c.Line)

		// And again after the window changes width (the text rewraps).
		must(t, chromedp.Do(ctx, chromedp.EmulateViewport(int64(size[0]-120), int64(size[1]))))
		must(t, chromedp.Do(ctx, chromedp.Click("#tab-findings"), chromedp.Click(`#panel-findings li.card[data-i="`+fmt.Sprint(s05)+`"] button.jump`)))
		checkBand(t, ctx, name+" S05 narrower", r.Findings[s05].Line)
	}
}

// Small screens: at 390 px 表三 scrolls sideways in its own box with its
// label column kept in view and wide enough to read, 总计 reachable in
// full, the official two-level headers over the columns; 表四 likewise.
func TestPhoneTables(t *testing.T) {
	ctx, _ := openOffline(t, 390, 844)
	text := seedText(t, "004")
	paste(t, ctx, text, "\x00")
	eval[bool](t, ctx, `(document.getElementById("text").scrollTop = document.querySelectorAll("#mirror .ln")[11].offsetTop - 120, true)`)
	screenshot(t, ctx, "23-phone-editor")
	eval[bool](t, ctx, `(document.getElementById("summary").scrollIntoView(), true)`)
	must(t, chromedp.Do(ctx, chromedp.Click(`#panel-findings li.card[data-rule="A04"] button.jump`)))
	eval[bool](t, ctx, `(document.getElementById("summary").scrollIntoView(), true)`)
	screenshot(t, ctx, "24-phone-findings")
	must(t, chromedp.Do(ctx, chromedp.Click("#tab-tables")))
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the page is %dpx wide at a 390px screen", w)
	}
	type geo struct {
		Scroll    bool      `json:"scroll"`
		Label     []float64 `json:"label"` // left, width of the label of unable_1, after scrolling right
		Wrap      []float64 `json:"wrap"`  // left, right, top
		Total     []float64 `json:"total"` // left, right of the 总计 cell
		TotalText string    `json:"totalText"`
		HeadTop   float64   `json:"headTop"` // top of the 总计 heading after scrolling down
	}
	g := eval[geo](t, ctx, `(function(){
		const wrap = document.querySelector("#t-applications .tablewrap");
		wrap.scrollIntoView();
		const scroll = wrap.scrollWidth > wrap.clientWidth;
		wrap.scrollLeft = wrap.scrollWidth;
		const lab = document.querySelector("#r-applications-unable_1 th").getBoundingClientRect();
		const w = wrap.getBoundingClientRect(), td = document.getElementById("c-applications-unable_1-c_total");
		const tr = td.getBoundingClientRect();
		document.getElementById("r-applications-unable_1").scrollIntoView({block: "center"});
		wrap.scrollLeft = wrap.scrollWidth;
		return {scroll, label: [lab.left, lab.width], wrap: [w.left, w.left + wrap.clientWidth, w.top], total: [tr.left, tr.right], totalText: td.textContent};
	})()`)
	screenshot(t, ctx, "25-phone-tables-right")
	g.HeadTop = eval[float64](t, ctx, `(function(){
		const wrap = document.querySelector("#t-applications .tablewrap"), w = wrap.getBoundingClientRect();
		wrap.scrollTop = 300;
		const head = [...document.querySelectorAll("#t-applications thead th")].find(th => th.textContent === "总计").getBoundingClientRect();
		return head.top - w.top;
	})()`)
	if !g.Scroll {
		t.Error("表三 does not scroll sideways at 390px")
	}
	if math.Abs(g.Label[0]-g.Wrap[0]) > 2 || g.Label[1] < 100 {
		t.Errorf("表三's label column at %.0f (box at %.0f), %.0f px wide: want it kept at the left and at least 100 px", g.Label[0], g.Wrap[0], g.Label[1])
	}
	if g.Total[0] < g.Label[0]+g.Label[1]-1 || g.Total[1] > g.Wrap[1]+1 || g.Total[1]-g.Total[0] < 30 || g.TotalText != "0" {
		t.Errorf("the 总计 cell spans %.0f–%.0f (%q); want it in full between the labels (to %.0f) and the box's edge %.0f", g.Total[0], g.Total[1], g.TotalText, g.Label[0]+g.Label[1], g.Wrap[1])
	}
	if g.HeadTop < -1 || g.HeadTop > 80 {
		t.Errorf("scrolled down, the 总计 heading is %.0f px below the box's top: want it kept in view", g.HeadTop)
	}
	type head struct {
		Text string `json:"text"`
		Cols int    `json:"cols"`
		Rows int    `json:"rows"`
	}
	heads := func(id string) []head {
		return eval[[]head](t, ctx, `[...document.querySelectorAll("#t-`+id+` thead th")].map(th => ({text: th.textContent, cols: th.colSpan, rows: th.rowSpan}))`)
	}
	want3 := "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）/1×3 申请人情况/7×1 自然人/1×2 法人或其他组织/5×1 总计/1×2 商业企业/1×1 科研机构/1×1 社会公益组织/1×1 法律服务机构/1×1 其他/1×1"
	want4 := "行政复议/5×1 行政诉讼/10×1 结果维持/1×2 结果纠正/1×2 其他结果/1×2 尚未审结/1×2 总计/1×2 未经复议直接起诉/5×1 复议后起诉/5×1" + strings.Repeat(" 结果维持/1×1 结果纠正/1×1 其他结果/1×1 尚未审结/1×1 总计/1×1", 2)
	for id, w := range map[string]string{"applications": want3, "review": want4} {
		var got []string
		for _, h := range heads(id) {
			got = append(got, fmt.Sprintf("%s/%d×%d", h.Text, h.Cols, h.Rows))
		}
		if strings.Join(got, " ") != w {
			t.Errorf("%s header:\n got %s\nwant %s", id, strings.Join(got, " "), w)
		}
	}
	eval[bool](t, ctx, `(function(){const w = document.querySelector("#t-applications .tablewrap"); w.scrollLeft = 0; w.scrollTop = 0; document.getElementById("t-applications").scrollIntoView(); return true;})()`)
	screenshot(t, ctx, "26-phone-tables")
}

// Screenshots of seed 004 at 1366×768: the findings with a card open, the
// tables as read, the text with its marks.
func TestDesktopShots(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	text := seedText(t, "004")
	paste(t, ctx, text, "\x00")
	screenshot(t, ctx, "21-seed004-findings")
	must(t, chromedp.Do(ctx, chromedp.Click(`#panel-findings li.card[data-rule="A04"] button.jump`)))
	screenshot(t, ctx, "22-seed004-card-open")
	must(t, chromedp.Do(ctx, chromedp.Click("#tab-tables")))
	eval[bool](t, ctx, `(document.getElementById("t-applications").scrollIntoView(), document.getElementById("r-applications-unable_1").scrollIntoView({block: "center"}), true)`)
	screenshot(t, ctx, "27-seed004-tables")
}

// A large text (over 256 KB, or 10 000 lines) is not put into the paste
// area, whose layout would hold the page for seconds: it is shown
// read-only in a viewer that draws only the lines in sight, with their
// numbers and the findings' underlines; a card jumps to its line deep in
// the text and brings it into view, banded; "仍要在此编辑" puts the text
// into the paste area all the same (no line numbers nor underlines there,
// as before).
func TestLargeTextViewer(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	text := strings.Repeat(seedText(t, "004"), 30)
	largeTextViewer(t, ctx, text, true)
	// The same in the old kernels (Chromium 80–109), when installed.
	inOldKernels(t, false, func(t *testing.T, major, exec string) {
		ctx, _ := openOfflineIn(t, newBrowserAt(t, exec, 1366, 768), 1366, 768)
		largeTextViewer(t, ctx, text, false)
	})
}

func largeTextViewer(t *testing.T, ctx context.Context, text string, shot bool) {
	r, wantJSON := want(page.PasteName, text)
	paste(t, ctx, text, "\x00")
	waitChecked(t, ctx) // over 128 KB: checked in steps
	if got := eval[string](t, ctx, `nianbao.result()`); got != wantJSON {
		t.Fatal("the page's result differs from the core's")
	}
	st := eval[[]float64](t, ctx, `(function () {
		const v = document.getElementById("viewer"), ta = document.getElementById("text");
		return [v.hidden ? 0 : 1, ta.value.length, document.querySelectorAll("#vlines .ln").length,
			document.querySelectorAll("#vlines mark.mk").length, document.querySelectorAll("#mirror .ln").length];
	})()`)
	if st[0] != 1 || st[1] != 0 {
		t.Fatalf("viewer shown %v, paste area holds %v characters", st[0], st[1])
	}
	if st[2] < 20 || st[2] > 400 {
		t.Errorf("%v lines drawn of %d", st[2], len(page.SplitLines(text)))
	}
	if st[3] == 0 {
		t.Error("no underline drawn in the viewer's first lines")
	}
	if st[4] != 0 {
		t.Error("the mirror holds lines behind the viewer")
	}
	if s := eval[string](t, ctx, `document.getElementById("view-note").textContent`); !strings.Contains(s, "文字较大（0.2 MB），以只读方式显示") {
		t.Errorf("note %q", s)
	}
	last := -1
	for i, f := range r.Findings {
		if f.Line > 0 && (last < 0 || f.Line > r.Findings[last].Line) {
			last = i
		}
	}
	if last < 0 || r.Findings[last].Line < 5000 {
		t.Fatalf("no finding deep in the text (%d)", last)
	}
	n := r.Findings[last].Line
	sel := `#panel-findings li.card[data-i="` + fmt.Sprint(last) + `"] button.jump`
	if eval[bool](t, ctx, `!document.querySelector(`+js(sel)+`)`) {
		sel = `#panel-findings li.sub[data-i="` + fmt.Sprint(last) + `"] button`
		eval[bool](t, ctx, `(document.querySelector(`+js(sel)+`).closest("li.card").querySelector("button.jump").click(), true)`)
	}
	eval[bool](t, ctx, `(document.querySelector(`+js(sel)+`).click(), true)`) // (chromedp.Click waits forever in Chromium 80)
	got := eval[[]float64](t, ctx, `(function () {
		const el = document.querySelector("#vlines .ln.cur"), sc = document.getElementById("vscroll");
		if (!el) return [-1, 0, 0, 0];
		const r = el.getBoundingClientRect(), s = sc.getBoundingClientRect();
		return [Number(el.dataset.n), r.top - s.top, s.height, el.querySelectorAll("mark.mk.hot").length];
	})()`)
	if got[0] != float64(n) {
		t.Fatalf("banded line %v, want %d", got[0], n)
	}
	if got[1] < 0 || got[1] > got[2]-10 {
		t.Errorf("line %d is %.0f px into a viewer %.0f px high: not in view", n, got[1], got[2])
	}
	if got[3] == 0 {
		t.Errorf("line %d: the finding's underline is not lit", n)
	}
	// The numbers drawn are the lines': the line banded holds its text.
	lines := page.SplitLines(text)
	if s := eval[string](t, ctx, `document.querySelector("#vlines .ln.cur").textContent`); s != lines[n-1] {
		t.Errorf("line %d shows %q, want %q", n, s, lines[n-1])
	}
	// Scrolled to the end: the last lines are drawn, numbered.
	eval[bool](t, ctx, `(function () { const sc = document.getElementById("vscroll"); sc.scrollTop = sc.scrollHeight; return true; })()`)
	time.Sleep(200 * time.Millisecond)
	if s := eval[string](t, ctx, `(function () { const l = document.querySelectorAll("#vlines .ln"); return l[l.length - 1].dataset.n; })()`); s != fmt.Sprint(len(lines)) {
		t.Errorf("at the end, the last line drawn is %s of %d", s, len(lines))
	}
	if shot {
		screenshot(t, ctx, "14-viewer")
	}

	// Edit anyway: the text goes into the paste area, plain, and stays
	// checked.
	eval[bool](t, ctx, `(document.getElementById("view-edit").click(), true)`)
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := waitJS(tctx, `document.getElementById("viewer").hidden && document.getElementById("text").value.length === `+fmt.Sprint(len([]rune(page.UnixNewlines(text))))+` && document.getElementById("status").textContent.includes("可以修改")`); err != nil {
		t.Fatalf("edit anyway: %v", err)
	}
	if !eval[bool](t, ctx, `document.getElementById("editor").classList.contains("plain") && document.querySelectorAll("#mirror .ln").length === 0`) {
		t.Error("a text of 12 000 lines is mirrored")
	}
	if got := eval[string](t, ctx, `nianbao.result()`); got != wantJSON {
		t.Error("after edit anyway the result changed")
	}
	eval[bool](t, ctx, `(document.querySelector(`+js(sel)+`).click(), true)`) // (chromedp.Click waits forever in Chromium 80)
	checkSelection(t, ctx, n)
}

// Reading doubts (kind "reading": a row whose fused digits the reader
// could not split for certain) are the checker's, not the report's: the
// page lists them in a group of their own, 读取提示, after the report's
// problems, each with what to check; never among the errors, never in the
// verdict; the counts say them apart; 复制问题清单 puts them after the
// items, for whoever checks.
func TestReadingDoubtsApart(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	raw, err := os.ReadFile(filepath.Join(root, "testdata/variants/oneline-huaian.txt"))
	must(t, err)
	text := string(raw)
	r, _ := want(page.PasteName, text)
	_, reading := core.Counts(r)
	if reading == 0 {
		t.Skip("the one-line copy gives no reading doubt with this reader (they come with the reader's kinds, issue 16)")
	}
	paste(t, ctx, text, "\x00")
	checkShown(t, ctx, "one-line copy", r)
	type group struct {
		Head  string   `json:"head"`
		Rules []string `json:"rules"`
		Text  string   `json:"text"`
	}
	groups := eval[[]group](t, ctx, `[...document.querySelectorAll("#panel-findings section.sev")].map(s => ({
		head: s.className, rules: [...s.querySelectorAll("li.card")].map(li => li.dataset.i), text: s.textContent}))`)
	if len(groups) == 0 || groups[len(groups)-1].Head != "sev sev-reading" {
		t.Fatalf("no 读取提示 group last: %+v", groups)
	}
	eval[bool](t, ctx, `(document.querySelector("#panel-findings section.sev-reading").scrollIntoView(), document.querySelector("#panel-findings section.sev-reading button.jump").click(), true)`)
	screenshot(t, ctx, "reading-doubts")
	last := groups[len(groups)-1]
	if !strings.HasPrefix(last.Text, "读取提示 ") || len(last.Rules) != reading || !strings.Contains(last.Text, "核对") {
		t.Errorf("读取提示 group: %d cards (want %d): %.200q", len(last.Rules), reading, last.Text)
	}
	for _, g := range groups[:len(groups)-1] {
		for _, i := range g.Rules {
			var k int
			fmt.Sscan(i, &k)
			if r.Findings[k].Kind == "reading" {
				t.Errorf("a reading doubt (%s %s) among the report's problems (%s)", r.Findings[k].Rule, r.Findings[k].Message, g.Head)
			}
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#panel-findings section.sev-error li.card.reading").length`); n != 0 {
		t.Errorf("%d reading cards among the errors", n)
	}
	if v := eval[string](t, ctx, `document.querySelector("#summary .verdict").textContent`); v != "通过" || r.Summary.Error != 0 {
		t.Errorf("verdict %q (core: %d errors)", v, r.Summary.Error)
	}
	if c := eval[string](t, ctx, `document.querySelector("#summary .counts").textContent`); !strings.Contains(c, fmt.Sprintf("读取提示 %d", reading)) {
		t.Errorf("counts %q do not say the reading doubts apart", c)
	}
	copied := page.Text(r)
	if i := strings.Index(copied, "读取提示 "); i < 0 || strings.Contains(copied[:i], "数字连在一起") {
		t.Errorf("copied text does not put the reading doubts apart:\n%s", copied)
	}
}
