package main

// Tests of the channels docset reaches CI users through: the pre-commit
// hooks (.pre-commit-hooks.yaml) and the GitHub Action (action.yml), each
// driven the way its host drives it, on a copy of this work tree.

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/docset/docset/internal/testtool"
)

// channelEnv is the environment of the programs the channel tests run:
// git with no user or system configuration and a fixed identity, and Go
// with the module cache it already has, so builds need no network. Builds
// are -trimpath, as the action's are, so that every build of docset from a
// copy of this tree shares the compiled packages in the build cache.
func channelEnv(t *testing.T, goBin string, extra ...string) []string {
	t.Helper()
	out, err := exec.Command(goBin, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOMODCACHE: %v", err)
	}
	env := append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=docset test", "GIT_AUTHOR_EMAIL=test@docset.invalid",
		"GIT_COMMITTER_NAME=docset test", "GIT_COMMITTER_EMAIL=test@docset.invalid",
		"GOMODCACHE="+strings.TrimSpace(string(out)), "GOFLAGS=-trimpath",
	)
	return append(env, extra...)
}

// run runs a program in dir and returns its combined output; failing is
// the caller's to judge.
func run(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := run(dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// snapshotRepo copies the work tree (the files git tracks, and those it
// does not ignore, as they are now) into a new git repository with one
// commit, and returns its folder and commit: the hooks and the action are
// tested as they stand, committed or not.
func snapshotRepo(t *testing.T, env []string) (dir, commit string) {
	t.Helper()
	gitBin := testtool.LookPath(t, "git", "the Debian package git")
	root := testtool.ModuleRoot(t)
	list, err := run(root, env, gitBin, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		t.Skipf("skipping: the module root is not a git work tree (%v)", err)
	}
	dir = t.TempDir()
	for _, rel := range strings.Split(strings.TrimRight(list, "\x00"), "\x00") {
		src := filepath.Join(root, rel)
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the work tree, or a link
		}
		copyFile(t, src, filepath.Join(dir, rel), fi.Mode().Perm())
	}
	mustRun(t, dir, env, gitBin, "init", "-q", "-b", "main")
	mustRun(t, dir, env, gitBin, "add", "-A")
	mustRun(t, dir, env, gitBin, "commit", "-q", "-m", "snapshot")
	return dir, strings.TrimSpace(mustRun(t, dir, env, gitBin, "rev-parse", "HEAD"))
}

func copyFile(t *testing.T, src, dst string, perm os.FileMode) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dst, string(data), perm)
}

func writeFile(t *testing.T, path, data string, perm os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), perm); err != nil {
		t.Fatal(err)
	}
}

// TestPreCommitHooks drives Debian's pre-commit against a new repository
// whose .pre-commit-config.yaml uses both hooks from a local copy of this
// repository: pre-commit builds docset with `go install` and runs it on
// the staged files. Good files pass; a commit with bad files is refused
// with docset's findings in the output.
func TestPreCommitHooks(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: builds docset through pre-commit")
	}
	preCommit := testtool.LookPath(t, "pre-commit", "the Debian package pre-commit (3.x)")
	goBin := testtool.LookPath(t, "go", "Go 1.26 or later")
	gitBin := testtool.LookPath(t, "git", "the Debian package git")
	env := channelEnv(t, goBin, "PRE_COMMIT_HOME="+t.TempDir())
	hooks, commit := snapshotRepo(t, env)

	repo := t.TempDir()
	mustRun(t, repo, env, gitBin, "init", "-q", "-b", "main")
	writeFile(t, filepath.Join(repo, ".pre-commit-config.yaml"), `repos:
  - repo: `+hooks+`
    rev: `+commit+`
    hooks:
      - id: docset-validate
        files: ^records/
      - id: docset-validate-schema
        args: [--schema, schemas/order.schema.json]
        files: ^orders/
`, 0o644)
	copyFile(t, records+"/valid/000_5b4285e19d35a4a5.json", filepath.Join(repo, "records/lead.json"), 0o644)
	copyFile(t, records+"/valid/records.ndjson", filepath.Join(repo, "records/batch.ndjson"), 0o644)
	copyFile(t, "testdata/validate/schemas/order.schema.json", filepath.Join(repo, "schemas/order.schema.json"), 0o644)
	copyFile(t, "testdata/validate/schemas/defs/common.schema.json", filepath.Join(repo, "schemas/defs/common.schema.json"), 0o644)
	copyFile(t, "testdata/validate/orders/ok.json", filepath.Join(repo, "orders/ok.json"), 0o644)
	writeFile(t, filepath.Join(repo, "package.json"), `{"name": "not a record, not matched by files"}`, 0o644)
	mustRun(t, repo, env, gitBin, "add", "-A")

	out, err := run(repo, env, preCommit, "run", "--all-files")
	if err != nil {
		t.Fatalf("pre-commit run on good files: %v\n%s", err, out)
	}
	for _, want := range []string{"docset validate.", "docset validate --schema.", "Passed"} {
		if !strings.Contains(out, want) {
			t.Errorf("pre-commit output lacks %q:\n%s", want, out)
		}
	}
	mustRun(t, repo, env, gitBin, "commit", "-q", "-m", "good files")

	// The hook as people meet it: installed, refusing a commit.
	mustRun(t, repo, env, preCommit, "install")
	copyFile(t, records+"/invalid/span-text.json", filepath.Join(repo, "records/bad.json"), 0o644)
	copyFile(t, "testdata/validate/orders/bad.json", filepath.Join(repo, "orders/bad.json"), 0o644)
	mustRun(t, repo, env, gitBin, "add", "-A")
	out, err = run(repo, env, gitBin, "commit", "-m", "bad files")
	if err == nil {
		t.Fatalf("git commit with bad files succeeded:\n%s", out)
	}
	for _, want := range []string{
		"Failed",
		"records/bad.json:148:15: span-text: /quotes/0/text:",
		"orders/bad.json:2:9: pattern: /id: does not match pattern",
		"1 file, 1 record: 1 invalid, 5 findings",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("refused commit's output lacks %q:\n%s", want, out)
		}
	}
	t.Logf("refused commit:\n%s", out)
	if strings.Contains(out, "lead.json") {
		t.Errorf("the hook checked files that were not staged:\n%s", out)
	}
}

// action is the part of action.yml a runner reads for a composite action.
type action struct {
	Inputs map[string]struct {
		Required bool   `yaml:"required"`
		Default  string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID    string            `yaml:"id"`
			Shell string            `yaml:"shell"`
			Env   map[string]string `yaml:"env"`
			Run   string            `yaml:"run"`
			Uses  string            `yaml:"uses"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// actionRunner runs action.yml's steps as GitHub's runner runs a composite
// action's: each run script under `bash --noprofile --norc -eo pipefail`,
// with the step's env evaluated (inputs with their defaults, github.*,
// steps.*.outputs.*) and GITHUB_OUTPUT read back after each step.
type actionRunner struct {
	t          *testing.T
	def        action
	env        []string
	actionPath string
	actionRef  string
	workspace  string
	// reuse holds the outputs of steps not to run again (by step id): the
	// install step, once docset is installed.
	reuse map[string]map[string]string
}

// result is one run of the action: the steps' outputs and log, and the
// exit status of the step that ended it.
type actionResult struct {
	outputs map[string]map[string]string
	log     string
	code    int
}

func (r *actionRunner) run(inputs map[string]string) actionResult {
	t := r.t
	t.Helper()
	for name := range inputs {
		if _, ok := r.def.Inputs[name]; !ok {
			t.Fatalf("action.yml has no input %q", name)
		}
	}
	for name, in := range r.def.Inputs {
		if _, ok := inputs[name]; !ok {
			if in.Required {
				t.Fatalf("required input %q not given", name)
			}
			inputs[name] = in.Default
		}
	}
	res := actionResult{outputs: map[string]map[string]string{}}
	eval := func(s string) string {
		return expression.ReplaceAllStringFunc(s, func(m string) string {
			e := expression.FindStringSubmatch(m)[1]
			switch parts := strings.Split(e, "."); {
			case e == "github.action_path":
				return r.actionPath
			case e == "github.action_ref":
				return r.actionRef
			case len(parts) == 2 && parts[0] == "inputs":
				return inputs[parts[1]]
			case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
				return res.outputs[parts[1]][parts[3]]
			}
			t.Fatalf("action.yml: expression %q is not one the test runner knows", m)
			return ""
		})
	}
	// The action's outputs are evaluated however the steps ended.
	defer func() {
		for name, o := range r.def.Outputs {
			res.outputs["action"] = mergeOutput(res.outputs["action"], name, eval(o.Value))
		}
	}()
	tmp := t.TempDir()
	for i, step := range r.def.Runs.Steps {
		if out, ok := r.reuse[step.ID]; ok {
			res.outputs[step.ID] = out
			continue
		}
		outFile := filepath.Join(tmp, fmt.Sprintf("output-%d", i))
		writeFile(t, outFile, "", 0o644)
		script := filepath.Join(tmp, fmt.Sprintf("step-%d.sh", i))
		writeFile(t, script, step.Run, 0o755)
		env := append(slices.Clone(r.env), "GITHUB_OUTPUT="+outFile, "RUNNER_TEMP="+tmp,
			"GITHUB_WORKSPACE="+r.workspace, "GITHUB_ACTIONS=true", "CI=true")
		for k, v := range step.Env {
			env = append(env, k+"="+eval(v))
		}
		out, err := run(r.workspace, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		res.log += out
		outputs := map[string]string{}
		data, rerr := os.ReadFile(outFile)
		if rerr != nil {
			t.Fatal(rerr)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				outputs[k] = v
			} else if line != "" {
				t.Fatalf("step %s wrote %q to GITHUB_OUTPUT: the test runner reads only name=value lines", step.ID, line)
			}
		}
		res.outputs[step.ID] = outputs
		if err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("step %s: %v", step.ID, err)
			}
			res.code = ee.ExitCode()
			return res
		}
	}
	return res
}

func mergeOutput(m map[string]string, k, v string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[k] = v
	return m
}

// moduleProxy writes a file-based Go module proxy serving the module in
// dir as version: `go install MODULE/cmd/docset@version` from it is what a
// runner does with the action's ref.
func moduleProxy(t *testing.T, dir, module, version string) string {
	t.Helper()
	proxy := t.TempDir()
	at := filepath.Join(proxy, filepath.FromSlash(module), "@v")
	writeFile(t, filepath.Join(at, "list"), version+"\n", 0o644)
	writeFile(t, filepath.Join(at, version+".info"), `{"Version":"`+version+`","Time":"2026-12-04T00:00:00Z"}`, 0o644)
	copyFile(t, filepath.Join(dir, "go.mod"), filepath.Join(at, version+".mod"), 0o644)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel == ".git" {
				return fs.SkipDir
			}
			return nil
		}
		w, err := zw.Create(module + "@" + version + "/" + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(at, version+".zip"), buf.String(), 0o644)
	return proxy
}

// TestGitHubAction runs action.yml's steps as the runner would for
// `uses: docset/docset@v1.2.3`: docset is installed with `go install` at
// the action's ref (served by a local module proxy) and reports that
// version; validation annotates the log, writes SARIF on request, passes
// --schema, --ref, --map, --draft and --assert-formats through, and fails
// the step with docset's exit status.
func TestGitHubAction(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: installs docset with go install")
	}
	goBin := testtool.LookPath(t, "go", "Go 1.26 or later")
	testtool.LookPath(t, "bash", "the Debian package bash")
	data, err := os.ReadFile(filepath.Join(testtool.ModuleRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var def action
	if err := yaml.Unmarshal(data, &def); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if def.Runs.Using != "composite" {
		t.Fatalf("action.yml: runs.using %q, want composite", def.Runs.Using)
	}
	for _, step := range def.Runs.Steps {
		if step.Uses != "" || step.Shell != "bash" {
			t.Fatalf("step %s: uses %q shell %q; the test runs bash steps only", step.ID, step.Uses, step.Shell)
		}
		if strings.Contains(step.Run, "${{") {
			t.Errorf("step %s splices an expression into its script; pass it through env", step.ID)
		}
	}

	gomodcache, err := exec.Command(goBin, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	goproxy, _ := exec.Command(goBin, "env", "GOPROXY").Output()
	base := channelEnv(t, goBin)
	actionPath, _ := snapshotRepo(t, base)
	const module, version = "github.com/docset/docset", "v1.2.3"
	proxy := moduleProxy(t, actionPath, module, version)
	// A module cache of its own, so the served version is never mistaken
	// for another run's; the modules docset needs come from the one this
	// machine has, then from the usual proxy.
	env := append(base,
		"GOMODCACHE="+t.TempDir(), "GOFLAGS=-modcacherw -trimpath",
		"GOPROXY=file://"+proxy+",file://"+filepath.Join(strings.TrimSpace(string(gomodcache)), "cache", "download")+","+strings.TrimSpace(string(goproxy)),
		"GONOSUMDB="+module, "GOTOOLCHAIN=local")

	workspace := t.TempDir()
	copyFile(t, records+"/valid/000_5b4285e19d35a4a5.json", filepath.Join(workspace, "records/lead.json"), 0o644)
	copyFile(t, records+"/invalid/span-text.json", filepath.Join(workspace, "records/bad.json"), 0o644)
	writeFile(t, filepath.Join(workspace, "schemas/order.json"), `{
  "$id": "https://example.com/schemas/order.json",
  "type": "object",
  "required": ["id", "ship_to", "placed"],
  "properties": {
    "id": {"type": "string"},
    "ship_to": {"$ref": "address.json"},
    "placed": {"type": "string", "format": "date"},
    "currency": {"$ref": "https://example.com/shared/currency.json"}
  }
}`, 0o644)
	writeFile(t, filepath.Join(workspace, "vendor/address.schema.json"), `{"$id": "https://example.com/schemas/address.json", "type": "object", "required": ["city"]}`, 0o644)
	writeFile(t, filepath.Join(workspace, "mirror/currency.json"), `{"enum": ["EUR", "USD"]}`, 0o644)
	writeFile(t, filepath.Join(workspace, "orders/a.json"), `{"id": "o-1", "ship_to": {"city": "Lyon"}, "placed": "2026-12-04", "currency": "EUR"}`, 0o644)
	writeFile(t, filepath.Join(workspace, "orders/b dir/b.json"), `{"id": "o-2", "ship_to": {"city": "Oslo"}, "placed": "4 Dec 2026"}`, 0o644)

	runner := &actionRunner{t: t, def: def, env: env, actionPath: actionPath, actionRef: version, workspace: workspace}
	res := runner.run(map[string]string{"paths": "records/", "sarif": "reports/docset.sarif"})
	if res.code != ExitInvalid {
		t.Fatalf("records: exit %d, want %d\n%s", res.code, ExitInvalid, res.log)
	}
	if want := "docset " + version + " (record schema "; !strings.HasPrefix(res.outputs["install"]["version"], want) || !strings.Contains(res.log, want) {
		t.Errorf("installed version: output %q, want it to start with %q (go install at the action's ref)\n%s", res.outputs["install"]["version"], want, res.log)
	}
	if want := "::error file=records/bad.json,line=148,col=15,title=docset validate%3A span-text::/quotes/0/text:"; !strings.Contains(res.log, want) {
		t.Errorf("log lacks the annotation %q:\n%s", want, res.log)
	}
	if res.outputs["action"]["sarif"] != "reports/docset.sarif" || res.outputs["action"]["version"] == "" {
		t.Errorf("action outputs %v", res.outputs["action"])
	}
	sarif, err := os.ReadFile(filepath.Join(workspace, "reports/docset.sarif"))
	if err != nil || !bytes.Contains(sarif, []byte(`"uri": "records/bad.json"`)) || !bytes.Contains(sarif, []byte(`"version": "`+version+`"`)) {
		t.Errorf("SARIF file: %v\n%.600s", err, sarif)
	}

	// The other runs reuse the installed docset.
	runner.reuse = map[string]map[string]string{"install": res.outputs["install"]}
	schemaInputs := func(extra map[string]string) map[string]string {
		in := map[string]string{
			"paths":  "orders/a.json\n  orders/b dir/b.json",
			"schema": "schemas/order.json",
			"ref":    "vendor/",
			"map":    "https://example.com/shared/=mirror",
			"format": "text",
		}
		for k, v := range extra {
			in[k] = v
		}
		return in
	}
	if res := runner.run(schemaInputs(nil)); res.code != ExitError || !strings.Contains(res.log, "orders/b: error: no such file") {
		t.Errorf("a path with a space is two paths, as documented: exit %d\n%s", res.code, res.log)
	}
	res = runner.run(schemaInputs(map[string]string{"paths": "orders/"}))
	if res.code != ExitInvalid || !strings.Contains(res.log, `orders/b dir/b.json:1:54: format: /placed: '4 Dec 2026' is not valid 'date'`) {
		t.Errorf("--schema with --ref and --map: exit %d, want 1 with a format finding\n%s", res.code, res.log)
	}
	res = runner.run(schemaInputs(map[string]string{"paths": "orders/", "assert-formats": "false", "draft": "2020-12"}))
	if res.code != ExitOK || !strings.Contains(res.log, "2 files, 2 records: all valid") {
		t.Errorf("assert-formats false: exit %d, want 0\n%s", res.code, res.log)
	}
	for name, in := range map[string]map[string]string{
		"empty paths":        {"paths": " \n "},
		"bad assert-formats": {"paths": "records/", "assert-formats": "yes"},
	} {
		if res := runner.run(in); res.code != ExitError || !strings.Contains(res.log, "::error title=docset::") {
			t.Errorf("%s: exit %d, want 2 with an ::error line\n%s", name, res.code, res.log)
		}
	}

	// `uses: ./` (the action from the repository's own checkout) has no
	// ref: the action's copy is built.
	runner.actionRef, runner.reuse = "", nil
	if res := runner.run(map[string]string{"paths": "records/lead.json"}); res.code != ExitOK || !strings.HasPrefix(res.outputs["install"]["version"], "docset ") {
		t.Errorf("without a ref: exit %d, version %q\n%s", res.code, res.outputs["install"]["version"], res.log)
	}
}
