package main

// nianbao review: a reviewer's workbook for a folder of reports (a
// 政府办公室 checking its subordinate units' reports, an evaluator). One
// summary row per report, every finding, and per report a 整改清单 ready to
// send back to the unit; as .xlsx, .csv (the summary) or one static .html.

import (
	"bufio"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/render"
	"github.com/nianbao/nianbao/core/review"
	"github.com/nianbao/nianbao/core/similar"
)

const reviewUsage = `用法：nianbao review 目录|文件 ... [--out 汇总.xlsx|汇总.csv|汇总.html]
  检查目录中全部报告（.txt .md .html .htm .docx .pdf），生成审阅汇总：
    .xlsx  工作簿：“汇总”（每份报告一行，按错误数排序）、“问题清单”（每个问题一行）、
           “疑似雷同”（不同单位正文大量相同的报告，附相同段落）、
           每份报告一张整改清单（可直接打印、发回下级单位）
    .csv   汇总表（UTF-8，Excel/WPS 可直接打开）
    .html  单个网页：汇总、问题清单和各单位整改清单，可打印
  不指定 --out 时写到当前目录的 汇总.xlsx。给出的每个文件都列在汇总中：无法读取的列为
  “无法读取”并写明原因；其他类型的文件（如旧版 .doc、表格、图片）列为“未检查”并写明
  是什么、怎么办（.doc 请另存为 .docx）。目录中的符号链接不跟随，逐个写明。
  同一单位相邻两年的报告自动配对，执行跨年度规则（C01–C05），配对情况写在标准错误上。
  检查器未能确定读对的地方（读取提示）只列在“问题清单”中供审阅人核对，不计入结论，
  不进入整改清单。

退出码：0 全部通过；1 有报告未通过；2 有文件无法读取或参数有误（其他类型的文件不影响退出码）。
`

func runReview(args []string, stdout, stderr io.Writer) int {
	out, paths, err := reviewArgs(args)
	if err == errHelp {
		fmt.Fprint(stdout, reviewUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "nianbao: %s\n\n%s", render.SafeName(err.Error()), reviewUsage)
		return 2
	}
	kind := strings.ToLower(filepath.Ext(out))
	switch kind {
	case ".xlsx", ".csv", ".html", ".htm":
	default:
		fmt.Fprintf(stderr, "nianbao: --out 的扩展名决定格式，只能是 .xlsx、.csv 或 .html，不能是 %q\n", out)
		return 2
	}
	files, others, code := expand(paths, stderr)
	// A page written into the folder it reviews is not a report of it
	// the next time round.
	if abs, err := filepath.Abs(out); err == nil {
		kept := files[:0]
		for _, f := range files {
			if fa, err := filepath.Abs(f); err != nil || fa != abs {
				kept = append(kept, f)
			}
		}
		files = kept
		// Nor is the workbook of the last run (汇总.xlsx in the folder
		// dropped again onto nianbao.exe) a file of another kind.
		rest := others[:0]
		for _, n := range others {
			if na, err := filepath.Abs(n.path); err != nil || na != abs {
				rest = append(rest, n)
			}
		}
		others = rest
	}
	if len(files) == 0 && len(others) == 0 {
		if code == 0 {
			fmt.Fprintf(stderr, "nianbao: 没有可检查的文件\n")
		}
		return 2
	}
	items := checkAll(files, others, stderr)
	meta := review.NewMeta(time.Now())
	write := func(w io.Writer) error {
		switch kind {
		case ".xlsx":
			return review.WriteXLSX(w, items, meta)
		case ".csv":
			return review.WriteCSV(w, items)
		}
		return writeHTML(w, items, meta)
	}
	if err := writeFileAtomic(out, write); err != nil {
		msg := err.Error()
		switch {
		case errors.Is(err, fs.ErrNotExist):
			msg = "所在目录不存在"
		case errors.Is(err, fs.ErrPermission):
			msg = "没有写入权限"
		}
		fmt.Fprintf(stderr, "nianbao: 无法写入 %s：%s\n", render.SafeName(out), render.SafeName(msg))
		return 2
	}
	failed, unreadable, other, unknown := 0, 0, 0, 0
	for _, it := range items {
		switch it.Row.Verdict() {
		case "未通过":
			failed++
		case "无法读取":
			unreadable++
		case "未检查":
			other++
		case "无法识别":
			unknown++
		}
	}
	msg := fmt.Sprintf("已生成 %s：%d 份报告，%d 份未通过，%d 份无法读取", render.SafeName(out), len(items)-other-unknown, failed, unreadable)
	if unknown > 0 {
		msg += fmt.Sprintf("，%d 份无法识别（不像年度报告）", unknown)
	}
	if other > 0 {
		msg += fmt.Sprintf("；另有 %d 个其他类型的文件未检查（汇总中逐个列出）", other)
	}
	fmt.Fprintln(stdout, msg)
	// As check: 0 every report passes, 1 some fail, 2 some could not be
	// read (or a path given could not be, said on stderr).
	switch {
	case unreadable > 0:
		code = 2
	case failed > 0 && code < 1:
		code = 1
	}
	return code
}

var errHelp = fmt.Errorf("help")

// reviewArgs reads "DIR... --out FILE" in any order.
func reviewArgs(args []string) (out string, paths []string, err error) {
	out = "汇总.xlsx"
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			paths = append(paths, args[i+1:]...)
			i = len(args)
		case a == "-h" || a == "--help" || a == "-help":
			return "", nil, errHelp
		case a == "--out" || a == "-out" || a == "-o":
			if i+1 == len(args) {
				return "", nil, fmt.Errorf("选项缺少取值：%s", a)
			}
			out = args[i+1]
			i++
		case strings.HasPrefix(a, "--out=") || strings.HasPrefix(a, "-out="):
			out = a[strings.Index(a, "=")+1:]
		case a == "-":
			return "", nil, fmt.Errorf("review 不读标准输入，请给出目录或文件")
		case strings.HasPrefix(a, "-"):
			return "", nil, fmt.Errorf("未知的选项 %s", a)
		default:
			paths = append(paths, a)
		}
	}
	if len(paths) == 0 {
		return "", nil, fmt.Errorf("请给出要汇总的目录或文件")
	}
	if out == "" {
		return "", nil, fmt.Errorf("--out 不能为空")
	}
	return out, paths, nil
}

// checkAll checks the files one at a time, as `nianbao check` does: each
// report is read, checked, reduced to what the outputs need and dropped
// (review.Batch), so memory grows with the findings, not with the files.
func checkAll(files []string, others []notChecked, stderr io.Writer) []review.Reviewed {
	opts := core.Options{Env: newEnv(stderr)}
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) {
		bar = progressbar.NewOptions(len(files),
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("检查报告"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	// One unit's reports of consecutive years are checked together, as
	// with `nianbao check DIR`: the cross-year rules run on every pair
	// (the pairs made are said on stderr).
	var plan *pairPlan
	if len(files) > 1 {
		plan = planPairs(files, opts.Env, stderr)
	}
	var batch review.Batch
	for _, n := range others {
		if n.unreadable {
			batch.AddUnreadable(n.path, n.reason)
		} else {
			batch.AddOther(n.path, n.reason)
		}
	}
	for i, f := range files {
		fopts := opts
		fopts.Previous = plan.previous(i)
		checkOne(&batch, f, plan.take(i), fopts)
		if bar != nil {
			bar.Add(1)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	return batch.Done()
}

// checkOne checks a file: as the pairing pass read it (doc), or read
// now when doc is nil.
func checkOne(batch *review.Batch, name string, doc *input.Doc, opts core.Options) {
	var rep core.Report
	var sketch similar.Doc
	var ierr *core.InputError
	if doc != nil {
		rep, sketch, ierr = core.CheckSketchedDoc(name, doc, opts)
	} else {
		raw, err := readLimited(name)
		if err != nil {
			batch.AddUnreadable(name, osError(err))
			return
		}
		rep, sketch, ierr = core.CheckSketched(name, raw, opts)
	}
	if ierr != nil {
		batch.AddUnreadable(name, ierr.Message)
		return
	}
	batch.Add(rep, sketch)
}

// writeFileAtomic writes through a temporary file beside path and renames
// it: a failed run never leaves half a workbook where the last good one was.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".nianbao-review-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	os.Chmod(tmp.Name(), 0o644)
	return os.Rename(tmp.Name(), path)
}

// ---- page ----

// writeHTML writes one static page: the same summary, findings and 整改清单
// as the workbook; no script, no external resource; print CSS puts each
// 整改清单 on its own A4 pages. html/template escapes every text.
func writeHTML(w io.Writer, items []review.Reviewed, meta review.Meta) error {
	type line struct{ Label, Text string }
	type card struct {
		N       int
		Sev     string
		SevName string
		Problem string
		Lines   []line
		Lists   []review.List
	}
	type unit struct {
		ID, Name, Year, Source, Verdict, VerdictClass, Counts string
		Cards                                                 []card
	}
	type finding struct {
		Source, Agency, Rule, Title, Sev, SevName, Kind, Place, Message, Expected, Actual, Fix, Basis string
	}
	type sumRow struct {
		ID    string
		Class string
		Sheet bool // has a 整改清单 to link to
		Cells []string
		Top   []string
	}
	data := struct {
		Meta     review.Meta
		Header   []string
		Rows     []sumRow
		Findings []finding
		Units    []unit
		Count    int
		Failed   int
		Unread   int
		Other    int
		// Columns of Header the page treats apart.
		ColError, ColWarning, ColVerdict, ColProblems, ColSource int
	}{Meta: meta, Header: review.SummaryHeader, ColError: review.ColError, ColWarning: review.ColWarning,
		ColVerdict: review.ColVerdict, ColProblems: review.ColProblems, ColSource: review.ColSource}
	titles := review.Titles()
	for i, it := range items {
		if !it.Row.Other {
			data.Count++
		}
		id := "u" + strconv.Itoa(i+1)
		rw, r := it.Row, it.Report
		cls := ""
		switch rw.Verdict() {
		case "未通过":
			cls = "error"
			data.Failed++
		case "无法读取":
			cls = "unread"
			data.Unread++
		case "未检查":
			cls = "unread"
			data.Other++
		case "无法识别":
			cls = "unread"
		default:
			if rw.Warning > 0 {
				cls = "warning"
			}
		}
		cells := review.SummaryCells(rw)
		sr := sumRow{ID: id, Class: cls, Top: rw.Top, Sheet: !rw.Other}
		if rw.Unreadable != "" {
			sr.Top = []string{rw.Unreadable}
		}
		for _, c := range cells {
			sr.Cells = append(sr.Cells, review.Plain(c))
		}
		data.Rows = append(data.Rows, sr)
		if rw.Other {
			continue // not checked: no 整改清单, the summary says what it is
		}
		u := unit{ID: id, Name: review.AgencyOr(rw), Year: "（未识别）", Source: rw.Source, Verdict: rw.Verdict(), VerdictClass: cls,
			Counts: fmt.Sprintf("错误 %d 处，警告 %d 处，提示 %d 处", rw.Error, rw.Warning, rw.Info)}
		if rw.Year > 0 {
			u.Year = strconv.Itoa(rw.Year) + " 年度"
		}
		if n := len(rw.Copies); n > 0 {
			u.Counts += fmt.Sprintf("；另与其他单位的 %d 份报告疑似雷同", n)
		}
		if rw.Unreadable != "" {
			u.Counts = rw.Unreadable
		}
		for _, it := range review.Items(r, rw) {
			cd := card{N: len(u.Cards) + 1, Sev: it.Severity, SevName: core.SeverityName(it.Severity), Problem: it.Problem}
			for _, l := range it.Lines {
				cd.Lines = append(cd.Lines, line{l[0], l[1]})
			}
			cd.Lists = it.Lists
			u.Cards = append(u.Cards, cd)
		}
		for _, c := range review.Order(r) {
			for _, i := range c.Members() {
				e := r.Findings[i]
				fix := e.Fix
				if e.Reading() {
					fix = core.ReadingAdvice(r, e)
				}
				data.Findings = append(data.Findings, finding{Source: r.Source, Agency: review.AgencyOr(rw), Rule: e.Rule, Title: titles[e.Rule],
					Sev: e.Severity, SevName: core.SeverityName(e.Severity), Kind: review.KindName(e.Reading()), Place: review.Place(r, e), Message: e.Message,
					Expected: e.Expected, Actual: e.Actual, Fix: fix, Basis: e.Basis})
			}
		}
		data.Units = append(data.Units, u)
	}
	return reviewPage.Execute(w, data)
}

var reviewPage = template.Must(template.New("review").Parse(`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{{.Meta.Checker}}">
<title>政府信息公开工作年度报告审阅汇总（{{.Meta.Date}}）</title>
<style>
:root { --red: #9c0006; --red-bg: #ffc7ce; --red-tint: #fdecee; --amber: #9c5700; --amber-bg: #ffeb9c; --amber-tint: #fff8e1;
  --green: #006100; --green-bg: #c6efce; --grey: #e7e6e6; --head: #1f4e78; --line: #bfbfbf; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 24px; font: 14px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", SimSun, sans-serif; color: #222; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 2px solid var(--head); padding-bottom: 4px; }
.meta { color: #555; margin: 0 0 12px; }
nav a { margin-right: 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: var(--head); color: #fff; font-weight: bold; text-align: center; font-size: 12px; line-height: 1.4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.c { text-align: center; white-space: nowrap; }
td.file { overflow-wrap: anywhere; color: #555; }
tr.error td { background: var(--red-tint); }
tr.warning td { background: var(--amber-tint); }
tr.unread td { background: var(--grey); }
tr td.e-error, span.error { background: var(--red-bg); color: var(--red); font-weight: bold; }
tr td.e-warning, span.warning { background: var(--amber-bg); color: var(--amber); }
tr td.v-pass { background: var(--green-bg); color: var(--green); font-weight: bold; }
span.info { background: #ddebf7; color: #1f4e78; }
td ul { margin: 0; padding-left: 1.2em; }
table.summary { table-layout: fixed; }
table.summary td, table.summary th { overflow-wrap: anywhere; }
table.findings { table-layout: fixed; font-size: 12px; line-height: 1.5; }
table.findings td { overflow-wrap: anywhere; }
ul { list-style: disc; }
.sheet { margin-top: 40px; border-top: 3px double var(--head); padding-top: 8px; }
.sheet h2 { text-align: center; border: 0; font-size: 20px; }
.sheet dl.head { display: grid; grid-template-columns: 7em 1fr; gap: 2px 12px; margin: 0 0 12px; }
.sheet dl.head dt { font-weight: bold; color: #555; }
.sheet dl.head dd { margin: 0; }
.verdict-error { color: var(--red); font-weight: bold; }
.verdict-pass { color: var(--green); font-weight: bold; }
ol.cards { list-style: none; padding: 0; margin: 0; }
ol.cards > li { border: 1px solid var(--line); margin: 0 0 10px; break-inside: avoid; }
.card-head { display: flex; gap: 8px; padding: 6px 8px; font-weight: bold; }
.card-head .no { min-width: 2em; }
.card-head span.sev { padding: 0 6px; white-space: nowrap; height: fit-content; }
li.error .card-head { background: var(--red-tint); }
li.warning .card-head { background: var(--amber-tint); }
li.info .card-head { background: #f3f8fc; }
.card-body { display: grid; grid-template-columns: 7em 1fr; gap: 2px 12px; padding: 6px 8px 8px 3.4em; margin: 0; }
.card-body dt { color: #555; }
.card-body dd { margin: 0; }
.card-body ul { margin: 0; padding-left: 1.2em; }
.none { color: var(--green); font-weight: bold; }
@page { size: A4; margin: 14mm 12mm; }
@page wide { size: A4 landscape; margin: 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.45; }
  .wide { font-size: 8.5pt; }
  table.findings { font-size: 8pt; }
  th, td { padding: 2px 4px; }
  nav { display: none; }
  .wide { page: wide; }
  #findings { break-before: page; }
  .sheet { break-before: page; border-top: 0; margin-top: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<div class="wide">
<h1>政府信息公开工作年度报告审阅汇总</h1>
<p class="meta">检查日期：{{.Meta.Date}}　检查器：{{.Meta.Checker}}　共 {{.Count}} 份报告，{{.Failed}} 份未通过，{{.Unread}} 份无法读取{{if .Other}}；另有 {{.Other}} 个其他类型的文件未检查{{end}}</p>
<nav><a href="#summary">汇总</a><a href="#findings">问题清单</a><a href="#sheets">整改清单</a></nav>
<h2 id="summary">汇总（按错误数排序）</h2>
<table class="summary">
<colgroup><col style="width:9%"><col style="width:3.5%"><col style="width:4%"><col style="width:3%"><col style="width:3%"><col style="width:3%"><col style="width:3%"><col style="width:5%"><col style="width:17%"><col style="width:4.5%"><col style="width:6%"><col style="width:4.5%"><col style="width:5%"><col style="width:4.5%"><col style="width:5%"><col style="width:7.5%"><col style="width:6%"><col style="width:6.5%"></colgroup>
<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr class="{{.Class}}">{{$r := .}}{{range $i, $c := .Cells}}{{if eq $i 0}}<td>{{if $r.Sheet}}<a href="#{{$r.ID}}">{{$c}}</a>{{else}}{{$c}}{{end}}</td>{{else if eq $i $.ColProblems}}<td>{{if $r.Top}}<ul>{{range $r.Top}}<li>{{.}}</li>{{end}}</ul>{{end}}</td>{{else if eq $i $.ColError}}<td class="n{{if ne $c "0"}}{{if ne $c ""}} e-error{{end}}{{end}}">{{$c}}</td>{{else if eq $i $.ColWarning}}<td class="n{{if ne $c "0"}}{{if ne $c ""}} e-warning{{end}}{{end}}">{{$c}}</td>{{else if eq $i $.ColVerdict}}<td class="c{{if eq $c "未通过"}} e-error{{else if eq $c "通过"}} v-pass{{end}}">{{$c}}</td>{{else if eq $i $.ColSource}}<td class="file">{{$c}}</td>{{else if or (eq $i 1) (eq $i 2)}}<td class="c">{{$c}}</td>{{else if ge $i 3}}<td class="n">{{$c}}</td>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>
<h2 id="findings">问题清单</h2>
<table class="findings">
<colgroup><col style="width:10%"><col style="width:7%"><col style="width:3.5%"><col style="width:8%"><col style="width:3.5%"><col style="width:5%"><col style="width:11%"><col style="width:18%"><col style="width:6%"><col style="width:6%"><col style="width:12%"><col style="width:10%"></colgroup>
<thead><tr><th>文件</th><th>单位</th><th>规则</th><th>名称</th><th>级别</th><th>类别</th><th>位置</th><th>问题</th><th>期望</th><th>实际</th><th>修改</th><th>依据</th></tr></thead>
<tbody>
{{range .Findings}}<tr><td class="file">{{.Source}}</td><td>{{.Agency}}</td><td class="c">{{.Rule}}</td><td>{{.Title}}</td><td class="c e-{{.Sev}}">{{.SevName}}</td><td>{{.Kind}}</td><td>{{.Place}}</td><td>{{.Message}}</td><td>{{.Expected}}</td><td>{{.Actual}}</td><td>{{.Fix}}</td><td>{{.Basis}}</td></tr>
{{end}}</tbody>
</table>
</div>
<div id="sheets">
{{range .Units}}<section class="sheet" id="{{.ID}}">
<h2>政府信息公开工作年度报告整改清单</h2>
<dl class="head">
<dt>单位</dt><dd>{{.Name}}</dd>
<dt>年度</dt><dd>{{.Year}}</dd>
<dt>检查日期</dt><dd>{{$.Meta.Date}}</dd>
<dt>检查器版本</dt><dd>{{$.Meta.Checker}}</dd>
<dt>报告文件</dt><dd>{{.Source}}</dd>
<dt>检查结论</dt><dd class="{{if eq .Verdict "通过"}}verdict-pass{{else}}verdict-error{{end}}">{{.Verdict}}：{{.Counts}}</dd>
</dl>
{{if .Cards}}<ol class="cards">
{{range .Cards}}<li class="{{.Sev}}"><div class="card-head"><span class="no">{{.N}}.</span><span class="sev {{.Sev}}">{{.SevName}}</span><span>{{.Problem}}</span></div>
<dl class="card-body">{{range .Lines}}<dt>{{.Label}}</dt><dd>{{.Text}}</dd>{{end}}{{range .Lists}}<dt>{{.Label}}</dt><dd><ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul></dd>{{end}}</dl></li>
{{end}}</ol>{{else}}<p class="none">未发现问题，无需整改。</p>{{end}}
</section>
{{end}}</div>
</body>
</html>
`))
