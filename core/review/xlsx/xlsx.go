// Package xlsx writes Office Open XML workbooks (.xlsx, read by Excel, WPS
// and LibreOffice) with what a reviewer's workbook needs and nothing more:
// text and number cells with styles (font, fill, thin borders, alignment,
// wrapping, a number format), column widths and row heights, merged cells,
// links to other sheets, a frozen header, an autofilter, page breaks and
// the print setup (A4, one page wide, headers and footers, titles repeated
// on every page).
//
// Why not a spreadsheet library: the page builds the same workbook in the
// browser, and the library this replaced (excelize) costs 2.5 MB of gzipped
// WebAssembly, its formula engine kept alive by reflection, more than the
// whole checker. This package is the zip and the XML, a few KB, written as
// the sheets come (one sheet in memory at a time).
//
// Every text is an inline string, never a formula, whatever it starts with.
// Characters that XML 1.0 cannot carry become U+FFFD, and text that Excel
// would read as an escape (_x0041_) is escaped itself.
package xlsx

import (
	"archive/zip"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Style is a cell's look. The zero Style is the workbook's default font
// with no fill, border or alignment. Colours are "RRGGBB".
type Style struct {
	Size      float64 // font size in points; 0: the default (11)
	Bold      bool
	Underline bool
	Color     string // font colour
	Fill      string // solid fill
	Border    string // a thin border all round, in this colour
	Center    bool   // centred horizontally
	Top       bool   // aligned to the top of the cell
	Wrap      bool   // text wrapped in the cell's width
	NumFmt    string // a number format such as "0.0%"; "": General
}

// Cell is a value with a style (an id from Book.Style). V is a string, an
// int, a float64 or nil (an empty cell, written only when it has a style).
type Cell struct {
	V any
	S int
}

// Book is a workbook being written.
type Book struct {
	zw     *zip.Writer
	font   string
	names  []string
	added  int
	styles []Style
	index  map[Style]int
	defs   []string // <definedName> elements
	err    error
}

// New starts a workbook on w with its sheets' names, in order (each at
// most 31 characters, unique, none of []:*?/\ — see review.SheetNames);
// font is the default font's name. The sheets are then added in that
// order with Add, and Close finishes the file.
func New(w io.Writer, font string, sheets []string) *Book {
	b := &Book{zw: zip.NewWriter(w), font: font, names: sheets, index: map[Style]int{}}
	b.Style(Style{}) // cellXfs 0: the default
	var ct strings.Builder
	ct.WriteString(xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	for i := range sheets {
		ct.WriteString(`<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
	}
	ct.WriteString(`</Types>`)
	b.part("[Content_Types].xml", ct.String())
	b.part("_rels/.rels", xmlHead+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`+
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`+
		`</Relationships>`)
	return b
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (b *Book) part(name, body string) {
	if b.err != nil {
		return
	}
	w, err := b.zw.Create(name)
	if err == nil {
		_, err = io.WriteString(w, body)
	}
	if err != nil {
		b.err = err
	}
}

// Style returns the id of a style, made once.
func (b *Book) Style(s Style) int {
	if id, ok := b.index[s]; ok {
		return id
	}
	b.styles = append(b.styles, s)
	b.index[s] = len(b.styles) - 1
	return len(b.styles) - 1
}

// Sheet is one worksheet being filled, row by row from row 1. Its
// settings are read when it is added to the book.
type Sheet struct {
	Widths      []float64 // column widths from A, in Excel's units (the width of a "0")
	FreezeRows  int       // rows kept in view at the top
	FreezeCols  int       // columns kept in view at the left
	Filter      bool      // an autofilter over all the rows written, the first being the header
	Landscape   bool      // printed across A4 (else down)
	TitleRows   int       // rows repeated at the top of every printed page
	Header      string    // page header, in Excel's codes (&L, &C, &R, &P, &N)
	Footer      string    // page footer
	NoGridLines bool      // grid lines hidden on screen

	data   strings.Builder
	row    int
	cols   int
	merges []string
	links  []string
	breaks []int
}

// Row writes the next row: cells from column A, height in points (0: the
// default height).
func (s *Sheet) Row(height float64, cells ...Cell) {
	s.row++
	r := strconv.Itoa(s.row)
	s.data.WriteString(`<row r="` + r + `"`)
	if height > 0 {
		s.data.WriteString(` ht="` + num(height) + `" customHeight="1"`)
	}
	s.data.WriteString(`>`)
	for i, c := range cells {
		if c.V == nil && c.S == 0 {
			continue
		}
		ref := Col(i+1) + r
		s.data.WriteString(`<c r="` + ref + `"`)
		if c.S != 0 {
			s.data.WriteString(` s="` + strconv.Itoa(c.S) + `"`)
		}
		switch v := c.V.(type) {
		case nil:
			s.data.WriteString(`/>`)
		case string:
			s.data.WriteString(` t="inlineStr"><is><t xml:space="preserve">`)
			s.data.WriteString(cellText(v))
			s.data.WriteString(`</t></is></c>`)
		case int:
			s.data.WriteString(`><v>` + strconv.Itoa(v) + `</v></c>`)
		case float64:
			s.data.WriteString(`><v>` + strconv.FormatFloat(v, 'f', -1, 64) + `</v></c>`)
		default:
			panic("xlsx: cell value of unsupported type")
		}
	}
	s.cols = max(s.cols, len(cells))
	s.data.WriteString(`</row>`)
}

// Skip leaves a row empty (default height).
func (s *Sheet) Skip() { s.row++ }

// Rows is the number of rows written or skipped.
func (s *Sheet) Rows() int { return s.row }

// Merge merges columns from..to (1-based) of the last row written.
func (s *Sheet) Merge(from, to int) {
	r := strconv.Itoa(s.row)
	s.merges = append(s.merges, Col(from)+r+":"+Col(to)+r)
}

// Link makes a cell of the last row a link to a place in the workbook
// ("'Sheet name'!A1"), with a tooltip.
func (s *Sheet) Link(col int, location, tooltip string) {
	s.links = append(s.links, `<hyperlink ref="`+Col(col)+strconv.Itoa(s.row)+`" location="`+attr(location)+`" tooltip="`+attr(tooltip)+`"/>`)
}

// BreakPage starts a new printed page after the last row written.
func (s *Sheet) BreakPage() { s.breaks = append(s.breaks, s.row) }

// Add writes a finished sheet into the book, as the next of its names.
func (b *Book) Add(s *Sheet) {
	if b.added == len(b.names) {
		panic("xlsx: more sheets than names")
	}
	idx := b.added
	b.added++
	name := quoteSheet(b.names[idx])
	var w strings.Builder
	w.WriteString(xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	w.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	last := "A1"
	if s.row > 0 && s.cols > 0 {
		last = Col(s.cols) + strconv.Itoa(s.row)
	}
	w.WriteString(`<dimension ref="A1:` + last + `"/>`)
	w.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if idx == 0 {
		w.WriteString(` tabSelected="1"`)
	}
	if s.NoGridLines {
		w.WriteString(` showGridLines="0"`)
	}
	if s.FreezeRows > 0 || s.FreezeCols > 0 {
		top := Col(s.FreezeCols+1) + strconv.Itoa(s.FreezeRows+1)
		pane := "bottomRight"
		switch {
		case s.FreezeCols == 0:
			pane = "bottomLeft"
		case s.FreezeRows == 0:
			pane = "topRight"
		}
		w.WriteString(`><pane`)
		if s.FreezeCols > 0 {
			w.WriteString(` xSplit="` + strconv.Itoa(s.FreezeCols) + `"`)
		}
		if s.FreezeRows > 0 {
			w.WriteString(` ySplit="` + strconv.Itoa(s.FreezeRows) + `"`)
		}
		w.WriteString(` topLeftCell="` + top + `" activePane="` + pane + `" state="frozen"/>`)
		w.WriteString(`<selection pane="` + pane + `" activeCell="` + top + `" sqref="` + top + `"/></sheetView>`)
	} else {
		w.WriteString(`/>`)
	}
	w.WriteString(`</sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if len(s.Widths) > 0 {
		w.WriteString(`<cols>`)
		for i, wd := range s.Widths {
			c := strconv.Itoa(i + 1)
			w.WriteString(`<col min="` + c + `" max="` + c + `" width="` + num(wd) + `" customWidth="1"/>`)
		}
		w.WriteString(`</cols>`)
	}
	w.WriteString(`<sheetData>`)
	w.WriteString(s.data.String())
	w.WriteString(`</sheetData>`)
	if s.Filter {
		ref := "$A$1:$" + Col(max(s.cols, 1)) + "$" + strconv.Itoa(max(s.row, 1))
		w.WriteString(`<autoFilter ref="` + strings.ReplaceAll(ref, "$", "") + `"/>`)
		b.defs = append(b.defs, `<definedName name="_xlnm._FilterDatabase" localSheetId="`+strconv.Itoa(idx)+`" hidden="1">`+text(name+"!"+ref)+`</definedName>`)
	}
	if len(s.merges) > 0 {
		w.WriteString(`<mergeCells count="` + strconv.Itoa(len(s.merges)) + `">`)
		for _, m := range s.merges {
			w.WriteString(`<mergeCell ref="` + m + `"/>`)
		}
		w.WriteString(`</mergeCells>`)
	}
	if len(s.links) > 0 {
		w.WriteString(`<hyperlinks>` + strings.Join(s.links, "") + `</hyperlinks>`)
	}
	orient := "portrait"
	if s.Landscape {
		orient = "landscape"
	}
	w.WriteString(`<pageMargins left="0.5" right="0.5" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>`)
	w.WriteString(`<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="` + orient + `"/>`)
	if s.Header != "" || s.Footer != "" {
		w.WriteString(`<headerFooter>`)
		if s.Header != "" {
			w.WriteString(`<oddHeader>` + text(s.Header) + `</oddHeader>`)
		}
		if s.Footer != "" {
			w.WriteString(`<oddFooter>` + text(s.Footer) + `</oddFooter>`)
		}
		w.WriteString(`</headerFooter>`)
	}
	if len(s.breaks) > 0 {
		n := strconv.Itoa(len(s.breaks))
		w.WriteString(`<rowBreaks count="` + n + `" manualBreakCount="` + n + `">`)
		for _, r := range s.breaks {
			w.WriteString(`<brk id="` + strconv.Itoa(r) + `" max="16383" man="1"/>`)
		}
		w.WriteString(`</rowBreaks>`)
	}
	w.WriteString(`</worksheet>`)
	if s.TitleRows > 0 {
		n := strconv.Itoa(s.TitleRows)
		b.defs = append(b.defs, `<definedName name="_xlnm.Print_Titles" localSheetId="`+strconv.Itoa(idx)+`">`+text(name+"!$1:$"+n)+`</definedName>`)
	}
	b.part("xl/worksheets/sheet"+strconv.Itoa(idx+1)+".xml", w.String())
}

// Props are the document's properties (File → Info in Excel).
type Props struct {
	Title, Creator, Description string
}

// Close writes the workbook, its styles and properties, and ends the zip.
// It does not close w.
func (b *Book) Close(p Props) error {
	if b.added != len(b.names) {
		panic("xlsx: fewer sheets added than named")
	}
	var w strings.Builder
	w.WriteString(xmlHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	w.WriteString(`<bookViews><workbookView/></bookViews><sheets>`)
	for i, n := range b.names {
		id := strconv.Itoa(i + 1)
		w.WriteString(`<sheet name="` + attr(n) + `" sheetId="` + id + `" r:id="rId` + id + `"/>`)
	}
	w.WriteString(`</sheets>`)
	if len(b.defs) > 0 {
		// Excel wants defined names sorted by name.
		defs := append([]string(nil), b.defs...)
		sort.SliceStable(defs, func(i, j int) bool { return defName(defs[i]) < defName(defs[j]) })
		w.WriteString(`<definedNames>` + strings.Join(defs, "") + `</definedNames>`)
	}
	w.WriteString(`</workbook>`)
	b.part("xl/workbook.xml", w.String())

	w.Reset()
	w.WriteString(xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range b.names {
		id := strconv.Itoa(i + 1)
		w.WriteString(`<Relationship Id="rId` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + id + `.xml"/>`)
	}
	w.WriteString(`<Relationship Id="rId` + strconv.Itoa(len(b.names)+1) + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	w.WriteString(`</Relationships>`)
	b.part("xl/_rels/workbook.xml.rels", w.String())

	b.part("xl/styles.xml", b.stylesXML())
	b.part("docProps/core.xml", xmlHead+`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`+
		`<dc:title>`+text(p.Title)+`</dc:title><dc:creator>`+text(p.Creator)+`</dc:creator><dc:description>`+text(p.Description)+`</dc:description></cp:coreProperties>`)
	b.part("docProps/app.xml", xmlHead+`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>nianbao</Application></Properties>`)
	if b.err != nil {
		return b.err
	}
	return b.zw.Close()
}

func defName(def string) string {
	_, rest, _ := strings.Cut(def, `name="`)
	name, _, _ := strings.Cut(rest, `"`)
	return name
}

// stylesXML lists the fonts, fills, borders and number formats the styles
// use, each once, and one cell format per style.
func (b *Book) stylesXML() string {
	type font struct {
		size            float64
		bold, underline bool
		color           string
	}
	var fonts []font
	var fills, borders, fmts []string
	find := func(list *[]string, v string) int {
		for i, x := range *list {
			if x == v {
				return i
			}
		}
		*list = append(*list, v)
		return len(*list) - 1
	}
	fonts = append(fonts, font{size: 11})
	fills = []string{"none", "gray125"} // the two fills every workbook starts with
	borders = []string{""}
	var xfs strings.Builder
	for i, s := range b.styles {
		f := font{size: s.Size, bold: s.Bold, underline: s.Underline, color: s.Color}
		if f.size == 0 {
			f.size = 11
		}
		fontID := -1
		for k, x := range fonts {
			if x == f {
				fontID = k
			}
		}
		if fontID < 0 {
			fonts = append(fonts, f)
			fontID = len(fonts) - 1
		}
		fillID, borderID, fmtID := 0, 0, 0
		if s.Fill != "" {
			fillID = find(&fills, s.Fill)
		}
		if s.Border != "" {
			borderID = find(&borders, s.Border)
		}
		if s.NumFmt != "" {
			fmtID = 164 + find(&fmts, s.NumFmt)
		}
		xfs.WriteString(`<xf numFmtId="` + strconv.Itoa(fmtID) + `" fontId="` + strconv.Itoa(fontID) + `" fillId="` + strconv.Itoa(fillID) + `" borderId="` + strconv.Itoa(borderID) + `" xfId="0"`)
		if i == 0 {
			xfs.WriteString(`/>`)
			continue
		}
		if fmtID != 0 {
			xfs.WriteString(` applyNumberFormat="1"`)
		}
		xfs.WriteString(` applyFont="1"`)
		if fillID != 0 {
			xfs.WriteString(` applyFill="1"`)
		}
		if borderID != 0 {
			xfs.WriteString(` applyBorder="1"`)
		}
		if s.Center || s.Top || s.Wrap {
			xfs.WriteString(` applyAlignment="1"><alignment`)
			if s.Center {
				xfs.WriteString(` horizontal="center"`)
			}
			if s.Top {
				xfs.WriteString(` vertical="top"`)
			}
			if s.Wrap {
				xfs.WriteString(` wrapText="1"`)
			}
			xfs.WriteString(`/></xf>`)
		} else {
			xfs.WriteString(`/>`)
		}
	}
	var w strings.Builder
	w.WriteString(xmlHead + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if len(fmts) > 0 {
		w.WriteString(`<numFmts count="` + strconv.Itoa(len(fmts)) + `">`)
		for i, f := range fmts {
			w.WriteString(`<numFmt numFmtId="` + strconv.Itoa(164+i) + `" formatCode="` + attr(f) + `"/>`)
		}
		w.WriteString(`</numFmts>`)
	}
	w.WriteString(`<fonts count="` + strconv.Itoa(len(fonts)) + `">`)
	for _, f := range fonts {
		w.WriteString(`<font>`)
		if f.bold {
			w.WriteString(`<b/>`)
		}
		if f.underline {
			w.WriteString(`<u/>`)
		}
		w.WriteString(`<sz val="` + num(f.size) + `"/>`)
		if f.color != "" {
			w.WriteString(`<color rgb="FF` + attr(f.color) + `"/>`)
		}
		w.WriteString(`<name val="` + attr(b.font) + `"/><family val="2"/><charset val="134"/></font>`)
	}
	w.WriteString(`</fonts><fills count="` + strconv.Itoa(len(fills)) + `">`)
	for i, f := range fills {
		if i < 2 {
			w.WriteString(`<fill><patternFill patternType="` + f + `"/></fill>`)
			continue
		}
		w.WriteString(`<fill><patternFill patternType="solid"><fgColor rgb="FF` + attr(f) + `"/><bgColor indexed="64"/></patternFill></fill>`)
	}
	w.WriteString(`</fills><borders count="` + strconv.Itoa(len(borders)) + `">`)
	for _, c := range borders {
		if c == "" {
			w.WriteString(`<border><left/><right/><top/><bottom/><diagonal/></border>`)
			continue
		}
		side := `"><color rgb="FF` + attr(c) + `"/>`
		w.WriteString(`<border><left style="thin` + side + `</left><right style="thin` + side + `</right><top style="thin` + side + `</top><bottom style="thin` + side + `</bottom><diagonal/></border>`)
	}
	w.WriteString(`</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	w.WriteString(`<cellXfs count="` + strconv.Itoa(len(b.styles)) + `">` + xfs.String() + `</cellXfs>`)
	w.WriteString(`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>`)
	return w.String()
}

// Col is a column's letters: 1 → A, 27 → AA.
func Col(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// num writes a width or height without a needless fraction.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// maxCell is the most characters a cell holds (Excel's limit).
const maxCell = 32767

// cellText escapes a cell's text. Excel reads _xHHHH_ in a string as the
// character HHHH; a literal one is written with its underscore escaped.
func cellText(s string) string {
	if utf8.RuneCountInString(s) > maxCell {
		s = string([]rune(s)[:maxCell-1]) + "…"
	}
	if strings.Contains(s, "_x") {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if isEscape(s[i:]) {
				b.WriteString("_x005F_")
				continue
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	return text(s)
}

// isEscape: s starts with _xHHHH_.
func isEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// text escapes character data; attr escapes an attribute value. Both drop
// what XML 1.0 cannot carry (control characters, invalid UTF-8).
func text(s string) string { return escape(s, false) }
func attr(s string) string { return escape(s, true) }

func escape(s string, quote bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && quote:
			b.WriteString("&quot;")
		case (r == '\n' || r == '\r' || r == '\t') && quote:
			b.WriteString("&#" + strconv.Itoa(int(r)) + ";")
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
			b.WriteString("&#13;")
		case r < 0x20, r == utf8.RuneError, r >= 0xFFFE && r <= 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
