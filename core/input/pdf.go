package input

import (
	"errors"
	"fmt"
)

// Limits of a PDF's text. A dense A4 page of small table type holds about
// 10,000 characters and a report 5,000–60,000 in all; beyond these a PDF
// is not a report (a page of a million characters takes seconds and
// hundreds of MB to lay out). PDF engines (Env.PDF) stop at them and
// return an error wrapping ErrPDFTooLarge; layoutPDF holds them too.
const (
	MaxPDFPageChars = 30_000
	MaxPDFChars     = 500_000
)

// ErrPDFTooLarge is wrapped by a PDF engine's error when a PDF is past a
// limit (pages, characters, the engine's memory); the error's text says
// which, in Chinese.
var ErrPDFTooLarge = errors.New("输入过大")

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
	if errors.Is(err, ErrPDFTooLarge) {
		return nil, &Error{Code: "too-large", Message: "PDF 文件" + err.Error() + "。请只提交一份年度报告；扫描或排版异常的 PDF 可在阅读器中复制正文粘贴检查。"}
	}
	if err != nil {
		return nil, &Error{Code: "format", Message: "PDF 文件无法读取：" + err.Error()}
	}
	total := 0
	for i, p := range pages {
		if len(p.Chars) > MaxPDFPageChars {
			return nil, &Error{Code: "too-large", Message: fmt.Sprintf("PDF 文件第 %d 页输入过大：有 %d 个字符，超过每页上限 %d 个。请只提交一份年度报告。", i+1, len(p.Chars), MaxPDFPageChars)}
		}
		total += len(p.Chars)
	}
	if total > MaxPDFChars {
		return nil, &Error{Code: "too-large", Message: fmt.Sprintf("PDF 文件输入过大：全文有 %d 个字符，超过上限 %d 个。请只提交一份年度报告。", total, MaxPDFChars)}
	}
	return layoutPDF(pages)
}
