// Package nianbao holds files shared by nianbao's front ends that must be
// embedded from the repository root: the two example reports the web page
// offers (wasm/), taken as they are from testdata/seeds so the page, the
// tests and the command line read the same bytes.
package nianbao

import _ "embed"

// ExampleCleanName and ExampleErrorsName are the examples' source names:
// the paths the command line would print for them from the repository root.
const (
	ExampleCleanName  = "testdata/seeds/000_bcc88cd11fb35c2f.txt"
	ExampleErrorsName = "testdata/seeds/004_6bca9a975aea9322.txt"
)

// ExampleClean is a report with no errors (seed 000).
//
//go:embed testdata/seeds/000_bcc88cd11fb35c2f.txt
var ExampleClean string

// ExampleErrors is a report with errors in 表三 (seed 004: （四）1 总计).
//
//go:embed testdata/seeds/004_6bca9a975aea9322.txt
var ExampleErrors string
