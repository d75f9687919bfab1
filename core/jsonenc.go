package core

import (
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// JSON is the canonical encoding of a result, the same bytes on every
// face: exactly what encoding/json's Encoder gives with SetIndent("", "  ")
// and SetEscapeHTML(false), final newline included (a test compares the
// two on every fixture and under the fuzzer). It is written by hand
// because the reflection-based encoder and its indent pass cost the Worker
// and the page (WebAssembly) close to a millisecond per check.
func (r Result) JSON() []byte {
	w := jsonWriter{b: make([]byte, 0, 4096+len(r.Reports)*16384)}
	w.open('{')
	w.checker(r.Checker)
	w.key("reports")
	w.array(len(r.Reports), func(i int) { w.report(r.Reports[i]) })
	w.notChecked(r.NotChecked)
	w.close('}')
	return append(w.b, '\n')
}

func (w *jsonWriter) notChecked(nc []NotChecked) {
	if len(nc) == 0 {
		return
	}
	w.key("not_checked")
	w.array(len(nc), func(i int) {
		w.open('{')
		w.key("source")
		w.str(nc[i].Source)
		w.key("kind")
		w.str(nc[i].Kind)
		w.key("reason")
		w.str(nc[i].Reason)
		w.close('}')
	})
}

// ResultStream writes the same bytes as Result.JSON, one report at a time,
// so that a batch of reports is never held in memory at once.
type ResultStream struct {
	w   io.Writer
	n   int
	err error
	nc  []NotChecked
}

// NewResultStream starts a result on w.
func NewResultStream(w io.Writer) *ResultStream {
	s := &ResultStream{w: w}
	head := Result{Checker: Checker{Name: "nianbao", Version: Version}}.JSON()
	// Everything up to the reports' value: `"reports": `.
	i := strings.LastIndex(string(head), "[]")
	s.write(head[:i])
	return s
}

func (s *ResultStream) write(b []byte) {
	if s.err == nil {
		_, s.err = s.w.Write(b)
	}
}

// Add writes one report.
func (s *ResultStream) Add(r Report) {
	w := jsonWriter{b: make([]byte, 0, 16384), depth: 2}
	if s.n == 0 {
		w.b = append(w.b, '[')
	} else {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.report(r)
	s.n++
	s.write(w.b)
}

// NotChecked notes a file that was not checked; they are written after
// the reports (Result.NotChecked).
func (s *ResultStream) NotChecked(nc NotChecked) { s.nc = append(s.nc, nc) }

// Close ends the result and returns the first write error.
func (s *ResultStream) Close() error {
	if s.n == 0 {
		s.write([]byte("[]"))
	} else {
		s.write([]byte("\n  ]"))
	}
	if len(s.nc) > 0 {
		w := jsonWriter{depth: 1}
		w.notChecked(s.nc)
		s.write(w.b)
	}
	s.write([]byte("\n}\n"))
	return s.err
}

// jsonWriter writes indented JSON: two spaces a level, one value per line.
type jsonWriter struct {
	b     []byte
	depth int
	first bool // nothing written yet in the current object or array
}

// spaces indents up to 32 levels in one append.
const spaces = "                                                                "

func (w *jsonWriter) newline() {
	w.b = append(w.b, '\n')
	if n := 2 * w.depth; n <= len(spaces) {
		w.b = append(w.b, spaces[:n]...)
		return
	}
	for i := 0; i < w.depth; i++ {
		w.b = append(w.b, ' ', ' ')
	}
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.first = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.first {
		w.newline()
	}
	w.b = append(w.b, c)
	w.first = false
}

// elem starts an array element or an object member.
func (w *jsonWriter) elem() {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.newline()
}

// array writes n elements, "[]" when there are none (as encoding/json
// writes an empty slice).
func (w *jsonWriter) array(n int, elem func(i int)) {
	if n == 0 {
		w.b = append(w.b, "[]"...)
		return
	}
	w.open('[')
	for i := 0; i < n; i++ {
		w.elem()
		elem(i)
	}
	w.close(']')
}

func (w *jsonWriter) key(k string) {
	w.elem()
	w.str(k)
	w.b = append(w.b, ':', ' ')
}

func (w *jsonWriter) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// float formats like encoding/json (ES6 number to string).
func (w *jsonWriter) float(f float64) {
	abs := math.Abs(f)
	fmt := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmt = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, fmt, -1, 64)
	if fmt == 'e' {
		n := len(w.b)
		if n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

const hexDigits = "0123456789abcdef"

// str escapes like encoding/json without HTML escaping (AppendJSONString).
func (w *jsonWriter) str(s string) { w.b = AppendJSONString(w.b, s) }

// checker writes the "checker" member every body of every face begins
// with.
func (w *jsonWriter) checker(c Checker) {
	w.key("checker")
	w.open('{')
	w.key("name")
	w.str(c.Name)
	w.key("version")
	w.str(c.Version)
	w.close('}')
}

// JSONWriter is the same indented writer for other JSON bodies of the
// faces (the Worker's errors, rule list and health), so that every body
// is laid out exactly as the result is: as encoding/json's Encoder with
// SetIndent("", "  ") and SetEscapeHTML(false).
type JSONWriter struct{ w jsonWriter }

// Open starts an object ('{') or an array ('[').
func (j *JSONWriter) Open(c byte) { j.w.open(c) }

// Close ends the object or array Open started.
func (j *JSONWriter) Close(c byte) { j.w.close(c) }

// Elem starts an array element.
func (j *JSONWriter) Elem() { j.w.elem() }

// Key starts an object member.
func (j *JSONWriter) Key(k string) { j.w.key(k) }

// String writes a string value.
func (j *JSONWriter) String(s string) { j.w.str(s) }

// Int writes an integer value.
func (j *JSONWriter) Int(n int64) { j.w.b = strconv.AppendInt(j.w.b, n, 10) }

// Uint writes an unsigned integer value.
func (j *JSONWriter) Uint(n uint64) { j.w.b = strconv.AppendUint(j.w.b, n, 10) }

// Checker writes the "checker" member, as a result has it.
func (j *JSONWriter) Checker(c Checker) { j.w.checker(c) }

// Raw writes a literal such as null or [].
func (j *JSONWriter) Raw(lit string) { j.w.b = append(j.w.b, lit...) }

// End returns the document with its final newline, as Encoder.Encode ends.
func (j *JSONWriter) End() []byte { return append(j.w.b, '\n') }

// AppendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping: quote, backslash and control
// characters, U+2028 and U+2029, and invalid UTF-8 as U+FFFD.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (w *jsonWriter) report(r Report) {
	w.open('{')
	w.key("source")
	w.str(r.Source)
	if r.Input != nil {
		w.key("input")
		w.open('{')
		w.key("kind")
		w.str(r.Input.Kind)
		if r.Input.Encoding != "" {
			w.key("encoding")
			w.str(r.Input.Encoding)
		}
		if r.Input.PDFTables != "" {
			w.key("pdf_tables")
			w.str(r.Input.PDFTables)
		}
		w.close('}')
	}
	w.key("format")
	w.str(r.Format)
	w.key("year")
	if r.Year == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.int(*r.Year)
	}
	w.key("agency")
	if r.Agency == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.str(*r.Agency)
	}
	w.key("tables")
	w.tables(r.Tables)
	w.key("findings")
	w.array(len(r.Findings), func(i int) { w.finding(r.Findings[i]) })
	w.key("summary")
	w.summary(r.Summary)
	if r.Omitted != 0 {
		w.key("omitted")
		w.int(r.Omitted)
	}
	if r.MinSeverity != "" {
		w.key("min_severity")
		w.str(r.MinSeverity)
	}
	if r.Hidden != nil {
		w.key("hidden")
		w.summary(*r.Hidden)
	}
	if r.NotReport {
		w.key("not_report")
		w.b = append(w.b, "true"...)
	}
	w.close('}')
}

func (w *jsonWriter) summary(s Summary) {
	w.open('{')
	w.key("error")
	w.int(s.Error)
	w.key("warning")
	w.int(s.Warning)
	w.key("info")
	w.int(s.Info)
	w.close('}')
}

func (w *jsonWriter) tables(tables map[string]Table) {
	if tables == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('{')
	for _, tid := range sortedKeys(tables) {
		w.key(tid)
		w.table(tables[tid])
	}
	w.close('}')
}

// table writes one table, rows and cells in key order whatever their order
// in the table.
func (w *jsonWriter) table(t Table) {
	w.open('{')
	w.key("rows")
	if t.Rows == nil {
		w.b = append(w.b, "null"...)
	} else {
		w.open('{')
		var rbuf [64]int
		for _, ri := range keyOrder(rbuf[:0], len(t.Rows), func(i int) string { return t.Rows[i].ID }) {
			row := t.Rows[ri]
			w.key(row.ID)
			w.open('{')
			var cbuf [32]int
			for _, ci := range keyOrder(cbuf[:0], len(row.Cells), func(i int) string { return row.Cells[i].Column }) {
				c := &row.Cells[ci]
				w.key(c.Column)
				w.open('{')
				w.key("value")
				if c.Value == nil {
					w.b = append(w.b, "null"...)
				} else {
					w.float(*c.Value)
				}
				w.key("raw")
				w.str(c.Raw)
				w.key("line")
				w.int(c.Line)
				w.key("col")
				w.int(c.Col)
				w.where(c.Where)
				w.close('}')
			}
			w.close('}')
		}
		w.close('}')
	}
	w.close('}')
}

// keyOrder appends to buf the indices 0..n-1 in the order of their keys
// (an insertion sort: a table's rows and a row's cells are few, and often
// sorted already). Equal keys keep their order.
func keyOrder(buf []int, n int, key func(int) string) []int {
	for i := 0; i < n; i++ {
		buf = append(buf, i)
		k := key(i)
		j := len(buf) - 1
		for j > 0 && key(buf[j-1]) > k {
			buf[j] = buf[j-1]
			j--
		}
		buf[j] = i
	}
	return buf
}

func (w *jsonWriter) finding(f Finding) {
	w.open('{')
	w.key("rule")
	w.str(f.Rule)
	w.key("name")
	w.str(f.Name)
	w.key("severity")
	w.str(f.Severity)
	w.key("kind")
	w.str(f.Kind)
	w.key("message")
	w.str(f.Message)
	if f.Line != 0 {
		w.key("line")
		w.int(f.Line)
	}
	if f.Col != 0 {
		w.key("col")
		w.int(f.Col)
	}
	w.where(f.Where)
	for _, kv := range [...]struct{ k, v string }{{"table", f.Table}, {"row", f.Row}, {"column", f.Column}, {"expected", f.Expected}, {"actual", f.Actual}} {
		if kv.v != "" {
			w.key(kv.k)
			w.str(kv.v)
		}
	}
	w.key("basis")
	w.str(f.Basis)
	if f.Fix != "" {
		w.key("fix")
		w.str(f.Fix)
	}
	if f.Count != 0 {
		w.key("count")
		w.int(f.Count)
	}
	if f.ExplainedBy != nil {
		w.key("explained_by")
		w.int(*f.ExplainedBy)
	}
	w.close('}')
}

// where writes a "where" member when there is one.
func (w *jsonWriter) where(p *Where) {
	if p == nil {
		return
	}
	w.key("where")
	w.open('{')
	for _, kv := range [...]struct {
		k string
		v int
	}{{"paragraph", p.Paragraph}, {"table", p.Table}, {"row", p.Row}, {"cell", p.Cell}, {"source_line", p.SourceLine}, {"page", p.Page}} {
		if kv.v != 0 {
			w.key(kv.k)
			w.int(kv.v)
		}
	}
	if p.X != nil {
		w.key("x")
		w.float(*p.X)
	}
	if p.Y != nil {
		w.key("y")
		w.float(*p.Y)
	}
	w.close('}')
}
