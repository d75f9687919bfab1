package core

import "encoding/json"

// The JSON result of a check: the contract of docs/check-json.md.
// The command line, the page and the Worker all write exactly these types
// with the encoder of jsonenc.go (byte for byte what encoding/json gives with
// SetIndent("", "  "); FuzzJSON holds it to that), so a report gets the same
// bytes everywhere. encoding/json itself is here only to read a Table back
// (UnmarshalJSON, for Go clients and tests). Fields are only ever added.

// Result is the object printed by `nianbao check --format json`.
type Result struct {
	Checker Checker  `json:"checker"`
	Reports []Report `json:"reports"`
	// NotChecked lists the files given (or found in a folder given) that
	// were not checked, with why: none is left out silently. Absent when
	// every file was checked.
	NotChecked []NotChecked `json:"not_checked,omitempty"`
}

// NotChecked is a file that was not checked: "unreadable" (it could not
// be read: missing, no permission, broken, a scan without text) or
// "other" (a file of another kind in a folder: an old .doc, a
// spreadsheet, an image), with the reason in Chinese.
type NotChecked struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// Checker names the program and its version.
type Checker struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Report is the outcome for one input text.
type Report struct {
	Source   string           `json:"source"`
	Input    *Input           `json:"input,omitempty"`
	Format   string           `json:"format"` // "2021", "2019" or "unknown"
	Year     *int             `json:"year"`
	Agency   *string          `json:"agency"`
	Tables   map[string]Table `json:"tables"` // "active", "applications", "review"
	Findings []Finding        `json:"findings"`
	Summary  Summary          `json:"summary"`
	// Omitted is the number of findings not listed one by one: the same
	// problem repeated beyond 30 times in one table is one finding that
	// counts them (Count), and a report lists at most 400 findings.
	Omitted int `json:"omitted,omitempty"`
	// MinSeverity is the minimum severity asked for ("error", "warning";
	// --severity), absent when every finding is listed; Hidden counts the
	// findings below it, left out of Findings and Summary, and is absent
	// when none were. Summary + Hidden are the report's findings.
	MinSeverity string   `json:"min_severity,omitempty"`
	Hidden      *Summary `json:"hidden,omitempty"`
	// NotReport is true when the file does not look like an annual report
	// at all (no report title, fewer than two of the six parts, no
	// statistics table: a README, a notice, a budget): its one finding
	// (S13) says so, and no rule runs on it. Absent for a report.
	NotReport bool `json:"not_report,omitempty"`
}

// Table is one table as read: its rows, each with the cells read in it.
// Only cells that were read appear. Rows and cells are slices, in the
// template's order when made by a check (one array for all of a report's
// cells, not a map per row); in JSON the table is an object of objects,
// `{"rows": {row id: {column id: cell}}}`, keys sorted (MarshalJSON). Rows
// nil is `"rows": null`. A row id appears once in a table, a column id
// once in a row.
type Table struct {
	Rows []TableRow
}

// TableRow is one row of a Table: its id and the cells read in it.
type TableRow struct {
	ID    string
	Cells []TableCell
}

// TableCell is one cell of a TableRow with its column id.
type TableCell struct {
	Column string
	Cell
}

// Row returns the row with the given id.
func (t Table) Row(id string) (TableRow, bool) {
	for _, r := range t.Rows {
		if r.ID == id {
			return r, true
		}
	}
	return TableRow{}, false
}

// HasRow reports whether the table has a row with the given id.
func (t Table) HasRow(id string) bool {
	_, ok := t.Row(id)
	return ok
}

// Cell returns the cell at row and column, false when it was not read.
func (t Table) Cell(row, col string) (Cell, bool) {
	r, ok := t.Row(row)
	if !ok {
		return Cell{}, false
	}
	return r.Cell(col)
}

// Cell returns the row's cell in column col, false when it was not read.
func (r TableRow) Cell(col string) (Cell, bool) {
	for _, c := range r.Cells {
		if c.Column == col {
			return c.Cell, true
		}
	}
	return Cell{}, false
}

// Map returns the table as row id → column id → cell, made anew on each
// call (for tests and callers that want a map; a check never needs one).
func (t Table) Map() map[string]map[string]Cell {
	if t.Rows == nil {
		return nil
	}
	m := make(map[string]map[string]Cell, len(t.Rows))
	for _, r := range t.Rows {
		cells := make(map[string]Cell, len(r.Cells))
		for _, c := range r.Cells {
			cells[c.Column] = c.Cell
		}
		m[r.ID] = cells
	}
	return m
}

// NewTable makes a Table of row id → column id → cell, rows and cells in
// key order; a nil map gives Rows nil.
func NewTable(rows map[string]map[string]Cell) Table {
	if rows == nil {
		return Table{}
	}
	t := Table{Rows: make([]TableRow, 0, len(rows))}
	for _, id := range sortedKeys(rows) {
		cells := rows[id]
		row := TableRow{ID: id, Cells: make([]TableCell, 0, len(cells))}
		for _, col := range sortedKeys(cells) {
			row.Cells = append(row.Cells, TableCell{Column: col, Cell: cells[col]})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// MarshalJSON writes the table as the contract has it:
// `{"rows": {row id: {column id: cell}}}`, keys sorted.
func (t Table) MarshalJSON() ([]byte, error) {
	var w jsonWriter
	w.table(t)
	return w.b, nil
}

// UnmarshalJSON reads a table written by MarshalJSON.
func (t *Table) UnmarshalJSON(b []byte) error {
	var m struct {
		Rows map[string]map[string]Cell `json:"rows"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*t = NewTable(m.Rows)
	return nil
}

// Cell is one value as read. Value is nil when the cell is blank or holds a
// placeholder such as "/" (blank is not 0). Line and Col are 1-based; Col
// counts characters.
type Cell struct {
	Value *float64 `json:"value"`
	Raw   string   `json:"raw"`
	Line  int      `json:"line"`
	Col   int      `json:"col"`
	Where *Where   `json:"where,omitempty"`
}

// Finding is one problem. Line and Col are 0 (and omitted) when the problem
// has no place in the input, such as a missing section.
type Finding struct {
	Rule     string `json:"rule"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	// Kind is "report" (the report is wrong: the unit must act) or
	// "reading" (the checker could not read part of the report for
	// certain: the person checking must act; never "error", never in a
	// unit's 整改清单 or verdict).
	Kind     string `json:"kind"`
	Message  string `json:"message"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Where    *Where `json:"where,omitempty"`
	Table    string `json:"table,omitempty"`
	Row      string `json:"row,omitempty"`
	Column   string `json:"column,omitempty"`
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	Basis    string `json:"basis"`
	Fix      string `json:"fix,omitempty"`
	// Count is the number of like problems this finding stands for, when
	// it folds many ("另有 N 处同类问题"); absent for one.
	Count int `json:"count,omitempty"`
	// ExplainedBy is the index in Findings of the finding that explains
	// this one (one wrong cell behind several broken identities, A04);
	// absent when none does. Its Fix is then the cause's.
	ExplainedBy *int `json:"explained_by,omitempty"`
}

// Summary counts findings by severity.
type Summary struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Input says what a report was read from: its kind ("text", "markdown",
// "html", "docx", "pdf") and, where the file had one, its encoding
// ("utf-8", "gb18030", "utf-16le", "utf-16be").
type Input struct {
	Kind     string `json:"kind"`
	Encoding string `json:"encoding,omitempty"`
	// PDFTables, for a PDF: "lattice" when its tables were read from
	// their drawn cell borders, "stream" when by the text's positions
	// alone (no borders drawn).
	PDFTables string `json:"pdf_tables,omitempty"`
}

// Where is a place in the file a report was read from, beside line and
// col (which refer to the text as read): a Word paragraph or table cell
// (1-based, as Word counts), the line of an HTML element, a point on a PDF
// page (points from the bottom-left corner).
type Where struct {
	Paragraph  int      `json:"paragraph,omitempty"`
	Table      int      `json:"table,omitempty"`
	Row        int      `json:"row,omitempty"`
	Cell       int      `json:"cell,omitempty"`
	SourceLine int      `json:"source_line,omitempty"`
	Page       int      `json:"page,omitempty"`
	X          *float64 `json:"x,omitempty"`
	Y          *float64 `json:"y,omitempty"`
}
