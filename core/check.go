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

	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/rules"
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
}

// NewResult wraps reports in the top-level JSON object.
func NewResult(reports ...Report) Result {
	if reports == nil {
		reports = []Report{}
	}
	return Result{Checker: Checker{Name: "nianbao", Version: Version}, Reports: reports}
}

// Check decodes raw bytes (see Decode) and checks them. name is what the
// report calls its source (a file path, or "<粘贴>").
func Check(name string, raw []byte, opts Options) (rep Report, ierr *InputError) {
	text, err := Decode(raw)
	if err != nil {
		return Report{}, err
	}
	// A bug in a rule must not take down the page or the Worker, and must
	// not pass silently either: the user gets a clear message instead of a
	// partial result.
	defer func() {
		if r := recover(); r != nil {
			rep, ierr = Report{}, &InputError{Code: "internal", Message: fmt.Sprintf("检查器内部错误，未能完成检查（%v）。请将报告文字反馈给维护者。", r)}
		}
	}()
	return CheckText(name, text, opts), nil
}

// CheckText checks text that is already valid UTF-8.
func CheckText(name, text string, opts Options) Report {
	src := source.New(name, text)
	doc := parse.Parse(src)
	var prev *parse.Doc
	if opts.Previous != "" {
		prev = parse.Parse(source.New("", opts.Previous))
	}
	found, facts := rules.Run(doc, prev)
	return buildReport(src, doc, found, facts, opts)
}
