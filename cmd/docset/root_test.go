package main

import (
	"context"
	"strings"
	"testing"

	"github.com/docset/docset/internal/iostreams"
	"github.com/docset/docset/schema"
)

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	io, in, out, errOut := iostreams.Test()
	in.WriteString(stdin)
	code = Main(context.Background(), args, io)
	return out.String(), errOut.String(), code
}

func TestRootCommands(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		wantOut     string
		wantErr     string
		wantCode    int
		exactStdout bool
	}{
		{name: "version", args: []string{"version"}, wantOut: "docset devel (record schema " + schema.Version + ", " + schema.ID + ")\n", exactStdout: true},
		{name: "--version prints the same line", args: []string{"--version"}, wantOut: versionLine() + "\n", exactStdout: true},
		{name: "version takes no args", args: []string{"version", "x"}, wantErr: "unknown command", wantCode: ExitError},
		{name: "schema prints the schema", args: []string{"schema"}, wantOut: string(schema.JSON()), exactStdout: true},
		{name: "unknown command", args: []string{"nope"}, wantErr: `unknown command "nope"`, wantCode: ExitError},
		{name: "unknown flag", args: []string{"schema", "--nope"}, wantErr: "Run 'docset schema --help' for usage.", wantCode: ExitError},
		{name: "help", args: []string{"--help"}, wantOut: "Usage:"},
		{name: "completion", args: []string{"completion", "bash"}, wantOut: "bash completion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code: got %d, want %d (stderr %q)", code, tt.wantCode, errOut)
			}
			if tt.exactStdout && out != tt.wantOut || !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout: got %q, want it to contain %q", out, tt.wantOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr: got %q, want it to contain %q", errOut, tt.wantErr)
			}
		})
	}
}
