package rules

import (
	"regexp"
	"testing"
)

// TestValidIDName: the hand checks accept exactly what the patterns of the
// rule ledger say (an id: ^[DSTAXCP][0-9]{2}$, a name: kebab-case).
func TestValidIDName(t *testing.T) {
	idPattern := regexp.MustCompile(`^[DSTAXCP][0-9]{2}$`)
	namePattern := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	cases := []string{"", "T05", "t05", "T5", "T055", "Z01", "P99", "D00", "A0x", "X1٣", "T０5",
		"blank-not-zero", "-a", "a-", "a--b", "a", "a-b-c", "A-b", "a_b", "a b", "数-a", "9-9", "a-b\n"}
	for _, s := range cases {
		if got, want := validID(s), idPattern.MatchString(s); got != want {
			t.Errorf("validID(%q) = %v, the pattern says %v", s, got, want)
		}
		if got, want := validName(s), namePattern.MatchString(s); got != want {
			t.Errorf("validName(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}

func FuzzValidIDName(f *testing.F) {
	idPattern := regexp.MustCompile(`^[DSTAXCP][0-9]{2}$`)
	namePattern := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	f.Add("T05")
	f.Add("blank-not-zero")
	f.Fuzz(func(t *testing.T, s string) {
		if validID(s) != idPattern.MatchString(s) || validName(s) != namePattern.MatchString(s) {
			t.Errorf("%q: hand check and pattern disagree", s)
		}
	})
}
