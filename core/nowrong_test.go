//go:build !js

package core_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// A wrong value is worse than a missing one: a cell read with a number
// the report does not have gives a confident wrong finding. These tests
// read every fixture and every variant of the shared reports and fail on
// any cell whose value differs from the hand-read one. A cell not read
// at all is allowed (the reader says it could not read it).

// wrongCells compares the cells a file was read with against the values
// it has (want, by table/row/column; a nil value is a blank cell). Cells
// the file was not read with are not counted; allowed lists other values
// a cell may have (a mutated cell).
func wrongCells(rep core.Report, want map[string]*float64, allowed map[string][]*float64) []string {
	var wrong []string
	for tid, tab := range rep.Tables {
		for row, cols := range tab.Map() {
			for col, got := range cols {
				k := tid + "/" + row + "/" + col
				w, ok := want[k]
				if !ok {
					continue
				}
				if sameValue(got.Value, w) {
					continue
				}
				fine := false
				for _, a := range allowed[k] {
					fine = fine || sameValue(got.Value, a)
				}
				if !fine {
					wrong = append(wrong, fmt.Sprintf("%s: read %v, the report has %v", k, deref(got.Value), deref(w)))
				}
			}
		}
	}
	sort.Strings(wrong)
	return wrong
}

func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	d := *a - *b
	return d < 1e-9 && d > -1e-9
}

// cellsOf: the cells of a report as read, as wrongCells wants them.
func cellsOf(rep core.Report) map[string]*float64 {
	out := map[string]*float64{}
	for tid, tab := range rep.Tables {
		for row, cols := range tab.Map() {
			for col, c := range cols {
				out[tid+"/"+row+"/"+col] = c.Value
			}
		}
	}
	return out
}

// TestNoWrongValueFixtures: every committed fixture — the files of
// testdata/files, the published PDFs, the layout variants — against the
// text it was made from (whose cells the golden and values tests check by
// hand), blanks included.
func TestNoWrongValueFixtures(t *testing.T) {
	type pair struct{ file, ref, blank string }
	var pairs []pair
	f, err := os.Open("../testdata/files/SOURCES")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fl := strings.Fields(sc.Text())
		if len(fl) < 2 || strings.HasPrefix(fl[0], "#") {
			continue
		}
		p := pair{file: "files/" + fl[0], ref: fl[1]}
		if len(fl) > 2 {
			p.blank = fl[2]
		}
		pairs = append(pairs, p)
	}
	f.Close()
	for _, c := range copySources(t) {
		pairs = append(pairs, pair{file: "copies/" + c.file, ref: c.ref})
	}
	for _, p := range []string{"huaian-city-2024", "hongze-2023", "hongze-2024"} {
		pairs = append(pairs, pair{file: "pdf/" + p + ".pdf", ref: "real/" + p + "-layout.txt"})
	}
	// The variants' README names each one's source.
	readme, err := os.ReadFile("../testdata/variants/README")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(readme), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 {
			continue
		}
		file, src := strings.Trim(strings.TrimSpace(cells[1]), "`"), strings.TrimSpace(cells[2])
		if !strings.HasSuffix(file, ".txt") {
			continue
		}
		switch {
		case strings.HasPrefix(src, "seeds/"):
			m, _ := filepath.Glob("../testdata/seeds/" + strings.TrimPrefix(src, "seeds/") + "_*.txt")
			if len(m) != 1 {
				t.Fatalf("variant %s: source %s not found", file, src)
			}
			src = "seeds/" + filepath.Base(m[0])
		case strings.HasPrefix(src, "real/"):
			src += ".txt"
		}
		pairs = append(pairs, pair{file: "variants/" + file, ref: src})
	}
	if len(pairs) < 30 {
		t.Fatalf("only %d fixtures", len(pairs))
	}
	opts := core.Options{Env: fileEnv()}
	read := func(name string) core.Report {
		raw, err := os.ReadFile("../testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		rep, ierr := core.Check(name, raw, opts)
		if ierr != nil {
			t.Fatalf("%s: %s", name, ierr.Message)
		}
		return rep
	}
	total, cells := 0, 0
	for _, p := range pairs {
		if strings.HasSuffix(p.file, ".pdf") && opts.Env.PDF == nil {
			continue
		}
		want := cellsOf(read(p.ref))
		if p.blank != "" {
			bt, brow, bcols := splitCell(p.blank)
			for k := range want {
				s := strings.Split(k, "/")
				for _, c := range strings.Split(bcols, "+") {
					if s[0] == bt && (brow == "*" || s[1] == brow) && s[2] == c {
						want[k] = nil
					}
				}
			}
		}
		rep := read(p.file)
		// A variant's blank cells are written by hand in its .want, as
		// the T05 warnings it must give (line and column).
		if w, err := os.ReadFile("../testdata/" + strings.TrimSuffix(p.file, ".txt") + ".want"); err == nil && strings.HasPrefix(p.file, "variants/") {
			lines := map[int]bool{}
			for _, l := range strings.Split(string(w), "\n") {
				var line int
				if _, err := fmt.Sscanf(l, "T05 warning %d", &line); err == nil {
					lines[line] = true
				}
			}
			for _, f := range rep.Findings {
				if f.Rule == "T05" && lines[f.Line] && f.Column != "" {
					want[f.Table+"/"+f.Row+"/"+f.Column] = nil
				}
			}
		}
		cells += len(cellsOf(rep))
		wrong := wrongCells(rep, want, nil)
		total += len(wrong)
		for _, w := range wrong {
			t.Errorf("%s: %s", p.file, w)
		}
	}
	t.Logf("%d fixtures, %d cells read, %d wrong", len(pairs), cells, total)
}

// TestNoWrongValueEval: every variant the shared grader makes of the
// shared reports (../shared/eval/mutate.py: cells changed, deleted or
// blanked, layouts, one-line copies, cell-per-line copies, .html, .docx,
// browser-printed and Writer-exported PDFs, empty columns) against the
// hand-read truth (../shared/eval/truth.json). Skipped where the shared
// folder or python3 is not there.
func TestNoWrongValueEval(t *testing.T) {
	evalDir := "../../shared/eval"
	if _, err := os.Stat(filepath.Join(evalDir, "mutate.py")); err != nil {
		t.Skip("no ../shared/eval here")
	}
	if testing.Short() {
		t.Skip("short")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	out := t.TempDir()
	if b, err := exec.Command(py, filepath.Join(evalDir, "mutate.py"), "--out", out).CombinedOutput(); err != nil {
		t.Fatalf("mutate.py: %v\n%s", err, b)
	}
	var manifest struct {
		Mutants []struct {
			Name, Category, Source, File string
			Expect                       struct {
				Table, Row, Column string
				New                *float64
				Blanks             [][]string
			}
		}
	}
	raw, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatal(err)
	}
	truth := loadTruth(t, filepath.Join(evalDir, "truth.json"))
	opts := core.Options{Env: fileEnv()}
	check := func(name, path string, want map[string]*float64, allowed map[string][]*float64) (int, int) {
		if strings.HasSuffix(path, ".pdf") && opts.Env.PDF == nil {
			return 0, 0
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rep, ierr := core.Check(filepath.Base(path), raw, opts)
		if ierr != nil {
			return 0, 0 // refused: no value at all
		}
		wrong := wrongCells(rep, want, allowed)
		for _, w := range wrong {
			t.Errorf("%s: %s", name, w)
		}
		return len(cellsOf(rep)), len(wrong)
	}
	files, cells, wrong := 0, 0, 0
	for path, e := range truth {
		c, w := check(path, filepath.Join(evalDir, "..", path), e.cells(), nil)
		files, cells, wrong = files+1, cells+c, wrong+w
	}
	for _, m := range manifest.Mutants {
		e, ok := truth[m.Source]
		if !ok {
			t.Errorf("%s: source %s not in the truth", m.Name, m.Source)
			continue
		}
		want := e.cells()
		allowed := map[string][]*float64{}
		k := m.Expect.Table + "/" + m.Expect.Row + "/" + m.Expect.Column
		switch m.Category {
		case "t3_cell", "t4_cell":
			if _, ok := want[k]; ok {
				want[k] = m.Expect.New
			}
		case "t3_delete", "t3_blank":
			if _, ok := want[k]; ok {
				want[k] = nil
			}
		}
		for _, b := range m.Expect.Blanks {
			if len(b) == 3 {
				if _, ok := want[strings.Join(b, "/")]; ok {
					want[strings.Join(b, "/")] = nil
				}
			}
		}
		c, w := check(m.Name, m.File, want, allowed)
		files, cells, wrong = files+1, cells+c, wrong+w
	}
	t.Logf("%d files (the shared reports and %d variants), %d cells read, %d wrong", files, len(manifest.Mutants), cells, wrong)
}

// truthEntry is one report of the grader's truth.json.
type truthEntry struct {
	Path              string
	SameAs            string                         `json:"same_as"`
	Recoverable       *bool                          `json:"recoverable"`
	RecoverableTables map[string]bool                `json:"recoverable_tables"`
	UnrecoverableRows []string                       `json:"unrecoverable_rows"`
	Applications      map[string]map[string]*float64 `json:"applications"`
	Review            map[string]map[string]*float64 `json:"review"`
	Active            map[string]map[string]*float64 `json:"active"`
}

func (e truthEntry) recoverable(table string) bool {
	if r, ok := e.RecoverableTables[table]; ok {
		return r
	}
	return e.Recoverable == nil || *e.Recoverable
}

// cells: the hand-read cells of the tables the truth says can be read.
func (e truthEntry) cells() map[string]*float64 {
	out := map[string]*float64{}
	skip := map[string]bool{}
	for _, r := range e.UnrecoverableRows {
		skip[r] = true
	}
	for tid, tab := range map[string]map[string]map[string]*float64{"applications": e.Applications, "review": e.Review, "active": e.Active} {
		if !e.recoverable(tid) {
			continue
		}
		for row, cols := range tab {
			if tid == "applications" && skip[row] {
				continue
			}
			for col, v := range cols {
				out[tid+"/"+row+"/"+col] = v
			}
		}
	}
	return out
}

// loadTruth reads truth.json keyed by path (as the manifest names
// sources); tables an entry lacks come from its same_as entry.
func loadTruth(t *testing.T, path string) map[string]truthEntry {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	byID := map[string]truthEntry{}
	for id, r := range all {
		if strings.HasPrefix(id, "_") {
			continue
		}
		var e truthEntry
		if err := json.Unmarshal(r, &e); err != nil || e.Path == "" {
			continue
		}
		byID[id] = e
	}
	out := map[string]truthEntry{}
	for _, e := range byID {
		if src, ok := byID[e.SameAs]; ok && e.SameAs != "" {
			if e.Applications == nil {
				e.Applications = src.Applications
			}
			if e.Review == nil {
				e.Review = src.Review
			}
			if e.Active == nil {
				e.Active = src.Active
			}
		}
		out[e.Path] = e
	}
	if len(out) < 10 {
		t.Fatalf("only %d truth entries", len(out))
	}
	return out
}
