package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/render"
	"github.com/nianbao/nianbao/core/review"
	"github.com/nianbao/nianbao/core/rules"
)

const usage = `用法：
  nianbao check [--format text|json|csv] [--severity error|warning|info] [--prev 上年报告] 文件|目录|- ...
      检查政府信息公开工作年度报告：.txt、.md（UTF-8、GBK/GB18030 或 UTF-16 编码）、
      .html/.htm 网页、.docx（Word/WPS）和 .pdf；目录会递归检查其中这些文件；- 表示标准输入
      多份报告时文字输出末尾有汇总表（按错误数排序）；csv 每个问题一行，可用 Excel/WPS 打开
  nianbao review 目录 [--out 汇总.xlsx|.csv|.html]  汇总审阅多份报告：汇总表、问题清单、各单位整改清单
  nianbao text 文件                      显示从文件读出的文字（检查结果中的行号、列号指的就是它）
  nianbao rules [--format text|json|markdown]  列出全部规则、级别和依据
  nianbao explain 规则号                 说明一条规则（如 nianbao explain A02）
  nianbao version                        显示版本
  nianbao help 子命令                    显示一个子命令的用法（也可用 nianbao 子命令 --help）

退出码：0 无错误；1 至少有一个错误；2 输入无法读取或参数有误。
`

// usages are the help of each subcommand: `nianbao help check`,
// `nianbao check --help`, and what a wrong option prints.
var usages = map[string]string{
	"check": `用法：nianbao check [选项] 文件|目录|- ...

检查政府信息公开工作年度报告，列出每个问题的位置、期望值与实际值、规则号、依据和修改建议。
可检查 .txt、.md（UTF-8、GBK/GB18030 或 UTF-16 编码）、.html/.htm 网页、.docx（Word/WPS）和 .pdf；
目录会递归检查其中这些文件（跳过 ~$ 开头的临时文件和隐藏文件）；- 表示从标准输入读。
给出的每个文件都出现在结果中：无法读取的写明原因；目录中其他类型的文件（如旧版 .doc、
表格、图片）逐个列为“未检查”并写明怎么办；符号链接不跟随，逐个写明。
检查器未能确定读对的地方列为“读取提示”，请检查的人核对原件；它不是报告的问题，不计入结论。

选项（可写在文件名前或后）：
  --format text|json|csv        输出格式：text 文字（默认；多份报告时末尾有按错误数排序的汇总表）；
                                json 供其他程序读取；csv 每个问题一行，可用 Excel/WPS 打开
  --severity error|warning|info 只逐条列出此级别及以上的问题；汇总中仍说明有多少其他问题未显示
  --prev 上年报告               同一单位上一年度的报告：执行跨年度规则（C01–C05）并比较主要数字（P02）；
                                不给时，多份报告中同一单位相邻两年的自动配对
  -h, --help                    显示本说明

退出码：0 无错误；1 至少有一个错误；2 有文件无法读取或参数有误（其他类型的文件不影响退出码）。
`,
	"text": `用法：nianbao text 文件|-

显示从文件读出的文字：检查结果中的行号、列号指的就是这份文字。Word、网页、PDF 中的表格
每行写成一行，格子之间用竖线隔开。- 表示从标准输入读。
`,
	"rules": `用法：nianbao rules [--format text|json|markdown]

列出全部检查规则：规则号、名称、级别、检查内容和依据。
  --format text       文字（默认）
  --format json       供其他程序读取
  --format markdown   规则一览文档（仓库中的 docs/rules.md 即由此生成）
`,
	"explain": `用法：nianbao explain 规则号

说明一条规则：名称、级别及何时降低或提高、检查内容、依据。规则号如 A02，也可用英文名（如 t3-row-total）。
`,
	"version": `用法：nianbao version

显示检查器的版本和规则集标记（规则条数与摘要），结果可据此追溯到产生它的规则；
发布的程序还显示构建版本（源码的 git 版本）和平台，与 SHA256SUMS 旁的 VERSION 相同。
`,
}

// run is the whole command, testable without a process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if u, ok := usages[args[0]]; ok && wantsHelp(args[1:]) {
		fmt.Fprint(stdout, u)
		return 0
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr, getenv)
	case "review":
		return runReview(args[1:], stdout, stderr)
	case "text":
		return runText(args[1:], stdin, stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "version", "--version", "-v":
		if len(args) > 1 {
			fmt.Fprintf(stderr, "nianbao: version 不接受参数 %q\n\n%s", args[1], usages["version"])
			return 2
		}
		fmt.Fprint(stdout, versionText())
		return 0
	case "help", "-h", "--help", "-help":
		if len(args) == 1 {
			fmt.Fprint(stdout, usage)
			return 0
		}
		if u, ok := usages[args[1]]; ok && len(args) == 2 {
			fmt.Fprint(stdout, u)
			return 0
		}
		fmt.Fprintf(stderr, "nianbao: 没有子命令 %q\n\n%s", strings.Join(args[1:], " "), usage)
		return 2
	}
	fmt.Fprintf(stderr, "nianbao: 未知的子命令 %q\n\n%s", args[0], usage)
	return 2
}

// wantsHelp: -h, -help or --help among the arguments, before a "--"
// (after it, "-h" is a file name).
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	fl := newFlags("check")
	format := fl.String("format", "text", "text、json 或 csv")
	severity := fl.String("severity", "", "只显示此级别及以上：error、warning、info")
	prevPath := fl.String("prev", "", "上年报告（用于同比提示）")
	ordered, dangling := interleave(args)
	if dangling != "" {
		fmt.Fprintf(stderr, "nianbao: 选项 %s 缺少取值\n\n%s", dangling, usages["check"])
		return 2
	}
	if err := fl.Parse(ordered); err != nil {
		fmt.Fprintf(stderr, "nianbao: %s\n\n%s", flagError(err, args, fl), usages["check"])
		return 2
	}
	if *format != "text" && *format != "json" && *format != "csv" {
		fmt.Fprintf(stderr, "nianbao: --format 只能是 text、json 或 csv，不能是 %q\n", *format)
		return 2
	}
	if *severity != "" {
		if _, ok := rules.ParseSeverity(*severity); !ok {
			fmt.Fprintf(stderr, "nianbao: --severity 只能是 error、warning 或 info，不能是 %q\n", *severity)
			return 2
		}
	}
	paths := fl.Args()
	if len(paths) == 0 {
		fmt.Fprintf(stderr, "nianbao: 请给出要检查的文件、目录，或用 - 读标准输入\n\n%s", usages["check"])
		return 2
	}
	env := newEnv(stderr)
	opts := core.Options{MinSeverity: *severity, Env: env}
	if *prevPath != "" {
		raw, err := readLimited(*prevPath)
		if err != nil {
			fmt.Fprintf(stderr, "nianbao: 无法读取上年报告 %s：%s\n", render.SafeName(*prevPath), osError(err))
			return 2
		}
		doc, ierr := core.Read(*prevPath, raw, env)
		if ierr != nil {
			fmt.Fprintf(stderr, "nianbao: %s: %s\n", render.SafeName(*prevPath), render.SafeName(ierr.Message))
			return 2
		}
		opts.Previous = doc.Text
	}
	files, others, code := expand(paths, stderr)
	// Without --prev, reports of one unit in consecutive years are
	// checked together (pairs.go).
	var plan *pairPlan
	if *prevPath == "" && len(files) > 1 {
		plan = planPairs(files, env, stderr)
	}
	color := *format == "text" && getenv("NO_COLOR") == "" && isTerminal(stdout)
	// Reports are written as they are checked and dropped: a batch of
	// hundreds is never held in memory (the summary keeps counts only).
	var stream *core.ResultStream
	var table *csvTable
	switch *format {
	case "json":
		stream = core.NewResultStream(stdout)
	case "csv":
		table = newCSV(stdout)
	}
	var summaries []render.Line
	// Every file given is in every output: those not checked too, with
	// why (the JSON's not_checked, a CSV line, a line of the summary).
	skip := func(n notChecked) {
		switch *format {
		case "json":
			stream.NotChecked(core.NotChecked{Source: n.path, Kind: n.kind(), Reason: n.reason})
		case "csv":
			table.notChecked(n)
		}
		summaries = append(summaries, render.Line{Source: n.path, NotChecked: n.reason, Unreadable: n.unreadable})
	}
	for _, n := range others {
		skip(n)
	}
	for i, f := range files {
		var raw []byte
		var err error
		name := f
		// A file the pairing pass read is checked as read then: each
		// file is read once.
		doc := plan.take(i)
		switch {
		case doc != nil:
		case f == "-":
			name = "<标准输入>"
			raw, err = io.ReadAll(io.LimitReader(stdin, core.MaxInputBytes+1))
		default:
			raw, err = readLimited(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "nianbao: %s: %s\n", render.SafeName(name), osError(err))
			skip(notChecked{name, osError(err), true})
			code = 2
			continue
		}
		fopts := opts
		fopts.Previous = plan.previous(i)
		var rep core.Report
		var ierr *core.InputError
		if doc != nil {
			rep, ierr = core.CheckDoc(name, doc, fopts)
		} else {
			rep, ierr = core.Check(name, raw, fopts)
		}
		raw, doc, fopts.Previous = nil, nil, ""
		if ierr != nil {
			where := render.SafeName(name)
			if ierr.Line > 0 {
				where = fmt.Sprintf("%s:%d", where, ierr.Line)
			}
			fmt.Fprintf(stderr, "nianbao: %s: %s\n", where, render.SafeName(ierr.Message))
			skip(notChecked{name, ierr.Message, true})
			code = 2
			continue
		}
		if rep.Summary.Error > 0 && code < 1 {
			code = 1
		}
		switch *format {
		case "text":
			render.Text(stdout, rep, color)
		case "json":
			stream.Add(rep)
		case "csv":
			table.add(rep)
		}
		summaries = append(summaries, render.LineOf(rep))
	}
	switch {
	case *format == "json":
		stream.Close()
	case *format == "csv":
		table.flush()
	case len(summaries) > 1 || len(summaries) == 1 && summaries[0].NotChecked != "" && !summaries[0].Unreadable:
		// A file of another kind found in a folder is named even when
		// it is the only one (one that could not be read is said on
		// stderr).
		render.Summary(stdout, summaries)
	}
	return code
}

// csvTable: one line per finding, for a reviewer's spreadsheet or 退回
// notice. A UTF-8 byte-order mark lets Excel and WPS open it with the right
// encoding. Cells are made safe to open (render.CSVCell): report text
// never becomes a formula.
type csvTable struct{ cw *csv.Writer }

func newCSV(w io.Writer) *csvTable {
	io.WriteString(w, "\ufeff")
	t := &csvTable{csv.NewWriter(w)}
	// 原文件中的位置: where the unit finds the place in the file it sent
	// (Word 文档表格 2 第 5 行第 3 格, PDF 第 3 页); 类别: who must act
	// (报告问题, or 读取提示 for whoever checks, never the unit's).
	t.cw.Write([]string{"文件", "行号", "列号", "原文件中的位置", "规则", "名称", "级别", "类别", "表", "表中的行", "表中的列", "期望", "实际", "问题", "修改建议", "依据"})
	return t
}

func (t *csvTable) add(r core.Report) {
	v := format.Version(r.Format)
	for _, f := range r.Findings {
		line, col := "", ""
		if f.Line > 0 {
			line, col = strconv.Itoa(f.Line), strconv.Itoa(f.Col)
		}
		title, rowName, colName := f.Name, "", ""
		if rule := rules.ByID(f.Rule); rule != nil {
			title = rule.Title
		}
		if f.Row != "" {
			rowName = format.RowLabel(v, f.Table, f.Row)
		}
		if f.Column != "" {
			colName = format.ColumnLabel(v, f.Table, f.Column)
		}
		fix := f.Fix
		if f.Reading() {
			fix = core.ReadingAdvice(r, f)
		}
		row := []string{r.Source, line, col, review.FilePlace(r, f), f.Rule, title, core.SeverityName(f.Severity), review.KindName(f.Reading()),
			render.TableName(f.Table), rowName, colName, f.Expected, f.Actual, f.Message, fix, f.Basis}
		for i := range row {
			row[i] = render.CSVCell(row[i])
		}
		t.cw.Write(row)
	}
}

// notChecked is the line of a file that was not checked: 级别 无法读取 or
// 未检查, the reason as the problem.
func (t *csvTable) notChecked(n notChecked) {
	sev := "未检查"
	if n.unreadable {
		sev = "无法读取"
	}
	row := []string{n.path, "", "", "", "", "", sev, "", "", "", "", "", "", n.reason, "", ""}
	for i := range row {
		row[i] = render.CSVCell(row[i])
	}
	t.cw.Write(row)
}

func (t *csvTable) flush() { t.cw.Flush() }

// interleave lets flags follow file names: "check a.txt --format json".
// It returns the flags first, then "--" and the files, and the option
// that takes a value and ends the line without one ("--format" last), as
// typed: the flag package would otherwise take the "--" for its value.
func interleave(args []string) ([]string, string) {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			flags = append(flags, a)
			switch a {
			case "--format", "-format", "--severity", "-severity", "--prev", "-prev":
				if i+1 == len(args) {
					return nil, a
				}
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flags, append([]string{"--"}, rest...)...), ""
}

// flagError says what is wrong with the options in Chinese, naming an
// option as it was typed ("未知选项 --sevrity", not the flag package's
// "-sevrity"), and lists the options there are.
func flagError(err error, args []string, fl *flag.FlagSet) string {
	msg := err.Error()
	var known []string
	fl.VisitAll(func(f *flag.Flag) { known = append(known, "--"+f.Name) })
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "未知选项 " + typed(args, name) + "（可用的选项：" + strings.Join(known, "、") + "）"
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return "选项 " + typed(args, name) + " 缺少取值"
	}
	// A bad value of a known option, as the flag package words it.
	return "选项有误：" + msg
}

// typed is the argument that named option name ("--sevrity=x" → "--sevrity").
func typed(args []string, name string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		opt, _, _ := strings.Cut(a, "=")
		if strings.TrimLeft(opt, "-") == name && strings.HasPrefix(opt, "-") {
			return opt
		}
	}
	return "-" + name
}

// notChecked is a file given, or found in a folder given, that is not
// checked: every output lists it with the reason, none is left out
// silently.
type notChecked struct {
	path, reason string
	// unreadable: the file could not be read (exit 2); else it is a file
	// of another kind (an old .doc, an image), named.
	unreadable bool
}

func (n notChecked) kind() string {
	if n.unreadable {
		return "unreadable"
	}
	return "other"
}

// expand turns directories into the report files below them (see
// review.InFolder) and the files there that are not checked, with why
// (review.OtherKind: an old .doc is "旧版 Word 文档…，请另存为 .docx").
// Office lock files (~$…) and hidden files and folders are passed over.
// A symbolic link is not followed: one to a file in the folder is checked
// under that file's name, one elsewhere is named as not followed. Paths
// that cannot be read are said on stderr, listed and make the code 2.
func expand(paths []string, stderr io.Writer) ([]string, []notChecked, int) {
	var out []string
	var others []notChecked
	code := 0
	for _, p := range paths {
		if p == "-" {
			out = append(out, p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(stderr, "nianbao: %s: %s\n", render.SafeName(p), osError(err))
			others = append(others, notChecked{p, osError(err), true})
			code = 2
			continue
		}
		if !st.IsDir() {
			out = append(out, p) // readLimited refuses what is not a regular file
			continue
		}
		var found []string
		var skipped []notChecked
		root, _ := filepath.Abs(p)
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(stderr, "nianbao: %s: %s\n", render.SafeName(path), osError(err))
				skipped = append(skipped, notChecked{path, osError(err), true})
				code = 2
				return nil
			}
			base := d.Name()
			if d.IsDir() {
				if path != p && strings.HasPrefix(base, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			switch {
			case review.Skipped(base):
			case d.Type()&fs.ModeSymlink != 0:
				skipped = append(skipped, notChecked{path, symlinkReason(root, path), false})
			case review.InFolder(base) && d.Type().IsRegular():
				found = append(found, path)
			case review.InFolder(base):
				fmt.Fprintf(stderr, "nianbao: %s: %s，已跳过\n", render.SafeName(path), osError(errNotRegular))
				skipped = append(skipped, notChecked{path, osError(errNotRegular), true})
				code = 2
			default:
				skipped = append(skipped, notChecked{path, review.OtherKind(base), false})
			}
			return nil
		})
		other := 0
		for _, s := range skipped {
			if !s.unreadable {
				other++
			}
		}
		if len(found) == 0 {
			fmt.Fprintf(stderr, "nianbao: %s: 目录中没有可检查的文件（.txt .md .html .htm .docx .pdf）\n", render.SafeName(p))
			code = 2
		} else if other > 0 {
			fmt.Fprintf(stderr, "nianbao: %s: 已跳过 %d 个其他文件（只检查 .txt .md .html .htm .docx .pdf；结果中逐个列出）\n", render.SafeName(p), other)
		}
		sort.Strings(found)
		out = append(out, found...)
		others = append(others, skipped...)
	}
	return out, others, code
}

// symlinkReason says what a symbolic link found in a folder is, never
// following it: a link to a report in the same folder is checked under
// that file's own name; a link elsewhere, to a folder or to nothing is
// named.
func symlinkReason(root, path string) string {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		if _, serr := os.Stat(path); serr != nil {
			if msg := osError(serr); strings.HasPrefix(msg, "符号链接") { // a loop
				return msg
			}
		}
		return "符号链接，指向的文件不存在，未检查"
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return "符号链接，未跟随"
	}
	st, err := os.Stat(abs)
	rel, rerr := filepath.Rel(root, abs)
	inside := rerr == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
	switch {
	case err == nil && st.IsDir():
		return "符号链接，指向目录，未跟随"
	case inside && review.InFolderPath(filepath.ToSlash(rel)):
		return "符号链接，指向本目录中的 " + filepath.ToSlash(rel) + "，已按该文件检查"
	case inside:
		return "符号链接，指向本目录中的 " + filepath.ToSlash(rel) + "，未检查"
	}
	return "符号链接，指向目录之外的文件，未跟随（请把报告文件本身放入目录）"
}

// runText prints the text as read from a file: the text every line and
// column of a check refers to.
func runText(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 2 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) != 1 {
		fmt.Fprintf(stderr, "nianbao: 请给出一个文件\n\n%s", usages["text"])
		return 2
	}
	name := args[0]
	var raw []byte
	var err error
	if name == "-" {
		raw, err = io.ReadAll(io.LimitReader(stdin, core.MaxInputBytes+1))
	} else {
		raw, err = readLimited(name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "nianbao: %s: %s\n", render.SafeName(name), osError(err))
		return 2
	}
	doc, ierr := core.Read(name, raw, newEnv(stderr))
	if ierr != nil {
		fmt.Fprintf(stderr, "nianbao: %s: %s\n", render.SafeName(name), render.SafeName(ierr.Message))
		return 2
	}
	// The text as read, as check shows report text: control characters
	// and bidirectional overrides escaped (a page's OSC 52 sequence must
	// not reach the terminal), lines kept.
	io.WriteString(stdout, render.Safe(doc.Text))
	return 0
}

// readLimited reads a file of at most MaxInputBytes (+1, to tell that it
// is over). Only regular files are read: a FIFO, a device or a socket
// (named *.txt or not) would block or never end.
func readLimited(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, core.MaxInputBytes+1))
}

var errNotRegular = errors.New("not a regular file")

func osError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有读取权限"
	case errors.Is(err, errNotRegular):
		return "不是普通文件（管道、设备或套接字），不读取"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "is a directory") {
		return "是目录"
	}
	if errors.Is(err, syscall.ELOOP) {
		return "符号链接成环，无法读取"
	}
	// The error's text names the path: escaped like any name.
	return "无法读取（" + render.SafeName(err.Error()) + "）"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("rules")
	format := fl.String("format", "text", "text、json 或 markdown")
	if err := fl.Parse(args); err != nil {
		fmt.Fprintf(stderr, "nianbao: %s\n\n%s", flagError(err, args, fl), usages["rules"])
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "nianbao: rules 不接受参数 %q\n\n%s", fl.Arg(0), usages["rules"])
		return 2
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(core.Rules())
	case "markdown":
		ledgerMarkdown(stdout)
	case "text":
		for _, r := range rules.All {
			fmt.Fprintf(stdout, "%s  %s  %s  %s\n      %s\n", r.ID, sevName(r.Severity), render.Pad(r.Title, titleWidth), r.Name, r.Doc)
			if l := levels(r); l != sevName(r.Severity) {
				fmt.Fprintf(stdout, "      级别：%s\n", l)
			}
			fmt.Fprintf(stdout, "      依据：%s\n", r.Basis)
		}
	default:
		fmt.Fprintf(stderr, "nianbao: --format 只能是 text、json 或 markdown，不能是 %q\n", *format)
		return 2
	}
	return 0
}

// titleWidth is the terminal width of the longest title (12 characters).
const titleWidth = 24

// sevName is a rule's usual severity in words.
func sevName(s rules.Severity) string { return core.SeverityName(s.String()) }

// levels is the severity of a rule in words, with when it differs:
// "错误。例外：2019 年度报告中为警告；未写明统计期限：提示".
func levels(r *rules.Rule) string {
	var notes []string
	if r.Severity == rules.Error && rules.Lowered2019(r) {
		notes = append(notes, "2019 年度报告中为警告")
	}
	if r.Levels != "" {
		notes = append(notes, r.Levels)
	}
	if len(notes) == 0 {
		return sevName(r.Severity)
	}
	return sevName(r.Severity) + "。例外：" + strings.Join(notes, "；")
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintf(stderr, "nianbao: 请给出一个规则号\n\n%s", usages["explain"])
		return 2
	}
	id := strings.ToUpper(args[0])
	for _, r := range rules.All {
		if r.ID == id || r.Name == args[0] || r.Title == args[0] {
			fmt.Fprintf(stdout, "%s %s（%s）\n级别：%s\n检查：%s\n依据：%s\n", r.ID, r.Title, r.Name, levels(r), r.Doc, r.Basis)
			if !rules.Before2019(r) {
				fmt.Fprintln(stdout, "适用：2019 年度起的报告（此前没有全国统一的表格格式）")
			}
			return 0
		}
	}
	fmt.Fprintf(stderr, "nianbao: 没有规则 %q；用 nianbao rules 查看全部规则\n", args[0])
	return 2
}
