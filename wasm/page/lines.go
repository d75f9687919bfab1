package page

import "unicode/utf8"

// A <textarea> counts its selection in UTF-16 code units, the core counts
// lines and characters (runes). These functions translate, with the same
// line breaks as core/source: "\n", "\r\n" and a lone "\r".

// LineRange returns the UTF-16 offsets of the start of line n (1-based)
// and of its end, before the line break. ok is false when the text has no
// such line.
func LineRange(text string, n int) (start, end int, ok bool) {
	if n < 1 {
		return 0, 0, false
	}
	line, u := 1, 0
	i := 0
	for line < n {
		if i >= len(text) {
			return 0, 0, false
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		u += units(r)
		switch r {
		case '\n':
			line++
		case '\r':
			if i < len(text) && text[i] == '\n' {
				continue
			}
			line++
		}
	}
	start = u
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || r == '\r' {
			break
		}
		i += size
		u += units(r)
	}
	return start, u, true
}

// Offset returns the UTF-16 offset of line n, character column col
// (both 1-based), clamped to the end of the line.
func Offset(text string, n, col int) (int, bool) {
	start, end, ok := LineRange(text, n)
	if !ok {
		return 0, false
	}
	// Walk col-1 runes from the start of the line.
	i := byteOffset(text, start)
	u := start
	for c := 1; c < col && u < end; c++ {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		u += units(r)
	}
	return u, true
}

// byteOffset converts a UTF-16 offset back to a byte offset.
func byteOffset(text string, u16 int) int {
	u := 0
	for i, r := range text {
		if u >= u16 {
			return i
		}
		u += units(r)
	}
	return len(text)
}

// units is the number of UTF-16 code units of r.
func units(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}
