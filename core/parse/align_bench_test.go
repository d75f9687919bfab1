package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core/source"
)

// BenchmarkParse: parse alone (no rules) of each shared report, to see
// what the table reader costs.
func BenchmarkParse(b *testing.B) {
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	real, _ := filepath.Glob("../../testdata/real/*.txt")
	for _, f := range append(files, real...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := string(raw)
		b.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Parse(source.New("x", text))
			}
		})
	}
}
