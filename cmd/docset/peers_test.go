//go:build unix

package main

// The peers of the benchmarks: what a programmer would write to do one
// export job with the plain library and nothing else (no validation, no
// order by id, no atomic files). They run in a process of their own, this
// test binary started again with peerEnv set, so that their time and
// memory are measured like docset's.

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/docset/docset/schema"
)

// peerEnv names the peer a test binary runs instead of the tests.
const peerEnv = "DOCSET_BENCH_PEER"

// runPeerMain runs the peer the environment names, if any, and exits.
func runPeerMain() {
	peer := os.Getenv(peerEnv)
	if peer == "" {
		return
	}
	var err error
	switch peer {
	case "csv":
		err = peerCSV(os.Args[1], os.Args[2])
	case "xlsx":
		err = peerXLSX(os.Args[1], os.Args[2])
	default:
		err = fmt.Errorf("unknown peer %q", peer)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "peer %s: %v\n", peer, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// eachRecord decodes every *.json record under dir, in path order.
func eachRecord(dir string, fn func(rec map[string]any) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var rec map[string]any
		if err := dec.Decode(&rec); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		return fn(rec)
	})
}

// peerCSV writes every table of the records under in as out/<table>.csv
// with encoding/csv.
func peerCSV(in, out string) error {
	layout, err := schema.DefaultLayout()
	if err != nil {
		return err
	}
	writers := make([]*csv.Writer, len(layout.Tables))
	bufs := make([]*bufio.Writer, len(layout.Tables))
	for i, t := range layout.Tables {
		f, err := os.Create(filepath.Join(out, t.Name+".csv"))
		if err != nil {
			return err
		}
		defer f.Close()
		bufs[i] = bufio.NewWriterSize(f, 64<<10)
		writers[i] = csv.NewWriter(bufs[i])
		var header []string
		for _, c := range t.Columns {
			header = append(header, c.Name)
		}
		if err := writers[i].Write(header); err != nil {
			return err
		}
	}
	var fields []string
	err = eachRecord(in, func(rec map[string]any) error {
		for i, t := range layout.Tables {
			err := t.Rows(rec, func(row []any) error {
				fields = fields[:0]
				for _, v := range row {
					switch v := v.(type) {
					case nil:
						fields = append(fields, "")
					case string:
						fields = append(fields, v)
					case json.Number:
						fields = append(fields, v.String())
					case bool:
						fields = append(fields, strconv.FormatBool(v))
					default:
						fields = append(fields, fmt.Sprint(v))
					}
				}
				return writers[i].Write(fields)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, w := range writers {
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
		if err := bufs[i].Flush(); err != nil {
			return err
		}
	}
	return nil
}

// peerXLSX writes the records under in as out/dataset.xlsx with a bare
// excelize StreamWriter: one sheet per table, a header row, then the rows
// with numbers as numbers.
func peerXLSX(in, out string) error {
	layout, err := schema.DefaultLayout()
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sws := make([]*excelize.StreamWriter, len(layout.Tables))
	rows := make([]int, len(layout.Tables))
	for i, t := range layout.Tables {
		if _, err := f.NewSheet(t.Name); err != nil {
			return err
		}
		if sws[i], err = f.NewStreamWriter(t.Name); err != nil {
			return err
		}
		header := make([]any, len(t.Columns))
		for j, c := range t.Columns {
			header[j] = c.Name
		}
		if err := sws[i].SetRow("A1", header); err != nil {
			return err
		}
		rows[i] = 1
	}
	var cells []any
	err = eachRecord(in, func(rec map[string]any) error {
		for i, t := range layout.Tables {
			err := t.Rows(rec, func(row []any) error {
				cells = cells[:0]
				for _, v := range row {
					if n, ok := v.(json.Number); ok {
						if x, err := n.Float64(); err == nil {
							v = x
						}
					}
					cells = append(cells, v)
				}
				rows[i]++
				return sws[i].SetRow("A"+strconv.Itoa(rows[i]), cells)
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, sw := range sws {
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.SaveAs(filepath.Join(out, "dataset.xlsx"))
}
