package validate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	orderSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://example.com/schemas/order.json",
  "type": "object",
  "properties": {"ship_to": {"$ref": "address.json"}, "id": {"$ref": "common/ids.json#/$defs/order"}},
  "required": ["ship_to"]
}`
	addressSchema = `{"$id": "https://example.com/schemas/address.json", "type": "object", "required": ["city"]}`
	idsSchema     = `{"$id": "https://example.com/schemas/common/ids.json", "$defs": {"order": {"type": "string", "pattern": "^o-[0-9]+$"}}}`
)

// TestRegistryResolves: every way a $ref by URL finds a local file, with
// the documents that must pass and fail through it.
func TestRegistryResolves(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // "main.json" is the --schema file
		opts  func(dir string) SchemaOptions
	}{
		{"beside the schema, by $id", map[string]string{
			"schemas/main.json": orderSchema, "schemas/address.json": addressSchema, "schemas/sub/ids.json": idsSchema,
		}, nil},
		{"beside the schema, by path relative to its $id", map[string]string{
			"schemas/main.json":            strings.Replace(orderSchema, "order.json", "main.json", 1),
			"schemas/address.json":         `{"type": "object", "required": ["city"]}`,
			"schemas/common/ids.json":      `{"$defs": {"order": {"type": "string", "pattern": "^o-[0-9]+$"}}}`,
			"schemas/unrelated/other.json": `{"$id": "https://other.example/x.json"}`,
		}, nil},
		{"--ref file and --ref folder", map[string]string{
			"schemas/main.json": orderSchema, "lib/address.json": addressSchema, "more/deep/er/ids.json": idsSchema,
		}, func(dir string) SchemaOptions {
			return SchemaOptions{Refs: []string{filepath.Join(dir, "lib/address.json"), filepath.Join(dir, "more")}}
		}},
		{"--map by path", map[string]string{
			"schemas/main.json": orderSchema, "mirror/address.json": addressSchema, "mirror/common/ids.json": idsSchema,
		}, func(dir string) SchemaOptions {
			return SchemaOptions{Maps: []Mapping{{Prefix: "https://example.com/schemas", Dir: filepath.Join(dir, "mirror")}}}
		}},
		{"--map falls back to $id in its folder", map[string]string{
			"schemas/main.json": orderSchema, "mirror/addr-v1.json": addressSchema, "mirror/ids.json": idsSchema,
		}, func(dir string) SchemaOptions {
			return SchemaOptions{Maps: []Mapping{{Prefix: "https://example.com/schemas/", Dir: filepath.Join(dir, "mirror")}}}
		}},
		{"draft 4 id", map[string]string{
			"schemas/main.json":    `{"$schema": "http://json-schema.org/draft-04/schema#", "id": "https://example.com/schemas/order.json", "properties": {"ship_to": {"$ref": "address.json"}, "id": {"$ref": "https://example.com/schemas/common/ids.json#/definitions/order"}}, "required": ["ship_to"]}`,
			"schemas/address.json": `{"$schema": "http://json-schema.org/draft-04/schema#", "id": "https://example.com/schemas/address.json", "required": ["city"]}`,
			"schemas/x/ids.json":   `{"$schema": "http://json-schema.org/draft-04/schema#", "id": "https://example.com/schemas/common/ids.json", "definitions": {"order": {"type": "string", "pattern": "^o-[0-9]+$"}}}`,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				writeFile(t, filepath.Join(dir, name), content)
			}
			var opts SchemaOptions
			if tt.opts != nil {
				opts = tt.opts(dir)
			}
			v, err := NewForSchema(filepath.Join(dir, "schemas/main.json"), opts)
			if err != nil {
				t.Fatal(err)
			}
			for doc, want := range map[string]string{
				`{"ship_to": {"city": "Oslo"}, "id": "o-12"}`: "",
				`{"ship_to": {}, "id": "o-12"}`:               "required",
				`{"ship_to": {"city": "Oslo"}, "id": "12"}`:   "pattern",
			} {
				checkRules(t, v, doc, want)
			}
		})
	}
}

// TestRegistryRefuses: a $ref the registry will not serve is a warning
// saying why and what to do, and a document reaching it cannot be
// validated (a FileReport error, never a fetch). A --ref or --map that
// cannot serve, and two files claiming one $id, are a SchemaError.
func TestRegistryRefuses(t *testing.T) {
	const reachesAddress = `{"ship_to": {}}`
	tests := []struct {
		name     string
		files    map[string]string
		symlinks map[string]string // link -> target, both relative to the temp dir
		opts     func(dir string) SchemaOptions
		want     []string
		// reaches is a document that needs the unserved schema; "" when
		// the schema itself is refused.
		reaches string
	}{
		{"unknown URL", map[string]string{"schemas/main.json": orderSchema}, nil, nil,
			[]string{"$ref https://example.com/schemas/address.json at ", "main.json (/properties/ship_to/$ref): remote schemas are not fetched", "--ref FILE", "--map URL_PREFIX=DIR"}, reachesAddress},
		{"two files claim the $id beside the schema", map[string]string{
			"schemas/main.json": orderSchema, "schemas/a/address.json": addressSchema, "schemas/b/address.json": addressSchema, "schemas/ids.json": idsSchema,
		}, nil, nil, []string{"$ref https://example.com/schemas/address.json:", "schemas/a/address.json and ", "schemas/b/address.json both have this $id"}, ""},
		{"two --ref files claim the $id", map[string]string{
			"schemas/main.json": orderSchema, "lib/address.json": addressSchema, "lib/copy/address.json": addressSchema, "schemas/ids.json": idsSchema,
		}, nil, func(dir string) SchemaOptions { return SchemaOptions{Refs: []string{filepath.Join(dir, "lib")}} },
			[]string{"lib/address.json and ", "lib/copy/address.json both have this $id"}, ""},
		{"--ref file without $id", map[string]string{"schemas/main.json": `{}`, "lib/a.json": `{"type": "string"}`}, nil,
			func(dir string) SchemaOptions { return SchemaOptions{Refs: []string{filepath.Join(dir, "lib/a.json")}} },
			[]string{"lib/a.json: the schema has no absolute $id"}, ""},
		{"--ref missing", map[string]string{"schemas/main.json": `{}`}, nil,
			func(dir string) SchemaOptions { return SchemaOptions{Refs: []string{filepath.Join(dir, "nope")}} },
			[]string{"--ref ", "nope: no such file or directory; check the path"}, ""},
		{"--map folder missing", map[string]string{"schemas/main.json": `{}`}, nil,
			func(dir string) SchemaOptions {
				return SchemaOptions{Maps: []Mapping{{Prefix: "https://example.com/", Dir: filepath.Join(dir, "nope")}}}
			},
			[]string{"--map https://example.com/=", "nope: no such file or directory"}, ""},
		{"--map file missing", map[string]string{"schemas/main.json": orderSchema, "mirror/other.json": `{}`}, nil,
			func(dir string) SchemaOptions {
				return SchemaOptions{Maps: []Mapping{{Prefix: "https://example.com/schemas/", Dir: filepath.Join(dir, "mirror")}}}
			},
			[]string{"$ref https://example.com/schemas/address.json at ", ": no file ", "mirror/address.json (--map https://example.com/schemas/=", "never fetches"}, reachesAddress},
		{"--map climbing out", map[string]string{"schemas/main.json": `{"$ref": "https://example.com/schemas/%2e%2e/secret.json"}`, "secret.json": `{}`}, nil,
			func(dir string) SchemaOptions {
				return SchemaOptions{Maps: []Mapping{{Prefix: "https://example.com/schemas/", Dir: filepath.Join(dir, "schemas")}}}
			},
			[]string{"climbs out of the folder"}, `{}`},
		{"symlink out of the schema folder, by path", map[string]string{"schemas/main.json": `{"$ref": "link.json"}`, "outside.json": `{}`},
			map[string]string{"schemas/link.json": "outside.json"}, nil,
			[]string{"$ref ", "link.json at ", ": is a symlink leading outside the schema's folder; docset does not follow it"}, `{}`},
		{"symlink out of the schema folder, by $id", map[string]string{"schemas/main.json": orderSchema, "outside/address.json": addressSchema, "schemas/ids.json": idsSchema},
			map[string]string{"schemas/lib": "outside", "schemas/address.json": "outside/address.json"}, nil,
			[]string{"$ref https://example.com/schemas/address.json at ", "remote schemas are not fetched"}, reachesAddress},
		{"symlink out of a --map folder", map[string]string{"schemas/main.json": orderSchema, "outside/address.json": addressSchema},
			map[string]string{"mirror/address.json": "outside/address.json"},
			func(dir string) SchemaOptions {
				return SchemaOptions{Maps: []Mapping{{Prefix: "https://example.com/schemas/", Dir: filepath.Join(dir, "mirror")}}}
			},
			[]string{"mirror/address.json is a symlink leading outside", "docset does not follow it"}, reachesAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				writeFile(t, filepath.Join(dir, name), content)
			}
			for link, target := range tt.symlinks {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, link)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(filepath.Join(dir, target), filepath.Join(dir, link)); err != nil {
					t.Skip("no symlinks here:", err)
				}
			}
			var opts SchemaOptions
			if tt.opts != nil {
				opts = tt.opts(dir)
			}
			v, err := NewForSchema(filepath.Join(dir, "schemas/main.json"), opts)
			msg := ""
			switch {
			case tt.reaches == "" && err == nil:
				t.Fatal("no error")
			case tt.reaches == "":
				if _, ok := err.(*SchemaError); !ok {
					t.Errorf("got %T, want *SchemaError", err)
				}
				msg = err.Error()
			case err != nil:
				t.Fatal(err)
			default:
				msg = strings.Join(v.Warnings(), "\n")
				fr := v.ValidateDocument("doc.json", []byte(tt.reaches))
				var ue *UnresolvedRefError
				if !errors.As(fr.Err, &ue) || !strings.Contains(fr.Err.Error(), "cannot be validated: it reaches $ref") {
					t.Errorf("document reaching the $ref: error %v, want an UnresolvedRefError", fr.Err)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q\ndoes not contain %q", msg, w)
				}
			}
		})
	}
}

func TestParseMapping(t *testing.T) {
	for in, want := range map[string]string{
		"https://json.schemastore.org/=schemas/json": "https://json.schemastore.org/|schemas/json",
		"http://localhost:1234=remotes":              "http://localhost:1234/|remotes",
		"https://example.com/a=b=c":                  "https://example.com/a/|b=c",
		"urn:example:=dir":                           "urn:example:|dir",
		"schemas/json":                               "error",
		"=dir":                                       "error",
		"https://example.com/=":                      "error",
		"example.com/=dir":                           "error",
		"https://example.com/#x=dir":                 "error",
	} {
		m, err := ParseMapping(in)
		got := m.Prefix + "|" + m.Dir
		if err != nil {
			got = "error"
		}
		if got != want {
			t.Errorf("ParseMapping(%q) = %q (%v), want %q", in, got, err, want)
		}
	}
}
