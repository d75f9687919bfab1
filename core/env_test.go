//go:build !js

package core_test

import (
	"sync"

	"github.com/nianbao/nianbao/core/input"
	"github.com/nianbao/nianbao/core/input/native"
	"github.com/nianbao/nianbao/internal/pdfium"
)

// One PDF engine for the tests of the package: it takes seconds to start.
var (
	engineOnce sync.Once
	engine     *pdfium.Engine
)

// fileEnv reads every kind of file, as the command line does.
func fileEnv() input.Env {
	engineOnce.Do(func() { engine = &pdfium.Engine{} })
	env := native.Env()
	env.PDF = engine.Pages
	return env
}
