package main

// Tests of the channels docset reaches CI users through: the pre-commit
// hooks (.pre-commit-hooks.yaml) and the GitHub Action (action.yml), each
// driven the way its host drives it, on a copy of this work tree.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docset/docset/internal/testtool"
)

// channelEnv is the environment of the programs the channel tests run:
// git with no user or system configuration and a fixed identity, and Go
// with the module cache it already has, so builds need no network.
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
		"GOMODCACHE="+strings.TrimSpace(string(out)),
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
