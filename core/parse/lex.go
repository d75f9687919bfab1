package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

// The table lexer: every line of a table region becomes tokens that keep
// all that can carry meaning (labels, numbers, placeholders, blank cells,
// digits run together), each with its byte span in the input. It decides
// nothing about rows and columns: that is the aligner's job (align.go),
// which sees the whole table at once.

// TokKind says what a piece of a table line is.
type TokKind uint8

const (
	TLabel TokKind = iota // text: a row label, a header word or a fragment of one
	TValue                // a number or a placeholder ("/", "—")
	TEmpty                // a blank cell, or a line holding only white space
	TFused                // digits that may be several cells run together
)

// Tok is one cell or piece of a table line, with its place in the input.
type Tok struct {
	Text string // as written, trimmed
	Span source.Span
	Num  normalize.Number
	Row  int16 // for a label, the index of the table row it names (-1: none), set by markRows
	Kind TokKind
	// Strict: a blank that is certainly a cell (an empty cell between two
	// pipes of a Markdown row, a line holding only U+00A0 or a tab), as
	// against an empty line, which may be a cell or only a separator.
	Strict bool
	// Tab: a line holding only tabs (and spaces). Some copies write an
	// empty cell so, others separate rows with it: like an empty line, it
	// is a cell or a separator, decided for the whole table (align.go).
	Tab bool
	// Pad: an empty cell at the end of a tab or pipe line: padding in a
	// copy that pads every row, a blank last cell in one that does not
	// (decided for the whole table, see buildUnits).
	Pad bool
	// Placed: a blank cell the reader inferred from the columns of the
	// rows around it (a space-aligned copy leaves no trace of an empty
	// cell), not one it saw.
	Placed bool
	// Delim: how the line the token stands on was split into cells.
	Delim Delim
}

// Fold is the label folded for comparison (allocates; for messages and
// rare checks).
func (t Tok) Fold() string { return normalize.Label(t.Text) }

// LineToks is the tokens of one line (a physical line, or a piece of a
// very long one: see segment.go).
type LineToks struct {
	Line     int // 1-based index in Doc.lines
	Toks     []Tok
	first, n int32 // Toks is toks[first:first+n] of the region's token slice
	Markdown bool  // "| a | b |" with pipes at both ends
	Spaced   bool  // cells split by runs of spaces (pdftotext -layout), no cell marks
}

// tokenizeLine splits one line of a table region into cells: by pipes
// (Markdown or pipe-per-cell copies), by tabs, or by runs of two or more
// spaces (pdftotext -layout). A cell whose trailing words are numbers
// ("行政许可 97", "21 0 0 0") is split further, and digits glued to a label
// ("一、本年新收政府信息公开申请数量230000023") become a TFused token.
//
// A line holding only white space is one blank token: strict when it holds
// a no-break space, an ideographic space or a tab (a browser's empty cell),
// loose when it is truly empty (which may only separate cells).
//
// Tokens are appended to toks (one slice for a whole table region); the
// line's own are toks[lt.first:], set in lt.Toks by the caller once the
// region is done (the slice may move while it grows).
func tokenizeLine(text string, start int, line int, toks []Tok) ([]Tok, LineToks) {
	lt := LineToks{Line: line, first: int32(len(toks))}
	base := len(toks)
	trimmed := normalize.TrimSpace(text)
	if trimmed == "" {
		strict := strings.ContainsAny(text, "\u00a0\u3000")
		tab := !strict && strings.IndexByte(text, '\t') >= 0
		toks = append(toks, Tok{Kind: TEmpty, Strict: strict, Tab: tab, Span: source.Span{Start: start, End: start + len(text)}, Delim: DelimLines})
		lt.n = 1
		return toks, lt
	}
	if normalize.IsFooterTrimmed(trimmed) || isMarkdownRule(trimmed) || isNote(trimmed) {
		return toks, lt
	}
	// "### 行政复议": a Markdown heading repeats a label; the marks are
	// not part of it.
	if strings.HasPrefix(trimmed, "#") {
		k := strings.IndexFunc(text, func(r rune) bool { return r != '#' && !normalize.IsSpace(r) })
		if k < 0 {
			return toks, lt // only marks: nothing to read
		}
		start += k
		text = text[k:]
	}
	type piece struct {
		s      string
		off    int
		strict bool
	}
	var pieceBuf [24]piece
	pieces := pieceBuf[:0]
	cells := true   // pieces are cells a writer made (pipes, tabs), not runs of text
	tabbed := false // split by tabs
	switch {
	case strings.Contains(text, "|"):
		if onlyPipes(trimmed) {
			// " |" in a copy that ends every cell with " |" is an empty
			// cell; "|" or "||" alone ends a row.
			if i := strings.IndexByte(text, '|'); i > 0 && strings.Count(text, "|") == 1 {
				toks = append(toks, Tok{Kind: TEmpty, Strict: true, Span: source.Span{Start: start + i, End: start + i}, Delim: DelimPipes})
				lt.n = 1
			}
			return toks, lt
		}
		lt.Markdown = strings.HasPrefix(trimmed, "|") && strings.HasSuffix(trimmed, "|") && strings.Count(trimmed, "|") >= 2
		n := strings.Count(text, "|") + 1
		off := 0
		for i := 0; i < n; i++ {
			p, _, _ := strings.Cut(text[off:], "|")
			inner := lt.Markdown && i > 0 && i < n-1
			// For Markdown, the text before the first pipe and after the last is outside the row.
			if !lt.Markdown || inner {
				pieces = append(pieces, piece{p, start + off, inner})
			}
			off += len(p) + 1
		}
	case strings.Contains(text, "\t"):
		tabbed = true
		for off := 0; off <= len(text); {
			p, _, _ := strings.Cut(text[off:], "\t")
			pieces = append(pieces, piece{p, start + off, false})
			off += len(p) + 1
		}
	default:
		cells = false
		lt.Spaced = true
		var buf [16][2]int
		for _, r := range splitWide(text, buf[:0]) {
			pieces = append(pieces, piece{text[r[0]:r[1]], start + r[0], false})
		}
	}
	for _, p := range pieces {
		t := normalize.TrimSpace(p.s)
		if t == "" {
			toks = append(toks, Tok{Kind: TEmpty, Span: source.Span{Start: p.off, End: p.off}, Strict: p.strict})
			continue
		}
		if normalize.IsFooterTrimmed(t) {
			continue // "-4-" between two cells of a line
		}
		lead := 0
		if c := p.s[0]; c <= ' ' || (c >= utf8.RuneSelf && !isCJKAt(p.s, 0)) {
			lead = len(p.s) - len(strings.TrimLeftFunc(p.s, normalize.IsSpace))
		}
		toks = appendCell(toks, t, p.off+lead, cells)
	}
	// Trailing empty cells of a tab line may be padding (tab exports pad
	// every row to the widest): marked, decided for the whole table. After
	// the last pipe of a line there is no cell; Markdown blank cells stay,
	// they are real cells.
	for k := len(toks) - 1; k >= base && toks[k].Kind == TEmpty && !toks[k].Strict; k-- {
		if tabbed {
			toks[k].Pad = true
		} else {
			toks = toks[:k]
		}
	}
	// An empty cell after a label or a value of a tab or pipe line, with
	// a value after it, is a cell (Word and WPS copy an empty table cell
	// as two tabs); at the start of the line it is the indent of a merged
	// label column.
	if cells {
		seen := false
		for k := base; k < len(toks); k++ {
			switch tk := &toks[k]; {
			case tk.Kind == TEmpty:
				if seen && !tk.Pad && valueFollows(toks[k+1:]) {
					tk.Strict = true
				}
			default:
				seen = true
			}
		}
	}
	if !cells {
		toks = joinSpacedRuns(toks, base, text, start)
	}
	lt.n = int32(len(toks) - base)
	lt.Toks = toks[base:]
	d := lineDelim(lt, tabbed, cells)
	lt.Toks = nil
	for k := base; k < len(toks); k++ {
		toks[k].Delim = d
	}
	return toks, lt
}

// joinSpacedRuns joins numbers one space apart into one run of digits
// when one of them is itself digits run together ("95 00 0 0095": a
// page's text scraped into one line, spaces left only where the page's
// source had some). The spaces then stand between cells, certainly, and
// the digits between them are split as one run (fused.go).
func joinSpacedRuns(toks []Tok, base int, text string, start int) []Tok {
	out := toks[:base]
	for i := base; i < len(toks); {
		j := i + 1
		fused := toks[i].Kind == TFused
		if toks[i].Kind == TValue || toks[i].Kind == TFused {
			for j < len(toks) && (toks[j].Kind == TValue || toks[j].Kind == TFused) &&
				toks[j].Span.Start == toks[j-1].Span.End+1 && text[toks[j-1].Span.End-start] == ' ' &&
				allASCIIDigits(toks[j].Text) && allASCIIDigits(toks[j-1].Text) {
				fused = fused || toks[j].Kind == TFused
				j++
			}
		}
		if j-i < 2 || !fused {
			out = append(out, toks[i:j]...)
			i = j
			continue
		}
		a, b := toks[i].Span.Start, toks[j-1].Span.End
		out = append(out, Tok{Kind: TFused, Row: -1, Text: text[a-start : b-start], Span: source.Span{Start: a, End: b}})
		i = j
	}
	return out
}

// valueFollows: a value comes before any label in toks.
func valueFollows(toks []Tok) bool {
	for _, t := range toks {
		switch t.Kind {
		case TValue, TFused:
			return true
		case TLabel:
			return false
		}
	}
	return false
}

// isNote: "注：本表数据截至2024年12月31日" under a table is not a row.
func isNote(s string) bool {
	return strings.HasPrefix(s, "注：") || strings.HasPrefix(s, "注:") || strings.HasPrefix(s, "备注") || strings.HasPrefix(s, "说明：")
}

// onlyPipes: "||", "| |": an empty row of a pipe copy.
func onlyPipes(s string) bool {
	for _, r := range s {
		if r != '|' && !normalize.IsSpace(r) {
			return false
		}
	}
	return true
}

// isMarkdownRule: a rule line such as "|---|---|", "---\t---" or
// "--------": dashes (at least three in a row) and cell marks only. A
// single "-" or "—" in a cell is a placeholder, not a rule.
func isMarkdownRule(s string) bool {
	run, longest := 0, 0
	for _, r := range s {
		switch r {
		case '-', '—', '─', '=':
			run++
			longest = max(longest, run)
		case '|', ':', ' ', '\t':
			run = 0
		default:
			return false
		}
	}
	return longest >= 3
}

// splitWide returns [start,end) byte ranges of the text between runs of
// two or more spaces (of any width) or a single ideographic space.
func splitWide(s string, out [][2]int) [][2]int {
	i, n := 0, len(s)
	cellStart := -1
	for i < n {
		if c := s[i]; c > ' ' && c < utf8.RuneSelf {
			// Most bytes: ASCII, not a space.
			if cellStart < 0 {
				cellStart = i
			}
			i++
			continue
		}
		space, size := spaceAt(s, i)
		if space {
			j := i + size
			wide := size == 3 && s[i] == 0xE3 // U+3000, the only three-byte space here
			for j < n && s[j] == ' ' {
				j++
				wide = true
			}
			for j < n {
				sp, s2 := spaceAt(s, j)
				if !sp {
					break
				}
				wide = true
				j += s2
			}
			if wide && cellStart >= 0 {
				out = append(out, [2]int{cellStart, i})
				cellStart = -1
			}
			i = j
			continue
		}
		if cellStart < 0 {
			cellStart = i
		}
		i += size
	}
	if cellStart >= 0 {
		out = append(out, [2]int{cellStart, n})
	}
	// Trim single trailing spaces inside cells.
	for k := range out {
		for out[k][1] > out[k][0] {
			e := out[k][1]
			if c := s[e-1]; c < utf8.RuneSelf {
				if c != ' ' && (c < '\t' || c > '\r') {
					break
				}
				out[k][1]--
				continue
			}
			r, size := utf8.DecodeLastRuneInString(s[out[k][0]:e])
			if !normalize.IsSpace(r) {
				break
			}
			out[k][1] -= size
		}
	}
	return out
}

// spaceAt: s[i:] starts with a space of any width (normalize.IsSpace, or
// a form feed), and the size of its first character. ASCII and Chinese
// characters, nearly all of a report, are decided without decoding.
func spaceAt(s string, i int) (bool, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return c == ' ' || (c >= '\t' && c <= '\r'), 1
	}
	if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return false, 3 // U+4000–9FFF: no space among them
	}
	r, size := normalize.DecodeRune(s[i:])
	return normalize.IsSpace(r) || r == '\f', size
}

// appendCell adds one non-empty cell: a value, a label, or a label
// followed by numbers separated by single spaces. cell says the text is a
// cell a writer made (between pipes or tabs) rather than a run of text.
func appendCell(toks []Tok, t string, off int, cell bool) []Tok {
	if !hasInnerSpace(t) {
		if n, ok := normalize.ParseValue(t); ok {
			return append(toks, valueTok(t, off, n))
		}
		return appendLabel(toks, t, off, cell)
	}
	// Words separated by single spaces: peel numbers off the end.
	var wordBuf [16][2]int
	var numBuf [16]normalize.Number
	words := wordRanges(wordBuf[:0], t)
	if len(words) > 1 {
		k := len(words)
		nums := numBuf[:0]
		if len(words) <= len(numBuf) {
			nums = numBuf[:len(words)]
		} else {
			nums = make([]normalize.Number, len(words))
		}
		for k > 0 {
			n, ok := normalize.ParseValue(t[words[k-1][0]:words[k-1][1]])
			if !ok {
				break
			}
			nums[k-1] = n
			k--
		}
		if k < len(words) {
			if k > 0 {
				toks = appendLabel(toks, t[:words[k-1][1]], off, cell)
			}
			for i, w := range words[k:] {
				toks = append(toks, valueTok(t[w[0]:w[1]], off+w[0], nums[k+i]))
			}
			return toks
		}
	}
	if n, ok := normalize.ParseValue(t); ok {
		return append(toks, valueTok(t, off, n)) // "1 234 万元"
	}
	return appendLabel(toks, t, off, cell)
}

// hasInnerSpace: t holds a space, an ideographic space (U+3000: E3 80 80)
// or a no-break space (U+00A0: C2 A0), in one pass over its bytes.
func hasInnerSpace(t string) bool {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case ' ':
			return true
		case 0xE3:
			if i+2 < len(t) && t[i+1] == 0x80 && t[i+2] == 0x80 {
				return true
			}
		case 0xC2:
			if i+1 < len(t) && t[i+1] == 0xA0 {
				return true
			}
		}
	}
	return false
}

// appendLabel adds a label, splitting off digits glued to it: cells whose
// separators were lost. Every run of digits glued to Chinese text is split
// off, so that "（七）总计0000000四、结转下年度继续办理0000000" gives label,
// digits, label, digits; but not a list number ("00000002.其他法律…": the 2
// starts the next label), a year ("2024年"), an ordinal ("第3页"), a page
// footer ("-4-"), or one digit ending a cell a writer made (a header
// "数据1").
func appendLabel(toks []Tok, t string, off int, cell bool) []Tok {
	if !hasDigit(t) {
		return append(toks, labelTok(t, off)) // no digits at all: most labels
	}
	from := 0 // start of the label text not yet emitted
	for i := 0; i < len(t); {
		r, size := normalize.DecodeRune(t[i:])
		if !isDigitRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(t) {
			r2, s2 := normalize.DecodeRune(t[j:])
			if !isDigitRune(r2) {
				break
			}
			j += s2
		}
		end := j // end of the cells (a list number is given back)
		// A decimal point between digits: "96171.6".
		if j+1 < len(t) && t[j] == '.' && t[j+1] >= '0' && t[j+1] <= '9' {
			k := j + 1
			for k < len(t) && t[k] >= '0' && t[k] <= '9' {
				k++
			}
			if !listNumberAt(t, k) {
				end, j = k, k
			}
		}
		prev, next := rune(0), rune(0)
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(t[:i])
		}
		if j < len(t) {
			next, _ = normalize.DecodeRune(t[j:])
		}
		glued := (i > 0 && (isCJK(prev) || strings.ContainsRune("）)”」", prev))) ||
			(i == 0 && j < len(t) && (isCJK(next) || strings.ContainsRune("（(", next))) ||
			// Numbers one space apart inside a label's text: a page
			// scraped into one line ("数量 95 00 0 0095 二、…"); one
			// number alone between words ("修订 16 件") stays text.
			(i > 0 && prev == ' ' && (j == len(t) || next == ' ' || isCJK(next) || strings.ContainsRune("（(", next) || listNumberAt(t, j)) &&
				((i >= 2 && t[i-2] >= '0' && t[i-2] <= '9') || (j+1 < len(t) && next == ' ' && t[j+1] >= '0' && t[j+1] <= '9') ||
					(t[i] == '0' && j-i >= 2) || // "规章 000 行政…": cells run together
					(j < len(t) && (isCJK(next) || next == '（' || next == '(' || listNumberAt(t, j))))) // "… 9000009（三）…": glued to the next label
		year := next == '年' && j-i == 4 && (t[i] == '1' || t[i] == '2')
		footer := prev == '-' && next == '-' // "-4-"
		if !glued || year || footer || prev == '第' || next == '页' ||
			(cell && j == len(t) && j-i == 1) {
			i = j
			continue
		}
		if end == j && listNumberAt(t, j) {
			// The last digit numbers the next label; the digits before
			// it (if any) are the cells.
			_, last := utf8.DecodeLastRuneInString(t[i:j])
			end = j - last
		}
		if end == i {
			i = j
			continue
		}
		if from < i && normalize.TrimSpace(t[from:i]) != "" {
			toks = append(toks, labelTok(t[from:i], off+from))
		}
		digits := t[i:end]
		if n, ok := normalize.ParseValue(digits); ok && (end-i == 1 || strings.IndexByte(digits, '.') >= 0) {
			toks = append(toks, valueTok(digits, off+i, n))
		} else {
			toks = append(toks, fusedTok(digits, off+i))
		}
		from, i = end, j
	}
	if from < len(t) {
		toks = append(toks, labelTok(t[from:], off+from))
	}
	return toks
}

// listNumberAt: t[j:] starts like the list number's tail of a label:
// "." "．" or "、" and then a Chinese character.
func listNumberAt(t string, j int) bool {
	if j >= len(t) {
		return false
	}
	r, size := normalize.DecodeRune(t[j:])
	if r != '.' && r != '．' && r != '、' {
		return false
	}
	if j+size >= len(t) {
		return false
	}
	r2, _ := normalize.DecodeRune(t[j+size:])
	return isCJK(r2)
}

func labelTok(t string, off int) Tok {
	return Tok{Kind: TLabel, Row: -1, Text: t, Span: source.Span{Start: off, End: off + len(t)}}
}

func fusedTok(t string, off int) Tok {
	return Tok{Kind: TFused, Row: -1, Text: t, Span: source.Span{Start: off, End: off + len(t)}, Num: normalize.ParseNumber(t)}
}

func isCJK(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// hasDigit: t holds a digit, ASCII or full-width (U+FF10–FF19: EF BC
// 90–99).
func hasDigit(t string) bool {
	for i := 0; i < len(t); i++ {
		switch b := t[i]; {
		case b >= '0' && b <= '9':
			return true
		case b == 0xEF && i+2 < len(t) && t[i+1] == 0xBC && t[i+2] >= 0x90 && t[i+2] <= 0x99:
			return true
		}
	}
	return false
}

func isDigitRune(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }

// valueTok makes a value token of t, already parsed as n.
func valueTok(t string, off int, n normalize.Number) Tok {
	// Several digits starting with 0 ("000000000000000") are cells that
	// lost their separators, never one count; so may be eight digits or
	// more ("110021000120103"): the aligner reads them as one cell where
	// the row has one (表二's 行政许可 may count millions).
	if n.Kind == normalize.Int && len(t) >= 2 && (t[0] == '0' || len(t) >= 8) && !strings.ContainsAny(t, ".,") && allASCIIDigits(t) {
		return fusedTok(t, off)
	}
	return Tok{Kind: TValue, Row: -1, Text: t, Span: source.Span{Start: off, End: off + len(t)}, Num: n}
}

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// wordRanges splits on single spaces of any width, appending the word
// ranges to out.
func wordRanges(out [][2]int, s string) [][2]int {
	start := -1
	for i, r := range s {
		if normalize.IsSpace(r) {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}
