package main

import (
	"archive/zip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/internal/xlsxread"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// removeDocsetBinary removes what docsetBinary built; TestMain calls it.
func removeDocsetBinary() {
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
}

// docsetBinary builds docset, without the race detector the tests may run
// under, so that a test can run it as a user does: in a process of its
// own, to measure its memory or kill it.
func docsetBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "docset-test-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "docset")
		out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// processRun is what a docset process did.
type processRun struct {
	stderr string
	code   int
	// cpu is user and system time; peakRSS the most memory it held.
	cpu     time.Duration
	peakRSS int64
}

func runProcess(t *testing.T, args ...string) processRun {
	t.Helper()
	cmd := exec.Command(docsetBinary(t), args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The child's own high-water mark, read while it runs: the rusage of
	// a child also counts the memory of the test process that started it.
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		for {
			if kb := vmHWM(status); kb > peak.Load() {
				peak.Store(kb)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return processRun{
		stderr:  stderr.String(),
		code:    cmd.ProcessState.ExitCode(),
		cpu:     cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		peakRSS: peak.Load() * 1024,
	}
}

// vmHWM reads the peak resident memory, in KiB, from a /proc status file.
func vmHWM(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb
		}
	}
	return 0
}

const (
	sheetStart = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetEnd   = `</sheetData></worksheet>`
	// mentionsHeader is row 1 of the mentions sheet.
	mentionsHeader = `<row r="1"><c r="A1" t="inlineStr"><is><t>document_id</t></is></c><c r="B1" t="inlineStr"><is><t>entity_id</t></is></c><c r="C1" t="inlineStr"><is><t>start</t></is></c><c r="D1" t="inlineStr"><is><t>end</t></is></c><c r="E1" t="inlineStr"><is><t>text</t></is></c></row>`
)

// mentionRow is a row of the mentions sheet without a row number, so
// that it can be repeated; doc names its document.
func mentionRow(doc string) string {
	return `<row><c t="inlineStr"><is><t>` + doc + `</t></is></c><c t="inlineStr"><is><t>e1</t></is></c><c><v>0</v></c><c><v>7</v></c><c t="inlineStr"><is><t>Russian</t></is></c></row>`
}

// sheetParts maps the workbook's sheet names to their parts.
func sheetParts(t *testing.T, book string) map[string]string {
	t.Helper()
	wb, err := xlsxread.Open(book, xlsxread.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	parts := map[string]string{}
	for _, s := range wb.Sheets() {
		parts[s.Name] = s.Part
	}
	return parts
}

// TestHostileWorkbooks imports workbooks made to hurt: zip bombs, sheets
// past Excel's limits, damaged parts, formulas, a workbook of another
// program, floods of bad rows. Each runs as a docset process of its own:
// it must be refused with a message that says why, within 500 MB and 10
// CPU seconds, leaving every record as it was.
func TestHostileWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds docset and runs it on bombs")
	}
	recs, out := importSetup(t, false)
	book := filepath.Join(out, "dataset.xlsx")
	parts := sheetParts(t, book)
	big := 1150 << 20 // 1.15 GB, as the bombs found
	tests := []struct {
		name  string
		parts []bombPart
		make  func(t *testing.T, path string) // instead of parts
		code  int
		want  string
	}{
		{
			name: "one cell of 1.15 GB",
			parts: []bombPart{{name: parts["quotes"], prefix: sheetStart + `<row r="1"><c r="A1" t="inlineStr"><is><t>`,
				chunk: "A", count: big, suffix: `</t></is></c></row>` + sheetEnd}},
			code: ExitError, want: "sheet quotes: past the limit: 1.1 GiB uncompressed, more than the 512.0 MiB a part may have",
		},
		{
			name: "1.15 GB of rows",
			parts: []bombPart{{name: parts["mentions"], prefix: sheetStart + mentionsHeader,
				chunk: mentionRow(seedID), count: big / len(mentionRow(seedID)), suffix: sheetEnd}},
			code: ExitError, want: "sheet mentions: past the limit: 1.1 GiB uncompressed",
		},
		{
			name: "1.15 GB claiming to be 1 MiB",
			parts: []bombPart{{name: parts["quotes"], prefix: sheetStart + `<row r="1"><c r="A1" t="inlineStr"><is><t>`,
				chunk: "A", count: big, suffix: `</t></is></c></row>` + sheetEnd, declare: 1 << 20}},
			code: ExitError, want: "sheet quotes: the workbook is damaged",
		},
		{
			name: "1,100,000 rows declared",
			parts: []bombPart{{name: parts["mentions"], prefix: strings.Replace(sheetStart, "<sheetData>", `<dimension ref="A1:E1100001"/><sheetData>`, 1) + mentionsHeader,
				chunk: mentionRow(seedID), count: 1_100_000, suffix: sheetEnd}},
			code: ExitError, want: "sheet mentions: past the limit: the sheet holds more than the 1048576 rows a sheet may have",
		},
		{
			name: "1,100,000 rows undeclared",
			parts: []bombPart{{name: parts["mentions"], prefix: sheetStart + mentionsHeader,
				chunk: mentionRow(seedID), count: 1_100_000, suffix: sheetEnd}},
			code: ExitError, want: "sheet mentions: past the limit: the sheet holds more than the 1048576 rows a sheet may have",
		},
		{
			name: "200 MiB of shared strings",
			parts: []bombPart{
				{name: parts["entities"], prefix: sheetStart, chunk: `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, count: 1, suffix: sheetEnd},
				{name: "xl/sharedStrings.xml", prefix: `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`,
					chunk: `<si><t>x</t></si>`, count: 200 << 20 / 17, suffix: `</sst>`},
			},
			code: ExitError, want: "xl/sharedStrings.xml: past the limit: 200.0 MiB uncompressed, more than the 128.0 MiB a part may have",
		},
		{
			name: "elements nested a million deep",
			parts: []bombPart{{name: parts["quotes"], prefix: sheetStart + `<row r="1">`,
				chunk: "<c>", count: 1 << 20, suffix: `</row>` + sheetEnd}},
			code: ExitError, want: "elements nested more than 64 deep",
		},
		{
			name: "100 MiB without markup",
			parts: []bombPart{{name: parts["quotes"], prefix: sheetStart + `<row r="1"><c r="A1" t="inlineStr"><is><t>`,
				chunk: "&amp;", count: 20 << 20, suffix: `</t></is></c></row>` + sheetEnd}},
			code: ExitError, want: "of text or markup in one piece; no cell holds that much",
		},
		{
			name: "200,000 formulas",
			parts: []bombPart{{name: parts["mentions"], prefix: sheetStart + mentionsHeader,
				chunk: `<row><c t="inlineStr"><is><t>` + seedID + `</t></is></c><c t="inlineStr"><is><t>e1</t></is></c><c><f>1+1</f><v>2</v></c></row>`, count: 200_000, suffix: sheetEnd}},
			code: ExitError, want: "sheet mentions: 199980 more problems like these not shown",
		},
		{
			name: "rows for a hundred thousand documents that are not there",
			parts: []bombPart{{name: parts["mentions"], prefix: sheetStart + mentionsHeader,
				chunk: mentionRow("ghost"), count: 100_000, suffix: sheetEnd}},
			code: ExitInvalid, want: "sheet mentions: 99980 more problems like these not shown",
		},
		{
			name: "more rows for one document than import merges",
			parts: []bombPart{{name: parts["mentions"], prefix: sheetStart + mentionsHeader,
				chunk: mentionRow(seedID), count: 20_000, suffix: sheetEnd}},
			code: ExitInvalid, want: "rows for document " + seedID + ", more than the ",
		},
		{
			name:  "broken XML",
			parts: []bombPart{{name: parts["quotes"], prefix: sheetStart, chunk: `<row r="1"><c r="A1" t="inlineStr"><is><t>a &nbsp; b</t></is></c></row>`, count: 1, suffix: sheetEnd}},
			code:  ExitError, want: "sheet quotes, A1: broken XML at line 1 (invalid character entity &nbsp;)",
		},
		{
			name: "a sheet failing its checksum",
			make: func(t *testing.T, path string) {
				copyTestFile(t, book, path)
				zr, err := zip.OpenReader(path)
				if err != nil {
					t.Fatal(err)
				}
				var off int64
				for _, f := range zr.File {
					if f.Name == parts["quotes"] {
						off, err = f.DataOffset()
						if err != nil {
							t.Fatal(err)
						}
					}
				}
				zr.Close()
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				// A flipped bit in the last byte of the compressed data: it
				// still inflates, to the wrong bytes.
				data[off+100] ^= 0x10
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			},
			code: ExitError, want: "sheet quotes: the workbook is damaged",
		},
		{
			name: "a workbook of another program",
			make: func(t *testing.T, path string) {
				f := excelize.NewFile()
				if err := f.SetCellValue("Sheet1", "A1", "budget"); err != nil {
					t.Fatal(err)
				}
				if err := f.SaveAs(path); err != nil {
					t.Fatal(err)
				}
			},
			code: ExitError, want: "none of the sheets docset exports (documents, paragraphs, entities, mentions, quotes, dates, quantities) is in this workbook",
		},
	}
	before := snapshot(t, recs)
	tmp := os.TempDir()
	leftovers := func() []string {
		m, _ := filepath.Glob(filepath.Join(tmp, "docset-import-*"))
		return m
	}
	tmpBefore := leftovers()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dataset.xlsx")
			if tt.make != nil {
				tt.make(t, path)
			} else {
				withParts(t, book, path, tt.parts...)
			}
			r := runProcess(t, "import", path, "-o", recs)
			t.Logf("exit %d, %v CPU, %d MB peak", r.code, r.cpu, r.peakRSS>>20)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%.3000s", r.code, tt.code, tt.want, r.stderr)
			}
			if r.cpu > 10*time.Second {
				t.Errorf("took %v of CPU, want under 10s", r.cpu)
			}
			if r.peakRSS > 500<<20 {
				t.Errorf("peak memory %d MB, want under 500 MB", r.peakRSS>>20)
			}
			if n := strings.Count(r.stderr, "\n"); n > 50 {
				t.Errorf("%d lines of messages, want a few per sheet", n)
			}
			if diff := cmp.Diff(before, snapshot(t, recs)); diff != "" {
				t.Errorf("records changed (-before +after):\n%s", diff)
			}
		})
	}
	if diff := cmp.Diff(tmpBefore, leftovers()); diff != "" {
		t.Errorf("files left in %s (-before +after):\n%s", tmp, diff)
	}
}
