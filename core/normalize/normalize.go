// Package normalize folds the many ways the same label or number is typed
// in real reports (full- and half-width forms, no-break spaces, quote
// variants, "1." "1．" "1、") into one form for matching. It never changes
// the input: callers keep the original text and its byte offsets and only
// compare folded strings.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rune folds one character: full-width ASCII (U+FF01–FF5E) to half-width,
// ideographic and no-break spaces to a plain space, quote variants to
// nothing (-1), and a few look-alike dashes and dots to ASCII.
func Rune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000 || r == 0x00A0 || r == 0x2002 || r == 0x2003 || r == 0x2009 || r == 0x202F || r == '\f' || r == 0xFEFF:
		return ' '
	case r == '“' || r == '”' || r == '"' || r == '「' || r == '」' || r == '‘' || r == '’' || r == '\'' || r == '『' || r == '』':
		return -1
	case r == '〔' || r == '［' || r == '【':
		return '['
	case r == '〕' || r == '］' || r == '】':
		return ']'
	case r == '—' || r == '–' || r == '－' || r == '―' || r == '‐':
		return '-'
	case r == '﹐':
		return ','
	}
	return r
}

// Label folds a label for matching: Rune on every character, all spaces
// removed, and a list number's separator ("1、" "1．" "1 .") made "1.".
// "（二）部分公开" and "(二) 部分公开" fold alike.
func Label(s string) string {
	// Folded on the stack; a label that folds to itself (most Chinese
	// labels) is returned as it is, without a copy.
	var buf [256]byte
	b := AppendLabel(buf[:0], s)
	if string(b) == s {
		return s
	}
	return string(b)
}

// TrimSpace trims every kind of space the copies carry (NBSP, U+3000,
// form feed, BOM) as well as ASCII space.
func TrimSpace(s string) string {
	for s != "" && s[0] == ' ' {
		s = s[1:] // the indent of a pdftotext -layout line, at once
	}
	for s != "" {
		if c := s[0]; c < 0x80 {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			s = s[1:]
			continue
		}
		if cjkAt(s, 0) {
			break // a Chinese character, decided without decoding
		}
		r, size := utf8.DecodeRuneInString(s)
		if !IsSpace(r) {
			break
		}
		s = s[size:]
	}
	for s != "" {
		if c := s[len(s)-1]; c < 0x80 {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			s = s[:len(s)-1]
			continue
		}
		if len(s) >= 3 && cjkAt(s, len(s)-3) {
			break
		}
		r, size := utf8.DecodeLastRuneInString(s)
		if !IsSpace(r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// TrimSpaceBounds: TrimSpace(s) is s[i:j], for a caller that keeps
// offsets rather than the string. (TrimSpace's loops, written again:
// TestTrimSpaceBounds holds them to the same result.)
func TrimSpaceBounds(s string) (i, j int) {
	t := s
	for t != "" && t[0] == ' ' {
		t = t[1:]
	}
	for t != "" {
		if c := t[0]; c < 0x80 {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			t = t[1:]
			continue
		}
		if cjkAt(t, 0) {
			break
		}
		r, size := utf8.DecodeRuneInString(t)
		if !IsSpace(r) {
			break
		}
		t = t[size:]
	}
	i = len(s) - len(t)
	for t != "" {
		if c := t[len(t)-1]; c < 0x80 {
			if c != ' ' && (c < '\t' || c > '\r') {
				break
			}
			t = t[:len(t)-1]
			continue
		}
		if len(t) >= 3 && cjkAt(t, len(t)-3) {
			break
		}
		r, size := utf8.DecodeLastRuneInString(t)
		if !IsSpace(r) {
			break
		}
		t = t[:len(t)-size]
	}
	return i, i + len(t)
}

// cjkAt: s[i:] starts with a well-formed character of U+4000–9FFF
// (three bytes, lead byte E4–E9), none of which is a space.
func cjkAt(s string, i int) bool {
	return i+2 < len(s) && s[i] >= 0xE4 && s[i] <= 0xE9 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80
}

// IsSpace reports whether r is a space of any width.
func IsSpace(r rune) bool {
	switch {
	case r < 0x80:
		return r == ' ' || (r >= '\t' && r <= '\r')
	case r >= 0x4E00 && r <= 0x9FFF:
		return false // Chinese characters: the common case, decided at once
	}
	return unicode.IsSpace(r) || r == 0x3000 || r == 0x00A0 || r == 0xFEFF || r == 0x200B
}

// IsFooter recognises a page footer that PDF text carries into the body:
// "-4-", "— 5 —", "- 12 -", "第 3 页", "3/10".
func IsFooter(s string) bool { return IsFooterTrimmed(TrimSpace(s)) }

// IsFooterTrimmed is IsFooter of a text already trimmed (TrimSpace). Most
// texts are told apart by their length or their first byte, at once.
func IsFooterTrimmed(t string) bool {
	if t == "" || len(t) > 24 || !footerLead[t[0]] {
		return false
	}
	return isFooter(t)
}

// footerLead: the first bytes of a footer: '-', a digit, or the lead byte
// of —, –, －, 第.
var footerLead = func() (t [256]bool) {
	for _, c := range []byte("-0123456789\xe2\xef\xe7") {
		t[c] = true
	}
	return t
}()

func isFooter(t string) bool {
	if t[0] >= 0x80 {
		if r, _ := utf8.DecodeRuneInString(t); !(r == '—' || r == '－' || r == '–' || r == '第') {
			return false
		}
	}
	if t[0] >= '0' && t[0] <= '9' && !strings.Contains(t, "/") {
		return false // a number, not "3/10"
	}
	s := Label(t)
	if s == "" {
		return false
	}
	if strings.HasPrefix(s, "第") && strings.HasSuffix(s, "页") {
		return allDigits(strings.TrimSuffix(strings.TrimPrefix(s, "第"), "页"))
	}
	if i := strings.IndexByte(s, '/'); i > 0 && allDigits(s[:i]) && allDigits(s[i+1:]) {
		return true
	}
	if len(s) >= 3 && s[0] == '-' && s[len(s)-1] == '-' {
		return allDigits(strings.Trim(s, "-"))
	}
	return false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// RuneLen is the number of characters in s.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// ContainsLoose reports whether text holds key when spaces of any width in
// text are ignored and its characters folded with Rune: "第二十条 第（一）项"
// holds "第二十条第(一)项". key must already be folded. It does not allocate.
func ContainsLoose(text, key string) bool {
	if key == "" {
		return true
	}
	if strings.Contains(text, key) {
		return true
	}
	first, size := utf8.DecodeRuneInString(key)
	if first >= 0x4E00 && first <= 0x9FFF {
		// A Chinese first character has no other form: jump between its
		// occurrences instead of folding every character.
		for off := 0; ; {
			i := strings.Index(text[off:], key[:size]) // first as written (no conversion of the rune to a string per call)
			if i < 0 {
				return false
			}
			if matchLoose(text[off+i+size:], key[size:]) {
				return true
			}
			off += i + size
		}
	}
	for i, r := range text {
		if Rune(r) != first {
			continue
		}
		if matchLoose(text[i:], key) {
			return true
		}
	}
	return false
}

func matchLoose(text, key string) bool {
	if key == "" {
		return true
	}
	k := 0
	for _, r := range text {
		if k == len(key) {
			return true
		}
		r = Rune(r)
		if r < 0 || IsSpace(r) {
			continue
		}
		kr, size := utf8.DecodeRuneInString(key[k:])
		if r != kr {
			return false
		}
		k += size
	}
	return k == len(key)
}

// AppendLabel appends Label(s) to dst.
func AppendLabel(dst []byte, s string) []byte {
	prevDigit := false
	for i := 0; i < len(s); {
		if hanAt(s, i) {
			// Chinese characters fold to themselves: a run of them is
			// copied at once.
			j := i + 3
			for hanAt(s, j) {
				j += 3
			}
			dst = append(dst, s[i:j]...)
			i = j
			prevDigit = false
			continue
		}
		r, size := DecodeRune(s[i:])
		i += size
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
	return dst
}

// hanAt: s[i:] starts with a well-formed character of U+4E00–9FFF (three
// bytes; U+4E00 is E4 B8 80, U+9FFF is E9 BF BF).
func hanAt(s string, i int) bool {
	if i+2 >= len(s) {
		return false
	}
	c := s[i]
	if c < 0xE4 || c > 0xE9 || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 {
		return false
	}
	return c > 0xE4 || s[i+1] >= 0xB8
}

// DecodeRune is utf8.DecodeRuneInString with a fast path for the three-byte
// characters that make up most of a Chinese report. The input has been
// checked to be UTF-8 (core.Decode), but an invalid sequence still decodes
// as utf8.RuneError, as the standard function does.
func DecodeRune(s string) (rune, int) {
	if len(s) >= 3 {
		b0 := s[0]
		if b0 >= 0xE1 && b0 <= 0xEC || b0 == 0xEE || b0 == 0xEF {
			b1, b2 := s[1], s[2]
			if b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
				return rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
			}
		}
	}
	return utf8.DecodeRuneInString(s)
}
