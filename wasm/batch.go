//go:build js && wasm

package main

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/review"
	"github.com/nianbao/nianbao/wasm/page"
)

// 批量审阅: many reports dropped or picked at once (a folder of
// subordinate units' reports), checked one by one as `nianbao review`
// checks them (the same pairing of one unit's consecutive years, the same
// 雷同 search, the same summary rows), shown as the sortable 汇总, and
// saved as the same workbook or CSV. Only what the outputs need is kept of
// each report (review.Batch: its summary row, its findings and a few KB of
// sentence hashes); its text is read again from the file when it is
// needed (last year's report of a pair, a report opened for checking).

// batchFile is a report given to the batch: its name (the path below the
// folder dropped or picked, else the file's name) and the browser's File.
type batchFile struct {
	name string
	file js.Value
}

type batchView struct {
	files    []batchFile
	skipped  map[string]bool // files given that are not reports (review.InFolderPath), by name
	items    []review.Reviewed
	cells    [][]any // review.SummaryCells of each item
	matches  []review.Match
	ids      []review.UnitYear
	order    []int // the rows as shown: indices into items
	sortCol  int   // -1: review.Sort's order
	sortDesc bool
	selected int // the item shown below the table, -1 none
	gen      int // counts the runs: a run stops when another starts
	meta     review.Meta
}

func (a *app) wireModes() {
	modes := []string{"single", "batch"}
	for i, name := range modes {
		i, name := i, name
		b := a.byID("mode-" + name)
		b.AddEventListener("click", false, func(dom.Event) { a.showMode(name) })
		b.AddEventListener("keydown", false, func(e dom.Event) {
			k, ok := e.(*dom.KeyboardEvent)
			if !ok {
				return
			}
			switch k.Key() {
			case "ArrowRight", "ArrowLeft":
				e.PreventDefault()
				next := modes[(i+1)%len(modes)]
				a.showMode(next)
				a.byID("mode-" + next).Focus()
			}
		})
	}
}

// showMode shows the single check ("single") or the batch view ("batch").
func (a *app) showMode(name string) {
	for _, m := range []string{"single", "batch"} {
		b := a.byID("mode-" + m)
		if m == name {
			b.SetAttribute("aria-selected", "true")
			b.SetAttribute("tabindex", "0")
			a.byID(m).RemoveAttribute("hidden")
		} else {
			b.SetAttribute("aria-selected", "false")
			b.SetAttribute("tabindex", "-1")
			a.byID(m).SetAttribute("hidden", "")
		}
	}
	a.body.SetAttribute("data-mode", name)
}

func (a *app) wireBatch() {
	v := &a.batch
	v.selected, v.sortCol = -1, -1
	a.byID("batch").SetAttribute("data-state", "empty")
	files := a.inputByID("b-files")
	folder := a.inputByID("b-dir")
	a.byID("b-open").AddEventListener("click", false, func(dom.Event) { files.Click() })
	a.byID("b-folder").AddEventListener("click", false, func(dom.Event) { folder.Click() })
	picked := func(in *dom.HTMLInputElement) {
		list := in.Underlying().Get("files")
		var got []batchFile
		for i := 0; i < list.Get("length").Int(); i++ {
			f := list.Call("item", i)
			name := f.Get("webkitRelativePath").String()
			if name == "" || name == "undefined" {
				name = f.Get("name").String()
			}
			got = append(got, batchFile{name: name, file: f})
		}
		in.SetValue("")
		a.addBatch(got)
	}
	files.AddEventListener("change", false, func(dom.Event) { picked(files) })
	folder.AddEventListener("change", false, func(dom.Event) { picked(folder) })
	a.byID("b-clear").AddEventListener("click", false, func(dom.Event) { a.clearBatch() })
	a.byID("b-xlsx").AddEventListener("click", false, func(dom.Event) { a.saveBatch("xlsx") })
	a.byID("b-csv").AddEventListener("click", false, func(dom.Event) { a.saveBatch("csv") })

	view := a.byID("batch")
	view.AddEventListener("dragover", false, func(e dom.Event) {
		e.PreventDefault()
		view.Class().Add("drag")
	})
	view.AddEventListener("dragleave", false, func(e dom.Event) {
		if rel := e.Underlying().Get("relatedTarget"); !rel.Truthy() || !view.Underlying().Call("contains", rel).Bool() {
			view.Class().Remove("drag")
		}
	})
	view.AddEventListener("drop", false, a.onBatchDrop)

	table := a.byID("b-table")
	table.AddEventListener("click", false, func(e dom.Event) {
		t := html(e.Target())
		if t == nil {
			return
		}
		if th := html(t.Closest("button.b-sort")); th != nil {
			col, err := strconv.Atoi(th.GetAttribute("data-col"))
			if err == nil {
				a.sortBatch(col)
			}
			return
		}
		if tr := html(t.Closest("tr[data-item]")); tr != nil {
			if i, err := strconv.Atoi(tr.GetAttribute("data-item")); err == nil {
				a.selectItem(i, true)
			}
		}
	})
	detail := a.byID("b-detail")
	detail.AddEventListener("click", false, func(e dom.Event) {
		t := html(e.Target())
		if t == nil {
			return
		}
		if t.Closest("button.b-check") != nil {
			go a.openItem()
			return
		}
		if t.Closest("button.jump") != nil {
			card := html(t.Closest("li.card"))
			a.openCard(card, !card.Class().Contains("open"))
		}
	})
}

// onBatchDrop takes dropped files and folders. A folder's files are found
// through its entry (webkitGetAsEntry), which must be asked for while the
// drop event runs; they are listed afterwards.
func (a *app) onBatchDrop(e dom.Event) {
	a.byID("batch").Class().Remove("drag")
	dt := e.Underlying().Get("dataTransfer")
	if !dt.Truthy() {
		return
	}
	e.PreventDefault()
	items := dt.Get("items")
	var entries []js.Value
	if items.Truthy() {
		for i := 0; i < items.Get("length").Int(); i++ {
			it := items.Index(i)
			if it.Get("kind").String() != "file" || it.Get("webkitGetAsEntry").IsUndefined() {
				continue
			}
			if en := it.Call("webkitGetAsEntry"); en.Truthy() {
				entries = append(entries, en)
			}
		}
	}
	if len(entries) == 0 {
		files := dt.Get("files")
		var got []batchFile
		for i := 0; i < files.Get("length").Int(); i++ {
			f := files.Call("item", i)
			got = append(got, batchFile{name: f.Get("name").String(), file: f})
		}
		a.addBatch(got)
		return
	}
	go func() {
		var got []batchFile
		for _, en := range entries {
			got = append(got, walkEntry(en)...)
		}
		a.addBatch(got)
	}()
}

// walkEntry lists the files below a dropped entry, named by their path
// below the drop ("各单位/洪泽区/2024.docx"); hidden folders are not
// entered, as on the command line.
func walkEntry(en js.Value) []batchFile {
	name := strings.TrimPrefix(en.Get("fullPath").String(), "/")
	if en.Get("isFile").Bool() {
		f, err := await(promise(func(ok, fail js.Value) { en.Call("file", ok, fail) }))
		if err != nil {
			return nil
		}
		return []batchFile{{name: name, file: f}}
	}
	if strings.HasPrefix(en.Get("name").String(), ".") {
		return nil
	}
	reader := en.Call("createReader")
	var out []batchFile
	for {
		// readEntries gives a folder's entries a batch at a time, then an
		// empty list.
		list, err := await(promise(func(ok, fail js.Value) { reader.Call("readEntries", ok, fail) }))
		if err != nil || list.Get("length").Int() == 0 {
			break
		}
		for i := 0; i < list.Get("length").Int(); i++ {
			out = append(out, walkEntry(list.Index(i))...)
		}
	}
	return out
}

// promise wraps a callback API in a Promise, for await.
func promise(start func(ok, fail js.Value)) js.Value {
	var fn js.Func
	fn = js.FuncOf(func(_ js.Value, args []js.Value) any {
		start(args[0], args[1])
		fn.Release()
		return nil
	})
	return js.Global().Get("Promise").New(fn)
}

// addBatch adds reports to the batch (a file of the same name replaces the
// one given before) and checks the whole batch again: pairs and copies
// depend on every report.
func (a *app) addBatch(got []batchFile) {
	v := &a.batch
	at := map[string]int{}
	for i, f := range v.files {
		at[f.name] = i
	}
	added := 0
	for _, f := range got {
		if !review.InFolderPath(f.name) {
			// Lock files and hidden ones are nobody's report; any other
			// file is listed as not checked, with what it is.
			if !hiddenPath(f.name) {
				if v.skipped == nil {
					v.skipped = map[string]bool{}
				}
				v.skipped[f.name] = true
			}
			continue
		}
		added++
		if i, ok := at[f.name]; ok {
			v.files[i] = f
			continue
		}
		at[f.name] = len(v.files)
		v.files = append(v.files, f)
	}
	if added == 0 {
		a.batchStatus("没有可检查的报告："+itoa(len(got))+" 个文件都不是 .txt .md .html .htm .docx 文件。", true)
		return
	}
	go a.runBatch()
}

// hiddenPath: an Office lock file (~$…), a hidden file or a file in a
// hidden folder, passed over without a word (review.Skipped).
func hiddenPath(name string) bool {
	parts := strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' })
	for i, p := range parts {
		if strings.HasPrefix(p, ".") || i == len(parts)-1 && review.Skipped(p) {
			return true
		}
	}
	return false
}

func (a *app) clearBatch() {
	v := &a.batch
	v.gen++ // a run in progress stops
	*v = batchView{gen: v.gen, selected: -1, sortCol: -1}
	a.byID("b-results").SetAttribute("hidden", "")
	a.byID("b-progress").SetAttribute("hidden", "")
	a.byID("batch").SetAttribute("data-state", "empty")
	a.setBatchActions(false)
	a.batchStatus("已清空。", false)
}

// setBatchActions enables the downloads (results are shown) and 清空
// (files are given; it also stops a run).
func (a *app) setBatchActions(on bool) {
	if len(a.batch.files) > 0 {
		a.byID("b-clear").RemoveAttribute("disabled")
	} else {
		a.byID("b-clear").SetAttribute("disabled", "")
	}
	for _, id := range []string{"b-xlsx", "b-csv"} {
		if on {
			a.byID(id).RemoveAttribute("disabled")
		} else {
			a.byID(id).SetAttribute("disabled", "")
		}
	}
}

func (a *app) batchStatus(msg string, alert bool) { a.statusIn("b-status", msg, alert) }

// runBatch checks every report of the batch, one at a time, giving the
// page back to the browser between reports (the progress shows, the page
// answers). A newer run (files added, 清空) stops it.
func (a *app) runBatch() {
	v := &a.batch
	v.gen++
	gen := v.gen
	files := v.files
	n := len(files)
	start := time.Now()
	a.byID("batch").SetAttribute("data-state", "running")
	a.setBatchActions(false)
	prog := a.byID("b-progress")
	prog.RemoveAttribute("hidden")
	prog.SetAttribute("max", itoa(2*n))
	step := func(done int, msg string) bool {
		if gen != v.gen {
			return false
		}
		prog.SetAttribute("value", itoa(done))
		a.batchStatus(msg, false)
		// Reading a file already waits for the browser; this also lets
		// it draw the progress when the files come from memory.
		time.Sleep(time.Millisecond)
		return gen == v.gen
	}
	env := pageEnv()
	// First each report's unit and year, to pair one unit's consecutive
	// years (as the command line does; no text is kept).
	ids := make([]review.UnitYear, n)
	for i, f := range files {
		if !step(i, "正在读出单位和年度 "+itoa(i+1)+" / "+itoa(n)+" …") {
			return
		}
		raw, err := fileBytes(f.file)
		if err != nil {
			continue
		}
		if doc, ierr := core.Read(f.name, raw, env); ierr == nil {
			ids[i].Agency, ids[i].Year = core.Identify(doc.Text)
		}
	}
	matches := review.Pair(ids)
	var batch review.Batch
	// Every file given is a row: those of other kinds named, not checked.
	var others []string
	for name := range v.skipped {
		others = append(others, name)
	}
	sort.Strings(others)
	for _, name := range others {
		base := name
		if i := strings.LastIndexAny(base, "/\\"); i >= 0 {
			base = base[i+1:]
		}
		batch.AddOther(name, review.OtherKind(base))
	}
	for i, f := range files {
		if !step(n+i, "已检查 "+itoa(i)+" / "+itoa(n)+" …") {
			return
		}
		raw, err := fileBytes(f.file)
		if err != nil {
			batch.AddUnreadable(f.name, "无法读取文件："+err.Error())
			continue
		}
		opts := core.Options{Env: env}
		if m := matches[i]; m.Prev >= 0 {
			opts.Previous = textOf(files[m.Prev])
		}
		rep, sketch, ierr := core.CheckSketched(f.name, raw, opts)
		if ierr != nil {
			batch.AddUnreadable(f.name, ierr.Message)
			continue
		}
		batch.Add(rep, sketch)
	}
	if !step(2*n, "已检查 "+itoa(n)+" / "+itoa(n)+"，正在比对雷同 …") {
		return
	}
	v.items = batch.Done()
	v.ids, v.matches = ids, matches
	v.meta = review.NewMeta(time.Now())
	v.cells = make([][]any, len(v.items))
	for i, it := range v.items {
		v.cells[i] = review.SummaryCells(it.Row)
	}
	v.sortCol, v.sortDesc = -1, false
	v.selected = -1
	v.order = nil
	prog.SetAttribute("hidden", "")
	a.drawBatch()
	a.setBatchActions(true)
	a.byID("batch").SetAttribute("data-state", "done")
	a.batchStatus(a.batchDone(time.Since(start)), false)
}

// textOf reads a report's text again (last year's report of a pair); ""
// when it cannot be read: the report is then checked on its own.
func textOf(f batchFile) string {
	raw, err := fileBytes(f.file)
	if err != nil {
		return ""
	}
	doc, ierr := core.Read(f.name, raw, pageEnv())
	if ierr != nil {
		return ""
	}
	return doc.Text
}

// batchDone says what the batch found.
func (a *app) batchDone(took time.Duration) string {
	v := &a.batch
	failed, unread, other, notReport := 0, 0, 0, 0
	for _, it := range v.items {
		switch it.Row.Verdict() {
		case "未通过":
			failed++
		case "无法读取":
			unread++
		case "未检查":
			other++
		case "无法识别":
			notReport++
		}
	}
	pairs := 0
	for _, m := range v.matches {
		if m.Prev >= 0 {
			pairs++
		}
	}
	s := "已检查 " + itoa(len(v.items)-other-notReport) + " 份报告（用时 " + seconds(took) + "）：" + itoa(failed) + " 份未通过，" + itoa(unread) + " 份无法读取；跨年度比对 " +
		itoa(pairs) + " 对，疑似雷同 " + itoa(len(review.CopyPairs(v.items))) + " 对。"
	if other > 0 {
		s += itoa(other) + " 个文件未检查（不是报告的文件类型，表中逐个写明）。"
	}
	if notReport > 0 {
		s += itoa(notReport) + " 个文件不像年度报告（无法识别）。"
	}
	return s
}

func seconds(d time.Duration) string {
	ms := d.Milliseconds()
	return itoa(int(ms/1000)) + "." + itoa(int(ms%1000/100)) + " 秒"
}

// drawBatch draws the summary table, the pairs and the copies.
func (a *app) drawBatch() {
	a.byID("b-results").RemoveAttribute("hidden")
	a.drawBatchTable()
	a.drawPairs()
	a.drawCopies()
	a.drawItem()
}

func (a *app) drawBatchTable() {
	v := &a.batch
	if v.order == nil {
		v.order = make([]int, len(v.items))
		for i := range v.order {
			v.order[i] = i
		}
	}
	table := a.byID("b-table")
	table.SetTextContent("")
	head := a.el("tr", "", "")
	for c, h := range review.SummaryHeader {
		th := a.el("th", "", "")
		th.SetAttribute("scope", "col")
		th.SetAttribute("data-col", itoa(c))
		if page.NumericColumn(c) {
			th.Class().Add("num")
		}
		sort := "none"
		mark := ""
		if v.sortCol == c {
			sort, mark = "ascending", "▲"
			if v.sortDesc {
				sort, mark = "descending", "▼"
			}
		}
		th.SetAttribute("aria-sort", sort)
		b := a.el("button", "b-sort", h)
		b.SetAttribute("type", "button")
		b.SetAttribute("data-col", itoa(c))
		b.SetTitle("按“" + h + "”排序")
		add(b, a.el("span", "mark", mark))
		add(head, add(th, b))
	}
	body := a.el("tbody", "", "")
	for _, i := range v.order {
		add(body, a.batchRow(i))
	}
	add(table, add(a.el("thead", "", ""), head), body)
}

func (a *app) batchRow(i int) *dom.BasicHTMLElement {
	v := &a.batch
	it := v.items[i]
	tr := a.el("tr", "", "")
	tr.SetAttribute("data-item", itoa(i))
	tr.SetAttribute("data-source", it.Row.Source)
	switch {
	case it.Row.Unreadable != "", it.Row.NotReport:
		tr.Class().Add("r-unread")
	case it.Row.Error > 0:
		tr.Class().Add("r-error")
	case it.Row.Warning > 0:
		tr.Class().Add("r-warning")
	}
	if i == v.selected {
		tr.Class().Add("sel")
		tr.SetAttribute("aria-selected", "true")
	}
	for c, cell := range v.cells[i] {
		text := review.Plain(cell)
		var td *dom.BasicHTMLElement
		switch c {
		case review.ColAgency:
			td = a.el("th", "c-unit", "")
			td.SetAttribute("scope", "row")
			b := a.el("button", "b-unit", text)
			b.SetAttribute("type", "button")
			b.SetTitle("查看此报告的问题")
			add(td, b)
		case review.ColVerdict:
			cl := "b-pass"
			switch text {
			case "未通过":
				cl = "b-fail"
			case "无法读取", "未检查", "无法识别":
				cl = "b-unread"
			}
			td = add(a.el("td", "c-verdict", ""), a.el("span", "vbadge "+cl, text))
		case review.ColProblems:
			td = a.el("td", "c-top", "")
			if it.Row.Unreadable != "" {
				cl := "unread"
				if it.Row.Other {
					cl = "other" // not the unit's fault: said for the reviewer
				}
				add(td, a.el("p", cl, it.Row.Unreadable))
				break
			}
			list := a.el("ul", "", "")
			for _, t := range it.Row.Top {
				// One line each in the table, the whole on hover; "A04 只需…":
				// the rule in small type.
				li := a.el("li", "", "")
				li.SetTitle(t)
				if rule, msg, ok := strings.Cut(t, " "); ok {
					add(li, a.el("span", "rule", rule), a.el("span", "", " "+msg))
				} else {
					li.SetTextContent(t)
				}
				add(list, li)
			}
			add(td, list)
		case review.ColSource:
			td = a.el("td", "c-file", text)
		case review.ColCopies:
			td = a.el("td", "c-copies", text)
		default:
			td = a.el("td", "", text)
			if page.NumericColumn(c) {
				td.Class().Add("num")
			}
			switch {
			case c == review.ColError && it.Row.Error > 0:
				td.Class().Add("n-error")
			case c == review.ColWarning && it.Row.Warning > 0:
				td.Class().Add("n-warning")
			}
		}
		td.SetAttribute("data-col", itoa(c))
		add(tr, td)
	}
	return tr
}

// sortBatch sorts by a column; the same column again turns the order.
func (a *app) sortBatch(col int) {
	v := &a.batch
	if v.sortCol == col {
		v.sortDesc = !v.sortDesc
	} else {
		v.sortCol, v.sortDesc = col, false
	}
	v.order = page.SortOrder(v.cells, col, v.sortDesc)
	a.drawBatchTable()
	if b := html(a.byID("b-table").QuerySelector(`button.b-sort[data-col="` + itoa(col) + `"]`)); b != nil {
		b.Focus()
	}
}

// selectItem shows one report's findings below the table.
func (a *app) selectItem(i int, scroll bool) {
	v := &a.batch
	if i < 0 || i >= len(v.items) {
		return
	}
	v.selected = i
	// (Methods are called on *BasicHTMLElement, never through
	// dom.Element: see openCard.)
	table := a.byID("b-table")
	for _, tr := range table.QuerySelectorAll("tr.sel") {
		html(tr).Class().Remove("sel")
		html(tr).RemoveAttribute("aria-selected")
	}
	if tr := html(table.QuerySelector(`tr[data-item="` + itoa(i) + `"]`)); tr != nil {
		tr.Class().Add("sel")
		tr.SetAttribute("aria-selected", "true")
	}
	a.drawItem()
	if scroll {
		a.byID("b-detail").Underlying().Call("scrollIntoView", map[string]any{"block": "start"})
	}
}

// fileIndex is the batch file a report came from.
func (a *app) fileIndex(source string) int {
	for k, f := range a.batch.files {
		if f.name == source {
			return k
		}
	}
	return -1
}

// drawItem shows the selected report: what it is, with whom it was
// compared, and its findings as the cards of the single check.
func (a *app) drawItem() {
	v := &a.batch
	d := a.byID("b-detail")
	d.SetTextContent("")
	if v.selected < 0 {
		add(d, a.el("p", "empty", "点击汇总表中的一行（或单位名称），在这里查看该报告的问题。"))
		return
	}
	it := v.items[v.selected]
	rw, r := it.Row, it.Report
	title := review.AgencyOr(rw)
	if rw.Year > 0 {
		title += " · " + itoa(rw.Year) + " 年度"
	}
	head := a.el("div", "b-dhead", "")
	add(head, a.el("h3", "", title))
	meta := a.el("p", "b-dmeta", "")
	verdict := rw.Verdict()
	cl := "b-pass"
	switch verdict {
	case "未通过":
		cl = "b-fail"
	case "无法读取", "未检查", "无法识别":
		cl = "b-unread"
	}
	add(meta, a.el("span", "vbadge "+cl, verdict))
	if rw.Unreadable == "" {
		add(meta, a.el("span", "c-error", "错误 "+itoa(rw.Error)), a.el("span", "c-warning", "警告 "+itoa(rw.Warning)), a.el("span", "c-info", "提示 "+itoa(rw.Info)))
		if rw.Reading > 0 {
			add(meta, a.el("span", "c-reading", "读取提示 "+itoa(rw.Reading)))
		}
	}
	add(meta, a.el("span", "b-file", "文件："+rw.Source))
	add(head, meta)
	if k := a.fileIndex(rw.Source); k >= 0 && k < len(v.matches) {
		if m := v.matches[k]; m.Prev >= 0 {
			p := v.ids[m.Prev]
			add(head, a.el("p", "b-dnote", "跨年度比对：已与上一年度报告 "+page.PrevLabel(p.Agency, p.Year)+"（"+v.files[m.Prev].name+"）比对。"))
		}
	}
	for _, c := range rw.Copies {
		add(head, a.el("p", "b-dnote copy", c.Summary()+"（"+c.OtherSource+"）"))
	}
	if rw.Unreadable == "" {
		b := a.el("button", "b-check", "在“检查一份报告”中打开")
		b.SetAttribute("type", "button")
		b.SetTitle("把这份报告（及与之比对的上一年度报告）放进检查页：可对照原文逐条查看、修改")
		add(head, b)
	}
	add(d, head)
	if rw.Unreadable != "" {
		add(d, a.el("p", "inerr", rw.Unreadable))
		return
	}
	cards := core.Cards(r)
	if len(cards) == 0 {
		add(d, a.el("p", "empty ok", "没有发现问题。"))
		return
	}
	a.drawCards(a.cardSections(d, "h4", cards, r, false), cards, r, false)
}

// openItem puts the selected report, and last year's report it was
// compared with, into the single check: the text to read and edit beside
// the findings.
func (a *app) openItem() {
	v := &a.batch
	if v.selected < 0 {
		return
	}
	k := a.fileIndex(v.items[v.selected].Row.Source)
	if k < 0 {
		return
	}
	f := v.files[k]
	raw, err := fileBytes(f.file)
	if err != nil {
		a.batchStatus("无法再次读取 "+f.name+"："+err.Error(), true)
		return
	}
	doc, ierr := core.Read(f.name, raw, pageEnv())
	if ierr != nil {
		a.batchStatus(f.name+"："+ierr.Message, true)
		return
	}
	a.prev = previous{}
	if k < len(v.matches) && v.matches[k].Prev >= 0 {
		m := v.matches[k]
		p := v.files[m.Prev]
		if text := textOf(p); text != "" {
			a.prev = previous{text: text, name: p.name}
			a.prev.agency, a.prev.year = core.Identify(text)
		}
	}
	a.drawPrev()
	a.showMode("single")
	a.have = false
	a.open(f.name, doc.Text, doc)
	msg := "已打开批量审阅中的 " + f.name + "。"
	if a.prev.text != "" {
		msg += "已与上一年度报告 " + a.prevLabel() + " 比对。"
	}
	a.setStatus(msg, false)
}

// drawPairs lists the reports checked with last year's (跨年度比对) and
// those whose last year could not be told for sure.
func (a *app) drawPairs() {
	v := &a.batch
	box := a.byID("b-pairs")
	box.SetTextContent("")
	add(box, a.el("h3", "", "跨年度比对"))
	list := a.el("ul", "b-list", "")
	n := 0
	for i, m := range v.matches {
		this := v.ids[i]
		switch {
		case m.Prev >= 0:
			p := v.ids[m.Prev]
			li := a.el("li", "pair", "")
			add(li, a.el("span", "from", page.PrevLabel(p.Agency, p.Year)), a.el("span", "arrow", " → "), a.el("span", "to", page.PrevLabel(this.Agency, this.Year)))
			add(li, a.el("span", "files", v.files[m.Prev].name+" → "+v.files[i].name))
			add(list, li)
			n++
		case m.Candidates > 1:
			li := a.el("li", "pair unsure", page.PrevLabel(this.Agency, this.Year)+"（"+v.files[i].name+"）：上一年度报告不能确定（"+itoa(m.Candidates)+" 份可能），未比对。可在“检查一份报告”中给出上一年度报告。")
			add(list, li)
			n++
		}
	}
	if n == 0 {
		add(box, a.el("p", "empty", "没有同一单位相邻两年的报告。同一单位相邻两年的报告都在批量中时，后一年按上一年核对上年结转等跨年度衔接（规则 C01–C05）。"))
		return
	}
	add(box, list)
}

// drawCopies lists the pairs of reports of different units that share
// most of their narrative (疑似雷同), with the passages.
func (a *app) drawCopies() {
	v := &a.batch
	box := a.byID("b-copies")
	box.SetTextContent("")
	add(box, a.el("h3", "", "疑似雷同"))
	pairs := review.CopyPairs(v.items)
	if len(pairs) == 0 {
		add(box, a.el("p", "empty", "未发现不同单位之间正文雷同的报告。"))
		return
	}
	add(box, a.el("p", "legend", "去掉单位名称、地名、年份和数字后逐句比对正文，相同句子达一半的两份报告列在这里。"))
	list := a.el("ul", "b-list", "")
	for _, p := range pairs {
		other := p.Copy.OtherAgency
		if other == "" {
			other = "（未识别单位）"
		}
		det := a.el("details", "copy", "")
		sum := a.el("summary", "", "")
		add(sum, a.el("span", "share", strconv.FormatFloat(p.Copy.Similarity*100, 'f', 0, 64)+"%"),
			a.el("span", "units", review.AgencyOr(p.A)+" ↔ "+other),
			a.el("span", "same", "相同 "+itoa(p.Copy.Same)+" 句"))
		add(det, sum, a.el("p", "files", p.A.Source+" ↔ "+p.Copy.OtherSource))
		ps := a.el("ol", "passages", "")
		for _, x := range p.Copy.Passages {
			add(ps, a.el("li", "", x.PassageLine()))
		}
		add(list, add(a.el("li", "", ""), add(det, ps)))
	}
	add(box, list)
}

// saveBatch saves the workbook (the command line's review --out 汇总.xlsx)
// or the summary as CSV.
func (a *app) saveBatch(kind string) {
	v := &a.batch
	if len(v.items) == 0 {
		return
	}
	var buf bytes.Buffer
	var err error
	name, mime := "审阅汇总.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if kind == "csv" {
		name, mime = "审阅汇总.csv", "text/csv"
		err = review.WriteCSV(&buf, v.items)
	} else {
		err = review.WriteXLSX(&buf, v.items, v.meta)
	}
	if err != nil {
		a.batchStatus("未能生成 "+name+"："+err.Error(), true)
		return
	}
	a.saveFile(buf.Bytes(), mime, name)
	if kind == "csv" {
		a.batchStatus("已保存 "+name+"：汇总表，UTF-8 编码，Excel、WPS 可直接打开。", false)
	} else {
		a.batchStatus("已保存 "+name+"：汇总、问题清单、疑似雷同，以及每份报告一张可打印的整改清单。", false)
	}
}

// saveFile hands bytes to the browser as a download.
func (a *app) saveFile(data []byte, mime, name string) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	opts := js.Global().Get("Object").New()
	opts.Set("type", mime)
	blob := js.Global().Get("Blob").New([]any{arr}, opts)
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	link := a.el("a", "offscreen", "")
	link.SetAttribute("href", url.String())
	link.SetAttribute("download", name)
	add(html(a.body), link)
	link.Click()
	link.Remove()
	a.win.SetTimeout(func() { js.Global().Get("URL").Call("revokeObjectURL", url) }, 10000)
}
