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
//
// A table whose cell borders are drawn is read from them instead
// (pdfgrid.go, "lattice"): its characters go to the cells the lines
// enclose and each row is written as a line of cells between pipes, an
// empty cell a certain blank; the rest of the page keeps this layout
// ("stream"). Doc.PDFTables says which was used.
func layoutPDF(pages []Page) (*Doc, *Error) {
	var b builder
	any, lattice := false, false
	budget := maxMergeWork
	for pi, p := range pages {
		if len(p.Chars) > 0 {
			any = true
		}
		// Characters inside a drawn table go to its cells; the rest are
		// laid out as lines.
		grids := findGrids(p.Rules)
		rest := p.Chars
		if len(grids) > 0 {
			rest = nil
			for _, c := range p.Chars {
				placed := false
				for _, g := range grids {
					if g.place(c) {
						placed = true
						break
					}
				}
				if !placed {
					rest = append(rest, c)
				}
			}
			used := grids[:0]
			for _, g := range grids {
				for _, c := range g.cells {
					if len(c.chars) > 0 {
						used = append(used, g)
						break
					}
				}
			}
			grids = used
		}
		if len(grids) > 0 {
			lattice = true
		}
		if err := writePage(&b, pageLines(rest), grids, pi+1, &budget); err != nil {
			return nil, err
		}
		b.mark(Where{})
		b.b.WriteString("\f\n")
	}
	if !any {
		return nil, &Error{Code: "unsupported", Message: "PDF 中没有文字：扫描件没有文字层，需要先做文字识别（OCR），或找到报告的文字版本。"}
	}
	d := b.doc(PDF, "")
	d.PDFTables = "stream"
	if lattice {
		d.PDFTables = "lattice"
	}
	return d, nil
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

// pdfRun is a run of characters on a line with no gap wider than a third
// of their size: a word, a number, or the text of one table cell.
type pdfRun struct {
	chars   []Char
	x0, x1  float64
	base    float64
	size    float64
	numeric bool // digits (with a sign, point or comma): a table value
}

func lineRuns(l pdfLine) []pdfRun {
	var runs []pdfRun
	for _, c := range l.chars {
		if c.R == ' ' || c.R == '\u00a0' || c.R == '\u3000' {
			continue // spaces come from the positions
		}
		if n := len(runs); n > 0 {
			r := &runs[n-1]
			last := r.chars[len(r.chars)-1]
			step := c.OX - last.OX // from origin to origin: the advance and the gap
			if step >= 0 && (c.X0-last.X1 <= c.Size/3 || step <= last.Size*float64(runeWidth(last.R))/2+c.Size/3) && step <= 2.5*c.Size {
				r.chars = append(r.chars, c)
				r.x1 = math.Max(r.x1, charEnd(c))
				continue
			}
		}
		runs = append(runs, pdfRun{chars: []Char{c}, x0: math.Min(c.X0, c.OX), x1: charEnd(c), base: l.base, size: l.size})
	}
	for i := range runs {
		runs[i].numeric = isNumber(runs[i].chars)
	}
	return runs
}

// charEnd is where a character's advance ends: the ink of 、 or ） ends
// well before the next character starts.
func charEnd(c Char) float64 {
	return math.Max(c.X1, c.OX+c.Size*float64(runeWidth(c.R))/2*0.9)
}

// A run goes on while the next character starts within a third of the
// size after the ink of the last, or after its advance (half an em for a
// digit, an em for a Chinese character or 、).

// isNumber: a table value, digits with an optional sign in front and
// points or commas between them ("-3-", a page number, is not).
func isNumber(cs []Char) bool {
	digits := 0
	for i, c := range cs {
		switch {
		case c.R >= '0' && c.R <= '9', c.R >= '０' && c.R <= '９':
			digits++
		case (c.R == '-' || c.R == '－') && i == 0:
		case (c.R == '.' || c.R == ',' || c.R == '．' || c.R == '，') && i > 0 && i < len(cs)-1:
		default:
			return false
		}
	}
	return digits > 0
}

// mergeCellText moves the text of a table cell onto the line of its
// row's values. A label that wraps in its cell is printed above and below
// the row's values, which sit in the middle of the row ("2.没有现成信息
// 需要另行" / values / "制作"); read line by line, a value line would take
// the wrong label or none.
//
// Candidates are the text runs left of the values near them (the label
// columns); runs over the value columns, body text and titles are never
// moved, nor is anything beside header text over the value columns.
//  1. A run on a line of its own goes to the nearest value line within
//     0.8 of a line that has no label of its own in that column.
//  2. Runs in one column one line pitch apart are one cell, unless that
//     would put two rows' value lines in one cell; a cell goes to the
//     value line of its runs (rule 1, or a run on a value line itself).
//  3. A cell with none goes to the one unlabelled value line within its
//     height, if there is exactly one. Anything else stays where it is.
func mergeCellText(lines [][]pdfRun) [][]pdfRun {
	type ref struct{ line, run int }
	first := make([]float64, len(lines)) // x0 of a value line's first number; +Inf for text lines
	var valueLines []int
	for i, runs := range lines {
		first[i] = math.Inf(1)
		for _, r := range runs {
			if r.numeric {
				first[i] = math.Min(first[i], r.x0)
			}
		}
		if !math.IsInf(first[i], 1) {
			valueLines = append(valueLines, i)
		}
	}
	if len(valueLines) == 0 {
		return lines
	}
	base := func(line int) float64 { return lines[line][0].base }
	// valuesFrom: where the values begin for a run at baseline b: the
	// first number of the nearest value line within two lines.
	valuesFrom := func(b, size float64) float64 {
		best, d := math.Inf(1), math.Inf(1)
		for _, v := range valueLines {
			if dd := math.Abs(base(v) - b); dd < d && dd <= 2.2*size {
				best, d = first[v], dd
			}
		}
		return best
	}
	var cand []ref
	for i, runs := range lines {
		for k, r := range runs {
			if !r.numeric && r.x1 <= valuesFrom(r.base, r.size) {
				cand = append(cand, ref{i, k})
			}
		}
	}
	run := func(c ref) pdfRun { return lines[c.line][c.run] }
	onValueLine := func(c ref) bool { return !math.IsInf(first[c.line], 1) }
	// labelled: the value line has label text of its own over [x0, x1].
	labelled := func(v int, x0, x1 float64) bool {
		for _, r := range lines[v] {
			if !r.numeric && r.x0 < x1 && x0 < r.x1 && r.x1 <= first[v] {
				return true
			}
		}
		return false
	}
	isHeader := func(r pdfRun) bool {
		from := valuesFrom(r.base, r.size)
		for _, v := range lines {
			for _, o := range v {
				if !o.numeric && math.Abs(o.base-r.base) <= 0.8*r.size && o.x0 >= from {
					return true
				}
			}
		}
		return false
	}
	// target: the value line each candidate belongs to, -1 if unknown;
	// header runs are -2 and never move.
	target := make([]int, len(cand))
	for i, c := range cand {
		r := run(c)
		switch {
		case isHeader(r):
			target[i] = -2
		case onValueLine(c):
			target[i] = c.line
		default:
			target[i] = -1
			best := math.Inf(1)
			for _, v := range valueLines {
				if d := math.Abs(base(v) - r.base); d <= 0.8*1.2*r.size && d < best && !labelled(v, r.x0, r.x1) {
					best, target[i] = d, v
				}
			}
		}
	}
	// Cells: link each candidate to the nearest one below it in its
	// column, one line pitch down, when their targets agree.
	sets := newDisjointSets(len(cand))
	find := sets.find
	cellTarget := append([]int(nil), target...) // by root
	order := make([]int, len(cand))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return run(cand[order[a]]).base > run(cand[order[b]]).base })
	for _, i := range order {
		if target[i] == -2 {
			continue
		}
		ri := run(cand[i])
		next, nd := -1, math.Inf(1)
		for j := range cand {
			rj := run(cand[j])
			if target[j] == -2 || rj.base >= ri.base || rj.x0 >= ri.x1 || ri.x0 >= rj.x1 {
				continue
			}
			if d := ri.base - rj.base; d < nd {
				next, nd = j, d
			}
		}
		if next < 0 || nd > 1.35*math.Max(ri.size, run(cand[next]).size) {
			continue
		}
		a, b := cellTarget[find(i)], cellTarget[find(next)]
		if a >= 0 && b >= 0 && a != b {
			continue // two rows
		}
		t := max(a, b)
		sets.union(i, next)
		cellTarget[find(next)] = t
	}
	cells := map[int][]int{}
	for i := range cand {
		if target[i] != -2 {
			cells[find(i)] = append(cells[find(i)], i)
		}
	}
	move := make([]int, len(cand))
	for i := range move {
		move[i] = -1
	}
	for root, members := range cells {
		to := cellTarget[root]
		if to < 0 && len(members) > 1 {
			top, bottom := math.Inf(-1), math.Inf(1)
			x0, x1 := math.Inf(1), math.Inf(-1)
			for _, m := range members {
				r := run(cand[m])
				top, bottom = math.Max(top, r.base), math.Min(bottom, r.base)
				x0, x1 = math.Min(x0, r.x0), math.Max(x1, r.x1)
			}
			inside := 0
			for _, v := range valueLines {
				if b := base(v); b <= top && b >= bottom && !labelled(v, x0, x1) {
					inside++
					to = v
				}
			}
			if inside != 1 {
				to = -1
			}
		}
		if to < 0 {
			continue
		}
		for _, m := range members {
			if cand[m].line != to {
				move[m] = to
			}
		}
	}
	moved := make([][]pdfRun, len(lines))
	gone := map[ref]bool{}
	for i, c := range cand {
		if move[i] >= 0 {
			moved[move[i]] = append(moved[move[i]], run(c))
			gone[c] = true
		}
	}
	out := make([][]pdfRun, 0, len(lines))
	for i, runs := range lines {
		var keep []pdfRun
		for k, r := range runs {
			if !gone[ref{i, k}] {
				keep = append(keep, r)
			}
		}
		if len(moved[i]) > 0 {
			keep = orderRuns(append(keep, moved[i]...))
		}
		if len(keep) > 0 {
			out = append(out, keep)
		}
	}
	return out
}

// orderRuns puts the runs of a merged line in reading order. The runs of
// one source line stay together as a segment; segments whose x ranges
// overlap are one column of a table and read top first; columns read
// left to right. ("…只计这一情  形，不" over "计其他情形）" reads as one
// label.)
func orderRuns(runs []pdfRun) []pdfRun {
	type segment struct {
		runs   []pdfRun
		x0, x1 float64
		base   float64
	}
	var segs []segment
	var nums []pdfRun
	for _, r := range runs {
		if r.numeric {
			nums = append(nums, r) // the values, after the label columns
			continue
		}
		found := false
		for k := range segs {
			// Runs of one line more than 0.8 of a character apart are in
			// different cells (justified text inside a cell leaves about
			// half a character; two cells, a character or more).
			if segs[k].base == r.base && r.x0-segs[k].x1 <= 0.8*r.size && segs[k].x0-r.x1 <= 0.8*r.size {
				segs[k].runs = append(segs[k].runs, r)
				segs[k].x0 = math.Min(segs[k].x0, r.x0)
				segs[k].x1 = math.Max(segs[k].x1, r.x1)
				found = true
				break
			}
		}
		if !found {
			segs = append(segs, segment{runs: []pdfRun{r}, x0: r.x0, x1: r.x1, base: r.base})
		}
	}
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].x0 < segs[j].x0 })
	var out []pdfRun
	for i := 0; i < len(segs); {
		j, hi := i+1, segs[i].x1
		for j < len(segs) && segs[j].x0 < hi {
			hi = math.Max(hi, segs[j].x1)
			j++
		}
		col := segs[i:j]
		sort.SliceStable(col, func(a, b int) bool { return col[a].base > col[b].base })
		for _, sg := range col {
			sort.SliceStable(sg.runs, func(a, b int) bool { return sg.runs[a].x0 < sg.runs[b].x0 })
			out = append(out, sg.runs...)
		}
		i = j
	}
	sort.SliceStable(nums, func(a, b int) bool { return nums[a].x0 < nums[b].x0 })
	return append(out, nums...)
}

// writePage writes a page's lines. The column unit is half the page's
// common character size (a digit's width); each run starts at its column,
// with at least one space after the run before. A vertical gap of more than two and a
// half lines leaves one empty line.
func writePage(b *builder, lines []pdfLine, grids []*grid, page int, budget *int) *Error {
	// Tables go where they are on the page, between the lines above and
	// below them.
	flush := func(above float64) {
		for len(grids) > 0 && grids[0].ys[0] > above {
			writeGrid(b, grids[0], page)
			grids = grids[1:]
		}
	}
	defer flush(math.Inf(-1))
	if len(lines) == 0 {
		return nil
	}
	var sizes []float64
	left := math.Inf(1)
	runs := make([][]pdfRun, len(lines))
	for i, l := range lines {
		for _, c := range l.chars {
			sizes = append(sizes, c.Size)
			left = math.Min(left, c.OX)
		}
		runs[i] = lineRuns(l)
	}
	sort.Float64s(sizes)
	unit := sizes[len(sizes)/2] / 2
	if unit <= 0 {
		unit = 5
	}
	merged := runs
	n := 0
	for _, rl := range runs {
		n += len(rl)
	}
	if total := len(sizes); total <= maxMergeChars && n*n <= *budget {
		*budget -= n * n
		merged = mergeCellText(runs)
	}
	prevBase, prevSize := math.NaN(), 0.0
	for _, rl := range merged {
		base, size := rl[0].base, rl[0].size
		for _, r := range rl {
			base = math.Max(base, r.base)
		}
		if len(grids) > 0 && grids[0].ys[0] > base {
			flush(base)
			prevBase = math.NaN()
		}
		if !math.IsNaN(prevBase) && prevBase-base > 2.5*math.Max(size, prevSize) {
			b.blank()
		}
		prevBase, prevSize = base, size
		var sb strings.Builder
		col := 0
		for k, r := range rl {
			// A run far off to the right (coordinates no page has) is
			// written a space after the last, not millions of columns on.
			target := int(min(math.Round((r.chars[0].OX-left)/unit), maxColumn))
			if k > 0 && target <= col {
				target = col + 1
			}
			if target > col {
				sb.WriteString(strings.Repeat(" ", target-col))
				col = target
			}
			b.markAt(b.b.Len()+sb.Len(), Where{Page: page, X: round1(r.chars[0].OX), Y: round1(r.chars[0].OY)})
			// One column a character, wide or not, as pdftotext counts
			// them: a value's column then depends on its x alone (a label
			// of n Chinese characters takes n columns and 2n of space).
			for _, c := range r.chars {
				sb.WriteRune(c.R)
				col++
			}
		}
		// The places of a PDF are bounded by its characters (MaxPDFChars);
		// its text, spaces included, by MaxBytes.
		if b.b.Len()+sb.Len()+1 > MaxBytes {
			return tooLarge("PDF 排版后的文字")
		}
		b.b.WriteString(sb.String())
		b.b.WriteByte('\n')
	}
	return nil
}

// maxColumn is the last column a run is placed at: an A3 page in
// landscape, 1,191 points wide, in 4-point type has 600.
const maxColumn = 2000

// maxMergeChars bounds the work of putting cells together on one page
// (it grows with the square of the runs): a report's page holds 500–1,500
// characters; a page of tens of thousands is not a report's table and is
// written line by line.
const maxMergeChars = 8000

// maxMergeWork bounds that work over a whole document, as the sum over its
// pages of the square of their runs: a report's page has 200–1,000 runs
// (at most a million a page), a PDF of 8,000 scattered characters on each
// of 60 pages 64 million a page, 35 s in all. Pages past the budget are
// written line by line.
const maxMergeWork = 200_000_000

// round1 rounds a position to a tenth of a point, half away from zero,
// after snapping it to a thousandth: PDF engines compute in different
// precisions (PDFium partly in single, pdf.js in double), and a baseline
// at 280.35 must not be written 280.3 by one and 280.4 by the other
// because one has it as 280.34999….
func round1(f float64) float64 { return math.Round(math.Round(f*1000)/100) / 10 }

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
