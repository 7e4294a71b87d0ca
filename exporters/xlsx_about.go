package exporters

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/schema"
)

// enumRefs maps a table and column ("entities.type") to the About cells
// listing the column's allowed values, for drop-down lists too long to
// hold inline.
type enumRefs map[string]string

// aboutWriter fills the About sheet row by row.
type aboutWriter struct {
	f   *excelize.File
	st  *xlsxStyles
	row int
	err error
}

// line writes values from column A of the next row; a value may be an
// excelize.Cell to give it a style.
func (a *aboutWriter) line(values ...any) {
	a.row++
	if a.err != nil || len(values) == 0 {
		return
	}
	a.err = a.f.SetSheetRow(aboutSheet, "A"+strconv.Itoa(a.row), &values)
}

// aboutWidths are the About sheet's column widths, A to E.
var aboutWidths = []float64{18, 20, 28, 34, 70}

// wrap top-aligns and wraps columns A to E of the current row, whose values
// are values, and makes the row tall enough to show it.
func (a *aboutWriter) wrap(values []any) {
	a.style("A", "E", a.st.wrapText)
	lines := 1
	for i := 2; i < len(values) && i < len(aboutWidths); i++ {
		if s, ok := values[i].(string); ok {
			lines = max(lines, wrappedLines(s, aboutWidths[i]))
		}
	}
	if a.err == nil && lines > 1 {
		a.err = a.f.SetRowHeight(aboutSheet, a.row, rowHeight(lines))
	}
}

// prose writes a paragraph into columns from..to of the next row, merged
// and wrapped so that it stays within the columns a reader sees first
// (and a printed page holds) instead of running off to the right.
func (a *aboutWriter) prose(from, to string, s string) {
	a.row++
	if a.err != nil {
		return
	}
	r := strconv.Itoa(a.row)
	width := 0.0
	for c := from[0]; c <= to[0]; c++ {
		width += aboutWidths[c-'A']
	}
	if a.err = a.f.SetCellStr(aboutSheet, from+r, s); a.err != nil {
		return
	}
	if from != to {
		if a.err = a.f.MergeCell(aboutSheet, from+r, to+r); a.err != nil {
			return
		}
	}
	a.style(from, to, a.st.wrapText)
	if lines := wrappedLines(s, width); a.err == nil && lines > 1 {
		a.err = a.f.SetRowHeight(aboutSheet, a.row, rowHeight(lines))
	}
}

// style sets the style of columns from..to of the current row.
func (a *aboutWriter) style(from, to string, id int) {
	if a.err != nil {
		return
	}
	r := strconv.Itoa(a.row)
	a.err = a.f.SetCellStyle(aboutSheet, from+r, to+r, id)
}

// writeAbout writes the first sheet: what the dataset is, where it came
// from, what each sheet and column holds, and how to review it. It returns
// where each enum column's allowed values are listed.
func writeAbout(f *excelize.File, ds *Dataset, plan *workbookPlan, st *xlsxStyles, lim limits) (enumRefs, error) {
	a := &aboutWriter{f: f, st: st}
	l := ds.Layout
	title := l.Title
	if title == "" {
		title = "docset dataset"
	}
	a.line(title)
	a.style("A", "A", st.title)
	a.prose("A", "C", "This workbook is a view of a docset dataset for reading, filtering and review. The JSON records are the source of truth; corrections made here go back into them with docset import (see How to review).")
	a.line()

	fact := func(label string, value any) {
		if s, ok := value.(string); ok {
			a.prose("B", "C", s)
			a.err = cmp.Or(a.err, a.f.SetCellStr(aboutSheet, "A"+strconv.Itoa(a.row), label))
		} else {
			a.line(label, value)
			a.style("B", "B", st.value)
		}
		a.style("A", "A", st.label)
	}
	fact("Schema", l.SchemaID)
	versions := strings.Join(plan.versions, ", ")
	if versions == "" {
		versions = "(no records)"
	}
	fact("Schema version", versions)
	fact("Records", plan.records)
	if plan.newest.IsZero() {
		fact("Last review", "no record has been reviewed yet")
	} else {
		fact("Last review", plan.newest.Format(time.RFC3339)+" (also the workbook's created and modified date)")
	}
	for i, src := range plan.sources {
		label := ""
		if i == 0 {
			label = "Sources"
		}
		fact(label, src)
	}
	if plan.moreSources {
		fact("", fmt.Sprintf("... and more: the first %d are listed; every row of documents gives its source_path", maxAboutSources))
	}
	a.line()

	a.line("How to review")
	a.style("A", "A", st.label)
	for _, s := range []string{
		"1. Correct values in the sheets. Pick allowed values from the drop-down lists; delete a row to delete that item; add a row, with its document_id and a new id, to add one. Type values, not formulas.",
		"2. When a document is done, set its review_status to reviewed on the documents sheet (and review_by to your name); an empty review_at is filled in with the time of the import.",
		"3. Save as .xlsx, then bring the corrections into the JSON records: docset import dataset.xlsx -o records (with --dry-run first to see what would change). A correction that would make a record invalid is reported with its sheet, row and column, and that record is left as it was.",
		"4. Export again (docset run or docset export): this workbook is written anew from the corrected records.",
		"Rows join across sheets by document_id and the row ids (entity_id, id); see Keys below. Filter and sort with the header buttons; hover over a header for what the column holds.",
		"Dates are Excel dates (yyyy-mm-dd); date-times are in UTC. Ids and codes are text, so leading zeros stay. Empty cells are missing (null) values.",
		fmt.Sprintf("Web addresses are clickable links, up to %s per sheet (Excel's limit); past that they are plain text.", thousands(lim.links)),
	} {
		a.prose("A", "C", s)
	}
	a.line()

	a.line("Sheets")
	a.style("A", "A", st.label)
	a.line("Sheet", "Rows", "Title", "Keys", "Description")
	a.style("A", "E", st.header)
	for _, sp := range plan.sheets {
		t := sp.table
		keys := strings.Join(t.PrimaryKey, ", ")
		for _, fk := range t.ForeignKeys {
			keys += fmt.Sprintf("; (%s) -> %s", strings.Join(fk.Columns, ", "), fk.RefTable)
		}
		title, desc := sheetDoc(ds.Schema, t)
		if sp.unlinked > 0 {
			desc += fmt.Sprintf(" (%s web addresses past the link limit are plain text.)", thousands(sp.unlinked))
		}
		values := []any{t.Name, sp.rows, title, keys, desc}
		a.line(values...)
		a.wrap(values)
	}
	a.line()

	a.line("Columns")
	a.style("A", "A", st.label)
	a.line("Sheet", "Column", "Title", "Type", "Description", "Allowed values")
	a.style("A", "F", st.header)
	refs := enumRefs{}
	maxEnum := 0
	for _, sp := range plan.sheets {
		for _, c := range sp.table.Columns {
			maxEnum = max(maxEnum, len(c.Enum))
			values := []any{sp.table.Name, c.Name, c.Title, columnTypeText(c), c.Description}
			for _, e := range c.Enum {
				values = append(values, e)
			}
			a.line(values...)
			a.wrap(values)
			if n := len(c.Enum); n > 0 {
				last, err := excelize.ColumnNumberToName(5 + n)
				if err != nil {
					return nil, err
				}
				refs[sp.table.Name+"."+c.Name] = fmt.Sprintf("'%s'!$F$%d:$%s$%d", aboutSheet, a.row, last, a.row)
			}
		}
	}
	if a.err != nil {
		return nil, a.err
	}
	for i, width := range aboutWidths {
		col := string(rune('A' + i))
		if err := f.SetColWidth(aboutSheet, col, col, width); err != nil {
			return nil, err
		}
	}
	// The dimension is the used range, which readers such as openpyxl's
	// read-only mode trust.
	lastCol, err := excelize.ColumnNumberToName(max(len(aboutWidths), 5+maxEnum))
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetDimension(aboutSheet, "A1:"+lastCol+strconv.Itoa(a.row)); err != nil {
		return nil, err
	}
	return refs, nil
}

// thousands formats n with comma separators, as the limits are usually
// written.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// sheetDoc returns the title and description of table t: its own or, for
// a child table, those of the array property holding its rows (the layout
// reads them from the item object, which seldom has any).
func sheetDoc(doc []byte, t *schema.Table) (title, desc string) {
	title, desc = t.Title, t.Description
	if title != "" && desc != "" || len(t.Path) == 0 || doc == nil {
		return title, desc
	}
	root, err := schema.ParseNode(doc)
	if err != nil {
		return title, desc
	}
	n, holder := root, root
	for _, step := range t.Path {
		if step == "*" {
			holder, n = n, n.Get("items")
		} else {
			n = n.Get("properties").Get(step)
		}
		if n, err = n.Resolve(root); err != nil || n == nil {
			return title, desc
		}
	}
	return cmp.Or(title, holder.String("title")), cmp.Or(desc, holder.String("description"))
}
