package input

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a .docx: a real report's document.xml is 0.1–3 MB; anything
// far beyond is a zip bomb or not a report, and is refused before it costs
// memory or time.
const (
	maxZipEntries = 5000
	maxPartBytes  = 64 << 20 // word/document.xml, unpacked (read as a stream)
	maxSideBytes  = 4 << 20  // numbering, styles, relationships: 10–300 KB in real files
	maxXMLDepth   = 256
)

// Limits of Word's list numbering. Word itself takes list numbers from 0
// to 32767 (w:start, w:startOverride and the counters); a label ("一、",
// "（二）", "1.1") is a few characters. A number or label beyond these is
// not what Word prints: the paragraph gets no label rather than a wrong
// one. All labels of a document together add at most maxNumberingBytes
// (a report has about a hundred numbered paragraphs, 1–2 KB of labels);
// beyond it the file is refused.
const (
	maxListNumber     = 32767
	maxLabelBytes     = 256
	maxNumberingBytes = 1 << 20
)

// unpacked names what grows past the limits when a .docx is read.
const unpacked = "Word 文档展开后"

// readZip reads a zip-based file: a Word document (.docx, also as WPS
// saves it), or says what else it is.
func readZip(raw []byte, ext string) (*Doc, *Error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, &Error{Code: "format", Message: "文件是压缩格式（如 .docx），但" + zipProblem(err) + "，无法打开。请用 Word/WPS 打开后重新保存为 .docx。"}
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
	var d docxReader
	if f := parts["word/numbering.xml"]; f != nil {
		b, err := readPart(f, maxSideBytes)
		if err != nil && err.Code == "too-large" {
			return nil, err
		}
		if err == nil {
			d.nums = parseNumbering(b)
		}
	}
	if f := parts["word/styles.xml"]; f != nil {
		b, err := readPart(f, maxSideBytes)
		if err != nil && err.Code == "too-large" {
			return nil, err
		}
		if err == nil {
			d.styles = parseStyles(b)
		}
	}
	body, rerr := openPart(main)
	if rerr != nil {
		return nil, rerr
	}
	defer body.Close()
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
	b, err := readPart(rels, maxSideBytes)
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

// readPart reads a small part (numbering, styles, relationships) whole.
func readPart(f *zip.File, limit int64) ([]byte, *Error) {
	rc, err := openLimited(f, limit)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, rerr := io.ReadAll(rc)
	if rerr != nil {
		return nil, partError(f.Name, limit, rerr)
	}
	return b, nil
}

// openPart opens word/document.xml to be read as a stream: its text is
// counted as it is produced, so a bomb stops at the input limit without
// the part ever being held whole.
func openPart(f *zip.File) (*limitedPart, *Error) { return openLimited(f, maxPartBytes) }

func openLimited(f *zip.File, limit int64) (*limitedPart, *Error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, partTooLarge(f.Name, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Code: "format", Message: "Word 文档的 " + f.Name + " 无法解压（" + zipProblem(err) + "）。请用 Word/WPS 打开后重新保存。"}
	}
	// The size in the header can lie; the read is bounded all the same.
	return &limitedPart{rc: rc, left: limit}, nil
}

func partTooLarge(name string, limit int64) *Error {
	return &Error{Code: "too-large", Message: fmt.Sprintf("输入过大：Word 文档的 %s 解压后超过上限 %d MB（可能是压缩炸弹）。请用 Word/WPS 打开后重新保存。", name, limit>>20)}
}

// partError words an error met while unpacking a part.
func partError(name string, limit int64, err error) *Error {
	if errors.Is(err, errPartTooLarge) {
		return partTooLarge(name, limit)
	}
	return &Error{Code: "format", Message: "Word 文档的 " + name + " 已损坏（" + zipProblem(err) + "）。请用 Word/WPS 打开后重新保存。"}
}

var errPartTooLarge = errors.New("part too large")

// limitedPart reads a part and fails with errPartTooLarge past its limit.
type limitedPart struct {
	rc   io.ReadCloser
	left int64
}

func (p *limitedPart) Read(b []byte) (int, error) {
	if p.left <= 0 {
		// At the limit: the part may end exactly here.
		var one [1]byte
		if n, err := p.rc.Read(one[:]); n == 0 && err != nil {
			return 0, err
		}
		return 0, errPartTooLarge
	}
	if int64(len(b)) > p.left {
		b = b[:p.left]
	}
	n, err := p.rc.Read(b)
	p.left -= int64(n)
	return n, err
}

func (p *limitedPart) Close() error { return p.rc.Close() }

// zipProblem says in Chinese what is wrong with a zip file or a part of
// it (archive/zip and compress/flate word their errors in English).
func zipProblem(err error) string {
	switch {
	case errors.Is(err, zip.ErrFormat):
		return "不是有效的压缩文件，已损坏或不完整"
	case errors.Is(err, zip.ErrAlgorithm):
		return "使用了不支持的压缩方法"
	case errors.Is(err, zip.ErrChecksum):
		return "校验和不符，文件已损坏"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "文件不完整，已损坏"
	}
	var fe flate.CorruptInputError
	if errors.As(err, &fe) {
		return "压缩数据已损坏"
	}
	return "已损坏或不完整"
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
	para     textBuf
	pStyle   string
	numID    string
	ilvl     int
	hasNumPr bool

	// Table state: depth of w:tbl; the top-level table's row and cells.
	tblDepth int
	rowIndex int
	cellNo   int
	skipCell bool // a continuation of a merged cell
	cell     textBuf
	cells    []string
	cellW    []Where

	labels int // bytes of list labels written so far

	names map[string]string // style and list ids seen, made strings once
}

// intern returns b as a string, the same string for the same bytes: a
// document names a few styles and lists in thousands of paragraphs.
func (d *docxReader) intern(b []byte) string {
	if s, ok := d.names[string(b)]; ok {
		return s
	}
	if d.names == nil {
		d.names = map[string]string{}
	}
	s := string(b)
	if len(d.names) < 1024 {
		d.names[s] = s
	}
	return s
}

// textBuf is the text of the paragraph or cell being read: reused from
// one to the next, not a new buffer each time (strings.Builder's Reset).
type textBuf []byte

func (b *textBuf) WriteByte(c byte) error { *b = append(*b, c); return nil }
func (b *textBuf) Write(p []byte)         { *b = append(*b, p...) }
func (b *textBuf) WriteString(s string)   { *b = append(*b, s...) }
func (b *textBuf) Len() int               { return len(*b) }
func (b *textBuf) Reset()                 { *b = (*b)[:0] }
func (b *textBuf) String() string         { return string(*b) }

// over says whether the text read so far (written, and pending in the
// paragraph, cell and row being read) is past the input limits.
func (d *docxReader) over() *Error {
	if err := d.out.over(unpacked, d.para.Len()+d.cell.Len(), 2*len(d.cells)); err != nil {
		return err
	}
	if d.labels > maxNumberingBytes {
		return overLimit(fmt.Sprintf("Word 文档的列表编号展开后超过上限 %d MB（编号数值或编号格式异常）", maxNumberingBytes>>20))
	}
	return nil
}

func (d *docxReader) read(body *limitedPart) *Error {
	// xmlScanner, as RawToken would: names keep their prefixes unresolved
	// (only local names are read) and end tags are not matched, which the
	// depth count does.
	sc := newXMLScanner(body)
	depth := 0
	skip := 0 // > 0 inside an element whose text is not read (deleted text, field codes, alternatives)
	inT := false
	for {
		err := sc.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var syn *xmlSyntaxError
			if !errors.As(err, &syn) {
				return partError("word/document.xml", maxPartBytes, err)
			}
			line := syn.Line
			return &Error{Code: "format", Line: line, Message: fmt.Sprintf("Word 文档的正文（word/document.xml 第 %d 行）不是有效的 XML。请用 Word/WPS 打开后重新保存。", line)}
		}
		if e := d.over(); e != nil {
			return e
		}
		switch sc.kind {
		case xmlStart:
			depth++
			if depth > maxXMLDepth {
				return &Error{Code: "format", Message: fmt.Sprintf("Word 文档嵌套超过 %d 层，不是正常的文档。", maxXMLDepth)}
			}
			if skip > 0 {
				skip++
				continue
			}
			switch string(sc.name) {
			case "del", "moveFrom", "instrText", "delText", "Choice", "drawing", "pict", "object", "footnoteReference", "commentReference":
				skip = 1
			case "p":
				d.startPara()
			case "pStyle":
				d.pStyle = d.intern(sc.attrBytes("val"))
			case "numPr":
				d.hasNumPr = true
			case "ilvl":
				d.ilvl, _ = strconv.Atoi(string(sc.attrBytes("val")))
			case "numId":
				d.numID = d.intern(sc.attrBytes("val"))
			case "t":
				inT = true
			case "tab":
				if depth > 0 && !d.inPPr(sc) {
					d.para.WriteByte('\t')
				}
			case "br", "cr":
				if typ := sc.attrBytes("type"); string(typ) != "page" && string(typ) != "column" {
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
				if d.tblDepth == 1 && string(sc.attrBytes("val")) != "restart" {
					d.skipCell = true // continues the cell above
				}
			case "hMerge":
				if d.tblDepth == 1 && string(sc.attrBytes("val")) != "restart" {
					d.skipCell = true
				}
			}
		case xmlEnd:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			switch string(sc.name) {
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
		case xmlText:
			if inT && skip == 0 {
				d.para.Write(sc.text)
			}
		}
	}
	return nil
}

// inPPr: a w:tab inside paragraph properties is a tab stop, not a tab.
// Tab stops sit in w:tabs (plural), so a w:tab start element there has
// attributes w:val and w:pos.
func (d *docxReader) inPPr(sc *xmlScanner) bool { return len(sc.attrBytes("pos")) > 0 }

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
	for rest := text; ; {
		l, more, found := strings.Cut(rest, "\n")
		if strings.TrimSpace(l) != "" {
			d.out.line(strings.TrimRight(l, " \t\u3000"), Where{Paragraph: d.paras})
			wrote = true
		}
		if !found {
			break
		}
		rest = more
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
	spaced := false
	for _, r := range s {
		if r < utf8.RuneSelf && asciiSpace(byte(r)) || r >= 0x80 && unicode.IsSpace(r) {
			spaced = true
			break
		}
	}
	if !spaced {
		return s // most cells: nothing to collapse, nothing to copy
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

func asciiSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

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
	sc := newXMLScanner(bytes.NewReader(b))
	var absID, numID string
	lvl, overLvl := -1, -1
	var cur numLevel
	for {
		if sc.next() != nil {
			return n
		}
		switch sc.kind {
		case xmlStart:
			switch string(sc.name) {
			case "abstractNum":
				absID, numID = sc.attr("abstractNumId"), ""
				n.abstract[absID] = map[int]numLevel{}
			case "num":
				numID, absID = sc.attr("numId"), ""
				n.nums[numID] = numInstance{starts: map[int]int{}}
			case "abstractNumId":
				if numID != "" {
					inst := n.nums[numID]
					inst.abstract = sc.attr("val")
					n.nums[numID] = inst
				}
			case "lvl":
				if absID != "" {
					lvl = level(sc.attr("ilvl"))
					cur = numLevel{start: 1, fmt: "decimal"}
				}
			case "lvlOverride":
				overLvl = level(sc.attr("ilvl"))
			case "startOverride":
				if numID != "" && overLvl >= 0 {
					n.nums[numID].starts[overLvl] = listStart(sc.attr("val"))
				}
			case "start":
				if lvl >= 0 {
					cur.start = listStart(sc.attr("val"))
				}
			case "numFmt":
				if lvl >= 0 {
					cur.fmt = sc.attr("val")
				}
			case "lvlText":
				if lvl >= 0 {
					cur.text = sc.attr("val")
				}
			}
		case xmlEnd:
			switch string(sc.name) {
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

// level reads a list level (w:ilvl): 0–8, or -1 for any other value.
func level(v string) int {
	l, err := strconv.Atoi(v)
	if err != nil || l < 0 || l > 8 {
		return -1
	}
	return l
}

// listStart reads a start value. One Word would not take (beyond 0–32767)
// is kept as past the limit, so the list's labels are left out.
func listStart(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > maxListNumber {
		return maxListNumber + 1
	}
	return n
}

func parseStyles(b []byte) map[string]styleDef {
	out := map[string]styleDef{}
	sc := newXMLScanner(bytes.NewReader(b))
	var id string
	var cur styleDef
	for {
		if sc.next() != nil {
			return out
		}
		switch sc.kind {
		case xmlStart:
			switch string(sc.name) {
			case "style":
				id, cur = sc.attr("styleId"), styleDef{}
			case "basedOn":
				cur.basedOn = sc.attr("val")
			case "numId":
				cur.numID, cur.hasNum = sc.attr("val"), true
			case "ilvl":
				cur.ilvl, _ = strconv.Atoi(sc.attr("val"))
			}
		case xmlEnd:
			if string(sc.name) == "style" && id != "" {
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
	if lv.fmt == "none" || lv.fmt == "bullet" || lv.text == "" {
		return ""
	}
	s := label(lv.text, c, levels)
	d.labels += len(s)
	return s
}

// label writes a level's text (lvlText, "%1.%2") with the counters c in
// their levels' formats, or "" when a number is beyond Word's range or
// the label beyond maxLabelBytes: no label rather than a wrong one.
func label(t string, c []int, levels map[int]numLevel) string {
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		part := t[i : i+1]
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			l := int(t[i+1] - '1')
			if c[l] > maxListNumber {
				return ""
			}
			part = formatNumber(c[l], levels[l].fmt)
			if part == "" {
				return ""
			}
			i++
		}
		if b.Len()+len(part) > maxLabelBytes {
			return ""
		}
		b.WriteString(part)
	}
	return b.String()
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

// formatNumber writes n in a Word number format, or "" for a letter
// label longer than maxLabelBytes.
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
		// Word repeats the letter: 27 is AA, 53 AAA. The repeat is
		// bounded by the label's limit.
		if n >= 1 && (n-1)/26 < maxLabelBytes {
			s := string(rune('A' + (n-1)%26))
			s = strings.Repeat(s, (n-1)/26+1)
			if f == "lowerLetter" {
				s = strings.ToLower(s)
			}
			return s
		}
		if n >= 1 {
			return ""
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
