// Package rules holds every check of the annual report, one value per rule
// in the spirit of golang.org/x/tools/go/analysis: an ID, a name, a
// severity, a one-line doc, its legal basis and a Run function that
// reports through the Pass. The ids are those of format-spec.md §6 and are
// never reused: grep for "A02" and you find the rule, its tests and its
// ledger line.
package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/core/format"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/source"
)

// Severity of a finding.
type Severity uint8

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "error":
		return Error, true
	case "warning":
		return Warning, true
	case "info":
		return Info, true
	}
	return Info, false
}

// Rule is one check.
type Rule struct {
	ID       string   // "A02": group letter and two digits, never reused
	Name     string   // "t3-row-total": kebab-case, stable (the JSON's "name")
	Title    string   // "表三行合计": a short Chinese name for people (ledger, page, workbook), 4–12 characters, unique
	Severity Severity // the usual severity; a finding may state its own where the spec says so
	// Levels says, in Chinese, when a finding of the rule has another
	// severity than the usual one ("未写明统计期限：提示"); empty when it
	// never has. The 2019 lowering and the pre-2019 scope apply to whole
	// groups and are said by Lowered2019 and Before2019.
	Levels string
	Doc    string // one line, Chinese: what is checked
	Basis  string // the document, table or article the rule rests on
	Run    func(*Pass)
}

// Before2019 says whether a rule runs on a report of 2018 or before,
// when there was no national table format: only the format and date
// rules (D) and the text rules (X) do.
func Before2019(r *Rule) bool { return r.ID[0] == 'D' || r.ID[0] == 'X' }

// Lowered2019 says whether the errors of a rule are lowered to warnings
// in a 2019 report: the format was then encouraged, not mandatory
// (国办公开办函〔2019〕60号 “鼓励按照统一格式发布”), so structure (S) and
// table (T) errors are warnings.
func Lowered2019(r *Rule) bool { return r.ID[0] == 'S' || r.ID[0] == 'T' }

// Kind says who must act on a finding: the unit that wrote the report
// (KindReport: the report is wrong) or the person checking it (KindReading:
// the checker could not read part of it for certain — open the original
// .docx, paste from Word, look at the page). A reading doubt is never an
// error: an error is a statement that the unit's report is wrong, and a
// cell we could not place is our doubt, not their error. It never enters a
// unit's 整改清单 nor counts toward its verdict.
type Kind uint8

const (
	KindReport Kind = iota
	KindReading
)

func (k Kind) String() string {
	if k == KindReading {
		return "reading"
	}
	return "report"
}

// Finding is one problem, with its place in the input.
type Finding struct {
	Rule     *Rule
	Severity Severity
	Kind     Kind
	Span     source.Span
	Message  string
	Table    string
	Row      string
	Column   string
	Expected string
	Actual   string
	Fix      string
	Basis    string // overrides Rule.Basis when set
	// Count is the number of like problems the finding stands for when it
	// folds many (see fold); 0 for one.
	Count int
	// ExplainedBy is 1 + the index in the findings Run returns of the
	// finding that explains this one (A04: one wrong cell that makes this
	// identity fail); 0 when none does. One cause, one message: the page
	// and the text output show the explained findings under their cause,
	// and their Fix is the cause's, never a contradicting one.
	ExplainedBy int
	order       int
	// identity names the 勾稽 identity a broken-identity finding reports
	// (A01–A03, A05–A08); explains lists the identities a cause accounts
	// for. Both only link findings within one Run.
	identity string
	explains []string
	// fixExplained is the fix the findings a cause explains are given
	// (see linkCauses); "" for the cause's own Fix.
	fixExplained string
}

// Facts are what the engine works out about a report before the rules run.
type Facts struct {
	Year       int    // report year, 0 when unknown
	YearSource string // "title", "period", "text" or ""
	YearSpan   source.Span
	Format     format.Version
	Agency     string
	Issuer     Issuer
	Period     *Period
	Signed     *Date
	Prev       *parse.Doc // last year's report of the same unit, if given
	PrevFacts  *Facts     // what the engine works out about Prev (its year, unit, format)

	// Omitted is the number of findings not listed one by one: folded
	// into a finding that counts them, or beyond maxFindings.
	Omitted int
	// NotReport: the text does not look like an annual report at all
	// (LooksLikeReport); only S13 ran on it.
	NotReport bool

	// crossSkip says why Prev cannot be compared with this report (not
	// the year before, another unit); "" when it can (C01–C05, P02).
	crossSkip string

	evals       []evaluation // the 勾稽 identities and their values, built once for all A rules
	evalsDone   bool
	numbers     *numbering                  // how the top-level headings are numbered, built once for the S rules
	runeIndexes map[*parse.Prose]*runeIndex // keyword start positions per prose (text rules)
}

// evaluations of the report's identities, built on first use and shared
// by the A rules.
func (p *Pass) evaluations() []evaluation {
	if !p.Facts.evalsDone {
		p.Facts.evals = appendEvaluations(nil, p.Doc)
		p.Facts.evalsDone = true
	}
	return p.Facts.evals
}

// Pass carries one report to one rule.
type Pass struct {
	Doc   *parse.Doc
	Facts *Facts
	rule  *Rule
	run   *runState
}

// Report records a finding of the running rule at the rule's severity.
func (p *Pass) Report(f Finding) { p.ReportAs(p.rule.Severity, f) }

// ReportAs records a finding with its own severity (rules whose spec gives
// two severities, such as T02: error for a missing row, warning for a
// label that differs).
func (p *Pass) ReportAs(sev Severity, f Finding) {
	f.Rule = p.rule
	f.Severity = sev
	p.run.add(f)
}

// Bounds on what a report can produce. A reader needs every distinct
// problem, not the same one a million times: a text of 550,000 repeated
// headings is one problem. The findings of one rule at one severity on one
// table (or outside the tables) are listed one by one up to perGroup; the
// rest become one finding that counts them and names the first places
// ("另有 N 处同类问题"). A report lists at most maxFindings, errors first.
// Memory stays proportional to the input: folded findings are counted, not
// kept.
const (
	perGroup    = 30
	foldPlaces  = 5
	maxFindings = 400
)

type groupKey struct {
	rule  *Rule
	sev   Severity
	kind  Kind
	table string
}

// fold is what is kept of the findings of a group beyond perGroup.
type fold struct {
	key    groupKey
	n      int
	first  Finding
	places []source.Span
}

type runState struct {
	step   func(n int) // RunSteps's step, for tick
	ticks  int
	out    []Finding
	counts map[groupKey]int
	folds  map[groupKey]*fold
	order  []*fold
}

// tickEvery is how many keyword searches (eachIn) the rules make between
// two ticks.
const tickEvery = 256

// tick is called by the rules' inner loops (each keyword searched in a
// prose): every tickEvery calls it tells step of no new steps (step(0)),
// so that a caller that gives the thread back between steps (the page)
// can do so inside one rule's pass over a long text too. The steps
// counted stay one pass a rule.
func (st *runState) tick() {
	st.ticks++
	if st.ticks%tickEvery == 0 && st.step != nil {
		st.step(0)
	}
}

func (st *runState) add(f Finding) {
	// Text quoted from the report is clipped: a message quotes a row or a
	// label, never a megabyte of it.
	f.Message = clipLong(f.Message, 600)
	f.Expected, f.Actual = clipLong(f.Expected, 200), clipLong(f.Actual, 200)
	if f.Kind == KindReading && f.Severity == Error {
		f.Severity = Warning // a doubt of the reader is never the unit's error
	}
	k := groupKey{f.Rule, f.Severity, f.Kind, f.Table}
	n := st.counts[k]
	st.counts[k] = n + 1
	if n < perGroup {
		st.out = append(st.out, f)
		return
	}
	fd := st.folds[k]
	if fd == nil {
		fd = &fold{key: k, first: f}
		st.folds[k] = fd
		st.order = append(st.order, fd)
	}
	fd.n++
	if len(fd.places) < foldPlaces && f.Span.Valid() {
		fd.places = append(fd.places, f.Span)
	}
}

// finding is the one finding that stands for a fold.
func (fd *fold) finding(src *source.Source) Finding {
	var lines []string
	for _, sp := range fd.places {
		l, _ := src.Position(sp.Start)
		lines = append(lines, strconv.Itoa(l))
	}
	where := ""
	if len(lines) > 0 {
		where = "，如第 " + strings.Join(lines, "、") + " 行"
		if fd.n > len(lines) {
			where += "等"
		}
	}
	return Finding{
		Rule: fd.key.rule, Severity: fd.key.sev, Kind: fd.key.kind, Table: fd.key.table, Span: fd.first.Span,
		Message: fmt.Sprintf("另有 %d 处同类问题未逐一列出（%s %s）%s。首处：%s", fd.n, fd.key.rule.ID, fd.key.rule.Name, where, fd.first.Message),
		Fix:     fd.first.Fix, Basis: fd.first.Basis, Count: fd.n,
	}
}

// validID: a rule id is a family letter and two digits ("T05"). Checked
// by hand rather than by regexp: regexp would be the only user of the
// package in the Worker and the page, and costs 100 KB of their bundle.
func validID(id string) bool {
	return len(id) == 3 && strings.IndexByte("DSTAXCP", id[0]) >= 0 &&
		'0' <= id[1] && id[1] <= '9' && '0' <= id[2] && id[2] <= '9'
}

// validName: a rule name is kebab-case: words of a-z and 0-9 joined by
// single hyphens ("blank-not-zero").
func validName(name string) bool {
	if name == "" || name[0] == '-' || name[len(name)-1] == '-' || strings.Contains(name, "--") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Validate checks a rule set: ids, names and titles well formed and
// unique, doc, basis and run present.
func Validate(rules []*Rule) error {
	ids, names, titles := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range rules {
		n := utf8.RuneCountInString(r.Title)
		switch {
		case !validID(r.ID):
			return fmt.Errorf("rule %q: id must be one of D S T A X C P and two digits", r.ID)
		case !validName(r.Name):
			return fmt.Errorf("rule %s: name %q is not kebab-case", r.ID, r.Name)
		case ids[r.ID]:
			return fmt.Errorf("rule %s: duplicate id", r.ID)
		case names[r.Name]:
			return fmt.Errorf("rule %s: duplicate name %q", r.ID, r.Name)
		case n < 4 || n > 12 || strings.ContainsAny(r.Title, " |\n"):
			// A title is a short name in a table cell, a workbook column
			// and the page's rule list: 4–12 characters, no spaces or bars.
			return fmt.Errorf("rule %s: title %q must be 4–12 characters without spaces", r.ID, r.Title)
		case titles[r.Title]:
			return fmt.Errorf("rule %s: duplicate title %q", r.ID, r.Title)
		case r.Doc == "" || r.Basis == "":
			return fmt.Errorf("rule %s: doc and basis are required", r.ID)
		case strings.Contains(r.Doc+r.Basis+r.Levels, ".md"):
			// Users have the rules, not the project's notes: a basis is a
			// document they can look up.
			return fmt.Errorf("rule %s: doc, basis or levels cite a project file", r.ID)
		case r.Run == nil:
			return fmt.Errorf("rule %s: no Run", r.ID)
		}
		ids[r.ID], names[r.Name], titles[r.Title] = true, true, true
	}
	return nil
}

// Run checks a parsed report with every rule and returns the findings in
// input order (findings with no place last, in rule order), and the facts.
func Run(doc, prev *parse.Doc) ([]Finding, *Facts) {
	return RunSteps(doc, prev, nil)
}

// MinPasses is the least number of passes RunSteps counts: the facts and
// the rules that run for any year (those of Before2019).
func MinPasses() int {
	n := 1
	for _, r := range All {
		if Before2019(r) {
			n++
		}
	}
	return n
}

// RunSteps runs the rules as Run does and tells step, when not nil, of
// its work as it goes: after the facts are gathered and after each rule,
// one pass over the report (parse.Doc.PassSteps, and the previous
// report's when there is one). step may stop the run by panicking (see parse.ParseSteps).
func RunSteps(doc, prev *parse.Doc, step func(n int)) ([]Finding, *Facts) {
	if step == nil {
		step = func(int) {}
	}
	n := doc.PassSteps()
	if prev != nil {
		n += prev.PassSteps()
	}
	facts := analyze(doc)
	if prev != nil {
		facts.Prev, facts.PrevFacts = prev, analyze(prev)
		facts.crossSkip = crossSkip(facts, facts.PrevFacts)
	}
	step(n)
	st := &runState{counts: map[groupKey]int{}, folds: map[groupKey]*fold{}, step: step}
	if !LooksLikeReport(doc) {
		// Not a report: say so once, and nothing else. The year, unit
		// and format a README or a budget seems to have are not a
		// report's.
		*facts = Facts{Format: format.VUnknown, NotReport: true}
		S13.Run(&Pass{Doc: doc, Facts: facts, rule: S13, run: st})
		return st.out, facts
	}
	passes := make([]Pass, len(All)) // one allocation, not one per rule
	for i, r := range All {
		// Before 2019 there was no national table format (format-spec §6 scope).
		if facts.Year > 0 && facts.Year <= 2018 && !Before2019(r) {
			continue
		}
		p := &passes[i]
		*p = Pass{Doc: doc, Facts: facts, rule: r, run: st}
		r.Run(p)
		step(n)
	}
	for _, fd := range st.order {
		st.out = append(st.out, fd.finding(doc.Src))
	}
	out := st.out
	for i := range out {
		out[i].order = i
		if facts.Year == 2019 && out[i].Severity == Error && Lowered2019(out[i].Rule) {
			out[i].Severity = Warning
		}
	}
	out, facts.Omitted = capFindings(out)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		av, bv := a.Span.Valid(), b.Span.Valid()
		if av != bv {
			return av
		}
		if av && a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.order < b.order
	})
	linkCauses(out)
	return out, facts
}

// linkCauses points each finding a cause explains at that cause, and gives
// it the cause's fix: a clerk must never read "将（七）总计改为 0" under an
// error whose real cause is another cell.
func linkCauses(out []Finding) {
	at := map[string]int{}
	for i, f := range out {
		if f.identity != "" {
			at[f.identity] = i
		}
	}
	for i, f := range out {
		for _, key := range f.explains {
			j, ok := at[key]
			if !ok || j == i {
				continue
			}
			out[j].ExplainedBy = i + 1
			out[j].Fix = f.Fix
			if f.fixExplained != "" {
				out[j].Fix = f.fixExplained
			}
		}
	}
}

// capFindings keeps at most maxFindings, errors first, then warnings, then
// notes, each in rule order. It returns the findings kept and how many are
// not listed one by one (folded into a count, or left out): the result
// says so (Report.Omitted), and the text and page show it.
func capFindings(out []Finding) ([]Finding, int) {
	omitted := 0
	for _, f := range out {
		if f.Count > 0 {
			omitted += f.Count - 1
		}
	}
	if len(out) <= maxFindings {
		return out, omitted
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity > out[j].Severity })
	for _, f := range out[maxFindings:] {
		omitted += max(f.Count, 1)
	}
	return out[:maxFindings], omitted
}

// clipLong shortens s to at most n characters, saying how long it was.
func clipLong(s string, n int) string {
	if len(s) <= n {
		return s // fewer bytes than n: fewer characters too
	}
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + fmt.Sprintf("…（共 %d 字）", utf8.RuneCountInString(s))
		}
		count++
	}
	return s
}
