// Package schema holds the docset record schema, the single source of truth
// for the record's Go types, the exported tables and the JSON-LD mapping.
package schema

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

//go:embed record.schema.json
var recordJSON []byte

// ID is the absolute $id of the record schema.
const ID = "https://docset.invalid/schema/record/1.json"

// JSON returns the record schema as shipped, byte for byte.
func JSON() []byte { return bytes.Clone(recordJSON) }

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return Compile(recordJSON)
})

// Compiled returns the compiled record schema. It is compiled once and is
// safe for concurrent use.
func Compiled() (*jsonschema.Schema, error) { return compiled() }

// Compile compiles a record schema document (the embedded one, or a modified
// copy in tests) with format assertions on and no loading from anywhere else.
func Compile(doc []byte) (*jsonschema.Schema, error) {
	return compileDoc("record", ID, doc)
}

// compileDoc compiles one of docset's self-contained schemas (what names
// it in errors) under its $id.
func compileDoc(what, id string, doc []byte) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.LoadURL = func(s string) (_ io.ReadCloser, err error) {
		return nil, fmt.Errorf("refusing to load %s: the %s schema is self-contained", s, what)
	}
	if err := c.AddResource(id, bytes.NewReader(doc)); err != nil {
		return nil, fmt.Errorf("%s schema: %w", what, err)
	}
	s, err := c.Compile(id)
	if err != nil {
		return nil, fmt.Errorf("%s schema: %w", what, err)
	}
	return s, nil
}
