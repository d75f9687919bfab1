package normalize

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
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

// TestAppendLabelRuns: AppendLabel, which copies runs of Chinese
// characters at once, folds as the rune-by-rune definition does.
func TestAppendLabelRuns(t *testing.T) {
	ref := func(s string) string {
		var dst []byte
		prevDigit := false
		for _, r := range s {
			if r >= 0x4E00 && r <= 0x9FFF {
				dst = utf8.AppendRune(dst, r)
				prevDigit = false
				continue
			}
			r = Rune(r)
			if r < 0 || IsSpace(r) {
				continue
			}
			if (r == '、' || r == '.') && prevDigit {
				r = '.'
			}
			dst = utf8.AppendRune(dst, r)
			prevDigit = r >= '0' && r <= '9'
		}
		return string(dst)
	}
	parts := []string{"（二）", "部分公开", "1、", "1.", " ", "\u3000", "一", "鿿", "㐀", "\xe4\xb8", "\xff", "“", "—", "ｘ", "2"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		s := ""
		for range rng.IntN(8) {
			s += parts[rng.IntN(len(parts))]
		}
		if got, want := string(AppendLabel(nil, s)), ref(s); got != want {
			t.Fatalf("AppendLabel(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestIsFooter: the page footers a PDF's text carries, and texts that only
// look like them.
func TestIsFooter(t *testing.T) {
	for s, want := range map[string]bool{
		"-4-": true, "— 5 —": true, " - 12 - ": true, "－3－": true, "–7–": true,
		"第 3 页": true, "第12页": true, "3/10": true, "\u3000-4-\t": true,
		"": false, "   ": false, "12": false, "-": false, "--": false, "第三条": false,
		"第 3 页 共 10 页 附加的文字太长了": false, "政府信息": false, "3/": false, "a/b": false,
		"—": false, "-4-5": false,
	} {
		if got := IsFooter(s); got != want {
			t.Errorf("IsFooter(%q) = %v, want %v", s, got, want)
		}
		if tr := TrimSpace(s); IsFooterTrimmed(tr) != want {
			t.Errorf("IsFooterTrimmed(%q) = %v, want %v", tr, !want, want)
		}
	}
}
