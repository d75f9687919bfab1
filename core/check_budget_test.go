package core

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/internal/testfiles"
)

// MaxSteps stops a check at the same place every time, with an
// InputError, never a panic; a budget it fits in changes nothing.
func TestMaxSteps(t *testing.T) {
	path, text := testfiles.Seed(t, "000")
	free, ierr := Check(path, []byte(text), Options{})
	if ierr != nil {
		t.Fatal(ierr)
	}
	for _, max := range []int64{1, 1000, 20_000} {
		rep, ierr := Check(path, []byte(text), Options{MaxSteps: max})
		if ierr == nil || ierr.Code != OverBudget || len(rep.Findings) != 0 {
			t.Fatalf("MaxSteps %d: %v, %d findings", max, ierr, len(rep.Findings))
		}
		if !strings.Contains(ierr.Message, "检查已停止") {
			t.Errorf("message %q", ierr.Message)
		}
		_, _, ierr = CheckSketched(path, []byte(text), Options{MaxSteps: max})
		if ierr == nil || ierr.Code != OverBudget {
			t.Fatalf("CheckSketched, MaxSteps %d: %v", max, ierr)
		}
	}
	rep, ierr := Check(path, []byte(text), Options{MaxSteps: 10_000_000})
	if ierr != nil || !reflect.DeepEqual(rep, free) {
		t.Fatalf("a budget it fits in changed the report: %v", ierr)
	}
	// The previous year's report counts too.
	if _, ierr := Check(path, []byte(text), Options{Previous: text, MaxSteps: 120_000}); ierr == nil || ierr.Code != OverBudget {
		t.Fatalf("with the previous report: %v", ierr)
	}
	// CheckText has no way to say it stopped: it ignores the budget.
	if got := CheckText(path, text, Options{MaxSteps: 1}); len(got.Findings) != len(free.Findings) {
		t.Fatalf("CheckText: %d findings, want %d", len(got.Findings), len(free.Findings))
	}
}

// Options.Step sees every step counted and can stop the check; a Step
// that never stops it changes nothing.
func TestStep(t *testing.T) {
	path, text := testfiles.Seed(t, "000")
	free, _ := Check(path, []byte(text), Options{})
	var seen int64
	calls := 0
	rep, ierr := Check(path, []byte(text), Options{Step: func(n int) bool { seen += int64(n); calls++; return true }})
	if ierr != nil || !reflect.DeepEqual(rep, free) {
		t.Fatalf("a Step that goes on changed the report: %v", ierr)
	}
	if calls < 20 || seen < 10_000 {
		t.Fatalf("Step called %d times for %d steps", calls, seen)
	}
	// The same count as the budget: a budget of seen passes, one less stops.
	if _, ierr := Check(path, []byte(text), Options{MaxSteps: seen}); ierr != nil {
		t.Fatalf("MaxSteps %d (all Step saw): %v", seen, ierr)
	}
	if _, ierr := Check(path, []byte(text), Options{MaxSteps: seen - 1}); ierr == nil || ierr.Code != OverBudget {
		t.Fatalf("MaxSteps %d: %v", seen-1, ierr)
	}
	calls = 0
	_, ierr = CheckDoc(path, TextDoc(text), Options{Step: func(int) bool { calls++; return calls < 5 }})
	if ierr == nil || ierr.Code != Stopped || calls != 5 {
		t.Fatalf("stopped at the fifth call: %v after %d calls", ierr, calls)
	}
}

// Inside a pass over a long text, Step is also called (with no new
// steps) every few hundred lines or keyword searches: a caller that gives
// the thread back between steps (the page) does so within a pass too. The
// steps counted are the same as without these calls.
func TestStepInsidePasses(t *testing.T) {
	path, text := testfiles.Seed(t, "004")
	text = strings.Repeat(text, (1<<20)/len(text)+1) // 1 MB
	var seen int64
	zero, counted := 0, 0
	if _, ierr := CheckDoc(path, TextDoc(text), Options{Step: func(n int) bool {
		seen += int64(n)
		if n == 0 {
			zero++
		} else {
			counted++
		}
		return true
	}}); ierr != nil {
		t.Fatal(ierr)
	}
	if zero < 3*counted {
		t.Fatalf("%d calls inside passes for %d passes: the long passes do not tick", zero, counted)
	}
	// The budget counts the same steps: all of them fit, one less stops.
	if _, ierr := CheckDoc(path, TextDoc(text), Options{MaxSteps: seen}); ierr != nil {
		t.Fatalf("MaxSteps %d: %v", seen, ierr)
	}
	if _, ierr := CheckDoc(path, TextDoc(text), Options{MaxSteps: seen - 1}); ierr == nil || ierr.Code != OverBudget {
		t.Fatalf("MaxSteps %d: %v", seen-1, ierr)
	}
}
