package main

import (
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/internal/pdfium"
)

// compiled: wazero compiles the PDF engine to machine code on amd64 and
// arm64 and keeps it in the cache folder; elsewhere (loong64: 龙芯) it
// interprets it, nothing is cached, and every run starts it afresh.
const compiled = runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64"

// pdfEngine reads PDFs; it starts on the first PDF of the run, once.
var pdfEngine = &pdfium.Engine{}

// newEnv is what reading files needs on the command line: HTML, legacy
// encodings and PDF, natively. The first PDF of a run, when PDFium is not
// compiled yet, says so on stderr (it takes seconds).
func newEnv(stderr io.Writer) input.Env {
	if stderr != nil {
		pdfEngine.Starting = func(about time.Duration) {
			if !compiled {
				fmt.Fprintf(stderr, "nianbao: 正在准备 PDF 引擎（在此处理器上解释执行，每次运行读 PDF 都要多几秒）\n")
				return
			}
			fmt.Fprintf(stderr, "nianbao: 首次读取 PDF，正在准备 PDF 引擎（约 %d 秒，只需一次）\n", int(about.Seconds()+0.5))
		}
	}
	env := native.Env()
	env.PDF = pdfEngine.Pages
	return env
}
