// Package source holds the text of one report and turns byte offsets into
// the 1-based line and character column that users see.
//
// Positions are byte offsets into the text exactly as it was given (after a
// UTF-8 byte-order mark, if any, which is kept in the offsets). Line and
// column are computed only when a finding is emitted, like go/token.File.
// Columns count characters (runes), not bytes: check-json.md asks for that,
// because users count Chinese characters, not UTF-8 bytes.
package source

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Source is one report's text with its line table.
type Source struct {
	Name  string
	Text  string
	lines []int // byte offset of the start of each line
	// marks: for a text that came as very long lines (a page scraped to
	// one line), the character count from the line start at every
	// markStep bytes, made on first use, so that a column is not counted
	// from the line start each time.
	marks map[int][]mark
}

// mark: at byte at of a line (a character start), n characters precede.
type mark struct{ at, n int32 }

const markStep = 4096

// New builds the line table in one pass. A line ends at "\n"; a "\r"
// before it belongs to the line ending, and a lone "\r" (old Mac text)
// also ends a line.
func New(name, text string) *Source {
	s := &Source{Name: name, Text: text, lines: make([]int, 1, CountLines(text))}
	if strings.IndexByte(text, '\r') < 0 {
		// Newlines only (nearly every text): found by IndexByte, which
		// skips the bytes between them many at a time.
		for off := 0; ; {
			j := strings.IndexByte(text[off:], '\n')
			if j < 0 {
				return s
			}
			off += j + 1
			s.lines = append(s.lines, off)
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			s.lines = append(s.lines, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				continue
			}
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// CountLines is the LineCount of New(name, text), counted without
// building the table: what a caller needs to know before the work.
func CountLines(text string) int {
	n := 1 + strings.Count(text, "\n")
	for i := strings.IndexByte(text, '\r'); i >= 0; {
		if i+1 >= len(text) || text[i+1] != '\n' {
			n++
		}
		j := strings.IndexByte(text[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return n
}

// LineCount is the number of lines (a final line without a newline counts).
func (s *Source) LineCount() int { return len(s.lines) }

// Line returns the text of line n (1-based) without its line ending.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	start := s.lines[n-1]
	end := len(s.Text)
	if n < len(s.lines) {
		end = s.lines[n]
	}
	for end > start && (s.Text[end-1] == '\n' || s.Text[end-1] == '\r') {
		end--
	}
	return s.Text[start:end]
}

// LineStart is the byte offset where line n (1-based) begins.
func (s *Source) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(s.lines) {
		return len(s.Text)
	}
	return s.lines[n-1]
}

// Position returns the 1-based line and character column of a byte
// offset. An offset inside a multi-byte character reports that character.
func (s *Source) Position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(s.Text) {
		off = len(s.Text)
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	start := s.lines[i]
	base := 0
	if off-start > 2*markStep {
		m := s.lineMarks(i)
		// The last mark at or before off.
		k := sort.Search(len(m), func(k int) bool { return int(m[k].at) > off-start }) - 1
		if k >= 0 {
			base = int(m[k].n)
			start += int(m[k].at)
		}
	}
	// An offset inside a character names the character itself.
	for off > start && off < len(s.Text) && !utf8.RuneStart(s.Text[off]) {
		off--
	}
	col = 1 + base + utf8.RuneCountInString(s.Text[start:off])
	return i + 1, col
}

// Span is a half-open range of byte offsets [Start, End) into Source.Text.
type Span struct{ Start, End int }

// NoSpan marks a problem that has no place in the input (a missing section).
var NoSpan = Span{-1, -1}

// Valid reports whether the span has a place in the input.
func (sp Span) Valid() bool { return sp.Start >= 0 }

// lineMarks returns (and makes once) marks every markStep bytes or so of
// line i (0-based), each at a character start.
func (s *Source) lineMarks(i int) []mark {
	if m, ok := s.marks[i]; ok {
		return m
	}
	start := s.lines[i]
	end := len(s.Text)
	if i+1 < len(s.lines) {
		end = s.lines[i+1]
	}
	var m []mark
	n, p := 0, start
	for p+markStep < end {
		q := p + markStep
		for q < end && !utf8.RuneStart(s.Text[q]) {
			q++
		}
		n += utf8.RuneCountInString(s.Text[p:q])
		m = append(m, mark{int32(q - start), int32(n)})
		p = q
	}
	if s.marks == nil {
		s.marks = map[int][]mark{}
	}
	s.marks[i] = m
	return m
}

// Pos is a 1-based line and character column, as Position gives them.
type Pos struct{ Line, Col int }

// Positions appends to out the Position of every offset in offs, which
// must be in ascending order, in one forward sweep: the characters are
// counted from the previous offset on the same line, not from the line
// start for each offset (a report scraped to one line has hundreds of
// cells on it).
func (s *Source) Positions(offs []int, out []Pos) []Pos {
	line, at, col := -1, 0, 0 // the line index, and the byte at which col is counted
	for _, off := range offs {
		if off < 0 {
			off = 0
		}
		if off > len(s.Text) {
			off = len(s.Text)
		}
		i := line
		if i < 0 || off < s.lines[i] {
			i = sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
			if i < 0 {
				i = 0
			}
		}
		for i+1 < len(s.lines) && s.lines[i+1] <= off {
			i++
		}
		if i != line || off < at {
			line, at, col = i, s.lines[i], 1
		}
		// An offset inside a character names the character itself.
		for off > at && off < len(s.Text) && !utf8.RuneStart(s.Text[off]) {
			off--
		}
		col += utf8.RuneCountInString(s.Text[at:off])
		at = off
		out = append(out, Pos{line + 1, col})
	}
	return out
}
