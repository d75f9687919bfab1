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

// Positions, the forward sweep, gives what Position gives offset by
// offset: on short and very long lines, CRLF and lone CR endings, inside
// multi-byte characters, and out of range.
func TestPositionsSweep(t *testing.T) {
	long := strings.Repeat("表三收到申请数a", 3000) // beyond the marks' step
	texts := []string{
		"",
		"一行",
		"第一行\n第二行 12\r\n第三行\r末行",
		long + "\n" + long + "\r\n短\n",
	}
	for _, text := range texts {
		s := New("t", text)
		var offs []int
		for off := -2; off <= len(text)+2; off++ {
			if off%7 == 0 || off < 5 || off > len(text)-5 || off%4093 < 3 {
				offs = append(offs, off)
			}
		}
		got := s.Positions(offs, nil)
		if len(got) != len(offs) {
			t.Fatalf("%d positions for %d offsets", len(got), len(offs))
		}
		for k, off := range offs {
			line, col := s.Position(off)
			if got[k] != (Pos{line, col}) {
				t.Fatalf("text of %d bytes, offset %d: sweep %v, Position %d:%d", len(text), off, got[k], line, col)
			}
		}
	}
}
