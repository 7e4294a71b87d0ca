package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	goldenfile "github.com/docset/docset/internal/golden"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/validate"
)

const seedID = "000_5b4285e19d35a4a5"

// importSetup writes a records folder holding the seed record (as a draft,
// or as the reviewed sample when reviewed is set) and the edge-case record,
// and exports it with the given export flags. It returns the records
// folder and the export folder.
func importSetup(t *testing.T, reviewed bool, exportArgs ...string) (recs, out string) {
	t.Helper()
	dir := t.TempDir()
	recs, out = filepath.Join(dir, "records"), filepath.Join(dir, "out")
	seed := readTestFile(t, filepath.Join(sampleRecordsDir, "000_5b4285e19d35a4a5.json"))
	if !reviewed {
		i := strings.Index(seed, `  "review": {`)
		seed = seed[:i] + "  \"review\": {\n    \"status\": \"draft\"\n  }\n}\n"
	}
	writeTestFile(t, filepath.Join(recs, seedID+".json"), seed)
	copyTestFile(t, filepath.Join(sampleRecordsDir, "edge-cases.json"), filepath.Join(recs, "edge-cases.json"))
	args := append([]string{"export", "--format", "csv,xlsx", "-o", out}, exportArgs...)
	if _, stderr, code := runCLI(t, "", append(args, recs)...); code != ExitOK {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	return recs, out
}

// snapshot reads every file of dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	return listDir(t, dir)
}

func TestImportRoundTripUnchanged(t *testing.T) {
	tests := []struct {
		name       string
		reviewed   bool
		exportArgs []string
		source     string
	}{
		{name: "xlsx", source: "dataset.xlsx"},
		{name: "xlsx reviewed", reviewed: true, source: "dataset.xlsx"},
		{name: "csv", source: "."},
		{name: "csv folder itself", source: "csv"},
		{name: "csv excel", exportArgs: []string{"--excel"}, source: "."},
		{name: "csv raw", exportArgs: []string{"--raw"}, source: "."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, out := importSetup(t, tt.reviewed, tt.exportArgs...)
			before := snapshot(t, recs)
			stdout, stderr, code := runCLI(t, "", "import", filepath.Join(out, tt.source), "-o", recs)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing changed", stdout)
			}
			if want := "import: updated 0 records, 2 unchanged, 0 not written\n"; stderr != want {
				t.Errorf("stderr = %q, want %q", stderr, want)
			}
			if diff := cmp.Diff(before, snapshot(t, recs)); diff != "" {
				t.Errorf("records changed (-before +after):\n%s", diff)
			}
		})
	}
}

// sheet edits a workbook's table sheet by column name.
type sheet struct {
	t    *testing.T
	f    *excelize.File
	name string
	cols []string
}

func openSheet(t *testing.T, f *excelize.File, name string) *sheet {
	t.Helper()
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	return &sheet{t: t, f: f, name: name, cols: rows[0]}
}

// row returns the sheet row (1-based) whose cells hold every value of
// match, by column name.
func (s *sheet) row(match ...string) int {
	s.t.Helper()
	rows, err := s.f.GetRows(s.name, excelize.Options{RawCellValue: true})
	if err != nil {
		s.t.Fatal(err)
	}
	for r, row := range rows[1:] {
		ok := true
		for i := 0; i < len(match); i += 2 {
			c := slices.Index(s.cols, match[i])
			if c < 0 || c >= len(row) || row[c] != match[i+1] {
				ok = false
			}
		}
		if ok {
			return r + 2
		}
	}
	s.t.Fatalf("sheet %s has no row with %v", s.name, match)
	return 0
}

func (s *sheet) set(row int, col string, v any) {
	s.t.Helper()
	c := slices.Index(s.cols, col)
	if c < 0 {
		s.t.Fatalf("sheet %s has no column %s", s.name, col)
	}
	ref, _ := excelize.CoordinatesToCellName(c+1, row)
	if err := s.f.SetCellValue(s.name, ref, v); err != nil {
		s.t.Fatal(err)
	}
}

// add writes a new row below the last one.
func (s *sheet) add(cells map[string]any) int {
	s.t.Helper()
	rows, err := s.f.GetRows(s.name)
	if err != nil {
		s.t.Fatal(err)
	}
	r := len(rows) + 1
	for col, v := range cells {
		s.set(r, col, v)
	}
	return r
}

// editWorkbook opens the exported workbook, lets edit change it, and saves it.
func editWorkbook(t *testing.T, path string, edit func(f *excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// reviewerEdits makes the corrections a reviewer would make to the seed:
// a type picked from the drop-down, the review status set, a mention row
// deleted, a date row added, a speaker corrected.
func reviewerEdits(t *testing.T) func(f *excelize.File) {
	return func(f *excelize.File) {
		ents := openSheet(t, f, "entities")
		ents.set(ents.row("document_id", seedID, "id", "e12"), "type", "place")
		docs := openSheet(t, f, "documents")
		r := docs.row("id", seedID)
		docs.set(r, "review_status", "reviewed")
		docs.set(r, "review_by", "Dana Whitfield")
		ments := openSheet(t, f, "mentions")
		if err := f.RemoveRow("mentions", ments.row("document_id", seedID, "entity_id", "e5", "start", "2295")); err != nil {
			t.Fatal(err)
		}
		dates := openSheet(t, f, "dates")
		dates.add(map[string]any{"document_id": seedID, "id": "d5", "start": 1319, "end": 1323, "text": "2023", "value": "2023"})
		quotes := openSheet(t, f, "quotes")
		quotes.set(quotes.row("document_id", seedID, "id", "q3"), "speaker", "e9")
	}
}

// reviewerSummary is what the reviewer's edits change; review_at is the
// time of the import (see stamped).
const reviewerSummary = seedID + `: review_status draft -> reviewed; review_by (empty) -> "Dana Whitfield"; entities e12 type organization -> place; mentions e5/2295 removed; quotes q3 speaker e13 -> e9; dates d5 added; review_at (empty) -> NOW` + "\n"

// stamped replaces the review time an import stamps, which is the clock's,
// by NOW.
func stamped(s string) string {
	return regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`).ReplaceAllString(s, "NOW")
}

func TestImportXLSXEdits(t *testing.T) {
	recs, out := importSetup(t, false)
	book := filepath.Join(out, "dataset.xlsx")
	editWorkbook(t, book, reviewerEdits(t))
	seedPath := filepath.Join(recs, seedID+".json")
	before := snapshot(t, recs)

	stdout, stderr, code := runCLI(t, "", "import", book, "-o", recs, "--dry-run")
	stdout = stamped(stdout)
	if code != ExitOK || stdout != reviewerSummary {
		t.Fatalf("dry run: exit %d\nstdout %q\nwant   %q\nstderr %s", code, stdout, reviewerSummary, stderr)
	}
	importGolden(t, "reviewer-dry-run.stdout", stdout)
	importGolden(t, "reviewer-dry-run.stderr", stderr)
	if diff := cmp.Diff(before, snapshot(t, recs)); diff != "" {
		t.Fatalf("--dry-run wrote (-before +after):\n%s", diff)
	}

	stdout, stderr, code = runCLI(t, "", "import", book, "-o", recs)
	if code != ExitOK || stamped(stdout) != reviewerSummary {
		t.Fatalf("import: exit %d\nstdout %q\nstderr %s", code, stdout, stderr)
	}
	if want := "import: updated 1 record, 1 unchanged, 0 not written\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	rec := readRecordMap(t, seedPath)
	checks := []struct{ pointer, want string }{
		{"/review/by", `"Dana Whitfield"`},
		{"/review/status", `"reviewed"`},
		{"/entities/11/type", `"place"`},
		{"/entities/4/mentions", `[{"end":323,"start":312,"text":"Kim Jong Un"}]`},
		{"/quotes/2/speaker", `"e9"`},
		{"/dates/4", `{"end":1323,"id":"d5","start":1319,"text":"2023","value":"2023"}`},
		{"/dates/0", `{"end":50,"id":"d1","start":44,"text":"Monday","value":"2023-09-04"}`},
		{"/metadata/published", `"2023-09-05"`},
	}
	for _, c := range checks {
		if got := pointerJSON(t, rec, c.pointer); got != c.want {
			t.Errorf("%s = %s, want %s", c.pointer, got, c.want)
		}
	}
	if got, want := rec["text"], readRecordMap(t, filepath.Join(sampleRecordsDir, "000_5b4285e19d35a4a5.json"))["text"]; got != want {
		t.Error("the text changed")
	}
	// The merged record is valid and written as extract writes records.
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	data := readTestFile(t, seedPath)
	if rep := v.ValidateDocument(seedPath, []byte(data)); len(rep.Findings) > 0 || rep.Err != nil {
		t.Errorf("merged record invalid: %+v %v", rep.Findings, rep.Err)
	}
	if !strings.HasPrefix(data, "{\n  \"schema_version\": \"1.0\",\n  \"id\": \""+seedID+"\",\n") || !strings.HasSuffix(data, "}\n") {
		t.Errorf("record not written as pretty JSON in schema order:\n%.200s", data)
	}
	if before["edge-cases.json"] != readTestFile(t, filepath.Join(recs, "edge-cases.json")) {
		t.Error("the record with no corrections was rewritten")
	}

	// Importing the same workbook again finds nothing to apply: the
	// record, reviewed now, agrees with the sheet.
	after := snapshot(t, recs)
	stdout, stderr, code = runCLI(t, "", "import", book, "-o", recs)
	if code != ExitOK || stdout != "" {
		t.Errorf("second import: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if diff := cmp.Diff(after, snapshot(t, recs)); diff != "" {
		t.Errorf("second import changed records:\n%s", diff)
	}
	// Its corrections are in the records, so the next export may replace
	// the corrected workbook.
	if _, stderr, code := runCLI(t, "", "export", "--format", "csv,xlsx", "-o", out, recs); code != ExitOK {
		t.Errorf("export after import: exit %d: %s", code, stderr)
	}
}

// importGolden compares got with testdata/import/<name>, or rewrites it
// with -update.
func importGolden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "import", name), []byte(got))
}

func readRecordMap(t *testing.T, path string) map[string]any {
	t.Helper()
	var rec map[string]any
	if err := json.Unmarshal([]byte(readTestFile(t, path)), &rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

func pointerJSON(t *testing.T, v any, pointer string) string {
	t.Helper()
	for _, k := range strings.Split(pointer, "/")[1:] {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				return "<missing>"
			}
			v = x[i]
		default:
			return "<missing>"
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportRefusesInvalid(t *testing.T) {
	tests := []struct {
		name       string
		edit       func(t *testing.T, f *excelize.File)
		wantStderr []string
		written    []string // records expected to change
	}{
		{
			name: "broken span, other record still merged",
			edit: func(t *testing.T, f *excelize.File) {
				q := openSheet(t, f, "quotes")
				q.set(q.row("document_id", seedID, "id", "q3"), "text", "North Korea delivered rockets")
				e := openSheet(t, f, "entities")
				e.set(e.row("document_id", "edge-cases", "id", "e1"), "subtype", "capital city")
			},
			wantStderr: []string{
				"dataset.xlsx, sheet quotes, row 4, column text: span-text: /quotes/2/text: text \"North Korea delivered rockets\" differs from text[1616:1714]",
				"records/" + seedID + ".json: the corrections would make the record invalid; not written",
				"import: updated 1 record, 0 unchanged, 1 not written",
			},
			written: []string{"edge-cases.json"},
		},
		{
			name: "enum value typed by hand",
			edit: func(t *testing.T, f *excelize.File) {
				e := openSheet(t, f, "entities")
				e.set(e.row("document_id", seedID, "id", "e4"), "type", "country")
			},
			wantStderr: []string{"sheet entities, row 5, column type: enum: /entities/3/type:"},
		},
		{
			name: "added row with an unknown document",
			edit: func(t *testing.T, f *excelize.File) {
				d := openSheet(t, f, "dates")
				d.add(map[string]any{"document_id": "no-such-doc", "id": "d1", "start": 0, "end": 4, "text": "2023", "value": "2023"})
			},
			wantStderr: []string{`sheet dates, row 7: document_id "no-such-doc" is not a record in `},
		},
		{
			name: "mention of an entity that is not there",
			edit: func(t *testing.T, f *excelize.File) {
				m := openSheet(t, f, "mentions")
				m.add(map[string]any{"document_id": seedID, "entity_id": "e99", "start": 0, "end": 7, "text": "Russian"})
			},
			wantStderr: []string{"sheet mentions, row 62: entity_id e99 names no entity of this document (no row in entities); correct the key or add that row"},
		},
		{
			name: "duplicate key",
			edit: func(t *testing.T, f *excelize.File) {
				q := openSheet(t, f, "quantities")
				q.set(q.row("document_id", seedID, "id", "n2"), "id", "n1")
			},
			wantStderr: []string{"sheet quantities, row 3: key n1 is also on row 2; each row needs its own key"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, out := importSetup(t, false)
			book := filepath.Join(out, "dataset.xlsx")
			editWorkbook(t, book, func(f *excelize.File) { tt.edit(t, f) })
			before := snapshot(t, recs)
			_, stderr, code := runCLI(t, "", "import", book, "-o", recs)
			importGolden(t, strings.NewReplacer(" ", "-", ",", "").Replace(tt.name)+".stderr", strings.ReplaceAll(stderr, filepath.ToSlash(filepath.Dir(recs)), "TMP"))
			if code != ExitInvalid {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitInvalid, stderr)
			}
			for _, w := range tt.wantStderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			after := snapshot(t, recs)
			for name := range before {
				if changed := before[name] != after[name]; changed != slices.Contains(tt.written, name) {
					t.Errorf("%s changed = %v, want %v", name, changed, !changed)
				}
			}
		})
	}
}

// TestImportReviewedNeedsForce corrects a reviewed record in its JSON
// after the export and in the workbook too: the workbook's corrections
// are not applied without --force, since they would undo the JSON's.
func TestImportReviewedNeedsForce(t *testing.T) {
	recs, out := importSetup(t, true)
	book := filepath.Join(out, "dataset.xlsx")
	editWorkbook(t, book, func(f *excelize.File) {
		e := openSheet(t, f, "entities")
		e.set(e.row("document_id", seedID, "id", "e16"), "type", "other")
	})
	seedPath := filepath.Join(recs, seedID+".json")
	writeTestFile(t, seedPath, strings.Replace(readTestFile(t, seedPath), `"by": "`, `"by": "Corrected in JSON, `, 1))
	before := readTestFile(t, seedPath)
	_, stderr, code := runCLI(t, "", "import", book, "-o", recs)
	if code != ExitInvalid || !strings.Contains(stderr, "is reviewed in its JSON and changed since the export; not changed, use --force to apply:") || !strings.Contains(stderr, "entities e16 type event -> other") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if readTestFile(t, seedPath) != before {
		t.Fatal("a reviewed record was changed without --force")
	}
	// The workbook holds corrections the records lack: export keeps it.
	if _, stderr, code := runCLI(t, "", "export", "--format", "xlsx", "-o", out, recs); code != ExitError || !strings.Contains(stderr, "dataset.xlsx changed since docset wrote it") {
		t.Errorf("export after a refused import: exit %d: %s", code, stderr)
	}
	stdout, stderr, code := runCLI(t, "", "import", book, "-o", recs, "--force")
	if code != ExitOK || !strings.Contains(stdout, "entities e16 type event -> other") {
		t.Fatalf("--force: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	if got := pointerJSON(t, readRecordMap(t, seedPath), "/entities/15/type"); got != `"other"` {
		t.Errorf("type = %s", got)
	}
	// The review time survives the workbook's date-time cell.
	if got := pointerJSON(t, readRecordMap(t, seedPath), "/review/at"); got != `"2023-09-06T08:30:00Z"` {
		t.Errorf("review.at = %s", got)
	}
}

// TestImportRoundTwo reviews in rounds: export, correct the workbook,
// import; export again, correct again, import again. The record is
// reviewed after the first round, but its JSON is as each export saw it,
// so each round's corrections apply without --force; so do corrections
// made to the same workbook after its import.
func TestImportRoundTwo(t *testing.T) {
	recs, out := importSetup(t, false)
	book := filepath.Join(out, "dataset.xlsx")
	seedPath := filepath.Join(recs, seedID+".json")
	rounds := []struct {
		id, typ string
		export  bool
	}{
		{"e12", "place", false},
		{"e13", "other", true},
		{"e14", "other", false}, // the same workbook, corrected again
	}
	for i, r := range rounds {
		if r.export {
			if _, stderr, code := runCLI(t, "", "export", "--format", "csv,xlsx", "-o", out, recs); code != ExitOK {
				t.Fatalf("round %d: export: exit %d: %s", i+1, code, stderr)
			}
		}
		editWorkbook(t, book, func(f *excelize.File) {
			e := openSheet(t, f, "entities")
			e.set(e.row("document_id", seedID, "id", r.id), "type", r.typ)
			if i == 0 {
				d := openSheet(t, f, "documents")
				d.set(d.row("id", seedID), "review_status", "reviewed")
			}
		})
		stdout, stderr, code := runCLI(t, "", "import", book, "-o", recs)
		if code != ExitOK || !strings.Contains(stdout, "entities "+r.id+" type ") {
			t.Fatalf("round %d: exit %d, stdout %q, stderr:\n%s", i+1, code, stdout, stderr)
		}
		if got := pointerJSON(t, readRecordMap(t, seedPath), "/review/status"); got != `"reviewed"` {
			t.Fatalf("round %d: review status %s", i+1, got)
		}
	}
}

func TestImportCSVEdits(t *testing.T) {
	for _, raw := range []bool{false, true} {
		t.Run("raw="+strconv.FormatBool(raw), func(t *testing.T) {
			var args []string
			if raw {
				args = []string{"--raw"}
			}
			recs, out := importSetup(t, false, args...)
			edit := func(name, from, to string) {
				p := filepath.Join(out, "csv", name)
				data := readTestFile(t, p)
				if !strings.Contains(data, from) {
					t.Fatalf("%s lacks %q", name, from)
				}
				writeTestFile(t, p, strings.Replace(data, from, to, 1))
			}
			edit("entities.csv", seedID+",e12,Wagner Group,organization,", seedID+",e12,Wagner Group,other,")
			edit("documents.csv", ",draft,,", ",reviewed,,")
			// A quantity row deleted.
			edit("quantities.csv", seedID+",n2,1276,1288,30 warplanes,30,warplanes\n", "")
			stdout, stderr, code := runCLI(t, "", "import", out, "-o", recs)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			want := seedID + ": review_status draft -> reviewed; entities e12 type organization -> other; quantities n2 removed; review_at (empty) -> NOW\n"
			if stdout = stamped(stdout); stdout != want {
				t.Errorf("stdout = %q, want %q", stdout, want)
			}
			rec := readRecordMap(t, filepath.Join(recs, seedID+".json"))
			if got := pointerJSON(t, rec, "/quantities"); got != `[{"end":1271,"id":"n1","start":1260,"text":"10 warships","unit":"warships","value":10}]` {
				t.Errorf("quantities = %s", got)
			}
			// The edge-case record's formula-like cells came back without
			// the apostrophe (or as is, with --raw): it is unchanged.
			if strings.Contains(stdout, "edge-cases") {
				t.Error("edge-cases changed")
			}
		})
	}
}

func TestImportFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    ImportOptions
		wantErr string
	}{
		{name: "defaults", args: []string{"out/dataset.xlsx", "-o", "out/records"}, want: ImportOptions{Source: "out/dataset.xlsx", RecordsDir: "out/records"}},
		{name: "everything", args: []string{"out", "--from", "csv", "-o", "r", "--dry-run", "--force"}, want: ImportOptions{Source: "out", From: "csv", RecordsDir: "r", DryRun: true, Force: true}},
		{name: "bad from", args: []string{"x", "--from", "ods", "-o", "r"}, wantErr: `--from: "ods" is not a source format (xlsx or csv)`},
		{name: "no output", args: []string{"x"}, wantErr: "-o: give the folder of records to merge into"},
		{name: "no source", args: []string{"-o", "r"}, wantErr: "accepts 1 arg(s), received 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _, errOut := iostreams.Test()
			var got *ImportOptions
			f := &Factory{IO: io}
			root := NewRootCmd(f)
			for _, c := range root.Commands() {
				if c.Name() == "import" {
					root.RemoveCommand(c)
				}
			}
			root.AddCommand(newImportCmd(f, func(_ context.Context, o *ImportOptions) error {
				got = o
				return nil
			}))
			root.SetArgs(append([]string{"import"}, tt.args...))
			err := root.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || ExitCode(err) != ExitError {
					t.Fatalf("err = %v (exit %d), want %q (exit 2); stderr %s", err, ExitCode(err), tt.wantErr, errOut)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.IO = nil
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImportBadSource(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "notes.txt"), "x")
	_, stderr, code := runCLI(t, "", "import", filepath.Join(dir, "notes.txt"), "-o", dir)
	if code != ExitError || !strings.Contains(stderr, "not a workbook (*.xlsx) or a folder of CSV files; say which with --from") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runCLI(t, "", "import", filepath.Join(dir, "missing.xlsx"), "-o", dir)
	if code != ExitError || !strings.Contains(stderr, "missing.xlsx: no such file or directory; give the exported dataset.xlsx or the export folder") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	writeTestFile(t, filepath.Join(dir, "fake.xlsx"), "not a zip")
	_, stderr, code = runCLI(t, "", "import", filepath.Join(dir, "fake.xlsx"), "-o", dir)
	if code != ExitError || !strings.Contains(stderr, "fake.xlsx: not an .xlsx workbook") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runCLI(t, "", "import", "--from", "xlsx", dir, "-o", dir)
	if code != ExitError || !strings.Contains(stderr, "--from xlsx needs the workbook file (dataset.xlsx), not a folder") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runCLI(t, "", "import", dir, "-o", dir)
	if code != ExitError || !strings.Contains(stderr, "none of the exported CSV files") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Fatal(err)
	}
}

// TestImportAfterLibreOffice saves the corrected workbook again with
// LibreOffice, as a reviewer working there would, and imports that: the
// corrections come through and nothing else changes.
func TestImportAfterLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is missing: apt-get install -y --no-install-recommends libreoffice-calc-nogui")
	}
	recs, out := importSetup(t, false)
	book := filepath.Join(out, "dataset.xlsx")
	editWorkbook(t, book, reviewerEdits(t))
	saved := filepath.Join(t.TempDir(), "saved")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()), "--convert-to", "xlsx", "--outdir", saved, book)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	stdout, stderr, code := runCLI(t, "", "import", filepath.Join(saved, "dataset.xlsx"), "-o", recs)
	if code != ExitOK || stamped(stdout) != reviewerSummary {
		t.Fatalf("exit %d\nstdout %q\nwant   %q\nstderr %s", code, stdout, reviewerSummary, stderr)
	}
}
