package exporters

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAboutFitsThePage checks the About sheet's prose: it says how
// corrections come back (docset import), and every paragraph stays
// within the first columns, the part a reader sees (and a page holds),
// wrapped in cells tall enough to show it.
func TestAboutFitsThePage(t *testing.T) {
	f := openXLSX(t, xlsxExport(t, &xlsxExporter{limits: excelLimits}, testDataset(t)))
	rows, err := f.GetRows(aboutSheet)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := f.GetMergeCells(aboutSheet)
	if err != nil {
		t.Fatal(err)
	}
	// The width of the cells each text is shown in, by cell.
	span := map[string]float64{}
	for _, m := range merged {
		from, _, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		to, _, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		for c := from; c <= to; c++ {
			span[m.GetStartAxis()] += aboutWidths[c-1]
		}
	}
	// The first three columns fit a portrait page.
	page := aboutWidths[0] + aboutWidths[1] + aboutWidths[2]
	says := false
	for r, row := range rows {
		if len(row) > 0 && row[0] == "Sheets" {
			break // the tables below have columns of their own
		}
		for c, text := range row {
			if text == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			says = says || strings.Contains(text, "docset import")
			if strings.Contains(text, "never read back") {
				t.Errorf("%s says the workbook is never read back: %q", ref, text)
			}
			width := span[ref]
			if width == 0 {
				width = aboutWidths[c]
			}
			left := 0.0
			for _, w := range aboutWidths[:c] {
				left += w
			}
			if left+width > page {
				t.Errorf("%s runs past column C: %q", ref, text)
			}
			lines := wrappedLines(text, width)
			if lines == 1 {
				continue
			}
			style, err := f.GetCellStyle(aboutSheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			s, err := f.GetStyle(style)
			if err != nil {
				t.Fatal(err)
			}
			h, err := f.GetRowHeight(aboutSheet, r+1)
			if err != nil {
				t.Fatal(err)
			}
			if s.Alignment == nil || !s.Alignment.WrapText || h < rowHeight(lines) {
				t.Errorf("%s needs %d lines, wrapped, but is not wrapped or its row is %v high: %q", ref, lines, h, text)
			}
		}
	}
	if !says {
		t.Error("the About sheet does not say how corrections come back (docset import)")
	}
}
