package normalize

import (
	"strconv"
	"strings"
)

// NumKind says what a table cell holds.
type NumKind uint8

const (
	Blank       NumKind = iota // nothing at all
	Placeholder                // "/", "—", "-", "无", "空": not a number, and not 0
	Int                        // a non-negative integer
	Decimal                    // a non-negative number with a fraction
	Negative                   // a number with a minus sign (or a signed +N)
	Text                       // anything else
)

// Number is a parsed cell. Value is meaningful for Int, Decimal and
// Negative. Unit keeps a trailing unit the writer typed ("件", "万元", "元")
// so that rules can say when it is the wrong one.
type Number struct {
	Value    float64
	Kind     NumKind
	Unit     Unit
	Decimals uint8 // digits after the point
	Signed   bool  // an explicit + or − was written
}

// Unit is a unit typed after a number.
type Unit uint8

const (
	NoUnit    Unit = iota
	UnitWan        // 万元
	UnitYuan       // 元
	UnitCount      // 件, 个, 条, 项
)

var placeholders = map[string]bool{
	"/": true, "-": true, "--": true, "---": true, "无": true, "空": true, "\\": true,
	"不适用": true, "/无": true, "x": true, "X": true, "*": true, "…": true, "……": true,
}

var units = []struct {
	text string
	unit Unit
}{{"万元", UnitWan}, {"元", UnitYuan}, {"件", UnitCount}, {"个", UnitCount}, {"条", UnitCount}, {"项", UnitCount}}

// ParseNumber reads a cell. It accepts full-width digits, thousands
// separators ("1,234"), a sign, a decimal point and a trailing unit.
func ParseNumber(raw string) Number {
	// Fast path: a plain count such as "0" or "3119".
	if raw != "" && len(raw) <= 15 && plainDigits(raw) {
		v := 0
		for i := 0; i < len(raw); i++ {
			v = v*10 + int(raw[i]-'0')
		}
		return Number{Kind: Int, Value: float64(v)}
	}
	s := raw
	if !plainASCII(raw) {
		s = Label(raw) // folds width and removes spaces
	}
	if s == "" {
		return Number{Kind: Blank}
	}
	if placeholders[s] {
		return Number{Kind: Placeholder}
	}
	var n Number
	for _, u := range units {
		if strings.HasSuffix(s, u.text) && len(s) > len(u.text) {
			n.Unit = u.unit
			s = strings.TrimSuffix(s, u.text)
			break
		}
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, n.Signed, s = true, true, s[1:]
	case strings.HasPrefix(s, "+"):
		n.Signed, s = true, s[1:]
	}
	if !validDigits(s) {
		return Number{Kind: Text}
	}
	clean := strings.ReplaceAll(s, ",", "")
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return Number{Kind: Text}
	}
	if i := strings.IndexByte(clean, '.'); i >= 0 {
		n.Decimals = uint8(min(len(clean)-i-1, 255))
	}
	n.Value = v
	switch {
	case neg:
		n.Value = -v
		n.Kind = Negative
	case n.Signed:
		n.Kind = Negative // "+3": a signed change, only valid in 2019's 本年增/减
	case n.Decimals > 0:
		n.Kind = Decimal
	default:
		n.Kind = Int
	}
	return n
}

// validDigits: digits with at most one point, and commas only as
// thousands separators (groups of three to the left of the point).
func validDigits(s string) bool {
	if s == "" {
		return false
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if hasPoint && (frac == "" || strings.ContainsAny(frac, ".,")) {
		return false
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return false
		}
	}
	if intPart == "" {
		return false
	}
	groups := strings.Split(intPart, ",")
	for gi, g := range groups {
		if g == "" || (gi > 0 && len(g) != 3) || (len(groups) > 1 && gi == 0 && len(g) > 3) {
			return false
		}
		for i := 0; i < len(g); i++ {
			if g[i] < '0' || g[i] > '9' {
				return false
			}
		}
	}
	return true
}

// IsValue reports whether a cell's text is a number or a placeholder, as
// opposed to a label.
func IsValue(raw string) bool {
	_, ok := ParseValue(raw)
	return ok
}

// ParseValue parses a cell that is a number or a placeholder; ok is false
// for a label (or an empty cell). One parse serves both the decision and
// the value.
func ParseValue(raw string) (Number, bool) {
	// A label holds a Chinese character that no number, unit or
	// placeholder has: decide without parsing.
	for _, r := range raw {
		if r >= 0x4E00 && r <= 0x9FFF {
			switch r {
			case '无', '空', '不', '适', '用', '件', '元', '万', '个', '条', '项':
			default:
				return Number{Kind: Text}, false
			}
		}
	}
	n := ParseNumber(raw)
	return n, n.Kind != Text && n.Kind != Blank
}

// plainASCII: printable ASCII with no space, which Label would not change.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

func plainDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
