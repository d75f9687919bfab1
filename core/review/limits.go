package review

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/nianbao/nianbao/core/review/xlsx"
)

// Excel's limits on a workbook, as Excel counts: in UTF-16 units, so a
// character outside the Basic Multilingual Plane (CJK Extension B, as in
// some place names) counts two.
const (
	maxSheetName    = 31  // a worksheet's name
	maxHeaderFooter = 255 // a page header or footer, its codes (&L, &&) included
)

// SheetUnreadable lists the files that could not be read, one row each:
// a batch of 10,000 unreadable files is one sheet, not 10,000.
const SheetUnreadable = "无法读取"

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cutUTF16 is the longest start of s of at most n UTF-16 units.
func cutUTF16(s string, n int) string {
	used := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if used+w > n {
			return s[:i]
		}
		used += w
	}
	return s
}

// headerPart is text for a page header or footer in at most room UTF-16
// units: on one line (a title over several lines has its white space
// collapsed), & escaped as &&, cut with "…" when longer.
func headerPart(s string, room int) string {
	s = oneLine(s)
	esc := headerText(s)
	if utf16Len(esc) <= room {
		return esc
	}
	if room <= 0 {
		return ""
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if r == '&' {
			w = 2
		}
		if used+w > room-1 {
			break
		}
		used += w
		if r == '&' {
			b.WriteString("&&")
		} else {
			b.WriteRune(r)
		}
	}
	return b.String() + "…"
}

// oneLine puts text on one line: line breaks and other control
// characters become spaces, runs of spaces one (an ideographic space, as
// between unit and year, stays).
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == ' ' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// headerFooter joins the parts of a page header or footer: codes and
// fixed words as they are, and one variable text (the unit, the checker's
// name) that takes what room is left under Excel's limit.
func headerFooter(before, text, after string) string {
	return before + headerPart(text, maxHeaderFooter-utf16Len(before)-utf16Len(after)) + after
}

// unreadableSheet lists the files that could not be read or were not
// checked (a file of another kind, a PDF in the page), with why and the
// verdict (无法读取 or 未检查).
func (b book) unreadableSheet(items []Reviewed, meta Meta) {
	s := &xlsx.Sheet{Widths: []float64{48, 80, 10}, FreezeRows: 1, Filter: true}
	printable(s, true, true)
	s.Header = "&L无法读取或未检查的文件&R检查日期 " + headerPart(meta.Date, 40)
	b.headRow(s, []string{"文件", "原因", "结论"}, 22)
	wrap := b.style(cellStyle{wrap: true, border: true, fill: greyFill})
	center := b.style(cellStyle{center: true, border: true, fill: greyFill})
	for _, it := range items {
		if it.Row.Unreadable == "" {
			continue
		}
		s.Row(rowHeight(max(textLines(it.Row.Source, 48), textLines(it.Row.Unreadable, 80))),
			xlsx.Cell{V: it.Row.Source, S: wrap}, xlsx.Cell{V: it.Row.Unreadable, S: wrap}, xlsx.Cell{V: it.Row.Verdict(), S: center})
	}
	b.Add(s)
}

// unreadableRow is the row of item i on the 无法读取 sheet.
func unreadableRow(items []Reviewed, i int) string {
	n := 1 // the header
	for _, it := range items[:i+1] {
		if it.Row.Unreadable != "" {
			n++
		}
	}
	return strconv.Itoa(n)
}
