// Command nianbao checks 政府信息公开工作年度报告 (annual reports on
// government information disclosure) and prints every problem it finds.
//
//	nianbao check [--format text|json|csv] [--severity error|warning|info] [--prev FILE] FILE|DIR|- ...
//	nianbao text FILE
//	nianbao rules [--format text|json|markdown]
//	nianbao explain ID
//	nianbao version
//	nianbao help [COMMAND]   (or COMMAND --help)
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
