//go:build !js

package core_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
	"github.com/nianbao/nianbao/internal/testfiles"
)

// Whether a row with too few numbers is the report's error or the
// reading's doubt depends on where the cells came from. The three copies
// below are made by code from the complete, correct report of the rules'
// tests (rules/testdata/base.txt, a table copied from Word: tab-separated).

func readBase(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("rules/testdata/base.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dropLast removes the last cell of the 表三 row "2.重复申请" (seven 0s).
func dropLast(t *testing.T, text, sep string) string {
	t.Helper()
	full := "2.重复申请" + strings.Repeat(sep+"0", 7)
	if !strings.Contains(text, full) {
		t.Fatalf("row %q not in the copy", full)
	}
	return strings.Replace(text, full, "2.重复申请"+strings.Repeat(sep+"0", 6), 1)
}

// onRow: the findings of rule on 表三's row.
func onRow(rep core.Report, rule, row string) []core.Finding {
	var out []core.Finding
	for _, f := range rep.Findings {
		if f.Rule == rule && f.Table == "applications" && f.Row == row {
			out = append(out, f)
		}
	}
	return out
}

// A table copied from Word/WPS (cells split by tabs) that lacks a cell
// really lacks it: the report's error.
func TestShortRowTabCopyIsReportError(t *testing.T) {
	rep := core.CheckText("tabs.txt", dropLast(t, readBase(t), "\t"), core.Options{})
	got := onRow(rep, "T03", "notproc_2")
	if len(got) != 1 || got[0].Severity != "error" || got[0].Kind != "report" {
		t.Fatalf("T03 on the short row: %+v", got)
	}
	if !strings.Contains(got[0].Fix, "补全") {
		t.Errorf("fix %q: the unit must fill the cell", got[0].Fix)
	}
}

// The same row in a space-aligned copy (a PDF's text, pdftotext -layout):
// the reader placed the numbers itself, so a number it could not place is
// its doubt: a warning of kind reading that says what to do, never an
// error, and nothing computed from the row is an error either.
func TestShortRowSpacedCopyIsReadingDoubt(t *testing.T) {
	text := dropLast(t, strings.ReplaceAll(readBase(t), "\t", "    "), "    ")
	rep := core.CheckText("spaced.txt", text, core.Options{})
	got := onRow(rep, "T03", "notproc_2")
	if len(got) != 1 || got[0].Severity != "warning" || got[0].Kind != "reading" {
		t.Fatalf("T03 on the short row: %+v", got)
	}
	for _, want := range []string{"按空格对齐", "无法确定"} {
		if !strings.Contains(got[0].Message, want) {
			t.Errorf("message %q lacks %q", got[0].Message, want)
		}
	}
	if !strings.Contains(got[0].Fix, ".docx") || !strings.Contains(got[0].Fix, "PDF") {
		t.Errorf("fix %q must say to open the original or look at the PDF", got[0].Fix)
	}
	for _, f := range rep.Findings {
		if f.Severity == "error" {
			t.Errorf("error in a copy of a correct report: %s %s %s", f.Rule, f.Kind, f.Message)
		}
		if f.Rule[0] == 'A' && f.Kind != "reading" {
			t.Errorf("%s of a table with an unread row is the reading's: %s", f.Rule, f.Message)
		}
		// One cause, one message: the note that identities through the
		// row cannot be checked is explained by the row's doubt.
		if f.Rule[0] == 'A' && (f.ExplainedBy == nil || rep.Findings[*f.ExplainedBy].Rule != "T03") {
			t.Errorf("%s not explained by the short row: %+v", f.Rule, f)
		}
	}
}

// A copy that lost every line break and cell separator (the whole report
// on one line, digits glued to the labels): a row whose digits cannot be
// split, or split in several ways, is the reading's doubt.
func TestOneLineUnsplittableRowIsReadingDoubt(t *testing.T) {
	var b strings.Builder
	for _, l := range strings.Split(dropLast(t, readBase(t), "\t"), "\n") {
		b.WriteString(strings.ReplaceAll(l, "\t", ""))
	}
	rep := core.CheckText("oneline.txt", b.String(), core.Options{})
	reading := 0
	for _, f := range rep.Findings {
		if f.Rule == "T02" || f.Rule == "T03" || f.Rule == "T04" {
			if f.Severity == "error" {
				t.Errorf("%s error in a one-line copy: %s", f.Rule, f.Message)
			}
			if f.Kind == "reading" && f.Severity == "warning" {
				reading++
			}
		}
		if f.Kind == "reading" && f.Severity == "error" {
			t.Errorf("reading doubt as error: %s %s", f.Rule, f.Message)
		}
	}
	// 表二“行政规范性文件” (2110: several splits) and the short 表三 row.
	if reading < 2 {
		t.Errorf("%d reading warnings on rows that cannot be split, want 2 or more: %v", reading, rep.Findings)
	}
	for _, f := range onRow(rep, "T03", "notproc_2") {
		if f.Kind != "reading" {
			t.Errorf("short one-line row: %+v", f)
		}
	}
}

// Seed 003 is a table copied from Word with tabs whose rows have six
// numbers: the report's errors (T03), kind report.
func TestSeed003KeepsItsT03Errors(t *testing.T) {
	path, text := testfiles.Seed(t, "003")
	rep := core.CheckText(path, text, core.Options{})
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "T03" && strings.Contains(f.Message, "只读到 6 个数") {
			n++
			if f.Severity != "error" || f.Kind != "report" {
				t.Errorf("T03 %s %s: %s", f.Severity, f.Kind, f.Message)
			}
		}
	}
	if n != 13 {
		t.Errorf("%d T03 errors, want 13", n)
	}
}

// No finding of kind reading is ever an error: over every report of the
// repository's testdata (text, .docx, .html, PDF) and, where present, the
// shared seeds and real reports.
func TestReadingNeverError(t *testing.T) {
	var files []string
	for _, pat := range []string{"../testdata/seeds/*", "../testdata/real/*.txt", "../testdata/variants/*.txt", "../testdata/files/*", "../testdata/pdf/*.pdf",
		"../../shared/seeds/*.txt", "../../shared/real/*.txt", "../../shared/real/pdf/*.pdf"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 30 {
		t.Fatalf("only %d files", len(files))
	}
	readings := 0
	for _, path := range files {
		if strings.HasSuffix(path, "SOURCES") || strings.HasSuffix(path, "README") {
			continue
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rep, ierr := core.Check(path, raw, core.Options{Env: fileEnv()})
		if ierr != nil {
			continue // a file that cannot be read (scanned, encrypted) is no report
		}
		for _, f := range rep.Findings {
			if f.Kind != "report" && f.Kind != "reading" {
				t.Errorf("%s: %s kind %q", path, f.Rule, f.Kind)
			}
			if f.Kind == "reading" {
				readings++
				if f.Severity == "error" {
					t.Errorf("%s: %s reading doubt as error: %s", path, f.Rule, f.Message)
				}
			}
		}
	}
	if readings == 0 {
		t.Error("no reading doubt in any file: the test checks nothing")
	}
}

// A PDF whose table is drawn with cell borders is read from its cells
// (lattice): an empty drawn cell is seen empty, so it is certain, as in
// the .docx the PDF was made from: hongze-2024-blank has the 总计 of
// 结转下年度 empty, and T05 there is the report's.
func TestDrawnEmptyPDFCellIsCertain(t *testing.T) {
	for _, name := range []string{"hongze-2024-blank.pdf", "hongze-2024-blank.docx"} {
		raw, err := os.ReadFile("../testdata/files/" + name)
		if err != nil {
			t.Fatal(err)
		}
		rep, ierr := core.Check(name, raw, core.Options{Env: fileEnv()})
		if ierr != nil {
			t.Fatal(ierr)
		}
		got := onRow(rep, "T05", "carry_out")
		if len(got) != 1 || got[0].Kind != "report" || got[0].Severity != "warning" {
			t.Errorf("%s: T05 on the drawn empty cell: %+v", name, got)
		}
	}
}

// A text-vs-table finding on a cell the reader inferred (digits run
// together, split by the table's identities) is the reading's doubt.
func TestXOnInferredCellIsReadingDoubt(t *testing.T) {
	var b strings.Builder
	for _, l := range strings.Split(readBase(t), "\n") {
		b.WriteString(strings.ReplaceAll(l, "\t", ""))
	}
	text := strings.Replace(b.String(), "收到政府信息公开申请13件", "收到政府信息公开申请12件", 1)
	rep := core.CheckText("oneline.txt", text, core.Options{})
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "X02" {
			n++
			if f.Kind != "reading" || f.Severity != "warning" || !strings.Contains(f.Message, "推断") {
				t.Errorf("X02 on an inferred cell: %+v", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d X02 findings, want 1: %v", n, rep.Findings)
	}
}

// One cause, one message: a blank cell is one T05 finding, and the notes
// that the identities through it cannot be checked are explained by it.
func TestBlankExplainsItsIdentityNotes(t *testing.T) {
	text := strings.Replace(readBase(t), "2.重复申请\t0\t0\t0", "2.重复申请\t0\t0\t/", 1)
	rep := core.CheckText("blank.txt", text, core.Options{})
	t05 := -1
	for i, f := range rep.Findings {
		if f.Rule == "T05" {
			t05 = i
		}
	}
	if t05 < 0 {
		t.Fatalf("no T05: %v", rep.Findings)
	}
	notes := 0
	for _, f := range rep.Findings {
		if f.Rule[0] == 'A' && strings.Contains(f.Message, "无法核对") {
			notes++
			if f.ExplainedBy == nil || *f.ExplainedBy != t05 {
				t.Errorf("%s not explained by the T05 finding: %+v", f.Rule, f)
			}
		}
	}
	if notes < 2 {
		t.Errorf("%d identity notes, want the row's and the column's", notes)
	}
}
