package pdfium

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkPages: reading the characters of each published PDF, the
// engine already started (it starts once per process; TestStart reports
// what that costs).
func BenchmarkPages(b *testing.B) {
	e := &Engine{}
	defer e.Close()
	files, _ := filepath.Glob("../../testdata/pdf/[hu]*.pdf")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages, err := e.Pages(raw)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(f), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := e.Pages(raw); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(len(pages)), "ms/page")
		})
	}
}

// TestStart: the engine starts, reads a PDF, and says how long starting
// took (with and without the compilation cache). Not a timed assertion.
func TestStart(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/pdf/hongze-2024.pdf")
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	for _, c := range []struct {
		name, dir string
		said      bool // the slow start is announced (Starting)
	}{{"no cache", "-", true}, {"empty cache", cache, true}, {"filled cache", cache, false}} {
		said := 0
		e := &Engine{CacheDir: c.dir, Starting: func(about time.Duration) {
			said++
			if about < time.Second {
				t.Errorf("%s: start announced as %v", c.name, about)
			}
		}}
		start := time.Now()
		pages, err := e.Pages(raw)
		took := time.Since(start)
		if _, err := e.Pages(raw); err != nil { // a second file: started already
			t.Fatal(err)
		}
		e.Close()
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 1, false: 0}[c.said]; said != want {
			t.Errorf("%s: the start announced %d times, want %d", c.name, said, want)
		}
		if len(pages) != 5 {
			t.Errorf("%d pages, want 5", len(pages))
		}
		chars := 0
		for _, p := range pages {
			chars += len(p.Chars)
		}
		if chars < 2000 {
			t.Errorf("only %d characters", chars)
		}
		t.Logf("%s: started and read %d pages in %v", c.name, len(pages), took)
	}
}
