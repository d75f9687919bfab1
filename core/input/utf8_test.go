package input

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestValidUTF8 compares validUTF8 with utf8.Valid on every sequence of
// up to three bytes drawn from the bytes where UTF-8's rules change, put
// at each offset of an ASCII run (so the eight-byte path meets them too),
// and on random mixes of Chinese text, ASCII and those bytes.
func TestValidUTF8(t *testing.T) {
	edges := []byte{0x00, 'a', 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
		0xE0, 0xE1, 0xE4, 0xE9, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF}
	check := func(b []byte) {
		t.Helper()
		if got, want := validUTF8(b), utf8.Valid(b); got != want {
			t.Fatalf("validUTF8(% x) = %v, utf8.Valid says %v", b, got, want)
		}
	}
	pad := []byte("0123456789abcdef")
	for _, x := range edges {
		for _, y := range edges {
			for _, z := range edges {
				for k := 0; k <= 9; k++ {
					b := append(append([]byte{}, pad[:k]...), x, y, z)
					check(b)
					check(b[:len(b)-1])
					check(append(b, pad...))
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := [][]byte{[]byte("政府信息公开"), []byte("，。（一）"), []byte("2024 年 12 items\n"), []byte("\U0001F600"), []byte("é")}
	for range 20000 {
		var b []byte
		for range rng.IntN(12) {
			if rng.IntN(4) == 0 {
				b = append(b, edges[rng.IntN(len(edges))])
			} else {
				b = append(b, pieces[rng.IntN(len(pieces))]...)
			}
		}
		check(b)
	}
}
