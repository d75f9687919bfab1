package main

// Windows habits: nianbao.exe started by Explorer, in a console window of
// its own that closes when it exits. A double-click with no arguments
// explains how to use it; a folder or files dropped onto the icon (Explorer
// passes their full paths as the arguments) are reviewed into 汇总.xlsx
// beside them. Either way the window waits for Enter, so that what was
// said can be read. From cmd.exe, PowerShell or any terminal (ownConsole
// false) nothing here applies.

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/nianbao/nianbao/core/render"
)

const deskUsage = `年报检查 nianbao：检查政府信息公开工作年度报告

用法一：把装有年度报告的文件夹（或几份报告文件）拖到 nianbao.exe 的图标上松开。
        逐份检查后在该文件夹中生成 汇总.xlsx（汇总表、问题清单、各单位整改清单，
        可用 Excel 或 WPS 打开）。可检查 .docx .pdf .html .htm .txt .md；
        旧版 .doc 请先另存为 .docx。

用法二：在报告所在文件夹的地址栏输入 cmd 后回车，在打开的窗口中输入命令，例如
        nianbao check 报告.docx          逐条列出一份报告的问题
        nianbao review 各单位报告         生成汇总.xlsx
        nianbao help                     全部命令
        （nianbao.exe 须在该文件夹中，或在 PATH 列出的文件夹中）

`

// summaryName is the workbook a drop writes.
const summaryName = "汇总.xlsx"

// runMain is main without the process: alone says the console is
// nianbao's own (ownConsole).
func runMain(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string, alone bool) int {
	if !alone {
		return run(args, stdin, stdout, stderr, getenv)
	}
	code := 0
	switch rargs, out, ok := dropped(args); {
	case len(args) == 0:
		fmt.Fprint(stdout, deskUsage)
		fmt.Fprint(stdout, versionText())
	case ok:
		start := time.Now()
		code = run(rargs, stdin, stdout, stderr, getenv)
		if st, err := os.Stat(out); err == nil && !st.ModTime().Before(start.Add(-2*time.Second)) {
			fmt.Fprintf(stdout, "\n汇总表在：%s\n（可用 Excel 或 WPS 打开；再次拖入时会被覆盖）\n", render.SafeName(out))
		} else if err == nil {
			// Windows does not let a workbook open in Excel or WPS be
			// replaced.
			fmt.Fprintf(stdout, "\n没有生成新的汇总表，原因见上。如果 %s 正在 Excel 或 WPS 中打开，请关闭后再拖入一次。\n", render.SafeName(out))
		} else {
			fmt.Fprintf(stdout, "\n没有生成汇总表，原因见上。\n")
		}
	default:
		// A shortcut with a subcommand in its target, say.
		code = run(args, stdin, stdout, stderr, getenv)
	}
	pause(stdin, stdout)
	return code
}

// dropped: arguments that are all full paths of files or folders that
// exist are what Explorer passes for items dropped onto the program. They
// become `review PATHS --out OUT`, OUT being 汇总.xlsx in the folder
// dropped (one folder) or else in the folder of the first item.
func dropped(args []string) (review []string, out string, ok bool) {
	if len(args) == 0 {
		return nil, "", false
	}
	for _, a := range args {
		if !filepath.IsAbs(a) {
			return nil, "", false
		}
		if _, err := os.Stat(a); err != nil {
			return nil, "", false
		}
	}
	dir := filepath.Dir(args[0])
	if st, _ := os.Stat(args[0]); len(args) == 1 && st.IsDir() {
		dir = args[0]
	}
	out = filepath.Join(dir, summaryName)
	return append([]string{"review", "--out", out, "--"}, args...), out, true
}

// pause waits for Enter (or the end of the input) before the window
// closes.
func pause(stdin io.Reader, stdout io.Writer) {
	fmt.Fprint(stdout, "\n按回车键关闭本窗口……")
	bufio.NewReader(stdin).ReadString('\n')
	fmt.Fprintln(stdout)
}
