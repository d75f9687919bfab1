package core_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// BenchmarkCheck: parse and check each shared report, and a 1 MB input
// (the real reports one after another), to see that cost grows linearly.
// Compare runs with benchstat:
//
//	go test ./core -run '^$' -bench . -benchmem -count 6 > new.txt
func BenchmarkCheck(b *testing.B) {
	files, _ := filepath.Glob("../testdata/seeds/*.txt")
	real, _ := filepath.Glob("../testdata/real/*.txt")
	files = append(files, real...)
	// One-line copies (a page scraped to one line): positions must not
	// be counted from the line start for every cell.
	oneline, _ := filepath.Glob("../testdata/copies/*oneline*.txt")
	files = append(files, oneline...)
	var all strings.Builder
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		all.Write(raw)
		all.WriteByte('\n')
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		b.Run(name, func(b *testing.B) { benchOne(b, raw) })
	}
	big := []byte(strings.Repeat(all.String(), 1<<20/all.Len()+1))
	b.Run("1MB", func(b *testing.B) { benchOne(b, big) })
}

func benchOne(b *testing.B, raw []byte) {
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := core.Check("bench", raw, core.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSON: write the result of a typical report (seed 000,
// hongze-2024-layout) as JSON, as the command line, the page and the
// Worker do after every check.
func BenchmarkJSON(b *testing.B) {
	for _, file := range []string{"../testdata/seeds/000_bcc88cd11fb35c2f.txt", "../testdata/real/hongze-2024-layout.txt"} {
		raw, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		rep, cerr := core.Check(filepath.Base(file), raw, core.Options{})
		if cerr != nil {
			b.Fatal(cerr)
		}
		res := core.NewResult(rep)
		b.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res.JSON()
			}
		})
	}
}
