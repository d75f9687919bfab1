package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/review"
)

// reviewDir is a reviewer's folder: seeds and real reports, two reports
// whose unit and file names look like spreadsheet formulas, a file that
// cannot be read, and one that is not a report at all.
func reviewDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFile := func(from, to string) {
		raw, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	seeds, _ := filepath.Glob("../../testdata/seeds/00[0-4]_*.txt")
	if len(seeds) != 5 {
		t.Fatalf("seeds: %v", seeds)
	}
	for _, s := range seeds {
		copyFile(s, filepath.Base(s))
	}
	for _, r := range []string{"huaian-city-2024-layout.txt", "hongze-2023-layout.txt", "kewei-2024-markdown.txt"} {
		copyFile("../../testdata/real/"+r, r)
	}
	copyFile("../../testdata/files/004_6bca9a975aea9322.docx", "004_6bca9a975aea9322.docx")
	// The unit's name is the report's first line here: text from a report
	// that Excel would take for a formula if it were written as one.
	seed0, _ := os.ReadFile(seeds[0])
	_, rest, _ := strings.Cut(string(seed0), "\n")
	_, rest, _ = strings.Cut(rest, "\n")
	for name, unit := range map[string]string{`=HYPERLINK("x","y").txt`: "=SUM(1,2)区人民政府", "+1.txt": "+1区人民政府"} {
		text := unit + "2024年政府信息公开工作年度报告\n" + rest
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "broken.pdf"), []byte("%PDF-1.4\n不是 PDF"), 0o644)
	os.WriteFile(filepath.Join(dir, "说明.xls"), []byte("x"), 0o644)
	return dir
}

func runReviewTo(t *testing.T, dir, out string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	// As check: 2 when a file could not be read, else 1 when a report
	// fails, 0 when all pass.
	code := run([]string{"review", dir, "--out", out}, nil, &stdout, &stderr, noEnv)
	want := 0
	switch {
	case !strings.Contains(stdout.String(), "，0 份无法读取"):
		want = 2
	case !strings.Contains(stdout.String(), "，0 份未通过"):
		want = 1
	}
	if code != want {
		t.Fatalf("exit %d, want %d: %s %s", code, want, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "已生成") {
		t.Errorf("stdout: %q", stdout.String())
	}
	return stderr.String()
}

func noEnv(string) string { return "" }

var wantSummaryHeader = []string{"单位", "年度", "格式", "错误", "警告", "提示", "读取提示", "是否通过", "主要问题",
	"本年新收", "公开率（予以公开+部分公开占办结）", "行政复议", "复议纠错率", "行政诉讼", "诉讼纠错率", "文件", "疑似雷同", "数字说明"}

// col returns the 1-based column of a header.
func col(name string) int {
	for i, h := range wantSummaryHeader {
		if h == name {
			return i + 1
		}
	}
	panic(name)
}

func cellName(c, r int) string {
	s, _ := excelize.CoordinatesToCellName(c, r)
	return s
}

func TestReviewWorkbook(t *testing.T) {
	dir := reviewDir(t)
	out := filepath.Join(t.TempDir(), "汇总.xlsx")
	stderr := runReviewTo(t, dir, out)
	// Not a terminal: no progress bar; the skipped file is counted.
	if strings.Contains(stderr, "\r") || !strings.Contains(stderr, "已跳过 1 个其他文件") {
		t.Errorf("stderr: %q", stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != "汇总" || sheets[1] != "问题清单" {
		t.Fatalf("sheets: %v", sheets)
	}
	rows, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], "|") != strings.Join(wantSummaryHeader, "|") {
		t.Errorf("header:\n got %q\nwant %q", rows[0], wantSummaryHeader)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	reports := len(files) - 1 // 说明.xls is not checked, but listed
	if len(rows)-1 != len(files) {
		t.Fatalf("%d summary rows, want one per file: %d", len(rows)-1, len(files))
	}
	listed := false
	for _, r := range rows[1:] {
		if len(r) > review.ColSource && strings.HasSuffix(r[review.ColSource], "说明.xls") {
			listed = r[review.ColVerdict] == "未检查" && strings.Contains(r[review.ColProblems], "表格文件")
		}
	}
	if !listed {
		t.Errorf("说明.xls is not listed as 未检查 with what it is")
	}
	if len(sheets) != 3+reports || sheets[2] != "疑似雷同" {
		t.Errorf("%d sheets %q, want 汇总, 问题清单, 疑似雷同 and one 整改清单 per report (%d)", len(sheets), sheets[:3], reports)
	}

	// 雷同: the two reports made from seed 000 under other units' names
	// copy it and each other: three pairs, each once, with passages; the
	// formula-looking unit names stay strings.
	copies, err := f.GetRows("疑似雷同")
	if err != nil {
		t.Fatal(err)
	}
	if len(copies) != 4 {
		t.Fatalf("疑似雷同 has %d rows, want a header and 3 pairs: %q", len(copies), copies)
	}
	units := map[string]bool{}
	for _, r := range copies[1:] {
		units[r[0]+" ↔ "+r[3]] = true
		if len(r) < 9 || !strings.Contains(r[8], "第 ") || r[6] == "" {
			t.Errorf("pair row %q lacks share or passages", r)
		}
		for _, c := range []int{0, 3} {
			cell := cellName(c+1, 2)
			if formula, _ := f.GetCellFormula("疑似雷同", cell); formula != "" {
				t.Errorf("%s is a formula %q", cell, formula)
			}
		}
	}
	for _, want := range []string{"=SUM(1,2)区人民政府", "+1区人民政府", "武昌区机关事务服务中心"} {
		n := 0
		for k := range units {
			if strings.Contains(k, want) {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%s is in %d pairs, want 2: %v", want, n, units)
		}
	}

	// Counts are core's, row by row; every file is there once.
	get := func(c, r int) string {
		v, err := f.GetCellValue("汇总", cellName(c, r))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	rowOf := map[string]int{}
	totalFindings := 0
	for r := 2; r <= len(rows); r++ {
		file := get(col("文件"), r)
		rowOf[filepath.Base(file)] = r
		if get(col("是否通过"), r) == "未检查" {
			continue // a file of another kind, named (说明.xls)
		}
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rep, ierr := core.Check(file, raw, core.Options{Env: newEnv(nil)})
		if ierr != nil {
			if get(col("是否通过"), r) != "无法读取" || get(col("主要问题"), r) != ierr.Message || get(col("错误"), r) != "" {
				t.Errorf("%s: unreadable row: %q", file, rows[r-1])
			}
			continue
		}
		totalFindings += len(rep.Findings)
		// The problems as listed (a cause with what it explains is one);
		// reading doubts apart.
		own, reading := core.Counts(rep)
		for _, c := range []struct {
			col  string
			want int
		}{{"错误", own.Error}, {"警告", own.Warning}, {"提示", own.Info}, {"读取提示", reading}} {
			if got := get(col(c.col), r); got != strconv.Itoa(c.want) {
				t.Errorf("%s: %s %s, core says %d", file, c.col, got, c.want)
			}
			if ty, _ := f.GetCellType("汇总", cellName(col(c.col), r)); ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
				t.Errorf("%s: %s is not a number (type %v)", file, c.col, ty)
			}
		}
		verdict := "通过"
		if rep.Summary.Error > 0 {
			verdict = "未通过"
		}
		if got := get(col("是否通过"), r); got != verdict {
			t.Errorf("%s: 是否通过 %q, want %q", file, got, verdict)
		}
	}
	if len(rowOf) != reports+1 {
		t.Errorf("files in the summary: %v", rowOf)
	}

	// Sorted: the unreadable file first, then the most errors, then warnings.
	if get(col("是否通过"), 2) != "无法读取" {
		t.Errorf("first row is %q, want the unreadable file", rows[1])
	}
	prevE, prevW := math.MaxInt, math.MaxInt
	for r := 3; r <= len(rows); r++ {
		if get(col("是否通过"), r) == "未检查" {
			continue
		}
		e, _ := strconv.Atoi(get(col("错误"), r))
		w, _ := strconv.Atoi(get(col("警告"), r))
		if e > prevE || e == prevE && w > prevW {
			t.Errorf("row %d (%d errors, %d warnings) after (%d, %d): not sorted by severity", r, e, w, prevE, prevW)
		}
		prevE, prevW = e, w
	}

	// Key figures of huaian-city-2024-layout, read by hand from the PDF
	// text (testdata/real/README): 本年新收 3119; （一）1362 + （二）454 of
	// （七）3050; 复议 72 64 178 37 → 351; 直接起诉 13 4 8 1 26 and 复议后起诉
	// 12 1 1 6 20 → 诉讼 46, of which 4 + 1 corrected.
	r := rowOf["huaian-city-2024-layout.txt"]
	figures := []struct {
		col       string
		raw       float64
		formatted string
	}{
		{"本年新收", 3119, "3119"},
		{"公开率（予以公开+部分公开占办结）", (1362.0 + 454) / 3050, "59.5%"},
		{"行政复议", 351, "351"},
		{"复议纠错率", 64.0 / 351, "18.2%"},
		{"行政诉讼", 46, "46"},
		{"诉讼纠错率", 5.0 / 46, "10.9%"},
	}
	for _, fg := range figures {
		cell := cellName(col(fg.col), r)
		raw, _ := f.GetCellValue("汇总", cell, excelize.Options{RawCellValue: true})
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.Abs(v-fg.raw) > 1e-9 {
			t.Errorf("huaian %s: raw %q, want %v", fg.col, raw, fg.raw)
		}
		if got := get(col(fg.col), r); got != fg.formatted {
			t.Errorf("huaian %s: shown as %q, want %q", fg.col, got, fg.formatted)
		}
		if ty, _ := f.GetCellType("汇总", cell); ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
			t.Errorf("huaian %s: cell type %v, want a number", fg.col, ty)
		}
	}
	// hongze-2023 prints 表四 行政复议 总计 0 where its results sum to 11
	// (A06): the figures take 11, 纠错率 1/11, and 数字说明 says so.
	if r := rowOf["hongze-2023-layout.txt"]; get(col("行政复议"), r) != "11" || get(col("复议纠错率"), r) != "9.1%" ||
		!strings.Contains(get(col("数字说明"), r), "表四“行政复议”行“总计”列：报告填 0，按勾稽关系应为 11") {
		t.Errorf("hongze-2023: 行政复议 %q 复议纠错率 %q 数字说明 %q", get(col("行政复议"), r), get(col("复议纠错率"), r), get(col("数字说明"), r))
	}

	// Frozen header row and an autofilter over the table.
	panes, err := f.GetPanes("汇总")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes: %+v %v", panes, err)
	}
	wantRef := "A1:" + cellName(len(wantSummaryHeader), len(rows))
	if !strings.Contains(sheetXML(t, out, "汇总"), `<autoFilter ref="`+wantRef+`"`) {
		t.Errorf("no autofilter %s on 汇总", wantRef)
	}
	if !strings.Contains(sheetXML(t, out, "问题清单"), `<autoFilter ref="A1:L`+strconv.Itoa(totalFindings+1)+`"`) {
		t.Errorf("no autofilter on 问题清单")
	}
	if p, _ := f.GetPanes("问题清单"); !p.Freeze || p.YSplit != 1 {
		t.Errorf("问题清单 panes: %+v", p)
	}
	// Percentages carry the 0.0% format; A4 landscape, one page wide.
	st, _ := f.GetCellStyle("汇总", cellName(col("复议纠错率"), rowOf["huaian-city-2024-layout.txt"]))
	if s, _ := f.GetStyle(st); s == nil || s.CustomNumFmt == nil || *s.CustomNumFmt != "0.0%" {
		t.Errorf("复议纠错率 style: %+v", s)
	}
	if pl, _ := f.GetPageLayout("汇总"); pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || *pl.Orientation != "landscape" {
		t.Errorf("汇总 page layout: %+v", pl)
	}
	// Error counts are light red, warnings amber.
	e := rowOf["004_6bca9a975aea9322.txt"]
	if fill := cellFill(t, f, out, "汇总", cellName(col("错误"), e)); fill != "FFC7CE" {
		t.Errorf("error count fill %q", fill)
	}
	if fill := cellFill(t, f, out, "汇总", cellName(col("警告"), e)); fill != "FFEB9C" {
		t.Errorf("warning count fill %q", fill)
	}

	// Report text that looks like a formula stays a string.
	for file, unit := range map[string]string{`=HYPERLINK("x","y").txt`: "=SUM(1,2)区人民政府", "+1.txt": "+1区人民政府"} {
		r := rowOf[file]
		if r == 0 {
			t.Fatalf("%s not in the summary", file)
		}
		for c, want := range map[int]string{col("单位"): unit, col("文件"): filepath.Join(dir, file)} {
			cell := cellName(c, r)
			got, _ := f.GetCellValue("汇总", cell)
			ty, _ := f.GetCellType("汇总", cell)
			formula, _ := f.GetCellFormula("汇总", cell)
			if got != want || formula != "" || (ty != excelize.CellTypeSharedString && ty != excelize.CellTypeInlineString) {
				t.Errorf("%s: %q (type %v, formula %q), want the string %q", cell, got, ty, formula, want)
			}
		}
	}

	// 问题清单: every finding, named and with its severity in Chinese.
	frows, _ := f.GetRows("问题清单")
	if strings.Join(frows[0], "|") != "文件|单位|规则|名称|级别|类别|位置|问题|期望|实际|修改|依据" {
		t.Errorf("问题清单 header %q", frows[0])
	}
	if len(frows)-1 != totalFindings {
		t.Errorf("问题清单 has %d rows, the reports %d findings", len(frows)-1, totalFindings)
	}
	for _, fr := range frows[1:] {
		if len(fr) < 8 || fr[3] == "" || !strings.Contains("错误 警告 提示", fr[4]) || fr[5] == "" || fr[6] == "" || fr[7] == "" {
			t.Errorf("问题清单 row %q", fr)
			break
		}
	}
	formulaRows := 0
	for i, fr := range frows {
		if strings.HasPrefix(fr[0], filepath.Join(dir, "=")) {
			formulaRows++
			if ty, _ := f.GetCellType("问题清单", cellName(1, i+1)); ty != excelize.CellTypeInlineString {
				t.Errorf("问题清单 %s: type %v, want an inline string", cellName(1, i+1), ty)
			}
		}
	}
	if formulaRows == 0 {
		t.Errorf("no findings of the formula-named report in 问题清单")
	}

	// Seed 004's 整改清单: one item for the wrong cell, with the A02 and
	// A03 it breaks listed under it, not as items of their own.
	_, link, _ := f.GetCellHyperLink("汇总", cellName(1, rowOf["004_6bca9a975aea9322.txt"]))
	name := strings.TrimSuffix(strings.Trim(strings.TrimSuffix(link, "!A1"), "'"), "'")
	if name == "" || !strings.HasPrefix(name, "区机关事务管理服务中心2024") {
		t.Fatalf("link to the 整改清单: %q", link)
	}
	crows, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	head := map[string]string{}
	for _, cr := range crows[:8] {
		if len(cr) >= 3 {
			head[cr[0]] = cr[2]
		}
	}
	if head["单位"] != "区机关事务管理服务中心" || head["年度"] != "2024 年度" || head["检查日期"] == "" || !strings.Contains(head["检查器版本"], core.Version) {
		t.Errorf("整改清单 heading %q", head)
	}
	items, causes := 0, 0
	for i, cr := range crows {
		if len(cr) < 3 {
			continue
		}
		if _, err := strconv.Atoi(cr[0]); err == nil {
			items++
			if strings.HasPrefix(cr[2], "表三“（四）1.本机关不掌握相关政府信息”行：总计应为") || strings.HasPrefix(cr[2], "表三“（七）总计”行") {
				t.Errorf("A02/A03 is an item of its own: %q", cr[2])
			}
		}
		if cr[1] == "由此导致" {
			causes++
			if !strings.Contains(cr[2], "A02") || !strings.Contains(cr[2], "A03") {
				t.Errorf("由此导致 %q", cr[2])
			}
			// The item it belongs to is the wrong cell (A04).
			for j := i - 1; j >= 0; j-- {
				if _, err := strconv.Atoi(crows[j][0]); err == nil && len(crows[j]) == 3 {
					if !strings.Contains(crows[j][2], "只需改一格") || crows[j][1] != "错误" {
						t.Errorf("由此导致 under %q", crows[j])
					}
					break
				}
			}
		}
	}
	if causes != 1 {
		t.Errorf("%d 由此导致 rows in %s, want 1", causes, name)
	}
	// One item per card: 004 has 8 findings in 6 cards.
	raw, _ := os.ReadFile(filepath.Join(dir, "004_6bca9a975aea9322.txt"))
	rep, _ := core.Check("004", raw, core.Options{})
	if want := len(core.Cards(rep)); items != want {
		t.Errorf("%d items in %s, want one per card: %d", items, name, want)
	}
	// Printable: A4, one page wide, every page headed by the unit and year.
	if pl, _ := f.GetPageLayout(name); pl.Size == nil || *pl.Size != 9 || *pl.FitToWidth != 1 {
		t.Errorf("%s page layout %+v", name, pl)
	}
	if hf, _ := f.GetHeaderFooter(name); !strings.Contains(hf.OddHeader, "区机关事务管理服务中心　2024 年度") || !strings.Contains(hf.OddFooter, "&P") {
		t.Errorf("%s header and footer %+v", name, hf)
	}
	// 汇总 and 问题清单 repeat their column headings on every page.
	titles := 0
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && (d.Scope == "汇总" || d.Scope == "问题清单") && strings.HasSuffix(d.RefersTo, "!$1:$1") {
			titles++
		}
	}
	if titles != 2 {
		t.Errorf("print titles: %+v", f.GetDefinedName())
	}

	// Sheet names: unique, at most 31 characters, none of []:*?/\.
	seen := map[string]bool{}
	for _, s := range sheets {
		if seen[strings.ToLower(s)] || len([]rune(s)) > 31 || strings.ContainsAny(s, `[]:*?/\`) {
			t.Errorf("bad sheet name %q", s)
		}
		seen[strings.ToLower(s)] = true
	}
}

// sheetXML is a worksheet's XML as written, without the $ of absolute
// references.
func sheetXML(t *testing.T, path, sheet string) string {
	t.Helper()
	f, _ := excelize.OpenFile(path)
	idx, _ := f.GetSheetIndex(sheet)
	f.Close()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet"+strconv.Itoa(idx+1)+".xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return strings.ReplaceAll(string(b), "$", "") // $A$1 → A1
		}
	}
	t.Fatalf("no sheet %s", sheet)
	return ""
}

// cellFill is a cell's solid fill colour, read from the styles part:
// excelize's GetStyle resolves colours only through a theme, which the
// workbook does not carry (Excel and WPS need none for RGB colours).
func cellFill(t *testing.T, f *excelize.File, path, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	var styles struct {
		Fills []struct {
			Fg struct {
				RGB string `xml:"rgb,attr"`
			} `xml:"patternFill>fgColor"`
		} `xml:"fills>fill"`
		Xfs []struct {
			Fill int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(zipPart(t, path, "xl/styles.xml"), &styles); err != nil {
		t.Fatal(err)
	}
	if id >= len(styles.Xfs) || styles.Xfs[id].Fill >= len(styles.Fills) {
		return ""
	}
	return strings.TrimPrefix(strings.ToUpper(styles.Fills[styles.Xfs[id].Fill].Fg.RGB), "FF")
}

func zipPart(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return b
		}
	}
	t.Fatalf("no %s in %s", name, path)
	return nil
}

func TestReviewCSV(t *testing.T) {
	dir := reviewDir(t)
	out := filepath.Join(t.TempDir(), "汇总.csv")
	runReviewTo(t, dir, out)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Fatal("no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], "|") != strings.Join(wantSummaryHeader, "|") {
		t.Errorf("header %q", recs[0])
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(recs)-1 != len(files) {
		t.Errorf("%d rows for %d files", len(recs)-1, len(files))
	}
	byFile := map[string][]string{}
	for _, r := range recs[1:] {
		byFile[filepath.Base(strings.TrimPrefix(r[col("文件")-1], "'"))] = r
	}
	h := byFile["huaian-city-2024-layout.txt"]
	if h == nil || h[col("本年新收")-1] != "3119" || h[col("公开率（予以公开+部分公开占办结）")-1] != "59.5%" || h[col("诉讼纠错率")-1] != "10.9%" {
		t.Errorf("huaian row %q", h)
	}
	// Formula-looking text is neutralised (render.CSVCell).
	if r := byFile["+1.txt"]; r == nil || r[0] != "'+1区人民政府" {
		t.Errorf("+1 row %q", r)
	}
	if r := byFile[`=HYPERLINK("x","y").txt`]; r == nil || r[0] != "'=SUM(1,2)区人民政府" {
		t.Errorf("=SUM row %q", r)
	}
	if r := byFile["broken.pdf"]; r == nil || r[col("是否通过")-1] != "无法读取" || r[col("主要问题")-1] == "" {
		t.Errorf("unreadable row %q", r)
	}
}

func TestReviewHTML(t *testing.T) {
	dir := reviewDir(t)
	// A unit name with markup in it must stay text.
	seed0, _ := os.ReadFile("../../testdata/seeds/000_bcc88cd11fb35c2f.txt")
	_, rest, _ := strings.Cut(string(seed0), "\n")
	_, rest, _ = strings.Cut(rest, "\n")
	os.WriteFile(filepath.Join(dir, "markup.txt"), []byte("<b>某</b>区人民政府2024年政府信息公开工作年度报告\n"+rest), 0o644)
	out := filepath.Join(t.TempDir(), "汇总.html")
	runReviewTo(t, dir, out)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	for _, bad := range []string{"<script", "src=", "@import", "url(", "http://", "https://", "<b>某"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	reports := len(files) - 1
	summary := page[strings.Index(page, `<table class="summary">`):strings.Index(page, `<table class="findings">`)]
	if n := strings.Count(summary, "<tr class="); n != len(files) {
		t.Errorf("%d summary rows, want one per file: %d", n, len(files))
	}
	if n := strings.Count(page, `<section class="sheet"`); n != reports {
		t.Errorf("%d 整改清单 sections, want %d", n, reports)
	}
	for _, want := range []string{"@media print", "@page", "区机关事务管理服务中心", "淮安市人民政府", "59.5%", "由此导致", "无法读取", "=SUM(1,2)区人民政府"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Seed 004's wrong cell: one card with A02 and A03 under 由此导致.
	m := regexp.MustCompile(`只需改一格[^<]*</span></div>\s*<dl class="card-body">.*?<dt>由此导致</dt><dd><ul><li>A02[^<]*</li><li>A03`).FindString(page)
	if m == "" {
		t.Error("no card for 004's wrong cell with A02 and A03 under it")
	}
}

func TestReviewArgs(t *testing.T) {
	for _, args := range [][]string{{"review"}, {"review", "x", "--out", "a.pdf"}, {"review", "-", "--out", "a.csv"}, {"review", "--bogus", "x"}, {"review", "x", "--out"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, nil, &stdout, &stderr, noEnv); code != 2 || stderr.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"review", "--help"}, nil, &stdout, &stderr, noEnv); code != 0 || !strings.Contains(stdout.String(), "整改清单") {
		t.Errorf("help: %d %q", code, stdout.String())
	}
	// A page written into the reviewed folder is not reviewed next time.
	in := t.TempDir()
	raw, _ := os.ReadFile("../../testdata/real/hongze-2024-layout.txt")
	os.WriteFile(filepath.Join(in, "a.txt"), raw, 0o644)
	page := filepath.Join(in, "汇总.html")
	for range 2 {
		stdout.Reset()
		if code := run([]string{"review", in, "--out", page}, nil, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stdout.String(), "1 份报告") {
			t.Errorf("review into its folder: exit %d, %q", code, stdout.String())
		}
	}
	// A folder with nothing to check writes nothing.
	dir := t.TempDir()
	out := filepath.Join(dir, "汇总.xlsx")
	if code := run([]string{"review", dir, "--out", out}, nil, &stdout, &stderr, noEnv); code != 2 {
		t.Errorf("empty folder: exit %d", code)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a workbook was written for an empty folder")
	}
}

// BenchmarkReview500 reviews a folder of 500 reports: variants of the
// seeds and real reports as a 政府办公室 receives them (another unit's
// name, another year, a few numbers changed, some of them wrongly), into
// one workbook. Target: under 5 s on a 2-core machine.
//
//	go test ./cmd/nianbao -run '^$' -bench Review500 -benchtime 1x
func BenchmarkReview500(b *testing.B) {
	dir := b.TempDir()
	makeVariants(b, dir, 500)
	out := filepath.Join(b.TempDir(), "汇总.xlsx")
	for b.Loop() {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"review", dir, "--out", out}, nil, &stdout, &stderr, noEnv); code > 1 { // 1: some reports fail, as check
			b.Fatal(stderr.String())
		}
	}
	st, _ := os.Stat(out)
	b.ReportMetric(float64(st.Size())/1024, "KiB-xlsx")
}

// makeVariants writes n reports made from the text fixtures by the edits
// real batches show.
func makeVariants(b *testing.B, dir string, n int) {
	seeds, _ := filepath.Glob("../../testdata/seeds/00[0-4]_*.txt")
	real, _ := filepath.Glob("../../testdata/real/*.txt")
	var texts []string
	var agencies []string
	var years []int
	for _, p := range append(seeds, real...) {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		rep, _ := core.Check(p, raw, core.Options{})
		a, y := "", 0
		if rep.Agency != nil {
			a = *rep.Agency
		}
		if rep.Year != nil {
			y = *rep.Year
		}
		texts, agencies, years = append(texts, string(raw)), append(agencies, a), append(years, y)
	}
	places := []string{"东城", "西城", "南湖", "北塘", "青山", "白云", "金水", "红旗", "长安", "新华", "和平", "文昌"}
	offices := []string{"区发展和改革局", "区教育局", "区民政局", "区财政局", "区人力资源和社会保障局", "区自然资源局", "区生态环境局", "区住房和城乡建设局", "区交通运输局", "区农业农村局", "区卫生健康委员会", "区市场监督管理局", "区应急管理局", "街道办事处"}
	number := regexp.MustCompile(`\b[0-9]{1,3}\b`)
	for i := 0; i < n; i++ {
		k := i % len(texts)
		text := texts[k]
		if agencies[k] != "" {
			unit := places[i%len(places)] + offices[(i/len(places))%len(offices)]
			text = strings.ReplaceAll(text, agencies[k], unit)
		}
		if years[k] >= 2021 {
			y := 2021 + (years[k]+i)%5
			text = strings.ReplaceAll(text, strconv.Itoa(years[k])+"年", strconv.Itoa(y)+"年")
		}
		// Every third report gets a few numbers wrong.
		if i%3 == 0 {
			locs := number.FindAllStringIndex(text, -1)
			for j := 0; j < 3 && len(locs) > 0; j++ {
				at := locs[(i*7+j*13)%len(locs)]
				v, _ := strconv.Atoi(text[at[0]:at[1]])
				repl := strconv.Itoa(v + 1 + j)
				if len(repl) == at[1]-at[0] {
					text = text[:at[0]] + repl + text[at[1]:]
				}
			}
		}
		name := filepath.Join(dir, strconv.Itoa(i+1)+"-"+filepath.Base(strings.TrimSuffix(seedName(k, seeds, real), ".txt"))+".txt")
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

func seedName(k int, seeds, real []string) string {
	if k < len(seeds) {
		return seeds[k]
	}
	return real[k-len(seeds)]
}

// One unit's consecutive years in the reviewed folder are checked as a
// pair, as by `nianbao check DIR`: the workbook lists the cross-year
// findings of the later year (C05 on the 洪泽区 pair: two problems of 2023
// not followed up in 2024) and stderr says which pair was made.
func TestReviewPairsYears(t *testing.T) {
	dir := t.TempDir()
	for _, r := range []string{"hongze-2023-layout.txt", "hongze-2024-layout.txt", "huaian-city-2024-layout.txt"} {
		raw, err := os.ReadFile("../../testdata/real/" + r)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, r), raw, 0o644)
	}
	out := filepath.Join(t.TempDir(), "汇总.xlsx")
	stderr := runReviewTo(t, dir, out)
	if !strings.Contains(stderr, "跨年度比对：洪泽区人民政府 2023") || strings.Count(stderr, "跨年度比对") != 1 {
		t.Errorf("stderr %q", stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("问题清单")
	if err != nil {
		t.Fatal(err)
	}
	var c05 []string
	for _, r := range rows[1:] {
		for _, c := range r {
			if c == "C05" {
				c05 = append(c05, r[0])
			}
		}
	}
	if len(c05) != 1 || !strings.HasSuffix(c05[0], "hongze-2024-layout.txt") {
		t.Errorf("C05 rows for %q, want one for hongze-2024", c05)
	}
}
