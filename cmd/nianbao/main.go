// Command nianbao checks 政府信息公开工作年度报告 (annual reports on
// government information disclosure) and prints every problem it finds.
//
//	nianbao check [--format text|json|csv] [--severity error|warning|info] [--prev FILE] FILE|DIR|- ...
//	nianbao review DIR|FILE ... [--out 汇总.xlsx|.csv|.html]
//	nianbao text FILE
//	nianbao rules [--format text|json|markdown]
//	nianbao explain ID
//	nianbao version
//	nianbao help [COMMAND]   (or COMMAND --help)
//
// On Windows, a folder or files dropped onto nianbao.exe in Explorer are
// reviewed into 汇总.xlsx beside them, and a double-click explains how to
// use it (desk.go); the window waits for Enter in both.
package main

import "os"

func main() {
	restore := setupConsole()
	code := runMain(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv, ownConsole())
	restore()
	os.Exit(code)
}
