package input

import (
	"math"
	"sort"
	"strings"
)

// The lattice reading of a PDF table: Word, WPS, LibreOffice and browsers
// draw a table's cell borders as lines, so the cells are the rectangles
// the lines enclose (the "lattice" method of Camelot and Tabula). A cell
// with no text in it is a blank cell, certainly, not a gap between
// numbers; a label that wraps over several lines is one cell; a row ends
// where its bottom border is. Each row of the grid is written as one line
// of cells between pipes, as the .docx and HTML readers write theirs, so
// the table reader gets exact cells. Pages without drawn tables keep the
// stream layout (columns from x positions, layoutPDF).

// gridTol is how far apart, in points, two lines may be and still be one
// border (double borders, rounding, half a stroke's width).
const gridTol = 2.0

// minCell is the narrowest row or column: borders closer than this are
// one (Word draws a row's border a point or two off the next row's).
const minCell = 4.0

// grid is one drawn table on a page.
type grid struct {
	xs, ys []float64 // column borders left to right, row borders top to bottom
	cells  []gridCell
	// at[i][j] is the cell covering elementary cell (row i, column j).
	at [][]int
}

type gridCell struct {
	r0, r1, c0, c1 int // elementary rows [r0, r1), columns [c0, c1)
	chars          []Char
}

func (g *grid) contains(x, y float64) bool {
	return x >= g.xs[0] && x <= g.xs[len(g.xs)-1] && y <= g.ys[0] && y >= g.ys[len(g.ys)-1]
}

// findGrids builds the grids of a page from its drawn lines. Lines that
// touch or cross are one table; a table needs at least two columns of
// cells (a framed paragraph or an underline is not one).
func findGrids(rules []Rule) []*grid {
	var hs, vs []Rule
	for _, r := range rules {
		if r.Horizontal() {
			hs = append(hs, r)
		} else {
			vs = append(vs, r)
		}
	}
	hs, vs = joinRules(hs, true), joinRules(vs, false)
	if len(hs) < 2 || len(vs) < 3 || len(hs)*len(vs) > 1<<20 {
		return nil
	}
	// Connected components: a horizontal and a vertical line that touch.
	n := len(hs) + len(vs)
	sets := newDisjointSets(n)
	find := sets.find
	for i, h := range hs {
		for j, v := range vs {
			if v.X0 >= h.X0-gridTol && v.X0 <= h.X1+gridTol && h.Y0 >= v.Y0-gridTol && h.Y0 <= v.Y1+gridTol {
				sets.union(i, len(hs)+j)
			}
		}
	}
	groups := map[int][]int{}
	for i := 0; i < n; i++ {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var out []*grid
	for _, members := range groups {
		var gh, gv []Rule
		for _, m := range members {
			if m < len(hs) {
				gh = append(gh, hs[m])
			} else {
				gv = append(gv, vs[m-len(hs)])
			}
		}
		if g := buildGrid(gh, gv); g != nil {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ys[0] > out[j].ys[0] })
	return out
}

// joinRules merges lines on one border that touch or overlap into one.
// Lines within gridTol across are on one border (a double border, or a
// border drawn as several bars, is one), at the position of its first.
func joinRules(rs []Rule, horizontal bool) []Rule {
	pos := func(r Rule) (float64, float64, float64) { // across, from, to
		if horizontal {
			return r.Y0, r.X0, r.X1
		}
		return r.X0, r.Y0, r.Y1
	}
	sort.Slice(rs, func(i, j int) bool {
		ai, _, _ := pos(rs[i])
		aj, _, _ := pos(rs[j])
		return ai < aj
	})
	// Snap each line to its border.
	type line struct{ at, from, to float64 }
	ls := make([]line, len(rs))
	border := math.Inf(-1)
	for i, r := range rs {
		a, f, t := pos(r)
		if a-border > gridTol {
			border = a
		}
		ls[i] = line{border, f, t}
	}
	sort.SliceStable(ls, func(i, j int) bool {
		if ls[i].at != ls[j].at {
			return ls[i].at < ls[j].at
		}
		return ls[i].from < ls[j].from
	})
	var out []Rule
	for _, l := range ls {
		if k := len(out); k > 0 {
			pa, _, pt := pos(out[k-1])
			if pa == l.at && l.from <= pt+gridTol {
				if horizontal {
					out[k-1].X1 = math.Max(pt, l.to)
				} else {
					out[k-1].Y1 = math.Max(pt, l.to)
				}
				continue
			}
		}
		if horizontal {
			out = append(out, Rule{X0: l.from, Y0: l.at, X1: l.to, Y1: l.at})
		} else {
			out = append(out, Rule{X0: l.at, Y0: l.from, X1: l.at, Y1: l.to})
		}
	}
	return out
}

// cluster returns the distinct positions among vals, minCell apart.
func cluster(vals []float64) []float64 {
	sort.Float64s(vals)
	var out []float64
	for _, v := range vals {
		if k := len(out); k > 0 && v-out[k-1] < minCell {
			continue
		}
		out = append(out, v)
	}
	return out
}

// covered: the lines cover the segment from a to b at position p (across)
// but for a sliver at each end.
func covered(rs []Rule, horizontal bool, p, a, b float64) bool {
	m := (a + b) / 2
	span := (b - a) / 4
	for _, r := range rs {
		if horizontal {
			if math.Abs(r.Y0-p) < minCell && r.X0 <= m-span && r.X1 >= m+span {
				return true
			}
		} else if math.Abs(r.X0-p) < minCell && r.Y0 <= m-span && r.Y1 >= m+span {
			return true
		}
	}
	return false
}

func buildGrid(hs, vs []Rule) *grid {
	var xv, yv []float64
	for _, v := range vs {
		xv = append(xv, v.X0)
	}
	for _, h := range hs {
		yv = append(yv, h.Y0)
	}
	// The ends of the lines close the grid where a border is not drawn:
	// a browser leaves out the bottom border of the last row on a page.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		lo, hi = math.Min(lo, v.Y0), math.Max(hi, v.Y1)
	}
	yv = append(yv, lo, hi)
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, h := range hs {
		lo, hi = math.Min(lo, h.X0), math.Max(hi, h.X1)
	}
	xv = append(xv, lo, hi)
	xs, ys := cluster(xv), cluster(yv)
	if len(xs) < 3 || len(ys) < 2 {
		return nil
	}
	// top to bottom
	for i, j := 0, len(ys)-1; i < j; i, j = i+1, j-1 {
		ys[i], ys[j] = ys[j], ys[i]
	}
	R, C := len(ys)-1, len(xs)-1
	g := &grid{xs: xs, ys: ys, at: make([][]int, R)}
	cellOf := newDisjointSets(R * C)
	find := cellOf.find
	for i := 0; i < R; i++ {
		for j := 0; j < C; j++ {
			// No border between (i, j) and (i, j+1): one cell.
			if j+1 < C && !covered(vs, false, xs[j+1], ys[i+1], ys[i]) {
				cellOf.union(i*C+j, i*C+j+1)
			}
			if i+1 < R && !covered(hs, true, ys[i+1], xs[j], xs[j+1]) {
				cellOf.union(i*C+j, (i+1)*C+j)
			}
		}
	}
	index := map[int]int{}
	for i := 0; i < R; i++ {
		g.at[i] = make([]int, C)
		for j := 0; j < C; j++ {
			root := find(i*C + j)
			k, ok := index[root]
			if !ok {
				k = len(g.cells)
				index[root] = k
				g.cells = append(g.cells, gridCell{r0: i, r1: i + 1, c0: j, c1: j + 1})
			}
			c := &g.cells[k]
			c.r0, c.r1 = min(c.r0, i), max(c.r1, i+1)
			c.c0, c.c1 = min(c.c0, j), max(c.c1, j+1)
			g.at[i][j] = k
		}
	}
	// A grid whose cells do not form at least two columns (a box around
	// a paragraph, lines under headings) is not a table; one row is (a
	// table's last row, alone on a page).
	multiCol := false
	for i := 0; i < R; i++ {
		for j := 1; j < C; j++ {
			if g.at[i][j] != g.at[i][j-1] {
				multiCol = true
			}
		}
	}
	if !multiCol {
		return nil
	}
	return g
}

// place puts a character into the grid cell that holds its middle;
// false if it is outside the grid.
func (g *grid) place(c Char) bool {
	x := (c.X0 + c.X1) / 2
	if c.X1 <= c.X0 {
		x = c.OX + c.Size/4
	}
	y := c.OY + c.Size*0.3
	if !g.contains(x, y) {
		return false
	}
	i := sort.Search(len(g.ys)-1, func(i int) bool { return g.ys[i+1] < y })
	j := sort.Search(len(g.xs)-1, func(j int) bool { return g.xs[j+1] > x })
	if i >= len(g.at) || j >= len(g.at[i]) {
		return false
	}
	k := g.at[i][j]
	g.cells[k].chars = append(g.cells[k].chars, c)
	return true
}

// cellText is a cell's text: its lines top down, joined; runs on a line
// more than a character apart keep one space.
func cellText(chars []Char) (string, Where, bool) {
	lines := pageLines(chars)
	var sb strings.Builder
	var w Where
	first := true
	for _, l := range lines {
		for k, r := range lineRuns(l) {
			if first {
				w = Where{X: round1(r.chars[0].OX), Y: round1(r.chars[0].OY)}
				first = false
			} else if k > 0 {
				sb.WriteByte(' ')
			}
			for _, c := range r.chars {
				sb.WriteRune(c.R)
			}
		}
	}
	return sb.String(), w, !first
}

// writeGrid writes a grid's rows: each row of elementary cells is one line
// of cells between pipes. A cell spanning several rows (a merged label)
// is written on the row its text is in, and left out of the others; a
// cell of one row with no text is written empty, a certain blank.
func writeGrid(b *builder, g *grid, page int) {
	type cellOut struct {
		text  string
		where Where
		row   int // the row it is written on
	}
	outs := make([]cellOut, len(g.cells))
	for k, c := range g.cells {
		text, w, ok := cellText(c.chars)
		o := cellOut{text: text, row: c.r0}
		if ok {
			w.Page = page
			o.where = w
			if c.r1-c.r0 > 1 {
				// The row of the middle of its text.
				top, bottom := math.Inf(-1), math.Inf(1)
				for _, ch := range c.chars {
					top, bottom = math.Max(top, ch.OY+ch.Size*0.8), math.Min(bottom, ch.OY-ch.Size*0.2)
				}
				mid := (top + bottom) / 2
				for i := c.r0; i < c.r1; i++ {
					if mid <= g.ys[i] && mid >= g.ys[i+1] {
						o.row = i
					}
				}
			}
		} else {
			o.where = Where{Page: page, X: round1(g.xs[c.c0]), Y: round1(g.ys[c.r0])}
		}
		outs[k] = o
	}
	// An empty cell spanning rows goes on the row where most of the
	// text of its rows is written (a row continued from the page before
	// is cut by a border in one column only).
	written := make([]int, len(g.at))
	for k, c := range g.cells {
		if len(c.chars) > 0 {
			written[outs[k].row]++
		}
	}
	for k, c := range g.cells {
		if len(c.chars) == 0 && c.r1-c.r0 > 1 {
			for i := c.r0; i < c.r1; i++ {
				if written[i] > written[outs[k].row] {
					outs[k].row = i
				}
			}
		}
	}
	// Where the values begin: the first column of a number, over all
	// rows. An empty cell left of it is part of the label columns (a
	// group label merged into the rows above, or a sub-label column a row
	// does not use), not a blank value.
	valueFrom := len(g.xs)
	for i := range g.at {
		for j, k := range g.at[i] {
			if outs[k].row == i && isNumberText(outs[k].text) {
				valueFrom = min(valueFrom, j)
				break
			}
		}
	}
	for i := range g.at {
		var cells []string
		var where []Where
		for j, k := range g.at[i] {
			if j > 0 && g.at[i][j-1] == k {
				continue // the same cell, spanning columns
			}
			c := g.cells[k]
			if outs[k].row != i || (outs[k].text == "" && c.c1 <= valueFrom) {
				continue
			}
			cells = append(cells, outs[k].text)
			where = append(where, outs[k].where)
		}
		// A row without a number is a header: its empty cells are not
		// blank values.
		numbers := false
		for _, c := range cells {
			numbers = numbers || isNumberText(c)
		}
		if !numbers {
			k := 0
			for n, c := range cells {
				if c != "" {
					cells[k], where[k] = c, where[n]
					k++
				}
			}
			cells, where = cells[:k], where[:k]
		}
		switch {
		case len(cells) == 0:
		case len(cells) == 1 && g.cells[g.at[i][0]].c0 == 0 && g.cells[g.at[i][0]].c1 == len(g.xs)-1:
			// A row that is one cell across the whole table is a line of
			// text (a heading inside the table, a framed paragraph).
			if cells[0] != "" {
				b.line(cells[0], where[0])
			}
		default:
			b.row(cells, where)
		}
	}
}

// isNumberText: a cell holding one number (digits, an optional sign,
// points and commas between digits).
func isNumberText(s string) bool {
	cs := make([]Char, 0, len(s))
	for _, r := range s {
		cs = append(cs, Char{R: r})
	}
	return len(cs) > 0 && isNumber(cs)
}
