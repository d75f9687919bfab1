package edge

import (
	"sort"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core"
)

// The API's JSON is read and written here by hand, not with encoding/json:
// its reflection-based code is about 150 KB of the Worker's gzip bundle
// (issue 20: the bundle is to stay under 2.5 MiB). Both sides keep
// encoding/json's behaviour exactly: edge's tests compare them with
// encoding/json on a table of requests and under the fuzzer
// (FuzzDecodeJSON).

// maxJSONDepth is encoding/json's limit of nested objects and arrays.
const maxJSONDepth = 10000

// jsonDecodeError is what encoding/json's Decoder.Decode would return
// for the request body, as the messages need it.
type jsonDecodeError struct {
	kind   int    // one of the jsonErr* below
	offset int    // jsonErrSyntax: the 1-based offset of the byte in error
	field  string // jsonErrType: the field's name ("" for the whole body); jsonErrUnknown: the key as sent
	value  string // jsonErrType: "string", "number", "bool", "array" or "object"
}

const (
	jsonErrEOF           = iota + 1 // nothing but white space (io.EOF)
	jsonErrUnexpectedEOF            // the body ends inside the value (io.ErrUnexpectedEOF)
	jsonErrSyntax                   // *json.SyntaxError
	jsonErrType                     // *json.UnmarshalTypeError
	jsonErrUnknown                  // "json: unknown field %q" (DisallowUnknownFields)
)

// jsonKind is the kind of a JSON value.
type jsonKind byte

const (
	jsonString jsonKind = iota + 1
	jsonNumber
	jsonBool
	jsonNull
	jsonArray
	jsonObject
)

var jsonKindNames = [...]string{jsonString: "string", jsonNumber: "number", jsonBool: "bool", jsonArray: "array", jsonObject: "object"}

// jsonMember is a member of the body's object: its key and, for a
// string, its value.
type jsonMember struct {
	key  string
	kind jsonKind
	str  string
}

// jsonReader reads one JSON value the way encoding/json's scanner does,
// stopping at the first byte that cannot continue it.
type jsonReader struct {
	b       []byte
	i       int
	depth   int
	err     *jsonDecodeError
	members []jsonMember // the top-level object's members, in order
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (r *jsonReader) space() {
	for r.i < len(r.b) && isJSONSpace(r.b[r.i]) {
		r.i++
	}
}

// fail records an error at r.i: the body ended (unexpected EOF) or the
// byte there cannot continue the value (a syntax error).
func (r *jsonReader) fail() bool {
	if r.err == nil {
		if r.i >= len(r.b) {
			r.err = &jsonDecodeError{kind: jsonErrUnexpectedEOF}
		} else {
			r.err = &jsonDecodeError{kind: jsonErrSyntax, offset: r.i + 1}
		}
	}
	return false
}

// value reads a value after optional white space; top: the body's own
// value, whose object members are kept.
func (r *jsonReader) value(top bool) (jsonKind, string, bool) {
	r.space()
	if r.i >= len(r.b) {
		return 0, "", r.fail()
	}
	switch c := r.b[r.i]; {
	case c == '"':
		s, ok := r.str()
		return jsonString, s, ok
	case c == '{':
		return jsonObject, "", r.object(top)
	case c == '[':
		return jsonArray, "", r.array()
	case c == '-' || '0' <= c && c <= '9':
		return jsonNumber, "", r.number()
	case c == 't':
		return jsonBool, "", r.literal("true")
	case c == 'f':
		return jsonBool, "", r.literal("false")
	case c == 'n':
		return jsonNull, "", r.literal("null")
	}
	return 0, "", r.fail()
}

func (r *jsonReader) push() bool {
	r.depth++
	if r.depth > maxJSONDepth {
		return r.fail()
	}
	r.i++
	return true
}

func (r *jsonReader) object(top bool) bool {
	if !r.push() {
		return false
	}
	r.space()
	if r.i < len(r.b) && r.b[r.i] == '}' {
		r.i++
		r.depth--
		return true
	}
	for {
		r.space()
		if r.i >= len(r.b) || r.b[r.i] != '"' {
			return r.fail()
		}
		key, ok := r.str()
		if !ok {
			return false
		}
		r.space()
		if r.i >= len(r.b) || r.b[r.i] != ':' {
			return r.fail()
		}
		r.i++
		kind, s, ok := r.value(false)
		if !ok {
			return false
		}
		if top {
			r.members = append(r.members, jsonMember{key: key, kind: kind, str: s})
		}
		r.space()
		if r.i >= len(r.b) {
			return r.fail()
		}
		switch r.b[r.i] {
		case ',':
			r.i++
			continue
		case '}':
			r.i++
			r.depth--
			return true
		}
		return r.fail()
	}
}

func (r *jsonReader) array() bool {
	if !r.push() {
		return false
	}
	r.space()
	if r.i < len(r.b) && r.b[r.i] == ']' {
		r.i++
		r.depth--
		return true
	}
	for {
		if _, _, ok := r.value(false); !ok {
			return false
		}
		r.space()
		if r.i >= len(r.b) {
			return r.fail()
		}
		switch r.b[r.i] {
		case ',':
			r.i++
			continue
		case ']':
			r.i++
			r.depth--
			return true
		}
		return r.fail()
	}
}

func (r *jsonReader) literal(word string) bool {
	for k := 0; k < len(word); k++ {
		if r.i >= len(r.b) || r.b[r.i] != word[k] {
			return r.fail()
		}
		r.i++
	}
	return true
}

func (r *jsonReader) digits() {
	for r.i < len(r.b) && '0' <= r.b[r.i] && r.b[r.i] <= '9' {
		r.i++
	}
}

// number reads -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; the byte
// after it is not read.
func (r *jsonReader) number() bool {
	digit := func() bool { return r.i < len(r.b) && '0' <= r.b[r.i] && r.b[r.i] <= '9' }
	if r.b[r.i] == '-' {
		r.i++
		if !digit() {
			return r.fail()
		}
	}
	if r.b[r.i] == '0' {
		r.i++
	} else {
		r.digits()
	}
	if r.i < len(r.b) && r.b[r.i] == '.' {
		r.i++
		if !digit() {
			return r.fail()
		}
		r.digits()
	}
	if r.i < len(r.b) && (r.b[r.i] == 'e' || r.b[r.i] == 'E') {
		r.i++
		if r.i < len(r.b) && (r.b[r.i] == '+' || r.b[r.i] == '-') {
			r.i++
		}
		if !digit() {
			return r.fail()
		}
		r.digits()
	}
	return true
}

func hexValue(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// str reads a string at r.i (its opening quote) and returns it unescaped
// as encoding/json unescapes it (a lone surrogate becomes U+FFFD). The
// body is valid UTF-8 (decodeJSON checks first).
func (r *jsonReader) str() (string, bool) {
	r.i++
	start := r.i
	plain := true // no escapes: the string is the bytes as they are
	for {
		if r.i >= len(r.b) {
			return "", r.fail()
		}
		c := r.b[r.i]
		switch {
		case c == '"':
			raw := r.b[start:r.i]
			r.i++
			if plain {
				return string(raw), true
			}
			return unquoteJSON(raw), true
		case c < 0x20:
			return "", r.fail()
		case c == '\\':
			plain = false
			r.i++
			if r.i >= len(r.b) {
				return "", r.fail()
			}
			switch r.b[r.i] {
			case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
				r.i++
			case 'u':
				r.i++
				for k := 0; k < 4; k++ {
					if r.i >= len(r.b) || hexValue(r.b[r.i]) < 0 {
						return "", r.fail()
					}
					r.i++
				}
			default:
				return "", r.fail()
			}
		default:
			r.i++
		}
	}
}

// u4 reads the \uXXXX at s, -1 when there is none.
func u4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		v := hexValue(c)
		if v < 0 {
			return -1
		}
		r = r<<4 | v
	}
	return r
}

// unquoteJSON unescapes a string's bytes (between its quotes), already
// checked by jsonReader.str.
func unquoteJSON(s []byte) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		switch e := s[i+1]; e {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			rr := u4(s[i:])
			i += 6
			if utf16.IsSurrogate(rr) {
				if rr1 := u4(s[i:]); rr1 >= 0 {
					if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
						i += 6
						out = utf8.AppendRune(out, dec)
						continue
					}
				}
				rr = unicode.ReplacementChar
			}
			out = utf8.AppendRune(out, rr)
			continue
		default: // \\ \/ \"
			out = append(out, e)
		}
		i += 2
	}
	return string(out)
}

// foldJSONName folds a key as encoding/json does to match field names
// case-insensitively: ASCII letters upper-cased, other runes to the
// smallest rune of their case-folding set.
func foldJSONName(s string) string {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			c := byte(r)
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			continue
		}
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}

// requestField is the field of checkRequest a key sets ("" for none):
// the name itself, else one equal to it case-insensitively.
func requestField(key string) string {
	switch key {
	case "text", "name", "severity", "previous":
		return key
	}
	switch foldJSONName(key) {
	case "TEXT":
		return "text"
	case "NAME":
		return "name"
	case "SEVERITY":
		return "severity"
	case "PREVIOUS":
		return "previous"
	}
	return ""
}

// readJSONRequest reads the body as encoding/json's Decoder, with
// DisallowUnknownFields, decodes one checkRequest from it; rest tells
// whether a value follows (Decoder.More).
func readJSONRequest(body []byte) (req checkRequest, rest bool, err *jsonDecodeError) {
	r := jsonReader{b: body}
	r.space()
	if r.i >= len(r.b) {
		return req, false, &jsonDecodeError{kind: jsonErrEOF}
	}
	kind, _, ok := r.value(true)
	if !ok {
		return req, false, r.err
	}
	switch kind {
	case jsonNull: // leaves the request as it is
	case jsonObject:
		for _, m := range r.members {
			f := requestField(m.key)
			if f == "" {
				if err == nil {
					err = &jsonDecodeError{kind: jsonErrUnknown, field: m.key}
				}
				continue
			}
			var p **string
			switch f {
			case "text":
				p = &req.Text
			case "name":
				p = &req.Name
			case "severity":
				p = &req.Severity
			case "previous":
				p = &req.Previous
			}
			switch m.kind {
			case jsonString:
				s := m.str
				*p = &s
			case jsonNull:
				*p = nil
			default:
				if err == nil {
					err = &jsonDecodeError{kind: jsonErrType, field: f, value: jsonKindNames[m.kind]}
				}
			}
		}
	default:
		err = &jsonDecodeError{kind: jsonErrType, value: jsonKindNames[kind]}
	}
	if err != nil {
		return req, false, err
	}
	r.space()
	rest = r.i < len(r.b) && r.b[r.i] != ']' && r.b[r.i] != '}'
	return req, rest, nil
}

// jsonDoc is core's JSON writer with the two members every body here has.
type jsonDoc struct{ core.JSONWriter }

func (d *jsonDoc) str(k, v string) {
	d.Key(k)
	d.String(v)
}

// errorJSON is the body of an error answer (apiError).
func errorJSON(code, msg string, line int) []byte {
	var d jsonDoc
	d.Open('{')
	d.Key("error")
	d.Open('{')
	d.str("code", code)
	d.str("message", msg)
	if line != 0 {
		d.Key("line")
		d.Int(int64(line))
	}
	d.Close('}')
	d.Close('}')
	return d.End()
}

// rulesJSON is the body of GET /v1/rules: the checker and its rules.
func rulesJSON(c core.Checker, rules []core.RuleInfo) []byte {
	var d jsonDoc
	d.Open('{')
	d.Checker(c)
	d.Key("rules")
	switch {
	case rules == nil:
		d.Raw("null")
	case len(rules) == 0:
		d.Raw("[]")
	default:
		d.Open('[')
		for _, r := range rules {
			d.Elem()
			d.Open('{')
			d.str("id", r.ID)
			d.str("name", r.Name)
			d.str("title", r.Title)
			d.str("severity", r.Severity)
			if r.Levels != "" {
				d.str("levels", r.Levels)
			}
			d.str("doc", r.Doc)
			d.str("basis", r.Basis)
			d.Close('}')
		}
		d.Close(']')
	}
	d.Close('}')
	return d.End()
}

// indexJSON is the body of GET /: the checker and the endpoints.
func indexJSON(c core.Checker, endpoints map[string]string) []byte {
	var d jsonDoc
	d.Open('{')
	d.Checker(c)
	d.Key("endpoints")
	keys := make([]string, 0, len(endpoints))
	for k := range endpoints {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	d.Open('{')
	for _, k := range keys {
		d.str(k, endpoints[k])
	}
	d.Close('}')
	d.Close('}')
	return d.End()
}

// healthJSON is the body of GET /healthz (Health).
func healthJSON(h Health) []byte {
	var d jsonDoc
	d.Open('{')
	d.str("status", h.Status)
	d.Checker(h.Checker)
	d.Key("max_body_bytes")
	d.Int(int64(h.MaxBodyBytes))
	d.Key("memory")
	d.Open('{')
	d.Key("go_total_bytes")
	d.Uint(h.Memory.TotalBytes)
	d.Key("go_heap_live_bytes")
	d.Uint(h.Memory.HeapLiveBytes)
	d.Close('}')
	d.Close('}')
	return d.End()
}
