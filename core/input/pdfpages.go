package input

import (
	"errors"
	"math"
)

// What every PDF engine (Env.PDF: PDFium on the command line and in the
// Worker, pdf.js in the page) shares, so that one PDF reads the same
// everywhere: the limits, the messages of a PDF that cannot be opened,
// and the drawn lines a path gives. The layout itself (layoutPDF) is the
// same code for all.

// MaxPDFPages bounds the work on one file: a report has 4–15 pages.
const MaxPDFPages = 200

// MaxPageRules bounds the drawn lines kept from one page: a page of
// tables has a few hundred; a drawing of thousands is not a table.
const MaxPageRules = 5000

// Errors a PDF engine returns for a file it cannot open; readPDF puts
// them after "PDF 文件无法读取：".
var (
	ErrPDFPassword = errors.New("文件有密码保护（已加密）。请用 PDF 阅读器去除密码后另存，或复制正文粘贴检查")
	ErrPDFDamaged  = errors.New("文件已损坏或不是有效的 PDF")
)

// PathPoint is a point of a drawn path, in page points.
type PathPoint struct{ X, Y float64 }

// PathRules adds the straight horizontal and vertical lines of one
// subpath of a stroked or filled path (its points in page space; a
// rectangle is its four corners and the first again) to out, up to
// MaxPageRules in all. A rectangle thinner than 3 points (a border drawn
// as a filled bar) is the line along its middle; any other subpath gives
// its axis-parallel edges.
func PathRules(p []PathPoint, out []Rule) []Rule {
	const maxThick, minLen, slack = 3.0, 2.0, 0.5
	if len(out) >= MaxPageRules {
		return out
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range p {
		if math.IsNaN(q.X) || math.IsNaN(q.Y) || math.IsInf(q.X, 0) || math.IsInf(q.Y, 0) {
			return out
		}
		x0, y0, x1, y1 = math.Min(x0, q.X), math.Min(y0, q.Y), math.Max(x1, q.X), math.Max(y1, q.Y)
	}
	rect := len(p) >= 4 && len(p) <= 5
	for i := 1; rect && i < len(p); i++ {
		dx, dy := math.Abs(p[i].X-p[i-1].X), math.Abs(p[i].Y-p[i-1].Y)
		rect = dx < slack || dy < slack
	}
	if rect && (y1-y0 <= maxThick || x1-x0 <= maxThick) {
		switch {
		case y1-y0 <= maxThick && x1-x0 >= minLen:
			m := (y0 + y1) / 2
			return append(out, Rule{X0: x0, Y0: m, X1: x1, Y1: m})
		case x1-x0 <= maxThick && y1-y0 >= minLen:
			m := (x0 + x1) / 2
			return append(out, Rule{X0: m, Y0: y0, X1: m, Y1: y1})
		}
		return out
	}
	for i := 1; i < len(p) && len(out) < MaxPageRules; i++ {
		a, b := p[i-1], p[i]
		switch {
		case math.Abs(a.Y-b.Y) < slack && math.Abs(a.X-b.X) >= minLen:
			out = append(out, Rule{X0: math.Min(a.X, b.X), Y0: a.Y, X1: math.Max(a.X, b.X), Y1: a.Y})
		case math.Abs(a.X-b.X) < slack && math.Abs(a.Y-b.Y) >= minLen:
			out = append(out, Rule{X0: a.X, Y0: math.Min(a.Y, b.Y), X1: a.X, Y1: math.Max(a.Y, b.Y)})
		}
	}
	return out
}

// BoundsRule adds the line a thin path is (a border drawn as one bar or
// line, as browsers draw each cell's), from the path's bounds in page
// space: along the middle of a bounds at most 3 points thick and at
// least 2 long. It tells whether the path was thin: a thin path is
// nothing else, a thick one is read by its subpaths (PathRules).
func BoundsRule(x0, y0, x1, y1 float64, out []Rule) ([]Rule, bool) {
	w, h := x1-x0, y1-y0
	if math.IsNaN(w) || math.IsNaN(h) || math.IsInf(w, 0) || math.IsInf(h, 0) || math.Min(w, h) > 3 {
		return out, false
	}
	if len(out) >= MaxPageRules {
		return out, true
	}
	switch {
	case w >= h && w >= 2:
		m := (y0 + y1) / 2
		return append(out, Rule{X0: x0, Y0: m, X1: x1, Y1: m}), true
	case h > w && h >= 2:
		m := (x0 + x1) / 2
		return append(out, Rule{X0: m, Y0: y0, X1: m, Y1: y1}), true
	}
	return out, true
}
