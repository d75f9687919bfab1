package main

import (
	"fmt"
	"runtime"

	"github.com/nianbao/nianbao/core"
)

// build is the source's version (git describe) of a released program,
// set by scripts/release with -ldflags "-X main.build=…"; empty in a plain
// go build.
var build string

// versionText is what `nianbao version` prints: the checker's version
// with its rule-set stamp (both in every JSON result), then, in a release,
// the build and the platform it was built for.
func versionText() string {
	s := fmt.Sprintf("nianbao %s（%s）\n", core.Version, core.RulesetStamp())
	if build != "" {
		s += fmt.Sprintf("构建 %s，%s/%s\n", build, runtime.GOOS, runtime.GOARCH)
	}
	return s
}
