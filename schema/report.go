package schema

import (
	"bytes"
	_ "embed"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed report.schema.json
var reportJSON []byte

// ReportID is the absolute $id of the report schema: the shape of the
// report.json that run, export and extract write.
const ReportID = "https://docset.invalid/schema/report/1.json"

// ReportJSON returns the report schema as shipped, byte for byte.
func ReportJSON() []byte { return bytes.Clone(reportJSON) }

var compiledReport = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return compileDoc("report", ReportID, reportJSON)
})

// CompiledReport returns the compiled report schema, compiled once.
func CompiledReport() (*jsonschema.Schema, error) { return compiledReport() }
