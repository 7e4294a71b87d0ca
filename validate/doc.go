// Package validate checks JSON documents and reports each problem with the
// file, line and column it is at, its JSON Pointer, the rule that failed and
// a message saying what to fix. It backs `docset validate`.
//
// A Validator is compiled once and is safe for concurrent use. New checks
// docset records: the embedded record schema (schema.JSON, compiled with
// its $defs references inlined, which changes no finding) plus the checks
// JSON Schema cannot express:
//
//	span-range       a span's start/end lie outside text, or start > end
//	span-text        a span's text differs from text[start:end]; offsets
//	                 count Unicode code points (paragraphs, sentences,
//	                 mentions, quotes, dates, quantities)
//	unique-id        an id repeats within paragraphs, entities, quotes,
//	                 dates or quantities
//	speaker-ref      a quotation's speaker is not an entity id
//	mention-overlap  a mention of one entity overlaps another entity's
//
// NewForSchema checks any JSON against a schema file of draft 4, 6, 7,
// 2019-09 or 2020-12, with format assertions on unless
// SchemaOptions.FormatAnnotations is set. Its $refs never reach the
// network: a relative $ref is read from the schema's folder and below; a
// $ref by URL is served by the local registry, in this order, from a
// SchemaOptions.Refs schema with that $id (id in draft 4), from the file
// at the same relative path under a SchemaOptions.Maps folder (or a schema
// there with that $id), or from a schema with that $id beside the schema
// file or below its folder. A file without an $id beside a served schema
// also answers a $ref relative to that schema's $id. Two files claiming
// one $id are a RegistryError naming both. A symlink leading out of a
// folder is never followed. A $ref nothing serves is one of the
// Validator's Warnings; a document that reaches it gets an
// UnresolvedRefError (the file's error) instead of a result, and a
// document that runs the schema into a cycle (a schema applying itself to
// the same value) a SchemaLoopError.
//
// pattern, patternProperties and format "regex" are ECMA-262 regular
// expressions. A pattern that means the same in Go's syntax (after
// spelling out ".", "\s" and "\uXXXX") runs on Go's regexp; any other
// (lookaround, backreferences, ...) on regexp2 in ECMAScript mode, each
// match bounded by SchemaOptions.MatchTimeout and a stack limit: a match
// that gives up is a pattern finding. A pattern that is not ECMA-262 makes
// the schema unusable (a SchemaDocError at its line and column). const in
// a draft 4 schema is applied, as ajv does.
//
// # Input
//
// Validate takes files, directories (their *.json, *.ndjson and *.jsonl
// files, recursively, in lexical order, skipping hidden directories such
// as .git) and "-" for standard input. Files
// named *.ndjson or *.jsonl hold one document per line; they are streamed
// in bounded batches, so memory does not grow with the file, and a line
// longer than Validator.MaxLineBytes is a line-too-long finding. Standard
// input is NDJSON when its first non-blank line is a complete JSON value,
// otherwise one document. Many documents are checked in parallel; the
// report is in input order whatever the parallelism.
//
// Documents are decoded once, by a strict decoder that hands jsonschema
// json.Number values and reports, as findings: json-syntax (with the place
// of the error), empty, invalid-utf8, duplicate-key (the last value is the
// one checked, as encoding/json keeps it) and number-range (a number
// beyond float64). A UTF-8 byte order mark at the start of a file or of an
// NDJSON file's first line is accepted and ignored, without a finding;
// offsets are counted after it. Findings are located in the source text
// only when a document has any, so valid documents take the fast path.
//
// Problems that stop a file from being read at all (missing, unreadable, a
// directory without JSON files) are FileReport.Err, not findings; the
// other files are still validated.
//
// # Output
//
// Formats lists the renderers: text (for people, with the source line and
// a caret), json, github (GitHub Actions ::error workflow commands), junit
// (JUnit XML: one testsuite, one testcase per file, a failure per file with
// findings, an error per file that could not be read) and sarif (SARIF
// 2.1.0 for code scanning: a rule per check and schema keyword, described
// by Rules; a result per finding with its region, JSON Pointer and a
// partial fingerprint; unreadable files as tool execution notifications).
//
// When the schema cannot be used, the report has Schema set and no files;
// each format says so in its own shape: json a schema_error object, junit a
// testcase with an error, github an ::error annotation on the schema file,
// sarif a tool execution notification (executionSuccessful false, exit code
// 2). text writes nothing, leaving it to the command's error message.
//
// The json format is one object, stable in shape (fields are only ever
// added):
//
//	{
//	  "valid": false,                  // no findings and no file errors
//	  "summary": {
//	    "files": 2,                    // inputs reported (files found + errors)
//	    "records": 3,                  // documents read (NDJSON: non-blank lines)
//	    "invalid_records": 1,          // documents with at least one finding
//	    "findings": 1,
//	    "errors": 0                    // files (or the schema) that could not be used
//	  },
//	  "schema_error": {                // only when the schema cannot be used
//	    "schema": "api/order.schema.json",
//	    "message": "…"
//	  },
//	  "files": [
//	    {
//	      "file": "out/a.json",        // as given, or as found under a directory
//	      "valid": false,
//	      "records": 1,
//	      "invalid_records": 1,
//	      "error": "…",                // only when the file could not be validated
//	      "findings": [                // always an array, in file order
//	        {
//	          "file": "out/a.json",
//	          "line": 12,              // 1-based; NDJSON: the record's line
//	          "column": 7,             // 1-based, in Unicode code points
//	          "offset": 311,           // 0-based byte offset in the file
//	          "pointer": "/entities/0/mentions/1/text",  // RFC 6901; "" = whole document
//	          "rule": "span-text",     // schema keyword or docset check name
//	          "message": "…"
//	        }
//	      ]
//	    }
//	  ]
//	}
//
// Standard input is reported as the file "<stdin>".
package validate
