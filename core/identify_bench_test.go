package core_test

import (
	"os"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// BenchmarkIdentify: what a batch pays per file to pair reports (unit and
// year), against the check of the same file.
func BenchmarkIdentify(b *testing.B) {
	raw, err := os.ReadFile("../testdata/real/hongze-2024-layout.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	b.ReportAllocs()
	for b.Loop() {
		if a, y := core.Identify(text); a == "" || y == 0 {
			b.Fatal("not identified")
		}
	}
}
