//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// k8sJob is what the test reads of a Kubernetes Job manifest.
type k8sJob struct {
	Kind string `yaml:"kind"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				Containers []struct {
					Command []string `yaml:"command"`
					Args    []string `yaml:"args"`
				} `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func readJob(t *testing.T, name string) k8sJob {
	t.Helper()
	var j k8sJob
	if err := yaml.Unmarshal([]byte(readTestFile(t, filepath.Join("..", "..", "deploy", "kubernetes", name))), &j); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if j.Kind != "Job" || len(j.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("%s: not a Job of one container", name)
	}
	return j
}

// TestKubernetesRecipe runs the Kubernetes recipe of deploy/ as its pods
// would: the Indexed Job's container command once per index, as separate
// processes at once with JOB_COMPLETION_INDEX set as Kubernetes sets it,
// then the merge Job's shell command; the dataset must be the one a
// single run writes, byte for byte, and every record must be made by
// exactly one shard.
func TestKubernetesRecipe(t *testing.T) {
	shards := readJob(t, "docset-shards.yaml")
	if shards.Spec.CompletionMode != "Indexed" || shards.Spec.Completions < 2 || shards.Spec.Parallelism != shards.Spec.Completions {
		t.Fatalf("docset-shards.yaml: want an Indexed Job running every index at once, got %+v", shards.Spec)
	}
	n := shards.Spec.Completions
	c := shards.Spec.Template.Spec.Containers[0]
	if !slicesContain(c.Args, fmt.Sprintf("$(JOB_COMPLETION_INDEX)/%d", n)) {
		t.Fatalf("docset-shards.yaml: the args %q do not take shard $(JOB_COMPLETION_INDEX)/%d", c.Args, n)
	}
	merge := readJob(t, "docset-merge.yaml").Spec.Template.Spec.Containers[0]

	// The volume: a corpus of text files.
	data := t.TempDir()
	seed := readTestFile(t, filepath.Join("..", "..", "seeds", "000_5b4285e19d35a4a5.txt"))
	for i := range 24 {
		writeTestFile(t, filepath.Join(data, "corpus", fmt.Sprintf("doc-%02d.txt", i)), fmt.Sprintf("%s\n\nCopy %d of the article.\n", seed, i))
	}
	// docset on the PATH of the merge's shell is this test binary.
	bin := t.TempDir()
	writeTestFile(t, filepath.Join(bin, "docset"), fmt.Sprintf("#!/bin/sh\n%s=1 exec %q \"$@\"\n", mainEnv, os.Args[0]))
	if err := os.Chmod(filepath.Join(bin, "docset"), 0o755); err != nil {
		t.Fatal(err)
	}
	onVolume := func(s string) string { return strings.ReplaceAll(s, "/data/", data+"/") }

	type pod struct {
		cmd    *exec.Cmd
		stderr bytes.Buffer
	}
	pods := make([]*pod, n)
	for i := range n {
		if c.Command[0] != "docset" {
			t.Fatalf("docset-shards.yaml: command %q is not docset", c.Command)
		}
		var args []string
		for _, a := range append(c.Command[1:], c.Args...) {
			args = append(args, onVolume(strings.ReplaceAll(a, "$(JOB_COMPLETION_INDEX)", strconv.Itoa(i))))
		}
		p := &pod{cmd: exec.Command(os.Args[0], args...)}
		p.cmd.Env = append(docsetEnv(true), "JOB_COMPLETION_INDEX="+strconv.Itoa(i))
		p.cmd.Stderr = &p.stderr
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		pods[i] = p
	}
	for i, p := range pods {
		if err := p.cmd.Wait(); err != nil {
			t.Fatalf("pod %d: %v\n%s", i, err, p.stderr.String())
		}
	}
	script := onVolume(strings.Join(merge.Args, " "))
	if merge.Command[0] != "sh" {
		t.Fatalf("docset-merge.yaml: command %q is not a shell", merge.Command)
	}
	sh := exec.Command("sh", append(merge.Command[1:], script)...)
	sh.Env = append(docsetEnv(true), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := sh.CombinedOutput()
	if err != nil {
		t.Fatalf("merge: %v\n%s", err, out)
	}

	single := filepath.Join(t.TempDir(), "single")
	if _, stderr, code := runCLI(t, "", "run", filepath.Join(data, "corpus"), "-o", single, "--quiet"); code != ExitOK {
		t.Fatalf("single run: exit %d\n%s", code, stderr)
	}
	want := readTree(t, single, "records/", "report.json", ".docset-outputs.json")
	got := readTree(t, filepath.Join(data, "out", "dataset"), "report.json", ".docset-outputs.json")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the merged dataset differs from a single run's (-want +got):\n%s", diff)
	}
	records := map[string][]byte{}
	total := 0
	for i := range n {
		shard := filepath.Join(data, "out", fmt.Sprintf("shard-%d", i))
		for name, data := range readTree(t, filepath.Join(shard, "records")) {
			if _, dup := records[name]; dup {
				t.Errorf("%s made by two shards", name)
			}
			records[name] = data
		}
		var rep struct {
			Shard   struct{ Index, Count int } `json:"shard"`
			Summary struct {
				Documents   int `json:"documents"`
				OtherShards int `json:"other_shards"`
			} `json:"summary"`
		}
		if err := json.Unmarshal([]byte(readTestFile(t, filepath.Join(shard, "report.json"))), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Shard.Index != i || rep.Shard.Count != n || rep.Summary.Documents+rep.Summary.OtherShards != 24 {
			t.Errorf("shard %d report: %+v", i, rep)
		}
		total += rep.Summary.Documents
	}
	if total != 24 {
		t.Errorf("the shards took %d documents, want 24", total)
	}
	if diff := cmp.Diff(readTree(t, filepath.Join(single, "records")), records); diff != "" {
		t.Errorf("the shards' records differ from a single run's (-want +got):\n%s", diff)
	}
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readTree reads every file under dir by slash path, leaving out the
// paths that start with one of skip.
func readTree(t *testing.T, dir string, skip ...string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		for _, s := range skip {
			if strings.HasPrefix(rel, s) {
				return nil
			}
		}
		data, err := os.ReadFile(p)
		files[rel] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
