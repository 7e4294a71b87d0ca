// Package exporters writes a validated dataset in the formats its consumers
// read: CSV with a Data Package descriptor, XLSX and JSON-LD. All of them
// follow the record schema: the tabular ones through schema.Layout, JSON-LD
// through the schema's x-jsonld annotations.
package exporters

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/docset/docset/schema"
)

// Dataset is what an exporter writes.
type Dataset struct {
	// Layout is the tabular shape; tests may pass one parsed from a
	// modified schema.
	Layout *schema.Layout
	// Schema is the record schema document the layout came from.
	Schema []byte
	// Count is the number of records Records yields.
	Count int
	// Records calls fn with every record, decoded from JSON with UseNumber
	// into map[string]any, in a stable order (sorted by record id). It may
	// be called more than once, e.g. once per table, so a dataset larger
	// than memory can be streamed; fn must not keep rec.
	Records func(fn func(rec map[string]any) error) error
}

// Options are the settings a user can give any exporter; each reads the
// ones that concern it.
type Options struct {
	// Excel makes CSV files Excel-friendly: UTF-8 BOM and CRLF row ends.
	Excel bool
	// Raw turns off CSV formula-injection neutralization.
	Raw bool
	// BaseIRI is the base of JSON-LD @ids.
	BaseIRI string
}

// Exporter writes a dataset into an output directory. Every file it writes
// appears atomically (internal/atomicfile): a reader never sees half a file,
// and a failed export leaves the previous file in place.
type Exporter interface {
	// Export writes every record of ds: Plan, then WriteParts reading each
	// record's part as it is encoded.
	Export(ctx context.Context, ds *Dataset, dir string) error
	// Plan binds the exporter to ds's layout and schema (ds.Records is not
	// read), for an export that encodes the records itself.
	Plan(ds *Dataset) (Plan, error)
}

// Plan is one format's export of one dataset, split in two so that the
// costly half runs on every core: EncodeRecord turns each record into its
// part of the output (its rows, its nodes), in any order and concurrently;
// WriteParts writes the files from every record's part, in dataset order.
// The output is the same whatever the order the parts were encoded in.
type Plan interface {
	// EncodeRecord appends rec's part to dst. It is safe for concurrent
	// use and does not keep rec.
	EncodeRecord(dst []byte, rec map[string]any) ([]byte, error)
	// WriteParts writes the format's files under dir from parts.
	WriteParts(ctx context.Context, parts Parts, dir string) error
}

// Parts calls fn with the part of every record of a dataset, as
// Plan.EncodeRecord made it, in dataset order (sorted by record id). It
// may be called more than once, e.g. once to measure and once to write;
// fn must not keep part. An error reading or encoding a part is returned
// as is.
type Parts func(fn func(part []byte) error) error

// exportDataset is Exporter.Export for every format.
func exportDataset(ctx context.Context, x Exporter, ds *Dataset, dir string) error {
	p, err := x.Plan(ds)
	if err != nil {
		return err
	}
	return p.WriteParts(ctx, encodedParts(p, ds), dir)
}

// encodedParts are the parts of ds's records, each encoded by p as it is
// asked for, so that nothing is held but one part.
func encodedParts(p Plan, ds *Dataset) Parts {
	return func(fn func([]byte) error) error {
		var buf []byte
		return ds.Records(func(rec map[string]any) error {
			var err error
			if buf, err = p.EncodeRecord(buf[:0], rec); err != nil {
				return err
			}
			return fn(buf)
		})
	}
}

// Format describes one output format. The CLI's --format flag, its
// completion and its help all read Formats.
type Format struct {
	Name        string
	Description string
	// Output is the path the format writes, relative to the output dir.
	Output string
	New    func(Options) Exporter
	// Files lists every file the format writes for a layout, as slash
	// paths relative to the output dir (nil: just Output).
	Files func(*schema.Layout) []string
}

// OutputFiles lists every file f writes for layout l, as slash paths
// relative to the output directory.
func (f Format) OutputFiles(l *schema.Layout) []string {
	if f.Files != nil {
		return f.Files(l)
	}
	return []string{f.Output}
}

// formats is the table of every format; one row per format.
var formats = []Format{
	{Name: "csv", Description: "CSV: one RFC 4180 file per table under csv/, described by a Frictionless datapackage.json", Output: csvDir + "/", New: func(o Options) Exporter { return NewCSV(o) }, Files: csvFiles},
	{Name: "xlsx", Description: "Excel workbook: an About sheet, then a typed, filterable sheet per table", Output: xlsxOutput, New: newXLSX},
	{Name: "jsonld", Description: "JSON-LD: schema.org NewsArticle graph with W3C Web Annotation provenance", Output: jsonldFile, New: func(o Options) Exporter { return NewJSONLD(o) }},
}

// Formats returns every supported format, sorted by name.
func Formats() []Format {
	out := append([]Format(nil), formats...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup resolves a format name.
func Lookup(name string) (Format, error) {
	var names []string
	for _, f := range Formats() {
		if f.Name == name {
			return f, nil
		}
		names = append(names, f.Name)
	}
	return Format{}, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(names, ", "))
}
