package pdfium

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/core/input"
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

// onePage makes a one-page PDF whose content stream (deflated) is content.
func onePage(content []byte) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(content)
	zw.Close()
	var b bytes.Buffer
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); b.WriteString(s) }
	b.WriteString("%PDF-1.4\n")
	obj("1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n")
	obj("2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n")
	obj("3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>endobj\n")
	obj(fmt.Sprintf("4 0 obj<</Length %d/Filter/FlateDecode>>stream\n", z.Len()))
	b.Write(z.Bytes())
	b.WriteString("\nendstream endobj\n")
	obj("5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 6\n0000000000 65535 f \n")
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer<</Size 6/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", x)
	return b.Bytes()
}

// lines: a page of n lines of k characters each, in 1-pt type.
func lines(n, k int) []byte {
	return []byte("BT /F1 0.9 Tf 0.8 TL 1 840 Td " + strings.Repeat("("+strings.Repeat("A", k)+") '\n", n) + " ET")
}

// TestLimits: PDFs made to exhaust the engine get an error wrapping
// input.ErrPDFTooLarge (a content stream that inflates to 256 MB, which
// the engine's memory limit stops; a page of 40,000 characters; a page of
// a million), and the engine reads the next PDF as usual afterwards.
func TestLimits(t *testing.T) {
	e := &Engine{CacheDir: "-"}
	defer e.Close()
	ok := onePage([]byte("BT /F1 12 Tf 72 700 Td (2024 report) Tj ET"))
	cases := []struct {
		name, says string
		raw        []byte
	}{
		{"inflates to 256 MB", "内存上限", onePage(bytes.Repeat([]byte(" "), 256<<20))},
		{"40,000 characters on a page", "超过每页上限", onePage(lines(40, 1000))},
		{"a million characters on a page", "输入过大", onePage(lines(1000, 1000))},
	}
	for _, c := range cases {
		_, err := e.Pages(c.raw)
		if !errors.Is(err, input.ErrPDFTooLarge) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: got %v, want an error wrapping ErrPDFTooLarge saying %q", c.name, err, c.says)
		}
		pages, err := e.Pages(ok)
		if err != nil || len(pages) != 1 || len(pages[0].Chars) < 10 {
			t.Fatalf("after %s: the next PDF read %v, %v", c.name, pages, err)
		}
	}
}

// BenchmarkReport: one 6-page report read the way a run of the command
// reads it. "warm start" is a later run of the command: a new engine whose
// compiled PDFium comes from the compilation cache (filled before the
// timer starts), then the report; "started" is the next report of a run
// (review of a folder), the engine already going.
func BenchmarkReport(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/pdf/huaian-city-2024.pdf")
	if err != nil {
		b.Fatal(err)
	}
	cache := b.TempDir()
	warm := &Engine{CacheDir: cache}
	if _, err := warm.Pages(raw); err != nil {
		b.Fatal(err)
	}
	b.Run("warm start", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			e := &Engine{CacheDir: cache}
			if _, err := e.Pages(raw); err != nil {
				b.Fatal(err)
			}
			e.Close()
		}
	})
	b.Run("started", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := warm.Pages(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	warm.Close()
}

// TestDamagedCache: a cached compilation that was damaged on disk (a byte
// of its code changed, the file cut short) is not used: the engine
// compiles PDFium afresh and reads the report as an engine without cache
// does, and the cache is usable again for the next start.
func TestDamagedCache(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles PDFium several times")
	}
	raw, err := os.ReadFile("../../testdata/pdf/hongze-2024.pdf")
	if err != nil {
		t.Fatal(err)
	}
	plain := &Engine{CacheDir: "-"}
	want, err := plain.Pages(raw)
	plain.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		damage func(b []byte) []byte
	}{
		{"a byte of code changed", func(b []byte) []byte { b[len(b)/2] ^= 0x55; return b }},
		{"cut short", func(b []byte) []byte { return b[:len(b)/3] }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			first := &Engine{CacheDir: dir}
			if _, err := first.Pages(raw); err != nil {
				t.Fatal(err)
			}
			first.Close()
			files, _ := filepath.Glob(filepath.Join(dir, "wazero-*", "*"))
			if len(files) != 1 {
				t.Fatalf("cache holds %v, want one compiled module", files)
			}
			b, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(files[0], c.damage(b), 0o600); err != nil {
				t.Fatal(err)
			}
			for run := 1; run <= 2; run++ { // the damaged cache, then the cache refilled
				said := 0
				e := &Engine{CacheDir: dir, Starting: func(time.Duration) { said++ }}
				got, err := e.Pages(raw)
				e.Close()
				if err != nil {
					t.Fatalf("start %d: %v", run, err)
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("start %d: the pages differ from an engine's without cache", run)
				}
				if wantSaid := map[int]int{1: 1, 2: 0}[run]; said != wantSaid {
					t.Errorf("start %d: the slow start announced %d times, want %d", run, said, wantSaid)
				}
			}
		})
	}
}
