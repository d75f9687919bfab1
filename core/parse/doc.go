// Package parse locates the parts of a report (title, the six sections,
// sub-headings, the three tables, the prose) and extracts the table cells,
// every piece with its byte span in the original text.
package parse

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/normalize"
	"github.com/nianbao/nianbao/core/source"
)

// Heading is a top-level heading: "一、总体情况", or an official title
// written without its numeral.
type Heading struct {
	Line    int
	Span    source.Span // the whole heading text
	Numeral string      // "一" … as written, "" when absent
	Title   string      // title text as written, without the numeral
	Section int         // 1..6 for an official section, 0 for an extra one
	Variant string      // "variant" or "old" when the title is not the official wording; "typo" when it is one within a character or two (near.go)
	// Official and Typo, for a "typo" title: the official title (or
	// variant) it was taken for, and how it differs ("多了“法”").
	Official, Typo string
	near           int // the section a title that matches none is near to, 0 for none (resolveNear decides)
}

// SubHeading is "（一）…" at the start of a prose line.
type SubHeading struct {
	Line    int
	Span    source.Span
	N       int // 1 for （一）
	Text    string
	Heading int // index in Doc.Headings of the section it is in, -1 before any
}

// Prose is the running text of one part of the report, lines joined,
// spaces dropped and width folded, with a map back to the input.
type Prose struct {
	Text string
	// where: the map back to the input, one entry where it is not a
	// plain copy: Text[t] comes from the input at s + (t - where[k].t)
	// for the last entry k with where[k].t <= t.
	where []textAt
	// sig: which Chinese characters (U+4E00–U+9FFF) occur in Text, each
	// character one bit chosen by a hash (see sigShift); built on first
	// use (MayContain).
	sig []uint64
}

// sigBit is the word and bit of a Chinese character in a signature of
// 64<<shift bits.
func sigBit(r rune, shift uint) (int, uint64) {
	h := uint32(r) * 0x9E3779B1 >> (32 - 6 - shift)
	return int(h / 64), 1 << (h % 64)
}

// sigShift: the signature of a text of n bytes has 64<<sigShift(n) bits,
// about two for every byte (six for every character, so that few bits are
// set), from 64 to 4096 bits.
func sigShift(n int) uint {
	s := uint(0)
	for s < 6 && 64<<s < 2*n {
		s++
	}
	return s
}

type textAt struct{ t, s int32 }

// at maps a byte of Text to the input.
func (p *Prose) at(i int) int {
	k := sort.Search(len(p.where), func(k int) bool { return int(p.where[k].t) > i }) - 1
	if k < 0 {
		k = 0
	}
	return int(p.where[k].s) + i - int(p.where[k].t)
}

// MayContain reports whether Text can contain kw: false when one of kw's
// Chinese characters never occurs, which saves a scan of the text for most
// of the keywords that the text rules look for. True says only that it
// may (a very short text is searched directly, and then it does).
func (p *Prose) MayContain(kw string) bool {
	if len(p.Text) < 64 {
		return strings.Contains(p.Text, kw)
	}
	if p.sig == nil {
		p.sign()
	}
	shift := sigShift(len(p.Text))
	for _, r := range kw {
		if r >= 0x4E00 && r <= 0x9FFF {
			w, b := sigBit(r, shift)
			if p.sig[w]&b == 0 {
				return false
			}
		}
	}
	return true
}

// sign makes sig from Text in one pass over its bytes: U+4E00–U+9FFF are
// the three-byte sequences led by 0xE4–0xE9. A byte that does not start a
// whole sequence is stepped over alone, so every sequence in the text is
// seen, even in text that is not valid UTF-8.
func (p *Prose) sign() {
	t := p.Text
	shift := sigShift(len(t))
	p.sig = make([]uint64, 1<<shift)
	for i := 0; i+2 < len(t); {
		b0 := t[i]
		if b0 < 0xE4 || b0 > 0xE9 || t[i+1]&0xC0 != 0x80 || t[i+2]&0xC0 != 0x80 {
			i++
			continue
		}
		r := rune(b0&0x0F)<<12 | rune(t[i+1]&0x3F)<<6 | rune(t[i+2]&0x3F)
		w, b := sigBit(r, shift)
		p.sig[w] |= b
		i += 3
	}
}

// Span maps a byte range of Text to the input.
func (p *Prose) Span(i, j int) source.Span {
	if len(p.Text) == 0 || len(p.where) == 0 {
		return source.NoSpan
	}
	if i >= len(p.Text) {
		i = len(p.Text) - 1
	}
	if j > len(p.Text) {
		j = len(p.Text)
	}
	start := p.at(i)
	end := start + 1
	if j > 0 {
		end = p.at(j-1) + 1
	}
	return source.Span{Start: start, End: end}
}

// Part is a stretch of the report between two top-level headings.
type Part struct {
	Heading int // index in Doc.Headings; -1 for the text before the first heading
	Section int // official section 1..6, or 0
	Prose   Prose
	Lines   [2]int // first and last+1 line numbers
}

// Doc is a parsed report.
type Doc struct {
	Src        *source.Source
	Title      string // the title as joined from its lines
	TitleSpan  source.Span
	TitleYear  int
	Agency     string
	Headings   []Heading
	Subs       []SubHeading
	Parts      []Part
	T2, T3, T4 *Table
	// TableSection: the official section (1..6, 0 if extra) each table sits in.
	TableSection map[string]int
	TableHeading map[string]int // index into Headings, -1 before any
	// PageAt gives the PDF page (1-based) of a byte of the text, 0 when
	// the text did not come from a PDF or the place has no page; nil when
	// unknown. Set by the caller that read the file.
	PageAt   func(off int) int
	lines    []lineInfo // the lines the parser works on (segment.go)
	oneLine  bool       // the text came as one long line (or a few)
	markdown bool       // the text has a Markdown table rule line ("|---|---|")
	regions  []region
	heads    []*Heading  // per line: the heading it is, or nil
	step     func(n int) // ParseSteps's step, for tick
	ticks    int
}

// tickEvery is how many lines the parser's long loops go between two
// ticks.
const tickEvery = 512

// tick is called once a line in the parser's long loops: every
// tickEvery lines it tells step of no new steps (step(0)), so that a
// caller that gives the thread back between steps (the page, core
// Options.Step) can do so inside a pass over a long text too, not only
// between passes. The steps counted stay those of ParseSteps.
func (d *Doc) tick() {
	d.ticks++
	if d.ticks%tickEvery == 0 && d.step != nil {
		d.step(0)
	}
}

type region struct {
	table      string
	start, end int // line numbers [start, end)
}

// Section returns the part holding official section n (1..6), or nil.
func (d *Doc) Section(n int) *Part {
	for i := range d.Parts {
		if d.Parts[i].Section == n {
			return &d.Parts[i]
		}
	}
	return nil
}

// SectionText is the prose of official section n together with the extra
// parts that follow it before the next official section: a report that
// numbers its own sub-parts "二、工作机制保障" still writes section 一 there.
func (d *Doc) SectionText(n int) string {
	var b strings.Builder
	in := false
	for i := range d.Parts {
		p := &d.Parts[i]
		switch {
		case p.Section == n:
			in = true
		case p.Section != 0 || p.Heading < 0:
			in = false
		}
		if in {
			if p.Section == 0 {
				b.WriteString(normalize.Label(d.Headings[p.Heading].Title))
				b.WriteByte('\n')
			}
			b.WriteString(p.Prose.Text)
		}
	}
	return b.String()
}

// Intro is the text before the first heading.
func (d *Doc) Intro() *Part {
	if len(d.Parts) > 0 && d.Parts[0].Heading == -1 {
		return &d.Parts[0]
	}
	return nil
}

// PassSteps is what one pass over the report counts as steps (see
// ParseSteps): one a line the parser works on (a very long line is cut
// into its sentences, segment.go) and one per 8 bytes of text. Measured,
// a pass costs about that: a 2 MB text of a million short lines takes 3
// times as long as 2 MB on one line.
func (d *Doc) PassSteps() int { return passSteps(len(d.lines), len(d.Src.Text)) }

func passSteps(lines, bytes int) int { return lines + bytes/8 }

// MinPassSteps is the least a pass over a text of so many lines (as
// written: source.CountLines) and bytes counts, known before any work
// (the parser cuts a very long line into more).
func MinPassSteps(lines, bytes int) int64 { return int64(passSteps(lines, bytes)) }

// MinSteps is the least ParseSteps counts for such a text: its first
// count (the bytes alone) and MinPasses passes.
func MinSteps(lines, bytes int) int64 {
	return int64(passSteps(0, bytes)) + MinPasses*MinPassSteps(lines, bytes)
}

// MinPasses is the number of full passes ParseSteps counts at the least
// (the pass for bracketed headings is counted only when it runs).
const MinPasses = 7

// InTable reports the table whose region holds line n, or "".
func (d *Doc) InTable(n int) string {
	for _, r := range d.regions {
		if n >= r.start && n < r.end {
			return r.table
		}
	}
	return ""
}

// Parse reads a report.
func Parse(src *source.Source) *Doc {
	return ParseSteps(src, nil)
}

// ParseSteps reads a report as Parse does and tells step, when not nil,
// of its work as it goes: after each pass over the report, its
// PassSteps (the first time, the lines are not yet known: the bytes
// alone). step may stop the parse by panicking (core
// does, when a check runs over its budget): the parser holds nothing that
// needs releasing.
func ParseSteps(src *source.Source, step func(n int)) *Doc {
	return parseDoc(src, step, true)
}

// ParseHead reads what a report says of itself, without its tables: the
// headings, the title (unit and year) and the prose of the parts, exactly
// as Parse reads them (the table regions are found, so that their lines
// are not prose), but no cell (Doc.T2, T3 and T4 stay nil). It is what a
// batch needs to identify a report (unit and year) at a fraction of the
// cost of a full reading.
func ParseHead(src *source.Source) *Doc {
	return parseDoc(src, nil, false)
}

func parseDoc(src *source.Source, step func(n int), tables bool) *Doc {
	if step == nil {
		step = func(int) {}
	}
	d := &Doc{Src: src, TableSection: map[string]int{}, TableHeading: map[string]int{}, step: step}
	defer func() { d.step, d.ticks = nil, 0 }()
	step(passSteps(0, len(src.Text)))
	d.lines, d.oneLine = segments(src, d.tick)
	classify(src.Text, d.lines)
	n := len(d.lines)
	steps := d.PassSteps()
	step(steps)
	// Each line is tested once for a heading; most lines are rejected
	// without folding.
	d.heads = make([]*Heading, n)
	numbered := false
	near := maxNear
	for i, l := range d.lines {
		d.tick()
		if !d.markdown && l.end > l.start {
			if c := src.Text[l.start]; (c == '|' || c == '-' || c == ':') && isMarkdownRule(normalize.TrimSpace(src.Text[l.start:l.end])) && strings.Contains(src.Text[l.start:l.end], "|") {
				d.markdown = true
			}
		}
		if l.end-l.start < 6 {
			continue // shorter than "一、" and one character: no heading
		}
		if h, ok := headingOf(src.Text[l.ts:l.te], &near); ok && (!l.virtual || h.Section != 0) {
			h := h
			d.heads[i] = &h
			numbered = numbered || h.Numeral != ""
		}
	}
	step(steps)
	// A report that numbers its six parts "（一）…（六）" has no "一、"
	// heading at all: take its official titles in brackets as the parts
	// (S03 then says the numbering is wrong), rather than report all six
	// as missing. Only then: inside a part, "（一）主动公开政府信息情况"
	// is a sub-item.
	if !numbered {
		for i, l := range d.lines {
			d.tick()
			if d.heads[i] == nil {
				if h, ok := bracketHeadingOf(src.Text[l.start:l.end]); ok {
					hh := h // only a heading found is kept on the heap, not one per line
					d.heads[i] = &hh
				}
			}
		}
		step(steps)
	}
	resolveNear(d.heads)
	// 1. Official headings: they bound the table regions.
	official := d.findHeadings(true, nil)
	step(steps)
	// 2. Tables, located by their own anchors, ending at the next heading.
	d.findTables(official)
	step(steps)
	// 3. All headings, now that table lines are known.
	d.Headings = d.findHeadings(false, d.InTable)
	step(steps)
	d.findTitle()
	d.buildParts()
	step(steps)
	if !tables {
		return d
	}
	year := d.TitleYear
	d.readTables(year)
	step(steps)
	return d
}

// headingOf recognises a top-level heading on a line, given without the
// white space around it (normalize.TrimSpace; the caller has passed over
// lines shorter than "一、" and one character).
//
// near is what is left of the report's budget of titles compared with
// the official ones character by character (maxNear); each comparison
// spends one.
func headingOf(t string, near *int) (h Heading, ok bool) {
	for t != "" && (t[0] == '#' || t[0] == '*' || t[0] == ' ') {
		t = t[1:] // Markdown marks (strings.TrimLeft(t, "#* ") without its set)
	}
	t = normalize.TrimSpace(t)
	if t == "" {
		return h, false
	}
	// Quick rejection: a heading starts with a numeral, or is a short
	// line holding only an official title (every one ends in 情况 or 事项).
	if r, _ := utf8.DecodeRuneInString(t); !isNumeral10(r) &&
		(len(t) > 72 || !(strings.Contains(t, "情况") || strings.Contains(t, "事项"))) {
		return h, false
	}
	if hasCellMark(t) {
		return h, false
	}
	numeral := ""
	rest := t
	// "第一部分 总体情况": the numeral of a part written out.
	if strings.HasPrefix(t, "第") {
		if k := strings.Index(t, "部分"); k > 0 && k <= len("第十二") {
			if nm := t[len("第"):k]; format.NumeralValue(nm) > 0 {
				t = nm + "、" + normalize.TrimSpace(strings.TrimLeft(t[k+len("部分"):], "：:、 "))
			}
		}
	}
	for _, nm := range []string{"十一", "十二", "十", "一", "二", "三", "四", "五", "六", "七", "八", "九"} {
		if strings.HasPrefix(t, nm) {
			after := normalize.TrimSpace(t[len(nm):])
			if strings.HasPrefix(after, "、") {
				numeral = nm
				rest = normalize.TrimSpace(after[len("、"):])
			}
			break
		}
	}
	titleText := rest
	// The title ends at "。" or "：" (text may follow on the same line).
	if i := strings.Index(titleText, "。"); i >= 0 {
		titleText = titleText[:i]
	}
	if i := strings.Index(titleText, "："); i >= 0 {
		titleText = titleText[:i]
	}
	fold := normalize.Label(titleText)
	if fold == "" {
		return h, false
	}
	// Rows of 表三 look like headings: "一、本年新收…", "三、本年度办理结果".
	for _, k := range []string{"本年新收", "上年结转", "本年度办理结果", "结转下年度", "结转下一年度", "本年度办", "三安全"} {
		if strings.Contains(fold, k) {
			return h, false
		}
	}
	h = Heading{Numeral: numeral, Title: titleText}
	for si, s := range format.Sections {
		for _, group := range s.Match {
			all := true
			for _, k := range group {
				if !strings.Contains(fold, k) {
					all = false
					break
				}
			}
			if all {
				h.Section = s.N
				break
			}
		}
		if h.Section != 0 {
			if fold != sectionFolds[si][0] { // normalize.Label(s.Title)
				h.Variant = "variant"
				for _, o := range s.Old {
					if strings.Contains(fold, o) {
						h.Variant = "old"
					}
				}
			}
			break
		}
	}
	runes := utf8.RuneCountInString(fold)
	if numeral == "" {
		// Without a numeral only an official title alone on its line counts.
		if h.Section == 0 {
			return h, false
		}
		// The official title or one of its variants, folded (sectionFolds).
		whole := strings.TrimRight(normalize.Label(t), "。.:")
		for _, f := range sectionFolds[h.Section-1] {
			if whole == f {
				return h, true
			}
		}
		return h, false
	}
	if h.Section != 0 {
		return h, runes <= 30
	}
	// A title a character or two from an official one: a typo of it,
	// when resolveNear confirms it by its numeral or its place.
	if runes <= 30 && *near > 0 {
		*near--
		if sec, title, diff := nearTitle(fold); sec > 0 {
			h.near, h.Official, h.Typo = sec, title, diff
			return h, true
		}
	}
	// An extra heading: short, and not a sentence.
	if runes > 20 || strings.ContainsAny(titleText, "，,；;") {
		return h, false
	}
	return h, true
}

// isNumeral10: r is one of 一 … 十.
func isNumeral10(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// maxHeadings and maxSubs bound what a report can hold (a real one has
// six headings and a few dozen sub-headings): a text of a million
// heading lines keeps the first ones, which already show the problem, and
// reads the rest as text.
const (
	maxHeadings = 500
	maxSubs     = 2000
)

func (d *Doc) findHeadings(officialOnly bool, inTable func(int) string) []Heading {
	var out []Heading
	for i := range d.lines {
		d.tick()
		if len(out) >= maxHeadings {
			break
		}
		if d.heads[i] == nil {
			continue
		}
		l := &d.lines[i]
		text := d.Src.Text[l.start:l.end]
		h := *d.heads[i]
		if officialOnly && h.Section == 0 {
			continue
		}
		if inTable != nil && inTable(i+1) != "" {
			continue
		}
		lead := len(text) - len(strings.TrimLeftFunc(text, func(r rune) bool { return normalize.IsSpace(r) || r == '#' || r == '*' }))
		end := len(strings.TrimRightFunc(text, normalize.IsSpace))
		h.Line = i + 1
		h.Span = source.Span{Start: l.start + lead, End: l.start + end}
		out = append(out, h)
	}
	return out
}

// isProse: a line of running text, which ends a table region.
func isProse(fold string) bool {
	if strings.HasPrefix(fold, "注:") || strings.HasPrefix(fold, "注：") {
		return false
	}
	n := utf8.RuneCountInString(fold)
	if strings.Contains(fold, "。") && n >= 12 {
		return true
	}
	return n >= 30 && strings.Count(fold, ",") >= 2 && !strings.Contains(fold, "勾稽")
}

// isProseLine: a line of running text, which ends a table region. Never
// a line split into cells, a note ("注：…"), or the two 表三 labels that
// hold commas (the 勾稽 note and （二）部分公开（区分处理的，…）).
func isProseLine(text string) bool {
	if len(text) < 24 || hasCellMark(text) {
		return false
	}
	// (The marks are searched for in the line as it is: trimming it
	// first would cost more than the search, and most lines stop here.)
	period := strings.Contains(text, "。")
	if !period && strings.Count(text, "，")+strings.Count(text, ",") < 2 {
		return false
	}
	t := normalize.TrimSpace(text)
	if strings.HasPrefix(t, "注") || strings.Contains(t, "勾稽") || strings.Contains(t, "区分处理") {
		return false
	}
	// At most three bytes a character here: enough bytes means enough
	// characters, without counting them.
	atLeast := func(n int) bool { return len(t) >= 3*n || utf8.RuneCountInString(t) >= n }
	if period {
		return atLeast(12)
	}
	return atLeast(30)
}

// proseLine is isProseLine of line i (0-based), asked once a line.
func (d *Doc) proseLine(i int) bool {
	l := &d.lines[i]
	if l.prose == proseUnknown {
		l.prose = proseNo
		if isProseLine(d.Src.Text[l.start:l.end]) {
			l.prose = proseYes
		}
	}
	return l.prose == proseYes
}

// hasCellMark: a tab or a pipe, the marks of a line split into cells.
func hasCellMark(s string) bool {
	return strings.IndexByte(s, '\t') >= 0 || strings.IndexByte(s, '|') >= 0
}

// has reports whether text holds key, ignoring spaces inside text
// (pdftotext puts them between characters), without allocating when the
// key is there as written.
func has(text, key string) bool { return normalize.ContainsLoose(text, key) }

// key is a search key of the table anchors with the set of its Chinese
// characters (runeMask): a line whose own set lacks one of them cannot
// hold the key, even loosely (a Chinese character folds to itself only),
// and is passed over without a search.
type key struct {
	s string
	m uint64
}

func keys(ss ...string) []key {
	out := make([]key, len(ss))
	for i, s := range ss {
		var b []byte
		for _, r := range s {
			if isCJK(r) {
				b = utf8.AppendRune(b, r)
			}
		}
		out[i] = key{s, runeMask(b)}
	}
	return out
}

// The keys that anchor the tables (findTables); never changed.
var (
	keysT2Start = keys("第二十条第", "本年制发件数", "本年新制作数量")
	keysT2Next  = keys("信息内容", "规章", "规范性文件", "行政许可", "行政处罚", "本年制发", "处理决定")
	keysT3Start = keys("勾稽关系", "申请人情况", "本年新收政府信息公开申请")
	keysT3Next  = keys("本年新收", "自然人", "上年结转", "予以公开")
	keysT4Head  = keys("复议后起诉", "结果维持", "未经复议")
	keysNewT3   = keys("本年新收")
)

// hasAny: text (whose runeMask is m) holds one of keys, as has does.
func hasAny(text string, m uint64, keys []key) bool {
	for _, k := range keys {
		if k.m&^m == 0 && has(text, k.s) {
			return true
		}
	}
	return false
}

// lineMask is the runeMask of the Chinese characters of text (U+4000–
// 9FFF, three bytes each: the only ones the anchor keys are tested by).
func lineMask(text string) uint64 {
	var m uint64
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xE4 && c <= 0xE9 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
			r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			m |= 1 << (uint32(r) * 0x9E3779B1 >> 26)
			i += 3
		default:
			i++ // another character: its bytes are none of the above
		}
	}
	return m
}

// isCJKAt: text[i:] starts with a well-formed Chinese character
// (U+4E00–9FFF, three bytes).
func isCJKAt(text string, i int) bool {
	if i+2 >= len(text) {
		return false
	}
	c := text[i]
	if c < 0xE4 || c > 0xE9 || text[i+1]&0xC0 != 0x80 || text[i+2]&0xC0 != 0x80 {
		return false
	}
	return c > 0xE4 || text[i+1] >= 0xB8 // U+4E00 is E4 B8 80
}

func (d *Doc) findTables(official []Heading) {
	// Line numbers where 表二, 表三 and 表四 start; 0 while not found.
	var aT2, aT3, aT4 int
	isT4Head := func(text string, m uint64) bool {
		if !strings.Contains(text, "复") && !strings.Contains(text, "维") {
			return false
		}
		t := normalize.TrimSpace(strings.TrimLeft(normalize.TrimSpace(text), "|#"))
		return strings.HasPrefix(t, "行政复议") || hasAny(text, m, keysT4Head)
	}
	// followedBy: one of the keys appears on this line or the next few,
	// so that a stray mention ("对照《条例》第二十条") does not start a table.
	followedBy := func(i int, keys []key) bool {
		for j := i; j < len(d.lines) && j < i+14; j++ {
			t := d.Src.Text[d.lines[j].start:d.lines[j].end]
			if hasAny(t, lineMask(t), keys) {
				return true
			}
		}
		return false
	}
	for i, l := range d.lines {
		d.tick()
		if aT2 > 0 && aT3 > 0 && aT4 > 0 {
			break
		}
		text := d.Src.Text[l.start:l.end]
		if d.heads[i] != nil || l.ts == l.te || d.proseLine(i) {
			continue
		}
		var m uint64
		if aT2 == 0 || aT3 == 0 {
			m = lineMask(text)
		}
		line := i + 1
		// 表二 starts at a block caption ("第二十条第（一）项") or its column
		// heads; "第二十条" alone is a mention in prose ("对照《条例》第二十条,
		// 机关职能…" wrapped by a PDF).
		if aT2 == 0 && hasAny(text, m, keysT2Start) && followedBy(i, keysT2Next) {
			aT2 = line
		}
		if aT3 == 0 && hasAny(text, m, keysT3Start) && followedBy(i, keysT3Next) {
			aT3 = line
		}
		if aT3 > 0 && line > aT3 {
			// (Contains of the character as a string: ContainsRune
			// would encode the rune on every line.)
			if aT4 == 0 && (strings.Contains(text, "复") || strings.Contains(text, "维")) {
				if m == 0 {
					m = lineMask(text)
				}
				if !hasAny(text, m, keysNewT3) && isT4Head(text, m) {
					aT4 = line
				}
			}
		}
	}
	if aT3 == 0 {
		for i, l := range d.lines {
			text := d.Src.Text[l.start:l.end]
			if d.heads[i] == nil && !d.proseLine(i) && isT4Head(text, lineMask(text)) {
				aT4 = i + 1
				break
			}
		}
	}
	ends := []int{len(d.lines) + 1}
	for _, h := range official {
		ends = append(ends, h.Line)
	}
	anchors := [3]struct {
		id   string
		line int
	}{{"active", aT2}, {"applications", aT3}, {"review", aT4}}
	for _, a := range anchors {
		if a.line > 0 {
			ends = append(ends, a.line)
		}
	}
	for _, an := range anchors {
		id, a := an.id, an.line
		if a == 0 {
			continue
		}
		end := len(d.lines) + 1
		for _, e := range ends {
			if e > a && e < end {
				end = e
			}
		}
		// Running text after the table ends it too, and so does a
		// sub-heading "（一）…" after 表二 or 表四 (表三's rows look like
		// sub-headings, so not there).
		for ln := a + 1; ln < end; ln++ {
			l := d.lines[ln-1]
			if d.proseLine(ln - 1) {
				end = ln
				break
			}
			if id != "applications" && !hasCellMark(d.Src.Text[l.start:l.end]) {
				if _, ok := subHeadingOf(d.Src.Text[l.ts:l.te]); ok {
					end = ln
					break
				}
			}
		}
		d.regions = append(d.regions, region{id, a, end})
	}
}

// regionTokens tokenizes the lines of table region r into arena, appending
// one LineToks per line that has tokens to lts; each LineToks' Toks is a
// slice of the returned arena.
func (d *Doc) regionTokens(r region, lts []LineToks, arena []Tok) ([]LineToks, []Tok) {
	for ln := r.start; ln < r.end; ln++ {
		l := d.lines[ln-1]
		end := l.end
		if end-l.start > maxTableLine {
			// No table line is this long; the rest of it cannot change
			// the reading (the row is too long to read either way) and
			// would only cost memory.
			end = l.start + maxTableLine
			for end > l.start && !utf8.RuneStart(d.Src.Text[end]) {
				end--
			}
		}
		var lt LineToks
		first := len(arena)
		arena, lt = tokenizeLine(d.Src.Text[l.start:end], l.start, ln, arena)
		if d.markdown {
			// A converter's Markdown table: it drew the cells, not the
			// report's writer.
			for k := first; k < len(arena); k++ {
				if arena[k].Delim == DelimPipes {
					arena[k].Delim = DelimMarkdown
				}
			}
		}
		if lt.n > 0 {
			lts = append(lts, lt)
		}
	}
	for i := range lts {
		lts[i].Toks = arena[lts[i].first : lts[i].first+lts[i].n]
	}
	return lts, arena
}

// maxTableLine is the most of one line the table reader tokenizes (a
// real table row is under 1 KB even with its cells fused).
const maxTableLine = 64 << 10

func (d *Doc) readTables(year int) {
	// The working memory of the table reader serves all three tables:
	// nothing of it is kept in a Table (cells and labels are copied out).
	most, span := 0, 0
	for _, r := range d.regions {
		most = max(most, r.end-r.start)
		if r.end > r.start {
			span = max(span, d.lines[r.end-2].end-d.lines[r.start-1].start)
		}
	}
	sc := &scratch{}
	lts := make([]LineToks, 0, most)
	arena := make([]Tok, 0, 2*most+16)
	// The labels' folds of any region fit in as many bytes as its text
	// (a fold is never longer, but for broken bytes).
	sc.folds.b = make([]byte, 0, span)
	sc.folds.at = make([]int32, 0, cap(arena)+1)
	for _, r := range d.regions {
		lts, arena = d.regionTokens(r, lts[:0], arena[:0])
		l := d.lines[r.start-1]
		start := source.Span{Start: l.start, End: l.end}
		t := readTable(r.table, lts, arena, start, year, d.Src, sc)
		switch r.table {
		case "active":
			d.T2 = t
		case "applications":
			d.T3 = t
		case "review":
			d.T4 = t
		}
		d.TableSection[r.table] = 0
		d.TableHeading[r.table] = -1
		for i, h := range d.Headings {
			if h.Line <= r.start {
				d.TableSection[r.table] = h.Section
				d.TableHeading[r.table] = i
			}
		}
	}
}

// findTitle joins the short lines before the first heading that hold the
// title "…YYYY年（度）政府信息公开工作年度报告", and reads the year and the
// agency from it.
func (d *Doc) findTitle() {
	limit := len(d.lines)
	if len(d.Headings) > 0 {
		limit = d.Headings[0].Line - 1
	}
	if limit > 12 {
		limit = 12
	}
	var parts []string
	var spans []source.Span
	for i := 0; i < limit; i++ {
		l := d.lines[i]
		text := normalize.TrimSpace(d.Src.Text[l.start:l.end])
		fold := normalize.Label(text)
		if fold == "" {
			continue
		}
		if utf8.RuneCountInString(fold) > 36 || strings.Contains(fold, "。") {
			if len(parts) > 0 {
				break
			}
			continue
		}
		if fold == "正文" || fold == "目录" {
			continue
		}
		parts = append(parts, fold)
		spans = append(spans, source.Span{Start: l.start + strings.Index(d.Src.Text[l.start:l.end], text), End: l.start + len(strings.TrimRightFunc(d.Src.Text[l.start:l.end], normalize.IsSpace))})
		if strings.Contains(strings.Join(parts, ""), "年度报告") {
			break
		}
	}
	joined := chineseYear(strings.Join(parts, ""))
	i := strings.Index(joined, "政府信息公开")
	if i < 0 || !strings.Contains(joined, "报告") {
		return
	}
	d.Title = joined
	d.TitleSpan = source.Span{Start: spans[0].Start, End: spans[len(spans)-1].End}
	// Year: the last "YYYY年" before 政府信息公开.
	head := joined[:i]
	yi := -1
	for k := 0; k+4 <= len(head); k++ {
		if isYear(head[k:]) {
			yi = k
		}
	}
	if yi >= 0 {
		d.TitleYear = atoi(head[yi : yi+4])
		before := head[:yi]
		after := strings.TrimPrefix(strings.TrimPrefix(head[yi+4:], "年"), "度")
		switch {
		case looksAgency(before):
			d.Agency = before
		case after != "":
			d.Agency = after
		case before != "":
			d.Agency = before
		}
	} else if head != "" {
		d.Agency = head
	}
}

func isYear(s string) bool {
	if len(s) < 4+len("年") {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	y := atoi(s[:4])
	return y >= 2000 && y <= 2100 && strings.HasPrefix(s[4:], "年")
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			break
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// looksAgency: a name that ends like the name of a Chinese public body.
func looksAgency(s string) bool {
	if utf8.RuneCountInString(s) < 2 {
		return false
	}
	for _, suf := range []string{"政府", "局", "委", "委员会", "办", "办公室", "办公厅", "中心", "厅", "室", "院", "会", "部", "署", "站", "所", "处", "馆", "队", "区", "县", "市", "镇", "乡", "街道", "办事处", "公司", "集团", "管委会", "园区", "校", "总署", "银行"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// buildParts splits the report at its top-level headings and joins the
// prose of each part (table lines and page footers left out).
func (d *Doc) buildParts() {
	bounds := make([]int, 1, len(d.Headings)+2)
	bounds[0] = 1
	d.Parts = make([]Part, 0, len(d.Headings)+1)
	for _, h := range d.Headings {
		bounds = append(bounds, h.Line)
	}
	bounds = append(bounds, len(d.lines)+1)
	// All parts' text is written to one builder (the prose is at most the
	// report's text, and a newline a sub-heading), their maps to one
	// slice; spans: per part, where its text and map start and end.
	var b strings.Builder
	b.Grow(len(d.Src.Text) + 64)
	where := make([]textAt, 0, 64)
	spans := make([][4]int, 0, len(bounds))
	for pi := 0; pi+1 < len(bounds); pi++ {
		from, to := bounds[pi], bounds[pi+1]
		hi := pi - 1
		p := Part{Heading: hi, Lines: [2]int{from, to}}
		if hi >= 0 {
			p.Section = d.Headings[hi].Section
			from++ // skip the heading line itself
		} else if to == from {
			continue
		}
		// The part's text starts at base in b, its map at w0 in where.
		base, w0 := b.Len(), len(where)
		// note: the next byte of the text comes from the input at s.
		note := func(s int) {
			if k := len(where); k > w0 && int(where[k-1].s)+b.Len()-base-int(where[k-1].t) == s {
				return // a plain copy goes on
			}
			where = append(where, textAt{int32(b.Len() - base), int32(s)})
		}
		for ln := from; ln < to; ln++ {
			d.tick()
			if d.InTable(ln) != "" {
				continue
			}
			l := d.lines[ln-1]
			// The line without the white space around it: the spaces would
			// be dropped below anyway.
			text := d.Src.Text[l.ts:l.te]
			if normalize.IsFooterTrimmed(text) {
				continue
			}
			if sh, ok := subHeadingOf(text); ok && (!l.virtual || d.oneLine) && len(d.Subs) < maxSubs {
				sh.Line = ln
				sh.Heading = hi
				sh.Span = source.Span{Start: int(l.ts), End: l.end}
				d.Subs = append(d.Subs, sh)
				// A sub-heading starts a new sentence.
				if b.Len() > base {
					note(l.start)
					b.WriteByte('\n')
				}
			}
			for i := 0; i < len(text); {
				if isCJKAt(text, i) {
					// Chinese characters (most of the text) fold to
					// themselves: a run of them is copied at once.
					j := i + 3
					for isCJKAt(text, j) {
						j += 3
					}
					note(int(l.ts) + i)
					b.WriteString(text[i:j])
					i = j
					continue
				}
				if c := text[i]; c > ' ' && c < utf8.RuneSelf && c != '"' && c != '\'' {
					// ASCII that folds to itself (not a space, not a
					// quote): a run of it is copied at once too.
					j := i + 1
					for j < len(text) && text[j] > ' ' && text[j] < utf8.RuneSelf && text[j] != '"' && text[j] != '\'' {
						j++
					}
					note(int(l.ts) + i)
					b.WriteString(text[i:j])
					i = j
					continue
				}
				r, size := normalize.DecodeRune(text[i:])
				at := int(l.ts) + i
				i += size
				r = normalize.Rune(r)
				if r < 0 || normalize.IsSpace(r) {
					continue
				}
				note(at)
				if r < utf8.RuneSelf && r == rune(text[i-size]) {
					b.WriteByte(byte(r)) // ASCII as written
					continue
				}
				b.WriteRune(r)
				// A folded character: what follows starts a new entry.
				where = append(where, textAt{int32(b.Len() - base), l.ts + int32(i)})
			}
		}
		d.Parts = append(d.Parts, p)
		spans = append(spans, [4]int{base, b.Len(), w0, len(where)})
	}
	// The parts' texts and maps are slices of one string and one array:
	// two allocations for the whole report rather than a few a part.
	text := b.String()
	for i, sp := range spans {
		d.Parts[i].Prose = Prose{Text: text[sp[0]:sp[1]], where: where[sp[2]:sp[3]:sp[3]]}
	}
}

// bracketHeadingOf recognises "（二）主动公开政府信息情况": an official title,
// alone on its line, numbered like a sub-item.
func bracketHeadingOf(text string) (Heading, bool) {
	sh, ok := subHeadingOf(text)
	if !ok {
		return Heading{}, false
	}
	t := normalize.TrimSpace(text)
	close := strings.IndexAny(t, "）)")
	_, size := utf8.DecodeRuneInString(t[close:])
	title := normalize.TrimSpace(t[close+size:])
	fold := strings.TrimRight(normalize.Label(title), "。.:")
	for i, folds := range sectionFolds {
		for _, f := range folds {
			if fold == f {
				return Heading{Numeral: "（" + format.Numerals[sh.N-1] + "）", Title: title, Section: format.Sections[i].N}, true
			}
		}
	}
	return Heading{}, false
}

// sectionFolds are the official section titles and their variants, folded
// (normalize.Label), by section; computed once, never changed.
var sectionFolds = func() [][]string {
	out := make([][]string, len(format.Sections))
	for i, sec := range format.Sections {
		out[i] = append(out[i], normalize.Label(sec.Title))
		for _, v := range sec.Variants {
			out[i] = append(out[i], normalize.Label(v))
		}
	}
	return out
}()

// subHeadingOf recognises "（一）", "(一)" at the start of a line.
func subHeadingOf(text string) (SubHeading, bool) {
	t := normalize.TrimSpace(text)
	var open string
	switch {
	case strings.HasPrefix(t, "（"):
		open = "（"
	case strings.HasPrefix(t, "("):
		open = "("
	default:
		return SubHeading{}, false
	}
	rest := t[len(open):]
	// Only the first 12 bytes can hold a close within 9 bytes.
	j := strings.IndexAny(rest[:min(len(rest), 12)], "）)")
	if j <= 0 || j > 9 {
		return SubHeading{}, false
	}
	n := format.NumeralValue(normalize.TrimSpace(rest[:j]))
	if n == 0 {
		return SubHeading{}, false
	}
	return SubHeading{N: n, Text: t}, true
}

// chineseYear writes a year in Chinese numerals ("二〇二四年") with digits.
func chineseYear(s string) string {
	const digits = "〇一二三四五六七八九"
	if !strings.ContainsAny(s, "〇零") {
		return s
	}
	rs := []rune(s)
	for i := 0; i+4 < len(rs); i++ {
		if rs[i+4] != '年' {
			continue
		}
		var y []rune
		for _, r := range rs[i : i+4] {
			if r == '零' {
				r = '〇'
			}
			k := strings.IndexRune(digits, r)
			if k < 0 {
				y = nil
				break
			}
			y = append(y, rune('0'+utf8.RuneCountInString(digits[:k])))
		}
		if y != nil {
			copy(rs[i:i+4], y)
		}
	}
	return string(rs)
}
