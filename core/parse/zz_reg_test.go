package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/core/source"
)

func TestZRegular(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/*/*.txt")
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		regHook = func(id string, reg bool, why string) { fmt.Printf("%-45s %-13s regular=%v %s\n", filepath.Base(f), id, reg, why) }
		Parse(source.New("x", string(raw)))
	}
	regHook = nil
}
