package parse

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

// The parser works on lines, but not every copy has them: web archives and
// scrapers drop every line break, and a whole report arrives as one line
// ("…工作年度报告一、总体情况2025年,…。二、主动公开政府信息情况…"). Such a line
// is cut into segments the parser then treats as lines: before and after
// a heading found inside it (a numeral and an official title), after each
// sentence end, and between the two pipes of "||" (where the line break of
// a pipe table was). Segments keep their byte offsets, so every position
// still points into the input.

// longLine: a line longer than this (in bytes) is cut at sentence ends
// too. A paragraph of a normal report is shorter.
const longLine = 1500

type lineInfo struct {
	start, end int // byte offsets of the text without the line ending
	// ts, te: the line's bounds without the white space around it
	// (normalize.TrimSpace), found once by classify for every pass.
	ts, te int32
	// virtual: the segment does not start at the start of a physical line.
	virtual bool
	// prose: isProseLine of the line, once asked (proseUnknown before).
	prose uint8
}

const (
	proseUnknown uint8 = iota
	proseNo
	proseYes
)

// classify finds, once for each line, what several passes ask of it: its
// text without the white space around it.
func classify(text string, lines []lineInfo) {
	for i := range lines {
		l := &lines[i]
		i, j := normalize.TrimSpaceBounds(text[l.start:l.end])
		l.ts, l.te = int32(l.start+i), int32(l.start+j)
	}
}

// segments returns the lines of src, cut as described above, and whether
// the text is one long line (or a few): then a segment that starts after a
// sentence end may start a sub-heading "（一）…". tick, when not nil, is
// called once a line (Doc.tick).
func segments(src *source.Source, tick func()) ([]lineInfo, bool) {
	n := src.LineCount()
	out := make([]lineInfo, 0, n)
	longest := 0
	for i := 1; i <= n; i++ {
		if tick != nil {
			tick()
		}
		st := src.LineStart(i)
		text := src.Line(i)
		longest = max(longest, len(text))
		if len(text) <= longLine {
			out = append(out, lineInfo{start: st, end: st + len(text)})
			continue
		}
		out = cutLine(out, text, st)
	}
	return out, longest > longLine && longest*2 > len(src.Text)
}

// cutLine appends the segments of one long line.
func cutLine(out []lineInfo, text string, st int) []lineInfo {
	var cuts []int // byte offsets in text where a new segment starts
	for _, h := range midHeadings(text) {
		cuts = append(cuts, h[0], h[1])
	}
	// The title: "…政府信息公开工作年度报告" near the start.
	if k := strings.Index(text, "年度报告"); k >= 0 && k < 400 {
		cuts = append(cuts, k+len("年度报告"))
	}
	for i := 0; i < len(text); {
		r, size := normalize.DecodeRune(text[i:])
		switch {
		case r == '。' || r == '！' || r == '？':
			cuts = append(cuts, i+size)
		case r == '|' && i+1 < len(text) && text[i+1] == '|':
			cuts = append(cuts, i+1)
		case (r == '（' || r == '(') && subTitleAt(text[i:]) && !strings.HasSuffix(text[:i], "第"):
			cuts = append(cuts, i)
		}
		i += size
	}
	sortInts(cuts)
	prev := 0
	for _, c := range cuts {
		if c <= prev || c >= len(text) {
			continue
		}
		if normalize.TrimSpace(text[prev:c]) != "" {
			out = append(out, lineInfo{start: st + prev, end: st + c, virtual: prev > 0})
		}
		prev = c
	}
	if normalize.TrimSpace(text[prev:]) != "" || prev == 0 {
		out = append(out, lineInfo{start: st + prev, end: st + len(text), virtual: prev > 0})
	}
	return out
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// sectionTitles: the folded titles (official, variants, old) that mark a
// heading inside a line.
var sectionTitles = func() []string {
	var out []string
	for _, s := range format.Sections {
		out = append(out, normalize.Label(s.Title))
		for _, v := range s.Variants {
			out = append(out, normalize.Label(v))
		}
		for _, o := range s.Old {
			out = append(out, normalize.Label(o))
		}
	}
	return out
}()

// midHeadings finds headings inside a line: a numeral 一…十 and "、" (or
// "第一部分"), then one of the section titles. It returns [start, end) byte
// ranges of each, title included. A run of them close together is a list
// of the parts (a table of contents, an introduction), not headings.
func midHeadings(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "、")
		if j < 0 {
			break
		}
		at := i + j
		i = at + len("、")
		// The numeral before "、".
		k := at
		for k > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:k])
			if !strings.ContainsRune("一二三四五六七八九十", r) {
				break
			}
			k -= size
		}
		if k == at || format.NumeralValue(text[k:at]) == 0 {
			continue
		}
		if k > 0 {
			// Not inside a word: "第一、" or "统一、" are not numerals.
			if r, _ := utf8.DecodeLastRuneInString(text[:k]); r == '第' || r == '统' || r == '之' {
				continue
			}
		}
		end := titleEnd(text, i)
		if end < 0 {
			continue
		}
		out = append(out, [2]int{k, end})
	}
	out = append(out, bareTitles(text)...)
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	// Drop lists: a candidate followed by the next within a few characters.
	var kept [][2]int
	for x, h := range out {
		if x+1 < len(out) && utf8.RuneCountInString(text[h[1]:out[x+1][0]]) < 8 {
			continue
		}
		if x > 0 && utf8.RuneCountInString(text[out[x-1][1]:h[0]]) < 8 {
			continue
		}
		kept = append(kept, h)
	}
	return kept
}

// titleEnd: when text[i:] starts with a section title (spaces and width
// ignored), the byte offset where the title ends; -1 otherwise. The 表三
// rows that look like headings ("三、本年度办理结果", "四、结转下年度继续办理")
// are not titles.
func titleEnd(text string, i int) int {
	var buf [128]byte
	fold := buf[:0]
	ends := make([]int, 0, 48) // byte offset in text after each folded rune
	for p := i; p < len(text) && len(fold) < 120; {
		r, size := normalize.DecodeRune(text[p:])
		p += size
		if r >= 0x4E00 && r <= 0x9FFF {
			fold = utf8.AppendRune(fold, r)
			ends = append(ends, p)
			continue
		}
		r = normalize.Rune(r)
		if r < 0 || normalize.IsSpace(r) {
			continue
		}
		fold = utf8.AppendRune(fold, r)
		ends = append(ends, p)
	}
	best := -1
	for _, t := range sectionTitles {
		if len(t) > len(fold) || string(fold[:len(t)]) != t {
			continue
		}
		n := utf8.RuneCountInString(t)
		if e := ends[n-1]; e > best {
			best = e
		}
	}
	return best
}

// bareTitles finds official titles written without their numeral inside a
// line ("…培训。主动公开政府信息情况\t第二十条…"): only where a heading can
// stand, after a sentence end, a cell or a number and before a cell mark,
// a number or the start of a table.
func bareTitles(text string) [][2]int {
	var out [][2]int
	for _, sec := range format.Sections {
		title := sec.Title
		for off := 0; ; {
			j := strings.Index(text[off:], title)
			if j < 0 {
				break
			}
			at := off + j
			end := at + len(title)
			off = end
			if at > 0 {
				r, _ := utf8.DecodeLastRuneInString(text[:at])
				if !(strings.ContainsRune("。；;：:!！?？|\t ", r) || isDigitRune(r) || normalize.IsSpace(r)) {
					continue
				}
			}
			if end < len(text) {
				r, _ := normalize.DecodeRune(text[end:])
				rest := text[end:]
				if !(strings.ContainsRune("|\t 。", r) || isDigitRune(r) || normalize.IsSpace(r) ||
					strings.HasPrefix(rest, "第二十条") || strings.HasPrefix(rest, "（本列") || strings.HasPrefix(rest, "(本列") || strings.HasPrefix(rest, "申请人情况")) {
					continue
				}
			}
			out = append(out, [2]int{at, end})
		}
	}
	return out
}

// subTitleAt: text starts like a sub-heading: "（一）强化业务培训。" — a
// bracketed numeral and a short title up to "。" or "：", with no comma (an
// enumeration inside a sentence has commas or semicolons).
func subTitleAt(text string) bool {
	sh, ok := subHeadingOf(text[:min(len(text), 12)])
	if !ok || sh.N == 0 {
		return false
	}
	close := strings.IndexAny(text, "）)")
	rest := text[close+1:]
	if strings.HasPrefix(rest, "项") || strings.HasPrefix(rest, "款") {
		return false // "第二十条第（八）项"
	}
	n := 0
	for _, r := range rest {
		switch r {
		case '。', '：', ':':
			return n >= 2
		case '，', ',', '；', ';', '、':
			return false
		}
		n++
		if n > 25 {
			return false
		}
	}
	return false
}
