// Package core is the nianbao checker: it reads one 政府信息公开工作年度报告
// as text and returns every problem it finds, with its place, rule and fix.
//
// Data flows one way: source (the text and its line table) → parse
// (sections, tables and cells located and extracted, with positions) →
// rules (each rule a value, run over the parsed report) → Report (the JSON
// contract of check-json.md). The package does no I/O and keeps no global
// state, so the command line, the page (WebAssembly) and the Worker call
// the same Check and print the same findings.
package core

import (
	"fmt"

	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/rules"
	"github.com/nianbao/nianbao/core/similar"
	"github.com/nianbao/nianbao/core/source"
)

// Version is the checker's version, printed in every result.
const Version = "0.1.0"

// Options change what a check reports. The zero value reports everything.
type Options struct {
	// MinSeverity drops findings below it: "error", "warning" or "info"
	// (or "" for all).
	MinSeverity string
	// Previous is last year's report of the same unit (UTF-8 text), for
	// the year-on-year rules; empty when not given.
	Previous string
	// Env is what reading files needs from the platform (HTML parsing,
	// legacy encodings, PDF); see package input.
	Env input.Env
	// Kind is the kind of input declared by the caller (a Content-Type),
	// "" to tell it from the name and the bytes.
	Kind input.Kind
	// MaxSteps bounds the work of one check (0: unbounded), for a caller
	// that serves many checks on one thread (the Worker: a check cannot
	// be interrupted, and every other request of the isolate waits for
	// it). A step is one line of the report visited by one pass of the
	// parser or one rule (see parse.ParseSteps, rules.RunSteps); a
	// report of 1,000 lines takes about 200,000. Over the budget, Check,
	// CheckDoc and CheckSketched stop at the next pass and return an
	// InputError with Code OverBudget. Counted, not timed, so the same
	// text stops at the same place everywhere (the Worker's clock does
	// not advance while it computes).
	MaxSteps int64
	// Step, when set, is called as the check goes with the steps just
	// done (see MaxSteps), between passes. The page uses it to give the
	// browser its thread back now and then during a long check (it may
	// block: time.Sleep), and to drop a check whose text has changed
	// since: returning false stops Check, CheckDoc and CheckSketched with
	// an InputError of Code Stopped.
	Step func(n int) bool
}

// Stopped is the InputError code of a check stopped by Options.Step.
const Stopped = "stopped"

// stopped is the panic value that stops a check for Options.Step.
type stopped struct{}

// OverBudget is the InputError code of a check stopped by
// Options.MaxSteps.
const OverBudget = "over-budget"

// overBudget is the panic value that stops a check over its budget.
type overBudget struct{ max int64 }

// budget counts a check's steps against Options.MaxSteps.
type budget struct{ used, max int64 }

// step counts n steps done; over the budget it stops the check.
func (b *budget) step(n int) {
	b.used += int64(n)
	if b.used > b.max {
		panic(overBudget{b.max})
	}
}

// expect stops the check at once when the steps still to come (at least
// n) cannot fit: a text that is bound to run over its budget is refused
// before the work, not after most of it.
func (b *budget) expect(n int64) {
	if b.used+n > b.max {
		panic(overBudget{b.max})
	}
}

// minSteps is the least a check of these texts (the report and last
// year's) counts: the parser's passes and the rules that run for any
// year, over their lines as written. Counted before the line tables are
// built: a million short lines are refused without allocating for them.
func minSteps(texts ...string) int64 {
	var n int64
	for _, t := range texts {
		if t == "" {
			continue // no previous report
		}
		lines := source.CountLines(t)
		n += parse.MinSteps(lines, len(t)) + int64(rules.MinPasses())*parse.MinPassSteps(lines, len(t))
	}
	return n
}

// NewResult wraps reports in the top-level JSON object.
func NewResult(reports ...Report) Result {
	if reports == nil {
		reports = []Report{}
	}
	return Result{Checker: Checker{Name: "nianbao", Version: Version}, Reports: reports}
}

// Check reads a file's bytes (see Read) and checks the report. name is
// what the report calls its source (a file path, or "<粘贴>").
func Check(name string, raw []byte, opts Options) (rep Report, ierr *InputError) {
	defer recoverInternal(&rep, &ierr)
	doc, err := input.ReadAs(name, opts.Kind, raw, opts.Env)
	if err != nil {
		return Report{}, err
	}
	return checkDoc(name, doc, opts), nil
}

// CheckDoc checks a report as read from its file (see Read). Every place
// in the result refers to doc.Text and, where the file has its own places,
// also to those (Where).
func CheckDoc(name string, doc *input.Doc, opts Options) (rep Report, ierr *InputError) {
	defer recoverInternal(&rep, &ierr)
	return checkDoc(name, doc, opts), nil
}

// recoverInternal: a bug in a reader or a rule must not take down the
// page or the Worker, and must not pass silently either: the user gets a
// clear message instead of a partial result.
func recoverInternal(rep *Report, ierr **InputError) {
	if r := recover(); r != nil {
		if _, ok := r.(stopped); ok {
			*rep, *ierr = Report{}, &InputError{Code: Stopped, Message: "检查已中止（文字已改变，将重新检查）。"}
			return
		}
		if ob, ok := r.(overBudget); ok {
			*rep, *ierr = Report{}, &InputError{Code: OverBudget, Message: fmt.Sprintf("检查已停止：这份文字结构异常，检查所需的计算量超过了本次检查的上限（%d 步）。请确认提交的是一份年度报告的正文；特大或结构异常的文件请用命令行 nianbao check 检查。", ob.max)}
			return
		}
		*rep, *ierr = Report{}, &InputError{Code: "internal", Message: fmt.Sprintf("检查器内部错误，未能完成检查（%v）。请将报告文件反馈给维护者。", r)}
	}
}

// CheckText checks text that is already valid UTF-8 (a paste). It
// ignores Options.MaxSteps and Step: it has no way to say it stopped.
func CheckText(name, text string, opts Options) Report {
	opts.MaxSteps, opts.Step = 0, nil
	return checkDoc(name, TextDoc(text), opts)
}

// TextDoc is text typed or pasted, as a document: plain text in UTF-8, as
// a UTF-8 text file reads, so the same text gives the same result as a
// paste, a file and a request.
func TextDoc(text string) *input.Doc {
	return &input.Doc{Kind: input.Text, Encoding: "utf-8", Text: text}
}

func checkDoc(name string, doc *input.Doc, opts Options) Report {
	rep, _ := checkParsed(name, doc, opts)
	return rep
}

func checkParsed(name string, doc *input.Doc, opts Options) (Report, *parse.Doc) {
	var step func(int)
	if opts.MaxSteps > 0 {
		b := &budget{max: opts.MaxSteps}
		b.expect(minSteps(doc.Text, opts.Previous))
		step = b.step
	}
	if opts.Step != nil {
		counted, caller := step, opts.Step
		step = func(n int) {
			if counted != nil {
				counted(n)
			}
			if !caller(n) {
				panic(stopped{})
			}
		}
	}
	src := source.New(name, doc.Text)
	pd := parse.ParseSteps(src, step)
	if doc.Kind == input.PDF {
		pd.PageAt = func(off int) int {
			w, _ := doc.At(off)
			return w.Page
		}
	}
	var prev *parse.Doc
	if opts.Previous != "" {
		prev = parse.ParseSteps(source.New("", opts.Previous), step)
	}
	found, facts := rules.RunSteps(pd, prev, step)
	return buildReport(src, doc, pd, found, facts, opts), pd
}

// CheckSketched checks a report as Check does and also returns its
// narrative as sentence hashes with their lines (similar.Doc, a few KB),
// from the same parse: what a batch keeps of each report to find reports
// of different units that are copies of each other (雷同) once all are in.
func CheckSketched(name string, raw []byte, opts Options) (rep Report, sketch similar.Doc, ierr *InputError) {
	defer recoverInternal(&rep, &ierr)
	doc, err := input.ReadAs(name, opts.Kind, raw, opts.Env)
	if err != nil {
		return Report{}, similar.Doc{}, err
	}
	return checkSketched(name, doc, opts)
}

// CheckSketchedDoc is CheckSketched for a report already read (see Read).
func CheckSketchedDoc(name string, doc *input.Doc, opts Options) (rep Report, sketch similar.Doc, ierr *InputError) {
	defer recoverInternal(&rep, &ierr)
	return checkSketched(name, doc, opts)
}

func checkSketched(name string, doc *input.Doc, opts Options) (Report, similar.Doc, *InputError) {
	rep, pd := checkParsed(name, doc, opts)
	agency, year := "", 0
	if rep.Agency != nil {
		agency = *rep.Agency
	}
	if rep.Year != nil {
		year = *rep.Year
	}
	return rep, similar.FromParsed(name, pd, agency, year), nil
}
