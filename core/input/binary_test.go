package input

import (
	"math/rand/v2"
	"testing"
)

// looksBinary counts control bytes eight at a time: it must count as a
// plain pass over every byte does, whatever the bytes and their offsets.
func TestLooksBinaryCounts(t *testing.T) {
	plain := func(b []byte) bool {
		n := min(len(b), 8192)
		ctl := 0
		for _, c := range b[:n] {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
				ctl++
			}
		}
		return ctl > 0 && ctl*100 > n
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("\x00\x01\x08\t\n\x0b\x0c\r\x1f\x20\x21a~\x7f\x80\x9f\xa0\xe4\xb8\xad\xff")
	seen := map[bool]int{}
	for k := 0; k < 2000; k++ {
		b := make([]byte, rng.IntN(9000))
		// Mostly text with some control bytes, on either side of 1 %.
		rate := 1 + rng.IntN(60)
		for i := range b {
			b[i] = 'a' + byte(rng.IntN(26))
			if rng.IntN(rate) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
		}
		got, want := looksBinary(b), plain(b)
		if got != want {
			t.Fatalf("len %d: looksBinary %v, a byte-by-byte count says %v", len(b), got, want)
		}
		seen[want]++
	}
	if seen[true] < 100 || seen[false] < 100 {
		t.Fatalf("the samples do not fall on both sides: %v", seen)
	}
}
