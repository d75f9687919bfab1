package input

// Page is one PDF page's characters with their positions, as a PDF engine
// gives them (Env.PDF).
type Page struct {
	W, H  float64 // size in points
	Chars []Char
	// Rules are the straight horizontal and vertical strokes drawn on
	// the page (table borders), in page points; a thin filled rectangle
	// counts as the line along its middle. Nil when the engine gives none.
	Rules []Rule
}

// Rule is one drawn horizontal (Y0 == Y1) or vertical (X0 == X1) line,
// with X0 <= X1 and Y0 <= Y1.
type Rule struct {
	X0, Y0, X1, Y1 float64
}

// Horizontal tells a horizontal rule from a vertical one.
func (r Rule) Horizontal() bool { return r.Y1-r.Y0 < r.X1-r.X0 }

// Char is one character drawn on a page: its box in PDF points (origin at
// the page's bottom-left; across, the glyph's ink; up and down, the
// font's, the same for every glyph of a line), the origin of its
// baseline, and its size in points.
// Characters a PDF engine infers (spaces, line ends) are not given.
type Char struct {
	R              rune
	X0, X1, Y0, Y1 float64
	OX, OY         float64
	Size           float64
}

func readPDF(raw []byte, env Env) (*Doc, *Error) {
	if env.PDF == nil {
		return nil, &Error{Code: "unsupported", Message: "此处不能读取 PDF 文件。请用命令行 nianbao check 文件.pdf 检查，或在 PDF 阅读器中全选复制正文后粘贴检查（复制时表格格子可能丢失或错位）。"}
	}
	pages, err := env.PDF(raw)
	if err != nil {
		return nil, &Error{Code: "format", Message: "PDF 文件无法读取：" + err.Error()}
	}
	return layoutPDF(pages)
}
