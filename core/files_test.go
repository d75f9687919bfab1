package core_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// TestFiles: every file fixture (Word, web page, GBK web page) reads as the
// text it was made from: the same cells and the same findings; a cell the
// file leaves blank reads null with a T05 warning there, and changes
// nothing else but notes on that cell. Every cell and finding with a place
// also names the file's own place (a Word table cell, an HTML source line),
// and the text as read checks the same as the file.
func TestFiles(t *testing.T) {
	f, err := os.Open("../testdata/files/SOURCES")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		n++
		file, text := fields[0], fields[1]
		blank := ""
		if len(fields) > 2 {
			blank = fields[2]
		}
		t.Run(file, func(t *testing.T) { checkFile(t, "files", file, text, blank) })
	}
	if n < 10 {
		t.Fatalf("only %d file fixtures", n)
	}
	listed, _ := filepath.Glob("../testdata/files/*.*")
	if len(listed) != n+0 {
		t.Errorf("%d files in testdata/files, %d listed in SOURCES", len(listed), n)
	}
}

// TestCopies: the copies of the web pages that read exactly as the pages
// (testdata/copies/SOURCES, mode exact).
func TestCopies(t *testing.T) {
	n := 0
	for _, c := range copySources(t) {
		if c.mode == "exact" {
			n++
			t.Run(c.file, func(t *testing.T) { checkFile(t, "copies", c.file, c.ref, "") })
		}
	}
	if n < 3 {
		t.Fatalf("only %d exact copies", n)
	}
}

type copySource struct{ file, ref, mode string }

func copySources(t *testing.T) []copySource {
	raw, err := os.ReadFile("../testdata/copies/SOURCES")
	if err != nil {
		t.Fatal(err)
	}
	var out []copySource
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || strings.HasPrefix(f[0], "#") {
			continue
		}
		out = append(out, copySource{f[0], f[1], f[2]})
	}
	listed, _ := filepath.Glob("../testdata/copies/*.txt")
	if len(listed) != len(out) {
		t.Errorf("%d copies in testdata/copies, %d listed in SOURCES", len(listed), len(out))
	}
	return out
}

func checkFile(t *testing.T, dir, file, text, blank string) {
	opts := core.Options{Env: fileEnv()}
	if strings.HasSuffix(file, ".pdf") && opts.Env.PDF == nil {
		t.Skip("no PDF engine here")
	}
	raw, err := os.ReadFile("../testdata/" + dir + "/" + file)
	if err != nil {
		t.Fatal(err)
	}
	rep, ierr := core.Check(file, raw, opts)
	if ierr != nil {
		t.Fatal(ierr)
	}
	src, err := os.ReadFile("../testdata/" + text)
	if err != nil {
		t.Fatal(err)
	}
	var ref core.Report
	switch filepath.Ext(text) {
	case ".html", ".docx":
		// Another file fixture, itself checked against its text: the
		// same document written by another program.
		r, ierr := core.Check(text, src, opts)
		if ierr != nil {
			t.Fatal(ierr)
		}
		ref = r
	default:
		ref = core.CheckText(file, string(src), core.Options{})
	}

	kind := strings.TrimPrefix(filepath.Ext(file), ".")
	if kind == "txt" {
		kind = "text" // a copy: no places of a file
	}
	if rep.Input == nil || rep.Input.Kind != kind {
		t.Errorf("input %+v, want kind %s", rep.Input, kind)
	}
	if strings.Contains(file, "-gbk") && rep.Input.Encoding != "gb18030" {
		t.Errorf("encoding %q, want gb18030", rep.Input.Encoding)
	}

	// blank: table/row/column, or table/*/c1+c2+… for columns left
	// empty in every row.
	bt, brow, bcols := splitCell(blank)
	cols := map[string]bool{}
	for _, c := range strings.Split(bcols, "+") {
		cols[c] = true
	}
	isBlank := func(tid, row, col string) bool {
		return blank != "" && tid == bt && (brow == "*" || row == brow) && cols[col]
	}
	onBlank := func(f core.Finding) bool {
		return blank != "" && f.Table == bt && (brow == "*" || f.Row == brow) && (f.Column == "" || cols[f.Column])
	}
	// Columns empty in every row leave the arithmetic of their rows
	// unchecked: the text's findings on that table may be missing.
	wholeColumns := brow == "*"
	cells := 0
	for tid, tab := range ref.Tables {
		for row, cols := range tab.Map() {
			for col, want := range cols {
				cells++
				got, ok := rep.Tables[tid].Map()[row][col]
				if !ok {
					t.Errorf("%s/%s/%s: not read", tid, row, col)
					continue
				}
				if kind != "text" && got.Where == nil || (kind == "docx" && got.Where.Cell == 0) || (kind == "html" && got.Where.SourceLine == 0) || (kind == "pdf" && got.Where.Page == 0) {
					t.Errorf("%s/%s/%s: no place in the file: %+v", tid, row, col, got.Where)
				}
				if isBlank(tid, row, col) {
					if got.Value != nil {
						t.Errorf("%s/%s/%s: blank in the file, read as %v", tid, row, col, *got.Value)
					}
					continue
				}
				if (got.Value == nil) != (want.Value == nil) || got.Value != nil && *got.Value != *want.Value {
					t.Errorf("%s/%s/%s: %v, the text has %v", tid, row, col, deref(got.Value), deref(want.Value))
				}
			}
		}
		if len(rep.Tables[tid].Rows) != len(tab.Rows) {
			t.Errorf("%s: %d rows, the text has %d", tid, len(rep.Tables[tid].Rows), len(tab.Rows))
		}
	}
	if cells < 150 {
		t.Errorf("only %d cells", cells)
	}

	key := func(f core.Finding) string {
		return strings.Join([]string{f.Rule, f.Severity, f.Table, f.Row, f.Column, f.Message}, "|")
	}
	have := map[string]bool{}
	for _, f := range rep.Findings {
		have[key(f)] = true
		if f.Line > 0 && f.Where == nil && f.Table != "" && kind != "text" {
			t.Errorf("%s %s: a place in the text but none in the file", f.Rule, f.Message)
		}
	}
	want := map[string]bool{}
	for _, f := range ref.Findings {
		want[key(f)] = true
		if !have[key(f)] && !(wholeColumns && f.Table == bt && f.Severity != "error") && !(wholeColumns && f.Table == bt && strings.HasPrefix(f.Rule, "A")) {
			t.Errorf("missing %s %s: %s", f.Rule, f.Severity, f.Message)
		}
	}
	warned := false
	for _, f := range rep.Findings {
		if want[key(f)] {
			continue
		}
		switch {
		case onBlank(f) && f.Rule == "T05" && f.Severity == "warning":
			warned = true
		case onBlank(f) && f.Severity == "info":
		case wholeColumns && f.Table == bt && f.Severity == "info":
		default:
			t.Errorf("new %s %s: %s", f.Rule, f.Severity, f.Message)
		}
	}
	if blank != "" && !warned {
		t.Errorf("no T05 warning at the blank %s", blank)
	}

	// The text as read (nianbao text) checks the same as the file.
	doc, ierr := core.Read(file, raw, opts.Env)
	if ierr != nil {
		t.Fatal(ierr)
	}
	again := core.CheckText(file, doc.Text, core.Options{})
	if len(again.Findings) != len(rep.Findings) {
		t.Errorf("the text as read gives %d findings, the file %d", len(again.Findings), len(rep.Findings))
	}
	for i := range again.Findings {
		if i < len(rep.Findings) && key(again.Findings[i]) != key(rep.Findings[i]) {
			t.Errorf("the text as read: %s, the file: %s", key(again.Findings[i]), key(rep.Findings[i]))
		}
	}
}

func splitCell(s string) (string, string, string) {
	p := strings.SplitN(s, "/", 3)
	for len(p) < 3 {
		p = append(p, "")
	}
	return p[0], p[1], p[2]
}

func deref(p *float64) any {
	if p == nil {
		return "blank"
	}
	return *p
}
