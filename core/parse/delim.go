package parse

// Where the cells of a table came from decides what a shortfall means. A
// row with too few numbers in a .docx or web-page table, or in text copied
// from Word/WPS (cells split by tabs), really lacks a cell: the writer of
// the file drew the cells, and the reader only counts them. The same row in
// a PDF, a space-aligned or one-line copy, one cell per line, or a Markdown
// table a converter made from a PDF is a doubt of the reading: there the
// reader (or the converter) placed the numbers by their alignment, and a
// number it could not place may well be in the report.

// Delim says how the cells of a table line were delimited.
type Delim uint8

const (
	DelimNone     Delim = iota // nothing read
	DelimPipes                 // cells between pipes: a .docx or web-page table as read, or a pipe copy
	DelimTabs                  // cells split by tabs: a table copied from Word, WPS or a web page
	DelimMarkdown              // a Markdown table with its rule line ("|---|"): a converter (PDF→Markdown) drew the cells
	DelimSpaces                // cells aligned by spaces: a PDF, pdftotext -layout
	DelimLines                 // one cell per line (a copy that lost the cell marks)
	DelimFused                 // digits run together: a copy that lost the separators (one line)
)

// Certain says whether the cells were drawn by the file's writer, so that
// a missing cell is really missing (and an empty one really empty).
func (d Delim) Certain() bool { return d == DelimPipes || d == DelimTabs }

// How says in Chinese where the cells came from, for a message to the
// person checking ("按空格对齐的文字（PDF 或按版式复制的文本）").
func (d Delim) How() string {
	switch d {
	case DelimPipes:
		return "表格单元格"
	case DelimTabs:
		return "以制表符分隔格子的文本（从 Word/WPS 复制）"
	case DelimMarkdown:
		return "转换工具生成的 Markdown 表格（格子由转换工具按位置划分）"
	case DelimSpaces:
		return "按空格对齐的文字（PDF 或按版式复制的文本，空格子不留痕迹）"
	case DelimLines:
		return "一格一行的文字（复制时格子的分隔已丢失）"
	case DelimFused:
		return "数字连在一起的文字（复制时格子间的分隔已丢失）"
	}
	return "无法判断来源的文字"
}

// worse returns the less certain of two delimitations (a before b when
// both are, or neither is).
func worse(a, b Delim) Delim {
	switch {
	case a == DelimNone:
		return b
	case b == DelimNone:
		return a
	case a.Certain() && !b.Certain():
		return b
	}
	return a
}

// lineDelim classifies one tokenized line of a table region.
func lineDelim(lt LineToks, tabbed, cells bool) Delim {
	switch {
	case cells && tabbed:
		return DelimTabs
	case cells:
		return DelimPipes
	}
	n := 0
	for _, t := range lt.Toks {
		if t.Kind != TEmpty {
			n++
		}
	}
	if n <= 1 {
		return DelimLines
	}
	return DelimSpaces
}

// RowDelim is how the cells of a row were delimited: the least certain of
// the lines its values stand on (its label's, when it has none); the
// table's own for a row not found at all.
func (t *Table) RowDelim(row string) Delim {
	if t == nil {
		return DelimNone
	}
	if r := t.Index(row); r >= 0 && t.rows[r].delim != DelimNone {
		return t.rows[r].delim
	}
	return t.Delim
}

// Certain says whether a shortfall of row (a missing cell, a missing row;
// "" for the whole table) is the report's own: its cells were drawn by the
// file's writer. Otherwise it is a doubt of the reading.
func (t *Table) Certain(row string) bool {
	if row == "" {
		return t.Delim.Certain()
	}
	return t.RowDelim(row).Certain()
}

// setDelims records how the table's lines were delimited: per row, from
// the tokens that filled (or failed to fill) it and its label; for the
// table, the most common among its value lines.
func (rd *reading) setDelims() {
	t := rd.t
	var count [DelimFused + 1]int
	for i := range rd.toks {
		if k := rd.toks[i].Kind; k == TValue || k == TFused {
			count[rd.toks[i].Delim]++
		}
	}
	if count == ([DelimFused + 1]int{}) {
		// No value at all: the lines of its labels and blanks say it.
		for i := range rd.toks {
			count[rd.toks[i].Delim]++
		}
	}
	best := DelimNone
	for d := DelimPipes; d <= DelimFused; d++ {
		if count[d] > count[best] || best == DelimNone && count[d] > 0 {
			best = d
		}
	}
	t.Delim = best
	for r := range rd.tp.rows {
		d := DelimNone
		if r < len(rd.slots) {
			for _, s := range rd.slots[r] {
				if s != nil && s.Kind != TEmpty {
					d = worse(d, s.Delim)
				}
			}
		}
		if u := rd.unread[r]; u >= 0 {
			for _, tk := range rd.toks[rd.units[u].first : rd.units[u].first+rd.units[u].n] {
				d = worse(d, tk.Delim)
			}
			if rd.units[u].kind == uFused {
				d = worse(d, DelimFused)
			}
		}
		if rd.fused[r] >= 0 {
			d = worse(d, DelimFused)
		}
		if l := t.rows[r].label; l > 0 && d == DelimNone {
			d = t.Labels[l-1].Delim // a label without values: the line it stands on
		}
		t.rows[r].delim = d
	}
}
