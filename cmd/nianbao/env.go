package main

import (
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/internal/pdfium"
)

// pdfEngine reads PDFs; it starts on the first PDF of the run, once.
var pdfEngine = &pdfium.Engine{}

// newEnv is what reading files needs on the command line: HTML, legacy
// encodings and PDF, natively.
func newEnv() input.Env {
	env := native.Env()
	env.PDF = pdfEngine.Pages
	return env
}
