package source

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Columns in a very long line (a page scraped to one line) are counted
// from marks along the line; they must equal a plain count.
func TestPositionLongLine(t *testing.T) {
	line := strings.Repeat("表三a1，", 5000) // mixed 1- and 3-byte characters, 45 KB
	text := "第一行\n" + line + "\n末行"
	s := New("x", text)
	start := len("第一行\n")
	for _, off := range []int{start, start + 1, start + 4096, start + 4097, start + 9000, start + 40001, len(text) - len("\n末行") - 1} {
		ln, col := s.Position(off)
		k := off
		for k > start && !utf8.RuneStart(text[k]) {
			k--
		}
		want := 1 + utf8.RuneCountInString(text[start:k])
		if ln != 2 || col != want {
			t.Errorf("offset %d: %d:%d, want 2:%d", off, ln, col, want)
		}
	}
}

// CountLines counts what New's line table holds, without building it.
func TestCountLines(t *testing.T) {
	for _, text := range []string{"", "a", "a\n", "a\nb", "\r", "\r\n", "a\r\nb\rc\n\r\r\n", "\n\n\n", "x\r", "一\r二\r\n三"} {
		if got, want := CountLines(text), New("", text).LineCount(); got != want {
			t.Errorf("CountLines(%q) = %d, New counts %d", text, got, want)
		}
	}
}
