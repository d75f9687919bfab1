package main

import (
	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
)

// newEnv is what reading files needs on the command line: HTML and legacy
// encodings natively.
func newEnv() input.Env {
	return native.Env()
}
