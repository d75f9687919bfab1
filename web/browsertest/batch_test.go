//go:build browser

package browsertest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/core/review"
	"github.com/nianbao/nianbao/wasm/page"
)

// batchFiles is a reviewer's folder: the five seeds, three real reports
// (洪泽区 2023 and 2024: one unit's consecutive years), a Word file, seed
// 000 under another unit's name (a copy: 雷同), two real PDFs (read in
// the page by pdf.js), a scanned PDF (no text: its row says why) and a
// file that is not a report.
func batchFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	read := func(rel string) []byte {
		raw, err := os.ReadFile(filepath.Join(root, rel))
		must(t, err)
		return raw
	}
	seeds, _ := filepath.Glob(filepath.Join(root, "testdata/seeds/00[0-4]_*.txt"))
	if len(seeds) != 5 {
		t.Fatalf("seeds: %v", seeds)
	}
	for _, s := range seeds {
		files[filepath.Base(s)] = read(relName(s))
	}
	for _, r := range []string{"hongze-2023-layout.txt", "hongze-2024-layout.txt", "huaian-city-2024-layout.txt"} {
		files[r] = read("testdata/real/" + r)
	}
	files["004_6bca9a975aea9322.docx"] = read("testdata/files/004_6bca9a975aea9322.docx")
	// The unit's name is the report's first line: seed 000's narrative
	// under another unit's name.
	_, rest, _ := strings.Cut(string(files[filepath.Base(seeds[0])]), "\n")
	_, rest, _ = strings.Cut(rest, "\n")
	files["青山区民政局.txt"] = []byte("青山区民政局2024年政府信息公开工作年度报告\n" + rest)
	files["扫描件.pdf"] = read("testdata/pdf/scanned.pdf")
	files["洪泽区2023.pdf"] = read("testdata/pdf/hongze-2023.pdf")
	files["淮安市2024.pdf"] = read("testdata/pdf/huaian-city-2024.pdf")
	files["说明.xls"] = []byte("x")
	return files
}

// cliReview runs the command line's `nianbao review . --out NAME` in a
// folder holding files: the reference for the page's batch view.
func cliReview(t *testing.T, files map[string][]byte, out string) []byte {
	t.Helper()
	bin := cliBinary(t)
	dir := t.TempDir()
	for name, raw := range files {
		must(t, os.WriteFile(filepath.Join(dir, name), raw, 0o644))
	}
	target := filepath.Join(t.TempDir(), out)
	cmd := exec.Command(bin, "review", ".", "--out", target)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// Exit 1 (a report fails) or 2 (a file could not be read) say what
	// the batch holds; the workbook is written all the same.
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() > 2 {
			t.Fatalf("nianbao review: %v: %s", err, stderr.String())
		}
	}
	raw, err := os.ReadFile(target)
	must(t, err)
	return raw
}

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

func cliBinary(t *testing.T) string {
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "nianbao-cli")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "nianbao")
		cmd := exec.Command("go", "build", "-o", cliPath, "./cmd/nianbao")
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			cliErr = err
			t.Logf("%s", out)
		}
	})
	if cliErr != nil {
		t.Fatalf("building the command line: %v", cliErr)
	}
	return cliPath
}

// dropFiles drops files on an element as a real drag and drop does (a
// DataTransfer of File objects).
func dropFiles(t *testing.T, ctx context.Context, sel string, files map[string][]byte) {
	t.Helper()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var list []map[string]string
	for _, n := range names {
		list = append(list, map[string]string{"name": n, "b64": base64.StdEncoding.EncodeToString(files[n])})
	}
	if !eval[bool](t, ctx, `(function (sel, list) {
		var dt = new DataTransfer();
		list.forEach(function (f) {
			var bin = atob(f.b64), bytes = new Uint8Array(bin.length);
			for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
			dt.items.add(new File([bytes], f.name));
		});
		var el = document.querySelector(sel);
		el.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return !el.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})(`+js(sel)+`, `+js(list)+`)`) {
		t.Fatal("the drop was not taken")
	}
}

func waitBatch(t *testing.T, ctx context.Context) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := waitJS(tctx, `document.getElementById("batch").dataset.state === "done"`); err != nil {
		t.Fatalf("the batch was not checked: %v (status %q)", err, eval[string](t, ctx, `document.getElementById("b-status").textContent`))
	}
}

// shownRows is the batch table as shown: each row's cells as text, one
// per review.SummaryHeader column (lists one item a line).
func shownRows(t *testing.T, ctx context.Context) [][]string {
	t.Helper()
	return eval[[][]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll("#b-table tbody tr"), function (tr) {
		return Array.prototype.map.call(tr.children, function (td) {
			var items = td.querySelectorAll("li");
			if (items.length) return Array.prototype.map.call(items, function (li) { return li.textContent; }).join("\n");
			return td.textContent;
		});
	})`)
}

// The batch view: many files dropped at once are checked one by one and
// summed up exactly as the command line's `nianbao review` does (the same
// rows, cells and order as its CSV; the same 汇总 sheet in the workbook
// downloaded); the table sorts by a column; a row shows its findings;
// one unit's consecutive years are paired and a copied report is found.
func TestBatch(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	click(t, ctx, "#mode-batch")
	if m := eval[string](t, ctx, `document.body.dataset.mode + " " + document.getElementById("single").hidden + " " + document.getElementById("batch").hidden`); m != "batch true false" {
		t.Fatalf("mode, single hidden, batch hidden: %s", m)
	}
	screenshot(t, ctx, "batch-00-empty")
	files := batchFiles(t)
	// The page answers while the batch is checked: a task queued with
	// setTimeout runs between reports and sees the progress.
	eval[bool](t, ctx, `(function () {
		window.__seen = [];
		(function sample() {
			var s = document.getElementById("b-status").textContent;
			if (window.__seen[window.__seen.length - 1] !== s) window.__seen.push(s);
			if (document.getElementById("batch").dataset.state !== "done") setTimeout(sample, 0);
		})();
		return true;
	})()`)
	dropFiles(t, ctx, "#batch", files)
	waitBatch(t, ctx)
	progress := 0
	for _, s := range eval[[]string](t, ctx, `window.__seen`) {
		if strings.HasPrefix(s, "已检查 ") && strings.Contains(s, " / "+strconv.Itoa(len(files)-1)+" …") && !strings.HasPrefix(s, "已检查 0 /") {
			progress++
		}
	}
	if progress < 2 {
		t.Errorf("the page did not answer between reports: statuses seen %q", eval[[]string](t, ctx, `window.__seen`))
	}
	screenshot(t, ctx, "batch-01-summary")

	// The rows are the command line's, cell for cell, in its order.
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(cliReview(t, files, "汇总.csv"), []byte("\ufeff")))).ReadAll()
	must(t, err)
	if got := eval[[]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll("#b-table thead th"), function (th) { return th.firstChild.firstChild.textContent; })`); strings.Join(got, "|") != strings.Join(recs[0], "|") {
		t.Errorf("header:\n got %q\nwant %q", got, recs[0])
	}
	// PDFs too: read by pdf.js, laid out by the command line's code.
	// Every file given is a row: 说明.xls is named, not checked.
	rows := shownRows(t, ctx)
	if len(rows) != len(recs)-1 || len(rows) != len(files) {
		t.Fatalf("%d rows shown, the command line has %d, %d files given", len(rows), len(recs)-1, len(files))
	}
	for i, r := range rows {
		if strings.Join(r, "|") != strings.Join(recs[i+1], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, r, recs[i+1])
		}
	}
	if s := eval[string](t, ctx, `document.getElementById("b-status").textContent`); !strings.Contains(s, "已检查 "+strconv.Itoa(len(rows)-1)+" 份报告") || !strings.Contains(s, "1 个文件未检查") {
		t.Errorf("status %q", s)
	}
	// The same files dropped again replace themselves: the same rows.
	eval[bool](t, ctx, `(document.getElementById("batch").dataset.state = "again", true)`)
	dropFiles(t, ctx, "#batch", files)
	waitBatch(t, ctx)
	if again := shownRows(t, ctx); len(again) != len(rows) || !strings.Contains(eval[string](t, ctx, `document.getElementById("b-status").textContent`), "1 个文件未检查") {
		t.Errorf("dropped again: %d rows (want %d), status %q", len(again), len(rows), eval[string](t, ctx, `document.getElementById("b-status").textContent`))
	}
	if pdfRow := eval[string](t, ctx, `document.querySelector('#b-table tr[data-source="扫描件.pdf"] .c-top').textContent`); !strings.Contains(pdfRow, "扫描件没有文字层") {
		t.Errorf("the PDF's row says %q", pdfRow)
	}
	if other := eval[string](t, ctx, `document.querySelector('#b-table tr[data-source="说明.xls"]').textContent`); !strings.Contains(other, "未检查") || !strings.Contains(other, "表格文件") {
		t.Errorf("说明.xls's row says %q", other)
	}

	// Sorting: by 错误, rising then falling (numbers by value, blank
	// counts of unreadable files last), then by 单位.
	col := func(name string) int {
		for i, h := range review.SummaryHeader {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return 0
	}
	sortBy := func(name string) {
		click(t, ctx, `#b-table button.b-sort[data-col="`+strconv.Itoa(col(name))+`"]`)
	}
	errs := func() []string {
		var out []string
		for _, r := range shownRows(t, ctx) {
			out = append(out, r[col("错误")])
		}
		return out
	}
	ordered := func(vals []string, desc bool) bool {
		prev := -1
		if desc {
			prev = 1 << 30
		}
		blank := false
		for _, v := range vals {
			if v == "" {
				blank = true
				continue
			}
			n, _ := strconv.Atoi(v)
			if blank || (!desc && n < prev) || (desc && n > prev) {
				return false
			}
			prev = n
		}
		return true
	}
	sortBy("错误")
	if e := errs(); !ordered(e, false) || eval[string](t, ctx, `document.querySelector('#b-table th[data-col="3"]').getAttribute("aria-sort")`) != "ascending" {
		t.Errorf("by 错误, rising: %q", e)
	}
	sortBy("错误")
	if e := errs(); !ordered(e, true) || eval[string](t, ctx, `document.querySelector('#b-table th[data-col="3"]').getAttribute("aria-sort")`) != "descending" {
		t.Errorf("by 错误, falling: %q", e)
	}
	sortBy("单位")
	var units []string
	for _, r := range shownRows(t, ctx) {
		units = append(units, r[col("单位")])
	}
	if !sort.StringsAreSorted(units) {
		t.Errorf("by 单位: %q", units)
	}

	// A row shows its report's findings as the single check's cards.
	click(t, ctx, `#b-table tr[data-source="004_6bca9a975aea9322.txt"] td[data-col="4"]`)
	raw004 := files["004_6bca9a975aea9322.txt"]
	rep004, _ := core.Check("004_6bca9a975aea9322.txt", raw004, core.Options{})
	cards := core.Cards(rep004)
	shown := eval[[]string](t, ctx, `Array.prototype.map.call(document.querySelectorAll("#b-detail li.card"), function (li) { return li.dataset.rule + " " + li.querySelector(".msg").textContent; })`)
	if len(shown) != len(cards) {
		t.Errorf("%d cards shown for seed 004, want %d", len(shown), len(cards))
	}
	for _, c := range cards {
		f := rep004.Findings[c.Lead]
		found := false
		for _, s := range shown {
			found = found || s == f.Rule+" "+f.Message
		}
		if !found {
			t.Errorf("no card %s %s", f.Rule, f.Message)
		}
	}
	if h := eval[string](t, ctx, `document.querySelector("#b-detail h3").textContent`); h != "区机关事务管理服务中心 · 2024 年度" {
		t.Errorf("detail heading %q", h)
	}
	// A card opens on click.
	click(t, ctx, `#b-detail li.card button.jump`)
	if open := eval[bool](t, ctx, `!document.querySelector("#b-detail li.card .cbody").hidden`); !open {
		t.Error("a card does not open")
	}
	screenshot(t, ctx, "batch-02-report")

	// 洪泽区 2023 → 2024 is paired: the later year is checked with the
	// earlier one as with --prev (C05 among its findings).
	pairs := eval[string](t, ctx, `document.getElementById("b-pairs").textContent`)
	if !strings.Contains(pairs, "洪泽区人民政府 2023 年度 → 淮安市洪泽区人民政府 2024 年度") || !strings.Contains(pairs, "hongze-2023-layout.txt → hongze-2024-layout.txt") {
		t.Errorf("pairs: %q", pairs)
	}
	click(t, ctx, `#b-table tr[data-source="hongze-2024-layout.txt"] td[data-col="4"]`)
	if d := eval[string](t, ctx, `document.getElementById("b-detail").textContent`); !strings.Contains(d, "已与上一年度报告 洪泽区人民政府 2023 年度（hongze-2023-layout.txt）比对") {
		t.Errorf("hongze-2024's detail does not say it was compared: %.300q", d)
	}
	prev, _ := core.Read("hongze-2023-layout.txt", files["hongze-2023-layout.txt"], native.Env())
	rep24, _ := core.Check("hongze-2024-layout.txt", files["hongze-2024-layout.txt"], core.Options{Previous: prev.Text})
	if got, w := eval[int](t, ctx, `document.querySelectorAll("#b-detail li.card").length`), len(core.Cards(rep24)); got != w || eval[int](t, ctx, `document.querySelectorAll('#b-detail li.card[data-rule="C05"]').length`) == 0 {
		t.Errorf("hongze-2024: %d cards (want %d, with C05)", got, w)
	}

	// The copy of seed 000 under another unit's name is 疑似雷同.
	copies := eval[string](t, ctx, `document.getElementById("b-copies").textContent`)
	if !strings.Contains(copies, "青山区民政局") || !strings.Contains(copies, "武昌区机关事务服务中心") {
		t.Errorf("copies: %q", copies)
	}

	// The workbook downloaded is the command line's: the same sheets and
	// the same 汇总, cell for cell.
	eval[bool](t, ctx, `(function () {
		var made = URL.createObjectURL;
		window.__blobs = [];
		URL.createObjectURL = function (b) { window.__blobs.push(b); return made.call(URL, b); };
		return true;
	})()`)
	click(t, ctx, "#b-xlsx")
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(function (ok) {
		var r = new FileReader();
		r.onload = function () { ok(r.result.split(",")[1]); };
		r.readAsDataURL(window.__blobs[0]);
	})`, chromedp.EvalAwaitPromise))
	must(t, err)
	got, err := base64.StdEncoding.DecodeString(b64)
	must(t, err)
	book, err := excelize.OpenReader(bytes.NewReader(got))
	must(t, err)
	cli, err := excelize.OpenReader(bytes.NewReader(cliReview(t, files, "汇总.xlsx")))
	must(t, err)
	// The command line's sheets (the PDFs read have their 整改清单); the
	// scanned PDF is listed, with why, on the sheet of files not read.
	if g, w := book.GetSheetList(), cli.GetSheetList(); strings.Join(g, "|") != strings.Join(w, "|") {
		t.Errorf("sheets:\n got %q\nwant %q", g, w)
	}
	if rows, _ := book.GetRows(review.SheetUnreadable); !strings.Contains(fmt.Sprint(rows), "扫描件.pdf") || !strings.Contains(fmt.Sprint(rows), "扫描件没有文字层") {
		t.Errorf("the scanned PDF is not on %s with why: %q", review.SheetUnreadable, rows)
	}
	for _, sheet := range []string{review.SheetSummary, review.SheetFindings, review.SheetCopies, review.SheetUnreadable} {
		g, err := book.GetRows(sheet)
		must(t, err)
		w, err := cli.GetRows(sheet)
		must(t, err)
		if len(g) != len(w) {
			t.Errorf("%s: %d rows, the command line's %d", sheet, len(g), len(w))
			continue
		}
		for i := range g {
			if strings.Join(g[i], "|") != strings.Join(w[i], "|") {
				t.Errorf("%s row %d:\n got %q\nwant %q", sheet, i+1, g[i], w[i])
			}
		}
	}
	if name := eval[string](t, ctx, `window.__blobs[0].type`); name != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("workbook type %q", name)
	}

	// A phone: one column, the table scrolls in its own box.
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)))
	checkLayout(t, ctx, 390)
	eval[bool](t, ctx, `(scrollTo(0, 0), true)`)
	screenshot(t, ctx, "batch-04-phone")
	must(t, chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)))
	checkLayout(t, ctx, 1366)

	// "在检查页中打开": the report goes into the single check, with last
	// year's report it was paired with.
	click(t, ctx, `#b-detail button.b-check`)
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := waitJS(tctx, `document.body.dataset.mode === "single" && nianbao.result().includes('"source": "hongze-2024-layout.txt"')`); err != nil {
		t.Fatalf("the report was not opened for checking: %v", err)
	}
	if got, w := eval[string](t, ctx, `nianbao.result()`), string(core.NewResult(rep24).JSON()); got != w {
		t.Errorf("hongze-2024 opened from the batch: JSON differs from core with Previous:\n%s", firstDiff(got, w))
	}
	screenshot(t, ctx, "batch-03-opened")
}

// The 上一年度报告 box: last year's report of the unit, opened as a file or
// pasted, is used in every check, exactly as `nianbao check --prev` does
// (the page's JSON is core's with Options.Previous); the summary says
// which report it is and clears it.
func TestPreviousYear(t *testing.T) {
	ctx, _ := openOffline(t, 1366, 768)
	dir := t.TempDir()
	prevRaw, err := os.ReadFile(filepath.Join(root, "testdata/real/hongze-2023-layout.txt"))
	must(t, err)
	thisRaw, err := os.ReadFile(filepath.Join(root, "testdata/real/hongze-2024-layout.txt"))
	must(t, err)
	prevFile := filepath.Join(dir, "洪泽2023.txt")
	must(t, os.WriteFile(prevFile, prevRaw, 0o644))
	prevDoc, ierr := core.Read(prevFile, prevRaw, native.Env())
	if ierr != nil {
		t.Fatal(ierr)
	}
	with := string(core.NewResult(core.CheckText(page.PasteName, string(thisRaw), core.Options{Previous: prevDoc.Text})).JSON())
	_, without := want(page.PasteName, string(thisRaw))
	if with == without {
		t.Fatal("last year's report changes nothing: the test would prove nothing")
	}

	// This year's report first, then last year's from a file.
	paste(t, ctx, string(thisRaw), "\x00")
	if got := eval[string](t, ctx, `nianbao.result()`); got != without {
		t.Fatalf("without last year's report: JSON differs from core:\n%s", firstDiff(got, without))
	}
	must(t, chromedp.Do(ctx, chromedp.SetUploadFiles("#prev-file", []string{prevFile})))
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := waitJS(tctx, `nianbao.result() === `+js(with)); err != nil {
		t.Fatalf("with last year's report the page's JSON is not core's with Previous:\n%s", firstDiff(eval[string](t, ctx, `nianbao.result()`), with))
	}
	if s := eval[string](t, ctx, `document.querySelector("#summary .prevline").textContent`); !strings.Contains(s, "洪泽区人民政府 2023 年度") || !strings.Contains(s, "洪泽2023.txt") {
		t.Errorf("summary line %q", s)
	}
	if s := eval[string](t, ctx, `document.getElementById("prev-state").textContent`); !strings.Contains(s, "洪泽区人民政府 2023 年度") {
		t.Errorf("box says %q", s)
	}
	screenshot(t, ctx, "prev-01-file")

	// Cleared from the summary: the check is on its own again.
	click(t, ctx, "#summary button.prev-clear")
	if err := waitJS(tctx, `nianbao.result() === `+js(without)); err != nil {
		t.Errorf("after clearing, the JSON is not the plain check's")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#summary .prevline").length`); n != 0 {
		t.Errorf("the summary still names last year's report")
	}

	// Pasted into the box (as the clipboard carries it): the same.
	click(t, ctx, "#prev-paste")
	if !eval[bool](t, ctx, `(function (text) {
		var box = document.getElementById("prev-text");
		var dt = new DataTransfer();
		dt.setData("text/plain", text);
		return !box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
	})(`+js(prevDoc.Text)+`)`) {
		t.Fatal("the paste into the box was not taken")
	}
	if err := waitJS(tctx, `nianbao.result() === `+js(with)); err != nil {
		t.Errorf("last year's report pasted: the JSON is not core's with Previous")
	}
	if hidden := eval[bool](t, ctx, `document.getElementById("prev-text").hidden`); !hidden {
		t.Error("the box stays open after the paste")
	}
	screenshot(t, ctx, "prev-02-pasted")
}
