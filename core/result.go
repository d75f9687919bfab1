package core

// The JSON result of a check: the contract of docs/check-json.md.
// The command line, the page and the Worker all marshal exactly these types
// with encoding/json, so a report gets the same bytes everywhere. Fields are
// only ever added.

// Result is the object printed by `nianbao check --format json`.
type Result struct {
	Checker Checker  `json:"checker"`
	Reports []Report `json:"reports"`
}

// Checker names the program and its version.
type Checker struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Report is the outcome for one input text.
type Report struct {
	Source   string           `json:"source"`
	Format   string           `json:"format"` // "2021", "2019" or "unknown"
	Year     *int             `json:"year"`
	Agency   *string          `json:"agency"`
	Tables   map[string]Table `json:"tables"` // "active", "applications", "review"
	Findings []Finding        `json:"findings"`
	Summary  Summary          `json:"summary"`
}

// Table maps row id → column id → cell. Only cells that were read appear.
type Table struct {
	Rows map[string]map[string]Cell `json:"rows"`
}

// Cell is one value as read. Value is nil when the cell is blank or holds a
// placeholder such as "/" (blank is not 0). Line and Col are 1-based; Col
// counts characters.
type Cell struct {
	Value *float64 `json:"value"`
	Raw   string   `json:"raw"`
	Line  int      `json:"line"`
	Col   int      `json:"col"`
}

// Finding is one problem. Line and Col are 0 (and omitted) when the problem
// has no place in the input, such as a missing section.
type Finding struct {
	Rule     string `json:"rule"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Table    string `json:"table,omitempty"`
	Row      string `json:"row,omitempty"`
	Column   string `json:"column,omitempty"`
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	Basis    string `json:"basis"`
	Fix      string `json:"fix,omitempty"`
}

// Summary counts findings by severity.
type Summary struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}
