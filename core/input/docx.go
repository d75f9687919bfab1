package input

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Limits of a .docx: a real report's document.xml is 0.1–3 MB; anything
// far beyond is a zip bomb or not a report, and is refused before it costs
// memory or time.
const (
	maxZipEntries = 5000
	maxPartBytes  = 64 << 20 // one part, unpacked
	maxXMLDepth   = 256
)

// readZip reads a zip-based file: a Word document (.docx, also as WPS
// saves it), or says what else it is.
func readZip(raw []byte, ext string) (*Doc, *Error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, &Error{Code: "format", Message: "文件是压缩格式（如 .docx），但已损坏或不完整，无法打开（" + err.Error() + "）。请用 Word/WPS 打开后重新保存为 .docx。"}
	}
	if len(zr.File) > maxZipEntries {
		return nil, &Error{Code: "format", Message: fmt.Sprintf("压缩文件含有 %d 个条目，不是正常的 Word 文档。", len(zr.File))}
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	// The kind of Office file is told by its parts, before the main
	// document: the package relationships of a workbook also name an
	// "officeDocument" (xl/workbook.xml), and a workbook renamed .docx
	// must be called a workbook, not an empty Word document.
	if parts["word/document.xml"] == nil {
		switch {
		case parts["OFD.xml"] != nil:
			return nil, &Error{Code: "unsupported", Message: "这是 OFD 版式文件，不能直接读取。请用 OFD 阅读器另存为 PDF，或全选复制正文粘贴检查。"}
		case parts["xl/workbook.xml"] != nil:
			return nil, &Error{Code: "unsupported", Message: officeKind("Excel 工作簿", ".xlsx", ext) + "请提交报告的 .docx、.pdf 或文字。"}
		case parts["ppt/presentation.xml"] != nil:
			return nil, &Error{Code: "unsupported", Message: officeKind("PowerPoint 演示文稿", ".pptx", ext) + "请提交报告的 .docx、.pdf 或文字。"}
		}
	}
	main := mainDocument(parts)
	if main == nil {
		return nil, &Error{Code: "unsupported", Message: "这是压缩包，不是 Word 文档（找不到 word/document.xml）。请解压后分别检查其中的报告。"}
	}
	body, rerr := readPart(main)
	if rerr != nil {
		return nil, rerr
	}
	var d docxReader
	if f := parts["word/numbering.xml"]; f != nil {
		if b, err := readPart(f); err == nil {
			d.nums = parseNumbering(b)
		}
	}
	if f := parts["word/styles.xml"]; f != nil {
		if b, err := readPart(f); err == nil {
			d.styles = parseStyles(b)
		}
	}
	if err := d.read(body); err != nil {
		return nil, err
	}
	doc := d.out.doc(Docx, "")
	if strings.TrimSpace(doc.Text) == "" {
		if hasMedia(parts) {
			return nil, &Error{Code: "empty", Message: "Word 文档中没有文字，只有图片（可能是扫描件）。扫描件需要先做文字识别（OCR），或找到报告的文字版本。"}
		}
		return nil, &Error{Code: "empty", Message: "Word 文档中没有文字：文档是空的。请打开核对是否选错了文件。"}
	}
	return doc, nil
}

// officeKind says what an Office file is, and that its name says
// otherwise when it does: a workbook renamed .docx is "这是 Excel 工作簿，
// 不是 Word 文档（文件名是 .docx，可能改过扩展名）。".
func officeKind(kind, real, ext string) string {
	if ext == "" || ext == real {
		return "这是 " + kind + "（" + real + "），不是年度报告文档。"
	}
	if ext == ".docx" || ext == ".doc" || ext == ".wps" {
		return "这是 " + kind + "，不是 Word 文档（文件名是 " + ext + "，可能改过扩展名）。"
	}
	return "这是 " + kind + "（文件名是 " + ext + "，可能改过扩展名），不是年度报告文档。"
}

// hasMedia: the document holds pictures (word/media/…), as a scan pasted
// into Word does.
func hasMedia(parts map[string]*zip.File) bool {
	for name := range parts {
		if strings.HasPrefix(name, "word/media/") {
			return true
		}
	}
	return false
}

// mainDocument finds the document part: word/document.xml, or what the
// package relationships name (some writers use another name).
func mainDocument(parts map[string]*zip.File) *zip.File {
	if f := parts["word/document.xml"]; f != nil {
		return f
	}
	rels := parts["_rels/.rels"]
	if rels == nil {
		return nil
	}
	b, err := readPart(rels)
	if err != nil {
		return nil
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" &&
			strings.HasSuffix(attr(se, "Type"), "/officeDocument") {
			return parts[strings.TrimPrefix(attr(se, "Target"), "/")]
		}
	}
}

func readPart(f *zip.File) ([]byte, *Error) {
	if f.UncompressedSize64 > maxPartBytes {
		return nil, &Error{Code: "too-large", Message: fmt.Sprintf("Word 文档的 %s 解压后有 %d MB，超过上限 %d MB（可能是压缩炸弹）。", f.Name, f.UncompressedSize64>>20, maxPartBytes>>20)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Code: "format", Message: "Word 文档的 " + f.Name + " 无法解压（" + err.Error() + "）。请用 Word/WPS 打开后重新保存。"}
	}
	defer rc.Close()
	// The size in the header can lie; the read is bounded all the same.
	b, err := io.ReadAll(io.LimitReader(rc, maxPartBytes+1))
	if err != nil {
		return nil, &Error{Code: "format", Message: "Word 文档的 " + f.Name + " 已损坏（" + err.Error() + "）。请用 Word/WPS 打开后重新保存。"}
	}
	if len(b) > maxPartBytes {
		return nil, &Error{Code: "too-large", Message: fmt.Sprintf("Word 文档的 %s 解压后超过 %d MB（可能是压缩炸弹）。", f.Name, maxPartBytes>>20)}
	}
	return b, nil
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxReader walks word/document.xml.
type docxReader struct {
	out    builder
	nums   numbering
	styles map[string]styleDef
	count  map[string][]int // numId → counters per level

	paras  int // w:p seen, in document order (also in tables)
	tables int // top-level tables
	blank  bool

	// The paragraph being read.
	para     strings.Builder
	pStyle   string
	numID    string
	ilvl     int
	hasNumPr bool

	// Table state: depth of w:tbl; the top-level table's row and cells.
	tblDepth int
	rowIndex int
	cellNo   int
	skipCell bool // a continuation of a merged cell
	cell     strings.Builder
	cells    []string
	cellW    []Where
}

func (d *docxReader) read(body []byte) *Error {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	// RawToken: names keep their prefixes unresolved (only local names are
	// read) and end tags are not matched, which the depth count does; it
	// is several times faster than Token.
	depth := 0
	skip := 0 // > 0 inside an element whose text is not read (deleted text, field codes, alternatives)
	inT := false
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return &Error{Code: "format", Line: line, Message: fmt.Sprintf("Word 文档的正文（word/document.xml 第 %d 行）不是有效的 XML（%v）。请用 Word/WPS 打开后重新保存。", line, err)}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return &Error{Code: "format", Message: fmt.Sprintf("Word 文档嵌套超过 %d 层，不是正常的文档。", maxXMLDepth)}
			}
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "del", "moveFrom", "instrText", "delText", "Choice", "drawing", "pict", "object", "footnoteReference", "commentReference":
				skip = 1
			case "p":
				d.startPara()
			case "pStyle":
				d.pStyle = attr(t, "val")
			case "numPr":
				d.hasNumPr = true
			case "ilvl":
				d.ilvl, _ = strconv.Atoi(attr(t, "val"))
			case "numId":
				d.numID = attr(t, "val")
			case "t":
				inT = true
			case "tab":
				if depth > 0 && !d.inPPr(t) {
					d.para.WriteByte('\t')
				}
			case "br", "cr":
				if attr(t, "type") != "page" && attr(t, "type") != "column" {
					d.lineBreak()
				}
			case "noBreakHyphen":
				d.para.WriteByte('-')
			case "tbl":
				d.tblDepth++
				if d.tblDepth == 1 {
					d.tables++
					d.rowIndex = 0
				}
			case "tr":
				if d.tblDepth == 1 {
					d.rowIndex++
					d.cellNo = 0
					d.cells, d.cellW = d.cells[:0], d.cellW[:0]
				}
			case "tc":
				if d.tblDepth == 1 {
					d.cellNo++
					d.skipCell = false
					d.cell.Reset()
				}
			case "vMerge":
				if d.tblDepth == 1 && attr(t, "val") != "restart" {
					d.skipCell = true // continues the cell above
				}
			case "hMerge":
				if d.tblDepth == 1 && attr(t, "val") != "restart" {
					d.skipCell = true
				}
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inT = false
			case "p":
				d.endPara()
			case "tc":
				if d.tblDepth == 1 && !d.skipCell {
					d.cells = append(d.cells, oneLine(d.cell.String()))
					d.cellW = append(d.cellW, Where{Table: d.tables, Row: d.rowIndex, Cell: d.cellNo})
				}
			case "tr":
				if d.tblDepth == 1 {
					d.endRow()
				}
			case "tbl":
				d.tblDepth--
			}
		case xml.CharData:
			if inT && skip == 0 {
				d.para.Write(t)
			}
		}
	}
	return nil
}

// inPPr: a w:tab inside paragraph properties is a tab stop, not a tab.
// Tab stops sit in w:tabs (plural), so a w:tab start element there has
// attributes w:val and w:pos.
func (d *docxReader) inPPr(t xml.StartElement) bool { return attr(t, "pos") != "" }

func (d *docxReader) startPara() {
	d.paras++
	d.para.Reset()
	d.pStyle, d.numID, d.ilvl, d.hasNumPr = "", "", 0, false
}

// lineBreak: a manual line break inside a paragraph.
func (d *docxReader) lineBreak() { d.para.WriteByte('\n') }

func (d *docxReader) endPara() {
	text := d.para.String()
	if p := d.numberPrefix(); p != "" && strings.TrimSpace(text) != "" {
		text = p + text
	}
	if d.tblDepth > 0 {
		// A cell's paragraphs (and nested tables) make one line.
		if s := oneLine(text); s != "" {
			if d.cell.Len() > 0 {
				d.cell.WriteByte(' ')
			}
			d.cell.WriteString(s)
		}
		return
	}
	wrote := false
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		d.out.line(strings.TrimRight(l, " \t\u3000"), Where{Paragraph: d.paras})
		wrote = true
	}
	if !wrote {
		d.out.blank()
	}
}

func (d *docxReader) endRow() {
	for _, c := range d.cells {
		if c != "" {
			d.out.row(d.cells, d.cellW)
			return
		}
	}
}

// oneLine: a cell's text on one line, white space collapsed.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// Numbering: Word's list feature writes 一、 （一） 1. as numbering, not as
// text. The adapter counts the numbered paragraphs as Word does and writes
// the numbers into the text, so the section headings read as they print.

type numbering struct {
	abstract map[string]map[int]numLevel // abstractNumId → level → format
	nums     map[string]numInstance      // numId → instance
}

type numLevel struct {
	start int
	fmt   string // numFmt: decimal, chineseCounting, …
	text  string // lvlText: "%1、"
}

type numInstance struct {
	abstract string
	starts   map[int]int // level → start override
}

type styleDef struct {
	basedOn string
	numID   string
	ilvl    int
	hasNum  bool
}

func parseNumbering(b []byte) numbering {
	n := numbering{abstract: map[string]map[int]numLevel{}, nums: map[string]numInstance{}}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var absID, numID string
	lvl, overLvl := -1, -1
	var cur numLevel
	for {
		tok, err := dec.Token()
		if err != nil {
			return n
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				absID, numID = attr(t, "abstractNumId"), ""
				n.abstract[absID] = map[int]numLevel{}
			case "num":
				numID, absID = attr(t, "numId"), ""
				n.nums[numID] = numInstance{starts: map[int]int{}}
			case "abstractNumId":
				if numID != "" {
					inst := n.nums[numID]
					inst.abstract = attr(t, "val")
					n.nums[numID] = inst
				}
			case "lvl":
				if absID != "" {
					lvl, _ = strconv.Atoi(attr(t, "ilvl"))
					cur = numLevel{start: 1, fmt: "decimal"}
				}
			case "lvlOverride":
				overLvl, _ = strconv.Atoi(attr(t, "ilvl"))
			case "startOverride":
				if numID != "" && overLvl >= 0 {
					v, _ := strconv.Atoi(attr(t, "val"))
					n.nums[numID].starts[overLvl] = v
				}
			case "start":
				if lvl >= 0 {
					cur.start, _ = strconv.Atoi(attr(t, "val"))
				}
			case "numFmt":
				if lvl >= 0 {
					cur.fmt = attr(t, "val")
				}
			case "lvlText":
				if lvl >= 0 {
					cur.text = attr(t, "val")
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "lvl":
				if absID != "" && lvl >= 0 {
					n.abstract[absID][lvl] = cur
				}
				lvl = -1
			case "lvlOverride":
				overLvl = -1
			}
		}
	}
}

func parseStyles(b []byte) map[string]styleDef {
	out := map[string]styleDef{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var id string
	var cur styleDef
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, cur = attr(t, "styleId"), styleDef{}
			case "basedOn":
				cur.basedOn = attr(t, "val")
			case "numId":
				cur.numID, cur.hasNum = attr(t, "val"), true
			case "ilvl":
				cur.ilvl, _ = strconv.Atoi(attr(t, "val"))
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				out[id] = cur
				id = ""
			}
		}
	}
}

// numberPrefix counts the current paragraph in its list and returns its
// number as Word prints it ("一、", "（二）"), or "".
func (d *docxReader) numberPrefix() string {
	numID, ilvl, ok := d.numID, d.ilvl, d.hasNumPr && d.numID != ""
	if !ok {
		// Numbering through the paragraph's style (headings often).
		seen := 0
		for s := d.pStyle; s != "" && seen < 20; seen++ {
			st, found := d.styles[s]
			if !found {
				break
			}
			if st.hasNum {
				numID, ilvl, ok = st.numID, st.ilvl, true
				if d.hasNumPr && d.numID == "" {
					ilvl = d.ilvl
				}
				break
			}
			s = st.basedOn
		}
	}
	if !ok || numID == "0" {
		return ""
	}
	inst, found := d.nums.nums[numID]
	if !found {
		return ""
	}
	levels := d.nums.abstract[inst.abstract]
	if levels == nil || ilvl < 0 || ilvl > 8 {
		return ""
	}
	if d.count == nil {
		d.count = map[string][]int{}
	}
	c := d.count[numID]
	if c == nil {
		c = make([]int, 9)
		for l := range c {
			c[l] = startOf(levels, inst, l) - 1
		}
		d.count[numID] = c
	}
	c[ilvl]++
	for l := ilvl + 1; l < 9; l++ {
		c[l] = startOf(levels, inst, l) - 1
	}
	lv := levels[ilvl]
	if lv.fmt == "none" || lv.text == "" {
		return ""
	}
	var b strings.Builder
	t := lv.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			l := int(t[i+1] - '1')
			b.WriteString(formatNumber(c[l], levels[l].fmt))
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	s := b.String()
	if lv.fmt == "bullet" {
		return ""
	}
	return s
}

func startOf(levels map[int]numLevel, inst numInstance, l int) int {
	if v, ok := inst.starts[l]; ok {
		return v
	}
	if lv, ok := levels[l]; ok {
		return lv.start
	}
	return 1
}

// formatNumber writes n in a Word number format.
func formatNumber(n int, f string) string {
	switch f {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital", "japaneseDigitalTenThousand":
		return chineseNumber(n)
	case "chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal":
		return strings.NewReplacer("一", "壹", "二", "贰", "三", "叁", "四", "肆", "五", "伍", "六", "陆", "七", "柒", "八", "捌", "九", "玖", "十", "拾").Replace(chineseNumber(n))
	case "ideographTraditional":
		stems := []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"}
		if n >= 1 && n <= 10 {
			return stems[n-1]
		}
	case "ideographZodiac":
		br := []string{"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"}
		if n >= 1 && n <= 12 {
			return br[n-1]
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteRune(r - '0' + '０')
		}
		return b.String()
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune('⑴' + n - 1))
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 {
			s := string(rune('A' + (n-1)%26))
			s = strings.Repeat(s, (n-1)/26+1)
			if f == "lowerLetter" {
				s = strings.ToLower(s)
			}
			return s
		}
	case "upperRoman", "lowerRoman":
		s := roman(n)
		if f == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	}
	return strconv.Itoa(n)
}

func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 0:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		s := "十"
		if n%10 > 0 {
			s += digits[n%10]
		}
		return s
	case n < 100:
		s := digits[n/10] + "十"
		if n%10 > 0 {
			s += digits[n%10]
		}
		return s
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
