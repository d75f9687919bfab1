// Command platformdiff compares what a nianbao program built for another
// platform (run under qemu-user or Wine by scripts/test-platforms) wrote
// with what the native program wrote for the same input:
//
//	platformdiff json WANT.json GOT.json   check --format json results
//	platformdiff xlsx WANT.xlsx GOT.xlsx   review workbooks, every cell of every sheet
//
// They must be equal apart from the checker's version (a build may carry
// another) and the path separator in file names (Windows writes
// testdata\seeds\x.txt for testdata/seeds/x.txt). Exit 0 when equal, 1
// with the first difference on stderr.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 4 || (os.Args[1] != "json" && os.Args[1] != "xlsx") {
		fmt.Fprintln(os.Stderr, "usage: platformdiff json|xlsx WANT GOT")
		os.Exit(2)
	}
	var err error
	if os.Args[1] == "json" {
		err = diffJSON(os.Args[2], os.Args[3])
	} else {
		err = diffXLSX(os.Args[2], os.Args[3])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "platformdiff: %s vs %s: %v\n", os.Args[2], os.Args[3], err)
		os.Exit(1)
	}
}

func diffJSON(wantPath, gotPath string) error {
	want, err := readJSON(wantPath)
	if err != nil {
		return err
	}
	got, err := readJSON(gotPath)
	if err != nil {
		return err
	}
	return sameJSON("", want, got)
}

// readJSON reads a result with the checker's version taken out and the
// file names written with /.
func readJSON(path string) (any, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if m, ok := v.(map[string]any); ok {
		if c, ok := m["checker"].(map[string]any); ok {
			delete(c, "version")
		}
	}
	slashes(v)
	return v, nil
}

// slashes writes the value of every "source" key with / for \.
func slashes(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "source" {
				v[k] = strings.ReplaceAll(s, `\`, "/")
				continue
			}
			slashes(x)
		}
	case []any:
		for _, x := range v {
			slashes(x)
		}
	}
}

// sameJSON says where want and got first differ.
func sameJSON(at string, want, got any) error {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %T", at, got)
		}
		for k := range w {
			if _, ok := g[k]; !ok {
				return fmt.Errorf("%s.%s: missing", at, k)
			}
			if err := sameJSON(at+"."+k, w[k], g[k]); err != nil {
				return err
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				return fmt.Errorf("%s.%s: not in the native result", at, k)
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Errorf("%s: want %d items, got %v", at, len(w), short(got))
		}
		for i := range w {
			if err := sameJSON(fmt.Sprintf("%s[%d]", at, i), w[i], g[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if !reflect.DeepEqual(want, got) {
		return fmt.Errorf("%s: want %v, got %v", at, short(want), short(got))
	}
	return nil
}

func short(v any) string {
	s := fmt.Sprint(v)
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}

func diffXLSX(wantPath, gotPath string) error {
	want, err := cells(wantPath)
	if err != nil {
		return err
	}
	got, err := cells(gotPath)
	if err != nil {
		return err
	}
	return sameCells(want, got)
}

// sheet is a sheet's name and rows.
type sheet struct {
	name string
	rows [][]string
}

// cells reads every sheet's cells as text, file names with /.
func cells(path string) ([]sheet, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []sheet
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		for _, r := range rows {
			for i := range r {
				r[i] = strings.ReplaceAll(r[i], `\`, "/")
			}
		}
		out = append(out, sheet{name, rows})
	}
	return out, nil
}

func sameCells(want, got []sheet) error {
	if len(want) != len(got) {
		return fmt.Errorf("%d sheets, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.name != w.name {
			return fmt.Errorf("sheet %d is %q, want %q", i+1, g.name, w.name)
		}
		if len(g.rows) != len(w.rows) {
			return fmt.Errorf("%s: %d rows, want %d", w.name, len(g.rows), len(w.rows))
		}
		for r := range w.rows {
			if len(g.rows[r]) != len(w.rows[r]) {
				return fmt.Errorf("%s row %d: %d cells, want %d", w.name, r+1, len(g.rows[r]), len(w.rows[r]))
			}
			for c := range w.rows[r] {
				if g.rows[r][c] != w.rows[r][c] {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					return fmt.Errorf("%s!%s: %q, want %q", w.name, cell, short(g.rows[r][c]), short(w.rows[r][c]))
				}
			}
		}
	}
	return nil
}
