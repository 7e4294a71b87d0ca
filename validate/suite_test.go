package validate

import "encoding/json"

// suiteDir is the repository's copy of the official JSON Schema Test Suite.
const suiteDir = "../testdata/JSON-Schema-Test-Suite"

// suiteGroup is one schema of a suite file with its test documents.
type suiteGroup struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
}
