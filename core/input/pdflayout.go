package input

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// layoutPDF writes the text of positioned characters as it is laid out on
// the page, never in the order the PDF happens to draw them: characters
// are grouped into lines by their baseline, lines go from the top of the
// page down, and within a line every run of characters starts at the
// column its x position gives (one column per half an em, so a Chinese
// character takes two, a digit one). A table thus keeps its rows on lines
// and its columns in place, the way `pdftotext -layout` prints it, and the
// table reader aligns it to the templates like any copied text; the
// reader's column placement uses the positions to put values in their
// columns. Every run of characters is mapped to its page and point.
func layoutPDF(pages []Page) (*Doc, *Error) {
	var b builder
	any := false
	for pi, p := range pages {
		lines := pageLines(p.Chars)
		if len(lines) > 0 {
			any = true
		}
		writePage(&b, lines, pi+1)
		b.mark(Where{})
		b.b.WriteString("\f\n")
	}
	if !any {
		return nil, &Error{Code: "unsupported", Message: "PDF 中没有文字：扫描件没有文字层，需要先做文字识别（OCR），或找到报告的文字版本。"}
	}
	return b.doc(PDF, ""), nil
}

// pdfLine is one line of a page: its characters in x order and its
// baseline.
type pdfLine struct {
	base  float64
	size  float64
	chars []Char
}

// pageLines groups a page's characters into lines by baseline. Characters
// drawn twice at almost the same place (a common way to fake bold type)
// count once.
func pageLines(chars []Char) []pdfLine {
	cs := make([]Char, 0, len(chars))
	for _, c := range chars {
		if c.R == 0 || c.R == '\r' || c.R == '\n' || c.R == '\uFFFE' || c.R == '\uFFFF' || unicode.IsControl(c.R) {
			continue
		}
		if c.Size <= 0 {
			c.Size = c.Y1 - c.Y0
		}
		if c.Size <= 0 || math.IsNaN(c.OX) || math.IsNaN(c.OY) || math.IsInf(c.OX, 0) || math.IsInf(c.OY, 0) {
			continue
		}
		cs = append(cs, c)
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].OY > cs[j].OY })
	var lines []pdfLine
	for _, c := range cs {
		// A character joins the line whose baseline is within a quarter of
		// its size (lines of a table are a full line apart).
		placed := false
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-3; k-- {
			l := &lines[k]
			if math.Abs(l.base-c.OY) <= 0.25*math.Min(l.size, c.Size) {
				l.chars = append(l.chars, c)
				placed = true
				break
			}
		}
		if !placed {
			lines = append(lines, pdfLine{base: c.OY, size: c.Size, chars: []Char{c}})
		}
	}
	for i := range lines {
		l := &lines[i]
		sort.SliceStable(l.chars, func(a, b int) bool { return l.chars[a].OX < l.chars[b].OX })
		// Drop overprinted duplicates.
		out := l.chars[:0]
		for _, c := range l.chars {
			if n := len(out); n > 0 && out[n-1].R == c.R && math.Abs(out[n-1].OX-c.OX) < 0.3*c.Size {
				continue
			}
			out = append(out, c)
		}
		l.chars = out
		sizes := make([]float64, len(out))
		for k, c := range out {
			sizes[k] = c.Size
		}
		sort.Float64s(sizes)
		l.size = sizes[len(sizes)/2]
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].base > lines[j].base })
	return lines
}

// writePage writes a page's lines. The column unit is half the page's
// common character size; runs of characters separated by more than a
// third of their size are separate runs, placed at their columns with at
// least one space between them. A vertical gap of more than two lines
// leaves one empty line.
func writePage(b *builder, lines []pdfLine, page int) {
	if len(lines) == 0 {
		return
	}
	var sizes []float64
	left := math.Inf(1)
	for _, l := range lines {
		for _, c := range l.chars {
			sizes = append(sizes, c.Size)
			left = math.Min(left, c.OX)
		}
	}
	sort.Float64s(sizes)
	unit := sizes[len(sizes)/2] / 2
	if unit <= 0 {
		unit = 5
	}
	for i, l := range lines {
		if i > 0 {
			gap := lines[i-1].base - l.base
			if gap > 2.5*math.Max(l.size, lines[i-1].size) {
				b.blank()
			}
		}
		var sb strings.Builder
		col := 0
		var prev *Char
		for k := range l.chars {
			c := &l.chars[k]
			if c.R == ' ' || c.R == '\u00a0' || c.R == '\u3000' {
				continue // spaces come from the positions
			}
			newRun := prev == nil || c.X0-prev.X1 > c.Size/3 || c.OX-prev.OX > 2.5*c.Size
			if newRun {
				target := int(math.Round((c.OX - left) / unit))
				if prev != nil && target <= col {
					target = col + 1
				}
				if sb.Len() > 0 || target > 0 {
					sb.WriteString(strings.Repeat(" ", target-col))
					col = target
				}
				b.markAt(b.b.Len()+sb.Len(), Where{Page: page, X: round1(c.OX), Y: round1(c.OY)})
			}
			sb.WriteRune(c.R)
			col += runeWidth(c.R)
			prev = c
		}
		b.b.WriteString(sb.String())
		b.b.WriteByte('\n')
	}
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// runeWidth: two columns for wide (CJK and full-width) characters.
func runeWidth(r rune) int {
	if r >= 0x1100 && (r <= 0x115f || r == 0x2329 || r == 0x232a ||
		(r >= 0x2e80 && r <= 0xa4cf && r != 0x303f) || (r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd)) {
		return 2
	}
	return 1
}
