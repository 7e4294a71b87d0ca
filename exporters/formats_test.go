package exporters

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/schema"
)

// addedProperties is what TestAddedPropertyReachesEveryFormat adds to a
// copy of the record schema: a document property and an entity property,
// each placed before an existing one (so column order is checked too) and
// each with an x-jsonld term.
var addedProperties = []struct {
	before  string // the existing property it goes in front of
	decl    string
	table   string
	column  string
	follows string // the column right after it
	term    string // its JSON-LD key
	value   string // the value the test records carry
}{
	{
		before: `"license": {`,
		decl:   `"section": {"title": "Section", "description": "Desk or section of the publication.", "type": "string", "minLength": 1, "x-jsonld": "articleSection"},`,
		table:  "documents", column: "metadata_section", follows: "metadata_license",
		term: "articleSection", value: "World, Asia",
	},
	{
		before: `"roles": {`,
		decl:   `"alias": {"title": "Alias", "description": "Another name the entity goes by.", "type": "string", "minLength": 1, "x-jsonld": "alternateName"},`,
		table:  "entities", column: "alias", follows: "roles",
		term: "alternateName", value: "=Sergei K. Shoigu",
	},
}

// formatChecks says, per format, how to see a column of the layout in its
// output: it returns an error when the column (header and value) is absent.
// Every row of Formats() needs one.
var formatChecks = map[string]func(dir, table, column, term, value string) error{
	"csv":    csvHasColumn,
	"xlsx":   xlsxHasColumn,
	"jsonld": jsonldHasTerm,
}

// TestAddedPropertyReachesEveryFormat adds properties to a copy of the
// schema and exports records carrying them with every registered format:
// each format shows them with no exporter code knowing about them. The
// same checks on an export with the unmodified schema must fail, so they
// cannot pass by accident.
func TestAddedPropertyReachesEveryFormat(t *testing.T) {
	doc := string(schema.JSON())
	for _, p := range addedProperties {
		if strings.Count(doc, p.before) != 1 {
			t.Fatalf("anchor %s is not unique in the schema", p.before)
		}
		doc = strings.Replace(doc, p.before, p.decl+"\n"+p.before, 1)
	}
	compiled, err := schema.Compile([]byte(doc))
	if err != nil {
		t.Fatalf("modified schema: %v", err)
	}
	paths := writeRecordsWithAddedProperties(t, compiled.Validate)
	withProps := testDatasetSchema(t, []byte(doc), paths...)
	without := testDataset(t)

	l := withProps.Layout
	for _, p := range addedProperties {
		tbl := l.Table(p.table)
		i := slices.IndexFunc(tbl.Columns, func(c *schema.Column) bool { return c.Name == p.column })
		if i < 0 || i+1 >= len(tbl.Columns) || tbl.Columns[i+1].Name != p.follows {
			t.Fatalf("layout: %s.%s is not right before %s", p.table, p.column, p.follows)
		}
	}

	formats := Formats()
	if len(formats) == 0 {
		t.Fatal("no formats registered")
	}
	for _, f := range formats {
		t.Run(f.Name, func(t *testing.T) {
			check := formatChecks[f.Name]
			if check == nil {
				t.Fatalf("format %s has no check in formatChecks: add how to see a column in its output", f.Name)
			}
			opts := Options{BaseIRI: "https://example.invalid/docset/"}
			dir := exportTo(t, f.Name, opts, withProps)
			if _, err := os.Stat(filepath.Join(dir, f.Output)); err != nil {
				t.Errorf("format %s did not write its output %s: %v", f.Name, f.Output, err)
			}
			plain := exportTo(t, f.Name, opts, without)
			for _, p := range addedProperties {
				if err := check(dir, p.table, p.column, p.term, p.value); err != nil {
					t.Errorf("added property %s: %v", p.column, err)
				}
				if err := check(plain, p.table, p.column, p.term, p.value); err == nil {
					t.Errorf("the check for %s passes on an export without it", p.column)
				}
			}
		})
	}
}

// writeRecordsWithAddedProperties copies the sample records with values for
// the added properties, checks them with validate (the modified schema),
// and returns their paths.
func writeRecordsWithAddedProperties(t *testing.T, validate func(any) error) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i, rec := range testRecords(t) {
		meta, _ := rec["metadata"].(map[string]any)
		if meta == nil {
			meta = map[string]any{}
			rec["metadata"] = meta
		}
		meta["section"] = addedProperties[0].value
		if ents, _ := rec["entities"].([]any); len(ents) > 0 && recordID(rec) == "000_5b4285e19d35a4a5" {
			ents[0].(map[string]any)["alias"] = addedProperties[1].value
		}
		data, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(decodeRecord(t, data)); err != nil {
			t.Fatalf("record %s against the modified schema: %v", recordID(rec), err)
		}
		p := filepath.Join(dir, fmt.Sprintf("%d.json", i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// csvHasColumn looks for the column in the table's CSV (header and a
// value, neutralized if formula-like) and in datapackage.json.
func csvHasColumn(dir, table, column, _, value string) error {
	f, err := os.Open(filepath.Join(dir, "csv", table+".csv"))
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return err
	}
	if formulaLike(value) {
		value = "'" + value
	}
	if err := gridHolds(rows, column, value); err != nil {
		return fmt.Errorf("%s.csv: %w", table, err)
	}
	data, err := os.ReadFile(filepath.Join(dir, DataPackageFile))
	if err != nil {
		return err
	}
	var dp dataPackage
	if err := json.Unmarshal(data, &dp); err != nil {
		return err
	}
	for _, r := range dp.Resources {
		if r.Name == table && slices.ContainsFunc(r.Schema.Fields, func(f tableField) bool { return f.Name == column }) {
			return nil
		}
	}
	return fmt.Errorf("datapackage.json: resource %s has no field %s", table, column)
}

// xlsxHasColumn reopens the workbook and looks for the column in the
// header row of the table's sheet and for the value below it.
func xlsxHasColumn(dir, table, column, _, value string) error {
	wb, err := excelize.OpenFile(filepath.Join(dir, "dataset.xlsx"))
	if err != nil {
		return err
	}
	defer wb.Close()
	if idx, _ := wb.GetSheetIndex(table); idx < 0 {
		return fmt.Errorf("dataset.xlsx has no sheet %s (sheets: %v)", table, wb.GetSheetList())
	}
	rows, err := wb.GetRows(table)
	if err != nil {
		return err
	}
	if err := gridHolds(rows, column, value); err != nil {
		return fmt.Errorf("sheet %s: %w", table, err)
	}
	return nil
}

// gridHolds checks that a grid with a header row has the column and that
// some row holds value in it.
func gridHolds(rows [][]string, column, value string) error {
	if len(rows) == 0 {
		return fmt.Errorf("no header row")
	}
	i := slices.Index(rows[0], column)
	if i < 0 {
		return fmt.Errorf("header %v lacks %s", rows[0], column)
	}
	if !slices.ContainsFunc(rows[1:], func(r []string) bool { return i < len(r) && r[i] == value }) {
		return fmt.Errorf("column %s never holds %q", column, value)
	}
	return nil
}

// jsonldHasTerm looks for the property's x-jsonld term with its value on
// any node of the graph.
func jsonldHasTerm(dir, _, _, term, value string) error {
	data, err := os.ReadFile(filepath.Join(dir, "dataset.jsonld"))
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	if hasKeyValue(doc, term, value) {
		return nil
	}
	return fmt.Errorf("dataset.jsonld has no %q: %q", term, value)
}

func hasKeyValue(v any, key, value string) bool {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if k == key && (x == value || hasKeyValue(x, "@value", value) || slices.Contains(toSlice(x), any(value))) {
				return true
			}
			if hasKeyValue(x, key, value) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if hasKeyValue(x, key, value) {
				return true
			}
		}
	}
	return false
}

func toSlice(v any) []any {
	s, _ := v.([]any)
	return s
}
