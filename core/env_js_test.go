//go:build js

package core_test

import (
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
)

// fileEnv under WebAssembly (the tests run in Node): no PDF engine, as in
// the page; PDF cases are skipped.
func fileEnv() input.Env { return native.Env() }
