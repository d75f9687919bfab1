// Package testfiles finds the repository's sample reports for the tests of
// any package, so that each test does not glob testdata/ on its own.
package testfiles

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Seed returns the path and text of the seed report whose file name starts
// with prefix ("004"): testdata/seeds/004_….txt. The path is relative to
// the test's working directory when it can be (as a test would write it:
// "../../testdata/seeds/…"), so names in results read as before.
func Seed(t testing.TB, prefix string) (path, text string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(root(), "testdata", "seeds", prefix+"*.txt"))
	if len(files) != 1 {
		t.Fatalf("seed %s: %d files", prefix, len(files))
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	path = files[0]
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil {
			path = rel
		}
	}
	return path, string(raw)
}

// root is the repository's top folder: two up from this file.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
