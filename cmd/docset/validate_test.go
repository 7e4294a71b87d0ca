package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	goldenfile "github.com/docset/docset/internal/golden"
	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/validate"
)

// records is the shipped example records, seen from this package.
const records = "../../testdata/records"

// TestValidateCLI pins `docset validate` end to end: arguments, standard
// input, the exact stdout and stderr (goldens under testdata/validate/) and
// the exit code.
func TestValidateCLI(t *testing.T) {
	lead, err := os.ReadFile(records + "/valid/000_5b4285e19d35a4a5-lead.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
	}{
		{"valid-dir", []string{records + "/valid"}, "", ExitOK},
		{"invalid-text", []string{records + "/invalid/span-text.json", records + "/invalid/duplicate-key.json"}, "", ExitInvalid},
		{"invalid-json", []string{"--format", "json", records + "/invalid/speaker-ref.json"}, "", ExitInvalid},
		{"invalid-github", []string{"--format=github", records + "/invalid"}, "", ExitInvalid},
		{"invalid-junit", []string{"--format", "junit", records + "/invalid/mention-overlap.json", records + "/valid/records.ndjson"}, "", ExitInvalid},
		{"stdin-document", []string{"-"}, string(lead), ExitOK},
		{"stdin-ndjson", []string{"-"}, "{\"a\":1}\n{}\n", ExitInvalid},
		{"missing-path", []string{records + "/valid/000_5b4285e19d35a4a5.json", records + "/nope.json"}, "", ExitError},
		{"no-json-in-dir", []string{"testdata/validate/no-json"}, "", ExitError},
		{"custom-schema", []string{"--schema", "testdata/validate/schemas/order.schema.json", "testdata/validate/orders"}, "", ExitInvalid},
		{"custom-schema-draft7", []string{"--schema", "testdata/validate/schemas/legacy.schema.json", "--draft", "7", "testdata/validate/orders/ok.json"}, "", ExitInvalid},
		{"schema-fails-metaschema", []string{"--schema", "testdata/validate/schemas/broken.schema.json", records}, "", ExitError},
		{"schema-remote-ref", []string{"--schema", "testdata/validate/schemas/remote.schema.json", "testdata/validate/customers", "testdata/validate/orders/ok.json"}, "", ExitError},
		{"schema-unresolvable-ref", []string{"--schema", "testdata/validate/schemas/dangling.schema.json", records}, "", ExitError},
		{"no-args", []string{}, "", ExitError},
		{"no-args-stdin", []string{}, string(lead), ExitOK},
		{"no-args-stdin-github", []string{"--format", "github"}, "{\"a\":1}\n", ExitInvalid},
		{"schema-fails-json", []string{"--format", "json", "--schema", "testdata/validate/schemas/broken.schema.json", records}, "", ExitError},
		{"schema-fails-junit", []string{"--format", "junit", "--schema", "testdata/validate/schemas/bad-pattern.schema.json", records}, "", ExitError},
		{"schema-fails-github", []string{"--format", "github", "--schema", "testdata/validate/schemas/broken.schema.json", records}, "", ExitError},
		{"schema-fails-sarif", []string{"--format", "sarif", "--schema", "testdata/validate/schemas/dangling.schema.json", records}, "", ExitError},
		{"bad-format", []string{"--format", "xml", records}, "", ExitError},
		{"draft-without-schema", []string{"--draft", "7", records}, "", ExitError},
		{"bad-draft", []string{"--schema", "testdata/validate/schemas/order.schema.json", "--draft", "3", records}, "", ExitError},
		{"ref-without-schema", []string{"--ref", "testdata/validate/schemas", records}, "", ExitError},
		{"bad-map", []string{"--schema", "testdata/validate/schemas/order.schema.json", "--map", "schemas.example.com=x", records}, "", ExitError},
		{"assert-formats-without-schema", []string{"--assert-formats=false", records}, "", ExitError},
		{"schema-refs-by-url", []string{"--schema", "testdata/validate/schemas/remote.schema.json", "--ref", "testdata/validate/vendor/address.json", "testdata/validate/customers"}, "", ExitInvalid},
		{"schema-refs-by-url-map", []string{"--schema", "testdata/validate/schemas/remote.schema.json", "--map", "https://schemas.example.com/=testdata/validate/vendor", "testdata/validate/customers"}, "", ExitInvalid},
		{"formats-as-annotations", []string{"--schema", "testdata/validate/schemas/order.schema.json", "--assert-formats=false", "testdata/validate/orders/bad.json"}, "", ExitInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.stdin, append([]string{"validate"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit code: got %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			validateGolden(t, tt.name+".stdout", out)
			validateGolden(t, tt.name+".stderr", errOut)
		})
	}
}

// TestValidateNoPathFromTerminal: without a PATH, standard input is read
// only when something is piped in; at a terminal it is a usage error.
func TestValidateNoPathFromTerminal(t *testing.T) {
	io, _, out, errOut := iostreams.Test()
	io.StdinTTY = true
	code := Main(context.Background(), []string{"validate"}, io)
	if code != ExitError {
		t.Errorf("exit code: got %d, want %d", code, ExitError)
	}
	if out.Len() != 0 {
		t.Errorf("stdout: got %q, want nothing", out)
	}
	if want := "docset: no PATH given: name files or directories, or - for standard input\n"; !strings.HasPrefix(errOut.String(), want) {
		t.Errorf("stderr: got %q, want it to start with %q", errOut, want)
	}
}

// TestValidateReportFiles: --report writes further formats from the same
// run, byte for byte what --format would print, also when the schema
// cannot be used; a bad --report is a usage error.
func TestValidateReportFiles(t *testing.T) {
	dir := t.TempDir()
	sarif, junit := filepath.Join(dir, "reports", "docset.sarif"), filepath.Join(dir, "docset.xml")
	inputs := []string{records + "/invalid/span-text.json", records + "/valid"}
	out, _, code := runCLI(t, "", append([]string{"validate", "--format", "github", "--report", "sarif=" + sarif, "--report", "junit=" + junit}, inputs...)...)
	wantOut, _, _ := runCLI(t, "", append([]string{"validate", "--format", "github"}, inputs...)...)
	if code != ExitInvalid || out != wantOut {
		t.Errorf("exit %d, stdout:\n%s\nwant exit 1 and the github report", code, out)
	}
	for format, path := range map[string]string{"sarif": sarif, "junit": junit} {
		want, _, _ := runCLI(t, "", append([]string{"validate", "--format", format}, inputs...)...)
		got, err := os.ReadFile(path)
		if err != nil || string(got) != want {
			t.Errorf("--report %s: %v\n%s\nwant\n%s", format, err, got, want)
		}
	}

	_, errOut, code := runCLI(t, "", "validate", "--format", "json", "--report", "sarif="+sarif, "--schema", "testdata/validate/schemas/broken.schema.json", records)
	got, _ := os.ReadFile(sarif)
	if code != ExitError || !strings.Contains(errOut, "does not follow its metaschema") || !strings.Contains(string(got), `"schema-error"`) {
		t.Errorf("schema failure: exit %d, stderr %q, report:\n%s", code, errOut, got)
	}

	for _, bad := range []string{"sarif", "sarif=", "yaml=x.yaml"} {
		_, errOut, code := runCLI(t, "", "validate", "--report", bad, records)
		if code != ExitError || !strings.Contains(errOut, "--report") || !strings.Contains(errOut, "Run 'docset validate --help'") {
			t.Errorf("--report %s: exit %d, stderr %q", bad, code, errOut)
		}
	}
}

func validateGolden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "validate", "golden", name), []byte(got))
}

// TestValidateFlags checks flag parsing alone, through runF.
func TestValidateFlags(t *testing.T) {
	tests := []struct {
		args []string
		want ValidateOptions
	}{
		{[]string{"a.json"}, ValidateOptions{Format: "text", AssertFormats: true, Paths: []string{"a.json"}}},
		{[]string{"--format", "github", "--report", "sarif=out/docset.sarif", "--report=junit=r.xml", "a.json"}, ValidateOptions{Format: "github", AssertFormats: true, Paths: []string{"a.json"},
			Reports: []ReportFile{{"sarif", "out/docset.sarif"}, {"junit", "r.xml"}}}},
		{[]string{"--schema", "s.json", "--draft", "2019-09", "--format", "junit", "a", "-"}, ValidateOptions{Schema: "s.json", Draft: "2019-09", Format: "junit", AssertFormats: true, Paths: []string{"a", "-"}}},
		{[]string{"--schema", "s.json", "--ref", "lib", "--ref=x.json", "--map", "https://json.schemastore.org=schemas/json", "--map", "http://localhost:1234/=remotes", "--assert-formats=false", "a"},
			ValidateOptions{Schema: "s.json", Format: "text", Refs: []string{"lib", "x.json"}, Maps: []validate.Mapping{
				{Prefix: "https://json.schemastore.org/", Dir: "schemas/json"}, {Prefix: "http://localhost:1234/", Dir: "remotes"},
			}, Paths: []string{"a"}}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			io, _, _, _ := iostreams.Test()
			var got *ValidateOptions
			cmd := newValidateCmd(&Factory{IO: io}, func(_ context.Context, o *ValidateOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			got.IO = nil
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateCompletion(t *testing.T) {
	for flagName, want := range map[string]string{
		"format": "text\tfor people",
		"draft":  "2019-09",
		"report": "sarif=\tSARIF",
	} {
		out, _, code := runCLI(t, "", cobra.ShellCompRequestCmd, "validate", "--"+flagName, "")
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("completion of --%s: got %q (exit %d), want it to list %q", flagName, out, code, want)
		}
	}
}

func TestValidateHelpDocumentsExitCodes(t *testing.T) {
	out, _, _ := runCLI(t, "", "validate", "--help")
	for _, want := range []string{"Exit status:", "0  every document is valid", "1  at least one finding", "2  usage error", "--format", "junit"} {
		if !strings.Contains(out, want) {
			t.Errorf("help does not mention %q", want)
		}
	}
}
