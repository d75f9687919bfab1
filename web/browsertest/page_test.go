//go:build browser

package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	cdpage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/nianbao/nianbao"
	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/wasm/page"
	"github.com/nianbao/nianbao/web/serve"
)

func want(name, text string) (core.Report, string) {
	r := core.CheckText(name, text, core.Options{})
	return r, string(core.NewResult(r).JSON())
}

// openOffline opens dist/nianbao.html from file:// with the network
// emulated offline and every non-local request failed and counted.
func openOffline(t *testing.T, width, height int) (context.Context, *netGuard) {
	return openOfflineIn(t, newBrowser(t, width, height), width, height)
}

// openOfflineIn is openOffline in a browser already started.
func openOfflineIn(t *testing.T, ctx context.Context, width, height int) (context.Context, *netGuard) {
	g := offlineGuard(t, ctx)
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height)), chromedp.Navigate(offlineURL(t))))
	waitReady(t, ctx)
	t.Cleanup(func() {
		if b := g.Blocked(); len(b) > 0 {
			t.Errorf("the offline page made %d network request(s): %v", len(b), b)
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		if len(g.seen) > 0 {
			t.Errorf("Chromium saw %d non-local request(s): %v", len(g.seen), g.seen)
		}
	})
	return ctx, g
}

type shownCard struct {
	Lead string   `json:"lead"`
	Rule string   `json:"rule"`
	Line string   `json:"line"`
	Msg  string   `json:"msg"`
	Sev  string   `json:"sev"`
	Subs []string `json:"subs"` // data-i of the findings listed inside
	Msgs []string `json:"msgs"` // and their messages
}

// shownCards reads the finding cards as the user sees them.
func shownCards(t *testing.T, ctx context.Context) []shownCard {
	return eval[[]shownCard](t, ctx, `[...document.querySelectorAll("#panel-findings li.card")].map(li => ({
		lead: li.dataset.i, rule: li.dataset.rule, line: li.dataset.line || "",
		msg: li.querySelector(".jump .msg").textContent,
		sev: li.closest("section").className.replace(/^.*sev-/, ""),
		subs: [...li.querySelectorAll("li.sub")].map(s => s.dataset.i),
		msgs: [...li.querySelectorAll("li.sub")].map(s => s.querySelector(".msg").textContent)}))`)
}

// checkShown compares the page's finding cards and summary with a report:
// one card per core.Cards card, in its severity's group, every finding
// shown once (an Alike card lists its lead's row too).
func checkShown(t *testing.T, ctx context.Context, name string, r core.Report) {
	t.Helper()
	got := shownCards(t, ctx)
	cards := core.Cards(r)
	if len(got) != len(cards) {
		t.Errorf("%s: page shows %d cards, core.Cards has %d", name, len(got), len(cards))
		return
	}
	// The page groups cards by severity; within a group, core's order;
	// the reading doubts last, in a group of their own (读取提示).
	order := map[string]int{"error": 0, "warning": 1, "info": 2}
	rank := func(c core.Card) int {
		if c.Reading {
			return 3
		}
		return order[c.Severity]
	}
	sort.SliceStable(cards, func(a, b int) bool { return rank(cards[a]) < rank(cards[b]) })
	seen := map[string]bool{}
	for k, c := range cards {
		f, s := r.Findings[c.Lead], got[k]
		line := ""
		if f.Line > 0 {
			line = fmt.Sprint(f.Line)
		}
		sev := c.Severity
		if c.Reading {
			sev = "reading"
		}
		if s.Lead != fmt.Sprint(c.Lead) || s.Rule != f.Rule || s.Line != line || s.Msg != f.Message || s.Sev != sev {
			t.Errorf("%s: card %d shown as %+v, core has %s %s line %d %q", name, k, s, f.Rule, c.Severity, f.Line, f.Message)
		}
		// What it explains ("由此导致"), then the like rows ("同样的问题").
		subs := append([]int{}, c.Explained...)
		if len(c.Alike) > 0 {
			subs = append(append(subs, c.Lead), c.Alike...)
		}
		if fmt.Sprint(s.Subs) != fmt.Sprint(intsToStrings(subs)) {
			t.Errorf("%s: card %d (%s) lists %v, core has %v", name, k, f.Rule, s.Subs, subs)
		}
		for j, i := range subs {
			if j < len(s.Msgs) && s.Msgs[j] != r.Findings[i].Message {
				t.Errorf("%s: card %d lists %q, core has %q", name, k, s.Msgs[j], r.Findings[i].Message)
			}
		}
		seen[s.Lead] = true
		for _, i := range s.Subs {
			seen[i] = true
		}
	}
	if len(seen) != len(r.Findings) {
		t.Errorf("%s: %d of %d findings shown", name, len(seen), len(r.Findings))
	}
	// The counts are the problems as listed: one per card of the group
	// (a cause with the errors it explains is one 错误), reading doubts
	// apart.
	counts := eval[string](t, ctx, `document.querySelector("#summary .counts").textContent`)
	groups := map[string]int{}
	for _, s := range got {
		groups[s.Sev]++
	}
	w := fmt.Sprintf("错误 %d警告 %d提示 %d", groups["error"], groups["warning"], groups["info"])
	if groups["reading"] > 0 {
		w += fmt.Sprintf("读取提示 %d", groups["reading"])
	}
	if r.Omitted > 0 {
		w += fmt.Sprintf("另有 %d 处同类问题未逐一列出", r.Omitted)
	}
	if counts != w {
		t.Errorf("%s: summary counts %q, want %q (as listed)", name, counts, w)
	}
	verdict := eval[string](t, ctx, `document.querySelector("#summary .verdict").textContent`)
	if w := map[bool]string{true: "通过", false: "未通过"}[r.Summary.Error == 0]; verdict != w {
		t.Errorf("%s: verdict %q, want %q", name, verdict, w)
	}
}

func intsToStrings(v []int) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = fmt.Sprint(x)
	}
	return out
}

// Every fixture, pasted (a real paste event) and typed (value + input
// event), gives exactly the core's JSON, and the page lists the same
// findings. The page makes no network request.
func TestFixturesOffline(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	screenshot(t, ctx, "01-empty")
	for _, file := range fixtures(t) {
		raw, err := os.ReadFile(file)
		must(t, err)
		text := string(raw)
		name := relName(file)
		r, w := want(page.PasteName, text)

		if !paste(t, ctx, text, "\x00") {
			t.Fatalf("%s: the page did not handle the paste event", name)
		}
		if v := eval[string](t, ctx, `document.getElementById("text").value`); v != text {
			t.Fatalf("%s: pasted text differs from the fixture (%d vs %d bytes)", name, len(v), len(text))
		}
		if got := eval[string](t, ctx, `nianbao.result()`); got != w {
			t.Errorf("%s (paste): page JSON differs from core.CheckText:\n%s", name, firstDiff(got, w))
		}
		checkShown(t, ctx, name+" (paste)", r)

		typeText(t, ctx, "")
		if got := eval[string](t, ctx, `nianbao.result()`); got != "" {
			t.Errorf("%s: an empty text still shows a result", name)
		}
		typeText(t, ctx, text)
		if got := eval[string](t, ctx, `nianbao.result()`); got != w {
			t.Errorf("%s (typed): page JSON differs from core.CheckText:\n%s", name, firstDiff(got, w))
		}
		checkShown(t, ctx, name+" (typed)", r)
		// The global check function (used by the benchmark) agrees too.
		if got := eval[string](t, ctx, `nianbao.check(`+js(text)+`, `+js(name)+`)`); got != string(core.NewResult(core.CheckText(name, text, core.Options{})).JSON()) {
			t.Errorf("%s: nianbao.check differs from core", name)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n page: %s\n core: %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d lines", len(al), len(bl))
}

// The example with errors: the JSON download is exactly the command
// line's output; clicking a finding (or Enter on it) selects its line and
// marks its cell; the cell shows expected and actual; copy and print work.
func TestExampleJumpDownloadCopyPrint(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	must(t, chromedp.Do(ctx, chromedp.Click("#ex-clean")))
	_, wClean := want(nianbao.ExampleCleanName, nianbao.ExampleClean)
	if got := eval[string](t, ctx, `nianbao.result()`); got != wClean {
		t.Errorf("clean example: JSON differs:\n%s", firstDiff(got, wClean))
	}
	if v := eval[string](t, ctx, `document.querySelector("#summary .verdict").textContent`); v != "通过" {
		t.Errorf("clean example verdict %q, want 通过", v)
	}
	screenshot(t, ctx, "02-clean")

	must(t, chromedp.Do(ctx, chromedp.Click("#ex-errors")))
	r, w := want(nianbao.ExampleErrorsName, nianbao.ExampleErrors)
	if got := eval[string](t, ctx, `nianbao.result()`); got != w {
		t.Fatalf("errors example: JSON differs:\n%s", firstDiff(got, w))
	}
	// The command line prints the same bytes for the same file.
	cli := exec.Command("go", "run", "./cmd/nianbao", "check", "--format", "json", nianbao.ExampleErrorsName)
	cli.Dir = root
	out, _ := cli.Output() // exit status 1: the report has errors
	if string(out) != w {
		t.Errorf("the command line's JSON differs from the page's:\n%s", firstDiff(string(out), w))
	}
	checkShown(t, ctx, "example 004", r)
	screenshot(t, ctx, "03-errors")

	// Click the card of A04, the one wrong cell behind A02 and A03: line
	// 218 is selected and banded, the card opens, the cell is marked.
	a02, a03, a04 := -1, -1, -1
	for i, f := range r.Findings {
		switch f.Rule {
		case "A02":
			a02 = i
		case "A03":
			a03 = i
		case "A04":
			a04 = i
		}
	}
	if a02 < 0 || a03 < 0 || a04 < 0 {
		t.Fatal("seed 004 lacks A02, A03 or A04")
	}
	f := r.Findings[a02]
	card := `#panel-findings li.card[data-i="` + fmt.Sprint(a04) + `"]`
	must(t, chromedp.Do(ctx, chromedp.Click(card+` button.jump`)))
	checkSelection(t, ctx, f.Line)
	cell := "c-applications-" + f.Row + "-" + f.Column
	if got := eval[string](t, ctx, `document.querySelector("#panel-tables .current")?.id || ""`); got != cell {
		t.Errorf("highlighted cell %q, want %q", got, cell)
	}
	if !eval[bool](t, ctx, `!document.querySelector(`+js(card+" .cbody")+`).hidden`) {
		t.Error("the clicked card did not open")
	}
	// The band is on the line, inside the visible part of the paste area.
	if got := eval[int](t, ctx, `[...document.querySelectorAll("#mirror .ln")].indexOf(document.querySelector("#mirror .ln.cur")) + 1`); got != f.Line {
		t.Errorf("band on line %d, want %d", got, f.Line)
	}
	if !eval[bool](t, ctx, `(function(){const ta=document.getElementById("text").getBoundingClientRect(), b=document.querySelector("#mirror .ln.cur").getBoundingClientRect();
		return b.top>=ta.top && b.bottom<=ta.bottom;})()`) {
		t.Error("the selected line is not visible in the paste area")
	}
	screenshot(t, ctx, "04-finding-clicked")

	// Keyboard: Enter on A03, listed in the card as caused by A04.
	must(t, chromedp.Do(ctx, chromedp.Focus(card+` li.sub[data-i="`+fmt.Sprint(a03)+`"] button.subjump`), chromedp.KeyEvent(kb.Enter)))
	checkSelection(t, ctx, r.Findings[a03].Line)

	// "在表格中查看" opens the table view on the cell, whose tooltip holds
	// expected and actual.
	must(t, chromedp.Do(ctx, chromedp.Click(card+` button.to-cell`)))
	if tab := eval[string](t, ctx, `document.body.dataset.tab`); tab != "tables" {
		t.Errorf("tab %q after 在表格中查看, want tables", tab)
	}
	if id := eval[string](t, ctx, `document.activeElement.id`); id != cell {
		t.Errorf("focused %q, want the cell %q", id, cell)
	}
	tip := eval[string](t, ctx, `document.getElementById("`+cell+`").title`)
	if !strings.Contains(tip, "期望 3，实际 0") || !strings.Contains(tip, "A02") {
		t.Errorf("cell tooltip %q lacks expected/actual", tip)
	}
	if after := eval[string](t, ctx, `getComputedStyle(document.getElementById("`+cell+`"), "::after").content`); !strings.Contains(after, "期望 3，实际 0") {
		t.Errorf("the focused cell does not show its tip (::after content %q)", after)
	}
	if cls := eval[string](t, ctx, `document.getElementById("`+cell+`").className`); !strings.Contains(cls, "bad-error") {
		t.Errorf("offending cell classes %q", cls)
	}
	screenshot(t, ctx, "05-table-cell")
	// Table labels come from core/format.
	for _, lbl := range []string{"1.本机关不掌握相关政府信息", "（四）无法提供", "本年制发件数", "尚未审结", "复议后起诉", "法人或其他组织", "申请人情况"} {
		if !eval[bool](t, ctx, `document.getElementById("panel-tables").textContent.includes(`+js(lbl)+`)`) {
			t.Errorf("table view lacks the label %q", lbl)
		}
	}
	// A click on an ordinary cell selects its text in the paste area.
	c := r.Tables["applications"].Map()["new"]["c_natural"]
	must(t, chromedp.Do(ctx, chromedp.Click("#c-applications-new-c_natural")))
	start, _ := page.Offset(nianbao.ExampleErrors, c.Line, c.Col)
	if got := eval[[]int](t, ctx, `[document.getElementById("text").selectionStart, document.getElementById("text").selectionEnd]`); got[0] != start || got[1] != start+len([]rune(c.Raw)) {
		t.Errorf("cell click selected %v, want [%d %d]", got, start, start+len([]rune(c.Raw)))
	}

	// Download: exactly Result.JSON().
	dir := t.TempDir()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
	must(t, err)
	must(t, chromedp.Do(ctx, chromedp.Click("#download")))
	file := filepath.Join(dir, page.DownloadName(nianbao.ExampleErrorsName))
	var got []byte
	for i := 0; i < 100; i++ {
		if got, err = os.ReadFile(file); err == nil && len(got) > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !bytes.Equal(got, []byte(w)) {
		t.Errorf("downloaded %s (%d bytes) differs from core's JSON (%d bytes)", file, len(got), len(w))
	}

	// Copy: sentences for the unit (page.Text: review.ClerkText) with the
	// version and rule-set stamp.
	eval[bool](t, ctx, `(window.__copied = null, navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); }, true)`)
	must(t, chromedp.Do(ctx, chromedp.Click("#copy")))
	copied := ""
	for i := 0; i < 50 && copied == ""; i++ {
		copied = eval[string](t, ctx, `window.__copied || ""`)
		time.Sleep(20 * time.Millisecond)
	}
	if copied != page.Text(r) {
		t.Errorf("copied text differs from page.Text:\n%s", firstDiff(copied, page.Text(r)))
	}

	// Print: one A4 page with the version and stamp, no input area.
	eval[bool](t, ctx, `(window.print = () => { window.__printed = true; }, true)`)
	must(t, chromedp.Do(ctx, chromedp.Click("#tab-findings"), chromedp.Click("#print")))
	if !eval[bool](t, ctx, `window.__printed === true`) {
		t.Error("打印结果 did not call window.print")
	}
	pdf, err := chromedp.Call(ctx, cdpage.PrintToPDF, cdpage.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: ptr(true)})
	must(t, err)
	if n := len(pdfPage.FindAll(pdf.Data, -1)); n != 1 {
		t.Errorf("printed result has %d pages, want 1", n)
	}
	_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	must(t, err)
	for _, sel := range []string{".input", ".tabs", ".actions"} {
		if d := eval[string](t, ctx, `getComputedStyle(document.querySelector("`+sel+`")).display`); d != "none" {
			t.Errorf("print shows %s (display %s)", sel, d)
		}
	}
	foot := eval[string](t, ctx, `document.querySelector(".foot").innerText`)
	if !strings.Contains(foot, core.Version) || !strings.Contains(foot, page.RulesetStamp()) {
		t.Errorf("print footer %q lacks the version or the rule-set stamp", foot)
	}
	screenshot(t, ctx, "06-print")
	_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	must(t, err)
}

// checkSelection: the textarea has focus and selects exactly line n.
func checkSelection(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	text := eval[string](t, ctx, `document.getElementById("text").value`)
	start, end, ok := page.LineRange(text, n)
	if !ok {
		t.Fatalf("no line %d", n)
	}
	got := eval[[]int](t, ctx, `[document.getElementById("text").selectionStart, document.getElementById("text").selectionEnd]`)
	if got[0] != start || got[1] != end {
		t.Errorf("selection %v, want line %d = [%d %d]", got, n, start, end)
	}
	if id := eval[string](t, ctx, `document.activeElement.id`); id != "text" {
		t.Errorf("focus on %q after the jump, want the paste area", id)
	}
	sel := eval[string](t, ctx, `(function(){const ta=document.getElementById("text"); return ta.value.substring(ta.selectionStart, ta.selectionEnd);})()`)
	if want := strings.Split(text, "\n")[n-1]; sel != want {
		t.Errorf("selected %q, want line %d %q", sel, n, want)
	}
}

// HTML from Word/WPS: tables are read as rows of cells between pipes (the
// adapter of saved web pages), and nothing in the pasted markup runs or
// loads.
func TestPasteHTML(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	file := filepath.Join(root, "testdata/seeds/001_c7abf9ce6f9dda34.txt")
	raw, err := os.ReadFile(file)
	must(t, err)
	text := string(raw)

	// The seed as Word would put it on the clipboard: each tab row a <tr>,
	// other lines paragraphs; the plain-text flavour has one cell per line,
	// as PDF viewers give it.
	var b strings.Builder
	b.WriteString(`<html><head><style>td{border:1px solid}</style><script>window.__pwned = "head script"</script></head><body>`)
	var rows []string
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if strings.Contains(line, "\t") {
			rows = append(rows, line)
			b.WriteString(`<table><tr>`)
			for _, c := range strings.Split(line, "\t") {
				b.WriteString(`<td><p class=MsoNormal><span lang=EN-US>` + htmlEscape(c) + `</span></p></td>`)
			}
			b.WriteString(`</tr></table>`)
			continue
		}
		b.WriteString(`<p class=MsoNormal>` + htmlEscape(line) + `</p>`)
	}
	b.WriteString(`<img src="x" onerror="window.__pwned = 'img onerror'"><svg onload="window.__pwned = 'svg'"></svg>`)
	b.WriteString(`<iframe srcdoc="<script>parent.__pwned = 'iframe'</script>"></iframe><script>window.__pwned = "body script"</script></body></html>`)
	plain := strings.ReplaceAll(text, "\t", "\n")

	eval[bool](t, ctx, `(window.__violations = [], document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + e.sample)), true)`)
	before := eval[int](t, ctx, `document.querySelectorAll("img, iframe, svg, script, object, embed").length`)
	if !paste(t, ctx, plain, b.String()) {
		t.Fatal("the page did not handle the HTML paste")
	}
	value := eval[string](t, ctx, `document.getElementById("text").value`)
	for _, row := range rows {
		// Cells are trimmed (Word pads them with no-break spaces) and
		// written between pipes; empty cells before the first filled one
		// are label columns and left out; a row of empty cells carries
		// nothing and is dropped.
		cells := strings.Split(row, "\t")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		for len(cells) > 0 && cells[0] == "" {
			cells = cells[1:]
		}
		if len(cells) == 0 {
			continue
		}
		line := "| " + strings.Join(cells, " | ") + " |"
		if !strings.Contains(value, line+"\n") {
			t.Errorf("table row not read as one line of cells: %q", line)
			break
		}
	}
	status := eval[string](t, ctx, `document.getElementById("status").textContent`)
	if !strings.Contains(status, "表格结构") {
		t.Errorf("status %q does not say the tables were read", status)
	}
	// The report reads the same as the tab text: same tables, same findings.
	got := core.CheckText(page.PasteName, value, core.Options{})
	ref := core.CheckText(page.PasteName, text, core.Options{})
	if got.Summary != ref.Summary || len(got.Tables) != 3 {
		t.Errorf("HTML paste read as %+v with %d tables; the text reads %+v", got.Summary, len(got.Tables), ref.Summary)
	}
	if res := eval[string](t, ctx, `nianbao.result()`); res != string(core.NewResult(got).JSON()) {
		t.Errorf("page JSON differs from core for the converted text")
	}
	time.Sleep(300 * time.Millisecond) // room for anything that would have run
	if p := eval[string](t, ctx, `String(window.__pwned)`); p != "undefined" {
		t.Errorf("pasted markup ran: window.__pwned = %s", p)
	}
	if after := eval[int](t, ctx, `document.querySelectorAll("img, iframe, svg, script, object, embed").length`); after != before {
		t.Errorf("pasted markup added elements to the page: %d → %d", before, after)
	}
	// The page's CSP also covers the inert document: inline handlers and
	// styles in the pasted markup are refused (reported as violations of
	// "inline"). Anything that names a URL would be a load attempt.
	for _, v := range eval[[]string](t, ctx, `window.__violations`) {
		if f := strings.Fields(v); len(f) < 2 || f[1] != "inline" {
			t.Errorf("CSP violation that is not an inline refusal: %q", v)
		}
	}

	// Markup inside plain text stays text, in the paste area and in the
	// results (the agency name, cells and messages).
	evil := "<img src=x onerror=\"window.__pwned='agency'\">区人民政府2024年政府信息公开工作年度报告\n" + text
	paste(t, ctx, evil, "\x00")
	time.Sleep(200 * time.Millisecond)
	if p := eval[string](t, ctx, `String(window.__pwned)`); p != "undefined" {
		t.Errorf("text reached the DOM as markup: window.__pwned = %s", p)
	}
	if after := eval[int](t, ctx, `document.querySelectorAll("img, iframe, svg, script, object, embed").length`); after != before {
		t.Errorf("text added elements to the page: %d → %d", before, after)
	}
	_, w := want(page.PasteName, evil)
	if res := eval[string](t, ctx, `nianbao.result()`); res != w {
		t.Errorf("page JSON differs from core for text with markup")
	}
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// Blank cells stay blank: a placeholder or an empty cell is shown as it was
// written, never as 0.
func TestBlankCells(t *testing.T) {
	var name, text string
	var blank core.Cell
	var bt, br, bc string
	for _, file := range fixtures(t) {
		raw, _ := os.ReadFile(file)
		r := core.CheckText(page.PasteName, string(raw), core.Options{})
		for tid, tab := range r.Tables {
			for rid, row := range tab.Map() {
				for cid, c := range row {
					if c.Value == nil && name == "" {
						name, text, blank, bt, br, bc = file, string(raw), c, tid, rid, cid
					}
				}
			}
		}
	}
	if name == "" {
		t.Skip("no fixture has a blank cell")
	}
	ctx, _ := openOffline(t, 1366, 768)
	paste(t, ctx, text, "\x00")
	must(t, chromedp.Do(ctx, chromedp.Click("#tab-tables")))
	id := "c-" + bt + "-" + br + "-" + bc
	got := eval[[]string](t, ctx, `(function(){const td=document.getElementById(`+js(id)+`); return td ? [td.textContent, td.className, td.title] : [];})()`)
	if len(got) != 3 {
		t.Fatalf("%s: cell %s not in the table view", relName(name), id)
	}
	if got[0] != blank.Raw || got[0] == "0" || !strings.Contains(got[1], "blank") || !strings.Contains(got[2], "不计为 0") {
		t.Errorf("%s: blank cell %s shown as %q (class %q, title %q); raw %q", relName(name), id, got[0], got[1], got[2], blank.Raw)
	}
}

// Phone width: one column, nothing wider than the screen; the rule ledger
// lists every rule; the tabs work from the keyboard.
func TestPhoneLedgerKeyboard(t *testing.T) {
	ctx, _ := openOffline(t, 390, 844)
	must(t, chromedp.Do(ctx, chromedp.Click("#ex-errors")))
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("page is %dpx wide at a 390px screen", w)
	}
	screenshot(t, ctx, "07-phone")
	must(t, chromedp.Do(ctx, chromedp.Click(`#panel-findings li.card[data-rule="A04"] button.jump`)))
	checkSelection(t, ctx, 218)
	screenshot(t, ctx, "08-phone-clicked")

	// Keyboard: arrows move between the tabs.
	must(t, chromedp.Do(ctx, chromedp.Focus("#tab-findings"), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight)))
	if tab := eval[string](t, ctx, `document.body.dataset.tab + " " + document.activeElement.id`); tab != "rules tab-rules" {
		t.Errorf("after two → on the tabs: %q, want the rule ledger", tab)
	}
	rules := core.Rules()
	ids := eval[[]string](t, ctx, `[...document.querySelectorAll("#panel-rules tbody tr")].map(tr => tr.id)`)
	if len(ids) != len(rules) {
		t.Errorf("ledger lists %d rules, core has %d", len(ids), len(rules))
	}
	for i, r := range rules {
		if i < len(ids) && ids[i] != "rule-"+r.ID {
			t.Errorf("ledger row %d is %s, want rule-%s", i, ids[i], r.ID)
		}
		txt := eval[string](t, ctx, `document.getElementById("rule-`+r.ID+`")?.textContent || ""`)
		for _, part := range []string{r.ID, page.RuleTitle(r), r.Doc, r.Basis, core.SeverityName(r.Severity), page.SeverityNote(r)} {
			if !strings.Contains(txt, part) {
				t.Errorf("ledger row %s lacks %q", r.ID, part)
				break
			}
		}
		// Chinese names for people: the JSON's English name is not shown.
		if strings.Contains(txt, r.Name) {
			t.Errorf("ledger row %s shows the slug %q", r.ID, r.Name)
		}
	}
	// Words for clerks: no developer words or hashes in the ledger.
	if txt := eval[string](t, ctx, `document.getElementById("panel-rules").textContent`); strings.Contains(txt, "永不复用") || strings.Contains(txt, "#") {
		t.Errorf("the ledger shows developer words: %.200s", txt)
	}
	screenshot(t, ctx, "09-phone-rules")

	ctx2, _ := openOffline(t, 1366, 768)
	must(t, chromedp.Do(ctx2, chromedp.Click("#tab-rules")))
	screenshot(t, ctx2, "10-rules")
}

// The served site: the service worker caches everything, then the page
// opens and checks with the server gone and the network offline.
func TestServedSiteOffline(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	srv := &http.Server{Handler: serve.Handler(filepath.Join(root, "dist", "site"))}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/"

	ctx := newBrowser(t, 1366, 768)
	must(t, chromedp.Do(ctx, chromedp.Navigate(base)))
	waitReady(t, ctx)
	csp := eval[string](t, ctx, `document.querySelector("meta[http-equiv=Content-Security-Policy]").content`)
	if !strings.Contains(csp, "connect-src 'self'") || strings.Contains(csp, "*") || strings.Contains(csp, "http") {
		t.Errorf("site CSP %q", csp)
	}
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("service worker not ready: %v", err)
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`!!navigator.serviceWorker.controller`)); err != nil {
		t.Fatalf("service worker does not control the page: %v", err)
	}
	n, err := chromedp.Run(tctx, chromedp.Evaluate[int](`caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(l => l.flat().length)`, chromedp.EvalAwaitPromise))
	must(t, err)
	if n < 11 {
		t.Errorf("the service worker cached %d files, want all 11", n)
	}

	// Server gone, network off: reload and check.
	srv.Close()
	goOffline(t, ctx)
	must(t, chromedp.Do(ctx, chromedp.Reload()))
	waitReady(t, ctx)
	raw, err := os.ReadFile(filepath.Join(root, "testdata/real/hongze-2024-layout.txt"))
	must(t, err)
	paste(t, ctx, string(raw), "\x00")
	_, w := want(page.PasteName, string(raw))
	if got := eval[string](t, ctx, `nianbao.result()`); got != w {
		t.Errorf("offline reload: JSON differs from core:\n%s", firstDiff(got, w))
	}
	screenshot(t, ctx, "11-site-offline")
	// A PDF, read offline: pdf.js (pdfjs.js) comes from the cache too.
	pdf := filepath.Join(root, "testdata/pdf/hongze-2024.pdf")
	dropPDF(t, ctx, pdf)
	if got, w := eval[string](t, ctx, `nianbao.result()`), cliJSON(t, pdf); got != w {
		t.Errorf("a PDF on the offline site: JSON differs from the command line's:\n%s", firstDiff(got, w))
	}
}

// Files: picked with 打开文件 or dropped on the paste area. A .txt is read
// as is (its name becomes the source), an .html file by its tables, and a
// file in the wrong encoding gets the core's message instead of a check.
func TestOpenAndDropFiles(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	dir := t.TempDir()
	src := filepath.Join(root, "testdata/real/kewei-2024-markdown.txt")
	raw, err := os.ReadFile(src)
	must(t, err)
	picked := filepath.Join(dir, "科委2024年报.txt")
	must(t, os.WriteFile(picked, raw, 0o644))
	must(t, chromedp.Do(ctx, chromedp.SetUploadFiles("#file", []string{picked})))
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`nianbao.result().includes("科委2024年报.txt")`)); err != nil {
		t.Fatalf("picked file not checked: %v", err)
	}
	_, w := want("科委2024年报.txt", string(raw))
	if got := eval[string](t, ctx, `nianbao.result()`); got != w {
		t.Errorf("picked file: JSON differs from core:\n%s", firstDiff(got, w))
	}
	if s := eval[string](t, ctx, `document.getElementById("source").textContent`); !strings.Contains(s, "科委2024年报.txt") {
		t.Errorf("source shown as %q", s)
	}

	// Dropped: an HTML file whose tables hold seed 001's tab rows.
	seed, err := os.ReadFile(filepath.Join(root, "testdata/seeds/001_c7abf9ce6f9dda34.txt"))
	must(t, err)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><body>")
	for _, line := range strings.Split(strings.TrimRight(string(seed), "\n"), "\n") {
		if strings.Contains(line, "\t") {
			b.WriteString("<table><tr><td>" + strings.Join(strings.Split(htmlEscape(line), "\t"), "</td><td>") + "</td></tr></table>")
		} else {
			b.WriteString("<p>" + htmlEscape(line) + "</p>")
		}
	}
	b.WriteString(`<img src="x" onerror="window.__pwned=1"></body></html>`)
	drop := func(name, content, typ string) {
		eval[bool](t, ctx, `(function (name, content, type) {
			const dt = new DataTransfer();
			dt.items.add(new File([content], name, {type}));
			const ed = document.getElementById("editor");
			ed.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
			return !ed.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		})(`+js(name)+`, `+js(content)+`, `+js(typ)+`)`)
	}
	drop("年报.html", b.String(), "text/html")
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`nianbao.result().includes("年报.html")`)); err != nil {
		t.Fatalf("dropped HTML file not checked: %v", err)
	}
	got := core.CheckText("年报.html", eval[string](t, ctx, `document.getElementById("text").value`), core.Options{})
	ref := core.CheckText("年报.html", string(seed), core.Options{})
	if got.Summary != ref.Summary || len(got.Tables) != 3 {
		t.Errorf("dropped HTML read as %+v with %d tables, the text as %+v", got.Summary, len(got.Tables), ref.Summary)
	}
	if p := eval[string](t, ctx, `String(window.__pwned)`); p != "undefined" {
		t.Errorf("dropped HTML ran: %s", p)
	}

	// Word documents and saved web pages (UTF-8 and GB18030), dropped: read
	// by the page with the browser's DOMParser and TextDecoder, they give
	// exactly what the command line gives for the file, its places in the
	// file (Word table cells, HTML source lines) included; the text as read
	// goes into the paste area.
	for _, f := range []string{"hongze-2024.docx", "000_bcc88cd11fb35c2f-numbered.docx", "004_6bca9a975aea9322-gbk.html", "hongze-2024-blank.html"} {
		raw, err := os.ReadFile(filepath.Join(root, "testdata/files", f))
		must(t, err)
		eval[bool](t, ctx, `(window.__file = new Uint8Array(`+js(bytesOf(string(raw)))+`), true)`)
		eval[bool](t, ctx, `(function (name) {
			const dt = new DataTransfer();
			dt.items.add(new File([window.__file], name));
			return !document.getElementById("editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		})(`+js(f)+`)`)
		if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`nianbao.result().includes(`+js(`"source": "`+f+`"`)+`)`)); err != nil {
			t.Fatalf("%s: not checked: %v", f, err)
		}
		rep, ierr := core.Check(f, raw, core.Options{Env: native.Env()})
		if ierr != nil {
			t.Fatal(ierr)
		}
		w := string(core.NewResult(rep).JSON())
		if got := eval[string](t, ctx, `nianbao.result()`); got != w {
			t.Errorf("%s: the page's JSON differs from the command line's:\n%s", f, firstDiff(got, w))
		}
		doc, _ := core.Read(f, raw, native.Env())
		if v := eval[string](t, ctx, `document.getElementById("text").value`); v != doc.Text {
			t.Errorf("%s: the paste area does not hold the text as read", f)
		}
		if f == "hongze-2024.docx" {
			screenshot(t, ctx, "12-docx")
		}
	}

	// A GBK file: decoded by the browser's TextDecoder, read as its UTF-8
	// text would be, and the status says which encoding was read.
	gbk := string([]byte{0xb1, 0xa8, 0xb8, 0xe6, 0xd5, 0xfd, 0xce, 0xc4, 0x0a, 0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xcc, 0xe5, 0xc7, 0xe9, 0xbf, 0xf6, 0x0a})
	eval[bool](t, ctx, `(window.__gbk = new Uint8Array(`+js(bytesOf(gbk))+`), true)`)
	eval[bool](t, ctx, `(function () {
		const dt = new DataTransfer();
		dt.items.add(new File([window.__gbk], "旧报告.txt", {type: "text/plain"}));
		return !document.getElementById("editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`)
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`nianbao.result().includes("旧报告.txt")`)); err != nil {
		t.Fatalf("GBK file not checked: %v", err)
	}
	if v := eval[string](t, ctx, `document.getElementById("text").value`); v != "报告正文\n一、总体情况\n" {
		t.Errorf("GBK file read as %q", v)
	}
	if res := eval[string](t, ctx, `nianbao.result()`); !strings.Contains(res, `"encoding": "gb18030"`) {
		t.Errorf("the result does not say GB18030 was read")
	}
	if msg := eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(msg, "GB18030") {
		t.Errorf("GBK status %q", msg)
	}

	// Bytes in no known encoding: the core's message, no check.
	eval[bool](t, ctx, `(function () {
		const dt = new DataTransfer();
		dt.items.add(new File([new Uint8Array([0x80, 0x80, 0xff, 0xff, 0x80])], "乱码.txt", {type: "text/plain"}));
		return !document.getElementById("editor").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`)
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`document.body.dataset.result === "input-error"`)); err != nil {
		t.Fatalf("undecodable file: no input error shown: %v", err)
	}
	if msg := eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(msg, "乱码.txt") || !strings.Contains(msg, "编码") {
		t.Errorf("encoding message %q", msg)
	}
}

func bytesOf(s string) []int {
	out := make([]int, len(s))
	for i := 0; i < len(s); i++ {
		out[i] = int(s[i])
	}
	return out
}

// Hostile input in the page: a 2 MB paste of one heading repeated is
// checked and shown with its findings folded (a bounded list, the page
// still answering); a paste over the limit gets the message; and when the
// Go program stops, the page starts a new checker, says so, and works.
func TestHostilePage(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	// A report (so that it is checked as one, not found "not a report")
	// followed by 2 MB of headings.
	big := seedText(t, "000") + strings.Repeat("一、总体情况\n", 2<<20/19)
	if !paste(t, ctx, big, "\x00") {
		t.Fatal("paste not handled")
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`nianbao.result().includes('"omitted"')`)); err != nil {
		t.Fatalf("2 MB of headings: no folded result: %v", err)
	}
	waitChecked(t, ctx) // the cards are drawn in slices
	if n := eval[int](t, ctx, `document.querySelectorAll("#panel-findings li").length`); n == 0 || n > 450 {
		t.Errorf("%d findings shown", n)
	}
	if got := eval[int](t, ctx, `1 + 1`); got != 2 {
		t.Error("page not answering")
	}
	screenshot(t, ctx, "13-folded")

	// Over the 10 MB limit: the message, not a check.
	eval[bool](t, ctx, `(document.getElementById("text").value = "年".repeat(3600000), document.getElementById("text").dispatchEvent(new Event("input")), nianbao.flush(), true)`)
	if s := eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(s, "过大") {
		t.Errorf("over the limit: status %q", s)
	}

	// The Go program stops (here on a report shown with its line numbers);
	// a new one takes over, with the same text in the paste area and its
	// lines drawn once behind it.
	raw, err := os.ReadFile(filepath.Join(root, "testdata/seeds/004_6bca9a975aea9322.txt"))
	must(t, err)
	paste(t, ctx, string(raw), "\x00")
	eval[bool](t, ctx, `(nianbao.stop(), true)`)
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`window.nianbaoRestarted === 1 && window.nianbao && nianbao.ready && document.getElementById("status").textContent.includes("重新启动")`)); err != nil {
		t.Fatalf("no restart: %v (status %q)", err, eval[string](t, ctx, `document.getElementById("status").textContent`))
	}
	if n, want := eval[int](t, ctx, `document.querySelectorAll("#mirror .ln").length`), len(page.SplitLines(string(raw))); n != want {
		t.Errorf("after the restart the paste area shows %d line numbers for %d lines", n, want)
	}
	if !paste(t, ctx, string(raw), "\x00") {
		t.Fatal("paste after the restart not handled")
	}
	_, w := want(page.PasteName, string(raw))
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`nianbao.result() === `+js(w))); err != nil {
		t.Errorf("after the restart the page does not check as before: %v", err)
	}
}
