package input

import (
	"strconv"
	"strings"
)

// markLines copies an HTML source, adding data-nb-line="N" to every start
// tag, N being the tag's line in the source. HTML parsers (the browser's
// among them) keep no source positions; an attribute survives parsing, so
// every element of the tree can say where it was written.
//
// The scan follows the tokenizer states of the HTML standard that decide
// where a tag ends: comments, doctypes and processing instructions are
// copied whole, attribute values in quotes may hold '>', and the contents
// of raw-text elements (script, style, textarea, title…) are copied up to
// their end tag, so a marker never lands in text.
func markLines(src string) string {
	var b strings.Builder
	b.Grow(len(src) + len(src)/8)
	line := 1
	i := 0
	copyTo := func(j int) {
		line += strings.Count(src[i:j], "\n")
		b.WriteString(src[i:j])
		i = j
	}
	for i < len(src) {
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			copyTo(len(src))
			break
		}
		copyTo(i + lt)
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				copyTo(len(src))
				continue
			}
			copyTo(i + 4 + end + 3)
		case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?") || strings.HasPrefix(rest, "</"):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				copyTo(len(src))
				continue
			}
			copyTo(i + end + 1)
		case len(rest) > 1 && isASCIIAlpha(rest[1]):
			n := 1
			for n < len(rest) && !isTagEnd(rest[n]) {
				n++
			}
			name := strings.ToLower(rest[1:n])
			end, selfClose := tagEnd(rest, n)
			if end < 0 { // unterminated tag at the end of the file
				copyTo(len(src))
				continue
			}
			tagLine := line
			gt := i + end // the '>' that ends the tag
			insert := gt
			if selfClose {
				insert--
			}
			copyTo(insert)
			b.WriteString(` ` + lineAttr + `="` + strconv.Itoa(tagLine) + `"`)
			if selfClose {
				b.WriteByte(' ')
			}
			copyTo(gt + 1)
			if rawText[name] && !selfClose {
				// Up to the matching end tag, case-insensitively.
				close := "</" + name
				k := indexFold(src[i:], close)
				if k < 0 {
					copyTo(len(src))
					continue
				}
				copyTo(i + k)
			}
		default:
			copyTo(i + 1)
		}
	}
	return b.String()
}

// rawText elements hold text that is not parsed as markup.
var rawText = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "plaintext": true,
}

func isASCIIAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isTagEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/' || c == '>'
}

// tagEnd returns the offset in s of the '>' that ends the start tag whose
// name ends at n, and whether the tag ends with "/>"; -1 when the file
// ends first. Quotes only open a value right after '=' (the standard's
// "before attribute value" state).
func tagEnd(s string, n int) (int, bool) {
	afterEq := false
	for k := n; k < len(s); k++ {
		c := s[k]
		switch {
		case c == '>':
			return k, k > n && s[k-1] == '/'
		case afterEq && (c == '"' || c == '\''):
			q := strings.IndexByte(s[k+1:], c)
			if q < 0 {
				return -1, false
			}
			k += 1 + q
			afterEq = false
		case c == '=':
			afterEq = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			// white space keeps the state
		default:
			afterEq = false
		}
	}
	return -1, false
}

func indexFold(s, sub string) int {
	for i := 0; ; {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return -1
		}
		i += k
		if i+len(sub) <= len(s) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
		i += 2
	}
}
