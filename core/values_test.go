package core_test

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/core"
)

// The values below are copied from testdata/real/README, where every
// cell was read by hand from the PDFs. "∅" is an empty cell. A file whose
// table cannot be read (hongze-2023-reading-order 表三, huaian reading-order
// 表四) must report no cells for that table rather than guessed ones.

var t3Rows = []string{"new", "carry_in", "disclosed", "partial",
	"withheld_1", "withheld_2", "withheld_3", "withheld_4", "withheld_5", "withheld_6", "withheld_7", "withheld_8",
	"unable_1", "unable_2", "unable_3", "notproc_1", "notproc_2", "notproc_3", "notproc_4", "notproc_5",
	"other_1", "other_2", "other_3", "other", "results_total", "carry_out"}

var t3Cols = []string{"c_natural", "c_biz", "c_research", "c_npo", "c_legal", "c_other", "c_total"}
var t4Cols = []string{"upheld", "corrected", "other", "pending", "total"}

const huaian = `
new            3001 53 0 0 61 4 | 3119
carry_in         34  0 0 0  0 0 |   34
disclosed      1288 21 0 0 50 3 | 1362
partial         447  7 0 0  0 0 |  454
withheld_1        2  0 0 0  0 0 |    2
withheld_2       30  1 0 0  0 0 |   31
withheld_3        5  0 0 0  0 0 |    5
withheld_4        6  0 0 0  0 0 |    6
withheld_5        7  1 0 0  0 0 |    8
withheld_6       12  0 0 0  0 0 |   12
withheld_7        9  0 0 0  0 0 |    9
withheld_8      105  0 0 0  0 0 |  105
unable_1        746 12 0 0 10 1 |  769
unable_2         11  0 0 0  0 0 |   11
unable_3          1  0 0 0  0 0 |    1
notproc_1        56  6 0 0  0 0 |   62
notproc_2        25  0 0 0  0 0 |   25
notproc_3         0  0 0 0  0 0 |    0
notproc_4         0  0 0 0  0 0 |    0
notproc_5         1  0 0 0  0 0 |    1
other_1          67  3 0 0  1 0 |   71
other_2           6  0 0 0  0 0 |    6
other_3         108  2 0 0  0 0 |  110
results_total  2932 53 0 0 61 4 | 3050
carry_out       103  0 0 0  0 0 |  103
review         72 64 178 37 351
suit_direct    13  4   8  1  26
suit_after     12  1   1  6  20
rules 1 0 11
normative 8 26 66
license 447228
penalty 3985758
coercion 88283
fees 96171.6
`

const hongze2023 = `
new            21 0 0 0 0 0 | 21
carry_in        0 0 0 0 0 0 |  0
disclosed       0 0 0 0 0 0 |  0
partial         4 0 0 0 0 0 |  4
withheld_1      1 0 0 0 0 0 |  1
withheld_2      0 0 0 0 0 0 |  0
withheld_3      0 0 0 0 0 0 |  0
withheld_4      0 0 0 0 0 0 |  0
withheld_5      0 0 0 0 0 0 |  0
withheld_6      1 0 0 0 0 0 |  1
withheld_7      1 0 0 0 0 0 |  1
withheld_8      0 0 0 0 0 0 |  0
unable_1       10 0 0 0 0 0 | 10
unable_2        3 0 0 0 0 0 |  3
unable_3        0 0 0 0 0 0 |  0
notproc_1       1 0 0 0 0 0 |  1
notproc_2       0 0 0 0 0 0 |  0
notproc_3       0 0 0 0 0 0 |  0
notproc_4       0 0 0 0 0 0 |  0
notproc_5       0 0 0 0 0 0 |  0
other           0 0 0 0 0 0 |  0
results_total  21 0 0 0 0 0 | 21
carry_out       0 0 0 0 0 0 |  0
review         10 1 0 0 0
suit_direct     0 0 0 0 0
suit_after      5 0 0 0 0
rules 0 0 0
normative 0 5 5
license 550
penalty 4119
coercion 195
fees 7730.28
`

const hongze2024 = `
new            95 0 0 0 0 0 | 95
carry_in        0 0 0 0 0 0 |  0
disclosed      50 0 0 0 0 0 | 50
partial         9 0 0 0 0 0 |  9
withheld_1      0 0 0 0 0 0 |  0
withheld_2      0 0 0 0 0 0 |  0
withheld_3      1 0 0 0 0 0 |  1
withheld_4      0 0 0 0 0 0 |  0
withheld_5      0 0 0 0 0 0 |  0
withheld_6      1 0 0 0 0 0 |  1
withheld_7      1 0 0 0 0 0 |  1
withheld_8      0 0 0 0 0 0 |  0
unable_1       31 0 0 0 0 0 | 31
unable_2        1 0 0 0 0 0 |  1
unable_3        0 0 0 0 0 0 |  0
notproc_1       1 0 0 0 0 0 |  1
notproc_2       0 0 0 0 0 0 |  0
notproc_3       0 0 0 0 0 0 |  0
notproc_4       0 0 0 0 0 0 |  0
notproc_5       0 0 0 0 0 0 |  0
other           0 0 0 0 0 0 |  0
results_total  95 0 0 0 0 0 | 95
carry_out       0 0 0 0 0 0 |  0
review          1 1 0 0 2
suit_direct     1 0 0 0 1
suit_after      2 0 1 0 3
rules 0 0 0
normative 3 0 8
license 9487
penalty 2776
coercion 84
fees 7545
`

const kewei = `
new            32 2 0 0 0 0 | 34
carry_in        2 0 0 0 0 0 |  2
disclosed       9 0 0 0 0 0 |  9
partial         0 0 0 0 0 0 |  0
withheld_1      0 0 0 0 0 0 |  0
withheld_2      0 0 0 0 0 0 |  0
withheld_3      0 0 0 0 0 0 |  0
withheld_4      0 0 0 0 0 0 |  0
withheld_5      1 0 0 0 0 0 |  1
withheld_6      1 0 0 0 0 0 |  1
withheld_7      0 0 0 0 0 0 |  0
withheld_8      0 0 0 0 0 0 |  0
unable_1        4 0 0 0 0 0 |  4
unable_2        6 0 0 0 0 0 |  6
unable_3        0 0 0 0 0 0 |  0
notproc_1       0 0 0 0 0 0 |  0
notproc_2       0 0 0 0 0 0 |  0
notproc_3       0 0 0 0 0 0 |  0
notproc_4       0 0 0 0 0 0 |  0
notproc_5       0 0 0 0 0 0 |  0
other_1         8 2 0 0 0 0 | 10
other_2         0 0 0 0 0 0 |  0
other_3         4 0 0 0 0 0 |  4
results_total  33 2 0 0 0 0 | 35
carry_out       1 0 0 0 0 0 |  ∅
review          1 0 0 0 1
suit_direct     0 0 0 0 0
suit_after      0 0 0 0 0
rules 0 0 0
normative 13 0 55
license 97
penalty 0
coercion 0
fees 0
`

const shanghai = `
new            1259 36 0 0 0 0 | 1295
carry_in        170 15 0 0 4 0 |  189
disclosed       201  5 0 0 0 0 |  206
partial           2  0 0 0 0 0 |    2
withheld_1        4  0 0 0 0 0 |    4
withheld_2        0  0 0 0 0 0 |    0
withheld_3        1  0 0 0 0 0 |    1
withheld_4        0  0 0 0 0 0 |    0
withheld_5        8  0 0 0 1 0 |    9
withheld_6        1  0 0 0 0 0 |    1
withheld_7        0  0 0 0 0 0 |    0
withheld_8        5  0 0 0 0 0 |    5
unable_1        484 28 0 0 1 0 |  513
unable_2         47  1 0 0 0 0 |   48
unable_3          3  0 0 0 0 0 |    3
notproc_1        61  1 0 0 0 0 |   62
notproc_2        16  0 0 0 0 0 |   16
notproc_3         1  0 0 0 0 0 |    1
notproc_4         1  0 0 0 0 0 |    1
notproc_5         0  0 0 0 0 0 |    0
other_1          40  1 0 0 2 0 |   43
other_2           0  0 0 0 0 0 |    0
other_3         264 12 0 0 0 0 |  276
results_total  1139 48 0 0 4 0 | 1191
carry_out       290  3 0 0 0 0 |  293
review         40 0 10 5 55
suit_direct     2 0  4 6 12
suit_after      6 0  9 7 22
license 0
penalty 0
coercion 0
fees 0
`

var t2Cols = map[string][]string{
	"rules": {"issued", "repealed", "in_force"}, "normative": {"issued", "repealed", "in_force"},
	"license": {"decisions"}, "penalty": {"decisions"}, "coercion": {"decisions"}, "fees": {"amount_wan"},
}

func TestValuesEqualREADME(t *testing.T) {
	cases := []struct {
		file       string
		values     string
		noT3, noT4 bool
		// blanks: "row col" cells a variant made blank (must read as
		// blank, not 0); unread: rows a variant makes ambiguous (must not
		// be read at all, never guessed).
		blanks, unread []string
	}{
		{file: "real/huaian-city-2024-layout.txt", values: huaian},
		{file: "real/huaian-city-2024-reading-order.txt", values: huaian, noT4: true},
		{file: "real/hongze-2023-layout.txt", values: hongze2023},
		{file: "real/hongze-2023-reading-order.txt", values: hongze2023, noT3: true},
		{file: "real/hongze-2024-layout.txt", values: hongze2024},
		{file: "real/kewei-2024-markdown.txt", values: kewei},
		{file: "real/shanghai-office-2025-markdown.txt", values: shanghai},
		// The layout variants of testdata/variants (see its README).
		{file: "variants/oneline-huaian.txt", values: huaian, unread: []string{"suit_after", "rules", "normative"}},
		{file: "variants/oneline-hongze-2024.txt", values: hongze2024},
		{file: "variants/browser-nbsp-huaian.txt", values: huaian, blanks: []string{"withheld_4 c_research", "notproc_3 c_total", "suit_after corrected"}},
		{file: "variants/browser-tab-hongze-2024.txt", values: hongze2024, blanks: []string{"carry_in c_npo", "unable_2 c_other"}},
		{file: "variants/markdown-rows-huaian.txt", values: huaian, blanks: []string{"notproc_3 c_npo"}},
		// The published PDFs, read from their characters' positions.
		{file: "pdf/huaian-city-2024.pdf", values: huaian},
		{file: "pdf/hongze-2023.pdf", values: hongze2023},
		{file: "pdf/hongze-2024.pdf", values: hongze2024},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile("../testdata/" + c.file)
			if err != nil {
				t.Fatal(err)
			}
			env := fileEnv()
			if strings.HasSuffix(c.file, ".pdf") && env.PDF == nil {
				t.Skip("no PDF engine here")
			}
			rep, ierr := core.Check(c.file, raw, core.Options{Env: env})
			if ierr != nil {
				t.Fatal(ierr)
			}
			if c.noT3 && len(rep.Tables["applications"].Rows) != 0 {
				t.Errorf("表三 cannot be read here, but %d rows were reported", len(rep.Tables["applications"].Rows))
			}
			if c.noT4 && len(rep.Tables["review"].Rows) != 0 {
				t.Errorf("表四 cannot be read here, but %d rows were reported", len(rep.Tables["review"].Rows))
			}
			for _, line := range strings.Split(strings.TrimSpace(c.values), "\n") {
				f := strings.Fields(strings.ReplaceAll(line, "|", " "))
				row, vals := f[0], f[1:]
				var table string
				var cols []string
				switch {
				case len(vals) == 7:
					table, cols = "applications", t3Cols
				case row == "review" || row == "suit_direct" || row == "suit_after":
					table, cols = "review", t4Cols
				default:
					table, cols = "active", t2Cols[row]
				}
				if (table == "applications" && c.noT3) || (table == "review" && c.noT4) {
					continue
				}
				if slices.Contains(c.unread, row) {
					if got, ok := rep.Tables[table].Map()[row]; ok {
						t.Errorf("%s %s: ambiguous, but read as %+v", table, row, got)
					}
					continue
				}
				for _, b := range c.blanks {
					if r, col, _ := strings.Cut(b, " "); r == row {
						vals[slices.Index(cols, col)] = "∅"
					}
				}
				got, ok := rep.Tables[table].Map()[row]
				if !ok {
					t.Errorf("%s %s: row not read", table, row)
					continue
				}
				for i, v := range vals {
					cell, ok := got[cols[i]]
					if !ok {
						t.Errorf("%s %s %s: cell missing", table, row, cols[i])
						continue
					}
					if v == "∅" {
						if cell.Value != nil {
							t.Errorf("%s %s %s: want blank, got %v", table, row, cols[i], *cell.Value)
						}
						continue
					}
					want, _ := strconv.ParseFloat(v, 64)
					if cell.Value == nil || *cell.Value != want {
						t.Errorf("%s %s %s: want %s, got %+v", table, row, cols[i], v, cell)
					}
				}
			}
		})
	}
}

// Every cell's line and column point at its raw text in the input.
func TestCellPositions(t *testing.T) {
	for _, file := range []string{"../testdata/real/huaian-city-2024-layout.txt", "../testdata/real/kewei-2024-markdown.txt", "../testdata/seeds/004_6bca9a975aea9322.txt"} {
		raw, _ := os.ReadFile(file)
		lines := strings.Split(string(raw), "\n")
		rep, _ := core.Check(file, raw, core.Options{})
		for tid, tab := range rep.Tables {
			for row, cells := range tab.Map() {
				for col, c := range cells {
					if c.Raw == "" {
						continue
					}
					runes := []rune(lines[c.Line-1])
					if c.Col-1+len([]rune(c.Raw)) > len(runes) || string(runes[c.Col-1:c.Col-1+len([]rune(c.Raw))]) != c.Raw {
						t.Errorf("%s %s %s %s: %q not at %d:%d", file, tid, row, col, c.Raw, c.Line, c.Col)
					}
				}
			}
		}
	}
}
