package normalize

import (
	"testing"
	"unicode/utf8"
)

func TestDecodeRuneMatchesStd(t *testing.T) {
	for r := rune(0); r < 0x110000; r += 7 {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		s := string(r) + "x"
		a, n := DecodeRune(s)
		b, m := utf8.DecodeRuneInString(s)
		if a != b || n != m {
			t.Fatalf("%U: %U %d vs %U %d", r, a, n, b, m)
		}
	}
	for _, s := range []string{"\xe4\xb8", "\xe4\x00\x80", "\xed\xa0\x80", "\xe0\x80\x80"} {
		a, n := DecodeRune(s)
		b, m := utf8.DecodeRuneInString(s)
		if a != b || n != m {
			t.Fatalf("%q: %U %d vs %U %d", s, a, n, b, m)
		}
	}
}
