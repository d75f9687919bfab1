package input

func layoutPDF(pages []Page) (*Doc, *Error) {
	return nil, &Error{Code: "unsupported", Message: "PDF 版面还原尚未实现。"}
}
