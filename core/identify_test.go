package core

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/rules"
	"github.com/nianbao/nianbao/core/source"
)

// Identify reads the unit and the year without the tables: on every text
// fixture (reports of both formats, copies scraped to one line, variants,
// texts with no title) it gives what a full reading gives.
func TestIdentifyWithoutTables(t *testing.T) {
	var files []string
	for _, g := range []string{"../testdata/seeds/*.txt", "../testdata/real/*.txt", "../testdata/copies/*.txt", "../testdata/variants/*.txt", "../../shared/seeds/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d fixtures found", len(files))
	}
	found := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		agency, year := Identify(text)
		wantAgency, wantYear := rules.Identify(parse.Parse(source.New("", text)))
		if agency != wantAgency || year != wantYear {
			t.Errorf("%s: Identify %q %d, full reading %q %d", f, agency, year, wantAgency, wantYear)
		}
		if agency != "" && year > 0 {
			found++
		}
	}
	if found < len(files)/2 {
		t.Errorf("unit and year found in only %d of %d fixtures", found, len(files))
	}
}
