package core_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// want is one expected finding of a golden file: rule, severity, line
// and a piece of the message.
type want struct {
	rule, severity string
	line           int
	contains       string
	src            int // line of the .want file
}

func readWant(t *testing.T, path string) []want {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []want
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, " ", 4)
		if len(fields) < 4 {
			t.Fatalf("%s:%d: want RULE SEVERITY LINE \"text\"", path, n)
		}
		ln, err := strconv.Atoi(fields[2])
		if err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, want{fields[0], fields[1], ln, strings.Trim(fields[3], `"`), n})
	}
	return out
}

// TestGolden checks every shared report against the findings written by
// hand in testdata/golden (from reading the report and its README, not
// from the program's output): each expected finding must be there, and
// nothing else may be.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	real, _ := filepath.Glob("../testdata/real/*.txt")
	files = append(files, real...)
	if len(files) != 12 {
		t.Fatalf("found %d fixtures, want 12", len(files))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			rep := checkGolden(t, path, filepath.Join("../testdata/golden", name+".want"))
			// The clean files and the clean seeds have no error at all.
			switch name {
			case "000_bcc88cd11fb35c2f", "001_c7abf9ce6f9dda34", "002_38c9b2142ce29509", "huaian-city-2024-layout", "huaian-city-2024-reading-order":
				if rep.Summary.Error != 0 {
					t.Errorf("%d errors in a clean report", rep.Summary.Error)
				}
			}
		})
	}
}

// TestGoldenVariants: the layout variants of testdata/variants, each with
// its hand-written .want beside it.
func TestGoldenVariants(t *testing.T) {
	files, _ := filepath.Glob("../testdata/variants/*.txt")
	if len(files) < 7 {
		t.Fatalf("found %d variants", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			checkGolden(t, path, strings.TrimSuffix(path, ".txt")+".want")
		})
	}
}

// checkGolden checks one report against its .want: each expected finding
// must be there, and nothing else may be.
func checkGolden(t *testing.T, path, wantPath string) core.Report {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rep, ierr := core.Check(path, raw, core.Options{})
	if ierr != nil {
		t.Fatal(ierr)
	}
	wants := readWant(t, wantPath)
	used := make([]bool, len(rep.Findings))
	for _, w := range wants {
		found := false
		for i, f := range rep.Findings {
			if !used[i] && f.Rule == w.rule && f.Severity == w.severity && f.Line == w.line && strings.Contains(f.Message, w.contains) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("golden line %d: missing %s %s at line %d containing %q", w.src, w.rule, w.severity, w.line, w.contains)
		}
	}
	for i, f := range rep.Findings {
		if !used[i] {
			t.Errorf("unexpected %s %s at line %d: %s", f.Rule, f.Severity, f.Line, f.Message)
		}
	}
	return rep
}
