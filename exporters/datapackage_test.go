package exporters

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/docset/docset/schema"
)

// datapackageCheck returns the datapackage-check tool, or skips the test
// naming what to install.
func datapackageCheck(t *testing.T) string {
	t.Helper()
	tool := filepath.Join(sharedDir(t, "tools/datapackage-check"), "datapackage-check")
	for _, bin := range []string{"node", "npm"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Skipf("%s is not installed: datapackage-check needs Node.js >= 18 with npm (Debian: apt-get install nodejs npm)", bin)
		}
	}
	return tool
}

// TestDataPackageCheck opens the export with Frictionless' own libraries:
// the descriptor validates against tabular-data-package, every row of every
// CSV casts by its Table Schema, primary keys are unique and foreign keys
// resolve.
func TestDataPackageCheck(t *testing.T) {
	tool := datapackageCheck(t)
	runs := []struct {
		name  string
		paths []string
		opts  Options
	}{
		{"sample/default", nil, Options{}},
		{"sample/excel", nil, Options{Excel: true}},
		{"sample/raw", nil, Options{Raw: true}},
		// No quotations at all: an empty table must still be a valid resource.
		{"wire/default", []string{"testdata/records/wire.ndjson"}, Options{}},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			// The files are checked as written, byte order mark and all.
			dir := exportTo(t, "csv", r.opts, testDataset(t, r.paths...))
			out, err := exec.Command(tool, filepath.Join(dir, "datapackage.json")).CombinedOutput()
			t.Logf("datapackage-check:\n%s", out)
			if err != nil {
				t.Errorf("datapackage-check failed: %v", err)
			}
		})
	}
}

// TestDataPackageCheckCatchesBadData makes sure the check above can fail:
// a row that breaks a foreign key must be reported.
func TestDataPackageCheckCatchesBadData(t *testing.T) {
	tool := datapackageCheck(t)
	dir := exportTo(t, "csv", Options{}, testDataset(t))
	path := filepath.Join(dir, "csv", "mentions.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, "wire-0001,e99,0,5,Storm\n"...)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, filepath.Join(dir, "datapackage.json")).CombinedOutput()
	if err == nil {
		t.Fatalf("datapackage-check passed a mention of an unknown entity:\n%s", out)
	}
	if !strings.Contains(string(out), "mentions") {
		t.Errorf("the failure does not name the mentions table:\n%s", out)
	}
}

// TestDataPackageDescribesLayout checks the descriptor against the layout
// it comes from: one resource per table, one field per column in order,
// the keys, and the dialect of each option set.
func TestDataPackageDescribesLayout(t *testing.T) {
	l, err := schema.DefaultLayout()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range csvVariants {
		t.Run(v.name, func(t *testing.T) {
			data, err := dataPackageJSON(l, schema.JSON(), v.opts)
			if err != nil {
				t.Fatal(err)
			}
			var dp dataPackage
			if err := json.Unmarshal(data, &dp); err != nil {
				t.Fatal(err)
			}
			if dp.RecordSchema != l.SchemaID || dp.Profile != "tabular-data-package" || dp.Name != "docset-record" {
				t.Errorf("package header: got %q %q %q", dp.Profile, dp.Name, dp.RecordSchema)
			}
			if got := strings.Contains(dp.Description, "apostrophe"); got == v.opts.Raw {
				t.Errorf("description mentions the apostrophe: %v, want %v", got, !v.opts.Raw)
			}
			if len(dp.Resources) != len(l.Tables) {
				t.Fatalf("%d resources for %d tables", len(dp.Resources), len(l.Tables))
			}
			// With --excel the file starts with a byte order mark, which
			// the first column's name as read begins with.
			named := func(tbl *schema.Table, cols []string) []string {
				out := slices.Clone(cols)
				for i, c := range out {
					if v.opts.Excel && c == tbl.Columns[0].Name {
						out[i] = "\ufeff" + c
					}
				}
				return out
			}
			for i, tbl := range l.Tables {
				r := dp.Resources[i]
				if r.Name != tbl.Name || r.Path != "csv/"+tbl.Name+".csv" {
					t.Errorf("resource %d: got %s at %s", i, r.Name, r.Path)
				}
				if want := map[bool]string{true: "\r\n", false: "\n"}[v.opts.Excel]; r.Dialect.LineTerminator != want {
					t.Errorf("%s: lineTerminator %q, want %q", tbl.Name, r.Dialect.LineTerminator, want)
				}
				var names []string
				for _, f := range r.Schema.Fields {
					names = append(names, f.Name)
				}
				var cols []string
				for _, c := range tbl.Columns {
					cols = append(cols, c.Name)
				}
				if diff := cmp.Diff(named(tbl, cols), names); diff != "" {
					t.Errorf("%s fields (-columns +fields):\n%s", tbl.Name, diff)
				}
				if diff := cmp.Diff(named(tbl, tbl.PrimaryKey), r.Schema.PrimaryKey); diff != "" {
					t.Errorf("%s primary key (-layout +descriptor):\n%s", tbl.Name, diff)
				}
			}
			quotes := dp.Resources[4]
			if quotes.Name != "quotes" {
				t.Fatalf("resource 4 is %s, want quotes", quotes.Name)
			}
			doc := map[bool]string{true: "\ufeffdocument_id", false: "document_id"}[v.opts.Excel]
			want := []foreignKey{{Fields: []string{doc}, Reference: fkReference{Resource: "documents", Fields: []string{"id"}}}}
			if diff := cmp.Diff(want, quotes.Schema.ForeignKeys); diff != "" {
				t.Errorf("quotes foreign keys (-want +got):\n%s", diff)
			}
			mentions := dp.Resources[3]
			want = []foreignKey{{Fields: []string{doc, "entity_id"}, Reference: fkReference{Resource: "entities", Fields: []string{doc, "id"}}}}
			if diff := cmp.Diff(want, mentions.Schema.ForeignKeys); diff != "" {
				t.Errorf("mentions foreign keys (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTableFieldFor(t *testing.T) {
	one := 1.0
	tests := []struct {
		name string
		col  schema.Column
		opts Options
		want tableField
	}{
		{"date", schema.Column{Name: "d", Type: "string", Format: "date"}, Options{}, tableField{Name: "d", Type: "date"}},
		{"date-time", schema.Column{Name: "d", Type: "string", Format: "date-time"}, Options{}, tableField{Name: "d", Type: "datetime"}},
		{"uri", schema.Column{Name: "u", Type: "string", Format: "uri"}, Options{}, tableField{Name: "u", Type: "string", Format: "uri"}},
		{"integer minimum", schema.Column{Name: "n", Type: "integer", Minimum: &one, Required: true}, Options{}, tableField{Name: "n", Type: "integer", Constraints: &constraints{Required: true, Minimum: &one}}},
		{"nullable is not required", schema.Column{Name: "s", Type: "string", Required: true, Nullable: true}, Options{}, tableField{Name: "s", Type: "string"}},
		{"boolean", schema.Column{Name: "b", Type: "boolean"}, Options{}, tableField{Name: "b", Type: "boolean"}},
		{"enum", schema.Column{Name: "e", Type: "string", Enum: []string{"a", "b"}}, Options{}, tableField{Name: "e", Type: "string", Constraints: &constraints{Enum: []string{"a", "b"}}}},
		{"enum neutralized", schema.Column{Name: "e", Type: "string", Enum: []string{"+1", "-1", "0"}}, Options{}, tableField{Name: "e", Type: "string", Constraints: &constraints{Enum: []string{"'+1", "'-1", "0"}}}},
		{"enum raw", schema.Column{Name: "e", Type: "string", Enum: []string{"+1", "0"}}, Options{Raw: true}, tableField{Name: "e", Type: "string", Constraints: &constraints{Enum: []string{"+1", "0"}}}},
		{"anchored pattern", schema.Column{Name: "p", Type: "string", Pattern: "^[a-z][0-9]+$"}, Options{}, tableField{Name: "p", Type: "string", Constraints: &constraints{Pattern: "[a-z][0-9]+"}}},
		{"pattern that may look like a formula", schema.Column{Name: "p", Type: "string", Pattern: "^[-+]?[0-9]+$"}, Options{}, tableField{Name: "p", Type: "string", Constraints: &constraints{Pattern: "'?([-+]?[0-9]+)"}}},
		{"same pattern raw", schema.Column{Name: "p", Type: "string", Pattern: "^[-+]?[0-9]+$"}, Options{Raw: true}, tableField{Name: "p", Type: "string", Constraints: &constraints{Pattern: "[-+]?[0-9]+"}}},
		{"joined", schema.Column{Name: "r", Type: "string", Join: "; ", Description: "Roles."}, Options{}, tableField{Name: "r", Type: "string", Description: `Roles. Several values are joined by "; ".`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tableFieldFor(&tt.col, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if _, err := tableFieldFor(&schema.Column{Name: "x", Type: "object"}, Options{}); err == nil {
		t.Error("an object column got a Table Schema type")
	}
}

func TestFullMatchPattern(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"^[a-z]+$", "[a-z]+", true},
		{"[a-z]+", ".*[a-z]+.*", true},
		{"^ab", "ab.*", true},
		{"ab$", ".*ab", true},
		{`^a\$$`, `a\$`, true},
		{`^a\$`, `a\$.*`, true},
		{"^a|b$", "(a|b)", true},
		{"^[^a]+$", "[^a]+", true},
		{"^a$|^b$", "", false},
		{"^a(b$", "", false},
	}
	for _, tt := range tests {
		got, ok := fullMatchPattern(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("fullMatchPattern(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMayStartFormula(t *testing.T) {
	tests := []struct {
		p    string
		want bool
	}{
		{"[a-z][0-9]+", false},
		{"[0-9]{4}(-(0[1-9]|1[0-2]))?", false},
		{"[A-Za-z0-9][A-Za-z0-9._-]{0,127}", false},
		{"[-+]?[0-9]+", true},
		{"a?=", true},
		{"(x|@y)", true},
		{".*ab", true},
		{"[^a-z]+", true},
		{"\\t.*", true},
		{"(?i)[a-z]+", false},
		{"x*y*", false},
	}
	for _, tt := range tests {
		if got := mayStartFormula(tt.p); got != tt.want {
			t.Errorf("mayStartFormula(%q) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{
		"docset record":     "docset-record",
		"  Über News 2024!": "ber-news-2024",
		"":                  "dataset",
		"a.b_c":             "a.b_c",
	} {
		if got := packageName(in); got != want {
			t.Errorf("packageName(%q) = %q, want %q", in, got, want)
		}
	}
}
