package core

import (
	"github.com/nianbao/nianbao/core/parse"
	"github.com/nianbao/nianbao/core/rules"
	"github.com/nianbao/nianbao/core/source"
)

// Identify reads the unit and the year of a report (UTF-8 text as read,
// see Read) as a check would, without checking it: what a batch needs to
// find the reports of one unit in consecutive years and check each with
// the one before (Options.Previous). Either is zero when the text does not
// say.
func Identify(text string) (agency string, year int) {
	// The unit and the year come from the title and the prose, never
	// from a cell: the tables are not read (parse.ParseHead).
	return rules.Identify(parse.ParseHead(source.New("", text)))
}

// SameAgency reports whether two unit names, as reports write them, can
// name the same unit ("洪泽区人民政府" and "淮安市洪泽区人民政府").
func SameAgency(a, b string) bool { return rules.SameAgency(a, b) }
