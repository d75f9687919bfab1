// Package rules holds every check of the annual report, one value per rule
// in the spirit of golang.org/x/tools/go/analysis: an ID, a name, a
// severity, a one-line doc, its legal basis and a Run function that
// reports through the Pass. The ids are those of format-spec.md §6 and are
// never reused: grep for "A02" and you find the rule, its tests and its
// ledger line.
package rules

import (
	"fmt"
	"regexp"
	"sort"

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
	Name     string   // "t3-row-total": kebab-case
	Severity Severity // the usual severity; a finding may state its own where the spec says so
	Doc      string   // one line, Chinese: what is checked
	Basis    string   // the document, table or article the rule rests on
	Run      func(*Pass)
}

// Finding is one problem, with its place in the input.
type Finding struct {
	Rule     *Rule
	Severity Severity
	Span     source.Span
	Message  string
	Table    string
	Row      string
	Column   string
	Expected string
	Actual   string
	Fix      string
	Basis    string // overrides Rule.Basis when set
	order    int
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

	evals       []evaluation // the 勾稽 identities and their values, built once for all A rules
	evalsDone   bool
	runeIndexes map[*parse.Prose]*runeIndex // keyword start positions per prose (text rules)
}

// evaluations of the report's identities, built on first use and shared
// by the A rules.
func (p *Pass) evaluations() []evaluation {
	if !p.Facts.evalsDone {
		for _, id := range identities(p.Doc) {
			p.Facts.evals = append(p.Facts.evals, evaluate(id))
		}
		p.Facts.evalsDone = true
	}
	return p.Facts.evals
}

// Pass carries one report to one rule.
type Pass struct {
	Doc   *parse.Doc
	Facts *Facts
	rule  *Rule
	out   *[]Finding
}

// Report records a finding of the running rule at the rule's severity.
func (p *Pass) Report(f Finding) {
	f.Rule = p.rule
	f.Severity = p.rule.Severity
	*p.out = append(*p.out, f)
}

// ReportAs records a finding with its own severity (rules whose spec gives
// two severities, such as T02: error for a missing row, warning for a
// label that differs).
func (p *Pass) ReportAs(sev Severity, f Finding) {
	f.Rule = p.rule
	f.Severity = sev
	*p.out = append(*p.out, f)
}

var idPattern = regexp.MustCompile(`^[DSTAXCP][0-9]{2}$`)
var namePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks a rule set: ids and names well formed and unique, doc,
// basis and run present.
func Validate(rules []*Rule) error {
	ids, names := map[string]bool{}, map[string]bool{}
	for _, r := range rules {
		switch {
		case !idPattern.MatchString(r.ID):
			return fmt.Errorf("rule %q: id must match %s", r.ID, idPattern)
		case !namePattern.MatchString(r.Name):
			return fmt.Errorf("rule %s: name %q is not kebab-case", r.ID, r.Name)
		case ids[r.ID]:
			return fmt.Errorf("rule %s: duplicate id", r.ID)
		case names[r.Name]:
			return fmt.Errorf("rule %s: duplicate name %q", r.ID, r.Name)
		case r.Doc == "" || r.Basis == "":
			return fmt.Errorf("rule %s: doc and basis are required", r.ID)
		case r.Run == nil:
			return fmt.Errorf("rule %s: no Run", r.ID)
		}
		ids[r.ID], names[r.Name] = true, true
	}
	return nil
}

// Run checks a parsed report with every rule and returns the findings in
// input order (findings with no place last, in rule order), and the facts.
func Run(doc, prev *parse.Doc) ([]Finding, *Facts) {
	facts := analyze(doc)
	facts.Prev = prev
	var out []Finding
	for _, r := range All {
		// Before 2019 there was no national table format: only the format
		// and date rules and the text rules apply (format-spec §6 scope).
		if facts.Year > 0 && facts.Year <= 2018 && r.ID[0] != 'D' && r.ID[0] != 'X' {
			continue
		}
		start := len(out)
		p := &Pass{Doc: doc, Facts: facts, rule: r, out: &out}
		r.Run(p)
		for i := start; i < len(out); i++ {
			out[i].order = i
			// 2019 reports: the format was encouraged, not mandatory
			// (60号); structure and table errors become warnings.
			if facts.Year == 2019 && out[i].Severity == Error && (r.ID[0] == 'S' || r.ID[0] == 'T') {
				out[i].Severity = Warning
			}
		}
	}
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
	return out, facts
}
