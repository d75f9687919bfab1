package normalize

import (
	"math/rand/v2"
	"testing"
)

// TestTrimSpaceBounds: TrimSpaceBounds gives the same text as TrimSpace,
// on strings mixing every kind of space with Chinese, ASCII and broken
// bytes at both ends.
func TestTrimSpaceBounds(t *testing.T) {
	parts := []string{" ", "\t", "\r\n", "\f", "\u00a0", "\u3000", "\ufeff", "\u200b", "\u2003",
		"政府", "a", "1", "（", "\xe4\xb8", "\xff", "\xe3\x80", "-"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		s := ""
		for range rng.IntN(8) {
			s += parts[rng.IntN(len(parts))]
		}
		i, j := TrimSpaceBounds(s)
		if got, want := s[i:j], TrimSpace(s); got != want {
			t.Fatalf("TrimSpaceBounds(%q) = %q, TrimSpace says %q", s, got, want)
		}
	}
}
