package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

// termCount sizes the one array of all identities' terms: it is exactly
// the number of terms identities makes, on reports of both formats.
func TestTermCount(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	real, _ := filepath.Glob("../../testdata/real/*.txt")
	files = append(files, real...)
	if len(files) < 5 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := parse.Parse(source.New(f, string(raw)))
		n := 0
		for _, id := range identities(doc) {
			n += len(id.terms)
		}
		if want := termCount(doc); n != want || n == 0 && doc.T3 != nil {
			t.Errorf("%s: %d terms, termCount %d", f, n, want)
		}
	}
}
