package main

// nianbao review: a reviewer's workbook for a folder of reports (a
// 政府办公室 checking its subordinate units' reports, an evaluator). One
// summary row per report, every finding, and per report a 整改清单 ready to
// send back to the unit; as .xlsx, .csv (the summary) or one static .html.

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/render"
	"github.com/nianbao/nianbao/core/review"
	"github.com/nianbao/nianbao/core/similar"
)

const reviewUsage = `用法：nianbao review 目录|文件 ... [--out 汇总.xlsx|汇总.csv|汇总.html]
  检查目录中全部报告（.txt .md .html .htm .docx .pdf），生成审阅汇总：
    .xlsx  工作簿：“汇总”（每份报告一行，按错误数排序）、“问题清单”（每个问题一行）、
           每份报告一张整改清单（可直接打印、发回下级单位）
    .csv   汇总表（UTF-8，Excel/WPS 可直接打开）
    .html  单个网页：汇总、问题清单和各单位整改清单，可打印
  不指定 --out 时写到当前目录的 汇总.xlsx。无法读取的文件在汇总中列为“无法读取”。
`

// reviewed is what the outputs need of one report: its summary row and
// its findings (the tables, the bulk of a report, are dropped once the
// key figures are read).
type reviewed struct {
	row review.Row
	rep core.Report
}

// reviewMeta heads every 整改清单.
type reviewMeta struct {
	Date    string // 检查日期
	Checker string // 检查器版本
}

func runReview(args []string, stdout, stderr io.Writer) int {
	out, paths, err := reviewArgs(args)
	if err == errHelp {
		fmt.Fprint(stdout, reviewUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "nianbao: %v\n\n%s", err, reviewUsage)
		return 2
	}
	kind := strings.ToLower(filepath.Ext(out))
	switch kind {
	case ".xlsx", ".csv", ".html", ".htm":
	default:
		fmt.Fprintf(stderr, "nianbao: --out 的扩展名决定格式，只能是 .xlsx、.csv 或 .html，不能是 %q\n", out)
		return 2
	}
	files, code := expand(paths, stderr)
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
	}
	if len(files) == 0 {
		if code == 0 {
			fmt.Fprintf(stderr, "nianbao: 没有可检查的文件\n")
		}
		return 2
	}
	items := checkAll(files, stderr)
	meta := reviewMeta{Date: time.Now().Format("2006年1月2日"), Checker: "nianbao " + core.Version + "（" + core.RulesetStamp() + "）"}
	write := func(w io.Writer) error {
		switch kind {
		case ".xlsx":
			return writeXLSX(w, items, meta)
		case ".csv":
			return writeSummaryCSV(w, items)
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
		fmt.Fprintf(stderr, "nianbao: 无法写入 %s：%s\n", out, msg)
		return 2
	}
	failed, unreadable := 0, 0
	for _, it := range items {
		switch it.row.Verdict() {
		case "未通过":
			failed++
		case "无法读取":
			unreadable++
		}
	}
	fmt.Fprintf(stdout, "已生成 %s：%d 份报告，%d 份未通过，%d 份无法读取\n", out, len(items), failed, unreadable)
	return code // 2 when a path given could not be read (said on stderr)
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
// report is read, checked, reduced to what the outputs need and dropped,
// so memory grows with the findings, not with the files.
func checkAll(files []string, stderr io.Writer) []reviewed {
	opts := core.Options{Env: newEnv()}
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
	var prevOf []int
	if len(files) > 1 {
		prevOf = planPairs(files, opts.Env, stderr)
	}
	// Copied reports across units: each report leaves a few KB of
	// sentence hashes in the index, compared once all are in.
	var copies similar.Index
	items := make([]reviewed, 0, len(files))
	for i, f := range files {
		fopts := opts
		if prevOf != nil && prevOf[i] >= 0 {
			fopts.Previous = previousText(files[prevOf[i]], opts.Env)
		}
		it, sketch := checkOne(f, fopts)
		if len(sketch.Sentences) > 0 {
			copies.Add(sketch)
		}
		items = append(items, it)
		if bar != nil {
			bar.Add(1)
		}
	}
	if bar != nil {
		bar.Finish()
	}
	byReport := review.Copies(copies.Pairs(similar.DefaultMinSimilarity))
	for i := range items {
		items[i].row.Copies = byReport[items[i].row.Source]
	}
	sort.SliceStable(items, func(i, j int) bool { return review.Less(items[i].row, items[j].row) })
	return items
}

func checkOne(name string, opts core.Options) (reviewed, similar.Doc) {
	raw, err := readLimited(name)
	if err != nil {
		return reviewed{row: review.UnreadableRow(name, osError(err)), rep: core.Report{Source: name}}, similar.Doc{}
	}
	rep, sketch, ierr := core.CheckSketched(name, raw, opts)
	if ierr != nil {
		return reviewed{row: review.UnreadableRow(name, ierr.Message), rep: core.Report{Source: name}}, similar.Doc{}
	}
	row := review.SummaryRow(rep)
	rep.Tables = nil
	return reviewed{row: row, rep: rep}, sketch
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

// summaryHeader: the columns of 汇总, in the workbook, the CSV and the page.
var summaryHeader = []string{"单位", "年度", "格式", "错误", "警告", "提示", "是否通过", "主要问题",
	"本年新收", "公开率（予以公开+部分公开占办结）", "行政复议", "复议纠错率", "行政诉讼", "诉讼纠错率", "文件", "疑似雷同"}

// findingsHeader: the columns of 问题清单.
var findingsHeader = []string{"文件", "单位", "规则", "名称", "级别", "位置", "问题", "期望", "实际", "修改", "依据"}

// summaryCells is one summary row as typed values: string, int, float64
// (a count), pct (a ratio shown as a percentage) or nil (not given).
type pct float64

func summaryCells(r review.Row) []any {
	problems := strings.Join(r.Top, "\n")
	if r.Unreadable != "" {
		problems = r.Unreadable
	}
	var year any
	if r.Year > 0 {
		year = r.Year
	}
	var e, w, i any
	if r.Unreadable == "" {
		e, w, i = r.Error, r.Warning, r.Info
	}
	return []any{agencyOr(r), year, review.FormatName(r.Format), e, w, i, r.Verdict(), problems,
		num(r.New), ratio(r.OpenShare), num(r.Review), ratio(r.ReviewFix), num(r.Suit), ratio(r.SuitFix), r.Source, r.CopiedCell()}
}

func agencyOr(r review.Row) string {
	if r.Agency != "" {
		return r.Agency
	}
	return "（未识别单位）"
}

func num(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func ratio(v *float64) any {
	if v == nil {
		return nil
	}
	return pct(*v)
}

// ---- CSV ----

// writeSummaryCSV writes the summary rows. A byte-order mark makes Excel
// and WPS read UTF-8; every cell goes through render.CSVCell so report
// text never becomes a formula.
func writeSummaryCSV(w io.Writer, items []reviewed) error {
	io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	cw.Write(summaryHeader)
	for _, it := range items {
		cells := summaryCells(it.row)
		rec := make([]string, len(cells))
		for i, c := range cells {
			rec[i] = render.CSVCell(plain(c))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// plain is a typed cell as text: percentages with one decimal and a %
// sign (Excel reads "59.5%" back as a number), counts without a needless
// fraction.
func plain(c any) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case pct:
		return strconv.FormatFloat(float64(v)*100, 'f', 1, 64) + "%"
	}
	return fmt.Sprint(c)
}

// ---- workbook ----

// Colours: Excel's own 差/适中/好 cell styles, which reviewers know.
const (
	redFill    = "FFC7CE"
	redFont    = "9C0006"
	redTint    = "FDECEE"
	amberFill  = "FFEB9C"
	amberFont  = "9C5700"
	amberTint  = "FFF8E1"
	greenFill  = "C6EFCE"
	greenFont  = "006100"
	greyFill   = "E7E6E6"
	headFill   = "1F4E78"
	borderGrey = "BFBFBF"
	fontName   = "宋体"
)

// xstyle is a cell style by what matters here; styles are made once.
type xstyle struct {
	fill, color  string
	bold, wrap   bool
	center       bool
	numFmt       string
	size         float64
	link, border bool
}

type book struct {
	f      *excelize.File
	styles map[xstyle]int
	err    error
}

func (b *book) style(s xstyle) int {
	if id, ok := b.styles[s]; ok {
		return id
	}
	st := &excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: 10.5, Bold: s.bold, Color: s.color},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: s.wrap},
	}
	if s.size > 0 {
		st.Font.Size = s.size
	}
	if s.link {
		st.Font.Color, st.Font.Underline = "0563C1", "single"
	}
	if s.center {
		st.Alignment.Horizontal = "center"
	}
	if s.fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.fill}}
	}
	if s.border {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: borderGrey, Style: 1})
		}
	}
	if s.numFmt != "" {
		f := s.numFmt
		st.CustomNumFmt = &f
	}
	id, err := b.f.NewStyle(st)
	if err != nil && b.err == nil {
		b.err = err
	}
	b.styles[s] = id
	return id
}

func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

const (
	sheetSummary  = "汇总"
	sheetFindings = "问题清单"
	sheetCopies   = "疑似雷同"
)

// writeXLSX builds the workbook. Every text is written as a string cell
// (never a formula, whatever it starts with); numbers as numbers.
func writeXLSX(w io.Writer, items []reviewed, meta reviewMeta) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, styles: map[xstyle]int{}}
	b.check(f.SetDefaultFont(fontName))
	b.check(f.SetSheetName("Sheet1", sheetSummary))
	_, err := f.NewSheet(sheetFindings)
	b.check(err)
	rows := make([]review.Row, len(items))
	for i, it := range items {
		rows[i] = it.row
	}
	_, err = f.NewSheet(sheetCopies)
	b.check(err)
	names := review.SheetNames(rows, sheetSummary, sheetFindings, sheetCopies)
	for _, n := range names {
		_, err := f.NewSheet(n)
		b.check(err)
	}
	b.summarySheet(items, names, meta)
	b.findingsSheet(items)
	b.copiesSheet(items)
	for i, it := range items {
		b.cardSheet(names[i], it, meta)
	}
	b.check(f.SetDocProps(&excelize.DocProperties{Title: "政府信息公开工作年度报告审阅汇总", Creator: meta.Checker, Description: "检查日期 " + meta.Date}))
	if b.err != nil {
		return b.err
	}
	_, err = f.WriteTo(w)
	return err
}

// printable sets A4, fit to one page wide, and page numbers in the
// footer; repeat ("$1:$1") names rows printed at the top of every page,
// "" for none.
func (b *book) printable(sheet string, landscape bool, repeat string) {
	f := b.f
	size, orient, one, zero := 9, "portrait", 1, 0
	if landscape {
		orient = "landscape"
	}
	b.check(f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}))
	fit := true
	b.check(f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	m := 0.5
	b.check(f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}))
	b.check(f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}))
	if repeat != "" {
		b.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sheet) + "!" + repeat, Scope: sheet}))
	}
}

// headerText escapes text for a page header or footer, where & starts a
// code.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// Column widths, in Excel's units (the width of a "0"; a Chinese
// character takes about two).
var summaryWidths = []float64{26, 7, 8, 6, 6, 6, 9, 52, 9, 14, 9, 10, 9, 10, 32, 30}

func (b *book) summarySheet(items []reviewed, names []string, meta reviewMeta) {
	f, sh := b.f, sheetSummary
	for i, wd := range summaryWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		b.check(f.SetColWidth(sh, col, col, wd))
	}
	head := b.style(xstyle{fill: headFill, color: "FFFFFF", bold: true, wrap: true, center: true, border: true})
	for i, h := range summaryHeader {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		b.check(f.SetCellStr(sh, cell, h))
		b.check(f.SetCellStyle(sh, cell, cell, head))
	}
	b.check(f.SetRowHeight(sh, 1, rowHeight(3)))
	for r, it := range items {
		row := r + 2
		cells := summaryCells(it.row)
		tint := ""
		switch {
		case it.row.Unreadable != "":
			tint = greyFill
		case it.row.Error > 0:
			tint = redTint
		case it.row.Warning > 0:
			tint = amberTint
		}
		for c, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, row)
			s := xstyle{fill: tint, border: true}
			switch c {
			case 1, 3, 4, 5, 6:
				s.center = true
			case 7, 14:
				s.wrap = true
			}
			// The cells that say why a row is coloured carry the strong colour.
			switch {
			case c == 3 && it.row.Error > 0, c == 6 && it.row.Verdict() == "未通过":
				s.fill, s.color, s.bold = redFill, redFont, true
			case c == 4 && it.row.Warning > 0:
				s.fill, s.color = amberFill, amberFont
			case c == 6 && it.row.Verdict() == "通过":
				s.fill, s.color, s.bold = greenFill, greenFont, true
			case c == 6:
				s.bold = true
			case c == 0:
				s.link = true
			}
			switch v := v.(type) {
			case string:
				b.check(f.SetCellStr(sh, cell, v))
			case int:
				b.check(f.SetCellInt(sh, cell, int64(v)))
			case float64:
				b.check(f.SetCellFloat(sh, cell, v, -1, 64))
			case pct:
				s.numFmt = "0.0%"
				b.check(f.SetCellFloat(sh, cell, float64(v), -1, 64))
			}
			b.check(f.SetCellStyle(sh, cell, cell, b.style(s)))
		}
		b.check(f.SetCellHyperLink(sh, "A"+strconv.Itoa(row), quoteSheet(names[r])+"!A1", "Location",
			excelize.HyperlinkOpts{Tooltip: ptr("打开“" + names[r] + "”整改清单")}))
		lines := 0
		for _, t := range it.row.Top {
			lines += textLines(t, summaryWidths[7])
		}
		lines = max(lines, textLines(agencyOr(it.row), summaryWidths[0]), textLines(it.row.Source, summaryWidths[14]), textLines(it.row.Unreadable, summaryWidths[7]))
		b.check(f.SetRowHeight(sh, row, rowHeight(lines)))
	}
	last, _ := excelize.CoordinatesToCellName(len(summaryHeader), len(items)+1)
	b.check(f.AutoFilter(sh, "A1:"+last, nil))
	b.check(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}))
	b.printable(sh, true, "$1:$1")
	b.check(f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		OddHeader: "&L政府信息公开工作年度报告审阅汇总&R检查日期 " + headerText(meta.Date),
		OddFooter: "&L" + headerText(meta.Checker) + "&R第 &P 页，共 &N 页"}))
}

func ptr[T any](v T) *T { return &v }

var findingsWidths = []float64{24, 20, 6, 22, 6, 30, 48, 12, 12, 36, 28}

// findingsSheet streams every finding: the biggest sheet, never held as
// cells in memory.
func (b *book) findingsSheet(items []reviewed) {
	f, sh := b.f, sheetFindings
	n := 0
	for _, it := range items {
		n += len(it.rep.Findings)
	}
	// Page setup, filter and panes go on the sheet before streaming: the
	// stream writer copies them when it closes.
	// (AutoFilter first: it replaces the sheet's properties, fit-to-page
	// included.)
	last, _ := excelize.CoordinatesToCellName(len(findingsHeader), n+1)
	b.check(f.AutoFilter(sh, "A1:"+last, nil))
	b.printable(sh, true, "$1:$1")
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		b.check(err)
		return
	}
	b.check(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}))
	for i, wd := range findingsWidths {
		b.check(sw.SetColWidth(i+1, i+1, wd))
	}
	head := b.style(xstyle{fill: headFill, color: "FFFFFF", bold: true, wrap: true, center: true, border: true})
	cells := make([]any, len(findingsHeader))
	for i, h := range findingsHeader {
		cells[i] = excelize.Cell{StyleID: head, Value: h}
	}
	b.check(sw.SetRow("A1", cells, excelize.RowOpts{Height: 22}))
	titles := review.Titles()
	text := b.style(xstyle{wrap: true, border: true})
	row := 2
	for _, it := range items {
		r := it.rep
		for _, c := range review.Order(r) {
			for _, i := range c.Members() {
				fd := r.Findings[i]
				sev := xstyle{bold: true, center: true, border: true}
				switch fd.Severity {
				case "error":
					sev.fill, sev.color = redFill, redFont
				case "warning":
					sev.fill, sev.color = amberFill, amberFont
				}
				vals := []string{r.Source, agencyOr(it.row), fd.Rule, titles[fd.Rule], review.SeverityName(fd.Severity),
					review.Place(r, fd), fd.Message, fd.Expected, fd.Actual, fd.Fix, fd.Basis}
				lines := 1
				for k, v := range vals {
					cells[k] = excelize.Cell{StyleID: text, Value: v}
					lines = max(lines, textLines(v, findingsWidths[k]))
				}
				cells[4] = excelize.Cell{StyleID: b.style(sev), Value: vals[4]}
				b.check(sw.SetRow("A"+strconv.Itoa(row), cells, excelize.RowOpts{Height: rowHeight(min(lines, 12))}))
				row++
			}
		}
	}
	b.check(sw.Flush())
}

// copiesHeader: the columns of 疑似雷同, one row per pair of reports of
// different units that share most of their narrative.
var copiesHeader = []string{"单位甲", "年度", "文件甲", "单位乙", "年度", "文件乙", "相同句子比例", "相同句数", "相同段落（原文行号：甲 / 乙）"}
var copiesWidths = []float64{24, 7, 28, 24, 7, 28, 10, 8, 80}

// copiesSheet lists each pair once, most similar first. Streamed, as
// 问题清单: a template copied by many units makes many pairs, and cell by
// cell writes cost excelize time per sheet in the workbook.
func (b *book) copiesSheet(items []reviewed) {
	f, sh := b.f, sheetCopies
	type pair struct {
		a review.Row
		c review.Copy
	}
	var pairs []pair
	for _, it := range items {
		for _, c := range it.row.Copies {
			if it.row.Source < c.OtherSource {
				pairs = append(pairs, pair{it.row, c})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].c.Similarity > pairs[j].c.Similarity })
	last, _ := excelize.CoordinatesToCellName(len(copiesHeader), len(pairs)+1)
	b.check(f.AutoFilter(sh, "A1:"+last, nil))
	b.printable(sh, true, "$1:$1")
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		b.check(err)
		return
	}
	b.check(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}))
	for i, wd := range copiesWidths {
		b.check(sw.SetColWidth(i+1, i+1, wd))
	}
	head := b.style(xstyle{fill: headFill, color: "FFFFFF", bold: true, wrap: true, center: true, border: true})
	cells := make([]any, len(copiesHeader))
	for i, h := range copiesHeader {
		cells[i] = excelize.Cell{StyleID: head, Value: h}
	}
	b.check(sw.SetRow("A1", cells, excelize.RowOpts{Height: 22}))
	if len(pairs) == 0 {
		b.check(sw.SetRow("A2", []any{"未发现不同单位之间正文雷同的报告。"}))
	}
	text := b.style(xstyle{wrap: true, border: true})
	share := b.style(xstyle{border: true, numFmt: "0%", bold: true, color: amberFont})
	for k, p := range pairs {
		var passages []string
		for _, ps := range p.c.Passages {
			passages = append(passages, "· 第 "+lineSpan(ps.Lines)+" 行 / 第 "+lineSpan(ps.OtherLines)+" 行："+ps.Text)
		}
		var year, otherYear any
		if p.a.Year > 0 {
			year = p.a.Year
		}
		if p.c.OtherYear > 0 {
			otherYear = p.c.OtherYear
		}
		other := p.c.OtherAgency
		if other == "" {
			other = "（未识别单位）"
		}
		vals := []any{agencyOr(p.a), year, p.a.Source, other, otherYear, p.c.OtherSource, p.c.Similarity, p.c.Same, strings.Join(passages, "\n")}
		lines := 1
		for i, v := range vals {
			st := text
			if i == 6 {
				st = share
			}
			cells[i] = excelize.Cell{StyleID: st, Value: v}
			if t, ok := v.(string); ok {
				lines = max(lines, textLines(t, copiesWidths[i]))
			}
		}
		b.check(sw.SetRow("A"+strconv.Itoa(k+2), cells, excelize.RowOpts{Height: rowHeight(min(lines, 15))}))
	}
	b.check(sw.Flush())
}

func lineSpan(r [2]int) string {
	if r[1] <= r[0] {
		return strconv.Itoa(r[0])
	}
	return strconv.Itoa(r[0]) + "–" + strconv.Itoa(r[1])
}

// cardSheet is one unit's 整改清单: a heading, then one numbered item per
// card (a cause with what it explains, or one problem on several rows),
// errors first, in plain words; printable on A4.
func (b *book) cardSheet(sh string, it reviewed, meta reviewMeta) {
	f := b.f
	// Every printed page is headed by the unit and year: a page header,
	// not repeated rows (a sheet-scoped print-titles name per 整改清单
	// costs excelize time quadratic in the number of sheets).
	b.printable(sh, false, "")
	year := "（年度未识别）"
	if it.row.Year > 0 {
		year = strconv.Itoa(it.row.Year) + " 年度"
	}
	b.check(f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + headerText(agencyOr(it.row)+"　"+year) + "&R政府信息公开工作年度报告整改清单",
		OddFooter: "&L检查日期 " + headerText(meta.Date) + "&C第 &P 页，共 &N 页&R" + headerText(meta.Checker)}))
	b.check(f.SetSheetView(sh, 0, &excelize.ViewOptions{ShowGridLines: ptr(false)}))
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		b.check(err)
		return
	}
	widths := []float64{5, 11, 84}
	for i, wd := range widths {
		b.check(sw.SetColWidth(i+1, i+1, wd))
	}
	row := 0
	used := 0.0 // points used on the printed page
	put := func(height float64, cells ...any) {
		row++
		used += height
		b.check(sw.SetRow("A"+strconv.Itoa(row), cells, excelize.RowOpts{Height: height}))
	}
	blank := func() { row++; used += blankHeight }
	merge := func(from, to string) { b.check(sw.MergeCell(from+strconv.Itoa(row), to+strconv.Itoa(row))) }
	title := b.style(xstyle{bold: true, size: 16, center: true})
	label := b.style(xstyle{bold: true, color: "595959"})
	plainS := b.style(xstyle{wrap: true})
	r, rw := it.rep, it.row
	put(30, excelize.Cell{StyleID: title, Value: "政府信息公开工作年度报告整改清单"})
	merge("A", "C")
	if rw.Year == 0 {
		year = "（未识别）"
	}
	head := [][2]string{
		{"单位", agencyOr(rw)},
		{"年度", year},
		{"检查日期", meta.Date},
		{"检查器版本", meta.Checker},
		{"报告文件", rw.Source},
	}
	for _, h := range head {
		put(rowHeight(textLines(h[1], widths[2])), excelize.Cell{StyleID: label, Value: h[0]}, nil, excelize.Cell{StyleID: plainS, Value: h[1]})
		merge("A", "B")
	}
	verdict := ""
	switch rw.Verdict() {
	case "无法读取":
		verdict = "文件无法读取，未能检查。"
	case "通过":
		verdict = fmt.Sprintf("通过（无错误）：警告 %d 处，提示 %d 处。", rw.Warning, rw.Info)
	default:
		verdict = fmt.Sprintf("未通过：错误 %d 处，警告 %d 处，提示 %d 处。", rw.Error, rw.Warning, rw.Info)
	}
	if rw.Omitted > 0 {
		verdict += fmt.Sprintf("另有 %d 处同类问题未逐一列出。", rw.Omitted)
	}
	verdictStyle := xstyle{bold: true, wrap: true}
	switch rw.Verdict() {
	case "未通过":
		verdictStyle.color = redFont
	case "通过":
		verdictStyle.color = greenFont
	}
	put(rowHeight(textLines(verdict, widths[2])), excelize.Cell{StyleID: label, Value: "检查结论"}, nil, excelize.Cell{StyleID: b.style(verdictStyle), Value: verdict})
	merge("A", "B")
	note := "请按下列各项逐一整改：“错误”必须改正，“警告”请核实后改正或说明，“提示”供参考。位置中的“原文第 N 行”指检查器读出的文字（nianbao text 可显示）。"
	put(rowHeight(textLines(note, widths[2])), nil, nil, excelize.Cell{StyleID: b.style(xstyle{wrap: true, color: "595959"}), Value: note})
	blank() // a blank line before the items

	list := review.Items(r, rw)
	if len(list) == 0 {
		put(24, nil, nil, excelize.Cell{StyleID: b.style(xstyle{bold: true, color: greenFont}), Value: "未发现问题，无需整改。"})
	}
	for n, it := range list {
		lines := it.Lines
		for _, l := range it.Lists {
			text := ""
			for k, t := range l.Lines {
				if k > 0 {
					text += "\n"
				}
				text += "· " + t
			}
			lines = append(lines, [2]string{l.Label, text})
		}
		// An item is not split over two pages when it fits on one: a
		// page break goes before it.
		height := rowHeight(textLines(it.Problem, widths[2]))
		for _, l := range lines {
			height += rowHeight(max(textLines(l[1], widths[2]), textLines(l[0], widths[1])))
		}
		if used+height > pageHeight && used > 0 {
			b.check(sw.InsertPageBreak("A" + strconv.Itoa(row+1)))
			used = 0
		}
		strong, tint, color := redFill, redTint, redFont
		switch it.Severity {
		case "warning":
			strong, tint, color = amberFill, amberTint, amberFont
		case "info":
			strong, tint, color = "DDEBF7", "F3F8FC", "1F4E78"
		}
		put(rowHeight(textLines(it.Problem, widths[2])),
			excelize.Cell{StyleID: b.style(xstyle{fill: strong, color: color, bold: true, center: true, border: true}), Value: n + 1},
			excelize.Cell{StyleID: b.style(xstyle{fill: strong, color: color, bold: true, center: true, border: true}), Value: review.SeverityName(it.Severity)},
			excelize.Cell{StyleID: b.style(xstyle{fill: tint, bold: true, wrap: true, border: true}), Value: it.Problem})
		lab := b.style(xstyle{color: "595959", wrap: true, border: true})
		txt := b.style(xstyle{wrap: true, border: true})
		for _, l := range lines {
			put(rowHeight(max(textLines(l[1], widths[2]), textLines(l[0], widths[1]))), excelize.Cell{StyleID: txt, Value: ""}, excelize.Cell{StyleID: lab, Value: l[0]}, excelize.Cell{StyleID: txt, Value: l[1]})
		}
		blank() // a blank line between items
	}
	b.check(sw.Flush())
}

// textLines estimates how many lines text takes in a wrapped column of
// the given width: a Chinese character is about two units wide (1.9 for
// 10.5-point 宋体 in Excel's units), other characters one. Row heights are set from it because Excel does not
// grow rows for wrapped text on opening a file, and merged or streamed
// rows never.
func textLines(s string, width float64) int {
	if s == "" {
		return 1
	}
	usable := width - 1.5
	n := 0
	for _, line := range strings.Split(s, "\n") {
		w := 0.0
		for _, r := range line {
			switch {
			case r >= 0x2E80 || r == '“' || r == '”' || r == '…' || r == '·':
				w += 1.9
			default:
				w += 1.1
			}
		}
		n += max(1, int((w+usable-1)/usable))
	}
	return n
}

// pageHeight is what an A4 page holds between its margins, in points
// (842 less 0.5 inch top and bottom, less a little: fit to width scales
// the 100 units of a 整改清单 to about 100%).
const pageHeight = 740

// blankHeight: a row left empty, at Excel's default height.
const blankHeight = 14.25

// rowHeight in points for n lines of 10.5-point text.
func rowHeight(n int) float64 { return float64(n)*14.5 + 4 }

// ---- page ----

// writeHTML writes one static page: the same summary, findings and 整改清单
// as the workbook; no script, no external resource; print CSS puts each
// 整改清单 on its own A4 pages. html/template escapes every text.
func writeHTML(w io.Writer, items []reviewed, meta reviewMeta) error {
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
		Source, Agency, Rule, Title, Sev, SevName, Place, Message, Expected, Actual, Fix, Basis string
	}
	type sumRow struct {
		ID    string
		Class string
		Cells []string
		Top   []string
	}
	data := struct {
		Meta     reviewMeta
		Header   []string
		Rows     []sumRow
		Findings []finding
		Units    []unit
		Count    int
		Failed   int
		Unread   int
	}{Meta: meta, Header: summaryHeader, Count: len(items)}
	titles := review.Titles()
	for i, it := range items {
		id := "u" + strconv.Itoa(i+1)
		rw, r := it.row, it.rep
		cls := ""
		switch rw.Verdict() {
		case "未通过":
			cls = "error"
			data.Failed++
		case "无法读取":
			cls = "unread"
			data.Unread++
		default:
			if rw.Warning > 0 {
				cls = "warning"
			}
		}
		cells := summaryCells(rw)
		sr := sumRow{ID: id, Class: cls, Top: rw.Top}
		if rw.Unreadable != "" {
			sr.Top = []string{rw.Unreadable}
		}
		for _, c := range cells {
			sr.Cells = append(sr.Cells, plain(c))
		}
		data.Rows = append(data.Rows, sr)
		u := unit{ID: id, Name: agencyOr(rw), Year: "（未识别）", Source: rw.Source, Verdict: rw.Verdict(), VerdictClass: cls,
			Counts: fmt.Sprintf("错误 %d，警告 %d，提示 %d", rw.Error, rw.Warning, rw.Info)}
		if rw.Year > 0 {
			u.Year = strconv.Itoa(rw.Year) + " 年度"
		}
		if rw.Unreadable != "" {
			u.Counts = rw.Unreadable
		}
		for _, it := range review.Items(r, rw) {
			cd := card{N: len(u.Cards) + 1, Sev: it.Severity, SevName: review.SeverityName(it.Severity), Problem: it.Problem}
			for _, l := range it.Lines {
				cd.Lines = append(cd.Lines, line{l[0], l[1]})
			}
			cd.Lists = it.Lists
			u.Cards = append(u.Cards, cd)
		}
		for _, c := range review.Order(r) {
			for _, i := range c.Members() {
				e := r.Findings[i]
				data.Findings = append(data.Findings, finding{Source: r.Source, Agency: agencyOr(rw), Rule: e.Rule, Title: titles[e.Rule],
					Sev: e.Severity, SevName: review.SeverityName(e.Severity), Place: review.Place(r, e), Message: e.Message,
					Expected: e.Expected, Actual: e.Actual, Fix: e.Fix, Basis: e.Basis})
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
<p class="meta">检查日期：{{.Meta.Date}}　检查器：{{.Meta.Checker}}　共 {{.Count}} 份报告，{{.Failed}} 份未通过，{{.Unread}} 份无法读取</p>
<nav><a href="#summary">汇总</a><a href="#findings">问题清单</a><a href="#sheets">整改清单</a></nav>
<h2 id="summary">汇总（按错误数排序）</h2>
<table class="summary">
<colgroup><col style="width:10%"><col style="width:4%"><col style="width:4.5%"><col style="width:3.5%"><col style="width:3.5%"><col style="width:3.5%"><col style="width:5.5%"><col style="width:24%"><col style="width:5%"><col style="width:7%"><col style="width:5%"><col style="width:5.5%"><col style="width:5%"><col style="width:5.5%"><col style="width:8.5%"></colgroup>
<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr class="{{.Class}}">{{$r := .}}{{range $i, $c := .Cells}}{{if eq $i 0}}<td><a href="#{{$r.ID}}">{{$c}}</a></td>{{else if eq $i 7}}<td>{{if $r.Top}}<ul>{{range $r.Top}}<li>{{.}}</li>{{end}}</ul>{{end}}</td>{{else if eq $i 3}}<td class="n{{if ne $c "0"}}{{if ne $c ""}} e-error{{end}}{{end}}">{{$c}}</td>{{else if eq $i 4}}<td class="n{{if ne $c "0"}}{{if ne $c ""}} e-warning{{end}}{{end}}">{{$c}}</td>{{else if eq $i 6}}<td class="c{{if eq $c "未通过"}} e-error{{else if eq $c "通过"}} v-pass{{end}}">{{$c}}</td>{{else if eq $i 14}}<td class="file">{{$c}}</td>{{else if or (eq $i 1) (eq $i 2)}}<td class="c">{{$c}}</td>{{else if ge $i 3}}<td class="n">{{$c}}</td>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>
<h2 id="findings">问题清单</h2>
<table class="findings">
<colgroup><col style="width:11%"><col style="width:8%"><col style="width:3.5%"><col style="width:9%"><col style="width:3.5%"><col style="width:12%"><col style="width:19%"><col style="width:6%"><col style="width:6%"><col style="width:12%"><col style="width:10%"></colgroup>
<thead><tr><th>文件</th><th>单位</th><th>规则</th><th>名称</th><th>级别</th><th>位置</th><th>问题</th><th>期望</th><th>实际</th><th>修改</th><th>依据</th></tr></thead>
<tbody>
{{range .Findings}}<tr><td class="file">{{.Source}}</td><td>{{.Agency}}</td><td class="c">{{.Rule}}</td><td>{{.Title}}</td><td class="c e-{{.Sev}}">{{.SevName}}</td><td>{{.Place}}</td><td>{{.Message}}</td><td>{{.Expected}}</td><td>{{.Actual}}</td><td>{{.Fix}}</td><td>{{.Basis}}</td></tr>
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
