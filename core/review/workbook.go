package review

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/render"
	"github.com/nianbao/nianbao/core/review/xlsx"
)

// The reviewer's workbook and the summary as CSV: written the same by the
// command line (nianbao review --out 汇总.xlsx) and the page's batch view.

// WriteCSV writes the summary rows. A byte-order mark makes Excel and WPS
// read UTF-8; every cell goes through render.CSVCell so report text never
// becomes a formula.
func WriteCSV(w io.Writer, items []Reviewed) error {
	io.WriteString(w, "\ufeff")
	cw := csv.NewWriter(w)
	cw.Write(SummaryHeader)
	for _, it := range items {
		cells := SummaryCells(it.Row)
		rec := make([]string, len(cells))
		for i, c := range cells {
			rec[i] = render.CSVCell(Plain(c))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

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

// Sheet names of the workbook besides the 整改清单.
const (
	SheetSummary  = "汇总"
	SheetFindings = "问题清单"
	SheetCopies   = "疑似雷同"
)

// cellStyle is a cell style by what matters here.
type cellStyle struct {
	fill, color  string
	bold, wrap   bool
	center       bool
	numFmt       string
	size         float64
	link, border bool
}

type book struct {
	*xlsx.Book
}

// style: 10.5-point text at the top of its cell, as a printed form.
func (b book) style(s cellStyle) int {
	st := xlsx.Style{Size: 10.5, Bold: s.bold, Color: s.color, Fill: s.fill, Center: s.center, Top: true, Wrap: s.wrap, NumFmt: s.numFmt}
	if s.size > 0 {
		st.Size = s.size
	}
	if s.link {
		st.Color, st.Underline = "0563C1", true
	}
	if s.border {
		st.Border = borderGrey
	}
	return b.Style(st)
}

// WriteXLSX writes the workbook: 汇总 (a row per report, sorted as given),
// 问题清单 (a row per finding), 疑似雷同 (a row per pair of copied
// reports) and a printable 整改清单 per report. Every text is a string
// cell (never a formula, whatever it starts with); numbers are numbers.
//
// A file that could not be read gets no 整改清单 of its own: all of them
// are listed on one sheet, 无法读取.
func WriteXLSX(w io.Writer, items []Reviewed, meta Meta) error {
	var rows []Row
	var read []int // the items read, in order
	for i, it := range items {
		if it.Row.Unreadable == "" {
			rows = append(rows, it.Row)
			read = append(read, i)
		}
	}
	sheets := []string{SheetSummary, SheetFindings, SheetCopies}
	if len(read) < len(items) {
		sheets = append(sheets, SheetUnreadable)
	}
	cards := SheetNames(rows, sheets...)
	names := make([]string, len(items)) // "" for a file not read
	for k, i := range read {
		names[i] = cards[k]
	}
	b := book{xlsx.New(w, fontName, append(sheets, cards...))}
	b.summarySheet(items, names, meta)
	b.findingsSheet(items)
	b.copiesSheet(items)
	if len(read) < len(items) {
		b.unreadableSheet(items, meta)
	}
	for _, i := range read {
		b.cardSheet(items[i], meta)
	}
	return b.Close(xlsx.Props{Title: "政府信息公开工作年度报告审阅汇总", Creator: meta.Checker, Description: "检查日期 " + meta.Date})
}

// printable: every sheet prints on A4, one page wide (xlsx does that),
// with page numbers in the footer; the lists repeat their header row on
// every page.
func printable(s *xlsx.Sheet, landscape bool, titles bool) {
	s.Landscape = landscape
	s.Footer = "&C第 &P 页，共 &N 页"
	if titles {
		s.TitleRows = 1
	}
}

// headerText escapes text for a page header or footer, where & starts a
// code.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// Column widths, in Excel's units (the width of a "0"; a Chinese
// character takes about two).
var summaryWidths = []float64{26, 7, 8, 6, 6, 6, 8, 9, 52, 9, 14, 9, 10, 9, 10, 32, 30, 36}

func (b book) headRow(s *xlsx.Sheet, header []string, height float64) {
	head := b.style(cellStyle{fill: headFill, color: "FFFFFF", bold: true, wrap: true, center: true, border: true})
	cells := make([]xlsx.Cell, len(header))
	for i, h := range header {
		cells[i] = xlsx.Cell{V: h, S: head}
	}
	s.Row(height, cells...)
}

func (b book) summarySheet(items []Reviewed, names []string, meta Meta) {
	s := &xlsx.Sheet{Widths: summaryWidths, FreezeRows: 1, FreezeCols: 1, Filter: true}
	printable(s, true, true)
	s.Header = "&L政府信息公开工作年度报告审阅汇总&R检查日期 " + headerText(meta.Date)
	s.Footer = headerFooter("&L", meta.Checker, "&R第 &P 页，共 &N 页")
	b.headRow(s, SummaryHeader, rowHeight(3))
	for r, it := range items {
		values := SummaryCells(it.Row)
		tint := ""
		switch {
		case it.Row.Unreadable != "", it.Row.NotReport:
			tint = greyFill
		case it.Row.Error > 0:
			tint = redTint
		case it.Row.Warning > 0:
			tint = amberTint
		}
		cells := make([]xlsx.Cell, len(values))
		for c, v := range values {
			st := cellStyle{fill: tint, border: true}
			switch c {
			case ColYear, ColError, ColWarning, ColInfo, ColReading, ColVerdict:
				st.center = true
			case ColProblems, ColSource, ColFixed:
				st.wrap = true
			}
			// The cells that say why a row is coloured carry the strong colour.
			switch {
			case c == ColError && it.Row.Error > 0, c == ColVerdict && it.Row.Verdict() == "未通过":
				st.fill, st.color, st.bold = redFill, redFont, true
			case c == ColWarning && it.Row.Warning > 0:
				st.fill, st.color = amberFill, amberFont
			case c == ColVerdict && it.Row.Verdict() == "通过":
				st.fill, st.color, st.bold = greenFill, greenFont, true
			case c == ColVerdict:
				st.bold = true
			case c == ColFixed && it.Row.Fixed != "":
				// A printed total the table's identities show wrong.
				st.fill, st.color = amberFill, amberFont
			case c == ColAgency:
				st.link = true
			}
			if p, ok := v.(Pct); ok {
				st.numFmt = "0.0%"
				v = float64(p)
			}
			cells[c] = xlsx.Cell{V: v, S: b.style(st)}
		}
		lines := 0
		for _, t := range it.Row.Top {
			lines += textLines(t, summaryWidths[ColProblems])
		}
		lines = max(lines, textLines(AgencyOr(it.Row), summaryWidths[ColAgency]), textLines(it.Row.Source, summaryWidths[ColSource]), textLines(it.Row.Unreadable, summaryWidths[ColProblems]), textLines(it.Row.Fixed, summaryWidths[ColFixed]))
		if names[r] == "" {
			cells[ColAgency].S = b.style(cellStyle{fill: tint, border: true})
		}
		s.Row(rowHeight(lines), cells...)
		if names[r] == "" {
			s.Link(ColAgency+1, quoteSheet(SheetUnreadable)+"!A"+unreadableRow(items, r), "打开“"+SheetUnreadable+"”")
		} else {
			s.Link(ColAgency+1, quoteSheet(names[r])+"!A1", "打开“"+names[r]+"”整改清单")
		}
	}
	b.Add(s)
}

var findingsWidths = []float64{24, 20, 6, 22, 6, 12, 30, 48, 12, 12, 36, 28}

// findingsSheet lists every finding, by report, each report's in the
// order of its 整改清单.
func (b book) findingsSheet(items []Reviewed) {
	s := &xlsx.Sheet{Widths: findingsWidths, FreezeRows: 1, Filter: true}
	printable(s, true, true)
	b.headRow(s, FindingsHeader, 22)
	titles := Titles()
	text := b.style(cellStyle{wrap: true, border: true})
	cells := make([]xlsx.Cell, len(FindingsHeader))
	for _, it := range items {
		r := it.Report
		for _, c := range Order(r) {
			for _, i := range c.Members() {
				fd := r.Findings[i]
				sev := cellStyle{bold: true, center: true, border: true}
				switch fd.Severity {
				case "error":
					sev.fill, sev.color = redFill, redFont
				case "warning":
					sev.fill, sev.color = amberFill, amberFont
				}
				fix := fd.Fix
				if fd.Reading() {
					// The reviewer's to check: what to look at.
					fix = core.ReadingAdvice(r, fd)
				}
				vals := []string{r.Source, AgencyOr(it.Row), fd.Rule, titles[fd.Rule], core.SeverityName(fd.Severity), KindName(fd.Reading()),
					Place(r, fd), fd.Message, fd.Expected, fd.Actual, fix, fd.Basis}
				lines := 1
				for k, v := range vals {
					cells[k] = xlsx.Cell{V: v, S: text}
					lines = max(lines, textLines(v, findingsWidths[k]))
				}
				cells[4] = xlsx.Cell{V: vals[4], S: b.style(sev)}
				s.Row(rowHeight(min(lines, 12)), cells...)
			}
		}
	}
	b.Add(s)
}

var copiesWidths = []float64{24, 7, 28, 24, 7, 28, 10, 8, 80}

// CopyPair is one pair of reports of different units that share most of
// their narrative, seen from the report first in file order.
type CopyPair struct {
	A    Row
	Copy Copy
}

// CopyPairs lists each pair of the batch once, most similar first.
func CopyPairs(items []Reviewed) []CopyPair {
	var pairs []CopyPair
	for _, it := range items {
		for _, c := range it.Row.Copies {
			if it.Row.Source < c.OtherSource {
				pairs = append(pairs, CopyPair{it.Row, c})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].Copy.Similarity > pairs[j].Copy.Similarity })
	return pairs
}

func (b book) copiesSheet(items []Reviewed) {
	s := &xlsx.Sheet{Widths: copiesWidths, FreezeRows: 1, Filter: true}
	printable(s, true, true)
	b.headRow(s, CopiesHeader, 22)
	pairs := CopyPairs(items)
	if len(pairs) == 0 {
		s.Row(0, xlsx.Cell{V: "未发现不同单位之间正文雷同的报告。"})
	}
	text := b.style(cellStyle{wrap: true, border: true})
	share := b.style(cellStyle{border: true, numFmt: "0%", bold: true, color: amberFont})
	cells := make([]xlsx.Cell, len(CopiesHeader))
	for _, p := range pairs {
		var passages []string
		for _, ps := range p.Copy.Passages {
			passages = append(passages, "· 第 "+lineRange(ps.Lines)+" 行 / 第 "+lineRange(ps.OtherLines)+" 行："+ps.Text)
		}
		var year, otherYear any
		if p.A.Year > 0 {
			year = p.A.Year
		}
		if p.Copy.OtherYear > 0 {
			otherYear = p.Copy.OtherYear
		}
		other := p.Copy.OtherAgency
		if other == "" {
			other = "（未识别单位）"
		}
		vals := []any{AgencyOr(p.A), year, p.A.Source, other, otherYear, p.Copy.OtherSource, p.Copy.Similarity, p.Copy.Same, strings.Join(passages, "\n")}
		lines := 1
		for i, v := range vals {
			st := text
			if i == 6 {
				st = share
			}
			cells[i] = xlsx.Cell{V: v, S: st}
			if t, ok := v.(string); ok {
				lines = max(lines, textLines(t, copiesWidths[i]))
			}
		}
		s.Row(rowHeight(min(lines, 15)), cells...)
	}
	b.Add(s)
}

// cardSheet is one unit's 整改清单: a heading, then one numbered item per
// card (a cause with what it explains, or one problem on several rows),
// errors first, in plain words; printable on A4 with the unit and year at
// the top of every page.
func (b book) cardSheet(it Reviewed, meta Meta) {
	year := "（年度未识别）"
	if it.Row.Year > 0 {
		year = strconv.Itoa(it.Row.Year) + " 年度"
	}
	widths := []float64{5, 11, 84}
	s := &xlsx.Sheet{Widths: widths, NoGridLines: true}
	printable(s, false, false)
	s.Header = headerFooter("&L", AgencyOr(it.Row)+"　"+year, "&R政府信息公开工作年度报告整改清单")
	s.Footer = headerFooter("&L检查日期 "+headerPart(meta.Date, 40)+"&C第 &P 页，共 &N 页&R", meta.Checker, "")
	used := 0.0 // points used on the printed page
	put := func(height float64, cells ...xlsx.Cell) {
		used += height
		s.Row(height, cells...)
	}
	blank := func() { s.Skip(); used += blankHeight }
	title := b.style(cellStyle{bold: true, size: 16, center: true})
	label := b.style(cellStyle{bold: true, color: "595959"})
	plainS := b.style(cellStyle{wrap: true})
	r, rw := it.Report, it.Row
	put(30, xlsx.Cell{V: "政府信息公开工作年度报告整改清单", S: title})
	s.Merge(1, 3)
	if rw.Year == 0 {
		year = "（未识别）"
	}
	head := [][2]string{
		{"单位", AgencyOr(rw)},
		{"年度", year},
		{"检查日期", meta.Date},
		{"检查器版本", meta.Checker},
		{"报告文件", rw.Source},
	}
	for _, h := range head {
		put(rowHeight(textLines(h[1], widths[2])), xlsx.Cell{V: h[0], S: label}, xlsx.Cell{}, xlsx.Cell{V: h[1], S: plainS})
		s.Merge(1, 2)
	}
	verdict := ""
	switch rw.Verdict() {
	case "无法读取":
		verdict = "文件无法读取，未能检查。"
	case "无法识别":
		verdict = "文件不像政府信息公开工作年度报告，未检查。"
	case "通过":
		verdict = fmt.Sprintf("通过（无错误）：警告 %d 处，提示 %d 处。", rw.Warning, rw.Info)
	default:
		verdict = fmt.Sprintf("未通过：错误 %d 处，警告 %d 处，提示 %d 处。", rw.Error, rw.Warning, rw.Info)
	}
	if rw.Omitted > 0 {
		verdict += fmt.Sprintf("另有 %d 处同类问题未逐一列出。", rw.Omitted)
	}
	if n := len(rw.Copies); n > 0 {
		// Not a finding of the report alone: counted apart.
		verdict += fmt.Sprintf("另与其他单位的 %d 份报告疑似雷同（见下）。", n)
	}
	verdictStyle := cellStyle{bold: true, wrap: true}
	switch rw.Verdict() {
	case "未通过":
		verdictStyle.color = redFont
	case "通过":
		verdictStyle.color = greenFont
	}
	put(rowHeight(textLines(verdict, widths[2])), xlsx.Cell{V: "检查结论", S: label}, xlsx.Cell{}, xlsx.Cell{V: verdict, S: b.style(verdictStyle)})
	s.Merge(1, 2)
	note := "请按下列各项逐一整改：“错误”必须改正，“警告”请核实后改正或说明，“提示”供参考。位置中的“原文第 N 行”是报告文字的第 N 行（空行也计数）；“Word 文档表格”“PDF 第 N 页”等指报告原文件中的位置。"
	put(rowHeight(textLines(note, widths[2])), xlsx.Cell{}, xlsx.Cell{}, xlsx.Cell{V: note, S: b.style(cellStyle{wrap: true, color: "595959"})})
	blank() // a blank line before the items

	list := Items(r, rw)
	if len(list) == 0 {
		put(24, xlsx.Cell{}, xlsx.Cell{}, xlsx.Cell{V: "未发现问题，无需整改。", S: b.style(cellStyle{bold: true, color: greenFont})})
	}
	lab := b.style(cellStyle{color: "595959", wrap: true, border: true})
	txt := b.style(cellStyle{wrap: true, border: true})
	for n, item := range list {
		lines := item.Lines
		for _, l := range item.Lists {
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
		height := rowHeight(textLines(item.Problem, widths[2]))
		for _, l := range lines {
			height += rowHeight(max(textLines(l[1], widths[2]), textLines(l[0], widths[1])))
		}
		if used+height > pageHeight && used > 0 {
			s.BreakPage()
			used = 0
		}
		strong, tint, color := redFill, redTint, redFont
		switch item.Severity {
		case "warning":
			strong, tint, color = amberFill, amberTint, amberFont
		case "info":
			strong, tint, color = "DDEBF7", "F3F8FC", "1F4E78"
		}
		mark := b.style(cellStyle{fill: strong, color: color, bold: true, center: true, border: true})
		put(rowHeight(textLines(item.Problem, widths[2])),
			xlsx.Cell{V: n + 1, S: mark},
			xlsx.Cell{V: core.SeverityName(item.Severity), S: mark},
			xlsx.Cell{V: item.Problem, S: b.style(cellStyle{fill: tint, bold: true, wrap: true, border: true})})
		for _, l := range lines {
			put(rowHeight(max(textLines(l[1], widths[2]), textLines(l[0], widths[1]))), xlsx.Cell{V: "", S: txt}, xlsx.Cell{V: l[0], S: lab}, xlsx.Cell{V: l[1], S: txt})
		}
		blank() // a blank line between items
	}
	b.Add(s)
}

// textLines estimates how many lines text takes in a wrapped column of
// the given width: a Chinese character is about two units wide (1.9 for
// 10.5-point 宋体 in Excel's units), other characters one. Row heights are
// set from it because Excel does not grow rows for wrapped text on
// opening a file, and merged rows never.
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
