package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner reads word/document.xml as a stream of start tags, end tags
// and text, the few things docxReader needs, without a value per token:
// the name, attributes and text of a token are slices of its buffer, valid
// until the next call. It reads as encoding/xml's RawToken does with Strict
// off (names keep no namespace, only their local part is given; end tags
// are not matched against start tags; an unknown entity is kept as
// written), at a fraction of its cost: RawToken makes a string of every
// name and a slice of every tag's attributes, and an interface value per
// token, some 40,000 allocations for a 10 KB document.
//
// The buffer holds a window of the stream: text is handed over in pieces
// (a run of 20 MB is many tokens), and a tag longer than maxTagBytes is
// refused as not XML (a Word tag is well under 1 KB).
type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int  // buf[pos:end] is read and not yet scanned
	eof      bool // r has no more
	rerr     error
	lines    int // newlines in the bytes dropped from buf

	kind    xmlKind
	name    []byte // local name of a start or end tag
	attrs   []byte // a start tag's attributes, as written
	text    []byte // text, entities decoded ("\r\n" and "\r" as "\n")
	selfEnd bool   // the start tag just given closes itself: an end tag follows
	tbuf    []byte // backing of text when it had to be decoded
}

type xmlKind uint8

const (
	xmlStart xmlKind = iota + 1
	xmlEnd
	xmlText
)

const (
	xmlWindow   = 32 << 10
	maxTagBytes = 1 << 20
)

// xmlSyntaxError is malformed XML at a line of the part.
type xmlSyntaxError struct {
	Line int
	Msg  string
}

func (e *xmlSyntaxError) Error() string {
	return fmt.Sprintf("XML syntax error on line %d: %s", e.Line, e.Msg)
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, xmlWindow)}
}

// fill reads more of the stream after buf[pos:end], keeping those bytes;
// the buffer grows (up to maxTagBytes) only when they fill it. It returns
// false at the end of the stream or on a read error (rerr).
func (s *xmlScanner) fill() bool {
	if s.eof {
		return false
	}
	if s.pos > 0 {
		s.lines += bytes.Count(s.buf[:s.pos], []byte{'\n'})
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxTagBytes {
			s.rerr = s.syntax(s.end, "a tag longer than 1 MB")
			s.eof = true
			return false
		}
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

func (s *xmlScanner) syntax(at int, msg string) error {
	return &xmlSyntaxError{Line: 1 + s.lines + bytes.Count(s.buf[:min(at, s.end)], []byte{'\n'}), Msg: msg}
}

// next scans the next token: io.EOF at the end, an *xmlSyntaxError for
// malformed XML, or the reader's error.
func (s *xmlScanner) next() error {
	if s.selfEnd {
		s.selfEnd = false
		s.kind = xmlEnd
		return nil
	}
	for {
		if s.pos == s.end && !s.fill() {
			if s.rerr != nil {
				return s.rerr
			}
			return io.EOF
		}
		if s.buf[s.pos] != '<' {
			return s.scanText()
		}
		ok, err := s.scanMarkup()
		if err != nil || ok {
			return err
		}
		// A comment, a processing instruction or a declaration: nothing.
	}
}

// complete makes sure buf[pos:] holds the bytes up to and including the
// first stop after pos+from (refilling as needed) and returns its index,
// or -1 at the end of the stream.
func (s *xmlScanner) complete(from int, stop []byte) int {
	for {
		if i := bytes.Index(s.buf[s.pos+from:s.end], stop); i >= 0 {
			return s.pos + from + i
		}
		from = max(0, s.end-s.pos-len(stop)+1)
		if !s.fill() {
			return -1
		}
	}
}

// scanMarkup reads what starts with '<'; ok is false for markup that is no
// token (comment, processing instruction, declaration).
func (s *xmlScanner) scanMarkup() (ok bool, err error) {
	for s.end-s.pos < 2 {
		if !s.fill() {
			return false, s.eofIn("a tag")
		}
	}
	switch s.buf[s.pos+1] {
	case '?':
		i := s.complete(2, []byte("?>"))
		if i < 0 {
			return false, s.eofIn("a processing instruction")
		}
		s.pos = i + 2
		return false, nil
	case '!':
		for s.end-s.pos < 9 && s.fill() {
		}
		rest := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i := s.complete(4, []byte("-->"))
			if i < 0 {
				return false, s.eofIn("a comment")
			}
			s.pos = i + 3
			return false, nil
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i := s.complete(9, []byte("]]>"))
			if i < 0 {
				return false, s.eofIn("a CDATA section")
			}
			if err := s.checkText(s.buf[s.pos+9:i], s.pos+9); err != nil {
				return false, err
			}
			s.kind, s.text = xmlText, s.newlines(s.buf[s.pos+9:i])
			s.pos = i + 3
			return true, nil
		}
		i := s.complete(2, []byte(">")) // <!DOCTYPE …>, without an internal subset in a Word part
		if i < 0 {
			return false, s.eofIn("a declaration")
		}
		s.pos = i + 1
		return false, nil
	}
	i := s.tagEnd()
	if i < 0 {
		return false, s.eofIn("a tag")
	}
	tag := s.buf[s.pos+1 : i]
	if len(tag) == 0 {
		return false, s.syntax(s.pos, "expected element name after <")
	}
	at := s.pos
	s.pos = i + 1
	if tag[0] == '/' {
		name, rest := cutName(tag[1:])
		if len(name) == 0 || len(bytes.TrimSpace(rest)) > 0 {
			return false, s.syntax(at, "invalid end tag")
		}
		s.kind, s.name = xmlEnd, localName(name)
		return true, nil
	}
	if tag[len(tag)-1] == '/' {
		tag = tag[:len(tag)-1]
		s.selfEnd = true
	}
	name, rest := cutName(tag)
	if len(name) == 0 {
		s.selfEnd = false
		return false, s.syntax(at, "expected element name after <")
	}
	if err := checkAttrs(rest); err != "" {
		s.selfEnd = false
		return false, s.syntax(at, err)
	}
	s.kind, s.name, s.attrs = xmlStart, localName(name), rest
	return true, nil
}

// tagEnd returns the index of the '>' that ends the tag at pos (one in
// a quoted attribute value does not), refilling as needed; -1 at the end
// of the stream.
func (s *xmlScanner) tagEnd() int {
	k := s.pos + 1
	for {
		// The next '>' ends the tag unless a quote opens before it.
		i := bytes.IndexByte(s.buf[k:s.end], '>')
		lim := i
		if i < 0 {
			lim = s.end - k
		}
		q := -1
		for j, c := range s.buf[k : k+lim] {
			if c == '"' || c == '\'' {
				q = j
				break
			}
		}
		if q < 0 {
			if i >= 0 {
				return k + i
			}
			off := s.end - s.pos
			if !s.fill() {
				return -1
			}
			k = s.pos + off
			continue
		}
		// Skip the quoted value, wherever its '>' are.
		k += q
		quote := s.buf[k]
		for {
			e := bytes.IndexByte(s.buf[k+1:s.end], quote)
			if e >= 0 {
				k += e + 2
				break
			}
			off := k - s.pos
			if !s.fill() {
				return -1
			}
			k = s.pos + off
		}
	}
}

func (s *xmlScanner) eofIn(what string) error {
	if s.rerr != nil {
		return s.rerr
	}
	return s.syntax(s.end, "unexpected EOF in "+what)
}

// scanText gives the text from pos up to the next '<', or a piece of it
// that ends before an entity, a character or a "\r\n" the window cuts.
func (s *xmlScanner) scanText() error {
	i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
	for i < 0 && !s.eof && s.end-s.pos < 64 {
		s.fill()
		i = bytes.IndexByte(s.buf[s.pos:s.end], '<')
	}
	var cut int
	if i >= 0 {
		cut = s.pos + i
	} else if s.eof {
		cut = s.end
	} else {
		cut = s.end - 16
		for cut > s.pos && !utf8.RuneStart(s.buf[cut]) {
			cut--
		}
		if a := bytes.LastIndexByte(s.buf[max(s.pos, cut-16):cut], '&'); a >= 0 {
			cut = max(s.pos, cut-16) + a // an entity the cut would split
		}
		if cut > s.pos && s.buf[cut-1] == '\r' {
			cut--
		}
	}
	raw := s.buf[s.pos:cut]
	at := s.pos
	s.pos = cut
	text := raw
	if bytes.IndexByte(raw, '&') >= 0 {
		s.tbuf = decodeEntities(s.tbuf[:0], raw)
		text = s.tbuf
	}
	if err := s.checkText(text, at); err != nil {
		return err
	}
	s.kind, s.text = xmlText, s.newlines(text)
	return nil
}

// newlines writes "\r\n" and a lone "\r" as "\n", as XML reads them.
func (s *xmlScanner) newlines(t []byte) []byte {
	if bytes.IndexByte(t, '\r') < 0 {
		return t
	}
	out := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		if t[i] == '\r' {
			if i+1 < len(t) && t[i+1] == '\n' {
				continue
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, t[i])
	}
	return out
}

// checkText refuses text that is not UTF-8 or holds a character XML
// does not allow, as encoding/xml does.
func (s *xmlScanner) checkText(t []byte, at int) error {
	for i := 0; i < len(t); {
		c := t[i]
		if c >= 0x20 && c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(t[i:])
		if r == utf8.RuneError && size == 1 {
			return s.syntax(at, "invalid UTF-8")
		}
		if !xmlChar(r) {
			return s.syntax(at, fmt.Sprintf("illegal character code %U", r))
		}
		i += size
	}
	return nil
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// decodeEntities appends t to dst with the five XML entities and
// character references decoded; anything else after '&' is kept as
// written (encoding/xml with Strict off).
func decodeEntities(dst, t []byte) []byte {
	for {
		i := bytes.IndexByte(t, '&')
		if i < 0 {
			return append(dst, t...)
		}
		dst = append(dst, t[:i]...)
		t = t[i:]
		j := bytes.IndexByte(t, ';')
		if j < 0 || j > 12 {
			dst = append(dst, '&')
			t = t[1:]
			continue
		}
		ent := string(t[1:j]) // no allocation: compared or parsed only
		switch ent {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "apos":
			dst = append(dst, '\'')
		case "quot":
			dst = append(dst, '"')
		default:
			n, err := uint64(0), errors.New("")
			if len(ent) > 2 && ent[0] == '#' && ent[1] == 'x' {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else if len(ent) > 1 && ent[0] == '#' {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil || n > utf8.MaxRune {
				dst = append(dst, '&')
				t = t[1:]
				continue
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
		t = t[j+1:]
	}
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ':' || c == '_' || c == '-' || c == '.' || c >= 0x80
}

// cutName splits a tag at the end of its name.
func cutName(tag []byte) (name, rest []byte) {
	i := 0
	for i < len(tag) && isNameByte(tag[i]) {
		i++
	}
	if i > 0 && (tag[0] >= '0' && tag[0] <= '9' || tag[0] == '-' || tag[0] == '.') {
		return nil, tag
	}
	return tag[:i], tag[i:]
}

// localName drops a name's namespace prefix ("w:p" → "p").
func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[i+1:]
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// trimSpace drops XML white space at the start of a.
func trimSpace(a []byte) []byte {
	for len(a) > 0 && isSpace(a[0]) {
		a = a[1:]
	}
	return a
}

// nextAttr reads the first attribute of a: a name, "=", and a value,
// quoted or (Strict off) not; a name alone is its own value. msg says
// what is wrong, if anything.
func nextAttr(a []byte) (name, val, rest []byte, msg string) {
	name, a = cutName(a)
	if len(name) == 0 {
		return nil, nil, nil, "expected attribute name in element"
	}
	a = trimSpace(a)
	if len(a) == 0 || a[0] != '=' {
		return name, name, a, ""
	}
	a = trimSpace(a[1:])
	if len(a) == 0 {
		return name, nil, nil, "" // "b=" at the end of the tag: empty (Strict off)
	}
	if q := a[0]; q == '"' || q == '\'' {
		j := bytes.IndexByte(a[1:], q)
		if j < 0 {
			return nil, nil, nil, "unquoted or missing attribute value in element"
		}
		return name, a[1 : j+1], a[j+2:], ""
	}
	j := 0
	for j < len(a) && !isSpace(a[j]) {
		j++
	}
	return name, a[:j], a[j:], ""
}

// checkAttrs says what is wrong with a tag's attributes ("" when nothing).
func checkAttrs(a []byte) string {
	for {
		for len(a) > 0 && isSpace(a[0]) {
			a = a[1:]
		}
		if len(a) == 0 {
			return ""
		}
		_, _, rest, msg := nextAttr(a)
		if msg != "" {
			return msg
		}
		a = rest
	}
}

// attr returns the value of the current start tag's attribute whose
// local name is local, entities decoded; "" when it has none.
func (s *xmlScanner) attr(local string) string { return string(s.attrBytes(local)) }

// attrBytes is attr without a copy when the value has no entity: valid
// until the next token.
func (s *xmlScanner) attrBytes(local string) []byte {
	a := s.attrs
	for {
		for len(a) > 0 && isSpace(a[0]) {
			a = a[1:]
		}
		if len(a) == 0 {
			return nil
		}
		name, v, rest, _ := nextAttr(a) // checked by checkAttrs
		a = rest
		if string(localName(name)) == local {
			if bytes.IndexByte(v, '&') >= 0 {
				return decodeEntities(nil, v)
			}
			return v
		}
	}
}
