package input_test

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/core/input"
)

// The layout's worst cases within the limits: a page of 8,000 characters
// (the most whose cells are put together, work that grows with the square
// of the runs) and one of 30,000 (the most on a page), each character its
// own run, labels left of a number on every line, so every run is a cell
// candidate. They are read, and the time is logged (not asserted: see
// BenchmarkPDFWorstPage).
func TestPDFWorstPage(t *testing.T) {
	for _, n := range []int{8000, input.MaxPDFPageChars} {
		start := time.Now()
		doc := readPages(t, worstPage(n))
		t.Logf("%d scattered characters: %d bytes of text in %v", n, len(doc.Text), time.Since(start))
		if !strings.Contains(doc.Text, "1") {
			t.Errorf("the numbers are not read")
		}
	}
}

func BenchmarkPDFWorstPage(b *testing.B) {
	p := worstPage(8000)

	env := input.Env{PDF: func([]byte) ([]input.Page, error) { return []input.Page{p}, nil }}
	for i := 0; i < b.N; i++ {
		if _, err := input.Read("a.pdf", []byte("%PDF-1.7\n"), env); err != nil {
			b.Fatal(err)
		}
	}
}

// worstPage: n characters in lines of 1-pt type 1.2 pt apart, each of
// 199 label characters 2.5 pt apart and a number at the right.
func worstPage(n int) input.Page {
	p := input.Page{W: 595, H: 842}
	for y := 840.0; len(p.Chars) <= n-200; y -= 1.2 {
		for k := 0; k < 199; k++ {
			x := 1 + 2.5*float64(k)
			p.Chars = append(p.Chars, input.Char{R: '甲', X0: x, X1: x + 1, Y0: y - 0.2, Y1: y + 0.8, OX: x, OY: y, Size: 1})
		}
		p.Chars = append(p.Chars, input.Char{R: '1', X0: 590, X1: 590.5, Y0: y - 0.2, Y1: y + 0.8, OX: 590, OY: y, Size: 1})
	}
	return p
}

// FuzzPDFLayout: any characters at any positions (NaN, infinities, huge
// and negative coordinates, zero and huge sizes, control characters) give
// a document or a clear error, never a panic; the text stays within the
// input limit.
func FuzzPDFLayout(f *testing.F) {
	f.Add([]byte{}, uint8(1))
	seed := make([]byte, 0, 40*20)
	for i := 0; i < 20; i++ {
		seed = binary.LittleEndian.AppendUint32(seed, uint32('一'+i))
		for _, v := range []float64{float64(10 * i), float64(10*i + 9), 700, 710, float64(10 * i), 702, 10} {
			seed = binary.LittleEndian.AppendUint32(seed, math.Float32bits(float32(v)))
		}
	}
	f.Add(seed, uint8(3))
	f.Fuzz(func(t *testing.T, raw []byte, pages uint8) {
		var chars []input.Char
		for len(raw) >= 32 {
			v := func(i int) float64 { return float64(math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))) }
			chars = append(chars, input.Char{R: rune(binary.LittleEndian.Uint32(raw) % 0x110000), X0: v(1), X1: v(2), Y0: v(3), Y1: v(4), OX: v(5), OY: v(6), Size: v(7)})
			raw = raw[32:]
		}
		ps := make([]input.Page, int(pages%4)+1)
		for i := range ps {
			ps[i] = input.Page{W: 595, H: 842, Chars: chars}
		}
		doc, err := input.Read("a.pdf", []byte("%PDF-1.7\n"), input.Env{PDF: func([]byte) ([]input.Page, error) { return ps, nil }})
		if err != nil {
			if err.Message == "" {
				t.Fatalf("error without a message: %+v", err)
			}
			return
		}
		if len(doc.Text) > input.MaxBytes {
			t.Fatalf("%d bytes of text", len(doc.Text))
		}
		for off := 0; off <= len(doc.Text); off += 1 + len(doc.Text)/32 {
			doc.At(off)
		}
	})
}

// A document of such pages, up to the limit of characters: the work of
// putting cells together is bounded over the document (logged, not
// asserted).
func TestPDFWorstDocument(t *testing.T) {
	p := worstPage(8000)
	pages := make([]input.Page, input.MaxPDFChars/len(p.Chars))
	for i := range pages {
		pages[i] = p
	}
	start := time.Now()
	doc := readPages(t, pages...)
	t.Logf("%d pages of 8,000 scattered characters: %d bytes of text in %v", len(pages), len(doc.Text), time.Since(start))
}
